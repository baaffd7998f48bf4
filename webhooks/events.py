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

Two event types do not come from the ledger. ``for_pdf(export)``: ``pdf.ready``, one
per site whose store serves the playbook (none for a playbook readers cannot see),
with the playbook as a page, the paper, the edition and the public URL the API
serves the PDF at (``exports.status``, on ``PUBLIC_BASE_URL``).
``for_snippets(site_id, snippets, page_ids)``: ``snippet.changed``, one per snippet,
with its model label, id and action (saved, deleted) and the ids of the pages whose
stored representations the same rebuild changed (what ``content.changes`` sends).
"""

from __future__ import annotations

import uuid

from django.utils import timezone
from wagtail.models import Page, Site

from api.serializers.fields import page_api_url
from content import ledger, store
from content.models import ChangeAction, Representation, Shape
from webhooks.models import EventType


def _timestamp(moment) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _site(site_id: int) -> dict:
    hostname = Site.objects.filter(pk=site_id).values_list("hostname", flat=True).first()
    return {"id": site_id, "hostname": hostname or ""}


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
                "timestamp": _timestamp(change.changed_at),
                "site": {"id": change.site_id, "hostname": hostnames.get(change.site_id, "")},
                "locale": change.locale,
                "page": page,
                "representations": change.shapes.split(",") if change.shapes else [],
                "cursor": ledger.make_cursor(change.id, change.changed_at),
            }
        )
    return events


def for_pdf(export) -> list[dict]:
    """``pdf.ready`` events of the PDF ``export`` now serves (a ``PlaybookExport``)."""
    from exports.status import paper_status

    url = paper_status(export, export.playbook, export.paper, edition=export.edition)["url"]
    site_ids = (
        Representation.objects.filter(page_id=export.playbook_id, shape=Shape.DETAIL)
        .values_list("site_id", flat=True)
        .distinct()
    )
    events = []
    for site_id in sorted(site_ids):
        # Served there now (not expired, not withdrawn): else readers cannot see it.
        rows = store.detail_rows(site_id, page_id=export.playbook_id, limit=1)
        if not rows:
            continue
        row = rows[0]
        events.append(
            {
                "id": f"pdf_{export.pk}_{site_id}_{export.content_hash[:16]}",
                "type": EventType.PDF_READY,
                "timestamp": _timestamp(export.generated_at or timezone.now()),
                "site": _site(site_id),
                "locale": row.locale,
                "page": {
                    "id": row.page_id,
                    "type": row.kind,
                    "path": row.path,
                    "api_url": page_api_url(row.page_id),
                },
                "paper": export.paper,
                "edition": export.edition,
                "pdf": {"url": url, "pages": export.page_count, "size": export.file_size},
            }
        )
    return events


def for_snippets(
    site_id: int, snippets: list[dict], page_ids: list[int], locale: str
) -> list[dict]:
    """``snippet.changed`` events: one per snippet, naming the pages it changed."""
    now, site = timezone.now(), _site(site_id)
    return [
        {
            "id": f"snp_{uuid.uuid4().hex}",
            "type": EventType.SNIPPET_CHANGED,
            "timestamp": _timestamp(now),
            "site": site,
            "locale": locale,
            "snippet": {
                "model": snippet["model"],
                "id": snippet["id"],
                "action": snippet["action"],
            },
            "page_ids": list(page_ids),
        }
        for snippet in snippets
    ]
