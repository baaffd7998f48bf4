"""Routes below ``/api/v1/playbooks/<slug>/pdf/`` (included from cms/urls.py)."""

from django.urls import path

from exports.views import PersonalPdfStatusView, PlaybookPdfStatusView, PlaybookPdfView

urlpatterns = [
    path("", PlaybookPdfView.as_view(), name="playbook-pdf"),
    path("status/", PlaybookPdfStatusView.as_view(), name="playbook-pdf-status"),
    path(
        "personal/<str:key>/",
        PersonalPdfStatusView.as_view(),
        name="playbook-pdf-personal",
    ),
]
