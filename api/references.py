"""Images, documents and rich text of one response, resolved in bulk.

Contract: while a response is serialised, image, document and rich-text fields
(and StreamField blocks, through the renderers ``render_context()`` hands to
``get_api_representation``) return ``Deferred`` placeholders and note what they
need. ``ReferenceResolver.resolve(data)`` then fetches everything at once, in one
statement however many items the response holds (images with their renditions,
documents, rich-text page links: each only when needed, together through
``api.rows.run_together``), and replaces the placeholders in place. A placeholder
that resolves to nothing becomes ``null``, or disappears from a list when it was
made with ``drop_if_missing``.
Data built as ``Resolved`` (page references) or ``ResolvedList`` (navigation trees)
holds no placeholder and is not searched for any.

Images and documents are read with one hand-written query each (``api.rows``
helpers) and built as model instances, so Wagtail's own rendition look-up and the
block representations in ``playbook_pages.blocks`` apply unchanged.
"""

from __future__ import annotations

from functools import lru_cache

from django.core.cache import cache
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page

from api.caching import content_version
from api.rows import (
    PAGE_ALIAS,
    Columns,
    Select,
    Where,
    page_rows,
    placeholders,
    quote,
    run_together,
)
from content import richtext
from playbook_pages.blocks import IMAGE_RENDITIONS, document_representation, image_representation

_DROP = object()
REFERENCE_VALUES = ("id", "title", "slug", "url_path", "content_type_id")


class Deferred:
    """A value that only ``ReferenceResolver.resolve`` can fill in."""

    __slots__ = ("kind", "key", "extra", "drop_if_missing")

    def __init__(self, kind, key, extra=None, drop_if_missing=False):
        self.kind = kind
        self.key = key
        self.extra = extra
        self.drop_if_missing = drop_if_missing


def _restricted_collection_paths() -> tuple[str, ...]:
    key = f"api:v1:restricted-collections:{content_version()}"
    paths = cache.get(key)
    if paths is None:
        paths = tuple(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
        cache.set(key, paths)
    return paths


class Resolved(dict):
    """A dict known to hold no placeholder (page references): never walked."""

    __slots__ = ()


class ResolvedList(list):
    """A list known to hold no placeholder (a navigation tree): never walked."""

    __slots__ = ()


_RESOLVED = (Resolved, ResolvedList)


class ReferenceResolver:
    """Collects what a response refers to and fills it in with few queries."""

    def __init__(self, scope, page_reference):
        self.scope = scope
        # page_reference(row) -> {"id", "type", "path", "api_url", ...}, from api.loaders
        self.page_reference = page_reference
        self._image_ids: set[int] = set()
        self._document_ids: set[int] = set()
        self._rich_text = richtext.References()
        self._pending = False

    # Placeholders -------------------------------------------------------------

    def image(self, image_or_id, alt="", context=None):
        image_id = getattr(image_or_id, "pk", image_or_id)
        if image_id is None:
            return None
        self._image_ids.add(image_id)
        self._pending = True
        return Deferred("image", image_id, extra=alt or "")

    def document(self, document_or_id, extra=None, drop_if_missing=False):
        document_id = getattr(document_or_id, "pk", document_or_id)
        if document_id is None:
            return None
        self._document_ids.add(document_id)
        self._pending = True
        return Deferred("document", document_id, extra=extra, drop_if_missing=drop_if_missing)

    def rich_text(self, source):
        if not source:
            return ""
        richtext.references_in(source, self._rich_text)
        self._pending = True
        return Deferred("rich_text", source)

    def render_context(self, context: dict) -> dict:
        """A context for ``get_api_representation`` whose renderers defer to this resolver."""
        return {
            **context,
            "rich_text_renderer": self.rich_text,
            "image_renderer": self.image,
            "document_renderer": self.document,
        }

    # Resolution ---------------------------------------------------------------

    def _fetch(self) -> tuple[dict, dict, dict]:
        """Images, documents and linked pages by id, in one statement."""
        image_ids = self._image_ids | self._rich_text.images
        document_ids = self._document_ids | self._rich_text.documents
        page_ids = self._rich_text.pages
        selects = []
        if image_ids:
            specs = set(IMAGE_RENDITIONS.values()) | self._rich_text.image_specs
            selects.append(_images_query(connection.vendor).select(image_ids, specs))
        if document_ids:
            selects.append(_documents_query(connection.vendor).select(document_ids))
        pages_query = page_rows(Page, REFERENCE_VALUES)
        if page_ids:
            selects.append(
                pages_query.select(
                    self.scope.sql(PAGE_ALIAS), Where.ids(sorted(page_ids)), order_by=None
                )
            )
        results = run_together(selects) if selects else []
        images = _images_query(connection.vendor).instances(results.pop(0)) if image_ids else {}
        documents = {}
        if document_ids:
            restricted = _restricted_collection_paths()
            for document, collection_path in _documents_query(connection.vendor).instances(
                results.pop(0)
            ):
                if any(collection_path.startswith(path) for path in restricted):
                    continue  # served only to people allowed into the collection
                documents[document.pk] = document_representation(document)
        pages = {}
        if page_ids:
            for raw in results.pop(0):
                row = pages_query.row(raw)
                pages[row.id] = self.page_reference(row)
        return images, documents, pages

    def resolve(self, data):
        """Replace every placeholder in ``data`` (nested dicts and lists) and return it."""
        if not self._pending:
            return data
        images, documents, pages = self._fetch()
        targets = richtext.Targets(pages=pages, documents=documents, images=images)
        representations = {}

        def value_of(deferred: Deferred):
            if deferred.kind == "rich_text":
                return richtext.render_for_api(deferred.key, targets)
            if deferred.kind == "image":
                key = (deferred.key, deferred.extra)
                if key not in representations:
                    image = images.get(deferred.key)
                    representations[key] = image and image_representation(image, deferred.extra)
                return representations[key]
            document = documents.get(deferred.key)
            if document is None:
                return _DROP if deferred.drop_if_missing else None
            return {**document, **(deferred.extra or {})}

        def walk(node):
            if isinstance(node, dict):
                for name, value in node.items():
                    if isinstance(value, Deferred):
                        value = value_of(value)
                        node[name] = None if value is _DROP else value
                    elif isinstance(value, dict | list) and not isinstance(value, _RESOLVED):
                        walk(value)
            elif isinstance(node, list):
                kept = []
                for value in node:
                    if isinstance(value, Deferred):
                        value = value_of(value)
                        if value is _DROP:
                            continue
                    elif isinstance(value, dict | list) and not isinstance(value, _RESOLVED):
                        walk(value)
                    kept.append(value)
                node[:] = kept

        walk(data)
        return data


def images_with_renditions(ids, specs) -> dict[int, object]:
    """Images by id, each with its existing renditions of ``specs`` prefetched: one query.

    Wagtail's ``get_renditions`` then finds them there (and makes any that is missing).
    """
    query = _images_query(connection.vendor)
    return query.instances(query.select(ids, specs).run())


class _ImagesQuery:
    """The SQL of ``images_with_renditions`` and how to build instances from its rows."""

    def __init__(self):
        self.image_model = image_model = get_image_model()
        self.rendition_model = rendition_model = image_model.get_rendition_model()
        image_fields = image_model._meta.concrete_fields
        rendition_fields = rendition_model._meta.concrete_fields
        self.columns = Columns()
        for field in image_fields:
            self.columns.add("i", field, field.attname)
        for field in rendition_fields:
            self.columns.add("r", field, ("r", field.attname))
        image_pk = f"{quote('i')}.{quote(image_model._meta.pk.column)}"
        self.body = (
            f"FROM {quote(image_model._meta.db_table)}"
            f" {quote('i')} LEFT OUTER JOIN {quote(rendition_model._meta.db_table)} {quote('r')}"
            f" ON {quote('r')}.{quote(rendition_model._meta.get_field('image').column)}"
            f" = {image_pk} AND {quote('r')}.{quote('filter_spec')} IN ({{specs}})"
            f" WHERE {image_pk} IN ({{ids}})"
        )
        self.image_names = [field.attname for field in image_fields]
        self.rendition_names = [field.attname for field in rendition_fields]
        self.split = len(self.image_names)
        self.image_pk = self.image_names.index(image_model._meta.pk.attname)
        pk_name = rendition_model._meta.pk.attname
        self.rendition_pk = self.split + self.rendition_names.index(pk_name)

    def select(self, ids, specs) -> Select:
        ids, specs = sorted(ids), sorted(specs)
        body = self.body.format(specs=placeholders(specs), ids=placeholders(ids))
        return Select(self.columns, body, [*specs, *ids])

    def instances(self, raw_rows) -> dict[int, object]:
        images = {}
        for raw in raw_rows:
            values = self.columns.convert_tuple(raw)
            image = images.get(values[self.image_pk])
            if image is None:
                image = self.image_model.from_db(
                    connection.alias, self.image_names, values[: self.split]
                )
                image.prefetched_renditions = []
                images[image.pk] = image
            if values[self.rendition_pk] is not None:
                rendition = self.rendition_model.from_db(
                    connection.alias, self.rendition_names, values[self.split :]
                )
                rendition.image = image
                image.prefetched_renditions.append(rendition)
        return images


@lru_cache(maxsize=4)
def _images_query(vendor: str) -> _ImagesQuery:
    return _ImagesQuery()


class _DocumentsQuery:
    """Documents by id with the tree path of their collection, as instances: one query."""

    def __init__(self):
        self.model = model = get_document_model()
        collection = model._meta.get_field("collection")
        fields = model._meta.concrete_fields
        self.columns = Columns()
        for field in fields:
            self.columns.add("d", field, field.attname)
        self.columns.add("c", collection.related_model._meta.get_field("path"), "path")
        self.names = [field.attname for field in fields]
        self.body = (
            f"FROM {quote(model._meta.db_table)} {quote('d')}"
            f" INNER JOIN {quote(collection.related_model._meta.db_table)} {quote('c')}"
            f" ON {quote('c')}.{quote(collection.target_field.column)}"
            f" = {quote('d')}.{quote(collection.column)}"
            f" WHERE {quote('d')}.{quote(model._meta.pk.column)} IN ({{ids}})"
        )

    def select(self, ids) -> Select:
        ids = sorted(ids)
        return Select(self.columns, self.body.format(ids=placeholders(ids)), ids)

    def instances(self, raw_rows) -> list[tuple[object, str]]:
        found = []
        for raw in raw_rows:
            *values, collection_path = self.columns.convert_tuple(raw)
            document = self.model.from_db(connection.alias, self.names, values)
            found.append((document, collection_path))
        return found


@lru_cache(maxsize=4)
def _documents_query(vendor: str) -> _DocumentsQuery:
    return _DocumentsQuery()


def documents_with_collection_paths(ids) -> list[tuple[object, str]]:
    query = _documents_query(connection.vendor)
    return query.instances(query.select(ids).run())
