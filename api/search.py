"""Search across every content type with Wagtail search, answering typed cards.

Contract: ``GET /api/v1/search/?q=words[&type=tool,case_study][&page=][&page_size=]``
returns the visible pages of the requested site that match, best match first, each
as the card of its type (``type`` says which). ``q`` is required (1 to 200
characters; one with no words, such as "?", finds nothing); ``type`` takes the
searchable type names, comma-separated; anything else is a 400. Uses the search
backend configured in ``WAGTAILSEARCH_BACKENDS`` (the database backend: PostgreSQL
full text, or SQLite FTS5).
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework.generics import GenericAPIView
from wagtail.models import Page

from api import registry, views
from api.exceptions import ParameterError
from api.filters import MAX_SEARCH_LENGTH, search_words
from api.pagination import ContentPagination
from api.ranking import ranked_pages
from api.scope import PageScope

TYPE_NAMES = [page_type.name for page_type in registry.SEARCHABLE_TYPES]


def search_result():
    return PolymorphicProxySerializer(
        component_name="SearchResult",
        serializers={
            page_type.name: page_type.card_serializer for page_type in registry.SEARCHABLE_TYPES
        },
        resource_type_field_name="type",
        many=True,
    )


class SearchView(views.ContentAPIMixin, GenericAPIView):
    pagination_class = ContentPagination
    extra_query_parameters = frozenset({"q", "type", *ContentPagination.query_parameters})

    @extend_schema(
        summary="Search all content",
        operation_id="search",
        description="Visible pages of the site that match the words, best first, as typed cards.",
        parameters=[
            OpenApiParameter(
                "q",
                {"type": "string", "minLength": 1, "maxLength": MAX_SEARCH_LENGTH},
                required=True,
                description="Words to look for (1-200 characters).",
            ),
            OpenApiParameter(
                "type",
                {"type": "array", "items": {"type": "string", "enum": TYPE_NAMES}, "minItems": 1},
                style="form",
                explode=False,
                description="Only these types, comma-separated: " + ", ".join(TYPE_NAMES) + ".",
            ),
        ],
        responses=search_result(),
    )
    def get(self, request):
        return self.cached(self.build)

    def requested_types(self) -> list[registry.PageType]:
        raw = self.request.query_params.get("type")
        if raw is None:
            return registry.SEARCHABLE_TYPES
        names = raw.split(",")
        unknown = [name for name in names if name not in TYPE_NAMES]
        if unknown:
            raise ParameterError(
                type=f"{', '.join(map(repr, unknown))} is not a type to search; use one or "
                f"more of: {', '.join(TYPE_NAMES)}."
            )
        return [registry.BY_NAME[name] for name in names]

    def build(self):
        raw = self.request.query_params.get("q")
        if not raw:
            raise ParameterError(q="q is required: the words to look for.")
        query = search_words(raw, "q")
        page_types = self.requested_types()
        if not query:
            # Only spaces or punctuation: no page has those words.
            ranked = Page.objects.none().values_list("id", "content_type_id")
        else:
            scope = PageScope.for_request(self.request)
            # Filter on Page's own filter fields (id, content_type) so any search backend
            # accepts it; the visibility rules run inside the id subquery.
            candidates = Page.objects.filter(
                id__in=scope.pages().values("id"),
                content_type__in=registry.content_type_ids(page_types),
            )
            ranked = ranked_pages(candidates, query)
        hits = self.paginate_queryset(ranked)
        context = self.get_serializer_context()
        present = {registry.for_content_type_id(content_type_id) for _, content_type_id in hits}
        cards = {}
        for page_type in page_types:
            if page_type not in present:
                continue
            instances = context["pages"].cards_by_id((page_id for page_id, _ in hits), [page_type])
            data = page_type.card_serializer(instances.values(), many=True, context=context).data
            cards.update((card["id"], card) for card in data)
        data = [cards[page_id] for page_id, _ in hits if page_id in cards]
        return self.get_paginated_response(self.resolve(data))
