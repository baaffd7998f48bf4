"""An editor publishes while the database is locked, in Chromium: nothing they typed is lost.

The admin is a real ``runserver`` process on an SQLite file (``served_sqlite_site``);
the test holds the file's write lock while the editor presses Publish in Wagtail's own
edit form, then lets go and the editor presses "Try again". Runs on SQLite only.
"""

import sqlite3

import pytest

from tests.browser.conftest import SCREENSHOTS, TIMEOUT_MS, expect
from tests.served_site import EDITOR, PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Typed while the database was locked"
SUMMARY = "A summary the editor would hate to type twice."


@pytest.mark.parametrize("served_sqlite_site", [{"SQLITE_BUSY_TIMEOUT": "1"}], indirect=True)
def test_a_publish_that_meets_a_locked_database_is_kept_and_retried(browser, served_sqlite_site):
    site = served_sqlite_site
    page_id, _ = site.resources[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # Only this machine: anything else (an update check, a font) is refused.
    context.route(lambda url: not url.startswith(site.base_url), lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        page.goto(f"{site.base_url}/admin/login/")
        page.fill("input[name=username]", EDITOR)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/")
        page.goto(f"{site.base_url}/admin/pages/{page_id}/edit/")
        page.fill("#id_title", TITLE)
        page.fill("#id_summary", SUMMARY)

        lock = sqlite3.connect(site.db_path, isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")  # another process writing, for longer than a moment
        try:
            toggle = page.locator("footer [data-w-dropdown-target='toggle']").first
            publish = page.locator("button[name='action-publish']")
            if not publish.is_visible():
                toggle.click()
            publish.click()
            expect(page.get_by_role("heading", level=1)).to_have_text(
                "The database is unavailable for a moment"
            )
            expect(page.get_by_text("Nothing was saved.")).to_be_visible()
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "45-admin-database-unavailable.png"))
        finally:
            lock.rollback()
            lock.close()

        page.get_by_role("button", name="Try again").click()
        expect(page.locator(".messages")).to_contain_text("published")
        page.screenshot(path=str(SCREENSHOTS / "46-admin-after-try-again.png"))
    finally:
        context.close()

    assert site.query(
        "SELECT p.title, r.summary, p.live, p.has_unpublished_changes FROM wagtailcore_page p "
        "JOIN playbook_pages_externalresourcepage r ON r.page_ptr_id = p.id WHERE p.id = ?",
        [page_id],
    ) == [(TITLE, SUMMARY, 1, 0)]
