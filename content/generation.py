"""Content generations: tokens that change whenever what readers may see changes.

Contract:

* There are two, one per kind of source: ``PAGES`` (what the store serves: pages,
  their visibility and stored bodies) and ``OBJECTS`` (snippets, images and
  documents, which answers may read from their own tables).
* ``current(parts)`` is the tokens of those parts in the shared cache (made where
  there are none); ``None`` when the cache cannot be reached: nothing may then be
  reused.
* ``bump(*parts)`` gives them new values, at once and again when the current
  transaction commits. ``content.changes`` bumps ``PAGES`` on every page action it
  notes and ``OBJECTS`` on every snippet, image or document saved or deleted,
  ``content.ledger`` bumps ``PAGES`` on every store write and withdrawal, and a full
  rebuild of a site's store (a restore, a bulk load: changes no signal announced)
  bumps both, so a token read after a change committed is never one read before it.

What a request computes from published content (``api.answers``) may be reused while
the tokens of the parts it read are still the current ones: a page published does
not end a kept organisation, a theme renamed ends the facets that label with it.
The bump at commit is the one that makes reuse safe: a reader who read a token
before the commit and the content after it keeps its answer under the old token,
which nobody asks for again. The bump at once is for a reader inside the writing
transaction itself (a shell script, the tests), which sees the change before any
commit.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction

PAGES = "pages"
OBJECTS = "objects"
EVERYTHING = (PAGES, OBJECTS)


def key(part: str) -> str:
    return f"content:generation:{part}"


def _new() -> str:
    return uuid.uuid4().hex


def current(parts, found: dict | None = None) -> tuple[str, ...] | None:
    """The tokens of ``parts``; ``found``: what a ``get_many`` that also asked for
    their keys (``key(part)``) got."""
    if found is None:
        found = cache.get_many([key(part) for part in parts])
    tokens = []
    for part in parts:
        token = found.get(key(part))
        if token is None:
            # Unset (a new or flushed cache): agree on one with whoever else asks now.
            cache.add(key(part), _new(), timeout=None)
            token = cache.get(key(part))
            if token is None:
                return None
        tokens.append(token)
    return tuple(tokens)


def _set_new(parts) -> None:
    cache.set_many({key(part): _new() for part in parts}, timeout=None)


def bump(*parts: str) -> None:
    parts = parts or EVERYTHING
    _set_new(parts)
    transaction.on_commit(lambda: _set_new(parts), robust=True)
