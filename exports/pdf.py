"""Print a playbook's HTML to PDF with WeasyPrint, reading files only through our fetcher.

Contract: ``render_pdf(document, target)`` lays out ``document`` (a ``PdfDocument`` from
``exports.html``) and writes a tagged PDF/UA-1 file with fillable checklist and notes
fields (none in the print edition) to ``target`` (a path or binary file object);
``exports.pdf_accessibility`` finishes the tagging WeasyPrint leaves undone. It
returns a ``RenderResult`` (page count, seconds spent in layout and in writing,
URLs the fetcher refused, and the render process's own peak memory and CPU time
when it had one).

Where it renders: with ``PLAYBOOK_PDF_RENDER_IN_CHILD`` (the default) in a fresh,
lean process (``exports.pdf_child``) that imports WeasyPrint and pikepdf but not
Django, so that the render's peak memory is WeasyPrint's, not WeasyPrint's plus this
process's, and a long-lived worker does not keep each render's fragments; turned
off, in this process (``exports.pdf_render``, the same code). Either way this
module builds the job (the HTML, the translated words, the settings that matter)
and the fetcher, and the outcome is the same: the same PDF, the same refusals
logged, the same ``ExportError`` reasons.

Every file goes through ``StorageURLFetcher`` limited to the document's own media,
run in this process, so nothing outside the project's static and media files can end
up in the PDF. If one of *our* files (an image rendition, a template) cannot be
read, or the render fails in any other way (the render process included),
``ExportError`` is raised and nothing is kept: a PDF with a hole in it is not a good
PDF.

The words it adds itself (attachments' descriptions, the tabs' section) are in
``document.language``. Templates linked with ``<a rel="attachment">`` become
clickable file annotations;
the finisher also lists them in the document's EmbeddedFiles, so PDF readers show
them in their attachments panel, without storing the bytes twice.
"""

import logging

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from exports.errors import ExportError
from exports.fetcher import StorageURLFetcher
from exports.pdf_child import render_in_child
from exports.pdf_render import RenderJob, RenderResult, Words, failure_message, render

__all__ = ["WEASYPRINT_OPTIONS", "RenderResult", "render_pdf", "renderer_words"]

logger = logging.getLogger(__name__)

# Keep presentational_hints off (CSS injection fixed in WeasyPrint 69); unknown
# options are logged as errors since WeasyPrint 70, so only known ones are passed.
WEASYPRINT_OPTIONS = {
    "pdf_variant": "pdf/ua-1",
    "pdf_forms": True,
    "presentational_hints": False,
}


def make_fetcher(document):
    return StorageURLFetcher(allowed_media=document.media)


def renderer_words():
    """The words the finishers add, in the active language."""
    return Words(
        navigation_tabs=gettext("Navigation tabs"),
        link=gettext("Link"),
        embedded_file=gettext("Embedded file: {filename}"),
    )


def make_job(document):
    """``document`` as a ``RenderJob`` of built-in types only.

    Django's string types (``SafeString`` from templates, lazy translations) would
    make the render process import Django to unpickle them, so they become ``str``.
    """
    with translation.override(document.language):
        words = Words(*(plain(word) for word in renderer_words()))
    return RenderJob(
        html=plain(document.html),
        base_url=plain(document.base_url),
        options={**WEASYPRINT_OPTIONS, "pdf_forms": document.forms},
        words=words,
        link_titles={plain(key): plain(value) for key, value in document.link_titles.items()},
        file_descriptions={
            plain(key): plain(value) for key, value in document.file_descriptions.items()
        },
        refuse_local_links=getattr(settings, "PLAYBOOK_PDF_REFUSE_LOCAL_LINKS", False),
    )


def plain(text):
    return str.__str__(str(text))


def render_pdf(document, target, progress=None):
    """Lay out and write the PDF; see the module docstring."""
    fetcher = make_fetcher(document)
    job = make_job(document)
    if settings.PLAYBOOK_PDF_RENDER_IN_CHILD:
        result = render_in_child(job, fetcher, target, progress=progress)
    else:
        result = render(job, fetcher, target, progress=progress)
    # The fetcher ran here either way: its own record is the one to trust.
    if fetcher.failures:
        raise ExportError(failure_message(fetcher.failures))
    result.refused = list(fetcher.refused)
    return result
