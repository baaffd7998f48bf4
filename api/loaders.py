"""Bulk loads of related pages for one response, always through the request's scope.

Contract: ``PageLoader`` methods take many ids (or one query condition) and cost a
fixed number of queries however many pages they return: references (1 query),
cards (1 query per page type asked for, plus the bulk image fetch of
``api.references``), the challenges that cite pages (1), navigation trees (1).
Pages the request may not see are never returned (``api.scope``).

A detail (``detail_rows``) reads its page, then the relations its serializer
reads, its breadcrumbs, the challenges citing it and (not on SQLite) what its
serializer declares in ``read_ahead`` (cards, a navigation tree) in one statement
(``api.rows.run_together``); the loader then answers ``breadcrumbs``,
``references_by_path`` (for those ancestors), ``challenges_citing`` (for that
page), ``cards_where`` and ``tree`` (what was declared) from what it read, for this
response only. A read not declared ahead costs its own query, so a declaration
that drifts from what ``prepare`` asks for is slower, never wrong.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from django.db import connection
from wagtail.models import Page

from api import registry
from api.references import Resolved, ResolvedList
from api.rows import (
    PAGE_ALIAS,
    Select,
    Where,
    attach_relations,
    page_rows,
    relation_selects,
    run_together,
)
from api.serializers.base import CitedByChallengesMixin, columns_for, joins_for
from api.serializers.fields import page_api_url_prefix
from playbook_pages.models import ChallengeSolution

REFERENCE_VALUES = ("id", "title", "slug", "url_path", "content_type_id")
# In this order in tuples (api.rows puts the id first, then the rest as given).
TREE_VALUES = ("id", "path", "title", "slug", "url_path", "content_type_id")
# Tree tuples: no url_path (see PageLoader.tree).
NAVIGATION_VALUES = ("id", "path", "title", "slug", "content_type_id")
# Challenges, each with the id of a page it lists as a solution.
CITING = (ChallengeSolution, "challenge", "page")


class PageLoader:
    def __init__(self, context: dict):
        self.context = context
        self.scope = context["scope"]
        self.api_url_prefix = page_api_url_prefix()  # the same for every page of a response
        # Read along with a detail (see detail_rows), for this response only:
        self._by_path: dict[str, dict | None] = {}  # ancestors' references (None: hidden)
        self._citing: dict[int, list[dict]] = {}  # page id -> the challenges citing it
        # Declared by a detail serializer's read_ahead (key, Select, row maker or None
        # for raw tuples), then read by detail_rows (key -> rows), each taken once by
        # cards_where or tree:
        self._ahead: list[tuple[tuple, Select, Callable | None]] = []
        self._read: dict[tuple, list] = {}

    # References -------------------------------------------------------------

    def reference(self, row) -> Resolved:
        """``{"id", "type", "title", "slug", "path", "api_url"}`` of a page row."""
        return Resolved(
            id=row.id,
            type=registry.type_name_for_content_type_id(row.content_type_id),
            title=row.title,
            slug=row.slug,
            path=self.scope.frontend_path(row.url_path),
            api_url=f"{self.api_url_prefix}{row.id}/",
        )

    def references(self, where: Where, model=Page, order_by=("path",)) -> list[dict]:
        rows = page_rows(model, TREE_VALUES).fetch(self.scope, where, order_by)
        return [self.reference(row) for row in rows]

    def breadcrumbs(self, page) -> list[dict]:
        """Visible ancestors from the site root down to the page's parent."""
        if not page.path:
            return []  # a new page seen through a preview token has no place in the tree yet
        paths = self._ancestor_paths(page)
        found = self.references_by_path(paths)
        return [found[path] for path in paths if path in found]

    def _ancestor_paths(self, page) -> list[str]:
        root_depth = len(self.scope.site.root_path) // Page.steplen
        return [page.path[: depth * Page.steplen] for depth in range(root_depth, page.depth)]

    def references_by_path(self, paths) -> dict[str, dict]:
        """References of the pages at these tree paths (e.g. parents), keyed by path."""
        paths = set(paths)
        if not paths:
            return {}
        if paths.issubset(self._by_path):  # ancestors of this response's detail
            return {path: self._by_path[path] for path in paths if self._by_path[path]}
        rows = page_rows(Page, TREE_VALUES).fetch(self.scope, Where.paths(sorted(paths)), None)
        return {row.path: self.reference(row) for row in rows}

    # Details ------------------------------------------------------------------

    def detail_rows(self, model, where: Where, limit: int | None = None) -> list:
        """Every column of the visible pages of ``model`` matching ``where``, as rows.

        The foreign keys its detail serializer reads as objects come joined. When
        exactly one matches, what its serializer reads of other tables comes next,
        in one statement: the relations (see ``PageViewSet.detail_relations``), the
        ancestors for its breadcrumbs and, for solution types, the challenges
        citing it. (Reading them in the page's own statement, through subqueries,
        measured slower on PostgreSQL: planning those cost more than a round trip.)
        """
        serializer_class = registry.BY_MODEL[model].detail_serializer
        visible = self.scope.sql(PAGE_ALIAS)
        page_query = page_rows(model, None, joins_for(serializer_class))
        rows = [page_query.row(raw) for raw in page_query.select(visible, where, limit=limit).run()]
        if len(rows) != 1:
            return rows  # none, or an ambiguous slug: nothing else is shown
        [page] = rows
        relations = _detail_relations(model)
        ancestors_query = page_rows(Page, TREE_VALUES)
        paths = self._ancestor_paths(page)
        selects = [
            *relation_selects(model, relations, "%s", [page.pk]),
            ancestors_query.select(visible, Where.paths(sorted(paths)), None),
        ]
        citing = issubclass(serializer_class, CitedByChallengesMixin)
        citing_query = page_rows(Page, TREE_VALUES, link=CITING)
        if citing:
            selects.append(
                citing_query.select(visible, Where.linked(ChallengeSolution, "page", [page.pk]))
            )
        self._ahead = []
        if connection.vendor != "sqlite":
            # Only a database across a connection saves a round trip per merged read;
            # SQLite sorting a tree's rows through the UNION costs more than it saves
            # (playbook detail 2.60 ms against 1.76 read apart).
            serializer_class.read_ahead(self, page)
        ahead, self._ahead = self._ahead, []
        selects.extend(select for _, select, _ in ahead)
        results = run_together(selects)
        if ahead:
            for (key, _, make_row), raw_rows in zip(ahead, results[-len(ahead) :], strict=True):
                self._read[key] = [make_row(raw) for raw in raw_rows] if make_row else raw_rows
            del results[-len(ahead) :]
        attach_relations(model, rows, relations, results[: len(relations)])
        found = {}
        for raw in results[len(relations)]:
            row = ancestors_query.row(raw)
            found[row.path] = self.reference(row)
        for path in paths:
            self._by_path[path] = found.get(path)
        if citing:
            citing_rows = [citing_query.row(raw) for raw in results[-1]]
            self._citing[page.pk] = self._citing_by_page(citing_rows).get(page.pk, [])
        return rows

    # Cards --------------------------------------------------------------------

    def cards_where(self, page_type: registry.PageType, where: Where, order_by=("path",)):
        rows = self._read.pop(_key("cards", page_type.name, where, order_by), None)
        if rows is None:
            rows = _cards_query(page_type).fetch(self.scope, where, order_by)
        return page_type.card_serializer(rows, many=True, context=self.context).data

    def cards_ahead(self, page_type: registry.PageType, where: Where, order_by=("path",)):
        """Declare ``cards_where(page_type, where, order_by)`` (see ``read_ahead``)."""
        query = _cards_query(page_type)
        select = query.select(self.scope.sql(PAGE_ALIAS), where, order_by)
        self._ahead.append((_key("cards", page_type.name, where, order_by), select, query.row))

    def cards(self, ids, page_types) -> dict[int, dict]:
        """Cards of the visible pages among ``ids``: one query per page type given."""
        ids = list(ids)
        if not ids:
            return {}
        found = {}
        for page_type in page_types:
            for card in self.cards_where(page_type, Where.ids(ids)):
                found[card["id"]] = card
        return found

    # Relations shared by several types ---------------------------------------

    def challenges_citing(self, page_ids) -> dict[int, list[dict]]:
        """For each page id, the visible challenges that list it as a solution."""
        page_ids = list(page_ids)
        if not page_ids:
            return {}
        if all(page_id in self._citing for page_id in page_ids):  # read with the detail
            return {page_id: self._citing[page_id] for page_id in page_ids}
        rows = page_rows(Page, TREE_VALUES, link=CITING).fetch(
            self.scope, Where.linked(ChallengeSolution, "page", page_ids)
        )
        return self._citing_by_page(rows)

    def _citing_by_page(self, rows) -> dict[int, list[dict]]:
        citing = defaultdict(list)
        for row in rows:
            reference = self.reference(row)
            if reference not in citing[row.page_id]:
                citing[row.page_id].append(reference)
        return citing

    def tree(self, root) -> ResolvedList:
        """The visible pages below ``root`` as nested references, in editor order.

        A page whose parent is not visible (a draft folder, say) is left out with it.
        Hundreds of pages, so this is written for speed: plain tuples; each path is
        its parent's path plus its slug (Wagtail keeps ``url_path`` that way), so
        ``url_path`` is not read; nodes are plain dicts in a ``ResolvedList`` (never
        walked for placeholders); a leaf's ``children`` is the shared empty tuple
        (JSON ``[]``) until a child turns it into a list, sparing the garbage collector.
        """
        rows = self._read.pop(_key("tree", root.path), None)
        if rows is None:
            rows = page_rows(Page, NAVIGATION_VALUES).fetch_tuples(
                self.scope, Where.below(root.path)
            )
        step = Page.steplen
        prefix = self.api_url_prefix
        type_names = {}
        top = ResolvedList()
        root_path = self.scope.frontend_path(root.url_path)
        nodes = {}  # tree path -> node, for every visible node below the root
        for page_id, path, title, slug, content_type_id in rows:
            parent_path = path[:-step]
            if parent_path == root.path:
                siblings = top
                frontend_path = f"{root_path}{slug}/"
            else:
                parent = nodes.get(parent_path)
                if parent is None:
                    continue
                siblings = parent["children"]
                if not siblings:
                    siblings = parent["children"] = []
                frontend_path = f"{parent['path']}{slug}/"
            type_name = type_names.get(content_type_id)
            if type_name is None:
                type_name = registry.type_name_for_content_type_id(content_type_id)
                type_names[content_type_id] = type_name
            node = {
                "id": page_id,
                "type": type_name,
                "title": title,
                "slug": slug,
                "path": frontend_path,
                "api_url": f"{prefix}{page_id}/",
                "children": (),
            }
            siblings.append(node)
            nodes[path] = node
        return top

    def tree_ahead(self, root) -> None:
        """Declare ``tree(root)`` (see ``read_ahead``)."""
        query = page_rows(Page, NAVIGATION_VALUES)
        select = query.select(self.scope.sql(PAGE_ALIAS), Where.below(root.path))
        convert = query.columns.convert_tuple if query.columns.converting else None
        self._ahead.append((_key("tree", root.path), select, convert))


def _key(kind: str, *args) -> tuple:
    """What identifies a read: its kind and arguments (a ``Where`` by its SQL and values)."""
    return (kind, *(_hashable(arg) for arg in args))


def _hashable(arg):
    if isinstance(arg, Where):
        return (arg.sql, arg.params)
    return tuple(arg) if isinstance(arg, list) else arg


def _cards_query(page_type: registry.PageType):
    serializer_class = page_type.card_serializer
    return page_rows(page_type.model, columns_for(serializer_class), joins_for(serializer_class))


def _detail_relations(model) -> tuple[str, ...]:
    from api.views import PageViewSet  # the views declare the relations their details read

    for viewset in PageViewSet.__subclasses__():
        if viewset.model is model:
            return viewset.detail_relations()
    return ()
