"""Full-text search with each language's own stemming, where the database has it.

Contract: ``SearchBackend`` is Wagtail's database search backend; on PostgreSQL it
indexes each object's text with the text-search configuration of the object's
locale (``french``, ``arabic``...; ``simple`` for a language PostgreSQL does not
stem) and parses a query with the configuration of the language it is asked in:
``searching_in(locale)`` around the search (the API's search does it for its
request's locale). So "apprentissages" finds "apprentissage" in French and
"تعلم" finds "التعلم" in Arabic. On SQLite (FTS5, no stemmer per language) it is
Wagtail's own backend, unchanged.

Why a context variable: modelsearch reads the configuration from the backend when
it builds an indexer or a query, so the language is set around those calls rather
than by copying its indexing and query code.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from django.db import connection

# Language code -> PostgreSQL text-search configuration (pg_ts_config).
POSTGRES_CONFIGS = {
    "en": "english",
    "fr": "french",
    "ar": "arabic",
    "es": "spanish",
    "pt": "portuguese",
}
_language: ContextVar[str | None] = ContextVar("search_language", default=None)


@contextmanager
def searching_in(locale: str | None):
    """Index or query text as ``locale``'s language meanwhile."""
    token = _language.set(locale)
    try:
        yield
    finally:
        _language.reset(token)


@lru_cache(maxsize=64)
def _language_code(locale_id: int) -> str | None:
    from wagtail.models import Locale

    return Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first()


def SearchBackend(params):  # noqa: N802 - Wagtail names its backend factories so
    from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend

    if connection.vendor != "postgresql":
        return DatabaseSearchBackend(params)
    return _postgres_backend_class()(params)


@lru_cache(maxsize=1)
def _postgres_backend_class():
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
    )

    class LanguageIndex(PostgresIndex):
        def add_items(self, model, objs):
            by_language = defaultdict(list)
            for obj in objs:
                locale_id = getattr(obj, "locale_id", None)
                by_language[_language_code(locale_id) if locale_id else None].append(obj)
            for language, group in by_language.items():
                with searching_in(language):
                    super().add_items(model, group)

    class LanguagePostgresSearchBackend(PostgresSearchBackend):
        index_class = LanguageIndex

        @property
        def config(self):
            language = _language.get()
            if language is None:
                return self._default_config
            return POSTGRES_CONFIGS.get(language, "simple")

        @config.setter
        def config(self, value):
            self._default_config = value

    return LanguagePostgresSearchBackend
