"""Bulk loads of related pages for one build, always through the context's scope.

Contract: ``PageLoader`` methods take many pages (or ids, or tree paths) at once and
cost a fixed number of ORM queries however many pages they answer for: references
by tree path (1, and none for paths already asked), the challenges citing pages
(1), cards of one page type (1 plus one per relation its card serializer shows),
navigation trees (1). Pages readers of the scope's site may not see are never
returned (``content.rules``). Serializers call these from ``prepare()`` with every
instance of a list, so a list of details costs the same queries as one detail.
"""

from __future__ import annotations

from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.models import Page

from api.references import Resolved, ResolvedList
from api.serializers.fields import page_api_url_prefix
from content import kinds
from playbook_pages.models import ChallengeSolution

STEP = Page.steplen
# What a page reference reads of a page.
REFERENCE_FIELDS = ("id", "path", "title", "slug", "url_path", "content_type_id")


def below_any(parents, depth_offset: int | None = None) -> Q:
    """Pages under any of ``parents`` (tree paths with depths): all of them or, with
    ``depth_offset``, those that many levels below their parent only."""
    conditions = []
    for path, depth in parents:
        if depth_offset is None:
            conditions.append(Q(path__startswith=path, depth__gt=depth))
        else:
            conditions.append(Q(path__startswith=path, depth=depth + depth_offset))
    return reduce(or_, conditions) if conditions else Q(pk__in=[])


class PageLoader:
    def __init__(self, context: dict):
        self.context = context
        self.scope = context["scope"]
        self.api_url_prefix = page_api_url_prefix()  # the same for every page of a build
        self._by_path: dict[str, Resolved | None] = {}  # references asked for (None: hidden)

    # References -------------------------------------------------------------

    def reference(self, page) -> Resolved:
        """``{"id", "type", "title", "slug", "path", "api_url"}`` of a page."""
        return self._reference(page.id, page.content_type_id, page.title, page.slug, page.url_path)

    def _reference(self, page_id, content_type_id, title, slug, url_path) -> Resolved:
        return Resolved(
            id=page_id,
            type=kinds.name_for_content_type_id(content_type_id),
            title=title,
            slug=slug,
            path=self.scope.frontend_path(url_path),
            api_url=f"{self.api_url_prefix}{page_id}/",
        )

    def visible(self, model=Page):
        return self.scope.pages(model)

    def references(self, condition: Q, model=Page, order_by=("path",)) -> list[Resolved]:
        """References of the visible pages of ``model`` matching ``condition``."""
        pages = self.visible(model).filter(condition).order_by(*order_by).only(*REFERENCE_FIELDS)
        return [self.reference(page) for page in pages]

    def references_by_path(self, paths) -> dict[str, Resolved]:
        """References of the visible pages at these tree paths (e.g. parents), by path."""
        paths = {path for path in paths if path}
        missing = paths - self._by_path.keys()
        if missing:
            found = {
                page.path: self.reference(page)
                for page in self.visible().filter(path__in=missing).only(*REFERENCE_FIELDS)
            }
            for path in missing:
                self._by_path[path] = found.get(path)
        return {path: self._by_path[path] for path in paths if self._by_path[path]}

    def ancestor_paths(self, page) -> list[str]:
        """Tree paths from the site root down to the page's parent."""
        if not page.path:
            return []  # a new page seen through a preview token has no place in the tree yet
        if self.scope.root is None:
            return []
        root_depth = len(self.scope.root.path) // STEP
        return [page.path[: depth * STEP] for depth in range(root_depth, page.depth)]

    def breadcrumbs(self, pages) -> list[list[Resolved]]:
        """For each page, its visible ancestors from the site root down to its parent."""
        paths = [self.ancestor_paths(page) for page in pages]
        found = self.references_by_path(path for ancestors in paths for path in ancestors)
        return [[found[path] for path in ancestors if path in found] for ancestors in paths]

    def parents(self, pages) -> list[Resolved | None]:
        """For each page, a reference to its parent if readers may see it."""
        found = self.references_by_path(page.path[:-STEP] for page in pages if page.path)
        return [found.get(page.path[:-STEP]) if page.path else None for page in pages]

    def children(self, pages) -> list[list[Resolved]]:
        """For each page, references to its visible children in editor order."""
        placed = [page for page in pages if page.path]
        by_parent = defaultdict(list)
        if placed:
            condition = below_any(((page.path, page.depth) for page in placed), 1)
            for reference, path in self.references_with_paths(condition):
                by_parent[path[:-STEP]].append(reference)
        return [by_parent.get(page.path, []) if page.path else [] for page in pages]

    def references_with_paths(self, condition: Q, model=Page) -> list[tuple[Resolved, str]]:
        """(reference, tree path) of the visible pages of ``model`` matching ``condition``."""
        pages = self.visible(model).filter(condition).order_by("path").only(*REFERENCE_FIELDS)
        return [(self.reference(page), page.path) for page in pages]

    def translations(self, pages) -> list[ResolvedList]:
        """For each page, the same page in the site's other locales, where visible."""
        others = [
            self.scope.in_locale(locale)
            for locale in self.scope.site.locales
            if locale != self.scope.locale
        ]
        keys = {page.translation_key for page in pages if page.pk}
        found = defaultdict(ResolvedList)
        if others and keys:
            for scope in others:
                # One site, one set of view restrictions: read once.
                scope._restricted_paths = self.scope.restricted_paths
            condition = reduce(or_, (scope.q() for scope in others))
            rows = (
                Page.objects.filter(condition, translation_key__in=keys)
                .order_by("path")
                .values_list("pk", "translation_key", "title", "url_path", "locale__language_code")
            )
            by_locale = {scope.locale: scope for scope in others}
            for page_id, key, title, url_path, locale in rows:
                if locale not in by_locale:
                    continue
                found[key].append(
                    Resolved(
                        locale=locale,
                        title=title,
                        path=by_locale[locale].frontend_path(url_path),
                        api_url=f"{self.api_url_prefix}{page_id}/",
                    )
                )
        order = {locale: index for index, locale in enumerate(self.scope.site.locales)}
        return [
            ResolvedList(
                sorted(found.get(page.translation_key, []), key=lambda t: order[t["locale"]])
            )
            if page.pk
            else ResolvedList()
            for page in pages
        ]

    # Cards --------------------------------------------------------------------

    def cards(self, page_type: kinds.PageKind, condition: Q, order_by=("path",)) -> list:
        """The visible pages of ``page_type`` matching ``condition``, as model instances
        with what their card serializer reads already loaded."""
        instances = list(self.visible(page_type.model).filter(condition).order_by(*order_by))
        page_type.card_serializer(context=self.context).prepare_all(instances)
        return instances

    def cards_by_id(self, ids, page_types) -> dict[int, Page]:
        """Cards of the visible pages among ``ids``: one query per page type given."""
        ids = list(ids)
        found = {}
        if ids:
            for page_type in page_types:
                for card in self.cards(page_type, Q(pk__in=ids)):
                    found[card.pk] = card
        return found

    # Relations shared by several types ---------------------------------------

    def challenges_citing(self, page_ids) -> dict[int, list[Resolved]]:
        """For each page id, the visible challenges that list it as a solution."""
        page_ids = [page_id for page_id in page_ids if page_id is not None]
        citing = defaultdict(list)
        if not page_ids:
            return citing
        links = (
            ChallengeSolution.objects.filter(self.scope.q("challenge__"), page_id__in=page_ids)
            .order_by("challenge__path", "pk")
            .values_list(
                "page_id",
                "challenge_id",
                "challenge__content_type_id",
                "challenge__title",
                "challenge__slug",
                "challenge__url_path",
            )
        )
        for page_id, *challenge in links:
            reference = self._reference(*challenge)
            if reference not in citing[page_id]:
                citing[page_id].append(reference)
        return citing

    def trees(self, roots) -> list[ResolvedList]:
        """For each root page, the visible pages below it as nested references, in
        editor order. A page whose parent is not visible (a draft folder, say) is left
        out with everything below it."""
        placed = [root for root in roots if root.path]
        rows = []
        if placed:
            rows = list(
                self.visible()
                .filter(below_any((root.path, root.depth) for root in placed))
                .order_by("path")
                .values_list("id", "path", "title", "slug", "content_type_id")
            )
        return [self._tree(root, rows) if root.path else ResolvedList() for root in roots]

    def _tree(self, root, rows) -> ResolvedList:
        # Each frontend path is its parent's plus the slug (Wagtail keeps url_path so).
        top = ResolvedList()
        root_path = self.scope.frontend_path(root.url_path)
        nodes = {}  # tree path -> node, for every visible node below the root
        for page_id, path, title, slug, content_type_id in rows:
            if not path.startswith(root.path):
                continue  # below another root of the same build
            parent_path = path[:-STEP]
            if parent_path == root.path:
                siblings, parent_frontend_path = top, root_path
            else:
                parent = nodes.get(parent_path)
                if parent is None:
                    continue
                siblings, parent_frontend_path = parent["children"], parent["path"]
            node = {
                "id": page_id,
                "type": kinds.name_for_content_type_id(content_type_id),
                "title": title,
                "slug": slug,
                "path": f"{parent_frontend_path}{slug}/",
                "api_url": f"{self.api_url_prefix}{page_id}/",
                "children": [],
            }
            siblings.append(node)
            nodes[path] = node
        return top
