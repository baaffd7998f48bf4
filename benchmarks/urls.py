"""URL map of the API benchmark: stock Wagtail API v2 and v3 beside the product's routes.

``/api/v2/`` is v2's ``PagesAPIViewSet`` and ``/api/v3/`` the stock v3 ``NinjaAPI``
(pages, images, documents, snippets, redirects, as Wagtail registers them); every
other path is the product's (``cms.urls``). Only ``benchmarks.settings`` uses it.
"""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3.urls import api as v3_api

from cms.urls import urlpatterns as product_urlpatterns

v2_router = WagtailAPIRouter("wagtailapi")
v2_router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [
    path("api/v2/", v2_router.urls),
    path("api/v3/", v3_api.urls),
    *product_urlpatterns,
]
