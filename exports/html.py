"""Turn collected playbook content into the HTML that WeasyPrint prints.

Contract: ``build_document(content, paper)`` returns a ``PdfDocument`` with the HTML
(from the Django templates under ``exports/pdf/``), the base URL to resolve it
against, ``media``: the storage names of every image rendition and document the HTML
refers to, which is all the URL fetcher will read from media storage, and
``content_hash``: equal hashes print equal PDFs. Rich content goes through
``exports.richtext`` (internal links, renditions sized for print, files checked); a
picture or template that cannot be read raises ``ExportError``.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from exports.content import KIND_LABELS, frontend_url
from exports.fetcher import static_url
from exports.richtext import (
    COVER_SPEC,
    SIDE_SPEC,
    MediaRegistry,
    PrintRichText,
    StreamForPrint,
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


def build_document(content, paper, *, generated_at=None, only=None):
    """The HTML of the whole PDF (or of the sections whose page ids are in ``only``)."""
    generated_at = generated_at or timezone.now()
    media = MediaRegistry()
    richtext = PrintRichText(content, media)
    stream = StreamForPrint(richtext, media, content)
    playbook = content.playbook

    def keep(sections):
        return sections if only is None else [s for s in sections if s.page.pk in only]

    challenges = [challenge_context(s, richtext, stream) for s in content.challenges]
    show_front = only is None or playbook.pk in only
    context = {
        "paper": PAPER_SIZES[paper],
        "paper_key": paper,
        "playbook": playbook,
        "lang": playbook.locale.language_code if playbook.locale_id else settings.LANGUAGE_CODE,
        "created_placeholder": CREATED_PLACEHOLDER,
        "modified_placeholder": MODIFIED_PLACEHOLDER,
        "stylesheet": static_url("exports/print.css"),
        "preview": only is not None,
        "show_front": show_front,
        "show_toc": only is None,
        "publisher": playbook.publisher,
        "contributors": list(playbook.contributors.all()),
        "kind_labels": KIND_LABELS,
        "online_url": frontend_url(playbook, content.site_root),
        "keywords": keywords(content),
        "all_challenges": challenges,
        "challenges": [c for c in challenges if only is None or c["page"].pk in only],
        "tools": [tool_context(s, richtext, stream, media, content) for s in keep(content.tools)],
        "case_studies": [
            case_context(s, richtext, stream, media, content) for s in keep(content.case_studies)
        ],
        "resources": [resource_context(s, richtext) for s in keep(content.resources)],
        "publications": [
            publication_context(s, richtext, stream, media, content)
            for s in keep(content.publications)
        ],
    }
    if show_front:
        context.update(
            cover=media.image(playbook.cover_image, COVER_SPEC),
            intro=richtext(playbook.intro),
            how_to_use=[
                {"title": child.value["title"], "description": child.value["description"]}
                for child in playbook.how_to_use
            ],
            background=stream(playbook.background, "background"),
            glossary=[
                {"term": child.value["term"], "definition": child.value["definition"]}
                for child in playbook.glossary
            ],
        )
    context["nav"] = navigation_tabs(challenges)
    context["has_tools"] = bool(content.tools)
    context["toc"] = table_of_contents(context) if only is None else []
    rendered = render_to_string("exports/pdf/playbook.html", context)
    digest = hashlib.sha256(rendered.encode())
    digest.update(repr(sorted(media.fingerprints)).encode())
    base_url = content.site_root.get_site().root_url.rstrip("/") + "/"
    modified_at = latest_publication(content) or generated_at
    return PdfDocument(
        html=rendered.replace(
            CREATED_PLACEHOLDER, generated_at.isoformat(timespec="seconds")
        ).replace(MODIFIED_PLACEHOLDER, modified_at.isoformat(timespec="seconds")),
        base_url=base_url,
        media=media.names,
        title=playbook.title,
        content_hash=digest.hexdigest(),
    )


def navigation_tabs(challenges):
    """The strip's tabs; labels shrink as challenges multiply so the strip fits one line."""
    limit = {1: 40, 2: 40, 3: 32, 4: 28, 5: 18}.get(len(challenges), 0)
    tabs = []
    for challenge in challenges:
        label = challenge["element"] or challenge["page"].title
        if len(label) > limit:
            label = label[: max(limit - 1, 0)].rstrip() + "…" if limit else ""
        tabs.append(
            {
                "anchor": challenge["anchor"],
                "number": challenge["number"],
                "label": label,
                "title": challenge["page"].title,
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
        "element": page.element_name,
        "colour": page.colour,
        "statement": page.challenge_statement,
        "questions": [child.value for child in page.reflection_questions],
        "why": richtext(page.why_it_matters),
        "principles": [child.value for child in page.design_principles],
        "body": stream(page.body, section.anchor),
        "solution_groups": [
            {
                "kind": kind,
                "label": KIND_LABELS.get(kind, ("Page", "Pages"))[1],
                "items": groups[kind],
            }
            for kind in order
            if kind in groups
        ],
    }


def tool_context(section, richtext, stream, media, content):
    page = section.page
    return {
        "section": section,
        "page": page,
        "anchor": section.anchor,
        "image": media.image(page.image, SIDE_SPEC) if page.image_id else None,
        "introduction": richtext(page.introduction),
        "how_to": stream(page.how_to, section.anchor),
        "templates": [
            {"file": media.document(t.document), "description": t.description}
            for t in page.pdf_templates
        ],
        "case_studies": [
            content.sections[case.pk]
            for case in page.case_studies.all()
            if case.pk in content.sections
        ],
    }


def case_context(section, richtext, stream, media, content):
    page = section.page
    return {
        "section": section,
        "page": page,
        "anchor": section.anchor,
        "image": media.image(page.image, SIDE_SPEC) if page.image_id else None,
        "situation": richtext(page.situation),
        "what_they_did": stream(page.what_they_did, section.anchor),
        "results": richtext(page.results),
        "lessons": [child.value for child in page.lessons_learned],
        "tools_used": [
            content.sections[tool.pk]
            for tool in page.tools_used.all()
            if tool.pk in content.sections
        ],
    }


def resource_context(section, richtext):
    page = section.page
    return {
        "section": section,
        "page": page,
        "anchor": section.anchor,
        "why_read": richtext(page.why_read),
    }


def publication_context(section, richtext, stream, media, content):
    page = section.page
    return {
        "section": section,
        "page": page,
        "anchor": section.anchor,
        "cover": media.image(page.cover_image, SIDE_SPEC) if page.cover_image_id else None,
        "insights": [child.value for child in page.key_insights],
        "body": stream(page.body, section.anchor),
        "online_url": frontend_url(page, content.site_root),
        "document_url": (
            page.get_site().root_url + page.document.url
            if page.document_id and page.document
            else ""
        ),
    }


def table_of_contents(context):
    """Entries (level, title, anchor) in reading order; the outline follows the same."""
    entries = [(1, "How to use this playbook", "how-to-use", [])]
    if context.get("background") or context.get("glossary"):
        entries.append((1, "Background", "background", []))
    for key, title, anchor in (
        ("challenges", "Challenges", "challenges"),
        ("tools", "Tools", "tools"),
        ("case_studies", "Case studies", "case-studies"),
        ("resources", "Resources", "resources"),
        ("publications", "Alliance publications", "publications"),
    ):
        items = context[key]
        if not items:
            continue
        children = [
            {
                "title": challenge_title(item) if key == "challenges" else item["page"].title,
                "anchor": item["anchor"],
            }
            for item in items
        ]
        entries.append((1, title, anchor, children))
    return [
        {"level": level, "title": title, "anchor": anchor, "children": children}
        for level, title, anchor, children in entries
    ]


def challenge_title(item):
    return f"{item['number']}. {item['page'].title}"


def latest_publication(content):
    dates = [page.last_published_at for page in content.all_pages() if page.last_published_at]
    return max(dates) if dates else None


def keywords(content):
    words = [s.page.element_name for s in content.challenges if s.page.element_name]
    words += ["learning playbook"]
    return ", ".join(dict.fromkeys(words))
