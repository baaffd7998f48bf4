"""Serializer fields that know the API's conventions, each typed for the OpenAPI schema.

Contract: these fields read what ``api.context.serializer_context`` put in the
serializer context: ``scope`` (``content.rules.ReaderScope``) for frontend paths and ``refs``
(``api.references.ReferenceResolver``) for images, documents and rich text, which
they return as placeholders resolved in bulk once the whole response is built.
"""

from __future__ import annotations

from functools import lru_cache

from django.urls import get_script_prefix, reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.common import DocumentSerializer, DownloadSerializer, ImageSerializer


@lru_cache(maxsize=8)
def _page_api_url_prefix(script_prefix: str) -> str:
    return reverse("api:page-detail", kwargs={"pk": 0})[: -len("0/")]


def page_api_url_prefix() -> str:
    """``/api/v1/pages/``, under this request's script prefix."""
    return _page_api_url_prefix(get_script_prefix())


def page_api_url(page_id: int) -> str:
    """``/api/v1/pages/<id>/``: every page's stable, typed address in the API."""
    return f"{page_api_url_prefix()}{page_id}/"


def type_field(name: str) -> serializers.Field:
    """A read-only ``type`` whose schema is the single value ``name`` (the discriminator)."""

    @extend_schema_field(
        {"type": "string", "enum": [name], "description": f"The kind of content: {name}."}
    )
    class TypeField(serializers.Field):
        def __init__(self, **kwargs):
            super().__init__(source="*", read_only=True, **kwargs)

        def to_representation(self, value):
            return name

    return TypeField()


@extend_schema_field(
    {
        "type": "string",
        "description": "The page's path on the reader frontend, relative to the site root, "
        'e.g. "/playbook/tools/after-action-review/".',
    }
)
class FrontendPathField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("source", "url_path")
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return self.context["scope"].frontend_path(value)


@extend_schema_field(
    {
        "type": "string",
        "description": "The page's locale (a language code, e.g. en or fr): the language "
        "of the content given, also when the API fell back to the default locale.",
    }
)
class LocaleField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return self.context["scope"].locale


@extend_schema_field(
    {
        "type": "string",
        "description": "Where this page's full representation is: /api/v1/pages/{id}/.",
    }
)
class PageApiUrlField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("source", "pk")
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return page_api_url(value)


@extend_schema_field(
    {
        "type": "string",
        "format": "html",
        "description": "HTML, sanitised (an allow-list of formatting tags; links and "
        "images only with http(s), mailto or site-relative URLs). Internal links carry "
        "data-page-id, data-page-type and data-api-url and point at the frontend path; "
        "links to pages readers may not see are plain text; images are renditions with "
        "width, height and alt.",
    }
)
class RichTextHTMLField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return self.context["refs"].rich_text(value)


@extend_schema_field(ImageSerializer)
class ImageField(serializers.Field):
    """An image foreign key, given as ``<field>_id`` so no join is needed."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return self.context["refs"].image(value)


@extend_schema_field(DocumentSerializer)
class DocumentField(serializers.Field):
    """A document foreign key, given as ``<field>_id``."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return self.context["refs"].document(value)


@extend_schema_field(DownloadSerializer)
class DownloadField(serializers.Field):
    """A tool's template (``ToolTemplate``): its document and the editor's description.

    A template whose document is gone or private drops out of the list it is in. Used
    as the child of a read-only list, so it carries no read-only flag of its own.
    """

    def to_representation(self, value):
        return self.context["refs"].document(
            value.document_id, extra={"description": value.description}, drop_if_missing=True
        )
