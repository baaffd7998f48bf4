"""Images, documents and rich text of one response, resolved in bulk.

Contract: while a response is serialised, image, document and rich-text fields
(and StreamField blocks, through the renderers ``render_context()`` hands to
``get_api_representation``) return ``Deferred`` placeholders and note what they
need. ``ReferenceResolver.resolve(data)`` then fetches everything at once, with a
fixed number of queries however many items the response holds (images, their
renditions, documents, rich-text page links: each only when needed), and replaces
the placeholders in place. A placeholder
that resolves to nothing becomes ``null``, or disappears from a list when it was
made with ``drop_if_missing``.
Data built as ``Resolved`` (page references) or ``ResolvedList`` (navigation trees)
holds no placeholder and is not searched for any.

Images come with their renditions prefetched where Wagtail's own rendition look-up
finds them (``prefetched_renditions``), so the block representations in
``playbook_pages.blocks`` apply unchanged.
"""

from __future__ import annotations

from django.db.models import Prefetch
from wagtail.images import get_image_model

from content import richtext
from content.rules import public_documents
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
        # page_reference(page) -> {"id", "type", "path", "api_url", ...}, from api.loaders
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
        """Images, documents and linked pages by id."""
        image_ids = self._image_ids | self._rich_text.images
        document_ids = self._document_ids | self._rich_text.documents
        page_ids = self._rich_text.pages
        images = {}
        if image_ids:
            specs = set(IMAGE_RENDITIONS.values()) | self._rich_text.image_specs
            images = images_with_renditions(image_ids, specs)
        documents = {}
        if document_ids:
            # Documents of private collections are served only to people allowed in.
            for document in public_documents().filter(pk__in=document_ids):
                documents[document.pk] = document_representation(document)
        pages = {}
        if page_ids:
            # A link keeps to the text's locale: to the linked page's translation in it
            # (wagtail-localize leaves the source's page ids in a translated text).
            for linked_id, page in self.scope.localized(page_ids).items():
                pages[linked_id] = self.page_reference(page)
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
    """Images by id, each with its existing renditions of ``specs`` prefetched.

    Wagtail's ``get_renditions`` then finds them there (and makes any that is missing).
    """
    image_model = get_image_model()
    renditions = image_model.get_rendition_model().objects.filter(filter_spec__in=specs)
    found = image_model.objects.filter(pk__in=ids).prefetch_related(
        Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions")
    )
    return {image.pk: image for image in found}
