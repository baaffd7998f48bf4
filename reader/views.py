"""``reader_view``: the reader single-page app for every path ``reader.urls`` lets through.

Contract: GET/HEAD answer with the HTML shell (``reader.shell``) whatever the path,
because the app routes in the browser and shows its own "not found"; the status is
200 for the app's own screens and the pages readers may see in this site, 404 for
any other path (so crawlers and link checkers learn the truth; when the API lives
on another origin, ``READER_API_URL``, this server cannot tell and answers 200).
Other methods are 405. The shell is never cached (its assets are, by whitenoise), may be
framed by this origin only (the admin shows previews in a frame), and carries a
Content-Security-Policy: scripts and styles from the asset host only, API calls to
this origin and ``READER_API_URL``'s.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from content import store
from content.rules import SiteNotFound, site_for_request
from reader.shell import render_shell

ASSET_PREFIX = "reader"  # frontend/ is collected under STATIC_URL + "reader/"
# The app's own screens (frontend/views/routes.js); "" is the site's home page.
APP_SCREENS = frozenset({"", "search/", "preview/"})


def _page_is_visible(request, path: str) -> bool:
    """Whether ``/path`` is a page the API would show to this request."""
    try:
        site = site_for_request(request)
    except SiteNotFound:
        return False
    frontend_path = "/" + path if path.endswith("/") else f"/{path}/"
    return bool(store.detail_rows(site.id, limit=1, path=frontend_path))


def _origin(url: str) -> str:
    """``https://cdn.example.org`` for an absolute URL; empty for a relative one."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def content_security_policy(asset_base: str, api_url: str) -> str:
    assets = " ".join(filter(None, ["'self'", _origin(asset_base)]))
    api = " ".join(filter(None, ["'self'", _origin(api_url)]))
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {assets}",
            f"style-src {assets}",
            # Images come from the API's media storage, which may be a bucket elsewhere.
            f"img-src {api} data: https:",
            f"connect-src {api}",
            f"base-uri {assets}",
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
    known = path in APP_SCREENS or bool(_origin(api_url)) or _page_is_visible(request, path)
    response = HttpResponse(
        render_shell(asset_base, api_url), content_type="text/html", status=200 if known else 404
    )
    response["Content-Security-Policy"] = content_security_policy(asset_base, api_url)
    return response
