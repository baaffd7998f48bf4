"""Bulk loads of related pages for one response, always through the request's scope.

Contract: ``PageLoader`` methods take many ids (or one query condition) and cost a
fixed number of queries however many pages they return: references (1 query),
cards (1 query per page type asked for, plus the bulk image fetch of
``api.references``), the challenges that cite pages (1), navigation trees (1).
Pages the request may not see are never returned (``api.scope``).
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from wagtail.models import Page

from api import registry
from api.serializers.base import columns_for
from api.serializers.fields import page_api_url
from playbook_pages.models import ChallengeSolution

REFERENCE_VALUES = ("id", "title", "slug", "url_path", "content_type_id")


class PageLoader:
    def __init__(self, context: dict):
        self.context = context
        self.scope = context["scope"]

    # References -------------------------------------------------------------

    def reference(self, row: dict) -> dict:
        """``{"id", "type", "title", "slug", "path", "api_url"}`` from a values() row."""
        return {
            "id": row["id"],
            "type": registry.type_name_for_content_type_id(row["content_type_id"]),
            "title": row["title"],
            "slug": row["slug"],
            "path": self.scope.frontend_path(row["url_path"]),
            "api_url": page_api_url(row["id"]),
        }

    def references(self, condition: Q, model=Page, order_by=("path",)) -> list[dict]:
        rows = (
            model.objects.filter(self.scope.q() & condition)
            .order_by(*order_by)
            .values(*REFERENCE_VALUES)
        )
        return [self.reference(row) for row in rows]

    def breadcrumbs(self, page) -> list[dict]:
        """Visible ancestors from the site root down to the page's parent."""
        if not page.path:
            return []  # a new page seen through a preview token has no place in the tree yet
        root_depth = len(self.scope.site.root_path) // Page.steplen
        paths = [page.path[: depth * Page.steplen] for depth in range(root_depth, page.depth)]
        found = self.references_by_path(paths)
        return [found[path] for path in paths if path in found]

    def references_by_path(self, paths) -> dict[str, dict]:
        """References of the pages at these tree paths (e.g. parents), keyed by path."""
        paths = set(paths)
        if not paths:
            return {}
        rows = Page.objects.filter(self.scope.q() & Q(path__in=paths)).values(
            "path", *REFERENCE_VALUES
        )
        return {row["path"]: self.reference(row) for row in rows}

    # Cards --------------------------------------------------------------------

    def cards_where(self, page_type: registry.PageType, condition: Q, order_by=("path",)):
        serializer_class = page_type.card_serializer
        queryset = (
            page_type.model.objects.filter(self.scope.q() & condition)
            .select_related(*page_type.card_select_related)
            .only(*columns_for(serializer_class))
            .order_by(*order_by)
        )
        return serializer_class(queryset, many=True, context=self.context).data

    def cards(self, ids, page_types) -> dict[int, dict]:
        """Cards of the visible pages among ``ids``: one query per page type given."""
        ids = list(ids)
        if not ids:
            return {}
        found = {}
        for page_type in page_types:
            for card in self.cards_where(page_type, Q(id__in=ids)):
                found[card["id"]] = card
        return found

    # Relations shared by several types ---------------------------------------

    def challenges_citing(self, page_ids) -> dict[int, list[dict]]:
        """For each page id, the visible challenges that list it as a solution."""
        page_ids = list(page_ids)
        if not page_ids:
            return {}
        rows = (
            ChallengeSolution.objects.filter(Q(page_id__in=page_ids) & self.scope.q("challenge__"))
            .order_by("challenge__path")
            .values(
                "page_id",
                *(f"challenge__{name}" for name in REFERENCE_VALUES),
            )
        )
        citing = defaultdict(list)
        for row in rows:
            reference = self.reference(
                {name: row[f"challenge__{name}"] for name in REFERENCE_VALUES}
            )
            if reference not in citing[row["page_id"]]:
                citing[row["page_id"]].append(reference)
        return citing

    def tree(self, root) -> list[dict]:
        """The visible pages below ``root`` as nested references, in editor order.

        A page whose parent is not visible (a draft folder, say) is left out with it.
        """
        rows = (
            Page.objects.filter(
                self.scope.q() & Q(path__startswith=root.path, depth__gt=root.depth)
            )
            .order_by("path")
            .values("path", *REFERENCE_VALUES)
        )
        step = Page.steplen
        nodes = {root.path: {"children": []}}
        for row in rows:
            parent = nodes.get(row["path"][:-step])
            if parent is None:
                continue
            node = {**self.reference(row), "children": []}
            parent["children"].append(node)
            nodes[row["path"]] = node
        return nodes[root.path]["children"]
