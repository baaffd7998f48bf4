"""The webhook tasks, on a queue of their own ("webhooks"): a slow receiver never holds
up a publish or a PDF, and a publish never waits for a receiver.

Contract: ``dispatch_changes`` turns new ledger entries into deliveries (queued after
every commit that wrote ledger entries) and sends, there and then, what that made
due (a lone publish is due at once: it does not wait for another task to be
picked up); ``deliver_webhooks`` sends what is due and
queues itself for when the next thing is due; ``purge_frontend_cache`` asks the
configured CDN to forget changed URLs. Each is safe to run twice or concurrently.
"""

from django.utils import timezone
from django_tasks import task, task_backends

from content.changes import HIGH_PRIORITY
from webhooks import cdn, delivery


@task(queue_name="webhooks", priority=HIGH_PRIORITY)
def dispatch_changes() -> int:
    appended = delivery.dispatch(schedule=False)
    try:
        next_due = delivery.deliver_due()
    except Exception:
        # What this run could not send, a run of its own sends (and retries).
        delivery.schedule_run(timezone.now())
        raise
    if next_due is not None:
        delivery.schedule_run(next_due)
    return appended


@task(queue_name="webhooks")
def deliver_webhooks() -> str | None:
    next_due = delivery.deliver_due()
    if next_due is not None:
        delivery.schedule_run(next_due)
    return next_due.isoformat() if next_due else None


@task(queue_name="webhooks")
def purge_frontend_cache(urls: list[str]) -> int:
    return cdn.purge(urls)


def task_backend():
    return task_backends[deliver_webhooks.backend]
