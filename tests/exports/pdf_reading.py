"""Small readers for what a PDF holds, on top of pypdf, shared by the export tests."""

import re
from dataclasses import dataclass

from pypdf import PdfReader


@dataclass
class Link:
    page: int  # 0-based page the link sits on
    dest: str | None  # named destination (internal link)
    uri: str | None  # external link
    top: float
    left: float


def destinations(reader: PdfReader) -> dict[str, int]:
    """Named destination -> 0-based page index."""
    return {
        str(name): reader.get_destination_page_number(dest)
        for name, dest in reader.named_destinations.items()
    }


def links(reader: PdfReader) -> list[Link]:
    found = []
    for index, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            rect = [float(v) for v in annot["/Rect"]]
            action = annot.get("/A")
            found.append(
                Link(
                    page=index,
                    dest=str(annot["/Dest"]) if "/Dest" in annot else None,
                    uri=str(action["/URI"]) if action and "/URI" in action else None,
                    top=max(rect[1], rect[3]),
                    left=min(rect[0], rect[2]),
                )
            )
    return found


def file_annotations(reader: PdfReader) -> list[tuple[int, str, bytes]]:
    """(page, file name, bytes) of every clickable file attachment annotation."""
    found = []
    for index, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/FileAttachment":
                continue
            spec = annot["/FS"].get_object()
            data = spec["/EF"]["/F"].get_object().get_data()
            found.append((index, str(spec["/UF"]), data))
    return found


def outline_tree(reader: PdfReader, items=None) -> list[tuple[str, int, list]]:
    """The bookmarks as (title, 0-based page, children)."""
    items = reader.outline if items is None else items
    tree = []
    for item in items:
        if isinstance(item, list):
            title, page, _ = tree[-1]
            tree[-1] = (title, page, outline_tree(reader, item))
        else:
            tree.append((str(item.title), reader.get_destination_page_number(item), []))
    return tree


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


TOC_LINE = re.compile(r"^(?P<title>.*?)[\s.]*?(?P<page>\d+)\s*$")


def toc_numbers(text: str) -> list[int]:
    """Page numbers printed at the end of table-of-contents lines (after the leader)."""
    numbers = []
    for line in text.splitlines():
        if "." not in line:
            continue
        match = TOC_LINE.match(line.strip())
        if match and ". ." in line or (match and line.rstrip()[-1].isdigit() and "...." in line):
            numbers.append(int(match.group("page")))
    return numbers
