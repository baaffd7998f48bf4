"""``reader_view``: the reader single-page app for every path ``reader.urls`` lets through.

Contract: GET/HEAD answer with the HTML shell (``reader.shell``) whatever the path,
because the app routes in the browser and shows its own "not found"; the status is
200 for the app's own screens and the pages readers may see in this site, 404 for
any other path (so crawlers and link checkers learn the truth; when the API lives
on another origin, ``READER_API_URL``, this server cannot tell and answers 200).
The shell carries the page's own ``<title>``, description and Open Graph
tags, read from its stored representation (``content.store``, which holds visible
pages only: a hidden page gives nothing away, not even its title).
A path may start with a locale the site has, other than the default
(``/fr/playbook/``; the default locale's paths have no prefix): the rest is the
page's path in that locale, its words come from that locale's stored page (or the
default locale's, as the app shows a page not yet translated), ``<html lang dir>``
say the locale, and the shell lists the site's locales for the app, and the
page's translations as ``hreflang`` alternates.
A request with ``Save-Data: on`` (a browser's or a proxy's data saver) gets a
shell that tells the app so (``render_shell(save_data=True)``): it then fetches
only the small image renditions; the answer varies on ``Save-Data``.
Other methods are 405. The shell is never cached (its assets are, by whitenoise), may be
framed by this origin only (the admin shows previews in a frame), and carries a
Content-Security-Policy: scripts and styles from the asset host only, API calls to
this origin and ``READER_API_URL``'s.
"""

from urllib.parse import urlsplit

import orjson
from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from content import store
from content.rules import (
    SiteNotFound,
    content_locales,
    default_locale,
    site_for_request,
    text_direction,
)
from reader.shell import (
    ASSET_PREFIX,
    SERVICE_WORKER_PATH,
    PageMeta,
    assets,
    locale_prefix,
    render_shell,
    shortened,
)

# The app's own screens (frontend/views/routes.js) with their titles; "" is the
# site's home page (a page like any other when one is stored).
APP_SCREENS = {
    "": "",
    "search/": "Search",
    "preview/": "Preview",
    "my-playbook/": "My playbook",
}
APP_SCREEN_DESCRIPTIONS = {
    "search/": "Search the playbook's tools, case studies, resources and publications.",
    "my-playbook/": "The challenges you marked, with your progress, kept on this device.",
}
DEFAULT_DESCRIPTION = "Learning playbooks: challenges, tools, case studies and resources."


def _site(request):
    try:
        return site_for_request(request)
    except SiteNotFound:
        return None


def site_locales(site) -> tuple[str, ...]:
    """The locales the site has a root in, the default first (all of them without a site)."""
    return tuple(site.locales if site is not None else content_locales())


def split_locale(path: str, locales: tuple[str, ...]) -> tuple[str, str]:
    """``"fr/playbook/"`` -> ``("fr", "playbook/")``; a path without a prefix is the default's."""
    first, _, rest = path.partition("/")
    if first in locales[1:]:
        return first, rest
    return locales[0] if locales else default_locale(), path


def _stored_page(site, path: str, locale: str):
    """The stored detail of ``/path`` in ``locale`` (or, untranslated, in the default
    locale) if it is a page the API would show; else None."""
    if site is None:
        return None
    frontend_path = "/" + path if path.endswith("/") else f"/{path}/"
    for candidate in dict.fromkeys([locale, default_locale()]):
        rows = store.detail_rows(site.id, limit=1, locale=candidate, path=frontend_path)
        if rows:
            return rows[0]
    return None


def _alternates(request, path: str, locale: str, locales, body) -> tuple[tuple[str, str], ...]:
    """The screen in each of the site's locales: a page's translations, an app screen's
    own path under each locale's prefix."""
    if body is None:
        found = {code: path for code in locales} if path in APP_SCREENS else {}
    else:
        found = {body.get("locale") or locale: (body.get("path") or "/").lstrip("/")}
        found |= {
            item["locale"]: item["path"].lstrip("/")
            for item in body.get("translations") or []
            if item.get("locale") in locales and item.get("path")
        }
    return tuple(
        (code, request.build_absolute_uri(f"/{locale_prefix(code)}{found[code]}"))
        for code in locales
        if code in found
    )


def _image_url(request, image) -> str:
    if not isinstance(image, dict):
        return ""
    renditions = image.get("renditions") or {}
    rendition = renditions.get("medium") or renditions.get("large") or {}
    url = rendition.get("url") or ""
    return request.build_absolute_uri(url) if url else ""


def page_meta(
    request, path: str, row, locale: str | None = None, locales: tuple[str, ...] = ()
) -> PageMeta:
    """What a link to ``/path`` (``path`` without its locale prefix) previews as: the
    stored page's words, or the screen's, with the locale's language and direction."""
    locale = locale or default_locale()
    url = request.build_absolute_uri(f"/{locale_prefix(locale)}{path}")
    language = {
        "language": locale,
        "direction": text_direction(locale),
    }
    if row is None:
        title = APP_SCREENS.get(path, "Not found")
        return PageMeta(
            title=title,
            description=APP_SCREEN_DESCRIPTIONS.get(path, DEFAULT_DESCRIPTION),
            url=url,
            alternates=_alternates(request, path, locale, locales, None),
            **language,
        )
    body = orjson.loads(row.body)
    image = body.get("cover_image") or body.get("image") or body.get("hero_image")
    description = (
        body.get("search_description")
        or body.get("summary")
        or body.get("challenge_statement")
        or body.get("subtitle")
        or DEFAULT_DESCRIPTION
    )
    return PageMeta(
        title=body.get("seo_title") or body.get("title") or "",
        description=shortened(description),
        url=url,
        image=_image_url(request, image),
        image_alt=(image or {}).get("alt", "") if isinstance(image, dict) else "",
        kind="website" if body.get("type") == "home" else "article",
        alternates=_alternates(request, path, locale, locales, body),
        **language,
    )


def saves_data(request) -> bool:
    """Whether the request says ``Save-Data: on`` (the header's one defined value)."""
    return request.headers.get("Save-Data", "").strip().lower() == "on"


def _origin(url: str) -> str:
    """``https://cdn.example.org`` for an absolute URL; empty for a relative one."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def content_security_policy(asset_base: str, api_url: str, script_hash: str = "") -> str:
    hosts = " ".join(filter(None, ["'self'", _origin(asset_base)]))
    api = " ".join(filter(None, ["'self'", _origin(api_url)]))
    return "; ".join(
        [
            "default-src 'self'",
            # The hash admits the shell's one inline script: its import map.
            f"script-src {' '.join(filter(None, [hosts, script_hash]))}",
            f"style-src {hosts}",
            # Images come from the API's media storage, which may be a bucket elsewhere.
            f"img-src {api} data: https:",
            f"connect-src {api}",
            f"base-uri {hosts}",
            "form-action 'self'",
            "object-src 'none'",
            "frame-ancestors 'self'",
        ]
    )


@never_cache
@xframe_options_sameorigin
@require_safe
def reader_view(request, path=""):
    asset_base = f"{settings.STATIC_URL.rstrip('/')}/{ASSET_PREFIX}/"
    api_url = getattr(settings, "READER_API_URL", "")
    site = _site(request)
    locales = site_locales(site)
    locale, path = split_locale(path, locales)
    row = None if path in APP_SCREENS and path else _stored_page(site, path, locale)
    known = path in APP_SCREENS or bool(_origin(api_url)) or row is not None
    response = HttpResponse(
        render_shell(
            asset_base,
            api_url,
            page_meta(request, path, row, locale, locales),
            save_data=saves_data(request),
            locales=locales,
            search_screen=path == "search/",
        ),
        content_type="text/html",
        status=200 if known else 404,
    )
    patch_vary_headers(response, ["Save-Data"])
    response["Content-Security-Policy"] = content_security_policy(
        asset_base, api_url, assets(asset_base).script_hash
    )
    return response


@require_safe
def service_worker_view(request):
    """``/sw.js``: the reader's service worker (``frontend/sw.js``), for scope ``/``.

    Never cached by HTTP (``no-cache``): browsers look for a new worker on every
    visit, and the worker itself keeps the reader's files. A worker's scope is its
    URL's folder, which is why it is served here rather than under STATIC_URL.
    """
    asset_base = f"{settings.STATIC_URL.rstrip('/')}/{ASSET_PREFIX}/"
    urls = assets(asset_base).urls
    # The worker caches the files under the names the shell asks for (hashed in
    # production); "null" leaves it to its own list of plain names.
    listed = orjson.dumps(sorted(urls.values())).decode() if urls else "null"
    text = SERVICE_WORKER_PATH.read_text(encoding="utf-8").replace(
        "const ASSET_URLS = null;", f"const ASSET_URLS = {listed};", 1
    )
    response = HttpResponse(text, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response
