"""Route of the health endpoint; mounted at ``/health/`` (exempt from the SSL redirect)."""

from django.urls import path

from health.views import health_view

urlpatterns = [path("", health_view, name="health")]
