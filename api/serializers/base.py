"""The base of every page serializer: common fields and bulk preparation.

Contract: every page representation starts with ``id``, ``type``, ``title``,
``slug``, ``path`` (frontend path relative to the site root), ``api_url``,
``summary``, ``first_published_at`` and ``last_published_at``.

A serializer that needs related data overrides ``prepare(instances)``: it is called
once with all the instances of a list (or the one instance of a detail) before any
of them is represented, loads what they need in bulk through
``self.context["pages"]`` (``api.loaders.PageLoader``) and keeps it on the
instances. Relations are read through the instance (``page.themes.all()``), never
with a fresh query, so an unsaved draft from a preview token serialises from its
in-memory relations exactly like a live page.
"""

from __future__ import annotations

from rest_framework import serializers

from api.serializers.common import (
    BlankURLAsNullMixin,
    FieldCacheMixin,
    PageReferenceSerializer,
)
from api.serializers.fields import FrontendPathField, PageApiUrlField
from api.serializers.fields_prepared import prepared
from api.serializers.plans import PlannedRepresentationMixin, represent

PAGE_FIELDS = [
    "id",
    "type",
    "title",
    "slug",
    "path",
    "api_url",
    "summary",
    "first_published_at",
    "last_published_at",
]
DETAIL_PAGE_FIELDS = ["seo_title", "search_description"]


class PreparingListSerializer(serializers.ListSerializer):
    """A list serializer that lets its child prepare all items at once."""

    def to_representation(self, data):
        items = list(data.all() if hasattr(data, "all") else data)
        self.child.prepare_all(items)
        return [self.child.to_representation(item) for item in items]


class PageSerializer(
    BlankURLAsNullMixin, FieldCacheMixin, PlannedRepresentationMixin, serializers.ModelSerializer
):
    path = FrontendPathField()
    api_url = PageApiUrlField()
    # Columns prepare() reads that no field names (loaded by lists and cards).
    extra_columns: tuple[str, ...] = ()

    class Meta:
        fields = PAGE_FIELDS
        list_serializer_class = PreparingListSerializer

    def get_extra_kwargs(self):
        # Everything is read-only; the schema then marks every field as always present.
        extra = super().get_extra_kwargs()
        for name in self.Meta.fields:
            extra.setdefault(name, {})["read_only"] = True
        return extra

    def prepare(self, instances) -> None:
        """Bulk-load what ``instances`` need; subclasses extend it (call super)."""

    @classmethod
    def read_ahead(cls, pages, page) -> None:
        """Declare to ``pages`` (``api.loaders.PageLoader``: ``cards_ahead``,
        ``tree_ahead``) the reads ``prepare`` will make for this one ``page`` (a
        detail's row), so that the detail reads them in its own statement."""

    def prepare_all(self, instances) -> None:
        todo = [page for page in instances if type(self) not in _prepared(page)]
        if todo:
            self.prepare(todo)
            for page in todo:
                _prepared(page).add(type(self))

    def to_representation(self, instance):
        self.prepare_all([instance])
        return represent(type(self), instance, self.context, owner=self)

    @property
    def pages(self):
        return self.context["pages"]


def _prepared(page) -> set:
    return page.__dict__.setdefault("_api_prepared_for", set())


class DetailMixin(serializers.Serializer):
    """What every detail representation adds: SEO fields (in Meta) and breadcrumbs."""

    breadcrumbs = prepared(
        PageReferenceSerializer(many=True),
        "_api_breadcrumbs",
        help_text="Visible ancestors, from the site root down to the parent.",
    )

    def prepare(self, instances):
        super().prepare(instances)
        for page in instances:
            page._api_breadcrumbs = self.pages.breadcrumbs(page)


class CitedByChallengesMixin(serializers.Serializer):
    """Solution types list the visible challenges that point readers to them."""

    challenges = prepared(
        PageReferenceSerializer(many=True),
        "_api_challenges",
        help_text="Challenges that list this page as a solution.",
    )

    def prepare(self, instances):
        super().prepare(instances)
        citing = self.pages.challenges_citing(page.pk for page in instances if page.pk)
        for page in instances:
            page._api_challenges = citing.get(page.pk, [])


# Always loaded: the tree position that prepare() and paths are computed from.
TREE_COLUMNS = ("id", "path", "depth", "url_path", "title", "slug")


def columns_for(serializer_class) -> tuple[str, ...]:
    """The model columns a serializer reads (``api.rows`` selects only these).

    Lists and cards then skip every other column (StreamFields, rich text, Page's
    own bookkeeping), which makes reading each page several times cheaper.
    """
    cached = serializer_class.__dict__.get("_api_columns")
    if cached is None:
        names = dict.fromkeys(TREE_COLUMNS + tuple(serializer_class.extra_columns))
        for _, model_field in _model_fields_read(serializer_class):
            if model_field.concrete and not model_field.many_to_many:
                names[model_field.name] = None
        cached = serializer_class._api_columns = tuple(names)
    return cached


def joins_for(serializer_class) -> tuple[str, ...]:
    """Foreign keys a serializer reads as objects (``publisher``, not ``cover_image_id``).

    ``api.rows`` joins their tables, so a row carries the object as a nested row.
    """
    cached = serializer_class.__dict__.get("_api_joins")
    if cached is None:
        cached = serializer_class._api_joins = tuple(
            model_field.name
            for source, model_field in _model_fields_read(serializer_class)
            if model_field.many_to_one and source == model_field.name
        )
    return cached


def _model_fields_read(serializer_class):
    """(source, model field) for each serializer field that reads a field of the model."""
    model = serializer_class.Meta.model
    for field in serializer_class().fields.values():
        if field.source == "*" or isinstance(field, serializers.SerializerMethodField):
            continue
        source = field.source.split(".")[0]
        try:
            model_field = model._meta.get_field(source)
        except Exception:  # noqa: BLE001, S112 - not a model field (prepared data, methods)
            continue
        yield source, model_field
