"""Background PDF exports through Django's tasks API (django_tasks).

Contract: ``export_playbook_task(playbook_id, paper, force=False, edition="screen")`` runs
``services.export_playbook`` and returns a small summary. It is idempotent: running
it twice on unchanged content renders once. It raises when the export fails, so the
task backend records the failure too; the export record already holds the reason.
Enqueue it through ``services.schedule_export``, which debounces.
``render_personal_pdf_task(export_id)`` renders a personal PDF
(``exports.personal.render_personal_pdf``); enqueue it through
``personal.queue_render``.
"""

from django_tasks import task

from exports.services import export_playbook
from playbook_pages.models import PlaybookPage


@task(takes_context=True)
def export_playbook_task(context, playbook_id, paper, force=False, edition="screen"):
    playbook = PlaybookPage.objects.filter(pk=playbook_id).first()
    if playbook is None:  # deleted since the request: nothing to export
        return {"status": "skipped", "reason": "playbook deleted"}
    export = export_playbook(
        playbook, paper, edition=edition, force=force, attempt_id=str(context.task_result.id)
    )
    return {
        "status": export.status,
        "version": export.version,
        "pages": export.page_count,
        "size": export.file_size,
    }


@task()
def render_personal_pdf_task(export_id):
    """Render a personal PDF (``exports.personal``); it waits for a free render slot."""
    from exports.personal import render_personal_pdf

    return render_personal_pdf(export_id)
