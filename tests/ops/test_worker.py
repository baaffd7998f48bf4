"""Requeueing what a killed worker left RUNNING, and nothing else."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "content"]}
}


def task_row(status, worker_ids):
    return DBTaskResult.objects.create(
        status=status,
        task_path="exports.tasks.export_playbook_task",
        args_kwargs={"args": [1, "a4"], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        worker_ids=worker_ids,
    )


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_only_the_dead_workers_running_tasks_go_back_to_the_queue():
    orphan = task_row("RUNNING", ["web-1", "worker-a"])
    other_workers = task_row("RUNNING", ["worker-b"])
    retried_elsewhere = task_row("RUNNING", ["worker-a", "worker-b"])
    finished = task_row("SUCCESSFUL", ["worker-a"])
    waiting = task_row("READY", [])

    call_command("requeue_orphaned_tasks", "--worker-id", "worker-a")

    statuses = {
        row.pk: row.status
        for row in DBTaskResult.objects.filter(
            pk__in=[orphan.pk, other_workers.pk, retried_elsewhere.pk, finished.pk, waiting.pk]
        )
    }
    assert statuses == {
        orphan.pk: "READY",
        other_workers.pk: "RUNNING",
        retried_elsewhere.pk: "RUNNING",
        finished.pk: "SUCCESSFUL",
        waiting.pk: "READY",
    }
    orphan.refresh_from_db()
    assert orphan.started_at is None
    # The requeued task is what a worker picks next.
    assert DBTaskResult.objects.ready().filter(pk=orphan.pk).exists()


@pytest.mark.django_db
def test_other_task_backends_are_left_alone():
    # The test settings run tasks immediately: there is no queue to repair.
    orphan = task_row("RUNNING", ["worker-a"])
    call_command("requeue_orphaned_tasks", "--worker-id", "worker-a")
    orphan.refresh_from_db()
    assert orphan.status == "RUNNING"
