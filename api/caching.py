"""HTTP caching for the API: ETag, Cache-Control and 304s.

Contract: every successful GET/HEAD carries a strong ``ETag`` (a hash of the body)
and ``Cache-Control: public, max-age=API_CACHE_MAX_AGE, must-revalidate``; a request
whose ``If-None-Match`` matches gets ``304 Not Modified``. Errors carry
``Cache-Control: no-store``; views with ``cache_responses = False`` (previews) answer
``no-store, private`` and no ETag.

Pages need no server-side response cache: they are read from the stored
representations (``content.store``), which are rebuilt when content changes, so a
body is a look-up already and nothing here can go stale. A detail's ETag is the one
stored with its representation. What is computed per request (facets, search,
snippets) is reused until the next change by ``api.answers``, ETag included.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control

# One ETag rule for stored bodies and computed ones, so a client's tag matches either.
from content.store import etag_for


def cache_control_value() -> str:
    max_age = getattr(settings, "API_CACHE_MAX_AGE", 0)
    return f"public, max-age={max_age}, must-revalidate"


class ConditionalResponseMixin:
    """For DRF views: ETag and Cache-Control on success, 304 when the client has it."""

    cache_responses = True

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD"):
            return response
        if response.status_code != 200:
            patch_cache_control(response, no_store=True)
            return response
        if not self.cache_responses:
            patch_cache_control(response, no_store=True, private=True)
            return response
        if "ETag" not in response:
            if hasattr(response, "render"):
                response.render()
            response["ETag"] = etag_for(response.content)
        response["Cache-Control"] = cache_control_value()
        return get_conditional_response(request, etag=response["ETag"], response=response)
