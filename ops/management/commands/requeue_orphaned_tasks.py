"""``manage.py requeue_orphaned_tasks --worker-id ID``: rerun what a dead worker held."""

from django.core.management.base import BaseCommand

from ops.worker import requeue_orphaned_tasks


class Command(BaseCommand):
    help = (
        "Put the tasks that the worker with this id was running back in the queue. "
        "Only run it while no worker with this id is alive (the worker's entry point "
        "does so just before starting)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--worker-id", required=True, help="The dead worker's id.")

    def handle(self, *args, worker_id, **options):
        requeued = requeue_orphaned_tasks(worker_id)
        if requeued:
            self.stdout.write(
                f"Requeued {len(requeued)} task(s) left running by worker {worker_id}: "
                + ", ".join(str(pk) for pk in requeued)
            )
