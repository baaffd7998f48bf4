"""Errors of the API and the one JSON shape every error response has.

Contract: every error is ``{"errors": [{"parameter": str | null, "message": str}]}``
with the HTTP status that fits (400 bad parameter, including a filter value that
names nothing, 403 refused, 404 not found, also for a page past the last, 405, 429
with ``Retry-After``, 503 when the database is unreachable: ``cms.middleware``).
``parameter`` names the query parameter (or path part, e.g. ``slug`` or ``id``) that
was wrong; it is null when no single parameter is to blame. A refused preview's
error also has a ``reason`` code (``api.preview``), and so does a refused change
feed cursor (``api.changes``). Nothing the client sends can
produce a 500.
"""

from __future__ import annotations

import math

from django.core.exceptions import PermissionDenied
from django.db import models
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


class PreviewReason(models.TextChoices):
    """Why a preview is refused (``api.preview`` decides; the schema lists them)."""

    INVALID = "invalid", "403, the token is forged, altered or malformed"
    EXPIRED = "expired", "403, the token is older than the preview lifetime"
    PRIVATE = "private", "403, the page or a section above it is view-restricted"
    UNPUBLISHED = "unpublished", "403, the page was live when the token was made and is not now"
    DELETED = "deleted", "404, the page (or the parent of a new page) was deleted"
    SUPERSEDED = "superseded", "404, the page was saved, published or created since"
    NOT_FOUND = "not_found", "404, no preview of this type has this token, or not on this site"


class PreviewRefused(exceptions.APIException):
    """A preview the API will not show; ``reason`` says why."""

    def __init__(self, reason: PreviewReason, message: str):
        self.reason = reason
        super().__init__(detail=message)


class PreviewDenied(PreviewRefused):
    """403: a token that is forged or expired, or a page that is private or unpublished."""

    status_code = status.HTTP_403_FORBIDDEN
    default_code = "permission_denied"


class PreviewGone(PreviewRefused):
    """404: no preview for this token, or its page was deleted or saved again since."""

    status_code = status.HTTP_404_NOT_FOUND
    default_code = "not_found"


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
    if isinstance(exc, PreviewRefused):
        errors[0]["reason"] = exc.reason.value
    elif getattr(exc, "reason", None):  # e.g. the change feed's cursor_expired
        errors[0]["reason"] = exc.reason
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        wait = math.ceil(exc.wait)
        headers["Retry-After"] = str(wait)
        errors[0]["retry_after"] = wait
    return Response({"errors": errors}, status=exc.status_code, headers=headers)
