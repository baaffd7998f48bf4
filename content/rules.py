"""What a reader may see, and where: the one place that decides it.

Contract:

* A reader may see a page that is live, public (Wagtail's own ``live().public()``:
  no password, login or group restriction on it or an ancestor), not expired (a
  page whose expiry time has passed stays live until ``publish_scheduled`` runs;
  readers must not see it in between) and inside the site's root.
* ``is_published_now(page)`` is the live-and-not-expired half of that rule (previews
  use it to tell whether a page's publication still stands).
* ``public_documents()`` are the documents outside private collections.
* ``ReaderScope(site, locale)`` answers, for one site in one content locale (the
  default when not given; ``content_locales()`` lists them from the settings):
  ``pages(model)`` (a queryset),
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
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language_info
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site

SITE_CACHE_VERSION_KEY = "content:site-version"


class SiteNotFound(Http404):
    """No Site answers the request's host name (and no default site exists)."""

    def __init__(self, message="No site is configured for this host name."):
        super().__init__(message)


def not_expired_q(prefix: str = "", now: datetime | None = None) -> Q:
    return Q(**{f"{prefix}expire_at__isnull": True}) | Q(
        **{f"{prefix}expire_at__gt": now or timezone.now()}
    )


# The fields of a page that ``is_published_now``, ``ReaderScope.in_site`` and
# ``ReaderScope.is_private`` read (for callers that load pages with ``only()``).
VISIBILITY_FIELDS = ("path", "live", "expired", "expire_at")


def is_published_now(page: Page) -> bool:
    """Live and not past its expiry (the scheduler may not have unpublished it yet)."""
    if not page.live or page.expired:
        return False
    return page.expire_at is None or page.expire_at > timezone.now()


@dataclass(frozen=True)
class RootInfo:
    """A site's root page in one locale (the root itself or its translation)."""

    page_id: int
    path: str  # treebeard materialised path
    url_path: str  # Wagtail url_path, e.g. "/hub/"


@dataclass(frozen=True)
class SiteInfo:
    """What the outputs need to know about a Site; small enough to cache."""

    id: int
    hostname: str
    # The site's root in each content locale that has one, the default locale first.
    roots: tuple[tuple[str, RootInfo], ...]

    @classmethod
    def of(cls, site: Site) -> SiteInfo:
        root = site.root_page
        found = {
            code: RootInfo(pk, path, url_path)
            for pk, path, url_path, code in Page.objects.filter(
                translation_key=root.translation_key
            ).values_list("pk", "path", "url_path", "locale__language_code")
        }
        # The Site's own root page is the default locale's, whatever its locale says.
        found[default_locale()] = RootInfo(root.pk, root.path, root.url_path)
        ordered = [code for code in content_locales() if code in found]
        return cls(site.pk, site.hostname, tuple((code, found[code]) for code in ordered))

    def root(self, locale: str) -> RootInfo | None:
        return dict(self.roots).get(locale)

    @property
    def locales(self) -> list[str]:
        """The content locales in which this site has a root (the default first)."""
        return [code for code, _ in self.roots]


def content_locales() -> list[str]:
    """The language codes of the content locales, the default first (settings)."""
    return [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]


def default_locale() -> str:
    return content_locales()[0]


def text_direction(locale: str) -> str:
    """``"rtl"`` or ``"ltr"``: how a locale's text runs (``<html dir>``, ``dir=``)."""
    return "rtl" if get_language_info(locale)["bidi"] else "ltr"


def page_locale(page) -> str:
    """The language code of a page's locale (the default where it has none yet)."""
    return page.locale.language_code if page.locale_id else default_locale()


def site_for_request(request) -> SiteInfo:
    """The site a request is addressed to (Wagtail's rule), cached across processes.

    The cached entry carries the sites' version it was found under, and both are read
    in one round trip: an entry of an older version (``forget_sites``) is found again.
    A request keeps what it found (the views and filters ask more than once).
    """
    known = getattr(request, "_content_site", None)
    if known is not None:
        return known
    host = request.get_host().split(":")[0].lower()
    key = f"content:site:{host}:{request.get_port()}"
    found = cache.get_many([SITE_CACHE_VERSION_KEY, key])
    version = found.get(SITE_CACHE_VERSION_KEY) or _site_version()
    cached_version, info = found.get(key, (None, None))
    if cached_version != version:
        site = Site.find_for_request(request)
        if site is None:
            raise SiteNotFound()
        info = SiteInfo.of(site)
        cache.set(key, (version, info))
    request._content_site = info
    return info


class ReaderScope:
    """What an anonymous reader of one site may see in one locale, and at which paths.

    A locale's pages are those below the site root's translation in that locale
    (Wagtail keeps one tree per locale); a locale in which the root has no
    translation shows nothing. The view restrictions are read once per scope (one
    query, on first use): make a scope per request or per build, never keep one
    across changes.
    """

    def __init__(self, site: SiteInfo, locale: str | None = None):
        self.site = site
        self.locale = locale or default_locale()
        self.root = site.root(self.locale)
        self._restricted_paths: tuple[str, ...] | None = None

    @classmethod
    def for_request(cls, request, locale: str | None = None) -> ReaderScope:
        scopes = getattr(request, "_content_reader_scopes", None)
        if scopes is None:
            scopes = request._content_reader_scopes = {}
        locale = locale or getattr(request, "content_locale", None) or default_locale()
        if locale not in scopes:
            scopes[locale] = cls(site_for_request(request), locale)
        return scopes[locale]

    @classmethod
    def for_site(cls, site: Site, locale: str | None = None) -> ReaderScope:
        return cls(SiteInfo.of(site), locale)

    @classmethod
    def all_sites(cls) -> list[ReaderScope]:
        """A scope per site and content locale in which the site has a root."""
        scopes = []
        for site in Site.objects.select_related("root_page"):
            info = SiteInfo.of(site)
            scopes += [cls(info, locale) for locale in info.locales]
        return scopes

    def in_locale(self, locale: str) -> ReaderScope:
        """The same site's scope in another locale."""
        return self if locale == self.locale else ReaderScope(self.site, locale)

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
        if self.root is None:
            return model.objects.none()
        return (
            model.objects.live()
            .public()
            .filter(expired=False, path__startswith=self.root.path)
            .filter(not_expired_q())
        )

    def q(self, prefix: str = "") -> Q:
        """The rule of ``pages()`` as a filter, reached through a relation with ``prefix``.

        A restricted section is the restricted page and its descendants, which is what
        Wagtail's ``public()`` excludes (tests/content/test_rules.py compares the two).
        """
        if self.root is None:
            return Q(**{f"{prefix}pk__in": []})
        condition = Q(
            **{
                f"{prefix}live": True,
                f"{prefix}expired": False,
                f"{prefix}path__startswith": self.root.path,
            }
        ) & not_expired_q(prefix)
        for path in self.restricted_paths:
            condition &= ~Q(**{f"{prefix}path__startswith": path})
        return condition

    def localized(self, page_ids) -> dict:
        """For each of these page ids, the visible page of this scope that is it or its
        translation into this scope's locale (one query; two when some id is of
        another locale). Pages come with what a reference reads."""
        page_ids = set(page_ids)
        fields = ("id", "title", "slug", "url_path", "content_type_id", "translation_key")
        found = {page.pk: page for page in self.pages().filter(pk__in=page_ids).only(*fields)}
        others = page_ids - found.keys()
        if others:
            keys = dict(Page.objects.filter(pk__in=others).values_list("pk", "translation_key"))
            local = {
                page.translation_key: page
                for page in self.pages()
                .filter(translation_key__in=set(keys.values()))
                .only(*fields)
            }
            found |= {pk: local[key] for pk, key in keys.items() if key in local}
        return found

    def is_visible(self, page: Page) -> bool:
        """The same rule for one page already in memory (no query)."""
        if not page.pk or not is_published_now(page):
            return False
        return self.in_site(page) and not self.is_private(page)

    def in_site(self, page: Page) -> bool:
        """Whether the page is this site's root (in this locale) or below it."""
        return self.root is not None and page.path.startswith(self.root.path)

    def is_private(self, page: Page) -> bool:
        """Whether a view restriction on the page or a section above it hides it."""
        return any(page.path.startswith(path) for path in self.restricted_paths)

    # Paths ---------------------------------------------------------------------

    def frontend_path(self, url_path: str | None) -> str:
        """A page's path on the reader frontend, relative to the site root in this
        locale ("/" for it; the reader puts the locale in front)."""
        root = self.root.url_path if self.root else "/"
        if not url_path:
            return ""  # a page that was never saved (a preview of a new page)
        if url_path.startswith(root):
            return "/" + url_path[len(root) :]
        return url_path

    def url_path_for(self, frontend_path: str) -> str:
        """The Wagtail url_path a frontend path maps to inside this site."""
        root = self.root.url_path if self.root else "/"
        return root + frontend_path.lstrip("/")


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
