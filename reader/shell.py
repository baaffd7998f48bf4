"""The reader's HTML shell (``frontend/index.html``) adapted to where it is served.

Contract: ``render_shell(asset_base, api_url)`` returns the file's text with its
``<base href>`` set to ``asset_base`` (where styles.css and app.js live) and its
``playbook-api`` meta set to ``api_url`` (empty: the API is on the same origin).
The file keeps working on its own (``<base href="/">``, same-origin API), so a
frontend team can copy ``frontend/`` to any static host; only these two markers
change. A file without them raises ``ShellError`` rather than serving a reader
that would load nothing.
"""

import re
from functools import cache

from django.conf import settings
from django.utils.html import escape

SHELL_PATH = settings.BASE_DIR / "frontend" / "index.html"

BASE_TAG = re.compile(r'<base href="[^"]*">')
API_META = re.compile(r'<meta name="playbook-api" content="[^"]*">')


class ShellError(Exception):
    """frontend/index.html lacks a marker the server has to fill in."""


def read_shell() -> str:
    text = SHELL_PATH.read_text(encoding="utf-8")
    for name, pattern in (("<base href>", BASE_TAG), ('<meta name="playbook-api">', API_META)):
        if len(pattern.findall(text)) != 1:
            raise ShellError(f"{SHELL_PATH} must contain exactly one {name} tag.")
    return text


@cache
def _cached_shell() -> str:
    return read_shell()


def render_shell(asset_base: str, api_url: str) -> str:
    # In development the file is re-read on every request so edits show on reload.
    text = read_shell() if settings.DEBUG else _cached_shell()
    text = BASE_TAG.sub(lambda _: f'<base href="{escape(asset_base)}">', text, count=1)
    return API_META.sub(
        lambda _: f'<meta name="playbook-api" content="{escape(api_url)}">', text, count=1
    )
