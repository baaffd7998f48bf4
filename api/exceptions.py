"""Errors of the API and the one JSON shape every error response has.

Contract: every error is ``{"errors": [{"parameter": str | null, "message": str}]}``
with the HTTP status that fits (400 bad parameter, including a filter value that
names nothing, 403 refused, 404 not found, also for a page past the last, 405, 429
with ``Retry-After``, 503 when the database is unreachable: ``cms.middleware``).
``parameter`` names the query parameter (or path part, e.g. ``slug`` or ``id``) that
was wrong; it is null when no single parameter is to blame. Nothing the client
sends can produce a 500.
"""

from __future__ import annotations

import math

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response


class ParameterError(exceptions.APIException):
    """A 400 naming each parameter that was wrong and why."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_parameter"

    def __init__(self, errors: list[tuple[str | None, str]] | None = None, **by_name: str):
        self.errors = list(errors or []) + list(by_name.items())
        super().__init__(detail="; ".join(message for _, message in self.errors))


class ParameterNotFound(ParameterError):
    """A 404 naming the parameter: well formed, but it names nothing readers can see."""

    status_code = status.HTTP_404_NOT_FOUND
    default_code = "not_found"


class PreviewDenied(exceptions.PermissionDenied):
    """A preview token that is forged, expired or made for another page."""


def _error(message, parameter=None) -> dict:
    return {"parameter": parameter, "message": str(message)}


def _flatten_validation(detail, parameter=None) -> list[dict]:
    """DRF / django-filter validation details as a flat list of errors."""
    if isinstance(detail, dict):
        errors = []
        for name, value in detail.items():
            name = None if name == "non_field_errors" else name
            errors.extend(_flatten_validation(value, name or parameter))
        return errors
    if isinstance(detail, list):
        errors = []
        for value in detail:
            errors.extend(_flatten_validation(value, parameter))
        return errors
    return [_error(detail, parameter)]


def api_exception_handler(exc, context):
    """DRF's exception handler, answering in the API's error shape."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*(exc.args or ("Not found.",)))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*(exc.args or ()))
    if not isinstance(exc, exceptions.APIException):
        return None  # a bug: let Django report it

    headers = {}
    if isinstance(exc, ParameterError):
        errors = [_error(message, parameter) for parameter, message in exc.errors]
    elif isinstance(exc, exceptions.ValidationError):
        errors = _flatten_validation(exc.detail)
    else:
        errors = [_error(exc.detail)]
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        wait = math.ceil(exc.wait)
        headers["Retry-After"] = str(wait)
        errors[0]["retry_after"] = wait
    return Response({"errors": errors}, status=exc.status_code, headers=headers)
