"""How full each page of a PDF is, measured from poppler's word boxes (``pdftotext``).

``page_fill(pdf_bytes)`` runs ``pdftotext -bbox-layout`` (poppler, an independent
reader) and returns one ``PageFill`` per page:

* **Body band**: the page minus the ``@page`` margins of ``exports/static/exports/
  print.css`` (read from that file, so the band follows the stylesheet). Page
  furniture (running header, footer tabs, "Page X of Y") lives in those margins and
  is left out by position: a text line counts as body when its vertical centre lies
  inside the band. A page without the "Page X of Y" folio in its bottom margin (the
  cover, ``@page cover { margin: 0 }``) has no margins: all of its text is body; it
  is left out of ``underfilled`` (its picture fills it, and pictures are not seen).
* **Filled fraction**: (lowest body line's bottom - highest body line's top) / band
  height, so white space between paragraphs counts as filled, the empty rest of the
  page does not.
* **Lines**: body text lines, lines on one baseline (a contents entry and its page
  number, two flex columns) counted once.

``footer_words(pdf_bytes)`` gives, per page, the words of the bottom margin (the tab
strip and the folio) with their horizontal extent, to see that every tab is whole.

Only text is seen: a picture below the last line of a page is not measured. On these
pages every picture has a caption or heading next to it, so the text's extent is the
page's.
"""

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

PRINT_CSS = Path(__file__).resolve().parents[2] / "exports" / "static" / "exports" / "print.css"
MM = 72 / 25.4  # points per millimetre
NS = "{http://www.w3.org/1999/xhtml}"
FOLIO = re.compile(r"Page \d+ of \d+")  # @bottom-right of every page with margins


@dataclass
class PageFill:
    number: int  # 1-based
    fill: float  # 0..1 of the body band's height
    lines: int  # body text lines (distinct baselines)
    text: str  # the body text, for messages
    cover: bool = False  # no page furniture: the cover, whose picture is not measured

    def __str__(self):
        return f"p. {self.number}: {self.fill:.0%} filled, {self.lines} line(s) {self.text[:60]!r}"


def page_margins(css=PRINT_CSS):
    """(top, bottom) margin of the default ``@page`` rule, in points."""
    rule = re.search(r"@page\s*\{\s*margin:\s*([^;]+);", css.read_text())
    sizes = [float(value.removesuffix("mm")) * MM for value in rule.group(1).split()]
    # CSS shorthand: 1 value = all sides, 2 = vertical horizontal, 3 or 4 = top first,
    # bottom third (or the first again).
    return sizes[0], sizes[2] if len(sizes) > 2 else sizes[0]


def _pages(pdf):
    layout = subprocess.run(
        ["/usr/bin/pdftotext", "-bbox-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout
    return list(ET.fromstring(layout).iter(f"{NS}page"))  # noqa: S314 - poppler, our PDF


def page_fill(pdf: bytes) -> list[PageFill]:
    top_margin, bottom_margin = page_margins()
    pages = []
    for number, page in enumerate(_pages(pdf), start=1):
        height = float(page.get("height"))
        lines = [
            (float(line.get("yMin")), float(line.get("yMax")), _words(line))
            for line in page.iter(f"{NS}line")
        ]
        band_top, band_bottom = top_margin, height - bottom_margin
        cover = not any(FOLIO.fullmatch(text) and y0 >= band_bottom for y0, _y1, text in lines)
        if cover:
            band_top, band_bottom = 0.0, height  # no furniture: a margin-less page
        body = sorted(
            (y0, y1, text) for y0, y1, text in lines if band_top <= (y0 + y1) / 2 <= band_bottom
        )
        fill = (max(y1 for _y0, y1, _t in body) - body[0][0]) if body else 0.0
        pages.append(
            PageFill(
                number=number,
                fill=fill / (band_bottom - band_top),
                lines=_baselines(body),
                text=" ".join(text for _y0, _y1, text in body),
                cover=cover,
            )
        )
    return pages


@dataclass
class Word:
    text: str
    left: float
    right: float
    top: float
    bottom: float


def footer_words(pdf: bytes) -> list[tuple[float, list[Word]]]:
    """Per page: (page width, the words below the body band, left to right)."""
    _top, bottom_margin = page_margins()
    found = []
    for page in _pages(pdf):
        band_bottom = float(page.get("height")) - bottom_margin
        words = [
            Word(
                word.text or "",
                *(float(word.get(key)) for key in ("xMin", "xMax", "yMin", "yMax")),
            )
            for word in page.iter(f"{NS}word")
            if float(word.get("yMin")) >= band_bottom
        ]
        found.append((float(page.get("width")), sorted(words, key=lambda w: w.left)))
    return found


def _words(line):
    return " ".join(word.text or "" for word in line.iter(f"{NS}word"))


def _baselines(body):
    baselines = []
    for _y0, y1, _text in body:
        if not any(abs(y1 - seen) < 2 for seen in baselines):
            baselines.append(y1)
    return len(baselines)


def underfilled(pages, minimum=0.25):
    """Pages below ``minimum`` filled, except the document's last page and the cover
    (mostly its picture, which text boxes do not see)."""
    return [page for page in pages[:-1] if page.fill < minimum and not page.cover]


def single_line(pages):
    return [page for page in pages if page.lines == 1]
