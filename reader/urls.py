"""The reader's catch-all route; include it LAST in ``cms.urls``.

Every path is the reader's except the server's own prefixes (so a mistyped
``/api/v2/`` or ``/admin/nope`` stays that app's 404, not the reader's HTML) and
paths with a dot, which are files (``/favicon.ico``, a missing ``/app.js``): page
slugs never contain one. Reader paths end with a slash, like Wagtail's page paths;
``APPEND_SLASH`` redirects ``/search`` to ``/search/`` with its query.
"""

from django.urls import path, re_path

from reader.views import reader_view, service_worker_view

SERVER_PREFIXES = ("api", "admin", "django-admin", "documents", "media", "static", "health")

_not_server = "".join(f"(?!{prefix}(?:/|$))" for prefix in SERVER_PREFIXES)
READER_PATH = rf"^{_not_server}(?P<path>(?:[^/.]+/)*)$"

# Named like Wagtail's own serve view: Wagtail builds ``page.url`` (the admin's "View
# live", links in the page explorer) by reversing it, so pages link to the reader.
urlpatterns = [
    # At the root, so the worker may control every reader path (scope "/").
    path("sw.js", service_worker_view, name="reader_service_worker"),
    re_path(READER_PATH, reader_view, name="wagtail_serve"),
]
