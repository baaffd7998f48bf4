"""The webhook tasks, on a queue of their own ("webhooks"): a slow receiver never holds
up a publish or a PDF, and a publish never waits for a receiver.

Contract: ``dispatch_changes`` turns new ledger entries into deliveries (queued after
every commit that wrote ledger entries); ``deliver_webhooks`` sends what is due and
queues itself for when the next thing is due; ``purge_frontend_cache`` asks the
configured CDN to forget changed URLs. Each is safe to run twice or concurrently.
"""

from django_tasks import task, task_backends

from webhooks import cdn, delivery


@task(queue_name="webhooks", priority=10)
def dispatch_changes() -> int:
    return delivery.dispatch()


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
