"""Rich text from the database format to HTML a frontend can insert as it is.

Contract (``render(source, targets)``):

* ``<a linktype="page" id="N">`` becomes ``<a href="/frontend/path/" data-page-id="N"
  data-page-type="tool" data-api-url="/api/v1/pages/N/">``; a link to a page the
  request may not see (draft, private, expired, deleted, another site) becomes its
  plain text, so nothing about that page leaks.
* ``<a linktype="document" id="N">`` becomes a download link with
  ``data-document-id``, ``data-content-type`` and ``data-file-size``; a missing or
  private document becomes plain text.
* ``<embed embedtype="image" .../>`` becomes an ``<img>`` of a rendition with
  ``width``, ``height`` and ``alt``; ``<embed embedtype="media" url=.../>`` a link.
* Anything else (external links, e-mail links, formatting) is kept.

Targets are looked up in bulk for a whole response (``references_in`` lists what a
source needs); this module does no query itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from wagtail.images.formats import get_image_format
from wagtail.rich_text.rewriters import extract_attrs

FIND_LINK = re.compile(r"<a(\b[^>]*)>(.*?)</a>", re.DOTALL)
FIND_EMBED = re.compile(r"<embed(\b[^>]*)/>")

# Image formats that editors may pick in rich text; unknown names fall back to this.
DEFAULT_IMAGE_FORMAT = "fullwidth"


@dataclass
class References:
    """Ids a batch of rich text points at."""

    pages: set[int] = field(default_factory=set)
    documents: set[int] = field(default_factory=set)
    images: set[int] = field(default_factory=set)
    image_specs: set[str] = field(default_factory=set)


@dataclass
class Targets:
    """What the references resolved to; anything absent renders as plain text."""

    pages: dict[int, dict]  # id -> {"path", "type", "api_url"}
    documents: dict[int, dict]  # id -> document representation
    images: dict[int, object]  # id -> Image with renditions prefetched


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def image_format(attrs: dict):
    try:
        return get_image_format(attrs.get("format") or DEFAULT_IMAGE_FORMAT)
    except KeyError:
        return get_image_format(DEFAULT_IMAGE_FORMAT)


def references_in(source: str, into: References) -> None:
    for match in FIND_LINK.finditer(source):
        attrs = extract_attrs(match.group(1))
        linktype = attrs.get("linktype")
        if linktype == "page" and _int(attrs.get("id")) is not None:
            into.pages.add(_int(attrs["id"]))
        elif linktype == "document" and _int(attrs.get("id")) is not None:
            into.documents.add(_int(attrs["id"]))
    for match in FIND_EMBED.finditer(source):
        attrs = extract_attrs(match.group(1))
        if attrs.get("embedtype") == "image" and _int(attrs.get("id")) is not None:
            into.images.add(_int(attrs["id"]))
            into.image_specs.add(image_format(attrs).filter_spec)


def _render_link(match, targets: Targets) -> str:
    attrs = extract_attrs(match.group(1))
    inner = match.group(2)
    linktype = attrs.get("linktype")
    if linktype is None:
        return match.group(0)  # an ordinary link (external, e-mail, anchor)
    if linktype == "page":
        page = targets.pages.get(_int(attrs.get("id")))
        if page is None:
            return inner
        return (
            f'<a href="{escape(page["path"])}" data-page-id="{page["id"]}" '
            f'data-page-type="{page["type"]}" data-api-url="{escape(page["api_url"])}">'
            f"{inner}</a>"
        )
    if linktype == "document":
        document = targets.documents.get(_int(attrs.get("id")))
        if document is None:
            return inner
        size = document["file_size"]
        return (
            f'<a href="{escape(document["url"])}" data-document-id="{document["id"]}" '
            f'data-content-type="{escape(document["content_type"])}"'
            + (f' data-file-size="{size}"' if size is not None else "")
            + f">{inner}</a>"
        )
    return inner  # a link type this API does not know: keep the words only


def _render_embed(match, targets: Targets) -> str:
    attrs = extract_attrs(match.group(1))
    embedtype = attrs.get("embedtype")
    if embedtype == "image":
        image = targets.images.get(_int(attrs.get("id")))
        if image is None:
            return ""
        fmt = image_format(attrs)
        rendition = next(iter(image.get_renditions(fmt.filter_spec).values()))
        alt = attrs.get("alt") or image.default_alt_text
        classes = fmt.classname or "richtext-image"
        return (
            f'<img src="{escape(rendition.url)}" width="{rendition.width}" '
            f'height="{rendition.height}" alt="{escape(alt)}" class="{escape(classes)}">'
        )
    if embedtype == "media" and attrs.get("url"):
        url = escape(attrs["url"])
        return f'<p class="richtext-embed"><a href="{url}">{url}</a></p>'
    return ""


def render(source: str, targets: Targets) -> str:
    if not source:
        return ""
    html = FIND_LINK.sub(lambda match: _render_link(match, targets), source)
    return FIND_EMBED.sub(lambda match: _render_embed(match, targets), html)
