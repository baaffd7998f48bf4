"""URL map: the Wagtail admin, documents, the content API, the PDF and the reader."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The playbook PDF and its status (exports/urls.py), before the API's own routes.
    # Any slug is routed there, so that a malformed one is the API's JSON 400.
    path("api/v1/playbooks/<str:slug>/pdf/", include("exports.urls")),
    path("api/v1/", include("api.urls")),
    path("health/", include("health.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Last: the reader frontend answers every path the routes above do not claim.
urlpatterns.append(path("", include("reader.urls")))
