"""The base of every page serializer: common fields and bulk preparation.

Contract: every page representation starts with ``id``, ``type``, ``title``,
``slug``, ``path`` (frontend path relative to the site root in its locale),
``api_url``, ``locale``, ``summary``, ``first_published_at`` and
``last_published_at``; a detail also lists its ``translations``.

Page serializers are DRF model serializers over page instances, one of them or
many of one type (``many=True``), from any queryset, with or without a request.
Before any instance is represented, ``prepare_all(instances)`` runs once for all of
them: it prefetches the relations the serializer's fields read
(``prefetch_related_objects``, plus ``prefetch_related`` for those ``prepare``
reads) and calls ``prepare(instances)``, which loads related pages in bulk through
``self.context["pages"]`` (``api.loaders.PageLoader``) and keeps them on the
instances for the fields to read. So a build costs the same queries for one page
as for fifty. Relations are read through the instance (``page.themes.all()``),
never with a fresh query of their own, so an unsaved draft from a preview token
serialises from its in-memory relations exactly like a live page.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db.models import prefetch_related_objects
from rest_framework import serializers

from api.serializers.common import (
    BlankURLAsNullMixin,
    PageReferenceSerializer,
    TranslationSerializer,
)
from api.serializers.fields import FrontendPathField, LocaleField, PageApiUrlField

PAGE_FIELDS = [
    "id",
    "type",
    "title",
    "slug",
    "path",
    "api_url",
    "locale",
    "summary",
    "first_published_at",
    "last_published_at",
]
DETAIL_PAGE_FIELDS = ["seo_title", "search_description", "translations"]


class PreparingListSerializer(serializers.ListSerializer):
    """A list serializer that lets its child prepare all items at once."""

    def to_representation(self, data):
        items = list(data.all() if hasattr(data, "all") else data)
        self.child.prepare_all(items)
        return [self.child.to_representation(item) for item in items]


class PageSerializer(BlankURLAsNullMixin, serializers.ModelSerializer):
    path = FrontendPathField()
    api_url = PageApiUrlField()
    locale = LocaleField()
    # Relations prepare() reads that no field shows (e.g. a challenge's solutions).
    prefetch_related: tuple[str, ...] = ()

    class Meta:
        fields = PAGE_FIELDS
        list_serializer_class = PreparingListSerializer

    def get_extra_kwargs(self):
        # Everything is read-only; the schema then marks every field as always present.
        extra = super().get_extra_kwargs()
        for name in self.Meta.fields:
            extra.setdefault(name, {})["read_only"] = True
        return extra

    def prefetch_lookups(self) -> list[str]:
        """The model relations this serializer's fields show, and ``prefetch_related``."""
        meta = self.Meta.model._meta
        lookups = []
        for field in self.fields.values():
            if not isinstance(field, serializers.BaseSerializer) or field.source == "*":
                continue
            try:
                model_field = meta.get_field(field.source.split(".")[0])
            except FieldDoesNotExist:
                continue  # data prepare() made (cards, references)
            if model_field.is_relation:
                lookups.append(model_field.name)
        return [*lookups, *self.prefetch_related]

    def prepare(self, instances) -> None:
        """Bulk-load what ``instances`` need; subclasses extend it (call super)."""

    def prepare_all(self, instances) -> None:
        loader = self.context["pages"]
        todo = [page for page in instances if type(self) not in _prepared(page, loader)]
        if not todo:
            return
        # An unsaved page (a preview of a new page) has nothing in the database to fetch.
        prefetch_related_objects([page for page in todo if page.pk], *self.prefetch_lookups())
        self.prepare(todo)
        for page in todo:
            _prepared(page, loader).add(type(self))

    def to_representation(self, instance):
        self.prepare_all([instance])
        return super().to_representation(instance)

    @property
    def pages(self):
        return self.context["pages"]


def _prepared(page, loader) -> set:
    """The serializer classes that prepared ``page`` for this build (its loader)."""
    owner, classes = page.__dict__.get("_api_prepared", (None, None))
    if owner is not loader:
        classes = set()
        page.__dict__["_api_prepared"] = (loader, classes)
    return classes


class DetailMixin(serializers.Serializer):
    """What every detail representation adds: SEO fields and translations (in Meta)
    and breadcrumbs."""

    breadcrumbs = PageReferenceSerializer(
        many=True,
        read_only=True,
        source="_api_breadcrumbs",
        help_text="Visible ancestors, from the site root down to the parent.",
    )
    translations = TranslationSerializer(
        many=True,
        read_only=True,
        source="_api_translations",
        help_text="The page in the site's other locales, where readers may see it.",
    )

    def prepare(self, instances):
        super().prepare(instances)
        for page, breadcrumbs in zip(instances, self.pages.breadcrumbs(instances), strict=True):
            page._api_breadcrumbs = breadcrumbs
        for page, found in zip(instances, self.pages.translations(instances), strict=True):
            page._api_translations = found


class CitedByChallengesMixin(serializers.Serializer):
    """Solution types list the visible challenges that point readers to them."""

    challenges = PageReferenceSerializer(
        many=True,
        read_only=True,
        source="_api_challenges",
        help_text="Challenges that list this page as a solution.",
    )

    def prepare(self, instances):
        super().prepare(instances)
        citing = self.pages.challenges_citing(page.pk for page in instances)
        for page in instances:
            page._api_challenges = citing.get(page.pk, []) if page.pk else []
