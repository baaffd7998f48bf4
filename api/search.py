"""Search across every content type with Wagtail search, answering typed cards.

Contract: ``GET /api/v1/search/?q=words[&type=tool,case_study][&page=][&page_size=]``
returns the visible pages of the requested site that match, best match first, each
as the card of its type (``type`` says which). ``q`` is required (1 to 200
characters; one with no words, such as "?", finds nothing); ``type`` takes the
searchable type names, comma-separated or repeated (``&type=tool&type=summit``);
anything else is a 400. When nothing is found, ``suggestion`` holds the words
spelled as the site's pages spell them ("leadrship" → "leadership",
``api.suggest``), else null. Uses the search
backend configured in ``WAGTAILSEARCH_BACKENDS`` (the database backend: PostgreSQL
full text, or SQLite FTS5). An answer is reused until the next change
(``api.answers``).
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework.generics import GenericAPIView
from wagtail.models import Page

from api import views
from api.exceptions import ParameterError
from api.filters import MAX_SEARCH_LENGTH, SEVERAL, joined_values, search_words
from api.pagination import ContentPagination
from api.ranking import ranked_pages
from api.suggest import suggestion
from cms.search_backend import searching_in
from content import generation, kinds, store
from content.models import Shape
from content.rules import site_for_request

TYPE_NAMES = [page_type.name for page_type in kinds.SEARCHABLE_KINDS]


def search_result():
    return PolymorphicProxySerializer(
        component_name="SearchResult",
        serializers={
            page_type.name: page_type.card_serializer for page_type in kinds.SEARCHABLE_KINDS
        },
        resource_type_field_name="type",
        many=True,
    )


class SearchPagination(ContentPagination):
    """The list's pages, with the "did you mean" words beside them."""

    def get_paginated_response_schema(self, schema):
        answer = super().get_paginated_response_schema(schema)
        answer["required"].append("suggestion")
        answer["properties"]["suggestion"] = {
            "type": ["string", "null"],
            "description": "When nothing was found: the words as the site's pages spell "
            "them (search again with these), else null.",
        }
        return answer


class SearchView(views.ContentAPIMixin, GenericAPIView):
    pagination_class = SearchPagination
    extra_query_parameters = frozenset({"q", "type", *ContentPagination.query_parameters})
    multi_value_query_parameters = frozenset({"type"})
    free_text_query_parameters = frozenset({"q"})

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
                explode=True,
                description="Only these types: " + ", ".join(TYPE_NAMES) + ". " + SEVERAL,
            ),
        ],
        responses=search_result(),
    )
    def get(self, request):
        # Stored cards only: a snippet changed reaches them through a store write.
        return self.reused(self.build, (generation.PAGES,))

    def requested_types(self) -> list[kinds.PageKind]:
        raw = joined_values(self.request.query_params, "type")
        if raw is None:
            return kinds.SEARCHABLE_KINDS
        names = raw.split(",")
        unknown = [name for name in names if name not in TYPE_NAMES]
        if unknown:
            raise ParameterError(
                type=f"{', '.join(map(repr, unknown))} is not a type to search; use one or "
                f"more of: {', '.join(TYPE_NAMES)}."
            )
        return [kinds.BY_NAME[name] for name in names]

    def build(self):
        raw = self.request.query_params.get("q")
        if not raw:
            raise ParameterError(q="q is required: the words to look for.")
        query = search_words(raw, "q")
        page_types = self.requested_types()
        site_id = site_for_request(self.request).id
        # The words are stemmed in the locale's language, when the query is built and
        # when it runs (reading a page of it).
        with searching_in(self.locale):
            if not query:
                # Only spaces or punctuation: no page has those words.
                ranked = Page.objects.none().values_list("id", "content_type_id")
            else:
                # Filter on Page's own filter fields (id, content_type) so any search
                # backend accepts it; what readers may see is what the store serves as cards.
                candidates = Page.objects.filter(
                    id__in=store.visible_page_ids(site_id, Shape.CARD, self.locale),
                    content_type__in=kinds.content_type_ids(page_types),
                )
                ranked = ranked_pages(candidates, query)
            hits = [page_id for page_id, _ in self.paginate_queryset(ranked)]
        cards = store.bodies(site_id, Shape.CARD, hits, self.locale) if hits else {}
        data = [views.stored_body(cards[page_id]) for page_id in hits if page_id in cards]
        response = self.get_paginated_response(data)
        found = self.paginator.count
        response.data["suggestion"] = (
            suggestion(site_id, query, self.locale) if query and not found else None
        )
        return response
