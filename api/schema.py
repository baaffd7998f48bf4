"""The OpenAPI schema's conventions, added to every operation of the API.

Contract: the schema holds the ``/api/v1/`` endpoints only. Every GET operation
documents the ``If-None-Match`` request header, the ``ETag`` and ``Cache-Control``
response headers, ``304 Not Modified``, the error body (``ErrorResponse``) for 400,
404, 429 and 503, 403 where a view says it can refuse, and ``414`` (a URL longer
than the server reads: gunicorn's or a proxy's own page, so no body is documented).
List parameters have at least one item; multi-value ones (repeatable, see
``api.filters``) are ``style: form, explode: true``; ``ordering`` is comma-separated.
A view that never sends an ETag (previews) sets ``etag_in_schema = False``. Type
discriminators (``type``) stay inline single-value enums; every other choice set is
a named enum component.
"""

from __future__ import annotations

from drf_spectacular.hooks import postprocess_schema_enums
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from api import locales
from api.facets import FACET_EXCLUDED_PARAMETERS
from api.serializers.common import ErrorResponseSerializer

ERROR_DESCRIPTIONS = {
    "400": "A query parameter (or path part) is invalid; each error names it.",
    "403": "Refused (for previews: the token is forged, expired or for another page).",
    "404": "Nothing visible to readers matches.",
    "429": "Too many requests from this address; see Retry-After.",
    "503": "The database is unavailable for a moment; retry after Retry-After seconds.",
}

# Answered by gunicorn (limit_request_line) or a proxy before the API sees the request.
URI_TOO_LONG = "The URL is longer than the server reads (over 4 KB); not JSON."


class ContentAutoSchema(AutoSchema):
    def _view_flag(self, name, default):
        return getattr(self.view, name, default)

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method == "GET" and self._view_flag("locale_parameters", True):
            parameters += locales.schema_parameters()
        if self.method != "GET" or not self._view_flag("etag_in_schema", True):
            return parameters
        return parameters + [
            OpenApiParameter(
                "If-None-Match",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="An ETag from an earlier response; unchanged content answers 304.",
            ),
            OpenApiParameter(
                "ETag",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                response=[200],
                description="Changes whenever the content of this response changes.",
            ),
            OpenApiParameter(
                "Cache-Control",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                response=[200],
                description="public, max-age=<API_CACHE_MAX_AGE>, must-revalidate",
            ),
        ]

    def _get_filter_parameters(self):
        parameters = super()._get_filter_parameters()
        filterset_class = getattr(self.view, "filterset_class", None)
        repeatable = filterset_class.multi_value_parameters() if filterset_class else set()
        if getattr(self.view, "action", None) == "facets":
            # Counts take the list's filters but not its order (api.facets).
            parameters = [p for p in parameters if p["name"] not in FACET_EXCLUDED_PARAMETERS]
        for parameter in parameters:
            if parameter["schema"].get("type") == "array":
                # The filters refuse an empty list (``?type=``): leave the parameter out.
                parameter["schema"]["minItems"] = 1
            if parameter["name"] in repeatable:
                # Generated clients then send ?type=a&type=b; commas stay accepted.
                parameter["style"], parameter["explode"] = "form", True
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method != "GET":
            return responses
        codes = ["400", "404", "429", "503"]
        if self._view_flag("may_refuse", False):
            codes.append("403")
        for code in codes:
            responses.setdefault(
                code,
                self._get_response_for_code(
                    OpenApiResponse(ErrorResponseSerializer, ERROR_DESCRIPTIONS[code]),
                    code,
                    direction=direction,
                ),
            )
        responses.setdefault("414", {"description": URI_TOO_LONG})
        if self._view_flag("etag_in_schema", True):
            responses.setdefault("304", {"description": "Not modified since the given ETag."})
        return responses


def only_content_api(endpoints, **kwargs):
    """Preprocessing hook: the schema documents the content API, not the admin's."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


def _single_value_enums(node, found):
    """Find ``type`` discriminators (enums of one value) in the schema, in place."""
    if isinstance(node, dict):
        enum = node.get("enum")
        if isinstance(enum, list) and len(enum) == 1 and node.get("type") == "string":
            found.append(node)
        for value in node.values():
            _single_value_enums(value, found)
    elif isinstance(node, list):
        for value in node:
            _single_value_enums(value, found)
    return found


def postprocess_enums(result, generator, **kwargs):
    """drf-spectacular's enum naming, leaving single-value discriminators inline.

    Every page type's ``type`` is an enum of one value; named components for them
    would collide on the name "type" and help no client generator.
    """
    discriminators = _single_value_enums(result.get("components", {}), [])
    for node in discriminators:
        node["x-discriminator-value"] = node.pop("enum")
    result = postprocess_schema_enums(result, generator, **kwargs)
    for node in discriminators:
        node["enum"] = node.pop("x-discriminator-value")
    return result
