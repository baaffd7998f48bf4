"""Page-number pagination with strict parameters.

Contract: ``?page=`` (from 1 to ``MAX_PAGE``) and ``?page_size=`` (1 to
``API_MAX_PAGE_SIZE``, default ``API_DEFAULT_PAGE_SIZE``). A page size that is not
a whole number, below 1 or over the maximum, or a page that is not a whole number
or out of that range is a 400 naming the parameter; a page past the last one is a
404 naming it (the request is well formed; that page does not exist). Nothing is
silently clamped. Responses carry
``count``, ``page``, ``page_size``, ``total_pages``, ``next``/``previous`` as
site-relative URLs (so one cached body serves every host name of a site) and
``results``. A source with ``page_with_count(start, stop)`` (search) answers the
page and the total in one query.
"""

from __future__ import annotations

import math
import re

from django.conf import settings
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from api.exceptions import ParameterError, ParameterNotFound

# Keeps the offset of the last page a database integer.
MAX_PAGE = 2**31 - 1
WHOLE_NUMBER = re.compile(r"-?[0-9]+")


def _whole_number(request, name: str, default: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    # Digits only: int() would also take " 5", "+5", "1_0" and other scripts' digits.
    if not WHOLE_NUMBER.fullmatch(raw):
        raise ParameterError(**{name: f"{name} must be a whole number, not {raw!r}."})
    value = int(raw)
    if value < 1:
        raise ParameterError(**{name: f"{name} must be 1 or more, not {value}."})
    return value


class ContentPagination(BasePagination):
    page_query_param = "page"
    page_size_query_param = "page_size"
    query_parameters = (page_query_param, page_size_query_param)

    @property
    def max_page_size(self) -> int:
        return getattr(settings, "API_MAX_PAGE_SIZE", 100)

    @property
    def default_page_size(self) -> int:
        return getattr(settings, "API_DEFAULT_PAGE_SIZE", 20)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = _whole_number(request, self.page_size_query_param, self.default_page_size)
        if self.page_size > self.max_page_size:
            raise ParameterError(
                page_size=f"page_size must be at most {self.max_page_size}, not {self.page_size}."
            )
        self.page_number = _whole_number(request, self.page_query_param, 1)
        if self.page_number > MAX_PAGE:
            raise ParameterError(page=f"page must be at most {MAX_PAGE}, not {self.page_number}.")
        start = (self.page_number - 1) * self.page_size
        items = None
        if hasattr(queryset, "page_with_count"):
            # One query for the page and the total (search), unless the page is empty.
            items, count = queryset.page_with_count(start, start + self.page_size)
            self.count = queryset.count() if count is None else count
        else:
            self.count = queryset.count()
        self.total_pages = max(1, math.ceil(self.count / self.page_size))
        if self.page_number > self.total_pages:
            raise ParameterNotFound(
                page=f"page {self.page_number} does not exist; there "
                f"{'is 1 page' if self.total_pages == 1 else f'are {self.total_pages} pages'}."
            )
        if items is None:
            items = list(queryset[start : start + self.page_size])
        return items

    def _link(self, number: int | None) -> str | None:
        if number is None:
            return None
        url = self.request.get_full_path()
        if number == 1:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, number)

    def get_paginated_response(self, data):
        has_next = self.page_number < self.total_pages
        return Response(
            {
                "count": self.count,
                "page": self.page_number,
                "page_size": self.page_size,
                "total_pages": self.total_pages,
                "next": self._link(self.page_number + 1 if has_next else None),
                "previous": self._link(self.page_number - 1 if self.page_number > 1 else None),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": ["string", "null"], "description": "Site-relative URL."}
        return {
            "type": "object",
            "required": ["count", "page", "page_size", "total_pages", "next", "previous"]
            + ["results"],
            "properties": {
                "count": {"type": "integer", "description": "Items over all pages."},
                "page": {"type": "integer", "description": "This page's number, from 1."},
                "page_size": {"type": "integer"},
                "total_pages": {"type": "integer"},
                "next": link,
                "previous": link,
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Page number, from 1. Past the last page is a 404.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Items per page (default {self.default_page_size}, "
                f"at most {self.max_page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
