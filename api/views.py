"""Read-only endpoints of the content API, one ViewSet per content type.

Contract: every view here inherits ``ContentAPIMixin`` and so

* answers GET and HEAD only, anonymously, throttled by ``api.throttling``;
* rejects unknown query parameters, and repeated single-value ones, with a 400
  before anything else;
* answers pages from their stored representations (``content.store``): only what
  ``content.rules`` lets readers see, written at publish time by the serializers
  of ``api.serializers``; a request never serialises a page;
* answers conditional requests (``api.caching``);
* serialises snippets (organisations, themes) and counts facets per request, with
  a fixed number of queries, and reuses those answers until the next change
  (``api.answers``).

Lists paginate (``api.pagination``) and filter (``api.filters``); details are
looked up by slug (``/tools/{slug}/``); every page is also at ``/pages/{id}/``.
"""

from __future__ import annotations

import orjson
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from api import answers, filters, locales
from api.caching import ConditionalResponseMixin
from api.context import serializer_context
from api.exceptions import ParameterError, api_exception_handler
from api.facets import FACET_EXCLUDED_PARAMETERS, facet_counts
from api.pagination import ContentPagination
from api.renderers import ContentJSONRenderer
from api.schema import ContentAutoSchema
from api.serializers import alliance, playbook, snippets
from api.serializers.common import ThemeSerializer, facets_serializer
from api.serializers.fields import page_api_url
from api.slugs import SLUG_PATTERN, SLUG_RULE, SLUG_SCHEMA
from api.throttling import AnonReadThrottle
from content import generation, kinds, store
from content.models import Shape
from content.rules import ReaderScope, default_locale, site_for_request
from playbook_pages import models


class JSONOnlyNegotiation(BaseContentNegotiation):
    """Always JSON: ``format`` is a filter name here, not a renderer switch."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ContentAPIMixin(ConditionalResponseMixin):
    renderer_classes = [ContentJSONRenderer]
    content_negotiation_class = JSONOnlyNegotiation
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonReadThrottle]
    http_method_names = ["get", "head"]
    schema = ContentAutoSchema()
    # Query parameters a view accepts besides its filter set's and pagination's.
    extra_query_parameters: frozenset[str] = frozenset()
    # Those of them that take several values (besides the filter set's).
    multi_value_query_parameters: frozenset[str] = frozenset()
    # Those of them that take words a reader typed (besides the filter set's).
    free_text_query_parameters: frozenset[str] = frozenset()

    def get_exception_handler(self):
        return api_exception_handler

    def allowed_query_parameters(self) -> set[str]:
        allowed = set(self.extra_query_parameters) | locales.PARAMETERS
        filterset_class = getattr(self, "filterset_class", None)
        if getattr(self, "action", None) == "list":
            if filterset_class is not None:
                allowed |= filterset_class.parameters()
            allowed |= set(ContentPagination.query_parameters)
        elif getattr(self, "action", None) == "facets" and filterset_class is not None:
            allowed |= filterset_class.parameters() - FACET_EXCLUDED_PARAMETERS
        return allowed

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # A method the view does not answer is a 405 whatever the parameters say.
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            self.http_method_not_allowed(request)
        self.check_query_parameters(request)
        locales.read(request)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        locales.set_header(request, response)
        return response

    @property
    def locale(self) -> str:
        """The content locale this request asked for (``api.locales``)."""
        return locales.locale_of(self.request)

    def check_query_parameters(self, request):
        allowed = self.allowed_query_parameters()
        # Multi-value parameters may be repeated (?type=a&type=b, as generated clients
        # send them) as well as comma-separated; any other is given once.
        repeatable = set(self.multi_value_query_parameters)
        filterset_class = getattr(self, "filterset_class", None)
        if getattr(self, "action", None) in ("list", "facets") and filterset_class is not None:
            repeatable |= filterset_class.multi_value_parameters()
        errors = []
        for name, values in request.query_params.lists():
            if name not in allowed:
                hint = f" Allowed: {', '.join(sorted(allowed))}." if allowed else ""
                errors.append((name, f"Unknown query parameter {name!r}.{hint}"))
            elif len(values) > 1 and name not in repeatable:
                errors.append((name, f"Give {name!r} once: it takes a single value."))
        if errors:
            raise ParameterError(errors)

    def get_serializer_context(self):
        if not hasattr(self, "_serializer_context"):
            context = serializer_context(ReaderScope.for_request(self.request), self.request)
            context["view"] = self
            self._serializer_context = context
        return self._serializer_context

    def reused(self, build, reads: tuple[str, ...]):
        """``build()``'s answer, or the one kept for this request until the next change
        of what it ``reads`` (``api.answers``)."""
        free_text = set(self.free_text_query_parameters)
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            free_text |= filterset_class.free_text_parameters()
        site_id = site_for_request(self.request).id
        return answers.reused(self, build, site_id=site_id, reads=reads, free_text=free_text)

    def resolve(self, data):
        """Fill in the response's images, documents and rich text (bulk queries)."""
        return self.get_serializer_context()["refs"].resolve(data)


class ContentViewSet(ContentAPIMixin, viewsets.GenericViewSet):
    """A list and a detail-by-slug endpoint for one model."""

    pagination_class = ContentPagination
    filter_backends = [filters.ContentFilterBackend]
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"
    list_serializer_class = None
    default_ordering: tuple[str, ...] = ()
    list_select_related: tuple[str, ...] = ()
    # Relations the serializers read (pages: loaded in bulk by api.rows, one query each).
    list_prefetch_related: tuple = ()
    detail_prefetch_related: tuple = ()
    noun = "item"

    def get_serializer_class(self):
        if self.action == "list" and self.list_serializer_class is not None:
            return self.list_serializer_class
        return self.serializer_class

    def base_queryset(self):
        return self.queryset.all()

    def get_queryset(self):
        queryset = self.base_queryset().order_by(*self.default_ordering)
        if self.action == "list":
            return queryset.select_related(*self.list_select_related).prefetch_related(
                *self.list_prefetch_related
            )
        return queryset.select_related(*self.list_select_related).prefetch_related(
            *self.list_prefetch_related, *self.detail_prefetch_related
        )

    def list(self, request, *args, **kwargs):
        return self.build_list()

    def build_list(self):
        queryset = self.filter_queryset(self.get_queryset())
        items = self.paginate_queryset(queryset)
        data = self.get_serializer(items, many=True).data
        return self.get_paginated_response(self.resolve(data))

    def retrieve(self, request, *args, **kwargs):
        return self.build_detail()

    def build_detail(self):
        slug = self.kwargs[self.lookup_field]
        if not SLUG_PATTERN.fullmatch(slug):
            raise ParameterError(slug=SLUG_RULE)
        matches = list(self.get_queryset().filter(slug=slug)[:5])
        if not matches:
            raise exceptions.NotFound(f"No {self.noun} with the slug {slug!r}.")
        if len(matches) > 1:
            urls = ", ".join(page_api_url(match.pk) for match in matches)
            raise ParameterError(
                slug=f"Several {self.noun}s have the slug {slug!r}; ask for one of {urls}."
            )
        return Response(self.resolve(self.get_serializer(matches[0]).data))


class PageViewSet(ContentViewSet):
    """Pages of one type, visible ones only, in editor (tree) order by default.

    Everything comes from the stored representations (``content.store``): a detail
    is one indexed read of its stored body; a list is its filter set's ids (over
    the pages the store serves) and their stored list items. Nothing is serialised
    per request.
    """

    model = None
    default_ordering = ("path",)

    @property
    def kind(self):
        return kinds.for_model(self.model)

    def site_id(self) -> int:
        return site_for_request(self.request).id

    def base_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            # Schema generation runs with a made-up request whose host belongs to no
            # site; it only needs the model, never rows.
            return self.model.objects.none()
        return self.model.objects.all()

    def get_queryset(self):
        return self.base_queryset().order_by(*self.default_ordering)

    def build_list(self):
        site_id = self.site_id()
        fallback = locales.falls_back(self.request)
        if self.filters_given():
            queryset = self.filter_queryset(self.get_queryset())
            stored = store.with_stored(
                queryset, site_id, Shape.LIST, self.locale, fallback=fallback
            )
        else:
            # Nothing to filter: the statement compiled once for this list.
            stored = store.StoredList(
                self.kind.name, self.default_ordering, site_id, Shape.LIST, self.locale, fallback
            )
        rows = self.paginate_queryset(stored)
        bodies = store.fresh_bodies(site_id, Shape.LIST, rows, self.locale, fallback=fallback)
        return self.get_paginated_response([orjson.Fragment(body) for body in bodies])

    def filters_given(self) -> bool:
        """Whether the request names any parameter of the list's filter set."""
        parameters = self.filterset_class.parameters()
        return any(name in parameters for name in self.request.query_params)

    def build_detail(self):
        slug = self.kwargs[self.lookup_field]
        if not SLUG_PATTERN.fullmatch(slug):
            raise ParameterError(slug=SLUG_RULE)
        matches = stored_details(self.request, self.site_id(), kind=self.kind.name, slug=slug)
        if not matches:
            raise exceptions.NotFound(f"No {self.noun} with the slug {slug!r}.")
        if len(matches) > 1:
            urls = ", ".join(page_api_url(match.page_id) for match in matches)
            raise ParameterError(
                slug=f"Several {self.noun}s have the slug {slug!r}; ask for one of {urls}."
            )
        return stored_response(matches[0])


def faceted(viewset):
    """Give a list viewset ``/facets/``: counts per filter value (``api.facets``).

    A list route, so the router puts it before the detail route: a page with the
    slug "facets" is still at ``/pages/{id}/``. Each viewset gets its own function,
    so each has its own documented response shape.
    """
    component = viewset.model.__name__.removesuffix("Page")

    def facets(self, request, *args, **kwargs):
        site_id = self.site_id()

        def build():
            counts = facet_counts(self.filterset_class, request, self.model, site_id, self.locale)
            return Response(counts)

        # Counts of pages, labelled with snippets' names as they are now.
        return self.reused(build, generation.EVERYTHING)

    facets.__name__ = "facets"
    viewset.facets = extend_schema(
        summary="Counts per filter value",
        description=(
            "How many visible items each value of a filter would leave in the list, "
            "given the other filters (a filter's own value does not narrow its "
            "counts, so a reader can switch). Takes the list's filters; values "
            "with no item are left out."
        ),
        responses=facets_serializer(component, viewset.filterset_class.facets),
        filters=True,
    )(action(detail=False, methods=["get"], url_path="facets")(facets))
    return viewset


def stored_body(row) -> orjson.Fragment:
    """A stored representation as it goes into a response body: as stored, not re-encoded."""
    return orjson.Fragment(row.body)


def stored_response(row) -> Response:
    """A stored detail as the response, with the ETag stored beside it."""
    return answers.body_response(row.body, row.etag, row.locale)


def stored_details(request, site_id: int, *, limit: int = 5, **lookup):
    """Stored details matching ``lookup`` in the request's locale; with ``fallback``,
    in the default locale when the locale has none."""
    found = store.detail_rows(site_id, limit=limit, locale=locales.locale_of(request), **lookup)
    if not found and locales.falls_back(request):
        found = store.detail_rows(site_id, limit=limit, locale=default_locale(), **lookup)
    return found


def _describe(collection: str, what: str):
    return extend_schema_view(
        list=extend_schema(
            summary=f"List {collection}",
            description=f"{what} Paginated; visible pages of the requested site only.",
        ),
        retrieve=extend_schema(
            summary=f"One {collection.rstrip('s')} by slug",
            description="The full representation, with everything its page shows.",
            parameters=[
                OpenApiParameter(
                    "slug", SLUG_SCHEMA, OpenApiParameter.PATH, description=f"The slug. {SLUG_RULE}"
                )
            ],
        ),
    )


# Playbook side ---------------------------------------------------------------


@_describe("playbooks", "Playbooks of the site.")
class PlaybookViewSet(PageViewSet):
    model = models.PlaybookPage
    serializer_class = playbook.PlaybookSerializer
    list_serializer_class = playbook.PlaybookListSerializer
    filterset_class = filters.PlaybookFilterSet
    detail_prefetch_related = ("contributors",)
    noun = "playbook"


@_describe("challenges", "Challenges, in the order editors gave them.")
class ChallengeViewSet(PageViewSet):
    model = models.ChallengePage
    serializer_class = playbook.ChallengeSerializer
    list_serializer_class = playbook.ChallengeListSerializer
    filterset_class = filters.ChallengeFilterSet
    detail_prefetch_related = ("solutions",)
    noun = "challenge"


@_describe("tools", "Tools with their type, origin, themes, tags and challenges.")
@faceted
class ToolViewSet(PageViewSet):
    model = models.ToolPage
    serializer_class = playbook.ToolSerializer
    list_serializer_class = playbook.ToolListSerializer
    filterset_class = filters.ToolFilterSet
    list_prefetch_related = ("themes", "tags")
    detail_prefetch_related = ("templates",)
    noun = "tool"


@_describe("case-studies", "Case studies with their organisation and challenges.")
@faceted
class CaseStudyViewSet(PageViewSet):
    model = models.CaseStudyPage
    serializer_class = playbook.CaseStudySerializer
    list_serializer_class = playbook.CaseStudyListSerializer
    filterset_class = filters.CaseStudyFilterSet
    list_prefetch_related = ("themes",)
    detail_prefetch_related = ("tools_used",)
    noun = "case study"


@_describe("resources", "External resources: reports, articles, videos, courses.")
@faceted
class ResourceViewSet(PageViewSet):
    model = models.ExternalResourcePage
    serializer_class = playbook.ResourceSerializer
    list_serializer_class = playbook.ResourceListSerializer
    filterset_class = filters.ResourceFilterSet
    list_prefetch_related = ("themes",)
    noun = "resource"


# Alliance side ---------------------------------------------------------------


@_describe("alliances", "Communities of practice.")
class AllianceViewSet(PageViewSet):
    model = models.AlliancePage
    serializer_class = alliance.AllianceSerializer
    list_serializer_class = alliance.AllianceListSerializer
    filterset_class = filters.AllianceFilterSet
    detail_prefetch_related = ("member_organisations",)
    noun = "alliance"


@_describe("learning-labs", "Learning labs (working groups) of the alliances.")
@faceted
class LearningLabViewSet(PageViewSet):
    model = models.LearningLabPage
    serializer_class = alliance.LearningLabSerializer
    list_serializer_class = alliance.LearningLabListSerializer
    filterset_class = filters.LearningLabFilterSet
    list_prefetch_related = ("co_leads",)
    detail_prefetch_related = ("members",)
    noun = "learning lab"


@_describe("publications", "What the alliances published.")
@faceted
class PublicationViewSet(PageViewSet):
    model = models.AlliancePublicationPage
    serializer_class = alliance.PublicationSerializer
    list_serializer_class = alliance.PublicationListSerializer
    filterset_class = filters.PublicationFilterSet
    list_prefetch_related = ("themes", "contributing_organisations")
    noun = "publication"


@_describe("summits", "Co-design summits and other convenings.")
@faceted
class SummitViewSet(PageViewSet):
    model = models.SummitPage
    serializer_class = alliance.SummitSerializer
    list_serializer_class = alliance.SummitListSerializer
    filterset_class = filters.SummitFilterSet
    list_prefetch_related = ("host_organisations", "themes")
    noun = "summit"


# Snippets --------------------------------------------------------------------


# A snippet answer shows the snippet and its images, never a page.
SNIPPET_SOURCES = (generation.OBJECTS,)


class TranslatableSnippetViewSet(ContentViewSet):
    """Snippets of the request's locale (with ``fallback``, also those of the default
    locale that have no translation into it), serialised per request and reused
    until the next change (``api.answers``)."""

    def list(self, request, *args, **kwargs):
        return self.reused(self.build_list, SNIPPET_SOURCES)

    def retrieve(self, request, *args, **kwargs):
        return self.reused(self.build_detail, SNIPPET_SOURCES)

    def base_queryset(self):
        found = self.queryset.all()
        own = found.filter(locale__language_code=self.locale)
        if not locales.falls_back(self.request):
            return own
        untranslated = found.filter(locale__language_code=default_locale()).exclude(
            translation_key__in=own.values("translation_key")
        )
        return own | untranslated


@_describe("organisations", "Organisations: partners, publishers, hosts, members.")
class OrganisationViewSet(TranslatableSnippetViewSet):
    queryset = models.Organisation.objects.all()
    serializer_class = snippets.OrganisationSerializer
    filterset_class = filters.OrganisationFilterSet
    default_ordering = ("name",)
    noun = "organisation"


@_describe("themes", "Themes that tools, resources, labs and publications share.")
class ThemeViewSet(TranslatableSnippetViewSet):
    queryset = models.Theme.objects.all()
    serializer_class = ThemeSerializer
    filterset_class = filters.ThemeFilterSet
    default_ordering = ("name",)
    noun = "theme"
