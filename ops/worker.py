"""Give back the tasks that a killed task worker was running.

Contract: ``requeue_orphaned_tasks(worker_id)`` puts every task of the database queue
that is RUNNING and was last claimed by ``worker_id`` back to READY, so that the next
worker runs it again; it returns the ids it requeued. It is only correct when no
process with that worker id is alive, which is why ``deploy/entrypoint.sh`` calls it
just before it starts the worker under that id. A worker id must therefore be unique
per worker and stable across its restarts: the container's hostname is both.

Why: a worker killed outright (SIGKILL, out of memory, a lost host) cannot mark its
task as failed, and django_tasks_db never looks at a RUNNING task again. The tasks
run here are idempotent (a PDF export renders the current content), so running one
again is safe.
"""

from django_tasks import task_backends

RUNNING = "RUNNING"
READY = "READY"


def requeue_orphaned_tasks(worker_id, backend_alias="default"):
    backend = task_backends[backend_alias]
    if type(backend).__name__ != "DatabaseBackend":
        return []
    from django_tasks_db.models import DBTaskResult

    running = DBTaskResult.objects.filter(status=RUNNING, backend_name=backend_alias)
    orphaned = [
        result.pk
        for result in running.only("pk", "worker_ids")
        if result.worker_ids and result.worker_ids[-1] == worker_id
    ]
    if orphaned:
        # status=RUNNING again in the update: a task finished meanwhile stays finished.
        DBTaskResult.objects.filter(pk__in=orphaned, status=RUNNING).update(
            status=READY, started_at=None
        )
    return orphaned
