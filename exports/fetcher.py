"""The only way WeasyPrint may read a file while it renders a playbook.

Contract: ``StorageURLFetcher`` answers

* ``data:`` URLs,
* static files (``STATIC_URL`` paths), read through the staticfiles storage or finders,
* media files (``MEDIA_URL`` paths), read from Django's default storage, and when an
  ``allowed_media`` set is given only the storage names in it,

whether the URL is relative to the document or absolute on one of the project's own
hosts. It never opens a network connection, so redirects cannot happen. Everything
else (``file://``, other hosts, other paths on our own host, ``..`` escapes) is
refused: the refusal is logged on the ``exports.fetcher`` logger and recorded in
``refused``; WeasyPrint then renders without the resource.

A resource that *should* exist but cannot be read (a missing image or template in
storage) is recorded in ``failures``, so the renderer can fail the export instead of
quietly producing a PDF with holes in it.

It always runs in the Django process, also when WeasyPrint renders in the lean
render process (``exports.pdf_child``): that process asks it for each URL, so these
rules and the storage they read exist once.
"""

import logging
import mimetypes
import posixpath
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger("exports.fetcher")


class FetchRefused(ValueError):
    """The URL points somewhere a PDF must never read from."""


class FetchFailed(OSError):
    """The URL is ours, but the file behind it could not be read."""


def media_url(name):
    """The URL the PDF's HTML uses for a file in default storage."""
    return settings.MEDIA_URL + quote(name)


def static_url(path):
    return settings.STATIC_URL + quote(path)


def own_hosts():
    """Host names that mean "this project": sites, allowed hosts and the admin URL."""
    from wagtail.models import Site

    hosts = {host.lower() for host in settings.ALLOWED_HOSTS if host and "*" not in host}
    hosts |= {host.lstrip(".").lower() for host in settings.ALLOWED_HOSTS if host.startswith(".")}
    hosts |= {hostname.lower() for hostname in Site.objects.values_list("hostname", flat=True)}
    for url in (
        settings.WAGTAILADMIN_BASE_URL,
        getattr(settings, "FRONTEND_URL", ""),
        getattr(settings, "PUBLIC_BASE_URL", ""),
    ):
        if url and urlsplit(url).hostname:
            hosts.add(urlsplit(url).hostname.lower())
    return hosts


def safe_relative_path(path):
    """``path`` without a leading slash, or ``None`` if it tries to leave its folder."""
    path = unquote(path)
    if "\\" in path or "\x00" in path:
        return None
    parts = path.split("/")
    if any(part in ("..", ".") for part in parts):
        return None
    normalised = posixpath.normpath(path).lstrip("/")
    if normalised in ("", "."):
        return None
    return normalised


class StorageURLFetcher(URLFetcher):
    """See the module docstring."""

    def __init__(self, allowed_media=None, hosts=None, **kwargs):
        kwargs.setdefault("allow_redirects", False)
        super().__init__(**kwargs)
        self.allowed_media = None if allowed_media is None else set(allowed_media)
        self.hosts = own_hosts() if hosts is None else {host.lower() for host in hosts}
        self.refused = []
        self.failures = []

    def fetch(self, url, headers=None):
        try:
            return self._fetch(url)
        except FetchRefused as exc:
            self.refused.append(url)
            logger.warning("PDF export refused to fetch %s: %s", shorten(url), exc)
            raise
        except FetchFailed as exc:
            self.failures.append((url, str(exc)))
            logger.error("PDF export could not read %s: %s", shorten(url), exc)
            raise

    def _fetch(self, url):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            # The parent class decodes data: URLs without touching the network.
            return super().fetch(url)
        if scheme not in ("http", "https"):
            raise FetchRefused(f"the {scheme or 'missing'} scheme is not allowed")
        parts = urlsplit(url)
        for prefix, reader in (
            (settings.MEDIA_URL, self._read_media),
            (settings.STATIC_URL, self._read_static),
        ):
            name = self._match(parts, prefix)
            if name is not None:
                return reader(name, url)
        host = parts.hostname or ""
        if host.lower() in self.hosts:
            raise FetchRefused("only static and media files of this project may be read")
        raise FetchRefused(f"the host {host!r} is not this project")

    def _match(self, parts, prefix):
        """The path below ``prefix`` (a relative or absolute URL) or ``None``."""
        prefix_parts = urlsplit(prefix)
        if prefix_parts.hostname:
            if (parts.hostname or "").lower() != prefix_parts.hostname.lower():
                return None
        elif (parts.hostname or "").lower() not in self.hosts:
            return None
        prefix_path = (
            prefix_parts.path if prefix_parts.path.endswith("/") else prefix_parts.path + "/"
        )
        if not parts.path.startswith(prefix_path):
            return None
        name = safe_relative_path(parts.path[len(prefix_path) :])
        if name is None:
            raise FetchRefused("the path leaves its folder")
        return name

    def _read_media(self, name, url):
        if self.allowed_media is not None and name not in self.allowed_media:
            raise FetchRefused("the media file is not part of the exported content")
        try:
            handle = default_storage.open(name, "rb")
            data = handle.read()
            handle.close()
        except (OSError, ValueError) as exc:
            raise FetchFailed(f"media file {name!r} is missing or unreadable ({exc})") from exc
        return self._response(url, name, data)

    def _read_static(self, name, url):
        data = None
        try:
            if staticfiles_storage.exists(name):
                with staticfiles_storage.open(name, "rb") as handle:
                    data = handle.read()
        except (OSError, ValueError, NotImplementedError):
            data = None
        if data is None:
            path = finders.find(name)
            if not path:
                raise FetchFailed(f"static file {name!r} not found")
            with open(path, "rb") as handle:
                data = handle.read()
        return self._response(url, name, data)

    @staticmethod
    def _response(url, name, data):
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, data, headers={"Content-Type": content_type})


def shorten(url, limit=120):
    return url if len(url) <= limit else url[:limit] + "…"
