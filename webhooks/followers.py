"""Followers of the change ledger: webhooks and CDN purges hear of every change from the
same step that stored it (``content.ledger.changes_recorded``), never from editor
actions of their own.

Contract: when a transaction that wrote ledger entries commits, one
``dispatch_changes`` task is queued (if any endpoint is active), and, when
``WAGTAILFRONTENDCACHE`` names a backend, one ``purge_frontend_cache`` task with the
changed pages' URLs (``cdn.urls_for``). Nothing here runs in the editor's request
beyond queueing.
"""

from django.db import transaction

from content.ledger import changes_recorded


def on_changes_recorded(sender, site_id, changes, **kwargs):
    from webhooks import cdn
    from webhooks.models import WebhookEndpoint
    from webhooks.tasks import dispatch_changes, purge_frontend_cache

    if WebhookEndpoint.objects.filter(is_active=True).exists():
        transaction.on_commit(dispatch_changes.enqueue, robust=True)
    if cdn.is_configured():
        urls = cdn.urls_for(site_id, changes)
        if urls:
            transaction.on_commit(lambda: purge_frontend_cache.enqueue(urls), robust=True)


def connect():
    changes_recorded.connect(on_changes_recorded, dispatch_uid="webhooks-changes-recorded")
