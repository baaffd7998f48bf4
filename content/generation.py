"""The content generation: a token that changes whenever what readers may see changes.

Contract:

* ``current()`` is the token in the shared cache (one is made when there is none);
  ``None`` when the cache cannot be reached: nothing may then be reused.
* ``bump()`` gives it a new value, at once and again when the current transaction
  commits. ``content.changes`` bumps on every editor action it notes, and
  ``content.ledger`` on every store write and withdrawal, so a token read after a
  change committed is never one read before it.

What a request computes from published content (``api.answers``) may be reused while
the token it was built under is still the current one. The bump at commit is the one
that makes that safe: a reader who read the token before the commit and the content
after it keeps its answer under the old token, which nobody asks for again. The bump
at once is for a reader inside the writing transaction itself (a shell script, the
tests), which sees the change before any commit.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction

KEY = "content:generation"


def _new() -> str:
    return uuid.uuid4().hex


def current(found: dict | None = None) -> str | None:
    """The current token; ``found``: what a ``get_many`` that asked for ``KEY`` got."""
    token = (found if found is not None else cache.get_many([KEY])).get(KEY)
    if token is None:
        # Unset (a new or flushed cache): agree on one with whoever else asks now.
        cache.add(KEY, _new(), timeout=None)
        token = cache.get(KEY)
    return token


def _set_new() -> None:
    cache.set(KEY, _new(), timeout=None)


def bump() -> None:
    _set_new()
    transaction.on_commit(_set_new, robust=True)
