"""With the database unreachable, the API, the reader and the admin answer 503 + Retry-After.

Each case runs a fresh Django process whose DATABASE_URL points at a closed port
(PostgreSQL) or an unopenable file (SQLite): a real connection failure, not a mock.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, django
django.setup()
from django.test import Client
out = {}
for path in ("/api/v1/pages/?path=/", "/api/v1/playbooks/", "/health/"):
    response = Client(raise_request_exception=False).get(path)
    out[path] = {
        "status": response.status_code,
        "retry_after": response.get("Retry-After"),
        "content_type": response.get("Content-Type"),
        "body": response.content.decode()[:500],
    }
# An editor's publish: even their session cannot be read.
client = Client(raise_request_exception=False)
client.cookies["sessionid"] = "an-editors-session"
for accept in ("text/html", "application/json"):
    response = client.post(
        "/admin/pages/3/edit/",
        {"title": "Typed <b>before</b> the outage", "action-publish": "action-publish"},
        headers={"accept": accept},
    )
    out["admin " + accept] = {
        "status": response.status_code,
        "retry_after": response.get("Retry-After"),
        "content_type": response.get("Content-Type"),
        "body": response.content.decode(),
    }
print(json.dumps(out))
"""


@pytest.fixture(params=["postgresql", "sqlite"])
def unreachable_database_url(request, tmp_path):
    if request.param == "postgresql":
        return "postgres://postgres@127.0.0.1:1/playbook"  # nothing listens on port 1
    return f"sqlite:///{tmp_path}/missing-folder/db.sqlite3"


def test_database_down_is_a_503_with_retry_after(unreachable_database_url):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": unreachable_database_url,
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    answers = json.loads(result.stdout.strip().splitlines()[-1])

    for path in ("/api/v1/pages/?path=/", "/api/v1/playbooks/"):
        answer = answers[path]
        assert answer["status"] == 503, answer
        assert answer["retry_after"] == "5"
        assert answer["content_type"].startswith("application/json")
        error = json.loads(answer["body"])["errors"][0]
        assert "database is unavailable" in error["message"]
    # The health check says which part failed, still as a 503.
    health = answers["/health/"]
    assert health["status"] == 503
    assert json.loads(health["body"])["checks"]["database"]["status"] == "error"

    # The admin's own page, rendered without the database, with the typing kept.
    page = answers["admin text/html"]
    assert page["status"] == 503 and page["retry_after"] == "5"
    assert page["content_type"].startswith("text/html")
    html = BeautifulSoup(page["body"], "html.parser")
    assert html.select_one("link[href*='wagtailadmin/css/core.css']") is not None
    assert "The database is unavailable for a moment" in html.select_one("h1").get_text()
    retry = html.select_one("form#retry-form")
    assert retry["action"] == "/admin/pages/3/edit/"
    assert {(i["name"], i["value"]) for i in retry.select("input[type=hidden]")} == {
        ("title", "Typed <b>before</b> the outage"),
        ("action-publish", "action-publish"),
    }
    autosave = answers["admin application/json"]
    assert autosave["status"] == 503
    assert json.loads(autosave["body"])["error_code"] == "database_unavailable"
