"""An outage in the admin: the admin's own error page, and the editor's typing survives.

The server is a real process on an SQLite file; the test holds the file's write lock
(a real "database is locked", as the task worker could) while an editor publishes.
The 503 page must carry the typed form back; once the lock is gone its "Try again"
publishes exactly what was typed. Runs on SQLite only (the fixture skips elsewhere).
"""

import sqlite3

import pytest
import requests
from bs4 import BeautifulSoup

from tests.served_site import form_fields

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TYPED_TITLE = 'Typed during the outage: a title with <angle> & "quotes"'


@pytest.mark.parametrize("served_sqlite_site", [{"SQLITE_BUSY_TIMEOUT": "1"}], indirect=True)
def test_a_publish_during_an_outage_keeps_the_typed_form_and_retries_it(served_sqlite_site):
    site = served_sqlite_site
    session = site.editor_session()
    page_id, _ = site.resources[0]
    edit_url = f"{site.base_url}/admin/pages/{page_id}/edit/"
    fields = form_fields(session.get(edit_url, timeout=30).text, "page-edit-form")
    typed = [(name, TYPED_TITLE if name == "title" else value) for name, value in fields]
    typed.append(("action-publish", "action-publish"))

    lock = sqlite3.connect(site.db_path, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")  # what a long write by another process does
    try:
        answer = session.post(edit_url, data=typed, timeout=30, allow_redirects=False)
        reading = session.get(f"{site.base_url}/admin/pages/{page_id}/", timeout=30)
    finally:
        lock.rollback()
        lock.close()

    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "5"
    assert answer.headers["Cache-Control"] == "no-store"
    html = BeautifulSoup(answer.text, "html.parser")
    # The admin's layout (its stylesheet and logo), not a bare text page.
    assert html.select_one("link[href*='wagtailadmin/css/core.css']") is not None
    assert html.select_one("h1").get_text(strip=True) == "The database is unavailable for a moment"
    assert "Nothing was saved" in html.get_text()
    assert html.select_one("a[href='/admin/']").get_text(strip=True) == "Go to the dashboard"
    retry = html.select_one("form#retry-form")
    assert retry["action"] == f"/admin/pages/{page_id}/edit/"
    assert retry.select_one("button[type=submit]").get_text(strip=True) == "Try again"
    assert form_fields(answer.text, "retry-form") == typed
    # Reading the admin still works during a write lock (WAL).
    assert reading.status_code == 200

    # The lock is gone: "Try again" publishes what was typed.
    again = session.post(
        f"{site.base_url}{retry['action']}",
        data=form_fields(answer.text, "retry-form"),
        timeout=30,
        allow_redirects=False,
    )
    assert again.status_code == 302, again.text[-500:]
    assert site.query(
        "SELECT title, live, has_unpublished_changes FROM wagtailcore_page WHERE id = ?",
        [page_id],
    ) == [(TYPED_TITLE, 1, 0)]


@pytest.mark.parametrize("served_sqlite_site", [{"SQLITE_BUSY_TIMEOUT": "1"}], indirect=True)
def test_an_admin_page_that_cannot_load_offers_a_retry_link(served_sqlite_site):
    site = served_sqlite_site
    session = site.editor_session()
    lock = sqlite3.connect(site.db_path, isolation_level=None)
    # EXCLUSIVE stops readers too: even the session cannot be read.
    lock.execute("PRAGMA locking_mode=EXCLUSIVE")
    lock.execute("BEGIN EXCLUSIVE")
    try:
        answer = session.get(f"{site.base_url}/admin/pages/?q=x", timeout=30)
        autosave = session.post(
            f"{site.base_url}/admin/pages/{site.resources[0][0]}/edit/",
            data={"title": "x"},
            headers={"Accept": "application/json", "X-CSRFToken": session.cookies["csrftoken"]},
            timeout=30,
        )
    finally:
        lock.rollback()
        lock.close()
    assert answer.status_code == 503
    html = BeautifulSoup(answer.text, "html.parser")
    assert html.select_one("link[href*='wagtailadmin/css/core.css']") is not None
    assert html.select_one("a.button[href='/admin/pages/?q=x']").get_text(strip=True) == "Try again"
    assert html.select_one("form#retry-form") is None
    # Wagtail's own JSON calls (autosave) get Wagtail's JSON error shape.
    assert autosave.status_code == 503
    assert autosave.json() == {
        "success": False,
        "error_code": "database_unavailable",
        "error_message": "The database is unavailable for a moment; retry shortly.",
    }
    assert requests.get(f"{site.base_url}/admin/login/", timeout=30).status_code == 200
