"""The export status of a playbook as plain data, for the API and the admin.

Contract: ``export_status_for(playbook, request=None)`` returns a JSON-ready dict::

    {"default_paper": "a4", "edition": "screen",
     "exports": {"a4": {...}, "letter": {...}}}

for one edition (``screen`` unless asked for ``print``),

with, per paper, ``status`` (``none`` when no PDF was ever asked for, else
``pending``, ``running``, ``ready`` or ``failed``), ``available`` (a PDF can be
downloaded now, possibly the previous one while a new one is made), ``url``,
``generated_at``, ``pages``, ``size`` and ``version``. Every address names the
playbook's locale (``locale_query``) when it is a translation. The failure reason is left out
on purpose: it is for editors (the admin shows it), not for the public.
"""

from urllib.parse import urlencode

from django.urls import reverse

from content.rules import default_locale, page_locale
from exports.content import public_url
from exports.models import PlaybookExport
from playbook_pages.models import PlaybookPage


def locale_query(playbook) -> dict[str, str]:
    """``{"locale": code}`` for a translation's PDF addresses (translations share the
    slug); nothing for the default locale's."""
    locale = page_locale(playbook)
    return {} if locale == default_locale() else {"locale": locale}


def paper_status(export, playbook, paper, request=None, edition="screen"):
    query = {"paper": paper, **({"edition": edition} if edition != "screen" else {})}
    query = "?" + urlencode({**query, **locale_query(playbook)})
    url = public_url(reverse("playbook-pdf", kwargs={"slug": playbook.slug}) + query)
    if export is None:
        return {
            "paper": paper,
            "status": "none",
            "available": False,
            "url": url,
            "generated_at": None,
            "requested_at": None,
            "pages": None,
            "size": None,
            "version": None,
        }
    return {
        "paper": paper,
        "status": export.status,
        "available": export.has_file,
        "url": url,
        "generated_at": export.generated_at.isoformat() if export.generated_at else None,
        "requested_at": export.requested_at.isoformat() if export.requested_at else None,
        "pages": export.page_count if export.has_file else None,
        "size": export.file_size if export.has_file else None,
        "version": export.content_hash[:16] if export.has_file else None,
    }


def export_status_for(playbook, request=None, edition="screen"):
    """See the module docstring."""
    exports = {
        e.paper: e for e in PlaybookExport.objects.filter(playbook=playbook, edition=edition)
    }
    return {
        "default_paper": playbook.pdf_paper_size,
        "edition": edition,
        "exports": {
            paper: paper_status(exports.get(paper), playbook, paper, request, edition)
            for paper in PlaybookPage.PaperSize.values
        },
    }
