"""Shapes shared by every content type: images, documents, references, snippets, errors.

Contract: ``PageReferenceSerializer`` and ``NavigationNodeSerializer`` serialise the
dictionaries ``api.loaders`` builds in bulk; ``ImageSerializer`` and
``DocumentSerializer`` describe (for the schema) what ``api.references`` fills in
for image and document fields; ``OrganisationSummarySerializer``, ``ThemeSerializer``
and ``TagSerializer`` serialise snippet and tag instances.
``ErrorResponseSerializer`` is the body of every error response.
"""

from __future__ import annotations

from django.db import models
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from taggit.models import Tag

from content.url_policy import safe_url
from playbook_pages.models import Organisation, Theme


class OptionalURLField(serializers.URLField):
    """A stored link as readers may follow it (``content.url_policy``), nullable in the schema.

    Null when it is missing ("" is no URI) or refused (``javascript:``, ``data:``,
    ``file:``...: a value written past the form's validation, from the shell or an import).
    """

    def __init__(self, **kwargs):
        kwargs["allow_null"] = True
        kwargs.setdefault(
            "help_text",
            "Null when there is none, or when it is not an http(s), mailto or site-relative URL.",
        )
        super().__init__(**kwargs)

    def to_representation(self, value):
        return safe_url(value)


class BlankURLAsNullMixin:
    """For model serializers: every model URL field reads through ``OptionalURLField``."""

    def build_standard_field(self, field_name, model_field):
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        if isinstance(model_field, models.URLField):
            field_class = OptionalURLField
            field_kwargs.pop("allow_null", None)
        return field_class, field_kwargs


@extend_schema_field(OpenApiTypes.STR)
class LabelField(serializers.Field):
    """The human label of a choice field: ``LabelField(ToolPage.ToolType, source="tool_type")``,
    in the language being built (``content.store`` builds each locale in its own).

    A dictionary look-up: DRF would inspect a ``get_*_display`` method on every call.
    """

    def __init__(self, choices, **kwargs):
        self.labels = dict(choices.choices)  # lazy translations
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return str(self.labels.get(value, value))


class RenditionSerializer(serializers.Serializer):
    url = serializers.CharField(help_text="Site-relative or absolute URL of the resized image.")
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class RenditionSetSerializer(serializers.Serializer):
    thumbnail = RenditionSerializer(help_text="Cropped to 400×300.")
    medium = RenditionSerializer(help_text="Fits in 800×800.")
    large = RenditionSerializer(help_text="Fits in 1600×1600.")


class ImageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    alt = serializers.CharField(help_text="Text alternative; never empty.")
    width = serializers.IntegerField(help_text="Width of the original upload.")
    height = serializers.IntegerField(help_text="Height of the original upload.")
    renditions = RenditionSetSerializer()


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(help_text="Download URL.")
    filename = serializers.CharField()
    file_extension = serializers.CharField()
    file_size = serializers.IntegerField(allow_null=True, help_text="In bytes.")
    content_type = serializers.CharField(help_text="MIME type, e.g. application/pdf.")


class DownloadSerializer(DocumentSerializer):
    description = serializers.CharField(help_text="What the file is and how to use it.")


class PageReferenceSerializer(serializers.Serializer):
    """Enough to link to a page: its frontend path and its API address."""

    id = serializers.IntegerField()
    type = serializers.CharField(help_text="The page's content type, e.g. tool or challenge.")
    title = serializers.CharField()
    slug = serializers.CharField()
    path = serializers.CharField(help_text="Frontend path, relative to the site root.")
    api_url = serializers.CharField(help_text="/api/v1/pages/{id}/")


class TranslationSerializer(serializers.Serializer):
    """The same page in another locale, where readers may see it."""

    locale = serializers.CharField(help_text="Its locale (a language code), e.g. fr.")
    title = serializers.CharField()
    path = serializers.CharField(
        help_text="Frontend path, relative to the site root in that locale."
    )
    api_url = serializers.CharField(help_text="/api/v1/pages/{id}/")


@extend_schema_field({"type": "array", "items": {"$ref": "#/components/schemas/NavigationNode"}})
class NavigationChildrenField(serializers.ListField):
    pass


class NavigationNodeSerializer(PageReferenceSerializer):
    """One page of a navigation tree with its visible children, in editor order."""

    children = NavigationChildrenField(child=serializers.DictField())


class OrganisationSummarySerializer(BlankURLAsNullMixin, serializers.ModelSerializer):
    kind_label = LabelField(Organisation.Kind, source="kind")

    class Meta:
        model = Organisation
        fields = ["id", "name", "slug", "kind", "kind_label", "country", "website"]
        read_only_fields = fields


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["id", "name", "slug", "description"]
        read_only_fields = fields


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["name", "slug"]
        read_only_fields = fields


class ErrorDetailSerializer(serializers.Serializer):
    parameter = serializers.CharField(
        allow_null=True,
        help_text="The query parameter or path part that was wrong, or null.",
    )
    message = serializers.CharField(help_text="What was wrong, in plain words.")
    retry_after = serializers.IntegerField(
        required=False, help_text="Only on 429: seconds to wait before asking again."
    )


class ErrorResponseSerializer(serializers.Serializer):
    errors = ErrorDetailSerializer(many=True)


class FacetValueSerializer(serializers.Serializer):
    """One value of a filter and how many items the list would show with it."""

    value = serializers.CharField(help_text="What to pass to the list's filter of this name.")
    label = serializers.CharField(help_text="The value in words, to show.")
    count = serializers.IntegerField(help_text="Visible items with this value, other filters kept.")


def facets_serializer(component: str, names) -> type[serializers.Serializer]:
    """The ``/facets/`` answer of one list: ``count`` and one value list per facet name."""
    facet_fields = type(
        f"{component}FacetValues",
        (serializers.Serializer,),
        {name: FacetValueSerializer(many=True) for name in names},
    )
    return type(
        f"{component}Facets",
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(help_text="Items the list shows with these filters."),
            "facets": facet_fields(),
            "__doc__": "Counts per filter value, over visible pages (see api.facets).",
        },
    )
