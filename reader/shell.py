"""The reader's HTML shell (``frontend/index.html``) adapted to where it is served.

Contract: ``render_shell(asset_base, api_url)`` returns the file's text with its
``<base href>`` set to ``asset_base`` (where styles.css and app.js live) and its
``playbook-api`` meta set to ``api_url`` (empty: the API is on the same origin),
and, given a ``PageMeta``, its ``<title>`` and description replaced and Open Graph
tags added after them, so a shared link previews as the page it points at (the
values are escaped; the app sets the title again as the reader moves on).
The file keeps working on its own (``<base href="/">``, same-origin API), so a
frontend team can copy ``frontend/`` to any static host; only these two markers
change. A file without them raises ``ShellError`` rather than serving a reader
that would load nothing.
"""

import re
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils.html import escape

SHELL_PATH = settings.BASE_DIR / "frontend" / "index.html"
SERVICE_WORKER_PATH = settings.BASE_DIR / "frontend" / "sw.js"

BASE_TAG = re.compile(r'<base href="[^"]*">')
API_META = re.compile(r'<meta name="playbook-api" content="[^"]*">')
TITLE_TAG = re.compile(r"<title>[^<]*</title>")
DESCRIPTION_META = re.compile(r'<meta name="description" content="[^"]*">')
SITE_NAME = "Playbook reader"
DESCRIPTION_LENGTH = 200


@dataclass(frozen=True)
class PageMeta:
    """What a link preview shows of one screen: all plain text, escaped when written."""

    title: str
    description: str = ""
    url: str = ""  # absolute
    image: str = ""  # absolute
    image_alt: str = ""
    kind: str = "website"  # og:type

    def tags(self) -> str:
        properties = [
            ("og:site_name", SITE_NAME),
            ("og:type", self.kind),
            ("og:title", self.title),
            ("og:description", self.description),
            ("og:url", self.url),
            ("og:image", self.image),
            ("og:image:alt", self.image_alt if self.image else ""),
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
        ('<meta name="description">', DESCRIPTION_META),
    )
    for name, pattern in markers:
        if len(pattern.findall(text)) != 1:
            raise ShellError(f"{SHELL_PATH} must contain exactly one {name} tag.")
    return text


@cache
def _cached_shell() -> str:
    return read_shell()


def render_shell(asset_base: str, api_url: str, meta: PageMeta | None = None) -> str:
    # In development the file is re-read on every request so edits show on reload.
    text = read_shell() if settings.DEBUG else _cached_shell()
    text = BASE_TAG.sub(lambda _: f'<base href="{escape(asset_base)}">', text, count=1)
    text = API_META.sub(
        lambda _: f'<meta name="playbook-api" content="{escape(api_url)}">', text, count=1
    )
    if meta is None:
        return text
    title = f"{meta.title} · {SITE_NAME}" if meta.title else SITE_NAME
    text = TITLE_TAG.sub(lambda _: f"<title>{escape(title)}</title>", text, count=1)
    description = f'<meta name="description" content="{escape(meta.description)}">'
    return DESCRIPTION_META.sub(lambda _: f"{description}\n  {meta.tags()}", text, count=1)
