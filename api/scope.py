"""Which pages one request may see: the one place that decides it.

Contract: every page the API returns (lists, details, path look-up, search, nested
cards, navigation trees, rich-text links) comes from ``PageScope.pages()`` or is
filtered with ``PageScope.q()``. A visible page is live, not expired, not inside a
view-restricted section (password, login or group), and inside the root of the
Site the request is addressed to. Nothing else is ever served, except a draft
reached through a valid preview token (``api.preview``).

The site and the list of restricted sections are kept in Django's cache under the
content version (``api.caching``), so they cost no query once warm and change as
soon as an editor changes a site or a privacy setting.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from api.caching import content_version
from api.exceptions import SiteNotFound


@dataclass(frozen=True)
class SiteInfo:
    """What the API needs to know about a Site; small enough to cache."""

    id: int
    hostname: str
    root_page_id: int
    root_path: str  # treebeard materialised path of the root page
    root_url_path: str  # Wagtail url_path of the root page, e.g. "/hub/"


def _site_for_request(request, version: str) -> SiteInfo:
    host = request.get_host().split(":")[0].lower()
    key = f"api:v1:site:{version}:{host}:{request.get_port()}"
    info = cache.get(key)
    if info is None:
        site = Site.find_for_request(request)
        if site is None:
            raise SiteNotFound()
        root = site.root_page
        info = SiteInfo(
            id=site.pk,
            hostname=site.hostname,
            root_page_id=root.pk,
            root_path=root.path,
            root_url_path=root.url_path,
        )
        cache.set(key, info)
    return info


def _restricted_paths(version: str) -> tuple[str, ...]:
    """Tree paths of every view-restricted page (each hides its whole section)."""
    key = f"api:v1:restricted-paths:{version}"
    paths = cache.get(key)
    if paths is None:
        paths = tuple(
            PageViewRestriction.objects.order_by("page__path").values_list("page__path", flat=True)
        )
        cache.set(key, paths)
    return paths


class PageScope:
    """The pages one request may see, as queryset filters."""

    def __init__(self, site: SiteInfo, restricted_paths: tuple[str, ...]):
        self.site = site
        self.restricted_paths = restricted_paths

    @classmethod
    def for_request(cls, request) -> PageScope:
        scope = getattr(request, "_api_page_scope", None)
        if scope is None:
            version = content_version()
            scope = cls(_site_for_request(request, version), _restricted_paths(version))
            request._api_page_scope = scope
        return scope

    def q(self, prefix: str = "") -> Q:
        """A filter that keeps visible pages; ``prefix`` reaches them through a relation."""
        condition = Q(
            **{
                f"{prefix}live": True,
                f"{prefix}expired": False,
                f"{prefix}path__startswith": self.site.root_path,
            }
        )
        # A page whose expiry time has passed stays live until the scheduled
        # publishing command runs; readers must not see it in between.
        condition &= Q(**{f"{prefix}expire_at__isnull": True}) | Q(
            **{f"{prefix}expire_at__gt": timezone.now()}
        )
        for path in self.restricted_paths:
            condition &= ~Q(**{f"{prefix}path__startswith": path})
        return condition

    def pages(self, model: type[Page] = Page):
        """Visible pages of ``model`` (its own manager, so results are that type)."""
        return model.objects.filter(self.q())

    def is_visible(self, page: Page) -> bool:
        """The same rule as ``q()`` for one page already in memory."""
        if not (page.live and not page.expired and page.path.startswith(self.site.root_path)):
            return False
        if page.expire_at is not None and page.expire_at <= timezone.now():
            return False
        return not any(page.path.startswith(path) for path in self.restricted_paths)

    def frontend_path(self, url_path: str | None) -> str:
        """A page's path on the reader frontend, relative to the site root ("/" for it)."""
        root = self.site.root_url_path
        if not url_path:
            return ""  # a page that was never saved (a preview of a new page)
        if url_path.startswith(root):
            return "/" + url_path[len(root) :]
        return url_path

    def url_path_for(self, frontend_path: str) -> str:
        """The Wagtail url_path a frontend path maps to inside this site."""
        return self.site.root_url_path + frontend_path.lstrip("/")
