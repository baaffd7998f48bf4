"""Finish WeasyPrint's tagged PDF so it meets PDF/UA-1, with pikepdf.

Contract: ``make_accessible(data, link_titles, words)`` takes the bytes WeasyPrint wrote
with ``pdf_variant="pdf/ua-1"`` and returns the bytes of the same document whose
structure tree follows the rules below. ``link_titles`` maps an anchor (a named
destination) to the title of what it leads to. Nothing visible changes; only tags,
annotations' descriptions and the marking of page furniture do. The few words it adds
(the tabs' section title, "Link") come translated in ``words``
(``exports.pdf.renderer_words``): this module imports no Django, so that it can run in
the lean render process (``exports.pdf_child``).

What WeasyPrint 70 leaves undone, and why it cannot (checked against its
``weasyprint/pdf/tags.py`` and its issues #1836, #2482):

* **Page furniture** (running headers, "page X of Y", the strip of tabs): WeasyPrint
  tags margin boxes' text but hangs the elements nowhere, because PDF 1.7 has no
  Artifact *element*; the parent tree then points at unreachable elements. Here their
  marked content becomes ``/Artifact`` marked content and the entries go.
* **Links in the margins** (the tabs): their annotations point at those unreachable
  elements. They get Link elements of their own, in one "Navigation tabs" section at
  the end of the tree, described by ``/Alt``.
* **Nested links**: every box inside an ``<a>`` (a span, ``::after`` with the page
  number) gets its own annotation and, when it is a pseudo-element, its own Link
  element inside the outer one. Here the inner annotations join the outermost Link
  (merged into its rectangle when they lie on the same line with the same target).
* **File attachments** (``<a rel=attachment>``): WeasyPrint tags the ``<a>`` as a Link
  with no object reference and leaves the FileAttachment annotation out of the tree.
  Here the element becomes an ``Annot`` holding its annotation (pairs are taken in
  page order; the two lists come from the same layout walk).
* **List items**: children other than the marker are not wrapped in ``LBody``.
* **Link descriptions**: ``/Contents`` is the anchor (``challenge-5``); here it is the
  target's title.
* **Checkboxes**: only an "on" appearance, none for off and no ``/DA``, so poppler
  viewers (Evince, Okular) show a ticked box as empty. Here each checkbox gets ``/Yes``
  and ``/Off`` appearances that draw the box itself (the print CSS draws none, so the
  hit area is the drawn box), ``/DA`` and ``/MK``, and ``NeedAppearances`` is dropped.
"""

import io
import logging
import re

import pikepdf
from pikepdf import Array, Dictionary, Name

logger = logging.getLogger(__name__)

# How a checkbox looks: a dark grey box, and a tick in the same colour when ticked.
BOX_COLOUR = (0.2, 0.25, 0.3)
BOX_LINE = 0.8
MARKED_CONTENT = re.compile(rb"/[A-Za-z0-9]+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")


def make_accessible(data: bytes, link_titles: dict, words) -> bytes:
    """The PDF/UA-1 version of ``data``; see the module docstring."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/StructTreeRoot" not in pdf.Root:
            return data
        Tagging(pdf, link_titles, words).run()
        finish_form_fields(pdf)
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def kids_of(element):
    kids = element.get("/K")
    if kids is None:
        return []
    if isinstance(kids, Array):
        return list(kids)
    return [kids]


def is_element(kid):
    return isinstance(kid, Dictionary) and kid.get("/Type") not in (Name.MCR, Name.OBJR)


def is_objr(kid):
    return isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR


class Tagging:
    """The structure tree of one PDF, and the repairs listed in the module docstring."""

    def __init__(self, pdf, link_titles, words):
        self.pdf = pdf
        self.titles = link_titles
        self.words = words
        self.root = pdf.Root.StructTreeRoot
        self.document = kids_of(self.root)[0]
        self.pages = {page.obj.objgen: page for page in pdf.pages}
        self.page_keys = {
            page.obj.objgen: int(page.obj.StructParents)
            for page in pdf.pages
            if "/StructParents" in page.obj
        }
        self.annotation_page = {}
        for page in pdf.pages:
            for annotation in page.obj.get("/Annots") or []:
                self.annotation_page[annotation.objgen] = page.obj
        self.nums = self.read_parent_tree()
        self.parent = {}  # element objgen -> parent element
        self.outer_link = {}  # element objgen -> the outermost Link around it
        self.kinds = {}  # element objgen -> structure type
        self.reachable = {}  # objgen -> element, in tree order
        self.walk(self.root, None)

    # Reading

    def read_parent_tree(self):
        entries, stack = {}, [self.root.get("/ParentTree")]
        while stack:
            node = stack.pop()
            if node is None:
                continue
            nums = node.get("/Nums") or []
            for index in range(0, len(nums), 2):
                entries[int(nums[index])] = nums[index + 1]
            stack.extend(node.get("/Kids") or [])
        return entries

    def walk(self, node, parent, outer_link=None):
        for kid in kids_of(node):
            if is_element(kid) and kid.objgen not in self.reachable:
                self.reachable[kid.objgen] = kid
                self.parent[kid.objgen] = parent
                self.outer_link[kid.objgen] = outer_link
                kind = self.kinds[kid.objgen] = str(kid.get("/S", ""))[1:]
                self.walk(kid, kid, outer_link or (kid if kind == "Link" else None))

    def kind(self, element):
        # Reading /S through pikepdf costs far more than a dict look-up.
        known = self.kinds.get(element.objgen)
        return known if known is not None else str(element.get("/S", ""))[1:]

    def retag(self, element, kind):
        element.S = Name("/" + kind)
        self.kinds[element.objgen] = kind

    def page_key(self, element, kid=None):
        page = kid.get("/Pg") if isinstance(kid, Dictionary) else None
        page = page if page is not None else element.get("/Pg")
        return self.page_keys.get(page.objgen) if page is not None else None

    def set_mcid_owner(self, element, kid, owner):
        key = self.page_key(element, kid)
        mcid = int(kid) if isinstance(kid, int) else int(kid.MCID)
        if key is not None and isinstance(self.nums.get(key), Array):
            self.nums[key][mcid] = owner

    def link_ancestor(self, element):
        """The outermost Link around ``element`` (not counting itself), or None.

        Folding inner links away keeps it true: their content stays inside the same
        outermost link.
        """
        return self.outer_link.get(element.objgen)

    def new_key(self):
        return max(self.nums, default=-1) + 1

    def new_element(self, kind, parent, page, kids=(), **extra):
        element = self.pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name("/" + kind), P=parent, K=Array(list(kids)))
        )
        if page is not None:
            element.Pg = page
        for key, value in extra.items():
            element[Name("/" + key)] = value
        self.reachable[element.objgen] = element
        self.parent[element.objgen] = parent
        self.kinds[element.objgen] = kind
        self.outer_link[element.objgen] = self.outer_link.get(parent.objgen) or (
            parent if self.kind(parent) == "Link" else None
        )
        return element

    # Repairs

    def run(self):
        self.fold_nested_links()
        self.wrap_list_bodies()
        self.tag_attachments()
        self.tag_margin_links()
        self.describe_links()
        self.mark_furniture_as_artifacts()
        self.write_parent_tree()

    def fold_nested_links(self):
        for element in list(self.reachable.values()):
            outer = self.link_ancestor(element)
            objrs = [kid for kid in kids_of(element) if is_objr(kid)]
            if outer is None:
                if objrs and self.kind(element) != "Link" and self.holds_links(objrs):
                    self.retag(element, "Link")
                continue
            kept = [kid for kid in kids_of(element) if not is_objr(kid)]
            for objr in objrs:
                self.give_annotation(outer, objr)
            if self.kind(element) != "Link":
                element.K = Array(kept)
                continue
            # Put the inner link's content where the link was.
            parent = self.parent[element.objgen]
            siblings = kids_of(parent)
            index = next(
                i
                for i, kid in enumerate(siblings)
                if is_element(kid) and kid.objgen == element.objgen
            )
            for kid in kept:
                if is_element(kid):
                    kid.P = parent
                    self.parent[kid.objgen] = parent
                else:
                    self.set_mcid_owner(element, kid, parent)
            parent.K = Array(siblings[:index] + kept + siblings[index + 1 :])
            del self.reachable[element.objgen]

    def holds_links(self, objrs):
        return any(objr.Obj.get("/Subtype") == Name.Link for objr in objrs)

    def give_annotation(self, outer, objr):
        """Move an inner link's annotation into ``outer``: merged if it continues it."""
        annotation = objr.Obj
        first = next((kid.Obj for kid in kids_of(outer) if is_objr(kid)), None)
        if first is not None and self.continues(first, annotation):
            a, b = [float(v) for v in first.Rect], [float(v) for v in annotation.Rect]
            first.Rect = Array(
                [min(a[0], a[2], b[0], b[2]), min(a[1], a[3], b[1], b[3]),
                 max(a[0], a[2], b[0], b[2]), max(a[1], a[3], b[1], b[3])]
            )  # fmt: skip
            page = self.annotation_page.get(annotation.objgen)
            if page is not None:
                page.Annots = Array([a for a in page.Annots if a.objgen != annotation.objgen])
            self.nums.pop(int(annotation.get("/StructParent", -1)), None)
            return
        outer.K = Array([*kids_of(outer), objr])
        if "/StructParent" in annotation:
            self.nums[int(annotation.StructParent)] = outer

    def continues(self, first, other):
        """Same page, same target, and on the same line: one rectangle does for both."""
        if self.annotation_page.get(first.objgen) is not self.annotation_page.get(other.objgen):
            page_a = self.annotation_page.get(first.objgen)
            page_b = self.annotation_page.get(other.objgen)
            if page_a is None or page_b is None or page_a.objgen != page_b.objgen:
                return False
        if str(first.get("/Dest", "")) != str(other.get("/Dest", "")):
            return False
        uri = lambda annot: str((annot.get("/A") or {}).get("/URI", ""))  # noqa: E731
        if uri(first) != uri(other):
            return False
        a = sorted(float(first.Rect[i]) for i in (1, 3))
        b = sorted(float(other.Rect[i]) for i in (1, 3))
        overlap = min(a[1], b[1]) - max(a[0], b[0])
        return overlap > 0.5 * min(a[1] - a[0], b[1] - b[0])

    def wrap_list_bodies(self):
        for element in list(self.reachable.values()):
            if self.kind(element) != "LI":
                continue
            kids = kids_of(element)
            loose = [
                kid for kid in kids if not (is_element(kid) and self.kind(kid) in ("Lbl", "LBody"))
            ]
            if not loose:
                continue
            labels = [kid for kid in kids if is_element(kid) and self.kind(kid) == "Lbl"]
            bodies = [kid for kid in kids if is_element(kid) and self.kind(kid) == "LBody"]
            body = self.new_element("LBody", element, element.get("/Pg"), loose)
            for kid in loose:
                if is_element(kid):
                    kid.P = body
                    self.parent[kid.objgen] = body
                elif not is_objr(kid):
                    self.set_mcid_owner(element, kid, body)
            element.K = Array([*labels, body, *bodies])

    def tag_attachments(self):
        """Pair each page's untagged attachment links with its FileAttachment annotations."""
        candidates = {}
        for element in self.reachable.values():
            if self.kind(element) == "Link" and not any(is_objr(k) for k in kids_of(element)):
                page = element.get("/Pg")
                if page is not None:
                    candidates.setdefault(page.objgen, []).append(element)
        for page_objgen, page in self.pages.items():
            files = [
                annotation
                for annotation in page.obj.get("/Annots") or []
                if annotation.get("/Subtype") == Name.FileAttachment
            ]
            elements = candidates.get(page_objgen, [])
            if len(elements) != len(files):
                logger.warning(
                    "Page %s: %d attachment links for %d file annotations; tagging them apart.",
                    page.index + 1, len(elements), len(files),
                )  # fmt: skip
                elements = [self.new_element("Annot", self.navigation(), page.obj) for _ in files]
                self.navigation().K = Array([*kids_of(self.navigation()), *elements])
            for element, annotation in zip(elements, files, strict=True):
                self.retag(element, "Annot")
                objr = Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page.obj)
                element.K = Array([*kids_of(element), objr])
                key = self.new_key()
                annotation.StructParent = key
                self.nums[key] = element

    _navigation = None

    def navigation(self):
        """The section at the end of the tree that holds the margins' links."""
        if self._navigation is None:
            self._navigation = self.new_element(
                "Sect", self.document, None, T=pikepdf.String(self.words.navigation_tabs)
            )
            self.document.K = Array([*kids_of(self.document), self._navigation])
        return self._navigation

    def tag_margin_links(self):
        for page in self.pdf.pages:
            for annotation in page.obj.get("/Annots") or []:
                if annotation.get("/Subtype") != Name.Link:
                    continue
                key = annotation.get("/StructParent")
                owner = self.nums.get(int(key)) if key is not None else None
                if isinstance(owner, Dictionary) and owner.objgen in self.reachable:
                    continue
                title = self.title_of(annotation) or self.words.link
                objr = Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page.obj)
                link = self.new_element(
                    "Link", self.navigation(), page.obj, [objr], Alt=pikepdf.String(title)
                )
                self.navigation().K = Array([*kids_of(self.navigation()), link])
                if key is None:
                    key = self.new_key()
                    annotation.StructParent = key
                self.nums[int(key)] = link

    def title_of(self, annotation):
        dest = annotation.get("/Dest")
        if dest is not None and not isinstance(dest, Array):
            return self.titles.get(str(dest))
        return None

    def describe_links(self):
        for page in self.pdf.pages:
            for annotation in page.obj.get("/Annots") or []:
                if annotation.get("/Subtype") == Name.Link:
                    title = self.title_of(annotation)
                    if title:
                        annotation.Contents = pikepdf.String(title)

    def mark_furniture_as_artifacts(self):
        for page in self.pdf.pages:
            key = self.page_keys.get(page.obj.objgen)
            owners = self.nums.get(key) if key is not None else None
            if not isinstance(owners, Array):
                continue
            furniture = {
                mcid
                for mcid, owner in enumerate(owners)
                if isinstance(owner, Dictionary) and owner.objgen not in self.reachable
            }
            if not furniture:
                continue

            # WeasyPrint (pydyf) writes "/Span <</MCID 3>> BDC"; a byte-level edit is
            # many times faster than a full parse of every page's operators.
            def artifact(match, furniture=furniture):
                if int(match.group(1)) in furniture:
                    return b"/Artifact <</Type /Pagination>> BDC"
                return match.group(0)

            contents = page.obj.Contents
            streams = list(contents) if isinstance(contents, Array) else [contents]
            data = b"\n".join(stream.read_bytes() for stream in streams)
            page.obj.Contents = self.pdf.make_stream(MARKED_CONTENT.sub(artifact, data))
            for mcid in furniture:
                owners[mcid] = None

    def write_parent_tree(self):
        flat = []
        for key in sorted(self.nums):
            flat += [key, self.nums[key]]
        self.root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=Array(flat)))
        self.root.ParentTreeNextKey = self.new_key()


def finish_form_fields(pdf):
    """Give every checkbox an /Off and a /Yes appearance, /DA and /MK (see the docstring).

    With every appearance present, ``NeedAppearances`` goes: poppler honours it by
    redrawing checkboxes from ``/MK`` and loses the tick; the others keep ours.
    """
    acroform = pdf.Root.get("/AcroForm")
    if acroform is None:
        return
    acroform.NeedAppearances = False
    # /DA must name a font of the form's resources; WeasyPrint shares them with the
    # pages, so an embedded font of the document is named rather than a new one
    # (ZapfDingbats would be an unembedded font on every page).
    fonts = (acroform.get("/DR") or {}).get("/Font") or {}
    font = next(iter(fonts.keys()), None)
    for field in acroform.get("/Fields") or []:
        if field.get("/FT") != Name.Btn or "/Kids" in field or "/Ff" in field:
            continue  # radio groups and push buttons have flags or kids; checkboxes none
        rect = [float(v) for v in field.Rect]
        width, height = abs(rect[2] - rect[0]), abs(rect[3] - rect[1])
        ticked = field.get("/AS") not in (None, Name.Off)
        field.AP = Dictionary(
            N=Dictionary(
                Yes=checkbox_appearance(pdf, width, height, tick=True),
                Off=checkbox_appearance(pdf, width, height, tick=False),
            )
        )
        field.AS = Name.Yes if ticked else Name.Off
        field.V = field.AS
        r, g, b = BOX_COLOUR
        field.DA = pikepdf.String(f"{font} 0 Tf {r} {g} {b} rg" if font else f"{r} {g} {b} rg")
        field.MK = Dictionary(BC=Array(list(BOX_COLOUR)))


def checkbox_appearance(pdf, width, height, tick):
    r, g, b = BOX_COLOUR
    inset = BOX_LINE / 2
    ops = [f"{r} {g} {b} RG {BOX_LINE} w"]
    ops.append(f"{inset:.2f} {inset:.2f} {width - BOX_LINE:.2f} {height - BOX_LINE:.2f} re S")
    if tick:
        ops.append(f"{r} {g} {b} RG {max(width / 7, 1.2):.2f} w 1 J 1 j")
        ops.append(
            f"{width * 0.22:.2f} {height * 0.52:.2f} m {width * 0.42:.2f} {height * 0.28:.2f} l "
            f"{width * 0.8:.2f} {height * 0.76:.2f} l S"
        )
    stream = pdf.make_stream(
        " ".join(ops).encode(),
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array([0, 0, width, height]),
        Resources=Dictionary(),
    )
    return stream
