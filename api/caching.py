"""HTTP caching for the API: ETag, Cache-Control, 304s and a server-side response cache.

Contract:

* Every successful GET/HEAD carries a strong ``ETag`` (a hash of the body) and
  ``Cache-Control: public, max-age=API_CACHE_MAX_AGE, must-revalidate``; a request
  whose ``If-None-Match`` matches gets ``304 Not Modified``. Errors carry
  ``Cache-Control: no-store`` and are never kept.
* Bodies are kept in Django's ``default`` cache (Redis when ``REDIS_URL`` is set,
  local memory otherwise) under the *content version*: one token for everything
  the API serves. Any change that can alter a response (a page saved, published,
  unpublished, moved or deleted, a snippet, image, document, site, tag or privacy
  setting changed) replaces the token, so no stale body is ever served again;
  neither is a body that includes a page whose expiry time has passed. Saving a
  draft, locking a page or a workflow step does not: readers cannot see those.
* A cache hit costs no database query. Local memory is per process: several
  web processes need Redis to see each other's invalidations.
* The new content token is agreed through ``cache.add``, so the processes that
  notice a change at once do not each cache under a token of their own.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control

VERSION_KEY = "api:v1:content-version"


def content_version() -> str:
    """The current content token; replaced by every change (see ``bump_content_version``)."""
    state = cache.get(VERSION_KEY)
    if state is not None and state[1] is not None and time.time() >= state[1]:
        cache.delete(VERSION_KEY)  # a live page expired: every body may include it
        state = None
    if state is None:
        state = _new_version_state()
        # The first process to store a token wins; the others take its token.
        if not cache.add(VERSION_KEY, state, timeout=None):
            state = cache.get(VERSION_KEY) or state
    return state[0]


def _new_version_state() -> tuple[str, float | None]:
    from wagtail.models import Page

    # The token also ends when the next live page expires, so cached bodies never
    # outlive a page's expiry time even before the scheduler unpublishes it.
    next_expiry = Page.objects.filter(live=True, expire_at__gt=timezone.now()).aggregate(
        at=Min("expire_at")
    )["at"]
    return uuid.uuid4().hex, next_expiry.timestamp() if next_expiry else None


def bump_content_version() -> None:
    """Forget the content token now and again when the current transaction commits.

    The second time matters: a request that reads the database between the change
    and its commit would otherwise cache the old content under the new token.
    """
    cache.delete(VERSION_KEY)
    transaction.on_commit(lambda: cache.delete(VERSION_KEY))


@lru_cache(maxsize=1)
def _watched_models() -> tuple[type, ...]:
    from taggit.models import Tag
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import (
        Collection,
        CollectionViewRestriction,
        Page,
        PageViewRestriction,
        Site,
    )

    from playbook_pages.models import ChallengeSolution, Organisation, Theme, ToolTemplate

    return (
        Page,
        Organisation,
        Theme,
        get_image_model(),
        get_document_model(),
        Site,
        PageViewRestriction,
        CollectionViewRestriction,
        Collection,
        Tag,
        ChallengeSolution,
        ToolTemplate,
    )


# Columns a draft save, a lock or a workflow step writes on the page row: readers
# never see them, so they must not throw the whole API cache away.
DRAFT_ONLY_FIELDS = frozenset(
    {
        getattr(settings, "WAGTAIL_COMMENTS_RELATION_NAME", "wagtail_admin_comments"),
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_by",
        "locked_at",
    }
)


def _on_model_change(sender, instance, **kwargs):
    if kwargs.get("raw") or not isinstance(instance, _watched_models()):
        return
    update_fields = kwargs.get("update_fields")
    if update_fields and frozenset(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    bump_content_version()


def _on_page_event(sender, **kwargs):
    bump_content_version()


def connect_signals() -> None:
    """Called once from ``ApiConfig.ready``."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_on_model_change, dispatch_uid="api-cache-post-save")
    post_delete.connect(_on_model_change, dispatch_uid="api-cache-post-delete")
    m2m_changed.connect(_on_model_change, dispatch_uid="api-cache-m2m")
    page_published.connect(_on_page_event, dispatch_uid="api-cache-published")
    page_unpublished.connect(_on_page_event, dispatch_uid="api-cache-unpublished")
    post_page_move.connect(_on_page_event, dispatch_uid="api-cache-moved")


def etag_for(content: bytes) -> str:
    # SHA-256 runs in hardware on current CPUs: twice as fast as BLAKE2 on a 60 kB body.
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def response_cache_key(request) -> str:
    """Host, path and query (parameters sorted) under the current content version."""
    query = sorted(request.GET.lists())
    raw = f"{request.get_host().lower()}|{request.path}|{query!r}"
    digest = hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()
    return f"api:v1:response:{content_version()}:{digest}"


def cache_control_value() -> str:
    max_age = getattr(settings, "API_CACHE_MAX_AGE", 0)
    return f"public, max-age={max_age}, must-revalidate"


class CachedResponseMixin:
    """For DRF views: serve GETs from the response cache and answer conditional requests.

    Actions call ``self.cached(build)``: on a hit it returns the stored body without
    calling ``build``; on a miss ``build()`` makes the response, and
    ``finalize_response`` stores it once rendered. Set ``cache_responses = False``
    for responses that must never be kept (previews).
    """

    cache_responses = True

    def cached(self, build):
        request = self.request
        self._response_cache_key = None
        if not (self.cache_responses and getattr(settings, "API_RESPONSE_CACHE", True)):
            return build()
        key = response_cache_key(request)
        entry = cache.get(key)
        if entry is not None:
            content, content_type, etag = entry
            response = HttpResponse(content, content_type=content_type)
            response["ETag"] = etag
            response["X-Cache"] = "hit"
            return response
        self._response_cache_key = key
        return build()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD"):
            return response
        key = getattr(self, "_response_cache_key", None)
        if response.status_code != 200:
            patch_cache_control(response, no_store=True)
            return response
        if not self.cache_responses:
            patch_cache_control(response, no_store=True, private=True)
            return response
        if "ETag" not in response:
            if hasattr(response, "render"):
                response.render()
                # The body is written; let the data go now. A DRF response and its
                # view refer to each other, so it would otherwise wait for the garbage
                # collector, whose next runs it slows (a playbook's navigation tree).
                response.data = None
            response["ETag"] = etag_for(response.content)
            if key is not None:
                cache.set(key, (response.content, response["Content-Type"], response["ETag"]))
                response["X-Cache"] = "miss"
        response["Cache-Control"] = cache_control_value()
        return get_conditional_response(request, etag=response["ETag"], response=response)
