"""Settings of benchmarks/api_benchmark.py: the test settings, plus stock Wagtail API v3.

Stock v2 and v3 are mounted by the benchmark's own urlconf (``benchmarks.urls``), never
by the product's; ``benchmarks.stock_apis`` comes first so that v3 builds its schemas
with the ``api_fields`` it sets. The database comes from ``DATABASE_URL`` as usual (the
benchmark points it at a throwaway one).
"""

from cms.settings.test import *  # noqa: F403
from cms.settings.test import INSTALLED_APPS

INSTALLED_APPS = [
    "benchmarks.stock_apis.StockAPIFieldsConfig",
    *INSTALLED_APPS,
    "wagtail.api.v3",
]
ROOT_URLCONF = "benchmarks.urls"
# Stock v2 and v3 answer at most 20 items unless told otherwise.
WAGTAILAPI_LIMIT_MAX = 100
ALLOWED_HOSTS = ["*"]
DEBUG = False
# Measure the work of every answer: a facets, search or snippet answer reused from
# the cache (api.answers) would time a cache read instead.
API_REUSE_ANSWERS = False
