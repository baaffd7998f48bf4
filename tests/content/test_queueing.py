"""What a publish queues for the content worker, on the database queue the demo runs.

Wagtail commits a publish in two steps, without a transaction around them (the
admin's publish action does the same): the page's save, then ``page_published``.
Each is a commit here, as it is there.
"""

import pytest
from django_tasks_db.models import DBTaskResult
from wagtail.signals import page_published

from cms.settings.base import TASK_QUEUES
from content import changes

pytestmark = pytest.mark.django_db

REBUILD = "content.changes.rebuild_representations"


@pytest.fixture
def database_queue(settings, playbook_tree):
    changes.flush()  # the tree as built is stored: only what the tests do is queued
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}
    }


def publish_in_two_commits(page, capture):
    page.title += " (revised)"
    revision = page.save_revision()
    page.live_revision = revision
    with capture(execute=True):
        page.save()
    with capture(execute=True):
        page_published.send(sender=type(page), instance=page, revision=revision)


def rebuilds():
    return list(DBTaskResult.objects.filter(task_path=REBUILD).order_by("enqueued_at"))


def test_a_publish_queues_one_rebuild_and_one_waiting_covers_the_next(
    database_queue, playbook_tree, django_capture_on_commit_callbacks
):
    tool = playbook_tree.tools[0]
    publish_in_two_commits(tool, django_capture_on_commit_callbacks)
    assert len(rebuilds()) == 1
    assert rebuilds()[0].args_kwargs["args"][0] == [tool.pk]

    # Published again before the worker took it: the waiting rebuild reads both.
    publish_in_two_commits(tool, django_capture_on_commit_callbacks)
    assert len(rebuilds()) == 1

    # Another page is not covered by it.
    other = playbook_tree.tools[1]
    publish_in_two_commits(other, django_capture_on_commit_callbacks)
    assert [task.args_kwargs["args"][0] for task in rebuilds()] == [[tool.pk], [other.pk]]


def test_a_rebuild_that_has_started_does_not_cover_a_later_publish(
    database_queue, playbook_tree, django_capture_on_commit_callbacks
):
    tool = playbook_tree.tools[0]
    publish_in_two_commits(tool, django_capture_on_commit_callbacks)
    rebuilds()[0].claim("content-worker")  # it may have read the page already

    publish_in_two_commits(tool, django_capture_on_commit_callbacks)
    assert len(rebuilds()) == 2
