"""Which URLs may reach a reader: the one URL policy of every output.

Contract: ``safe_url(value)`` returns the URL a link or a picture may use, or
``None`` when it must not be used (missing, or refused). Allowed are

* absolute ``http:`` and ``https:`` URLs with a host,
* ``mailto:`` URLs with an address,
* site-relative URLs (``/path``, not ``//host``) and in-document references (``#part``).

Everything else is refused: ``javascript:``, ``data:``, ``file:``, ``vbscript:``,
any other scheme, protocol-relative URLs (``//host``) and path-relative ones
(``page/``), whose target depends on where they are shown. A URL is read the way
browsers read it (WHATWG URL parsing): surrounding spaces and control characters
are ignored, tabs and line breaks anywhere are removed, and a backslash counts as a
slash, so ``" java\\tscript:"`` or ``"/\\\\host"`` cannot slip through.

The API gives a refused URL as ``null``; the reader and the PDF show the words of
the link without the link. ``content.richtext`` applies this policy to every
``href`` and ``src`` of rich text; API fields, blocks and the PDF templates (the
``safe_url`` filter of ``content_urls``) call it for every stored URL.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

# What browsers strip around a URL (C0 controls and space) and inside it (tab, CR, LF).
_SURROUNDING = "".join(chr(code) for code in range(0x21))
_REMOVED_INSIDE = str.maketrans("", "", "\t\n\r")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def safe_url(value) -> str | None:
    """``value`` as a URL a reader may follow, or ``None``; see the module docstring."""
    if not value or not isinstance(value, str):
        return None
    url = value.strip(_SURROUNDING).translate(_REMOVED_INSIDE)
    if not url or _CONTROL.search(url):
        return None
    scheme = _SCHEME.match(url)
    if scheme is None:
        return url if _is_site_relative(url) else None
    name = scheme.group(1).lower()
    if name not in ALLOWED_SCHEMES:
        return None
    rest = url[scheme.end() :]
    if name == "mailto":
        return url if rest.strip("/") else None
    # http(s): the authority must follow, as "//host" (browsers also accept "\\").
    if not rest.replace("\\", "/").startswith("//"):
        return None
    try:
        host = urlsplit(url.replace("\\", "/")).hostname
    except ValueError:  # an unparseable authority, e.g. a bad IPv6 literal
        return None
    return url if host else None


def is_safe_url(value) -> bool:
    """Whether ``safe_url(value)`` keeps the URL."""
    return safe_url(value) is not None


def _is_site_relative(url: str) -> bool:
    if url.startswith("#"):
        return True
    # "/path" only: "//host" and "/\\host" are other hosts to a browser.
    return url.startswith("/") and url[1:2] not in ("/", "\\")
