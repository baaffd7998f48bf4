"""Search hits as ``(page id, content type id)`` pairs, best match first.

Contract: ``ranked_pages(candidates, words)`` searches the pages of the queryset
``candidates`` with the configured Wagtail search backend (all words must match)
and returns something ``ContentPagination`` can page through: ``count()`` and
slices of ``(page_id, content_type_id)`` in Wagtail's order (relevance, then the
newest page first).

The ranking is the search backend's own. On PostgreSQL a page of hits comes with
their total in one query (``CountedRankedPages``), so the full-text match runs once
per request, not once for the count and once more for the page. (SQLite cannot
rank with BM25 under a window function; there the backend's results are sliced.)
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Count, Window


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
    results = candidates.search(words, operator="and")
    if connection.vendor == "postgresql" and hasattr(results, "get_queryset"):
        # The database backend builds a queryset of the pages, best first.
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
