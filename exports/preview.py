"""The admin's "PDF" preview mode: a page, as the editor is writing it, printed as in the PDF.

Contract: ``supports_pdf_preview(page)`` says whether a page type has a section in the
PDF. ``serve_pdf_preview(page, request)`` renders only that page's section (the cover
and front matter for the playbook itself) with the playbook's print stylesheet, page
furniture and navigation, and returns it as an inline PDF. The previewed page is the
editor's unsaved content, built into a representation by the same code that builds
the stored ones (``content.store.build``, unstored); everything around it (other
sections, links) comes from the stored representations, exactly as in the real
export. Nothing is stored.
"""

import io

from django.http import HttpResponse
from django.template.loader import render_to_string

from content import store
from content.models import Shape
from exports.content import (
    PlaybookNotExportable,
    collect_playbook,
    playbooks_showing,
    scope_of_page,
)
from exports.errors import ExportError
from exports.html import build_document
from exports.pdf import render_pdf
from playbook_pages.models import (
    AlliancePublicationPage,
    CaseStudyPage,
    ChallengePage,
    ExternalResourcePage,
    PlaybookPage,
    ToolPage,
)

PDF_PREVIEW_MODE = ("pdf", "As in the PDF")
SECTION_MODELS = (ChallengePage, ToolPage, CaseStudyPage, ExternalResourcePage)
SECTION_MODELS += (AlliancePublicationPage,)


def supports_pdf_preview(page):
    return isinstance(page, (PlaybookPage, *SECTION_MODELS))


def playbook_for(page):
    """The playbook whose PDF shows ``page``: itself, its ancestor, or one that lists it."""
    if not page.pk:
        return None
    if isinstance(page, PlaybookPage):
        return PlaybookPage.objects.filter(pk=page.pk).first()
    found = PlaybookPage.objects.ancestor_of(page).first()
    if found is None:
        site = page.get_site()
        if site is not None:
            ids = playbooks_showing(scope_of_page(page, site), [page.pk])
            found = PlaybookPage.objects.filter(pk__in=ids).order_by("path").first()
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
    """Put the editor's draft of ``page`` in place of its stored detail; ids to print."""
    built = store.build(content.scope, page)
    if built is None:
        raise ExportError("This kind of page has no section in the PDF.")
    data = built.shapes[Shape.DETAIL]
    if isinstance(page, PlaybookPage):
        content.playbook = data
        return {page.pk}
    kind = built.kind.name
    section = content.sections.get(page.pk)
    if section is None:  # not published yet: preview it as a new section
        section = content.add_section(content.bucket(kind), data, kind)
        if kind == "challenge":
            section.number = len(content.challenges)
    else:
        section.page = data
    content.link_solutions()
    return {page.pk}


def message(text):
    return HttpResponse(
        render_to_string("exports/admin/preview_message.html", {"message": text}),
        content_type="text/html",
    )
