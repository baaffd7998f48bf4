"""Search hits as ``(page id, content type id)`` pairs, best match first.

Contract: ``ranked_pages(candidates, words)`` searches the pages of the queryset
``candidates`` with the configured Wagtail search backend (all words must match)
and returns something ``ContentPagination`` can page through: ``count()`` and
slices of ``(page_id, content_type_id)`` in Wagtail's order (relevance, then the
newest page first).

On SQLite the ranking is done here, in one pass over the full-text index, with
Wagtail's own match and BM25 expressions and the same order; on PostgreSQL
(which ranks in one pass already) Wagtail's search queryset is used, and a page
of hits comes with their total in one query (``CountedRankedPages``).

Why: Wagtail's SQLite backend orders by a correlated subquery that runs the
full-text match again for every page that matched: 18 ms for 360 pages in the
benchmark, against 0.4 ms for ranking the matches once. On PostgreSQL the match
itself costs 4 to 5 ms, so it runs once, not once for the count and once more for
the page.
"""

from __future__ import annotations

from functools import cache

from django.db import connection
from django.db.models import Count, IntegerField, Window
from django.db.models.functions import Cast
from modelsearch.query import MatchAll, Not
from wagtail.search.backends import get_search_backend


@cache
def _one_pass_compiler_class():
    """The SQLite compiler below; its module only imports where SQLite is the database."""
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteFTSIndexEntry,
        SQLiteSearchQueryCompiler,
    )
    from modelsearch.utils import get_descendants_content_types_pks

    class OnePassSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
        """Wagtail's SQLite search, ranked in the same query that matches."""

        def ranked(self, config):
            """Index entries of the matching pages of the queryset, best first; None if
            the query is not a plain match (Wagtail's own search handles those)."""
            query = normalize(self.query)
            if isinstance(query, MatchAll | Not):
                return None
            match = MatchExpression(
                self.fields or self.FTS_TABLE_FIELDS,
                self.build_search_query(query, config=config),
            )
            score = self._build_rank_expression(self.get_search_vectors(), config)
            model = self.queryset.model
            return (
                SQLiteFTSIndexEntry.objects.filter(match)
                .filter(index_entry__content_type__in=get_descendants_content_types_pks(model))
                .annotate(score=score, page_id=Cast("index_entry__object_id", IntegerField()))
                .filter(page_id__in=self.queryset.values("pk"))
                # Wagtail's order: lowest BM25 score (best) first, then the highest id.
                .order_by("score", "-page_id")
            )

    return SQLiteSearchQueryCompiler, OnePassSQLiteQueryCompiler


class RankedPages:
    """Ranked ``(page_id, content_type_id)`` of a queryset ordered best first."""

    def __init__(self, queryset, id_field: str, content_type_field: str):
        self.queryset = queryset
        self.fields = (id_field, content_type_field)

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, items: slice):
        return [tuple(row) for row in self.queryset.values_list(*self.fields)[items]]


class CountedRankedPages(RankedPages):
    """``page_with_count`` reads a page and the number of all hits in one query (a
    window count), so the full-text match runs once per request. (SQLite cannot
    rank with BM25 under a window function; its count is cheap anyway.)"""

    def page_with_count(self, start: int, stop: int):
        """(the hits from ``start`` to ``stop``, the total or None if that page is empty)."""
        rows = list(
            self.queryset.annotate(total_hits=Window(Count("*"))).values_list(
                *self.fields, "total_hits"
            )[start:stop]
        )
        if not rows:
            return [], None
        return [(page_id, content_type_id) for page_id, content_type_id, _ in rows], rows[0][2]


def ranked_pages(candidates, words: str):
    backend = get_search_backend()
    if connection.vendor == "sqlite":
        wagtail_compiler, one_pass_compiler = _one_pass_compiler_class()
        if issubclass(backend.query_compiler_class, wagtail_compiler):
            compiler = one_pass_compiler(candidates, words, operator="and")
            compiler.check()
            ranked = compiler.ranked(compiler.get_config(backend))
            if ranked is not None:
                return RankedPages(ranked, "page_id", "index_entry__content_type_id")
    results = candidates.search(words, operator="and")
    if hasattr(results, "get_queryset"):
        # The database backends build a queryset of the pages, best first.
        return CountedRankedPages(results.get_queryset(), "pk", "content_type_id")
    return _ResultPairs(results)


class _ResultPairs:
    """Other backends' search results, sliced into (id, content type id) pairs."""

    def __init__(self, results):
        self.results = results

    def count(self) -> int:
        return self.results.count()

    def __getitem__(self, items: slice):
        return [(page.pk, page.content_type_id) for page in self.results[items]]
