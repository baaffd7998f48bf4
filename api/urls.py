"""Routes of the versioned content API (``/api/v1/``).

The printable PDF (``playbooks/<slug>/pdf/``) is routed by ``exports`` before this
include; nothing here matches it.
"""

from django.urls import path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerView,
)
from rest_framework.routers import SimpleRouter

from api import views
from api.changes import ChangeFeedView
from api.lookup import PageByIdView, PageByPathView
from api.preview import PreviewView
from api.search import SearchView

app_name = "api"

router = SimpleRouter()
router.register("playbooks", views.PlaybookViewSet, basename="playbook")
router.register("challenges", views.ChallengeViewSet, basename="challenge")
router.register("tools", views.ToolViewSet, basename="tool")
router.register("case-studies", views.CaseStudyViewSet, basename="case_study")
router.register("resources", views.ResourceViewSet, basename="resource")
router.register("alliances", views.AllianceViewSet, basename="alliance")
router.register("learning-labs", views.LearningLabViewSet, basename="learning_lab")
router.register("publications", views.PublicationViewSet, basename="publication")
router.register("summits", views.SummitViewSet, basename="summit")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("themes", views.ThemeViewSet, basename="theme")

urlpatterns = [
    path("pages/", PageByPathView.as_view(), name="page-by-path"),
    path("pages/<str:pk>/", PageByIdView.as_view(), name="page-detail"),
    path("search/", SearchView.as_view(), name="search"),
    path("changes/", ChangeFeedView.as_view(), name="changes"),
    path("preview/", PreviewView.as_view(), name="preview"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    *router.urls,
]
