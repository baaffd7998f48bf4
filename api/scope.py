"""The API's view of ``content.rules``: which pages one request may see.

Contract: ``PageScope`` is ``content.rules.ReaderScope`` (the one rule) plus
``sql()``, the same rule as an SQL condition for the hand-written queries of
``api.rows`` while they last. Nothing here decides visibility on its own.
"""

from __future__ import annotations

from functools import lru_cache

from django.db import connection
from django.utils import timezone

from api.rows import path_prefix
from content.rules import ReaderScope, SiteInfo

__all__ = ["PageScope", "SiteInfo"]


@lru_cache(maxsize=64)
def _visibility_sql(vendor: str, alias: str, root: str, restricted: tuple[str, ...]) -> tuple:
    """(SQL, the parameters that do not change) of ``PageScope.sql``, without ``now``."""
    ops = connection.ops

    def column(name):
        return f"{ops.quote_name(alias)}.{ops.quote_name(name)}"

    root_sql, root_param = path_prefix(column("path"), root)
    parts = [
        column("live"),
        f"NOT {column('expired')}",
        root_sql,
        f"({column('expire_at')} IS NULL OR {column('expire_at')} > %s)",
    ]
    params = [root_param]
    for path in restricted:
        restricted_sql, restricted_param = path_prefix(column("path"), path)
        parts.append(f"NOT {restricted_sql}")
        params.append(restricted_param)
    return " AND ".join(parts), tuple(params)


class PageScope(ReaderScope):
    """``content.rules.ReaderScope`` with the rule as SQL for ``api.rows``."""

    def sql(self, alias: str) -> tuple[str, list]:
        """The rule of ``q()`` as an SQL condition on the page table aliased ``alias``.

        For the hand-written queries of ``api.rows``; tests/api/test_rows.py checks
        that both pick the same pages in every state a page can be in.
        """
        sql, (root, *restricted) = _visibility_sql(
            connection.vendor, alias, self.site.root_path, self.restricted_paths
        )
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        return sql, [root, now, *restricted]
