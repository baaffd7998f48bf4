"""Followers of the change ledger: webhooks and CDN purges hear of every change from the
same step that stored it (``content.ledger.changes_recorded``), never from editor
actions of their own.

Contract: when a transaction that wrote ledger entries commits, one
``dispatch_changes`` task is queued (if any endpoint is active), and, when
``WAGTAILFRONTENDCACHE`` names a backend, one ``purge_frontend_cache`` task with the
changed pages' URLs (``cdn.urls_for``). Nothing here runs in the editor's request
beyond queueing.

Two events follow workers' signals instead, and are appended to deliveries there
(``delivery.announce``): ``exports.signals.pdf_ready`` (a new playbook PDF is
served: ``pdf.ready``) and ``content.changes.snippets_changed`` (the content task
rebuilt what a snippet's save or deletion changed: ``snippet.changed``).
"""

from django.db import transaction

from content.changes import snippets_changed
from content.ledger import changes_recorded
from exports.signals import pdf_ready


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


def _any_endpoint() -> bool:
    from webhooks.models import WebhookEndpoint

    return WebhookEndpoint.objects.filter(is_active=True).exists()


def on_pdf_ready(sender, export, **kwargs):
    from webhooks import delivery, events

    if _any_endpoint():
        delivery.announce(events.for_pdf(export))


def on_snippets_changed(sender, site_id, snippets, page_ids, locale=None, **kwargs):
    from content.rules import default_locale
    from webhooks import delivery, events

    locale = locale or default_locale()
    # Every site hears of the snippet once in its default locale; another locale only
    # when pages of that locale changed with it.
    if (page_ids or locale == default_locale()) and _any_endpoint():
        delivery.announce(events.for_snippets(site_id, snippets, page_ids, locale))


def connect():
    changes_recorded.connect(on_changes_recorded, dispatch_uid="webhooks-changes-recorded")
    pdf_ready.connect(on_pdf_ready, dispatch_uid="webhooks-pdf-ready")
    snippets_changed.connect(on_snippets_changed, dispatch_uid="webhooks-snippets-changed")
