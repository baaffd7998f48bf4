"""What a reader may see, and where: the one place that decides it.

Contract:

* A reader may see a page that is live, public (Wagtail's own ``live().public()``:
  no password, login or group restriction on it or an ancestor), not expired (a
  page whose expiry time has passed stays live until ``publish_scheduled`` runs;
  readers must not see it in between) and inside the site's root.
* ``is_published_now(page)`` is the live-and-not-expired half of that rule (previews
  use it to tell whether a page's publication still stands).
* ``public_documents()`` are the documents outside private collections.
* ``ReaderScope(site)`` answers, for one site: ``pages(model)`` (a queryset),
  ``q(prefix)`` (the same rule as a filter through a relation), ``is_visible(page)``,
  ``in_site(page)``, ``is_private(page)`` and ``frontend_path(url_path)`` (a page's
  path on the reader frontend, relative to the site root). ``site_for_request`` finds
  the site a request is addressed to (kept in Django's cache, which every process of a
  deployment shares, and dropped when a site changes).

Every output (API, PDF, reader, previews, the representation store) asks these
functions; nothing else decides what a reader may see.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site

SITE_CACHE_VERSION_KEY = "content:site-version"


class SiteNotFound(Http404):
    """No Site answers the request's host name (and no default site exists)."""

    def __init__(self, message="No site is configured for this host name."):
        super().__init__(message)


def not_expired_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}expire_at__isnull": True}) | Q(
        **{f"{prefix}expire_at__gt": timezone.now()}
    )


def is_published_now(page: Page) -> bool:
    """Live and not past its expiry (the scheduler may not have unpublished it yet)."""
    if not page.live or page.expired:
        return False
    return page.expire_at is None or page.expire_at > timezone.now()


@dataclass(frozen=True)
class SiteInfo:
    """What the outputs need to know about a Site; small enough to cache."""

    id: int
    hostname: str
    root_page_id: int
    root_path: str  # treebeard materialised path of the root page
    root_url_path: str  # Wagtail url_path of the root page, e.g. "/hub/"

    @classmethod
    def of(cls, site: Site) -> SiteInfo:
        root = site.root_page
        return cls(site.pk, site.hostname, root.pk, root.path, root.url_path)


def site_for_request(request) -> SiteInfo:
    """The site a request is addressed to (Wagtail's rule), cached across processes."""
    host = request.get_host().split(":")[0].lower()
    key = f"content:site:{_site_version()}:{host}:{request.get_port()}"
    info = cache.get(key)
    if info is None:
        site = Site.find_for_request(request)
        if site is None:
            raise SiteNotFound()
        info = SiteInfo.of(site)
        cache.set(key, info)
    return info


class ReaderScope:
    """What an anonymous reader of one site may see, and at which paths.

    The view restrictions are read once per scope (one query, on first use): make a
    scope per request or per build, never keep one across changes.
    """

    def __init__(self, site: SiteInfo):
        self.site = site
        self._restricted_paths: tuple[str, ...] | None = None

    @classmethod
    def for_request(cls, request) -> ReaderScope:
        scope = getattr(request, "_content_reader_scope", None)
        if scope is None:
            scope = request._content_reader_scope = cls(site_for_request(request))
        return scope

    @classmethod
    def for_site(cls, site: Site) -> ReaderScope:
        return cls(SiteInfo.of(site))

    @classmethod
    def all_sites(cls) -> list[ReaderScope]:
        return [cls.for_site(site) for site in Site.objects.select_related("root_page")]

    @property
    def restricted_paths(self) -> tuple[str, ...]:
        """Tree paths of every view-restricted page (each hides its whole section)."""
        if self._restricted_paths is None:
            self._restricted_paths = tuple(
                PageViewRestriction.objects.order_by("page__path").values_list(
                    "page__path", flat=True
                )
            )
        return self._restricted_paths

    # Visibility ----------------------------------------------------------------

    def pages(self, model: type[Page] = Page):
        """Visible pages of ``model`` in this site (its own manager: results are that type).

        Wagtail's ``live().public()`` plus expiry and the site's root.
        """
        return (
            model.objects.live()
            .public()
            .filter(expired=False, path__startswith=self.site.root_path)
            .filter(not_expired_q())
        )

    def q(self, prefix: str = "") -> Q:
        """The rule of ``pages()`` as a filter, reached through a relation with ``prefix``.

        A restricted section is the restricted page and its descendants, which is what
        Wagtail's ``public()`` excludes (tests/content/test_rules.py compares the two).
        """
        condition = Q(
            **{
                f"{prefix}live": True,
                f"{prefix}expired": False,
                f"{prefix}path__startswith": self.site.root_path,
            }
        ) & not_expired_q(prefix)
        for path in self.restricted_paths:
            condition &= ~Q(**{f"{prefix}path__startswith": path})
        return condition

    def is_visible(self, page: Page) -> bool:
        """The same rule for one page already in memory (no query)."""
        if not page.pk or not is_published_now(page):
            return False
        return self.in_site(page) and not self.is_private(page)

    def in_site(self, page: Page) -> bool:
        """Whether the page is this site's root or below it."""
        return page.path.startswith(self.site.root_path)

    def is_private(self, page: Page) -> bool:
        """Whether a view restriction on the page or a section above it hides it."""
        return any(page.path.startswith(path) for path in self.restricted_paths)

    # Paths ---------------------------------------------------------------------

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


def public_documents():
    """Documents a reader may download: none from a collection with a view restriction."""
    restricted = Q()
    for path in CollectionViewRestriction.objects.values_list("collection__path", flat=True):
        restricted |= Q(collection__path__startswith=path)
    documents = get_document_model().objects.all()
    return documents.exclude(restricted) if restricted else documents


def _site_version() -> str:
    version = cache.get(SITE_CACHE_VERSION_KEY)
    if version is None:
        version = timezone.now().isoformat()
        cache.add(SITE_CACHE_VERSION_KEY, version, timeout=None)
        version = cache.get(SITE_CACHE_VERSION_KEY) or version
    return version


def forget_sites() -> None:
    """After a Site or its root page changes: look sites up afresh (every process)."""
    cache.delete(SITE_CACHE_VERSION_KEY)
