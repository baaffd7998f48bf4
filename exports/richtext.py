"""Rich content for print: API rich text and stream blocks, pictures and files.

Contract: the input is what the API answers with (``content.store``): rich text is
already HTML in the API's form (``content``/``api`` resolve and police it), stream
fields are lists of ``{"type", "value"}``. Nothing here lets through more than that
HTML does; it only changes the form of links and pictures for print:

* ``PrintRichText`` turns a link to a page (``data-page-id``) that has a section in
  this PDF into an in-document link (``#tool-12``), any other page link into the
  page's public address (``FRONTEND_URL`` + its frontend path), and a document link
  into an absolute download address; a picture is the API's rendition, checked and
  served from media storage like every other file.
* ``MediaRegistry`` hands out the URLs of image renditions sized for print and of
  documents (found by the ids the representations carry), checks that each file is
  really there (``ExportError`` with a reason an editor understands when not) and
  remembers every storage name it handed out: the URL fetcher reads nothing else
  from media storage.
* ``StreamForPrint`` turns stream blocks into plain dicts for the print templates
  (embeds become links: fetching a player or its thumbnail would reach other hosts).
"""

import mimetypes
import re
from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.images import get_image_model
from wagtail.rich_text.rewriters import extract_attrs

from content.richtext import sanitise
from content.rules import public_documents
from content.url_policy import safe_url
from exports.content import frontend_url
from exports.errors import ExportError
from exports.fetcher import media_url

# Rendition specs for print: wide enough for ~150 dpi across the text column.
# The cover keeps the whole picture (covers often carry text near their edges).
COVER_SPEC = "max-1800x1800|jpegquality-82"
BODY_SPEC = "max-1400x1400|jpegquality-82"
SIDE_SPEC = "max-700x700|jpegquality-82"

FIND_A_TAG = re.compile(r"<a(\b[^>]*)>")
FIND_IMG_TAG = re.compile(r"<img(\b[^>]*)/?>")


class MediaRegistry:
    """Hands out URLs for renditions and documents and remembers what it handed out."""

    def __init__(self):
        self.names = set()
        self.fingerprints = set()
        self._images = {}
        self._documents = {}
        # Embedded file name -> what it is, for the file specification's /Desc.
        self.file_descriptions = {}

    def image(self, represented, spec):
        """A print rendition of an image the API represented (``{"id", "alt", ...}``)."""
        if not represented:
            return None
        pk = represented["id"]
        if pk not in self._images:
            self._images[pk] = get_image_model().objects.filter(pk=pk).first()
        image = self._images[pk]
        if image is None:
            raise ExportError(f"The image “{represented.get('title', pk)}” (id {pk}) is missing.")
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

    def rendition(self, src):
        """The media storage name behind an API rendition URL, checked; None if not media."""
        if not src.startswith(settings.MEDIA_URL):
            return None
        name = unquote(src[len(settings.MEDIA_URL) :])
        try:
            exists = default_storage.exists(name)
        except (SuspiciousFileOperation, ValueError):
            return None  # a path out of media storage: never ours
        if not exists:
            raise ExportError(f"The picture file “{name}” is missing.")
        self.names.add(name)
        self.fingerprints.add((name, "", 0, 0))
        return media_url(name)

    def document(self, represented):
        """A document the API represented (``{"id", ...}``), to embed in the PDF."""
        if not represented:
            return None
        pk = represented["id"]
        if pk not in self._documents:
            # The API has dropped private documents already; the rule is asked again
            # because an embedded file travels with the PDF.
            self._documents[pk] = public_documents().filter(pk=pk).first()
        document = self._documents[pk]
        if document is None:
            return None
        name = document.file.name
        if not document.file.storage.exists(name):
            raise ExportError(
                f"The file of the document “{document.title}” (id {document.pk}) is missing."
            )
        self.names.add(name)
        self.fingerprints.add((name, document.file_hash or "", document.file_size or 0))
        self.file_descriptions.setdefault(friendly_filename(document), document.title)
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


def absolute(url, base_url):
    """A site-relative download URL made absolute on the CMS (the PDF travels)."""
    if url.startswith("/") and not url.startswith("//"):
        return base_url.rstrip("/") + url
    return url


class PrintRichText:
    """API rich text to HTML for the PDF; see the module docstring."""

    def __init__(self, content, media, base_url):
        self.content = content
        self.media = media
        self.base_url = base_url

    def __call__(self, html):
        if not html:
            return ""
        html = FIND_A_TAG.sub(self.link, html)
        html = FIND_IMG_TAG.sub(self.picture, html)
        # The API's HTML is clean already; the one policy again, over what changed here.
        return mark_safe(sanitise(html))  # noqa: S308 - sanitised

    def link(self, match):
        attrs = extract_attrs(match.group(1))
        if "data-page-id" in attrs:
            section = self.content.sections.get(_int(attrs["data-page-id"]))
            if section is not None:
                return f'<a href="#{section.anchor}">'
            url = frontend_url(attrs.get("href", ""))
            # No address: the words stay, the link goes.
            return f'<a href="{escape(url)}">' if url else "<a>"
        if "data-document-id" in attrs:
            return f'<a href="{escape(absolute(attrs.get("href", ""), self.base_url))}">'
        return match.group(0)  # an external, e-mail or anchor link, as the API has it

    def picture(self, match):
        attrs = extract_attrs(match.group(1))
        url = self.media.rendition(attrs.get("src", ""))
        if url is None:
            return ""  # not one of our files: the fetcher would refuse it anyway
        return (
            f'<img class="{escape(attrs.get("class", "richtext-image"))}" src="{escape(url)}" '
            f'width="{escape(attrs.get("width", ""))}" height="{escape(attrs.get("height", ""))}" '
            f'alt="{escape(attrs.get("alt", ""))}">'
        )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class StreamForPrint:
    """Stream blocks of the API as simple dicts the print templates understand."""

    def __init__(self, richtext, media):
        self.richtext = richtext
        self.media = media
        self.field_counter = 0

    def __call__(self, stream, owner="x", under=2, fillable=True):
        """The blocks of ``stream``, printed below a heading of level ``under``.

        Checklists become form fields only where ``fillable`` (a case study's list of
        what was done is a record, not something for the reader to tick).

        Heading levels never jump (PDF/UA): an editor's h2 becomes one level below
        ``under``, and no heading goes more than one level below the one before it.
        Steps are items of one numbered list per run of steps, their titles one level
        below the heading they follow.
        """
        blocks, previous = [], under
        for child in stream or []:
            handler = getattr(self, f"block_{child['type']}", None)
            if handler is None:
                continue
            data = handler(child["value"], owner)
            if data is None:
                continue
            data["type"] = child["type"]
            if child["type"] == "checklist":
                data["fillable"] = fillable
            if child["type"] == "heading":
                data["level"] = previous = min(under + data["rank"], previous + 1, 6)
            elif child["type"] == "step":
                data["level"] = min(previous + 1, 6)
            blocks.append(data)
        for index, data in enumerate(blocks):
            if data["type"] == "step":
                before = blocks[index - 1]["type"] if index else None
                after = blocks[index + 1]["type"] if index + 1 < len(blocks) else None
                data["opens_steps"] = before != "step"
                data["closes_steps"] = after != "step"
        return blocks

    def block_heading(self, value, owner):
        return {"text": value["text"], "rank": {"h2": 1, "h3": 2, "h4": 3}.get(value["level"], 2)}

    def block_paragraph(self, value, owner):
        return {"html": self.richtext(value)}

    def block_image(self, value, owner):
        picture = self.media.image(value["image"], BODY_SPEC)
        if picture is None:
            return None
        return {
            **picture,
            "alt": value["image"]["alt"],
            "caption": value["caption"],
            "credit": value["credit"],
        }

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
            "html": self.richtext(value["body"]),
        }

    def block_embed(self, value, owner):
        # Only the link: fetching the player or its thumbnail would reach other hosts.
        # A refused address (null in the API) keeps its caption, as plain words.
        url = safe_url(value.get("url") or "")
        if url is None and not value.get("caption"):
            return None
        return {"url": url, "caption": value.get("caption", "")}

    def block_document(self, value, owner):
        file = self.media.document(value["document"])
        if file is None:
            return None
        return {"file": file, "title": value["title"], "description": value["description"]}

    def block_step(self, value, owner):
        return {
            "title": value["title"],
            "html": self.richtext(value["instructions"]),
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
