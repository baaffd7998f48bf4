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

from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework import exceptions
from rest_framework.generics import GenericAPIView

from api import views
from api.exceptions import ParameterError
from api.pagination import WHOLE_NUMBER
from content import kinds, store
from content.rules import site_for_request

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
        serializers={kind.name: kind.detail_serializer for kind in kinds.PAGE_KINDS},
        resource_type_field_name="type",
    )


class PageDetailMixin(views.ContentAPIMixin):
    def page_response(self, **lookup):
        """The stored detail body of the one visible page matching ``lookup``."""
        site_id = site_for_request(self.request).id
        if "page_id" in lookup:
            # An id names one page in one locale: its api_url works without ?locale=.
            rows = store.detail_rows(site_id, limit=1, locale=store.ANY_LOCALE, **lookup)
        else:
            rows = views.stored_details(self.request, site_id, limit=1, **lookup)
        if not rows:
            raise exceptions.NotFound("No page readers can see is at that address.")
        return views.stored_response(rows[0])


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
        return self.build()

    def build(self):
        raw = self.request.query_params.get("path")
        if raw is None or raw == "":
            raise ParameterError(path="path is required, e.g. ?path=/playbook/.")
        if len(raw) > MAX_PATH_LENGTH or not PATH_PATTERN.fullmatch(raw):
            raise ParameterError(
                path="path must start with '/' and contain only slugs (letters, digits, "
                "hyphens, underscores) separated by '/'."
            )
        path = raw if raw.endswith("/") else raw + "/"
        return self.page_response(path=path)


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
        return self.build(pk)

    def build(self, pk):
        if not WHOLE_NUMBER.fullmatch(pk):
            raise ParameterError(id=f"id must be a whole number, not {pk!r}.")
        page_id = int(pk)
        if not 1 <= page_id <= MAX_ID:
            raise ParameterError(id=f"id must be between 1 and {MAX_ID}.")
        return self.page_response(page_id=page_id)
