"""Run and schedule PDF exports: what the task, the command, the views and the admin call.

Contract:

Every function takes the edition (``screen``, the default, or ``print``); each
edition and paper has its own record and file.

* ``render_playbook(playbook, paper, target)`` renders the current published content
  to ``target`` and returns ``(content_version, RenderResult)``; it touches no record.
* ``export_playbook(playbook, paper)`` brings the stored PDF up to date. If the stored
  file already has the current content version (live revisions, files), or the HTML
  it would print hashes the same (a publish that changed nothing), it only marks the
  export ready: unchanged content is never rendered twice (``force=True`` renders
  anyway). A new
  file is written under a versioned name and moved into place atomically, then the
  record points at it, the previous file is deleted and ``signals.pdf_ready`` is
  sent. When rendering fails, the
  record says ``failed`` with the reason and keeps pointing at the previous good PDF.
* ``schedule_export(playbook, paper)`` asks for an export through Django's tasks API,
  debounced: while an export is queued and has not started, further requests only
  note the time, so ten publishes in a row cause one render. On backends that can
  defer (the database and RQ backends) the task waits ``PLAYBOOK_PDF_DEBOUNCE_SECONDS``
  (default 5) so that a burst of publishes lands in the same render. On a backend
  that cannot (the immediate one) a debounced request only marks the export pending
  without a task, and the next download renders it.
"""

import datetime
import logging
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from exports.content import collect_playbook, is_exportable
from exports.errors import ExportError
from exports.html import build_document
from exports.models import Edition, PlaybookExport
from exports.pdf import render_pdf
from exports.signals import pdf_ready
from exports.storage import delete_quietly, pdf_name, write_atomically
from playbook_pages.models import PlaybookPage

logger = logging.getLogger(__name__)

Status = PlaybookExport.Status

# A queued export that has not started after this long is presumed lost (a worker
# was reset, results were pruned) and a new request queues a fresh one.
STALE_AFTER = datetime.timedelta(minutes=15)


def debounce_seconds():
    return float(getattr(settings, "PLAYBOOK_PDF_DEBOUNCE_SECONDS", 30))


def outputs_for(playbook):
    """(edition, paper) pairs to keep fresh: the screen edition on the playbook's
    default paper, and any other a reader asked for."""
    outputs = {(Edition.SCREEN.value, playbook.pdf_paper_size)}
    outputs |= set(PlaybookExport.objects.filter(playbook=playbook).values_list("edition", "paper"))
    return sorted(outputs)


def render_playbook(playbook, paper, target, progress=None, edition=Edition.SCREEN):
    """Render the current published content of ``playbook`` to ``target``."""
    report = progress or (lambda message: None)
    report("Collecting published content")
    content = collect_playbook(playbook)
    version = content.version(paper, edition)
    report("Building HTML and image renditions")
    document = build_document(content, paper, edition=edition)
    result = render_pdf(document, target, progress=progress)
    return version, result


def export_playbook(
    playbook, paper, *, edition=Edition.SCREEN, force=False, attempt_id="", progress=None
):
    """Bring the stored PDF of ``playbook`` on ``paper`` up to date; see the module docstring."""
    report = progress or (lambda message: None)
    started = timezone.now()
    export = claim(playbook, paper, attempt_id, started, edition)
    try:
        report("Collecting published content")
        content = collect_playbook(playbook)
        version = content.version(paper, edition)
        if not force and export.version == version and stored_file_exists(export):
            PlaybookExport.objects.filter(pk=export.pk).update(shows_until=content.shows_until)
            finish(export.pk, attempt_id, status=Status.READY)
            logger.info("PDF of %s (%s) is already current", playbook.slug, paper)
            return PlaybookExport.objects.get(pk=export.pk)

        report("Building HTML and image renditions")
        document = build_document(content, paper, generated_at=started, edition=edition)
        if (
            not force
            and export.content_hash == document.content_hash
            and stored_file_exists(export)
        ):
            # New revisions that print exactly the same (a publish without changes).
            PlaybookExport.objects.filter(pk=export.pk).update(
                version=version, shows_until=content.shows_until
            )
            finish(export.pk, attempt_id, status=Status.READY)
            return PlaybookExport.objects.get(pk=export.pk)
        name = pdf_name(playbook, document.content_hash, paper, edition)
        clock = time.perf_counter()
        results = []
        size = write_atomically(
            name, lambda target: results.append(render_pdf(document, target, progress=progress))
        )
        result = results[0]
        seconds = time.perf_counter() - clock
    except Exception as exc:
        reason = str(exc) if isinstance(exc, ExportError) else f"{type(exc).__name__}: {exc}"
        finish(export.pk, attempt_id, status=Status.FAILED, error=reason)
        logger.exception("PDF export of %s (%s) failed", playbook.slug, paper)
        raise

    with transaction.atomic():
        current = PlaybookExport.objects.select_for_update().get(pk=export.pk)
        previous_name = current.file_name
        newer_exists = current.generated_at is not None and current.generated_at > started
        if not newer_exists:
            current.file_name = name
            current.version = version
            current.shows_until = content.shows_until
            current.content_hash = document.content_hash
            current.page_count = result.page_count
            current.file_size = size
            current.render_seconds = seconds
            current.generated_at = started
        current.renders += 1
        current.save()
    finish(export.pk, attempt_id, status=Status.READY)
    if newer_exists:
        delete_quietly(name)
    elif previous_name and previous_name != name:
        delete_quietly(previous_name)
    served = PlaybookExport.objects.select_related("playbook").get(pk=export.pk)
    if not newer_exists:
        # Robust: the PDF is served whatever a follower (webhooks) makes of the news.
        for receiver, error in pdf_ready.send_robust(sender=PlaybookExport, export=served):
            if isinstance(error, Exception):
                logger.error("pdf_ready receiver %s failed: %r", receiver, error)
    if result.refused:
        logger.warning(
            "PDF of %s (%s) left out %d resource(s) it may not read",
            playbook.slug,
            paper,
            len(result.refused),
        )
    return served


def stored_file_exists(export):
    from django.core.files.storage import default_storage

    return bool(export.file_name) and default_storage.exists(export.file_name)


def claim(playbook, paper, attempt_id, now, edition=Edition.SCREEN):
    """Mark the export as running for this attempt."""
    with transaction.atomic():
        export, _ = PlaybookExport.objects.select_for_update().get_or_create(
            playbook=playbook, paper=paper, edition=edition
        )
        export.status = Status.RUNNING
        export.task_result_id = attempt_id
        export.started_at = now
        export.finished_at = None
        export.save()
    return export


def finish(export_id, attempt_id, *, status, error=""):
    """Record the outcome, unless a newer request took the record over meanwhile."""
    with transaction.atomic():
        export = PlaybookExport.objects.select_for_update().get(pk=export_id)
        export.finished_at = timezone.now()
        if export.task_result_id == attempt_id:
            export.status = status
            export.error = error
        export.save()


def schedule_export(
    playbook,
    paper,
    *,
    edition=Edition.SCREEN,
    reason="",
    delay=None,
    force=False,
    urgent=False,
):
    """Queue an export unless one is already waiting; returns the export record.

    ``urgent`` queues a task that starts now even when a debounced one is waiting.
    """
    from exports.tasks import export_playbook_task

    now = timezone.now()
    delay = debounce_seconds() if delay is None else delay
    task = export_playbook_task
    backend = task.get_backend()
    with transaction.atomic():
        export, _ = PlaybookExport.objects.select_for_update().get_or_create(
            playbook=playbook, paper=paper, edition=edition
        )
        waiting = (
            export.status == Status.PENDING
            and export.task_result_id
            and (export.scheduled_for or now) > now - STALE_AFTER
        )
        export.requested_at = now
        # An urgent request still joins a waiting task that is due by then anyway.
        due_in_time = (export.scheduled_for or now) <= now + datetime.timedelta(seconds=delay)
        if waiting and not force and (not urgent or due_in_time):
            export.save(update_fields=["requested_at"])
            logger.info("PDF of %s (%s) already queued (%s)", playbook.slug, paper, reason)
            return export
        export.status = Status.PENDING
        export.error = ""
        export.scheduled_for = now + datetime.timedelta(seconds=delay)
        export.task_result_id = ""
        export.save()
        if delay > 0 and not backend.supports_defer:
            # A backend that cannot wait (the immediate one, in tests and some dev
            # setups) would render on every publish. The record stays "pending"
            # without a task instead; the next download renders it (see views).
            logger.info("PDF of %s (%s) marked for re-export (%s)", playbook.slug, paper, reason)
            return export
        if backend.supports_defer and delay > 0:
            task = task.using(run_after=export.scheduled_for)
        # Enqueued inside the transaction: a worker cannot start before the record says
        # "pending". The immediate backend runs the task right here, which then
        # updates the record itself, hence the filtered update below.
        result = task.enqueue(playbook.pk, paper, force=force, edition=edition)
        PlaybookExport.objects.filter(pk=export.pk, status=Status.PENDING).update(
            task_result_id=result.id
        )
    logger.info("PDF of %s (%s) queued (%s)", playbook.slug, paper, reason)
    return PlaybookExport.objects.get(pk=export.pk)


def schedule_playbooks(playbook_ids, *, reason="", withdraw=False):
    """Queue a re-export of each playbook's papers (called after commits).

    Publishing is debounced. When content *left* the public (unpublished, deleted,
    moved, made private), ``withdraw`` first stops serving the PDFs that may still
    show it, then queues the re-export at once: readers get a 202 for a few seconds
    rather than content that is no longer public.
    """
    playbooks = list(PlaybookPage.objects.filter(pk__in=set(playbook_ids)))
    hidden = [playbook for playbook in playbooks if not is_exportable(playbook)]
    if withdraw or hidden:
        # A playbook that is no longer public has no PDF to serve or to make.
        withdraw_pdfs(playbooks if withdraw else hidden)
    for playbook in playbooks:
        if playbook in hidden:
            continue
        for edition, paper in outputs_for(playbook):
            if withdraw:
                schedule_export(
                    playbook, paper, edition=edition, reason=reason, delay=0, urgent=True
                )
            else:
                schedule_export(playbook, paper, edition=edition, reason=reason)


def withdraw_pdfs(playbooks):
    from exports.personal import withdraw_personal_pdfs

    withdraw_personal_pdfs(playbooks)
    exports = PlaybookExport.objects.filter(playbook__in=playbooks).exclude(file_name="")
    names = list(exports.values_list("file_name", flat=True))
    exports.update(
        file_name="",
        version="",
        content_hash="",
        page_count=None,
        file_size=None,
        shows_until=None,
    )
    for name in names:
        delete_quietly(name)
