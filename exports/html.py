"""Turn the collected representations of a playbook into the HTML that WeasyPrint prints.

Contract: ``build_document(content, paper, edition=...)`` returns a ``PdfDocument`` with the HTML
(from the Django templates under ``exports/pdf/``, which read the representations'
dicts), the base URL to resolve it against, ``media``: the storage names of every
image rendition and document the HTML refers to, which is all the URL fetcher will
read from media storage, and ``content_hash``: equal hashes print equal PDFs. Rich
content goes through ``exports.richtext`` (API HTML to print HTML, renditions sized
for print, files checked); a picture or template that cannot be read raises
``ExportError``.

One template set makes both editions (the ``edition`` context and the body's
``edition-*`` class): ``screen`` keeps the tabs, form fields and in-document links
without "(p. N)"; ``print`` drops tabs and fields, prints "(p. N)" after each
cross-reference, and gives every template, publication download and the online
playbook its URL with a QR code (``segno``, inline SVG as a ``data:`` URL, which
the URL fetcher reads without any network). ``PdfDocument.forms`` tells the
renderer whether to make form fields.

Language: the document is in the playbook's locale (``content.language``). Every
word the PDF prints itself (labels, part titles, the CSS's "page X of Y", the
metadata's keyword) is a msgid of Django's i18n, translated by the catalogues in
``exports/locale`` under ``translation.override`` around the render; ``<html>`` gets
``lang`` (the PDF's /Lang, and the hyphenation dictionary) and ``dir`` (``rtl`` for
Arabic, which print.css mirrors).
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field

import segno
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext, gettext_lazy

from content import store
from content.models import Shape
from content.rules import text_direction
from exports.content import KIND_LABELS, PAGE_LABELS, frontend_url
from exports.fetcher import static_url
from exports.richtext import (
    COVER_SPEC,
    SIDE_SPEC,
    MediaRegistry,
    PrintRichText,
    StreamForPrint,
    absolute,
)

PAPER_SIZES = {"a4": "A4", "letter": "letter"}

# Stand in for the creation and modification times while the content hash is taken,
# so that the same content always hashes the same (a publish that changes nothing
# only moves the modification time).
CREATED_PLACEHOLDER = "__PDF_CREATED_AT__"
MODIFIED_PLACEHOLDER = "__PDF_MODIFIED_AT__"


@dataclass
class PdfDocument:
    html: str
    base_url: str
    media: set = field(default_factory=set)
    title: str = ""
    # Hash of everything printed: the HTML (without the creation time) and the bytes
    # behind every image and file it uses. Equal hashes print equal PDFs.
    content_hash: str = ""
    # Anchor -> title of what it leads to: the links' descriptions for screen readers.
    link_titles: dict = field(default_factory=dict)
    # Embedded file name -> what the file is (the attachment's /Desc).
    file_descriptions: dict = field(default_factory=dict)
    edition: str = "screen"
    # The playbook's language: the words the renderer adds (file and link descriptions).
    language: str = "en"

    @property
    def forms(self):
        """Fillable fields only on screen: on paper a pen fills the printed boxes."""
        return self.edition == "screen"


def qr_code(url):
    """A QR code of ``url`` as an SVG ``data:`` URL, or "" without a URL."""
    if not url:
        return ""
    return segno.make(url, error="m").svg_data_uri(scale=1, border=0, dark="#1d2733")


def build_document(content, paper, *, generated_at=None, only=None, edition="screen"):
    """The HTML of the whole PDF (or of the sections whose page ids are in ``only``),
    every fixed word in the playbook's language (``content.language``)."""
    with translation.override(content.language):
        return _build_document(content, paper, generated_at, only, edition)


def _build_document(content, paper, generated_at, only, edition):
    generated_at = generated_at or timezone.now()
    base_url = content.root_url.rstrip("/") + "/"
    media = MediaRegistry()
    richtext = PrintRichText(content, media, base_url)
    stream = StreamForPrint(richtext, media)
    playbook = content.playbook

    def keep(sections):
        return sections if only is None else [s for s in sections if s.pk in only]

    challenges = [challenge_context(s, richtext, stream) for s in content.challenges]
    show_front = only is None or playbook["id"] in only
    context = {
        "paper": PAPER_SIZES[paper],
        "paper_key": paper,
        "edition": edition,
        "on_paper": edition == "print",
        "playbook": playbook,
        "edition_date": parse_date(playbook.get("edition_date") or ""),
        "lang": content.language,
        "direction": text_direction(content.language),
        "css_labels": css_labels(),
        # By anchor, "-" made "_" for the templates' lookups (part_titles.case_studies).
        "part_titles": {anchor.replace("-", "_"): title for anchor, title in PART_TITLES.items()},
        "created_placeholder": CREATED_PLACEHOLDER,
        "modified_placeholder": MODIFIED_PLACEHOLDER,
        "stylesheet": static_url("exports/print.css"),
        "preview": only is not None,
        "personal_selection": challenges if content.selection is not None else None,
        "show_front": show_front,
        "show_toc": only is None,
        "publisher": playbook.get("publisher"),
        "contributors": playbook.get("contributors") or [],
        "kind_labels": KIND_LABELS,
        "online_url": frontend_url(playbook["path"]),
        "online_qr": qr_code(frontend_url(playbook["path"])) if edition == "print" else "",
        "keywords": keywords(content),
        "all_challenges": challenges,
        "challenges": [c for c in challenges if only is None or c["page"]["id"] in only],
        "tools": [
            tool_context(s, richtext, stream, media, content, edition) for s in keep(content.tools)
        ],
        "case_studies": [
            case_context(s, richtext, stream, media, content) for s in keep(content.case_studies)
        ],
        "resources": [resource_context(s, richtext) for s in keep(content.resources)],
        "publications": [
            publication_context(s, richtext, stream, media, base_url, edition)
            for s in keep(content.publications)
        ],
    }
    if show_front:
        context.update(
            cover=title_card(
                media.image(playbook.get("cover_image"), COVER_SPEC),
                playbook.get("cover_image"),
                playbook["title"],
            ),
            intro=richtext(playbook.get("intro")),
            how_to_use=[child["value"] for child in playbook.get("how_to_use") or []],
            background=stream(playbook.get("background"), "background", under=1),
            glossary=[child["value"] for child in playbook.get("glossary") or []],
            contributor_names=names_list([org["name"] for org in context["contributors"]]),
        )
    context["nav"] = navigation_tabs(challenges)
    context["has_tools"] = bool(content.tools)
    context["toc"] = table_of_contents(context) if only is None else []
    rendered = render_to_string("exports/pdf/playbook.html", context)
    digest = hashlib.sha256(rendered.encode())
    digest.update(repr(sorted(media.fingerprints)).encode())
    modified_at = latest_publication(content) or generated_at
    return PdfDocument(
        html=rendered.replace(
            CREATED_PLACEHOLDER, generated_at.isoformat(timespec="seconds")
        ).replace(MODIFIED_PLACEHOLDER, modified_at.isoformat(timespec="seconds")),
        base_url=base_url,
        media=media.names,
        title=playbook["title"],
        content_hash=digest.hexdigest(),
        link_titles=link_titles(context),
        file_descriptions=dict(media.file_descriptions),
        edition=edition,
        language=content.language,
    )


# The parts' titles, by anchor: headings, contents, outline and links' descriptions.
PART_TITLES = {
    "contents": gettext_lazy("Contents"),
    "how-to-use": gettext_lazy("How to use this playbook"),
    "background": gettext_lazy("Background"),
    "challenges": gettext_lazy("Challenges"),
    "tools": gettext_lazy("Tools"),
    "case-studies": gettext_lazy("Case studies"),
    "resources": gettext_lazy("Resources"),
    "publications": gettext_lazy("Alliance publications"),
}


def css_labels():
    """The fixed words the print CSS prints (generated content), as CSS custom properties.

    print.css places them (``var(--label-page)`` in the page margin, ...); the words
    come from the catalogue of the active language, so the stylesheet stays one file
    for every language. Each value is a CSS ``content`` list: quoted text around
    the counters, in the order the translation puts them.
    """
    page_number = "target-counter(attr(href), page)"
    return {
        "--label-page": css_content(
            gettext("Page {page} of {pages}"), page="counter(page)", pages="counter(pages)"
        ),
        # Printed right after the link's text, hence the space before it.
        "--label-page-reference": css_content(" " + gettext("(p. {page})"), page=page_number),
        "--label-go-to-page": css_content(gettext("Go to page {page} →"), page=page_number),
    }


def css_content(template, **values):
    """``template`` ("Page {page} of {pages}") as a CSS content list, each ``{name}``
    replaced by the CSS function in ``values`` and the rest quoted as strings."""
    parts = []
    for index, piece in enumerate(re.split(r"\{(\w+)\}", template)):
        if index % 2:
            parts.append(values[piece])
        elif piece:
            escaped = piece.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
            escaped = escaped.replace("<", "\\3c ")  # never a "</style>" in the head
            parts.append(f'"{escaped}"')
    return " ".join(parts) or '""'


def names_list(names):
    """Names joined as a sentence says them: "A", "A and B", "A, B and C"."""
    if len(names) < 2:
        return "".join(names)
    return gettext("{names} and {last}").format(
        names=gettext(", ").join(names[:-1]), last=names[-1]
    )


def link_titles(context):
    """Every anchor a link of this PDF can lead to, with the title a screen reader says."""
    titles = {anchor: str(title) for anchor, title in PART_TITLES.items()}
    for challenge in context["all_challenges"]:
        titles[challenge["anchor"]] = gettext("Challenge {title}").format(
            title=challenge_title(challenge)
        )
    for key in ("tools", "case_studies", "resources", "publications"):
        for item in context[key]:
            titles[item["anchor"]] = item["page"]["title"]
    return titles


# Characters of all the strip's labels together (the home tabs' too) that fit one
# line beside "page X of Y": the demo's English strip (106) fits A4 with room to spare.
STRIP_CHARACTERS = 108


def navigation_tabs(challenges):
    """The strip's tabs; labels shrink as challenges multiply so the strip fits one line.

    Longer words (a translation's) shrink the longest labels further, so that all
    labels, the home tabs' included, stay within ``STRIP_CHARACTERS``.
    """
    limit = {1: 40, 2: 40, 3: 34, 4: 30, 5: 18}.get(len(challenges), 0)
    labels = [challenge["element"] or challenge["page"]["title"] for challenge in challenges]
    budget = STRIP_CHARACTERS - len(str(PART_TITLES["contents"])) - len(str(PART_TITLES["tools"]))
    while limit and sum(min(len(label), limit) for label in labels) > budget:
        limit -= 1
    tabs = []
    for challenge, label in zip(challenges, labels, strict=True):
        if len(label) > limit:
            label = label[: max(limit - 1, 0)].rstrip() + "…" if limit else ""
        tabs.append(
            {
                "anchor": challenge["anchor"],
                "number": challenge["number"],
                "label": label,
                "title": challenge["page"]["title"],
                "colour": challenge["colour"],
            }
        )
    return tabs


def challenge_context(section, richtext, stream):
    page = section.page
    groups = {}
    for solution in section.solutions:
        groups.setdefault(solution.kind, []).append(solution)
    order = ["tool", "case_study", "resource", "publication", "page"]
    return {
        "section": section,
        "page": page,
        "anchor": section.anchor,
        "number": section.number,
        "element": page["element_name"],
        "colour": page["colour"],
        "statement": page["challenge_statement"],
        "questions": [child["value"] for child in page.get("reflection_questions") or []],
        "why": richtext(page.get("why_it_matters")),
        "principles": [child["value"] for child in page.get("design_principles") or []],
        "body": stream(page.get("body"), section.anchor, under=2),
        "solution_groups": [
            {
                "kind": kind,
                "label": KIND_LABELS.get(kind, PAGE_LABELS)[1],
                "items": groups[kind],
            }
            for kind in order
            if kind in groups
        ],
    }


def title_card(picture, represented, heading):
    """A section's picture, marked ``decorative`` when its alt text only repeats the heading.

    Such pictures (the title lettered on a coloured card) print as backgrounds, which
    WeasyPrint marks as artifacts: a screen reader would otherwise say the title twice.
    ``ratio`` (height over width, in %) sizes the box the background fills.
    ``lettered``: the alt text says the heading is drawn on the picture, so printing
    both would show the title twice (the cover uses its plain colour band instead).
    """
    if picture is None:
        return None
    alt = (represented or {}).get("alt") or ""
    decorative = not alt.strip() or heading.casefold() in alt.casefold()
    ratio = round(100 * picture["height"] / picture["width"], 2) if picture["width"] else 0
    lettered = bool(alt.strip()) and heading.casefold() in alt.casefold()
    return {**picture, "decorative": decorative, "lettered": lettered, "ratio": ratio}


@dataclass
class OnlinePage:
    """A related page without a section in this PDF (a personal PDF left it out): a link online."""

    page: dict  # its card
    url: str
    anchor: str = ""


def sections_of(cards, content):
    """The related pages among a representation's cards, in the cards' order.

    A page with a section in this PDF is that section (an in-document link); one
    the store serves but this PDF leaves out is an ``OnlinePage``, so no link in the
    PDF points at a destination it does not have.
    """
    cards = cards or []
    outside = [card["id"] for card in cards if card["id"] not in content.sections]
    scope = content.scope
    online = (
        set(store.bodies(scope.site.id, Shape.CARD, outside, scope.locale)) if outside else set()
    )
    related = []
    for card in cards:
        if card["id"] in content.sections:
            related.append(content.sections[card["id"]])
        elif card["id"] in online and card.get("path"):
            related.append(OnlinePage(page=card, url=frontend_url(card["path"])))
    return related


def tool_context(section, richtext, stream, media, content, edition="screen"):
    page = section.page
    templates = []
    for download in page.get("downloads") or []:
        file = media.document(download)
        if file is not None:
            url = absolute(download.get("url") or "", content.root_url)
            description = download.get("description", "")
            templates.append(
                {
                    "file": file,
                    "description": description,
                    "download_url": url,
                    "qr": qr_code(url) if edition == "print" else "",
                }
            )
            if description:
                media.file_descriptions[file["filename"]] = f"{file['title']}: {description}"
    return {
        "section": section,
        "page": page,
        "anchor": section.anchor,
        "image": title_card(
            media.image(page.get("image"), SIDE_SPEC), page.get("image"), page["title"]
        ),
        "introduction": richtext(page.get("introduction")),
        "how_to": stream(page.get("how_to"), section.anchor, under=3),
        "templates": templates,
        "case_studies": sections_of(page.get("case_studies"), content),
    }


def case_context(section, richtext, stream, media, content):
    page = section.page
    return {
        "section": section,
        "page": page,
        "anchor": section.anchor,
        "image": title_card(
            media.image(page.get("image"), SIDE_SPEC), page.get("image"), page["title"]
        ),
        "situation": richtext(page.get("situation")),
        "what_they_did": stream(page.get("what_they_did"), section.anchor, under=3, fillable=False),
        "results": richtext(page.get("results")),
        "lessons": [child["value"] for child in page.get("lessons_learned") or []],
        "tools_used": sections_of(page.get("tools_used"), content),
    }


def resource_context(section, richtext):
    page = section.page
    return {
        "section": section,
        "page": page,
        "anchor": section.anchor,
        "why_read": richtext(page.get("why_read")),
    }


def publication_context(section, richtext, stream, media, base_url, edition="screen"):
    page = section.page
    document = page.get("document")
    document_url = absolute(document["url"], base_url) if document else ""
    return {
        "section": section,
        "page": page,
        "anchor": section.anchor,
        "cover": media.image(page.get("cover_image"), SIDE_SPEC),
        "insights": [child["value"] for child in page.get("key_insights") or []],
        "body": stream(page.get("body"), section.anchor, under=2),
        "online_url": frontend_url(page["path"]),
        "document_url": document_url,
        "document_qr": qr_code(document_url) if edition == "print" else "",
    }


# A group of the contents prints in two columns when it is long and every title fits
# half the line (with its page number); that keeps the demo's contents on one page.
TOC_COLUMNS_FROM = 8
TOC_COLUMN_TITLE = 40


def table_of_contents(context):
    """Entries (level, title, anchor) in reading order; the outline follows the same.

    ``columns`` marks a group of many short titles (tools) to print in two columns.
    """
    entries = [(1, PART_TITLES["how-to-use"], "how-to-use", [])]
    if context.get("background") or context.get("glossary"):
        entries.append((1, PART_TITLES["background"], "background", []))
    for key, anchor in (
        ("challenges", "challenges"),
        ("tools", "tools"),
        ("case_studies", "case-studies"),
        ("resources", "resources"),
        ("publications", "publications"),
    ):
        title = PART_TITLES[anchor]
        items = context[key]
        if not items:
            continue
        children = [
            {
                "title": challenge_title(item) if key == "challenges" else item["page"]["title"],
                "anchor": item["anchor"],
            }
            for item in items
        ]
        entries.append((1, title, anchor, children))
    return [
        {
            "level": level,
            "title": title,
            "anchor": anchor,
            "children": children,
            "columns": len(children) >= TOC_COLUMNS_FROM
            and all(len(child["title"]) <= TOC_COLUMN_TITLE for child in children),
        }
        for level, title, anchor, children in entries
    ]


def challenge_title(item):
    return f"{item['number']}. {item['page']['title']}"


def latest_publication(content):
    dates = [
        parse_datetime(page["last_published_at"])
        for page in content.all_pages()
        if page.get("last_published_at")
    ]
    dates = [date for date in dates if isinstance(date, datetime.datetime)]
    return max(dates) if dates else None


def keywords(content):
    words = [s.page["element_name"] for s in content.challenges if s.page.get("element_name")]
    words += [gettext("learning playbook")]
    return ", ".join(dict.fromkeys(words))
