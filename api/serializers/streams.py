"""StreamField values in the API, and their OpenAPI types derived from the block definitions.

Contract: ``stream_field(Model, "field")`` is a read-only serializer field that
outputs Wagtail's API representation of the stream (``[{"type", "value", "id"}]``),
using each block's own ``get_api_representation`` from ``playbook_pages.blocks``
with the response's bulk renderers (``api.references``). Its schema is an array of
``oneOf`` items discriminated by ``type``, generated from the block definitions, so
a new block shows up in the schema without touching this module. Blocks whose
representation differs from their structure (``OVERRIDES``) name their shape here.
"""

from __future__ import annotations

import re
from functools import cache

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers
from wagtail import blocks as wagtail_blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from api.serializers.common import DocumentSerializer, ImageSerializer
from playbook_pages import blocks as content_blocks


class ImageWithCaptionValueSerializer(serializers.Serializer):
    image = ImageSerializer(allow_null=True, help_text="Null when the image was deleted.")
    caption = serializers.CharField(allow_blank=True)
    credit = serializers.CharField(allow_blank=True)


class DocumentDownloadValueSerializer(serializers.Serializer):
    document = DocumentSerializer(
        allow_null=True, help_text="Null when the file was deleted or is private."
    )
    title = serializers.CharField(allow_blank=True)
    description = serializers.CharField(allow_blank=True, allow_null=True)


class MediaEmbedValueSerializer(serializers.Serializer):
    url = serializers.CharField(
        allow_blank=True,
        allow_null=True,
        help_text="The media page's URL; null when it is not an http(s) URL.",
    )
    caption = serializers.CharField(allow_blank=True)


# Blocks whose get_api_representation reshapes their value.
OVERRIDES = {
    content_blocks.ImageWithCaptionBlock: ImageWithCaptionValueSerializer,
    content_blocks.DocumentDownloadBlock: DocumentDownloadValueSerializer,
    content_blocks.MediaEmbedBlock: MediaEmbedValueSerializer,
}


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[_\W]+", name) if part)


def _describe(block) -> str:
    return str(getattr(block.meta, "help_text", "") or getattr(block.meta, "description", "") or "")


@cache
def _enum_field_class(choices: tuple[str, ...]):
    # Inline enums: a named component per ChoiceBlock would collide on names like "kind".
    @extend_schema_field({"type": "string", "enum": list(choices)})
    class BlockChoiceField(serializers.CharField):
        pass

    return BlockChoiceField


_struct_serializers: dict[type, type[serializers.Serializer]] = {}


def _struct_serializer(block) -> type[serializers.Serializer]:
    # One component per StructBlock class; their children are declared on the class.
    block_class = type(block)
    if block_class not in _struct_serializers:
        fields = {name: field_for_block(child) for name, child in block.child_blocks.items()}
        _struct_serializers[block_class] = type(
            block_class.__name__,
            (serializers.Serializer,),
            {**fields, "__doc__": _describe(block) or f"The value of a {block_class.__name__}."},
        )
    return _struct_serializers[block_class]


def field_for_block(block) -> serializers.Field:
    """The serializer field whose schema matches ``block.get_api_representation``."""
    help_text = _describe(block) or None
    for block_class, serializer_class in OVERRIDES.items():
        if isinstance(block, block_class):
            return serializer_class(help_text=help_text)
    if isinstance(block, wagtail_blocks.RichTextBlock):
        return serializers.CharField(help_text="HTML. " + (help_text or ""))
    if isinstance(block, wagtail_blocks.StructBlock):
        return _struct_serializer(block)(help_text=help_text)
    if isinstance(block, wagtail_blocks.ListBlock):
        return serializers.ListField(child=field_for_block(block.child_block), help_text=help_text)
    if isinstance(block, wagtail_blocks.BaseStreamBlock):
        return stream_items(block, _camel(block.name or type(block).__name__))(help_text=help_text)
    if isinstance(block, wagtail_blocks.ChoiceBlock):
        choices = tuple(str(value) for value, _ in block.field.choices if value != "")
        return _enum_field_class(choices)(help_text=help_text)
    if isinstance(block, wagtail_blocks.BooleanBlock):
        return serializers.BooleanField(help_text=help_text)
    if isinstance(block, wagtail_blocks.IntegerBlock):
        return serializers.IntegerField(allow_null=True, help_text=help_text)
    if isinstance(block, wagtail_blocks.DateBlock):
        return serializers.DateField(allow_null=True, help_text=help_text)
    if isinstance(block, ImageChooserBlock | DocumentChooserBlock):
        return serializers.IntegerField(allow_null=True, help_text=help_text)
    if isinstance(block, EmbedBlock | wagtail_blocks.URLBlock):
        return serializers.CharField(allow_blank=True, allow_null=True, help_text=help_text)
    # CharBlock, TextBlock and other text-valued blocks.
    return serializers.CharField(allow_blank=True, allow_null=True, help_text=help_text)


_item_serializers: dict[str, tuple[tuple, type[serializers.Serializer]]] = {}


def _item_serializer(name: str, block) -> type[serializers.Serializer]:
    """``{"type": name, "id", "value"}`` for one child block of a stream."""
    signature = (type(block), name)
    component = f"{_camel(name)}StreamItem"
    if component in _item_serializers and _item_serializers[component][0] != signature:
        # The same block name means different blocks in different streams.
        component = f"{_camel(name)}{type(block).__name__}StreamItem"
    if component not in _item_serializers:
        serializer_class = type(
            component,
            (serializers.Serializer,),
            {
                "type": _enum_field_class((name,))(help_text="The block type."),
                "id": serializers.CharField(help_text="The block's stable id (a UUID)."),
                "value": field_for_block(block),
                "__doc__": f"A {name} block.",
            },
        )
        _item_serializers[component] = (signature, serializer_class)
    return _item_serializers[component][1]


def stream_items(stream_block, component_name: str):
    """A factory for the polymorphic list of a stream's items (for schemas only)."""
    serializers_by_type = {
        name: _item_serializer(name, child) for name, child in stream_block.child_blocks.items()
    }

    def make(**kwargs):
        return PolymorphicProxySerializer(
            component_name=component_name,
            serializers=serializers_by_type,
            resource_type_field_name="type",
            many=True,
            **kwargs,
        )

    return make


def stream_field(model, field_name: str) -> serializers.Field:
    """A read-only field for ``model.field_name`` (a StreamField), typed block by block."""
    model_field = model._meta.get_field(field_name)
    stream_block = model_field.stream_block
    block_class = type(stream_block)
    if block_class in (wagtail_blocks.StreamBlock,):
        component = f"{model.__name__.removesuffix('Page')}{_camel(field_name)}Item"
    else:
        component = f"{block_class.__name__}Item"
    schema = stream_items(stream_block, component)()

    @extend_schema_field(schema)
    class StreamValueField(serializers.Field):
        def to_representation(self, value):
            render_context = self.context["refs"].render_context(self.context)
            return value.stream_block.get_api_representation(value, render_context)

    return StreamValueField(read_only=True, help_text=str(model_field.help_text or "") or None)
