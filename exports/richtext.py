"""Rich content for print: rich text, StreamField blocks, pictures and files.

Contract: ``MediaRegistry`` hands out the URLs of image renditions sized for print and
of documents, checks that each file is really there (``ExportError`` with a reason
an editor understands when not) and remembers every storage name it handed out: the
URL fetcher reads nothing else from media storage. ``PrintRichText`` rewrites rich
text: links to pages with a section in this PDF become internal links (``#tool-12``),
links to other public pages point at the page online, links to anything else keep
their words but lose their target. ``StreamForPrint`` turns StreamField values into
plain dicts for the print templates (embeds become links: fetching a player or its
thumbnail would reach other hosts).
"""

import mimetypes
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

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
    """Rich text (database format) to HTML for the PDF; see the module docstring."""

    def __init__(self, content, media):
        self.content = content
        self.media = media
        self.rewrite = MultiRuleRewriter(
            [
                LinkRewriter(bulk_rules={"page": self.page_links, "document": self.document_links}),
                EmbedRewriter(bulk_rules={"image": self.image_embeds, "media": self.media_embeds}),
            ]
        )

    def __call__(self, source):
        if not source:
            return ""
        return mark_safe(self.rewrite(source))  # noqa: S308 - rewritten editor rich text

    def page_links(self, attrs_list):
        ids = {int(attrs["id"]) for attrs in attrs_list if str(attrs.get("id", "")).isdigit()}
        outside = ids - set(self.content.sections)
        online = {
            page.pk: page
            for page in visible(
                Page.objects.filter(pk__in=outside),
                self.content.site_root,
                self.content.collected_at,
            )
        }
        tags = []
        for attrs in attrs_list:
            page_id = int(attrs["id"]) if str(attrs.get("id", "")).isdigit() else None
            if page_id in self.content.sections:
                tags.append(f'<a href="#{self.content.sections[page_id].anchor}">')
            elif page_id in online:
                tags.append(
                    f'<a href="{escape(frontend_url(online[page_id], self.content.site_root))}">'
                )
            else:
                # A draft, private or deleted page: keep the words, drop the link.
                tags.append("<a>")
        return tags

    def document_links(self, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        documents = get_document_model().objects.in_bulk([int(i) for i in ids if str(i).isdigit()])
        base = self.content.site_root.get_site().root_url
        tags = []
        for raw_id in ids:
            document = documents.get(int(raw_id)) if str(raw_id).isdigit() else None
            if document is None or document.collection.get_view_restrictions().exists():
                tags.append("<a>")
            else:
                tags.append(f'<a href="{escape(base + document.url)}">')
        return tags

    def image_embeds(self, attrs_list):
        images = get_image_model().objects.in_bulk(
            [int(a["id"]) for a in attrs_list if str(a.get("id", "")).isdigit()]
        )
        out = []
        for attrs in attrs_list:
            image = images.get(int(attrs["id"])) if str(attrs.get("id", "")).isdigit() else None
            if image is None:
                out.append("")
                continue
            picture = self.media.image(image, BODY_SPEC)
            alt = attrs.get("alt") or image.default_alt_text or image.title
            out.append(
                f'<img class="richtext-image {escape(attrs.get("format", ""))}" '
                f'src="{escape(picture["url"])}" width="{picture["width"]}" '
                f'height="{picture["height"]}" alt="{escape(alt)}">'
            )
        return out

    def media_embeds(self, attrs_list):
        return [
            f'<p class="embed-link"><a href="{escape(attrs.get("url", ""))}">'
            f"{escape(attrs.get('url', ''))}</a></p>"
            for attrs in attrs_list
        ]


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
            "source_url": value["source_url"],
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
