"""StreamField blocks for every page of the playbook.

Contract: each block has an icon, a description an editor can read, and a
``preview_value`` for the block picker; ``get_api_representation`` returns what a
frontend needs to render the block without a second request: images as
renditions with width, height and alt text, documents with URL, size and content
type, rich text as HTML. Rich text goes through ``render_rich_text`` so the API and
the PDF resolve internal links the same way, and every URL (quote source, embed)
through ``content.url_policy``: a refused one is null.

A caller may put renderers in the context (``rich_text_renderer``,
``image_renderer``, ``document_renderer``): they take over from the defaults, which
lets the API resolve the references of a whole response in a few bulk queries.
"""

import mimetypes
from functools import lru_cache

from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError, ListValue
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from content.richtext import WagtailLinkStyle, render
from content.url_policy import safe_url

# Rendition specs the API offers for every image. Frontends pick by name.
IMAGE_RENDITIONS = {
    "thumbnail": "fill-400x300",
    "medium": "max-800x800",
    "large": "max-1600x1600",
}

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


@lru_cache(maxsize=1)
def _rendition_filters():
    from wagtail.images.models import Filter

    return tuple(Filter(spec=spec) for spec in IMAGE_RENDITIONS.values())


def render_rich_text(source, context=None):
    """Rich text source (database format) as HTML for API and PDF readers.

    A renderer placed in ``context["rich_text_renderer"]`` (the API adds one that
    resolves page links to API references) wins over Wagtail's own expansion; both
    go through ``content.richtext``'s sanitising policy.
    """
    if not source:
        return ""
    renderer = (context or {}).get("rich_text_renderer")
    if renderer is not None:
        return renderer(source)
    return render(source, WagtailLinkStyle())


def image_representation(image, alt="", context=None):
    """An image as original size plus named renditions; ``None`` when missing."""
    if image is None:
        return None
    renderer = (context or {}).get("image_renderer")
    if renderer is not None:
        return renderer(image, alt)
    # One call for all specs: it uses prefetched renditions when there are some
    # and creates missing ones together. Parsed filters are reused across calls.
    found = image.get_renditions(*_rendition_filters()).values()
    renditions = {}
    for name, rendition in zip(IMAGE_RENDITIONS, found, strict=True):
        renditions[name] = {
            "url": rendition.url,
            "width": rendition.width,
            "height": rendition.height,
        }
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt or getattr(image, "default_alt_text", "") or image.title,
        "width": image.width,
        "height": image.height,
        "renditions": renditions,
    }


def document_representation(document, context=None):
    """A document with everything a download link needs; ``None`` when missing."""
    if document is None:
        return None
    renderer = (context or {}).get("document_renderer")
    if renderer is not None:
        return renderer(document)
    try:
        size = document.get_file_size()
    except OSError:
        size = None
    content_type = mimetypes.guess_type(document.filename)[0] or "application/octet-stream"
    return {
        "id": document.pk,
        "title": document.title,
        "url": document.url,
        "filename": document.filename,
        "file_extension": document.file_extension,
        "file_size": size,
        "content_type": content_type,
    }


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Heading text", max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading"), ("h3", "Sub-heading"), ("h4", "Minor heading")],
        default="h2",
        help_text="Use section headings for the main parts of a page, sub-headings inside them.",
    )

    class Meta:
        icon = "title"
        label = "Heading"
        description = "A heading that breaks a long page into sections."
        preview_value = {"text": "Why this matters", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    def get_api_representation(self, value, context=None):
        return render_rich_text(value.source if value else "", context)

    class Meta:
        icon = "pilcrow"
        label = "Paragraph"
        description = "Formatted text with bold, italics, lists and links."
        preview_value = (
            "<p>Teams that set <b>learning goals</b> before a project starts find it "
            "easier to act on what they learn.</p>"
        )


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=255,
        help_text="Describe the picture for people who cannot see it. "
        "Leave empty to use the image's own description.",
    )
    caption = blocks.CharBlock(required=False, max_length=255)
    credit = blocks.CharBlock(required=False, max_length=255, help_text="Who took or owns it.")

    def get_api_representation(self, value, context=None):
        return {
            "image": image_representation(value["image"], value["alt_text"], context),
            "caption": value["caption"],
            "credit": value["credit"],
        }

    class Meta:
        icon = "image"
        label = "Image"
        description = "A picture with an optional caption and credit."


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text="The words quoted, without quotation marks.")
    attribution = blocks.CharBlock(
        required=False, max_length=255, help_text="Who said or wrote it."
    )
    source = blocks.CharBlock(
        required=False, max_length=255, help_text="Where it was said or published."
    )
    source_url = blocks.URLBlock(required=False, label="Source link")

    def get_api_representation(self, value, context=None):
        representation = super().get_api_representation(value, context)
        # Null when refused by the URL policy; an empty link stays "".
        representation["source_url"] = representation["source_url"] and safe_url(
            representation["source_url"]
        )
        return representation

    class Meta:
        icon = "openquote"
        label = "Quote"
        description = "A pull quote with who said it and where."
        preview_value = {
            "quote": "Every organisation learns; the question is whether it learns on purpose.",
            "attribution": "Playbook team",
            "source": "",
            "source_url": "",
        }


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("tip", "Tip"), ("note", "Note"), ("warning", "Watch out")],
        default="tip",
        help_text="Sets the colour and icon readers see.",
    )
    title = blocks.CharBlock(required=False, max_length=120)
    body = ParagraphBlock()

    class Meta:
        icon = "help"
        label = "Callout"
        description = "A highlighted box for a tip, a note or a warning."
        preview_value = {
            "kind": "tip",
            "title": "Start small",
            "body": "<p>Pilot the tool with one team before you roll it out.</p>",
        }


class MediaEmbedBlock(blocks.StructBlock):
    url = EmbedBlock(
        label="Video or media link",
        help_text="Paste a link to a video or webinar (for example a YouTube or Vimeo page).",
    )
    caption = blocks.CharBlock(required=False, max_length=255)

    def get_api_representation(self, value, context=None):
        embed = value["url"]
        url = embed.url if embed else ""
        # Null when refused by the URL policy; a missing embed stays "".
        return {"url": url and safe_url(url), "caption": value["caption"]}

    class Meta:
        icon = "media"
        label = "Video / embed"
        description = "A video, webinar recording or other media from another site."


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        required=False, max_length=255, help_text="Leave empty to use the document's title."
    )
    description = blocks.TextBlock(required=False, help_text="One or two sentences on what it is.")

    def get_api_representation(self, value, context=None):
        return {
            "document": document_representation(value["document"], context),
            "title": value["title"] or (value["document"].title if value["document"] else ""),
            "description": value["description"],
        }

    class Meta:
        icon = "doc-full"
        label = "Download"
        description = "A file readers can download, such as a template or a report."


class HowToStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, help_text="What to do in this step, in a few words.")
    instructions = ParagraphBlock(
        label="Instructions", help_text="How to do it: who, what, and what comes out."
    )
    duration = blocks.CharBlock(
        required=False,
        max_length=60,
        help_text="Roughly how long the step takes, e.g. '30 minutes'.",
    )
    tip = blocks.TextBlock(required=False, help_text="Optional advice from teams who did it.")

    class Meta:
        icon = "list-ol"
        label = "How-to step"
        description = "One numbered step of a tool's how-to guide."
        preview_value = {
            "title": "Agree the questions",
            "instructions": "<p>Write down the three questions the team wants answered.</p>",
            "duration": "20 minutes",
            "tip": "",
        }


def is_blank(block, value):
    """True when an editor added ``block`` and typed nothing into it.

    Choices (a callout's kind, a heading's level) come filled in, so they do not count.
    """
    if isinstance(block, blocks.ChoiceBlock):
        return True
    if isinstance(block, blocks.StructBlock):
        return all(is_blank(child, value.get(name)) for name, child in block.child_blocks.items())
    if isinstance(block, blocks.ListBlock):
        return all(is_blank(block.child_block, item) for item in value or [])
    if isinstance(block, blocks.RichTextBlock):
        source = value.source if value is not None else ""
        return not strip_tags(source).strip() and "<embed" not in source
    if isinstance(value, str):
        return not value.strip()
    return value is None


def _rekeyed(error, positions):
    """``error`` with its block indexes mapped back to the positions the editor sees."""
    return type(error)(
        block_errors={positions[index]: err for index, err in error.block_errors.items()},
        non_block_errors=error.non_block_errors,
    )


class BlankItemsDroppedListBlock(blocks.ListBlock):
    """A list whose items left empty are dropped on save instead of failing it."""

    def clean(self, value):
        value = self.normalize(value)
        positions = [
            index
            for index, child in enumerate(value.bound_blocks)
            if not is_blank(self.child_block, child.value)
        ]
        if len(positions) == len(value.bound_blocks):
            return super().clean(value)
        kept = ListValue(self, bound_blocks=[value.bound_blocks[i] for i in positions])
        try:
            return super().clean(kept)
        except ListBlockValidationError as error:
            raise _rekeyed(error, positions) from None


class BlankBlocksDroppedStreamBlock(blocks.StreamBlock):
    """A stream whose blocks left empty (a step with nothing typed) are dropped on save."""

    def clean(self, value):
        positions = [
            index for index, child in enumerate(value) if not is_blank(child.block, child.value)
        ]
        if len(positions) == len(value):
            return super().clean(value)
        kept = blocks.StreamValue(
            self, [(value[i].block_type, value[i].value, value[i].id) for i in positions]
        )
        try:
            return super().clean(kept)
        except StreamBlockValidationError as error:
            raise _rekeyed(error, positions) from None


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=200)
    items = BlankItemsDroppedListBlock(
        blocks.CharBlock(max_length=300, label="Item"),
        min_num=1,
        help_text="One thing to check in each item; add an item for the next one. "
        "Items left empty are dropped when you save.",
    )

    class Meta:
        icon = "tick-inverse"
        label = "Checklist"
        description = "A list of things to tick off."
        preview_value = {
            "title": "Before the session",
            "items": ["Book a room", "Share the agenda", "Print the template"],
        }


class UsageStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=80, help_text="The step's name, e.g. 'Reflect'.")
    description = blocks.TextBlock(help_text="What the reader does in this step.")

    class Meta:
        icon = "arrow-right"
        label = "Step"
        description = "One step of 'how to use this playbook'."
        preview_value = {"title": "Reflect", "description": "Think about where your team is today."}


class GlossaryTermBlock(blocks.StructBlock):
    term = blocks.CharBlock(max_length=120)
    definition = blocks.TextBlock()

    class Meta:
        icon = "snippet"
        label = "Glossary term"
        description = "A key concept and what it means in this playbook."
        preview_value = {
            "term": "Intentional learning",
            "definition": "Learning with goals that direct it and systems that act on it.",
        }


class TitledTextBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "pick"
        label = "Item"
        description = "A short title with an explanation, such as a principle or an objective."
        preview_value = {
            "title": "Make it routine",
            "description": "Learning moments are scheduled, not left to chance.",
        }


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    embed = MediaEmbedBlock()
    document = DocumentDownloadBlock()
    checklist = ChecklistBlock()

    class Meta:
        icon = "doc-full"


class HowToStreamBlock(BlankBlocksDroppedStreamBlock):
    step = HowToStepBlock()
    checklist = ChecklistBlock()
    callout = CalloutBlock()
    image = ImageWithCaptionBlock()

    class Meta:
        icon = "list-ol"
