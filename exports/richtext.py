"""Rich content for print: rich text, StreamField blocks, pictures and files.

Contract: ``MediaRegistry`` hands out the URLs of image renditions sized for print and
of documents, checks that each file is really there (``ExportError`` with a reason
an editor understands when not) and remembers every storage name it handed out: the
URL fetcher reads nothing else from media storage. ``PrintRichText`` renders rich
text with ``content.richtext``'s print style (the same sanitising and URL policy as
the API): links to pages with a section in this PDF become internal links
(``#tool-12``), links to other public pages point at the page online, links to
anything else keep their words but lose their target. ``StreamForPrint`` turns
StreamField values into plain dicts for the print templates (embeds become links:
fetching a player or its thumbnail would reach other hosts); every URL in a block
passes ``content.url_policy`` (a refused one is ``None``: no link, words kept).
"""

import mimetypes
import re

from django.utils.safestring import mark_safe
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from content.richtext import PrintLinkStyle, render
from content.url_policy import safe_url
from exports.content import frontend_url, visible
from exports.errors import ExportError
from exports.fetcher import media_url

# Rendition specs for print: wide enough for ~150 dpi across the text column.
# The cover keeps the whole picture (covers often carry text near their edges).
COVER_SPEC = "max-1800x1800|jpegquality-82"
BODY_SPEC = "max-1400x1400|jpegquality-82"
SIDE_SPEC = "max-700x700|jpegquality-82"


class MediaRegistry:
    """Hands out URLs for renditions and documents and remembers what it handed out."""

    def __init__(self):
        self.names = set()
        self.fingerprints = set()

    def image(self, image, spec):
        if image is None:
            return None
        try:
            if image.is_svg():
                name, width, height = image.file.name, image.width, image.height
            else:
                rendition = image.get_rendition(spec)
                name, width, height = rendition.file.name, rendition.width, rendition.height
        except Exception as exc:  # Pillow, storage and Wagtail raise many kinds
            raise ExportError(
                f"The image “{image.title}” (id {image.pk}) could not be read: {exc}"
            ) from exc
        self.names.add(name)
        self.fingerprints.add((name, image.file_hash or image.file.name, width, height))
        return {"url": media_url(name), "width": width, "height": height}

    def document(self, document):
        name = document.file.name
        if not document.file.storage.exists(name):
            raise ExportError(
                f"The file of the document “{document.title}” (id {document.pk}) is missing."
            )
        self.names.add(name)
        self.fingerprints.add((name, document.file_hash or "", document.file_size or 0))
        size = document.file_size
        if size is None:
            try:
                size = document.file.size
            except OSError:
                size = None
        return {
            "url": media_url(name),
            "filename": friendly_filename(document),
            "title": document.title,
            "size": size,
            "content_type": mimetypes.guess_type(document.filename)[0] or "",
            "extension": document.file_extension.upper(),
        }


def friendly_filename(document):
    """The name a reader sees for an embedded file: its title, with the file's extension."""
    stem = re.sub(r"[^\w\s.,()&+-]", "", document.title).strip() or "attachment"
    extension = document.file_extension
    if extension and not stem.lower().endswith(f".{extension.lower()}"):
        stem = f"{stem}.{extension}"
    return stem


class PrintRichText:
    """Rich text (database format) to HTML for the PDF; see the module docstring.

    The print style of ``content.richtext`` (one resolver, one sanitising policy);
    this class only answers its look-ups, one query per kind and text.
    """

    def __init__(self, content, media):
        self.content = content
        self.media = media
        self.style = PrintLinkStyle(
            page_hrefs=self.page_hrefs, document_hrefs=self.document_hrefs, pictures=self.pictures
        )

    def __call__(self, source):
        return mark_safe(render(source, self.style))  # noqa: S308 - sanitised by render

    def page_hrefs(self, ids):
        sections = self.content.sections
        hrefs = {pk: f"#{sections[pk].anchor}" for pk in ids if pk in sections}
        outside = Page.objects.filter(pk__in=set(ids) - set(sections))
        for page in visible(outside, self.content.site_root, self.content.collected_at):
            hrefs[page.pk] = frontend_url(page, self.content.site_root)
        return hrefs

    def document_hrefs(self, ids):
        if not ids:
            return {}
        base = self.content.site_root.get_site().root_url
        documents = get_document_model().objects.select_related("collection").in_bulk(ids)
        return {
            pk: base + document.url
            for pk, document in documents.items()
            if not document.collection.get_view_restrictions().exists()
        }

    def pictures(self, ids):
        if not ids:
            return {}
        images = get_image_model().objects.in_bulk(ids)
        return {pk: (image, self.media.image(image, BODY_SPEC)) for pk, image in images.items()}


class StreamForPrint:
    """StreamField values as simple dicts the print templates understand."""

    def __init__(self, richtext, media, content):
        self.richtext = richtext
        self.media = media
        self.content = content
        self.field_counter = 0

    def __call__(self, stream, owner="x"):
        blocks = []
        for child in stream or []:
            handler = getattr(self, f"block_{child.block_type}", None)
            if handler is None:
                continue
            data = handler(child.value, owner)
            if data is not None:
                data["type"] = child.block_type
                blocks.append(data)
        return blocks

    def block_heading(self, value, owner):
        level = {"h2": 3, "h3": 4, "h4": 5}.get(value["level"], 4)
        return {"text": value["text"], "level": level}

    def block_paragraph(self, value, owner):
        return {"html": self.richtext(value.source if value else "")}

    def block_image(self, value, owner):
        picture = self.media.image(value["image"], BODY_SPEC)
        if picture is None:
            return None
        alt = value["alt_text"] or value["image"].default_alt_text or value["image"].title
        return {**picture, "alt": alt, "caption": value["caption"], "credit": value["credit"]}

    def block_quote(self, value, owner):
        return {
            "quote": value["quote"],
            "attribution": value["attribution"],
            "source": value["source"],
            "source_url": safe_url(value["source_url"]),
        }

    def block_callout(self, value, owner):
        return {
            "kind": value["kind"],
            "title": value["title"],
            "html": self.richtext(value["body"].source if value["body"] else ""),
        }

    def block_embed(self, value, owner):
        embed = value["url"]
        url = getattr(embed, "url", embed) or ""
        if not url:
            return None
        # Only the link: fetching the player or its thumbnail would reach other hosts.
        url = safe_url(url)
        if url is None and not value["caption"]:
            return None
        return {"url": url, "caption": value["caption"]}

    def block_document(self, value, owner):
        document = value["document"]
        if document is None:
            return None
        if document.collection.get_view_restrictions().exists():
            return None
        file = self.media.document(document)
        return {
            "file": file,
            "title": value["title"] or document.title,
            "description": value["description"],
        }

    def block_step(self, value, owner):
        return {
            "title": value["title"],
            "html": self.richtext(value["instructions"].source if value["instructions"] else ""),
            "duration": value["duration"],
            "tip": value["tip"],
        }

    def block_checklist(self, value, owner):
        self.field_counter += 1
        prefix = f"{owner}-check{self.field_counter}"
        return {
            "title": value["title"],
            "items": [
                {"text": item, "field": f"{prefix}-{number}"}
                for number, item in enumerate(value["items"], start=1)
            ],
        }
