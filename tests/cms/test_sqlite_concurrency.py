"""On the embedded SQLite default, editors, the task worker and the scheduler never collide.

A real ``runserver`` process, the real ``db_worker`` and ``publish_scheduled`` share one
SQLite file while 20 editors publish at the same moment over HTTP. Every publish must
succeed, every task the publishes queued (search index, reference index, PDF export)
must finish, and no process may log "database is locked". It counts errors; it does
not time anything. Runs on SQLite only (the fixture skips elsewhere).
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.served_site import RESOURCES, form_fields

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PUBLISH_TIMEOUT_S = 60
QUEUE_DEADLINE_S = 40


def publish(site, cookies, page_id, title, start):
    """Open the page, change its title, wait for the others, publish."""
    session = requests.Session()
    session.cookies.update(cookies)
    edit_url = f"{site.base_url}/admin/pages/{page_id}/edit/"
    form = session.get(edit_url, timeout=30)
    assert form.status_code == 200, form.status_code
    data = [(name, value) for name, value in form_fields(form.text, "page-edit-form")]
    data = [(name, title if name == "title" else value) for name, value in data]
    data.append(("action-publish", "action-publish"))
    start.wait()
    answer = session.post(edit_url, data=data, timeout=PUBLISH_TIMEOUT_S, allow_redirects=False)
    # Wagtail redirects after a successful publish; a form error would answer 200.
    return answer.status_code, answer.headers.get("Location", ""), answer.text[-300:]


def test_twenty_concurrent_publishes_beside_the_worker_and_scheduler_fail_nothing(
    served_sqlite_site,
):
    site = served_sqlite_site
    site.start_worker()
    start = threading.Barrier(RESOURCES, timeout=60)
    cookies = site.editor_session().cookies
    titles = {page_id: f"{title}, republished" for page_id, title in site.resources}
    with ThreadPoolExecutor(RESOURCES) as pool:
        scheduler = site.manage("publish_scheduled", log_name="scheduler.log")
        answers = dict(
            zip(
                titles,
                pool.map(lambda item: publish(site, cookies, *item, start), titles.items()),
                strict=True,
            )
        )
    assert scheduler.wait(timeout=60) == 0, site.log("scheduler.log")

    failed = {pk: answer for pk, answer in answers.items() if answer[0] != 302}
    assert not failed, f"{len(failed)} of {RESOURCES} publishes failed: {failed}"

    # Every publish is live with the editor's title; the scheduler published its drafts.
    pages = {
        pk: (title, live, changes)
        for pk, title, live, changes in site.query(
            "SELECT id, title, live, has_unpublished_changes FROM wagtailcore_page"
        )
    }
    assert {pk: pages[pk] for pk in titles} == {pk: (t, 1, 0) for pk, t in titles.items()}
    assert all(pages[pk][0].endswith("gone live") for pk in site.scheduled)

    # The worker finishes what the publishes queued, and none of it fails.
    deadline = time.monotonic() + QUEUE_DEADLINE_S
    while time.monotonic() < deadline:
        waiting = site.query(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE status IN ('READY', 'RUNNING')"
        )[0][0]
        if not waiting:
            break
        time.sleep(0.5)
    statuses = dict(
        site.query(
            "SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status"
        )
    )
    assert statuses.get("SUCCESSFUL", 0) > RESOURCES, statuses
    assert set(statuses) == {"SUCCESSFUL"}, (statuses, site.log("worker.log")[-3000:])

    for log in ("server.log", "worker.log", "scheduler.log"):
        assert "database is locked" not in site.log(log), site.log(log)[-3000:]
