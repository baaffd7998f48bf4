"""Personal PDFs: some of a playbook's challenges and the solutions they cite, as one PDF.

Contract:

* ``parse_challenges(raw)`` turns the ``challenges`` parameter (already joined from
  ``?challenges=a,b`` and ``?challenges=a&challenges=b`` by ``api.filters.joined_values``)
  into a sorted, duplicate-free list of slugs, or raises ``SelectionError`` saying
  what is wrong with it. Whether the slugs name challenges is decided by
  ``exports.content.collect_playbook`` (``UnknownChallenges``), from the store.
* ``request_personal_pdf(playbook, slugs, paper, edition)`` returns the
  ``PersonalExport`` of that selection for the current content, queueing its render
  when there is no file yet (``render_personal_pdf_task`` on the default queue). The
  record's ``key`` hashes the selection (order-insensitive), edition, paper, locale
  and content version (``PlaybookContent.version``: the stored representations'
  ETags), so a publish that changes what the selection prints gives a new key and
  a new file, and one that does not reuses the file. A repeated request finds its
  file from the stored rows' ETags alone (``cached_export``), without parsing bodies.
* ``render_personal_pdf(export_id)`` (the task) renders the selection, but only in
  one of ``PLAYBOOK_PERSONAL_PDF_MAX_RENDERS`` render slots (``RenderSlot`` rows
  claimed with one conditional UPDATE each, so it holds across processes and
  machines). With every slot taken it does not wait: on a backend that can defer
  it queues itself again a few seconds later, on one that cannot (the immediate
  backend) it leaves the record pending and the next request tries again. A burst
  of requests therefore never has more than N renders running and never blocks a
  web worker or a task worker.
* Storage stays bounded: after each render, older versions of the same selection
  are deleted, and so are personal PDFs not served for
  ``PLAYBOOK_PERSONAL_PDF_MAX_AGE`` seconds and all but the
  ``PLAYBOOK_PERSONAL_PDF_KEEP`` most recently used. ``withdraw_personal_pdfs``
  removes a playbook's personal PDFs when it leaves the public.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import time
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from api.slugs import SLUG_PATTERN, SLUG_RULE
from content import store
from content.models import Shape
from content.rules import page_locale
from exports.content import collect_playbook, version_key
from exports.errors import ExportError
from exports.html import build_document
from exports.models import Edition, PersonalExport, RenderSlot
from exports.pdf import render_pdf
from exports.storage import delete_quietly, write_atomically

logger = logging.getLogger(__name__)

Status = PersonalExport.Status
DEFAULT_EDITION = Edition.SCREEN.value
# A render holds its slot at most this long; a worker that died frees it then.
SLOT_LEASE = datetime.timedelta(minutes=10)
# With every slot busy, a render tries again this many seconds later.
SLOT_RETRY_SECONDS = 3
# A queued render that has not started after this long is presumed lost.
STALE_AFTER = datetime.timedelta(minutes=15)
# A failed render is tried again on request at most this often.
RETRY_FAILED_AFTER = datetime.timedelta(minutes=10)
# The page ids a selection reads, remembered for the cached path (cached_export).
IDS_CACHE = "personal-pdf-ids:"
IDS_CACHE_SECONDS = 24 * 3600
# "Last served" is written at most this often per file (it only orders the clean-up).
TOUCH_EVERY = datetime.timedelta(minutes=1)


class SelectionError(ValueError):
    """The ``challenges`` parameter is malformed; the message says how."""


def max_renders() -> int:
    return max(1, int(getattr(settings, "PLAYBOOK_PERSONAL_PDF_MAX_RENDERS", 2)))


def keep_files() -> int:
    return max(1, int(getattr(settings, "PLAYBOOK_PERSONAL_PDF_KEEP", 200)))


def max_age() -> datetime.timedelta:
    return datetime.timedelta(
        seconds=int(getattr(settings, "PLAYBOOK_PERSONAL_PDF_MAX_AGE", 7 * 24 * 3600))
    )


def parse_challenges(raw: str) -> list[str]:
    """The chosen challenges' slugs, sorted and once each; see the module docstring."""
    if raw == "":
        raise SelectionError("challenges is empty; name at least one challenge's slug.")
    slugs = raw.split(",")
    if "" in slugs:
        raise SelectionError(f"challenges has an empty item: {raw!r}.")
    malformed = [slug for slug in slugs if not SLUG_PATTERN.fullmatch(slug)]
    if malformed:
        names = ", ".join(repr(slug) for slug in malformed)
        raise SelectionError(f"{names}: {SLUG_RULE}")
    return sorted(set(slugs))


def _hash(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def cached_export(playbook, slugs, selection, paper, edition):
    """The servable record of this selection found without reading any body, or None.

    The pages a selection reads are remembered from its last collection (their ids
    only). If the store still serves each of them, their current ETags give the
    content version, hence the key: an unchanged selection is one query on the
    stored rows and one on the records. Any change to which pages a selection shows
    changes the ETag of the playbook or a chosen challenge, so the key misses and
    the full collection runs.
    """
    ids = cache.get(IDS_CACHE + selection)
    site = playbook.get_site() if ids else None
    if not ids or site is None:
        return None
    rows = store.bodies(site.id, Shape.DETAIL, ids, page_locale(playbook))
    if set(rows) != set(ids):
        return None
    etags = {pk: row.etag for pk, row in rows.items()}
    version = version_key(playbook.pk, paper, edition, slugs, etags)
    export = PersonalExport.objects.filter(key=_hash(selection, version)).first()
    return export if export is not None and servable(export) else None


def request_personal_pdf(playbook, slugs, paper, edition=DEFAULT_EDITION):
    """The record of this selection for the current content; queues its render if needed."""
    slugs = sorted(set(slugs))
    selection = _hash(playbook.pk, slugs, edition, paper, page_locale(playbook))
    export = cached_export(playbook, slugs, selection, paper, edition)
    if export is not None:
        touch(export)
        return export
    content = collect_playbook(playbook, challenges=slugs)  # raises UnknownChallenges
    cache.set(IDS_CACHE + selection, sorted(content.etags), IDS_CACHE_SECONDS)
    version = content.version(paper, edition)
    key = _hash(selection, version)
    export = PersonalExport.objects.filter(key=key).first()
    if export is None:
        try:
            export = PersonalExport.objects.create(
                key=key,
                selection=selection,
                playbook=playbook,
                challenges=content.selection,
                edition=edition,
                paper=paper,
                locale=content.language,
                version=version,
                shows_until=content.shows_until,
            )
        except IntegrityError:  # the same selection asked for at the same moment
            export = PersonalExport.objects.get(key=key)
    if servable(export):
        touch(export)
        return export
    if needs_render(export):
        queue_render(export)
        export.refresh_from_db()
    return export


def servable(export) -> bool:
    return export.has_file and default_storage.exists(export.file_name)


def touch(export):
    now = timezone.now()
    if export.last_served_at is None or export.last_served_at < now - TOUCH_EVERY:
        PersonalExport.objects.filter(pk=export.pk).update(last_served_at=now)


def needs_render(export) -> bool:
    now = timezone.now()
    if export.status == Status.FAILED:
        return export.finished_at is None or export.finished_at < now - RETRY_FAILED_AFTER
    if export.status == Status.PENDING:
        return export.queued_at is None or export.queued_at < now - STALE_AFTER
    if export.status == Status.RUNNING:
        return export.started_at is None or export.started_at < now - SLOT_LEASE
    return True  # ready, but the file is gone or shows an expired page


def queue_render(export, delay=0):
    """Queue one render of ``export``; a request that finds one queued joins it."""
    from exports.tasks import render_personal_pdf_task

    now = timezone.now()
    # Optimistic: only the request that moves ``queued_at`` on queues the task.
    claimed = PersonalExport.objects.filter(pk=export.pk, queued_at=export.queued_at).update(
        status=Status.PENDING, queued_at=now, error=""
    )
    if not claimed:
        return
    task = render_personal_pdf_task
    if delay and task.get_backend().supports_defer:
        task = task.using(run_after=now + datetime.timedelta(seconds=delay))
    task.enqueue(export.pk)


def claim_slot(holder: str) -> bool:
    """Take a free render slot for ``holder``; False when all are busy."""
    now = timezone.now()
    for number in range(1, max_renders() + 1):
        RenderSlot.objects.get_or_create(number=number)
        free = Q(holder="") | Q(held_until__isnull=True) | Q(held_until__lt=now)
        # One conditional UPDATE: of two workers racing for a slot, one wins.
        if (
            RenderSlot.objects.filter(free, number=number).update(
                holder=holder, held_until=now + SLOT_LEASE
            )
            == 1
        ):
            return True
    return False


def release_slot(holder: str):
    RenderSlot.objects.filter(holder=holder).update(holder="", held_until=None)


@contextmanager
def render_slot(holder=None):
    """Hold a render slot for the block; yields whether one was free."""
    holder = holder or uuid.uuid4().hex
    claimed = claim_slot(holder)
    try:
        yield claimed
    finally:
        if claimed:
            release_slot(holder)


def render_personal_pdf(export_id):
    """Render one personal PDF if a slot is free; see the module docstring."""
    from exports.tasks import render_personal_pdf_task

    export = PersonalExport.objects.filter(pk=export_id).select_related("playbook").first()
    if export is None:
        return {"status": "skipped", "reason": "removed"}
    if servable(export):
        return {"status": export.status}
    with render_slot() as claimed:
        if not claimed:
            if render_personal_pdf_task.get_backend().supports_defer:
                queue_render(export, delay=SLOT_RETRY_SECONDS)
            else:
                # Nothing can wait here: the next request queues it again.
                PersonalExport.objects.filter(pk=export.pk).update(queued_at=None)
            logger.info("Personal PDF %s waits for a render slot", export.key[:12])
            return {"status": "waiting"}
        render_into(export)
    prune(export)
    export.refresh_from_db()
    return {"status": export.status, "pages": export.page_count}


def render_into(export):
    now = timezone.now()
    PersonalExport.objects.filter(pk=export.pk).update(
        status=Status.RUNNING, started_at=now, finished_at=None
    )
    try:
        content = collect_playbook(export.playbook, challenges=export.challenges)
        if content.version(export.paper, export.edition) != export.version:
            raise ExportError(
                "The playbook changed while this PDF waited; ask for the selection again."
            )
        document = build_document(content, export.paper, generated_at=now, edition=export.edition)
        name = personal_name(export)
        clock = time.perf_counter()
        results = []
        size = write_atomically(name, lambda target: results.append(render_pdf(document, target)))
        seconds = time.perf_counter() - clock
    except Exception as exc:
        reason = str(exc) if isinstance(exc, ExportError) else f"{type(exc).__name__}: {exc}"
        PersonalExport.objects.filter(pk=export.pk).update(
            status=Status.FAILED, error=reason, finished_at=timezone.now()
        )
        logger.exception("Personal PDF %s failed", export.key[:12])
        return
    PersonalExport.objects.filter(pk=export.pk).update(
        status=Status.READY,
        file_name=name,
        file_size=size,
        page_count=results[0].page_count,
        render_seconds=seconds,
        shows_until=content.shows_until,
        finished_at=timezone.now(),
        last_served_at=timezone.now(),
        renders=export.renders + 1,
    )


def personal_name(export):
    return (
        f"exports/personal/playbook-{export.playbook_id}/"
        f"{export.key[:24]}-{export.paper}-{export.edition}.pdf"
    )


def prune(keep=None):
    """Delete older versions of ``keep``'s selection, unused and surplus personal PDFs."""
    now = timezone.now()
    doomed = PersonalExport.objects.none()
    if keep is not None:
        doomed = PersonalExport.objects.filter(selection=keep.selection).exclude(pk=keep.pk)
    used = PersonalExport.objects.annotate(
        used_at=Coalesce("last_served_at", "finished_at", "requested_at")
    )
    doomed = doomed | PersonalExport.objects.filter(
        pk__in=used.filter(used_at__lt=now - max_age()).values("pk")
    )
    surplus = used.exclude(file_name="").order_by("-used_at").values_list("pk", flat=True)
    doomed = doomed | PersonalExport.objects.filter(pk__in=list(surplus[keep_files() :]))
    # A render in progress keeps its row; it is pruned next time.
    remove(doomed.exclude(status=Status.RUNNING))


def remove(exports):
    names = [name for name in exports.values_list("file_name", flat=True) if name]
    exports.delete()
    for name in names:
        delete_quietly(name)


def withdraw_personal_pdfs(playbooks):
    """A playbook left the public: its personal PDFs go (and are made again on request)."""
    remove(PersonalExport.objects.filter(playbook__in=playbooks))
