"""The API's and the reader's answers are gzip-compressed; the admin's never are."""

import gzip
import json

import pytest

pytestmark = pytest.mark.django_db


def test_api_json_is_compressed_and_conditional_requests_still_answer_304(client, playbook_tree):
    plain = client.get("/api/v1/tools/")
    response = client.get("/api/v1/tools/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    body = gzip.decompress(response.content)
    assert json.loads(body) == plain.json()
    assert len(response.content) < len(body)
    # The compressed answer's ETag is the weak form of the plain one; sending it
    # back still gets a 304, so clients revalidate instead of downloading again.
    assert response["ETag"] == f"W/{plain['ETag']}"
    again = client.get(
        "/api/v1/tools/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304


def test_reader_shell_is_compressed(client, playbook_tree):
    response = client.get("/playbook/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert b'<main id="main"' in gzip.decompress(response.content)


def test_admin_pages_are_never_compressed(client):
    # They carry CSRF tokens: compressing them beside reflected input is BREACH.
    response = client.get("/admin/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "Content-Encoding" not in response
