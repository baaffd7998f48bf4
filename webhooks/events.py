"""Events: what a ledger entry (``content.Change``) says to a webhook receiver.

Contract: ``for_changes(changes)`` turns ledger rows into event dicts, in ledger
order. An event names the page (id, type, path, ``api_url``), never its content:
the receiver fetches what it needs from the API, which serves only what readers may
see, so a draft or private page cannot leak through a webhook. The event type is
read off the entry: created → ``page.published``; updated → ``page.updated`` (or
``page.moved`` when its path changed); deleted → ``page.deleted`` when the page no
longer exists, ``page.unpublished`` when it does (unpublished, made private, expired
or moved out of the site). ``cursor`` is the change feed's cursor after this event,
so a receiver can catch up from ``/api/v1/changes/`` at any time.
"""

from __future__ import annotations

from wagtail.models import Page, Site

from api.serializers.fields import page_api_url
from content import ledger
from content.models import ChangeAction
from webhooks.models import EventType


def event_type(change, existing_ids: set[int]) -> str:
    if change.action == ChangeAction.CREATED:
        return EventType.PAGE_PUBLISHED
    if change.action == ChangeAction.UPDATED:
        return EventType.PAGE_MOVED if change.previous_path else EventType.PAGE_UPDATED
    if change.page_id in existing_ids:
        return EventType.PAGE_UNPUBLISHED
    return EventType.PAGE_DELETED


def for_changes(changes) -> list[dict]:
    changes = list(changes)
    if not changes:
        return []
    deleted = {change.page_id for change in changes if change.action == ChangeAction.DELETED}
    existing = set(Page.objects.filter(pk__in=deleted).values_list("pk", flat=True))
    hostnames = dict(
        Site.objects.filter(pk__in={change.site_id for change in changes}).values_list(
            "pk", "hostname"
        )
    )
    events = []
    for change in changes:
        page = {
            "id": change.page_id,
            "type": change.kind,
            "path": change.path,
            "api_url": page_api_url(change.page_id),
        }
        if change.previous_path:
            page["previous_path"] = change.previous_path
        events.append(
            {
                "id": f"chg_{change.id}",
                "type": event_type(change, existing),
                "timestamp": change.changed_at.isoformat().replace("+00:00", "Z"),
                "site": {"id": change.site_id, "hostname": hostnames.get(change.site_id, "")},
                "locale": change.locale,
                "page": page,
                "representations": change.shapes.split(",") if change.shapes else [],
                "cursor": ledger.make_cursor(change.id, change.changed_at),
            }
        )
    return events
