"""CORS for configured origins only, and configurable throttling of anonymous reads."""

import pytest
from django.conf import settings
from django.test import override_settings

from api.checks import check_throttle_rate

pytestmark = pytest.mark.django_db

READER = "https://reader.example.org"
STRANGER = "https://stranger.example.com"


def throttled(rate):
    return override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": rate}}
    )


@override_settings(CORS_ALLOWED_ORIGINS=[READER])
def test_cors_allows_configured_origins_only(api, playbook_tree):
    allowed = api.get("/api/v1/tools/", HTTP_ORIGIN=READER)
    assert allowed["Access-Control-Allow-Origin"] == READER
    exposed = allowed["Access-Control-Expose-Headers"]
    # A frontend reads these from JavaScript: revalidation, back-off, the PDF's name.
    for header in ("ETag", "Retry-After", "Content-Disposition", "Last-Modified"):
        assert header in exposed
    refused = api.get("/api/v1/tools/", HTTP_ORIGIN=STRANGER)
    assert refused.status_code == 200  # the browser, not the server, withholds the body
    assert "Access-Control-Allow-Origin" not in refused
    # The same stored body answers each origin with its own CORS headers.
    assert refused["ETag"] == allowed["ETag"]
    assert api.get("/api/v1/tools/", HTTP_ORIGIN=READER)["Access-Control-Allow-Origin"] == READER


@override_settings(CORS_ALLOWED_ORIGINS=[READER])
def test_cors_preflight_allows_conditional_requests(api, playbook_tree):
    response = api.options(
        "/api/v1/tools/",
        HTTP_ORIGIN=READER,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == READER
    assert "if-none-match" in response["Access-Control-Allow-Headers"]
    refused = api.options(
        "/api/v1/tools/", HTTP_ORIGIN=STRANGER, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert "Access-Control-Allow-Origin" not in refused


def test_throttling_is_off_when_the_rate_is_empty(api, playbook_tree):
    with throttled(None):
        assert {api.get("/api/v1/themes/").status_code for _ in range(30)} == {200}


def test_throttling_limits_anonymous_reads(api, playbook_tree):
    with throttled("3/min"):
        statuses = [api.get("/api/v1/themes/").status_code for _ in range(3)]
        refused = api.get("/api/v1/themes/")
        other_client = api.get("/api/v1/themes/", REMOTE_ADDR="10.1.2.3")
    assert statuses == [200, 200, 200]  # the last two are cache hits, throttled all the same
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    [error] = refused.json()["errors"]
    assert error["retry_after"] == int(refused["Retry-After"])
    assert other_client.status_code == 200


@pytest.mark.parametrize(("rate", "valid"), [("120/min", True), ("", True), ("lots", False)])
def test_throttle_rate_is_checked_at_start_up(rate, valid):
    with throttled(rate):
        errors = check_throttle_rate(None)
    assert (errors == []) is valid
    if not valid:
        assert errors[0].id == "api.E001"
