"""Any page, whatever its type: by frontend path or by id, in its full typed form.

Contract: ``GET /api/v1/pages/?path=/playbook/tools/x/`` resolves a path on the
reader frontend (relative to the site root, as every ``path`` field gives it) and
``GET /api/v1/pages/{id}/`` an id (every ``api_url``); both answer the same body
as the page type's own detail endpoint. A path must start with ``/`` and hold
only slugs separated by ``/``; an id must be a positive whole number; anything
else is a 400. A page the request may not see is a 404, exactly like a page that
does not exist.
"""

from __future__ import annotations

import re

from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework import exceptions
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from api import registry, views
from api.exceptions import ParameterError
from api.pagination import WHOLE_NUMBER
from api.scope import PageScope

# Slugs as api.slugs.SLUG_PATTERN has them (letters of any script), separated by "/".
PATH_PATTERN = re.compile(r"/(?:[-\w]+/)*(?:[-\w]+)?")
MAX_PATH_LENGTH = 1000
PATH_SCHEMA = {
    "type": "string",
    "pattern": r"^/([-\w]+/)*([-\w]+)?$",
    "minLength": 1,
    "maxLength": MAX_PATH_LENGTH,
}
MAX_ID = 2**31 - 1


def any_page_detail():
    return PolymorphicProxySerializer(
        component_name="PageDetail",
        serializers={
            page_type.name: page_type.detail_serializer for page_type in registry.PAGE_TYPES
        },
        resource_type_field_name="type",
    )


def find_visible(scope: PageScope, condition: Q):
    """The visible page matching ``condition`` (only its ``id`` and ``content_type_id``
    read), or None."""
    return scope.pages().filter(condition).only("id", "content_type_id").first()


def at_path(scope: PageScope, frontend_path: str) -> Q:
    """The condition for the page at a reader path (``/a/b/`` or ``a/b``) in ``scope``'s site."""
    path = frontend_path if frontend_path.endswith("/") else frontend_path + "/"
    return Q(url_path=scope.url_path_for(path))


class PageDetailMixin(views.ContentAPIMixin):
    def find(self, condition: Q):
        return find_visible(PageScope.for_request(self.request), condition)

    def page_response(self, found):
        """The detail body of the page ``found`` (a page with its id and content type)."""
        if found is None:
            raise exceptions.NotFound("No page readers can see is at that address.")
        page_type = registry.for_content_type_id(found.content_type_id)
        if page_type is None or page_type.detail_serializer is None:
            raise exceptions.NotFound("That page is not part of the content API.")
        context = self.get_serializer_context()
        page = context["scope"].pages(page_type.model).filter(pk=found.pk).first()
        if page is None:
            raise exceptions.NotFound("No page readers can see is at that address.")
        serializer = page_type.detail_serializer(page, context=context)
        return Response(self.resolve(serializer.data))


class PageByPathView(PageDetailMixin, GenericAPIView):
    extra_query_parameters = frozenset({"path"})

    @extend_schema(
        summary="Resolve a frontend path",
        operation_id="page_by_path",
        description="The page at a path of the reader frontend, in its full typed form "
        "(the same body as its type's detail endpoint).",
        parameters=[
            OpenApiParameter(
                "path",
                PATH_SCHEMA,
                OpenApiParameter.QUERY,
                required=True,
                description='A path relative to the site root, e.g. "/playbook/tools/x/".',
            )
        ],
        responses=any_page_detail(),
    )
    def get(self, request):
        return self.cached(self.build)

    def build(self):
        raw = self.request.query_params.get("path")
        if raw is None or raw == "":
            raise ParameterError(path="path is required, e.g. ?path=/playbook/.")
        if len(raw) > MAX_PATH_LENGTH or not PATH_PATTERN.fullmatch(raw):
            raise ParameterError(
                path="path must start with '/' and contain only slugs (letters, digits, "
                "hyphens, underscores) separated by '/'."
            )
        scope = PageScope.for_request(self.request)
        return self.page_response(find_visible(scope, at_path(scope, raw)))


class PageByIdView(PageDetailMixin, GenericAPIView):
    @extend_schema(
        summary="One page by id",
        operation_id="page_by_id",
        description="Any page by its id (its api_url), in its full typed form.",
        parameters=[
            OpenApiParameter(
                "id",
                {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                OpenApiParameter.PATH,
                description="The page id.",
            )
        ],
        responses=any_page_detail(),
    )
    def get(self, request, pk):
        return self.cached(lambda: self.build(pk))

    def build(self, pk):
        if not WHOLE_NUMBER.fullmatch(pk):
            raise ParameterError(id=f"id must be a whole number, not {pk!r}.")
        page_id = int(pk)
        if not 1 <= page_id <= MAX_ID:
            raise ParameterError(id=f"id must be between 1 and {MAX_ID}.")
        return self.page_response(self.find(Q(pk=page_id)))
