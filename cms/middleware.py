"""A database that cannot be reached answers 503 with ``Retry-After``, not 500.

Contract: when a view fails with a database ``OperationalError`` or ``InterfaceError``
(PEP 249's errors of the database's operation: PostgreSQL restarting, the network to
it down, a connection dropped, SQLite locked), the response is ``503 Service
Unavailable`` with ``Retry-After`` and ``Cache-Control: no-store``:

* under ``/api/``: the API's JSON error shape;
* in the Wagtail admin: the admin's own error page (``cms/database_unavailable.html``)
  with a retry link, or, after a POST, a "Try again" form that carries every posted
  field back, so an editor's typing survives the outage; the admin's own JSON calls
  (autosave, which ask for JSON) get Wagtail's JSON error shape instead;
* elsewhere: plain text.

Clients, CDNs and load balancers then retry instead of caching or reporting a
failure; the error is still logged with its traceback. Programming errors (a bad
query: a bug) stay 500s. The admin page renders without touching the database.
"""

from __future__ import annotations

import logging

from django.contrib.auth.models import AnonymousUser
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
MESSAGE = "The database is unavailable for a moment; retry shortly."
ADMIN_TEMPLATE = "cms/database_unavailable.html"


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
        elif request.path.startswith(reverse("wagtailadmin_home")):
            response = admin_response(request)
        else:
            response = plain_response()
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


def plain_response():
    return HttpResponse(MESSAGE, status=503, content_type="text/plain; charset=utf-8")


def admin_response(request):
    if not request.accepts("text/html"):
        # What Wagtail's own JSON views answer (JsonPostResponseMixin); autosave shows
        # the message and keeps the form as it is.
        return JsonResponse(
            {"success": False, "error_code": "database_unavailable", "error_message": MESSAGE},
            status=503,
        )
    try:
        # The admin layout reads the user's theme; when even the session cannot be
        # read, render it as for a visitor rather than fail again.
        getattr(request.user, "wagtail_userprofile", None)
    except DatabaseError:
        request.user = AnonymousUser()
    is_post = request.method == "POST"
    context = {
        "retry_url": request.get_full_path(),
        "home_url": reverse("wagtailadmin_home"),
        "posted": [(name, value) for name, values in request.POST.lists() for value in values]
        if is_post
        else [],
        "files": [upload.name for upload in request.FILES.values()] if is_post else [],
    }
    try:
        html = render_to_string(ADMIN_TEMPLATE, context, request=request)
    except DatabaseError:
        logger.exception("The admin's database error page could not be rendered")
        return plain_response()
    return HttpResponse(html, status=503)
