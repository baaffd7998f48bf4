"""Answers computed per request (facets, search, snippets, the change feed), reused
while nothing they read changed.

Contract: ``reused(view, build, site_id=, reads=)`` returns ``build()``'s response, or
the answer an earlier request of the same site, host, locale, path and query got,
while

* the content generations of what it ``reads`` (``content.generation``: ``PAGES``,
  ``OBJECTS``) are still the ones it was built under: any change readers may see of
  those (a publish, a privacy change, a store write; a snippet, image or document
  saved) makes a new one, so a reused answer is never older than the last change
  of what it shows;
* when it reads pages, no stored page has expired or gone stale since
  (``content.store.next_change``): expiry is honoured at read time, and writes
  nothing that would make a new generation.

Only 200s are kept, as the rendered body with its ETag and content language, in
the shared cache (one ``get_many`` with the generations: one round trip); those to
``free_text`` parameters (words a reader typed) for a minute at most, any other for
ten minutes at most. The checks a request goes through before its answer
(parameters, throttling, locale) run every time. Without a shared cache, or with
``API_REUSE_ANSWERS = False`` (the benchmarks, measuring the work itself), every
request builds its answer. ``body_response`` makes a response of stored bytes (a
kept answer, a stored representation).

Page lists and details need none of this: they are look-ups of stored
representations already (``content.store``).
"""

from __future__ import annotations

import hashlib
from datetime import datetime

import orjson
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from rest_framework.response import Response

from api import locales
from content import generation, store

KEY_PREFIX = "answer:"
# Answers to words a reader typed (a search, a name) are as many as the words: kept
# briefly, so that one-off queries do not fill the cache for an hour.
FREE_TEXT_SECONDS = 60
# Any answer at most this long: a change made while the cache was unreachable from
# the process that made it (whose new generation never arrived) ends with it.
LONGEST_SECONDS = 600


def _key(view, site_id: int) -> str:
    request = view.request
    locale = locales.locale_of(request)
    fallback = locales.falls_back(request)
    # Links in an answer (pagination) are absolute: the host is part of what it says.
    what = f"{site_id}|{request.get_host()}|{locale}|{fallback}|{request.get_full_path()}"
    return KEY_PREFIX + hashlib.sha256(what.encode()).hexdigest()


def body_response(body: bytes, etag: str, content_locale: str) -> Response:
    """A response of stored bytes (a representation, a kept answer): sent as they are,
    not encoded again, with the ETag stored beside them."""
    response = Response(orjson.Fragment(body))
    response["ETag"] = etag
    response.content_locale = content_locale
    return response


def reused(view, build, *, site_id: int, reads: tuple[str, ...], free_text=frozenset()) -> Response:
    if not settings.API_REUSE_ANSWERS:
        return build()
    key = _key(view, site_id)
    found = cache.get_many([*(generation.key(part) for part in reads), key])
    token = generation.current(reads, found)
    if token is None:  # no shared cache to agree on a generation
        return build()
    now = timezone.now()
    entry = found.get(key)
    if entry is not None:
        built_under, good_until, body, etag, content_locale = entry
        if built_under == token and (good_until is None or good_until > now):
            return body_response(body, etag, content_locale)
    response = build()
    if response.status_code == 200:
        short = any(name in view.request.query_params for name in free_text)
        pages_of_site = site_id if generation.PAGES in reads else None
        _keep(view, key, token, response, pages_of_site, now, short)
    return response


def _keep(view, key, token, response, pages_of_site, now: datetime, short: bool) -> None:
    # The body as the view's renderer writes it; the response keeps its data, and
    # goes out as every answer does (ETag, Content-Language, 304s: api.caching).
    body = view.renderer_classes[0]().render(response.data)
    response["ETag"] = store.etag_for(body)
    good_until = store.next_change(pages_of_site, now) if pages_of_site is not None else None
    seconds = [FREE_TEXT_SECONDS if short else LONGEST_SECONDS]
    if good_until is not None:
        seconds.append(max(1, int((good_until - now).total_seconds()) + 1))
    if cache.default_timeout:
        seconds.append(cache.default_timeout)
    timeout = min(seconds)
    content_locale = getattr(response, "content_locale", None) or locales.locale_of(view.request)
    cache.set(key, (token, good_until, body, response["ETag"], content_locale), timeout)
