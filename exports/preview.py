"""The admin's "PDF" preview mode: a page, as the editor is writing it, printed as in the PDF.

Contract: ``supports_pdf_preview(page)`` says whether a page type has a section in the
PDF. ``serve_pdf_preview(page, request)`` renders only that page's section (the cover
and front matter for the playbook itself) with the playbook's print stylesheet, page
furniture and navigation, and returns it as an inline PDF. The previewed page uses
the editor's unsaved content; everything around it (other sections, links) comes from
published content only, exactly as in the real export. Nothing is stored.
"""

import io

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from exports.content import (
    PlaybookNotExportable,
    collect_playbook,
    collection_is_restricted,
    link_solutions,
    restricted_collection_paths,
)
from exports.errors import ExportError
from exports.html import build_document
from exports.pdf import render_pdf
from playbook_pages.models import (
    AlliancePublicationPage,
    CaseStudyPage,
    ChallengePage,
    ChallengeSolution,
    ExternalResourcePage,
    PlaybookPage,
    ToolPage,
)

PDF_PREVIEW_MODE = ("pdf", "As in the PDF")
KINDS = {
    ChallengePage: ("challenge", "challenges"),
    ToolPage: ("tool", "tools"),
    CaseStudyPage: ("case_study", "case_studies"),
    ExternalResourcePage: ("resource", "resources"),
    AlliancePublicationPage: ("publication", "publications"),
}


def supports_pdf_preview(page):
    return isinstance(page, (PlaybookPage, *KINDS))


def playbook_for(page):
    """The playbook whose PDF shows ``page`` (its ancestor, or one that lists it)."""
    if isinstance(page, PlaybookPage):
        return PlaybookPage.objects.filter(pk=page.pk).first() if page.pk else None
    anchor = page if page.pk else None
    if anchor is None:
        return None
    found = PlaybookPage.objects.ancestor_of(anchor).first()
    if found is None:
        challenge_ids = ChallengeSolution.objects.filter(page_id=page.pk).values("challenge_id")
        challenge = ChallengePage.objects.filter(pk__in=challenge_ids).first()
        if challenge is not None:
            found = PlaybookPage.objects.ancestor_of(challenge).first()
    return found


def serve_pdf_preview(page, request):
    playbook = playbook_for(page)
    if playbook is None:
        return message("Save this page once inside a playbook to preview it as in the PDF.")
    try:
        content = collect_playbook(playbook, require_public=False)
        only = put_draft_in(content, page)
        document = build_document(content, playbook.pdf_paper_size, only=only)
        buffer = io.BytesIO()
        render_pdf(document, buffer)
    except (PlaybookNotExportable, ExportError) as exc:
        return message(f"The PDF preview could not be made: {exc}")
    response = HttpResponse(buffer.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="preview.pdf"'
    response["Cache-Control"] = "no-store"
    return response


def put_draft_in(content, page):
    """Swap the live version of ``page`` for the editor's draft; returns ids to print."""
    if isinstance(page, PlaybookPage):
        page.pdf_templates = []
        content.playbook = page
        return {page.pk}
    kind, bucket_name = next(
        (value for model, value in KINDS.items() if isinstance(page, model)), (None, None)
    )
    bucket = getattr(content, bucket_name)
    if isinstance(page, ToolPage):
        restricted = restricted_collection_paths()
        page.pdf_templates = [
            template
            for template in page.templates.all()
            if not collection_is_restricted(template.document.collection, restricted)
        ]
    section = content.sections.get(page.pk)
    if section is None:  # not published yet: preview it as a new section
        from exports.content import add_section

        add_section(content, bucket, page, kind)
        if kind == "challenge":
            section = content.sections[page.pk]
            section.number = len(content.challenges)
    else:
        section.page = page
    for challenge in content.challenges:
        challenge.solutions = []
    for other in content.solution_sections():
        other.serves = []
    link_solutions(content, [s.page for s in content.challenges], timezone.now())
    return {page.pk}


def message(text):
    return HttpResponse(
        render_to_string("exports/admin/preview_message.html", {"message": text}),
        content_type="text/html",
    )
