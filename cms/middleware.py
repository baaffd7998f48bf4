"""A database that cannot be reached answers 503 with ``Retry-After``, not 500.

Contract: when a view fails with a database ``OperationalError`` or ``InterfaceError``
(PEP 249's errors of the database's operation: PostgreSQL restarting, the network to
it down, a connection dropped, SQLite locked), the response is ``503 Service
Unavailable`` with ``Retry-After``: in the API's error shape under ``/api/``, plain
text elsewhere. Clients, CDNs and load balancers then retry instead of caching or
reporting a failure; the error is still logged with its traceback. Programming errors
(a bad query: a bug) stay 500s.
"""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
MESSAGE = "The database is unavailable for a moment; retry shortly."


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error(
            "Database unavailable: %s %s answered 503",
            request.method,
            request.path,
            exc_info=exception,
        )
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {"errors": [{"parameter": None, "message": MESSAGE}]}, status=503
            )
        else:
            response = HttpResponse(MESSAGE, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
