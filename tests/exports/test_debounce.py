"""Content changes queue re-exports through the database task queue, debounced.

These tests use the database backend (as the demo does) and a real worker run
(``db_worker --batch``); they need real commits, hence transactional tests. A
publish queues the rebuild of the stored representations; the worker runs it, and
the rebuild's ``representations_changed`` queues the (debounced) re-export. Content
that leaves the public withdraws the PDF in the editor's own commit, before any task.
"""

import datetime
import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader
from wagtail.models import PageViewRestriction

from exports.models import PlaybookExport
from exports.services import export_playbook
from tests.exports.playbook_builder import publish

TASK_PATH = "exports.tasks.export_playbook_task"
PDF_URL = "/api/v1/playbooks/small/pdf/"

# Real commits; serialized_rollback restores the root page, locale and site that
# migrations create before each test, and restore_migrated_rows puts them back after
# the last one, for the tests that run later.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restore_migrated_rows"),
]


@pytest.fixture
def db_tasks(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}
    }
    settings.PLAYBOOK_PDF_DEBOUNCE_SECONDS = 30


def export_tasks():
    return DBTaskResult.objects.filter(task_path=TASK_PATH)


def run_worker(make_due=True):
    """Run what is due: the rebuilds first (they queue exports), then due exports."""
    call_command(
        "db_worker", queue_name="*", batch=True, startup_delay=False, reload=False, verbosity=0
    )
    if make_due:  # skip the debounce wait instead of sleeping through it
        export_tasks().update(run_after=timezone.now() - datetime.timedelta(seconds=1))
        call_command(
            "db_worker", queue_name="*", batch=True, startup_delay=False, reload=False, verbosity=0
        )


def run_rebuilds():
    """The worker rebuilds the representations; exports stay waiting for their time."""
    run_worker(make_due=False)


def first_pdf(playbook):
    """The store built from the fixture's publishes, and the playbook's PDF made once.

    (The fixture also changed the site, whose full rebuild announces no changes.)
    """
    run_rebuilds()
    export_playbook(playbook, "a4")
    export_tasks().delete()  # the fixture's own publishes queued one too: made above
    return PlaybookExport.objects.get(playbook=playbook)


def test_ten_publishes_in_a_row_cause_one_render(db_tasks, small, settings):
    # Long enough that the export cannot fall due while a loaded machine runs the
    # rebuilds and the worker below.
    settings.PLAYBOOK_PDF_DEBOUNCE_SECONDS = 600
    playbook, _, tool, _ = small
    run_rebuilds()
    export_tasks().delete()  # building the fixture published pages too
    PlaybookExport.objects.all().delete()
    before = timezone.now()

    for number in range(10):
        tool.title = f"Tool, version {number}"
        publish(tool)
    assert not export_tasks().exists()  # nothing before the representations change
    run_rebuilds()

    assert export_tasks().count() == 1
    queued = export_tasks().get()
    assert queued.run_after >= before + datetime.timedelta(seconds=599)
    export = PlaybookExport.objects.get(playbook=playbook, paper="a4")
    assert export.status == PlaybookExport.Status.PENDING and export.renders == 0

    run_worker(make_due=False)  # not due yet: nothing happens
    assert PlaybookExport.objects.get(pk=export.pk).renders == 0

    run_worker()
    export.refresh_from_db()
    assert export.status == PlaybookExport.Status.READY
    assert export.renders == 1
    assert export_tasks().get().status == "SUCCESSFUL"

    # The next publish after the render queues a fresh export.
    tool.title = "Tool, version 11"
    publish(tool)
    run_rebuilds()
    assert export_tasks().filter(status="READY").count() == 1


def test_unchanged_content_is_not_rendered_by_a_second_task(db_tasks, small):
    playbook, challenge, _, _ = small
    export = first_pdf(playbook)
    assert export.renders == 1
    publish(challenge)  # a publish without changes rebuilds the same representations...
    run_worker()
    export.refresh_from_db()
    assert export.renders == 1  # ...so nothing is rendered again
    assert export.status == PlaybookExport.Status.READY


def test_unpublishing_or_deleting_a_tool_queues_a_re_export(db_tasks, small):
    playbook, _, tool, _ = small
    first = first_pdf(playbook)

    tool.unpublish()
    assert export_tasks().filter(status="READY").count() == 1
    # Content left the public: the old PDF is no longer served, even for a moment.
    withdrawn = PlaybookExport.objects.get(pk=first.pk)
    assert not withdrawn.has_file and not default_storage.exists(first.file_name)
    run_worker()
    after_unpublish = PlaybookExport.objects.get(pk=first.pk)
    assert after_unpublish.renders == 2 and after_unpublish.version != first.version

    publish(tool)  # back in the PDF...
    run_worker()
    assert PlaybookExport.objects.get(pk=first.pk).has_file
    tool.delete()  # ...and deleted: withdrawn at once, re-made without waiting
    assert export_tasks().filter(status="READY").count() == 1
    assert not PlaybookExport.objects.get(pk=first.pk).has_file


def test_making_a_page_private_withdraws_the_pdf(db_tasks, small):
    playbook, _, tool, _ = small
    assert first_pdf(playbook).has_file
    PageViewRestriction.objects.create(
        page=tool, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert not PlaybookExport.objects.get(playbook=playbook).has_file
    run_worker()
    export = PlaybookExport.objects.get(playbook=playbook)
    data = default_storage.open(export.file_name, "rb").read()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "The challenge" in text and "The tool" not in text


def test_unpublishing_the_playbook_withdraws_its_pdf_and_queues_nothing(db_tasks, small):
    playbook = small[0]
    first = first_pdf(playbook)
    export_tasks().delete()

    playbook.unpublish()

    assert not export_tasks().exists()  # nothing to render: the playbook is not public
    export = PlaybookExport.objects.get(pk=first.pk)
    assert not export.has_file and export.status != PlaybookExport.Status.FAILED
    assert not default_storage.exists(first.file_name)


def test_first_download_is_202_then_the_worker_makes_it_200(client, db_tasks, small):
    run_rebuilds()  # the store holds the published content
    DBTaskResult.objects.all().delete()
    PlaybookExport.objects.all().delete()

    first = client.get(PDF_URL)
    assert first.status_code == 202
    assert first["Retry-After"]
    body = first.json()
    assert body["export"]["status"] == "pending" and body["export"]["available"] is False
    assert client.get(PDF_URL).status_code == 202  # asking again queues nothing new
    assert DBTaskResult.objects.filter(task_path__startswith="exports.").count() == 1

    status = client.get(PDF_URL + "status/").json()
    assert status["exports"]["a4"]["status"] == "pending"

    run_worker()

    ready = client.get(PDF_URL)
    assert ready.status_code == 200
    assert ready["Content-Type"] == "application/pdf"
    assert ready["Content-Disposition"] == 'attachment; filename="small-a4.pdf"'
    assert ready["ETag"] and ready["Last-Modified"]
    data = b"".join(ready.streaming_content)
    assert PdfReader(io.BytesIO(data)).metadata.title == "Small"
    status = client.get(PDF_URL + "status/").json()
    assert status["exports"]["a4"]["status"] == "ready"
    assert status["exports"]["a4"]["pages"] == len(PdfReader(io.BytesIO(data)).pages)
