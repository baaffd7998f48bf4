"""``GET /health/``: 200 when the database, cache and task queue work, else 503.

The JSON body names every check with its status and latency, so a load balancer acts
on the code and an operator reads which part failed. Never cached by anyone.
"""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from health.checks import run_checks


@never_cache
@require_safe
def health_view(request):
    healthy, checks = run_checks()
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )
