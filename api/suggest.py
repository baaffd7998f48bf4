""" "Did you mean": a spelling suggestion for a search that found nothing.

Contract: ``suggestion(site_id, words)`` returns the words with each one that
appears in no visible page replaced by the closest word that does (``difflib``,
similarity at least 0.8; words under four letters are left alone), or None when
nothing changed. The vocabulary is the words of the titles and summaries of the
cards the store serves for the site (``content.store``: visible pages only, so a
suggestion never names a hidden page's words). Called only when a search found
nothing, so the query it costs is paid on empty answers alone.
"""

from __future__ import annotations

import difflib
import re

import orjson

from content import store
from content.models import Shape

WORD = re.compile(r"[^\W\d_]{4,}")
SIMILARITY = 0.8


def vocabulary(site_id: int, locale: str | None = None) -> set[str]:
    words: set[str] = set()
    for body in store.served_bodies(site_id, Shape.CARD, locale):
        card = orjson.loads(body)
        text = f"{card.get('title') or ''} {card.get('summary') or ''}"
        words.update(word.casefold() for word in WORD.findall(text))
    return words


def suggestion(site_id: int, words: str, locale: str | None = None) -> str | None:
    known = None
    suggested, changed = [], False
    for word in words.split():
        folded = word.casefold()
        if len(folded) < 4:
            suggested.append(word)
            continue
        if known is None:
            known = vocabulary(site_id, locale)
        if folded in known:
            suggested.append(word)
            continue
        close = difflib.get_close_matches(folded, sorted(known), n=1, cutoff=SIMILARITY)
        if close:
            suggested.append(close[0])
            changed = True
        else:
            suggested.append(word)
    return " ".join(suggested) if changed else None
