"""Lay out a playbook's HTML and write the finished PDF: the part that needs no Django.

Contract: ``render(job, fetcher, target, progress=None)`` renders a ``RenderJob`` (the
HTML, its base URL, WeasyPrint's options and the translated words and titles the
finishers add) with WeasyPrint, reading every file through ``fetcher``, lets
``exports.pdf_accessibility`` finish the tagging, writes the bytes to ``target`` (a
path or binary file object) and returns a ``RenderResult``. It raises ``ExportError``
when ``fetcher.failures`` lists one of our files that could not be read, or (with
``job.refuse_local_links``) when a link leads nowhere a reader can go.

``exports.pdf`` builds the job and picks where this runs: in the calling process, or
in the lean render process of ``exports.pdf_child``. This module, and what it
imports, therefore import neither Django nor Wagtail; ``fetcher`` is anything with
WeasyPrint's ``fetch(url)`` and the ``failures``/``refused`` lists of
``exports.fetcher.StorageURLFetcher``.
"""

import gc
import logging
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple
from urllib.parse import urlsplit

import pydyf
from weasyprint import HTML

from cms.addresses import is_local_host
from exports.errors import ExportError
from exports.pdf_accessibility import make_accessible

logger = logging.getLogger(__name__)


class Words(NamedTuple):
    """The words the finishers add to the PDF, already in the PDF's language."""

    navigation_tabs: str
    link: str
    embedded_file: str  # with a {filename} placeholder


@dataclass
class RenderJob:
    """Everything a render needs; plain data, so that it can travel to another process."""

    html: str
    base_url: str
    options: dict
    words: Words
    link_titles: dict = field(default_factory=dict)
    file_descriptions: dict = field(default_factory=dict)
    refuse_local_links: bool = False


@dataclass
class RenderResult:
    page_count: int
    layout_seconds: float
    write_seconds: float
    refused: list = field(default_factory=list)
    # Set when the render ran in a process of its own (exports.pdf_child): that
    # process's peak resident memory and CPU time, as it measured them itself.
    process_peak_mb: float | None = None
    process_cpu_seconds: float | None = None

    @property
    def seconds(self):
        return self.layout_seconds + self.write_seconds


def render(job, fetcher, target, progress=None):
    """Lay out and write the PDF; see the module docstring."""
    with weasyprint_progress(progress), calm_garbage_collector():
        started = time.perf_counter()
        html = HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher)
        rendered = html.render(**job.options)
        laid_out = time.perf_counter()
        page_count = len(rendered.pages)
        if fetcher.failures:
            raise ExportError(failure_message(fetcher.failures))
        if job.refuse_local_links:
            refuse_local_links(rendered)
        written_by_weasyprint = rendered.write_pdf(
            finisher=partial(
                list_embedded_files, descriptions=job.file_descriptions, words=job.words
            ),
            **job.options,
        )
        del rendered  # the laid-out boxes are not needed to finish the tags
        collect_render_garbage()  # ...so they go before pikepdf reads the file
        write_bytes(target, make_accessible(written_by_weasyprint, job.link_titles, job.words))
        written = time.perf_counter()
    # Attachments are read while writing, so look again.
    if fetcher.failures:
        raise ExportError(failure_message(fetcher.failures))
    return RenderResult(
        page_count=page_count,
        layout_seconds=laid_out - started,
        write_seconds=written - laid_out,
        refused=list(fetcher.refused),
    )


def write_bytes(target, data):
    if hasattr(target, "write"):
        target.write(data)
    else:
        with open(target, "wb") as handle:
            handle.write(data)


# Schemes a reader's PDF viewer can follow anywhere; everything else (javascript:,
# file:, data:...) is refused in a link.
LINK_SCHEMES = {"http", "https", "mailto", "tel"}


def refuse_local_links(rendered):
    """Raise ``ExportError`` if a link of the laid-out PDF points nowhere a reader can go.

    Run with ``PLAYBOOK_PDF_REFUSE_LOCAL_LINKS`` (production): a link to localhost or
    loopback, or with a scheme outside ``LINK_SCHEMES``, means an address setting
    (``PUBLIC_BASE_URL``, ``FRONTEND_URL``) is wrong, and a PDF that travels would
    carry the dead link for ever. The export then fails with this reason, which the
    admin shows, and readers keep the previous PDF.
    """
    bad = []
    for number, page in enumerate(rendered.pages, start=1):
        for link_type, target, _rectangle, _box in page.links:
            if link_type != "external":
                continue
            parts = urlsplit(target)
            scheme = parts.scheme.lower()
            if scheme not in LINK_SCHEMES or (
                scheme in ("http", "https") and is_local_host(parts.hostname)
            ):
                bad.append((number, target))
    if bad:
        shown = ", ".join(f"{target} (p. {number})" for number, target in bad[:3])
        more = f" and {len(bad) - 3} more" if len(bad) > 3 else ""
        raise ExportError(
            f"The PDF would link to an address readers cannot open: {shown}{more}. "
            "Set PUBLIC_BASE_URL (and FRONTEND_URL, if readers read elsewhere) to the "
            "public address."
        )


def failure_message(failures):
    reasons = "; ".join(reason for _url, reason in failures[:3])
    more = f" (and {len(failures) - 3} more)" if len(failures) > 3 else ""
    return f"Some files of the playbook could not be read: {reasons}{more}."


def list_embedded_files(document, pdf, descriptions=None, words=None):
    """WeasyPrint finisher: list the file annotations' files in the EmbeddedFiles tree.

    ``<a rel=attachment>`` makes a clickable annotation but no entry in the document's
    attachment list; ``<link rel=attachment>`` would embed the same bytes a second
    time. Pointing the name tree at the annotations' own file specifications gives
    both with one copy. Annotations also get a description (PDF/UA asks for one,
    ``words.embedded_file``), and each file specification says what the file is
    (``/Desc``, from ``descriptions``: file name -> text) and how it relates to the
    document (``/AFRelationship /Supplement``: a worksheet that goes with the text).
    """
    descriptions = descriptions or {}
    filespecs = {}
    for obj in pdf.objects:
        if not isinstance(obj, pydyf.Dictionary):
            continue
        if obj.get("Subtype") == "/FileAttachment" and "FS" in obj:
            filespecs.setdefault(obj["FS"], None)
    if not filespecs:
        return
    by_reference = {
        obj.reference: obj
        for obj in pdf.objects
        if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Filespec"
    }
    names, used = [], set()
    for reference in filespecs:
        spec = by_reference.get(reference)
        if spec is None:
            continue
        filename = bytes_to_text(spec.get("UF")) or "attachment"
        name, counter = filename, 1
        while name in used:
            counter += 1
            name = f"{filename} ({counter})"
        used.add(name)
        names.append((name, reference))
        spec["Desc"] = pydyf.String(descriptions.get(filename) or filename)
        spec["AFRelationship"] = "/Supplement"
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and obj.get("Subtype") == "/FileAttachment":
            spec = by_reference.get(obj.get("FS"))
            filename = bytes_to_text(spec.get("UF")) if spec is not None else ""
            obj["Contents"] = pydyf.String(words.embedded_file.format(filename=filename))
    tree = pydyf.Dictionary({"Names": pydyf.Array()})
    for name, reference in sorted(names):
        tree["Names"].append(pydyf.String(name))
        tree["Names"].append(reference)
    pdf.add_object(tree)
    if "Names" not in pdf.catalog:
        pdf.catalog["Names"] = pydyf.Dictionary()
    pdf.catalog["Names"]["EmbeddedFiles"] = tree.reference


def bytes_to_text(value):
    if value is None:
        return ""
    if isinstance(value, pydyf.String):
        value = value.string
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


_gc_lock = threading.Lock()
_gc_depth = 0
_gc_threshold = None


@contextmanager
def calm_garbage_collector():
    """Keep Python's cyclic GC off the rest of the heap while WeasyPrint works.

    WeasyPrint allocates millions of small objects; each full collection then walks
    every object of the process, and in a Django process (models, templates, Wagtail)
    that made rendering up to twice as slow as WeasyPrint in a bare process (see
    benchmarks/pdf_benchmark.py). So: collect once, freeze what exists (it is no
    longer scanned), collect less often during the render, and afterwards collect
    the render's garbage *before* unfreezing, so that this collection walks only
    what the render made, not the Django heap again. The first collection stays a
    full one: collecting only the young generations froze older garbage for the
    whole render, about 10 MB more peak memory. ``collect_render_garbage`` frees the
    laid-out boxes between writing and finishing. Thread-safe for overlapping
    renders (the outermost one sets and restores).

    In the lean render process (``exports.pdf_child``) there is no Django heap to
    spare, but the raised threshold still saves WeasyPrint's own collections, and
    freeing the boxes before pikepdf still lowers that process's peak.
    """
    global _gc_depth, _gc_threshold
    with _gc_lock:
        if _gc_depth == 0:
            _gc_threshold = gc.get_threshold()
            gc.collect()
            gc.freeze()
            gc.set_threshold(10_000, 10, 10)
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0:
                gc.collect()  # the frozen heap is not walked: only the render's objects
                gc.set_threshold(*_gc_threshold)
                gc.unfreeze()


def collect_render_garbage():
    """Free a finished layout's cycles now (cheap while the heap is frozen)."""
    gc.collect()


class _ProgressHandler(logging.Handler):
    def __init__(self, callback):
        super().__init__(logging.INFO)
        self.callback = callback

    def emit(self, record):
        try:
            self.callback(record.getMessage())
        except Exception:  # a broken progress bar must not break the export
            logger.debug("Progress callback failed", exc_info=True)


@contextmanager
def weasyprint_progress(callback):
    """Feed WeasyPrint's progress messages ("Step 5 - Creating layout - Page 3") to ``callback``."""
    if callback is None:
        yield
        return
    progress_logger = logging.getLogger("weasyprint.progress")
    handler = _ProgressHandler(callback)
    old_level, old_propagate = progress_logger.level, progress_logger.propagate
    progress_logger.setLevel(logging.INFO)
    progress_logger.propagate = False
    progress_logger.addHandler(handler)
    try:
        yield
    finally:
        progress_logger.removeHandler(handler)
        progress_logger.setLevel(old_level)
        progress_logger.propagate = old_propagate
