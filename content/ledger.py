"""The ledger of changes to the store: what the change feed and webhooks announce.

Contract:

* ``record(site_id, entries)`` is called by ``content.store`` in the transaction that
  writes or removes the representations, after ``lock()``: an entry commits with the
  rows it describes or not at all, so the feed never announces a body the API does
  not serve. It sends ``changes_recorded`` (site id, the new ``Change`` rows) at
  once; followers (webhooks, CDN purges) act in ``transaction.on_commit``. It also
  makes a new generation of pages (``content.generation``): an answer built on the
  store before this write is not reused after it.
* ``lock()`` makes ledger writers take turns until they commit (PostgreSQL: a
  transaction-level advisory lock; SQLite lets one writer in at a time anyway).
  That is what lets ``Change.id`` be a cursor: a reader who sees id n also sees
  every id below it, because the writer of a smaller id committed first.
* Cursors are ``"<id>.<unix time>"``: the last id a client has seen and when the
  server gave the cursor. Entries older than ``CHANGE_FEED_RETENTION_DAYS`` are
  pruned (``prune()``); a cursor older than that may have missed a pruned
  tombstone and is refused (``CursorExpired``): the client resyncs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.dispatch import Signal
from django.utils import timezone

from content import generation
from content.models import Change, ChangeAction
from content.rules import default_locale

# Sent inside the writing transaction: site_id, changes (list of Change, in id order).
changes_recorded = Signal()

# pg_advisory_xact_lock key: "ledger" in ASCII.
LEDGER_LOCK_KEY = 0x6C6564676572
CURSOR_PATTERN = re.compile(r"(\d{1,18})\.(\d{1,12})")
# Accept cursors a little younger than the retention: an entry is stamped when it is
# inserted, which can be shortly before its transaction commits.
CURSOR_MARGIN = timedelta(hours=1)


@dataclass
class Entry:
    page_id: int
    action: str
    kind: str
    path: str
    previous_path: str = ""
    shapes: tuple[str, ...] = ()


def lock() -> None:
    """Take the ledger's turn until this transaction ends (call inside ``atomic``)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LEDGER_LOCK_KEY])


def record(site_id: int, entries: list[Entry], locale: str | None = None) -> list[Change]:
    """Append these entries for one site (in page id order); the rows written."""
    if not entries:
        return []
    now = timezone.now()
    rows = [
        Change(
            site_id=site_id,
            locale=locale or default_locale(),
            page_id=entry.page_id,
            action=entry.action,
            kind=entry.kind,
            path=entry.path,
            previous_path=entry.previous_path,
            shapes=",".join(sorted(entry.shapes)),
            changed_at=now,
        )
        for entry in sorted(entries, key=lambda entry: entry.page_id)
    ]
    if connection.features.can_return_rows_from_bulk_insert:
        rows = Change.objects.bulk_create(rows)
    else:  # ids are needed by the followers
        for row in rows:
            row.save()
    generation.bump(generation.PAGES)
    changes_recorded.send(sender=Change, site_id=site_id, changes=rows)
    return rows


def retention() -> timedelta:
    return timedelta(days=getattr(settings, "CHANGE_FEED_RETENTION_DAYS", 30))


def prune(now: datetime | None = None) -> int:
    """Delete entries past the retention; how many went."""
    now = now or timezone.now()
    deleted, _ = Change.objects.filter(changed_at__lt=now - retention()).delete()
    return deleted


class CursorInvalid(ValueError):
    """Not a cursor this server gave."""


class CursorExpired(ValueError):
    """A cursor older than the retention: entries after it may have been pruned."""


def make_cursor(last_id: int, now: datetime | None = None) -> str:
    return f"{last_id}.{int((now or timezone.now()).timestamp())}"


def parse_cursor(raw: str, now: datetime | None = None) -> int:
    """The last id seen, from a cursor; ``CursorInvalid`` or ``CursorExpired``."""
    match = CURSOR_PATTERN.fullmatch(raw)
    if match is None:
        raise CursorInvalid(raw)
    last_id, issued = int(match.group(1)), int(match.group(2))
    now = now or timezone.now()
    if issued > now.timestamp() + 300:
        raise CursorInvalid(raw)
    if issued < (now - retention() + CURSOR_MARGIN).timestamp():
        raise CursorExpired(raw)
    return last_id


def latest_id() -> int:
    return Change.objects.order_by("-id").values_list("id", flat=True).first() or 0


def after(site_id: int, last_id: int, limit: int, locale: str | None = None) -> list[Change]:
    """Up to ``limit`` entries of one site after ``last_id``, oldest first."""
    return list(
        Change.objects.filter(
            site_id=site_id, locale=locale or default_locale(), id__gt=last_id
        ).order_by("id")[:limit]
    )


__all__ = ["ChangeAction", "Entry", "changes_recorded", "lock", "record"]
