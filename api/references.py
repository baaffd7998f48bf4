"""Images, documents and rich text of one response, resolved in bulk.

Contract: while a response is serialised, image, document and rich-text fields
(and StreamField blocks, through the renderers ``render_context()`` hands to
``get_api_representation``) return ``Deferred`` placeholders and note what they
need. ``ReferenceResolver.resolve(data)`` then fetches everything at once, a fixed
number of queries however many items the response holds (images with their
renditions: 2; documents: 1; rich-text page links: 1; each only when needed), and
replaces the placeholders in place. A placeholder that resolves to nothing becomes
``null``, or disappears from a list when it was made with ``drop_if_missing``.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Prefetch, prefetch_related_objects
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction

from api import richtext
from api.caching import content_version
from playbook_pages.blocks import IMAGE_RENDITIONS, document_representation, image_representation

_DROP = object()


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


class ReferenceResolver:
    """Collects what a response refers to and fills it in with few queries."""

    def __init__(self, scope, page_reference):
        self.scope = scope
        # page_reference(row) -> {"id", "type", "path", "api_url", ...}, from api.cards
        self.page_reference = page_reference
        self._image_objects: dict[int, object] = {}  # images already in memory
        self._image_ids: set[int] = set()
        self._document_ids: set[int] = set()
        self._rich_text = richtext.References()
        self._pending = False

    # Placeholders -------------------------------------------------------------

    def image(self, image_or_id, alt="", context=None):
        image_id = getattr(image_or_id, "pk", image_or_id)
        if image_id is None:
            return None
        if image_id not in self._image_objects and hasattr(image_or_id, "pk"):
            # Already loaded (a StreamField chooser): only its renditions are fetched.
            self._image_objects[image_id] = image_or_id
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

    def _fetch_images(self) -> dict[int, object]:
        ids = self._image_ids | self._rich_text.images
        if not ids:
            return {}
        images = dict(self._image_objects)
        missing = ids - images.keys()
        if missing:
            images.update(get_image_model().objects.in_bulk(missing))
        specs = set(IMAGE_RENDITIONS.values()) | self._rich_text.image_specs
        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs)
        # One query for the renditions of every image in the response.
        prefetch_related_objects(
            list(images.values()),
            Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions"),
        )
        return images

    def _fetch_documents(self) -> dict[int, dict]:
        ids = self._document_ids | self._rich_text.documents
        if not ids:
            return {}
        restricted = _restricted_collection_paths()
        documents = {}
        for document in (
            get_document_model().objects.filter(id__in=ids).select_related("collection")
        ):
            if any(document.collection.path.startswith(path) for path in restricted):
                continue  # served only to people allowed into the collection
            documents[document.pk] = document_representation(document)
        return documents

    def _fetch_pages(self) -> dict[int, dict]:
        if not self._rich_text.pages:
            return {}
        rows = (
            self.scope.pages()
            .filter(id__in=self._rich_text.pages)
            .values("id", "title", "slug", "url_path", "content_type_id")
        )
        return {row["id"]: self.page_reference(row) for row in rows}

    def resolve(self, data):
        """Replace every placeholder in ``data`` (nested dicts and lists) and return it."""
        if not self._pending:
            return data
        images = self._fetch_images()
        documents = self._fetch_documents()
        targets = richtext.Targets(pages=self._fetch_pages(), documents=documents, images=images)
        representations = {}

        def value_of(deferred: Deferred):
            if deferred.kind == "rich_text":
                return richtext.render(deferred.key, targets)
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
                    elif isinstance(value, dict | list):
                        walk(value)
            elif isinstance(node, list):
                kept = []
                for value in node:
                    if isinstance(value, Deferred):
                        value = value_of(value)
                        if value is _DROP:
                            continue
                    elif isinstance(value, dict | list):
                        walk(value)
                    kept.append(value)
                node[:] = kept

        walk(data)
        return data
