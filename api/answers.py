"""Answers computed per request (facets, search, snippets), reused while nothing changed.

Contract: ``reused(view, build)`` returns ``build()``'s response, or the answer an
earlier request of the same site, host, locale, path and query got, while

* the content generation it was built under (``content.generation``) is still the
  current one: any change readers may see (a publish, a privacy change, a snippet,
  image or document saved, a store write) makes a new one, so a reused answer is
  never older than the last change;
* with ``pages=True`` (the answer counts or lists pages), no stored page has expired
  or gone stale since (``content.store.next_change``): expiry is honoured at read
  time, and writes nothing that would change the generation.

Only 200s are kept, as the rendered body with its ETag and content language, in
the shared cache (one ``get_many`` with the generation: one round trip). The
checks a request goes through before its answer (parameters, throttling, locale)
run every time. Without a shared cache, or with ``API_REUSE_ANSWERS = False`` (the
benchmarks, measuring the work itself), every request builds its answer.

Page lists and details need none of this: they are look-ups of stored
representations already (``content.store``).
"""

from __future__ import annotations

import hashlib
from datetime import datetime

import orjson
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.utils import timezone
from rest_framework.response import Response

from api import locales
from api.caching import etag_for
from content import generation, store

KEY_PREFIX = "answer:"


def _key(view, site_id: int) -> str:
    request = view.request
    locale = locales.locale_of(request)
    fallback = locales.falls_back(request)
    # Links in an answer (pagination) are absolute: the host is part of what it says.
    what = f"{site_id}|{request.get_host()}|{locale}|{fallback}|{request.get_full_path()}"
    return KEY_PREFIX + hashlib.sha256(what.encode()).hexdigest()


def _response(body: bytes, etag: str, content_locale: str) -> Response:
    response = Response(orjson.Fragment(body))
    response["ETag"] = etag
    response.content_locale = content_locale
    return response


def reused(view, build, *, site_id: int, pages: bool) -> Response:
    if not settings.API_REUSE_ANSWERS:
        return build()
    key = _key(view, site_id)
    found = cache.get_many([generation.KEY, key])
    token = generation.current(found)
    if token is None:  # no shared cache to agree on a generation
        return build()
    now = timezone.now()
    entry = found.get(key)
    if entry is not None:
        built_under, good_until, body, etag, content_locale = entry
        if built_under == token and (good_until is None or good_until > now):
            return _response(body, etag, content_locale)
    response = build()
    if response.status_code == 200:
        _keep(view, key, token, response, site_id if pages else None, now)
    return response


def _keep(view, key, token, response, pages_of_site, now: datetime) -> None:
    # The body as the view's renderer writes it; the response keeps its data, and
    # goes out as every answer does (ETag, Content-Language, 304s: api.caching).
    body = view.renderer_classes[0]().render(response.data)
    response["ETag"] = etag_for(body)
    good_until = store.next_change(pages_of_site, now) if pages_of_site is not None else None
    timeout = DEFAULT_TIMEOUT
    if good_until is not None:
        seconds = max(1, int((good_until - now).total_seconds()) + 1)
        timeout = min(seconds, cache.default_timeout or seconds)
    content_locale = getattr(response, "content_locale", None) or locales.locale_of(view.request)
    cache.set(key, (token, good_until, body, response["ETag"], content_locale), timeout)
