"""The reader's HTML shell (``frontend/index.html``) adapted to where it is served.

Contract: ``render_shell(asset_base, api_url)`` returns the file's text with its
``<base href>`` set to ``asset_base`` (where styles.css and app.js live) and its
``playbook-api`` meta set to ``api_url`` (empty: the API is on the same origin),
with ``save_data`` a ``<meta name="save-data" content="on">`` after that meta (the
reader then offers only the small image renditions, as it does when the browser's
``navigator.connection.saveData`` says so), and, given a ``PageMeta``, its
``<title>`` and description replaced and Open Graph tags added after them, so a
shared link previews as the page it points at (the values are escaped; the app
sets the title again as the reader moves on). ``PageMeta.language`` (and
``direction``) go on ``<html lang dir>``, ``locales`` (the site's, the default
first) in ``<meta name="playbook-locales">``: the app reads the locale of a
``/fr/...`` path from them. ``search_screen`` serves the header's search form
``hidden``, as the app hides it on the search screen (which has a search box of
its own): decided by the server, the header has its final height at the first paint.
The file keeps working on its own (``<base href="/">``, same-origin API), so a
frontend team can copy ``frontend/`` to any static host; only these markers
change. A file without them raises ``ShellError`` rather than serving a reader
that would load nothing.
"""

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils.html import escape

from content.rules import default_locale, text_direction

SHELL_PATH = settings.BASE_DIR / "frontend" / "index.html"
SERVICE_WORKER_PATH = settings.BASE_DIR / "frontend" / "sw.js"
FRONTEND_DIR = SHELL_PATH.parent
ASSET_PREFIX = "reader"  # frontend/ is collected under STATIC_URL + "reader/"
ASSET_SUFFIXES = (".js", ".css", ".svg", ".webmanifest")

BASE_TAG = re.compile(r'<base href="[^"]*">')
API_META = re.compile(r'<meta name="playbook-api" content="[^"]*">')
TITLE_TAG = re.compile(r"<title>[^<]*</title>")
DESCRIPTION_META = re.compile(r'<meta name="description" content="[^"]*">')
HTML_TAG = re.compile(r"<html[^>]*>")
LOCALES_META = re.compile(r'<meta name="playbook-locales" content="[^"]*">')
HEADER_SEARCH = re.compile(r'<form class="site-search"')
LANGUAGES_NAV = re.compile(r'<nav class="site-languages"[^>]*></nav>')
SITE_NAME = "Playbook reader"
DESCRIPTION_LENGTH = 200


def locale_prefix(locale: str) -> str:
    """The reader's path prefix of a locale: none for the default."""
    return "" if locale == default_locale() else f"{locale}/"


@dataclass(frozen=True)
class PageMeta:
    """What a link preview shows of one screen: all plain text, escaped when written."""

    title: str
    description: str = ""
    url: str = ""  # absolute
    image: str = ""  # absolute
    image_alt: str = ""
    kind: str = "website"  # og:type
    language: str = "en"  # a language code: <html lang>, og:locale
    direction: str = "ltr"  # <html dir>
    # The same page in the site's other languages: (language code, absolute URL).
    alternates: tuple[tuple[str, str], ...] = ()

    def switcher(self, locales: tuple[str, ...]) -> str:
        """The header's language links as ``views/languages.js`` draws them (the same
        page in each language, else that language's home), there from the first paint:
        filled in later, they moved the header's search box aside."""
        urls = dict(self.alternates)
        links = []
        for code in locales:
            href = urlsplit(urls[code]).path if code in urls else f"/{locale_prefix(code)}"
            current = ' aria-current="true"' if code == self.language else ""
            name = settings.LANGUAGE_NAMES.get(code, code)
            links.append(
                f'<li><a href="{escape(href)}" hreflang="{escape(code)}" lang="{escape(code)}" '
                f'dir="{text_direction(code)}"{current}>{escape(name)}</a></li>'
            )
        return (
            '<nav class="site-languages" id="site-languages" aria-label="Language">'
            f"<ul>{''.join(links)}</ul></nav>"
        )

    def tags(self) -> str:
        properties = [
            ("og:site_name", SITE_NAME),
            ("og:type", self.kind),
            ("og:title", self.title),
            ("og:description", self.description),
            ("og:url", self.url),
            ("og:image", self.image),
            ("og:image:alt", self.image_alt if self.image else ""),
            ("og:locale", self.language),
        ]
        lines = [
            f'<meta property="{name}" content="{escape(value)}">'
            for name, value in properties
            if value
        ]
        card = "summary_large_image" if self.image else "summary"
        lines.append(f'<meta name="twitter:card" content="{card}">')
        if self.url:
            lines.append(f'<link rel="canonical" href="{escape(self.url)}">')
        lines += [
            f'<link rel="alternate" hreflang="{escape(code)}" href="{escape(url)}">'
            for code, url in self.alternates
        ]
        return "\n  ".join(lines)


def shortened(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


class ShellError(Exception):
    """frontend/index.html lacks a marker the server has to fill in."""


def read_shell() -> str:
    text = SHELL_PATH.read_text(encoding="utf-8")
    markers = (
        ("<base href>", BASE_TAG),
        ('<meta name="playbook-api">', API_META),
        ("<title>", TITLE_TAG),
        ("<html>", HTML_TAG),
        ('<meta name="playbook-locales">', LOCALES_META),
        ('<meta name="description">', DESCRIPTION_META),
        ('<form class="site-search">', HEADER_SEARCH),
        ('<nav class="site-languages">', LANGUAGES_NAV),
    )
    for name, pattern in markers:
        if len(pattern.findall(text)) != 1:
            raise ShellError(f"{SHELL_PATH} must contain exactly one {name} tag.")
    return text


@cache
def _cached_shell() -> str:
    return read_shell()


@dataclass(frozen=True)
class Assets:
    """Where the reader's files are served: ``urls`` maps each file (``views/pages.js``)
    to its URL; ``import_map`` is the ``<script type="importmap">`` that sends the
    modules' own imports (``./api.js``) to those URLs, or "" when names are as
    they are (development); ``script_hash`` its CSP hash source."""

    urls: dict[str, str]
    import_map: str = ""
    script_hash: str = ""


def _asset_files() -> list[str]:
    return sorted(
        str(path.relative_to(FRONTEND_DIR))
        for path in FRONTEND_DIR.rglob("*")
        if path.is_file() and path.suffix in ASSET_SUFFIXES and path != SERVICE_WORKER_PATH
    )


def _assets(asset_base: str) -> Assets:
    """The files' URLs: with the manifest storage of production, their hashed names.

    Hashed names are what lets whitenoise serve them ``immutable`` for a year; the
    import map keeps the modules unchanged (they import ``./api.js``) while the
    browser fetches each under its hashed name, once.
    """
    urls = {name: staticfiles_storage.url(f"{ASSET_PREFIX}/{name}") for name in _asset_files()}
    plain = {name: asset_base + name for name in urls}
    if urls == plain:
        return Assets(urls)
    imports = {plain[name]: url for name, url in urls.items() if name.endswith(".js")}
    text = json.dumps({"imports": imports}, indent=None, sort_keys=True)
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return Assets(urls, f'<script type="importmap">{text}</script>', f"'sha256-{digest}'")


@cache
def _cached_assets(asset_base: str) -> Assets:
    return _assets(asset_base)


def assets(asset_base: str) -> Assets:
    return _assets(asset_base) if settings.DEBUG else _cached_assets(asset_base)


ASSET_ATTRIBUTE = re.compile(r'(?P<attr>href|src)="(?P<name>[\w/]+\.(?:js|css|svg|webmanifest))"')
MODULE_SCRIPT = re.compile(r'<script type="module"')


def _with_asset_urls(text: str, found: Assets) -> str:
    if not found.import_map:
        return text

    def hashed(match):
        url = found.urls.get(match["name"])
        return f'{match["attr"]}="{escape(url)}"' if url else match.group(0)

    text = ASSET_ATTRIBUTE.sub(hashed, text)
    # The map must come before the first module script, or the browser ignores it.
    return MODULE_SCRIPT.sub(lambda m: f"{found.import_map}\n  {m.group(0)}", text, count=1)


SAVE_DATA_META = '<meta name="save-data" content="on">'


def render_shell(
    asset_base: str,
    api_url: str,
    meta: PageMeta | None = None,
    *,
    save_data: bool = False,
    locales: tuple[str, ...] = (),
    search_screen: bool = False,
) -> str:
    # In development the file is re-read on every request so edits show on reload.
    text = read_shell() if settings.DEBUG else _cached_shell()
    text = BASE_TAG.sub(lambda _: f'<base href="{escape(asset_base)}">', text, count=1)
    api_meta = f'<meta name="playbook-api" content="{escape(api_url)}">'
    if save_data:
        api_meta += f"\n  {SAVE_DATA_META}"
    text = API_META.sub(lambda _: api_meta, text, count=1)
    text = _with_asset_urls(text, assets(asset_base))
    if locales:
        listed = f'<meta name="playbook-locales" content="{escape(",".join(locales))}">'
        text = LOCALES_META.sub(lambda _: listed, text, count=1)
    if search_screen:
        text = HEADER_SEARCH.sub(lambda found: f"{found.group(0)} hidden", text, count=1)
    if meta is None:
        return text
    if len(locales) > 1:
        text = LANGUAGES_NAV.sub(lambda _: meta.switcher(locales), text, count=1)
    html = f'<html lang="{escape(meta.language)}" dir="{escape(meta.direction)}">'
    text = HTML_TAG.sub(lambda _: html, text, count=1)
    title = f"{meta.title} · {SITE_NAME}" if meta.title else SITE_NAME
    text = TITLE_TAG.sub(lambda _: f"<title>{escape(title)}</title>", text, count=1)
    description = f'<meta name="description" content="{escape(meta.description)}">'
    return DESCRIPTION_META.sub(lambda _: f"{description}\n  {meta.tags()}", text, count=1)
