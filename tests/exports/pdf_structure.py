"""An independent PDF/UA-1 structure checker, written for the tests with pikepdf.

``structure_problems(data)`` reads a PDF's bytes and returns a list of sentences, one
per broken rule (empty: the rules hold). It shares no code with the export (neither
WeasyPrint nor ``exports.pdf_accessibility``), so a bug there cannot hide itself here.
The rules, from ISO 14289-1 (PDF/UA-1) and the Matterhorn protocol:

* the catalog says Marked, has /Lang, shows the title, and the metadata claims PDF/UA-1;
* every structure type is standard or role-mapped to a standard one;
* every parent-tree entry points at an element reachable from the StructTreeRoot;
* every annotation (links, files, form fields) has a /StructParent whose element is
  reachable and holds an OBJR to it: Link annotations in Link, widgets in Form,
  others in Annot; pages with annotations use the structure tab order;
* no Link inside a Link; list items hold only Lbl and LBody;
* all text on a page is either tagged (an MCID its element claims) or an Artifact;
* headings start at H1, never go more than one level deeper than the one before,
  and never hold another heading;
* every Figure has alternate text.
"""

import io
from collections import Counter

import pikepdf

STANDARD_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI",
    "Index", "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6",
    "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot",
    "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby",
    "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
}  # fmt: skip
TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}


def name(value):
    return str(value)[1:] if value is not None else None


class Structure:
    """The structure tree walked once: reachable elements, their types and kids."""

    def __init__(self, pdf):
        self.pdf = pdf
        root = pdf.Root.get("/StructTreeRoot")
        self.root = root
        self.role_map = (
            {name(k): name(v) for k, v in (root.get("/RoleMap") or {}).items()}
            if root is not None
            else {}
        )
        self.elements = {}  # objgen -> element
        self.parent_of = {}  # objgen -> parent objgen (None at the top)
        self.order = []  # objgens in reading (tree) order
        self.mcids = {}  # (page objgen, mcid) -> element objgen
        self.objrs = {}  # annotation objgen -> element objgen
        if root is not None:
            self._walk(root.get("/K"), None, None)

    def kind(self, element):
        kind = name(element.get("/S"))
        return self.role_map.get(kind, kind)

    def _walk(self, kids, parent, page):
        if kids is None:
            return
        if not isinstance(kids, pikepdf.Array):
            kids = [kids]
        for kid in kids:
            if isinstance(kid, int):
                if parent is not None and page is not None:
                    self.mcids[(page, int(kid))] = parent
                continue
            if not isinstance(kid, pikepdf.Dictionary):
                continue
            kid_type = name(kid.get("/Type"))
            if kid_type == "MCR":
                owner_page = kid.get("/Pg")
                key = owner_page.objgen if owner_page is not None else page
                self.mcids[(key, int(kid.MCID))] = parent
            elif kid_type == "OBJR":
                self.objrs[kid.Obj.objgen] = parent
            elif kid.objgen not in self.elements:
                self.elements[kid.objgen] = kid
                self.parent_of[kid.objgen] = parent
                self.order.append(kid.objgen)
                element_page = kid.get("/Pg")
                self._walk(
                    kid.get("/K"),
                    kid.objgen,
                    element_page.objgen if element_page is not None else page,
                )

    def ancestors(self, objgen):
        parent = self.parent_of.get(objgen)
        while parent is not None:
            yield self.elements[parent]
            parent = self.parent_of.get(parent)


def parent_tree(root):
    """The ParentTree number tree as {key: value}, following /Kids."""
    entries = {}
    stack = [root.get("/ParentTree")]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        nums = node.get("/Nums")
        if nums is not None:
            for index in range(0, len(nums), 2):
                entries[int(nums[index])] = nums[index + 1]
        stack.extend(node.get("/Kids") or [])
    return entries


def check_catalog(pdf, problems):
    root = pdf.Root
    if not str(root.get("/Lang") or "").strip():
        problems.append("The catalog has no /Lang.")
    mark_info = root.get("/MarkInfo") or {}
    if not bool(mark_info.get("/Marked", False)):
        problems.append("The catalog's /MarkInfo does not say /Marked true.")
    preferences = root.get("/ViewerPreferences") or {}
    if not bool(preferences.get("/DisplayDocTitle", False)):
        problems.append("The viewer is not told to show the document title.")
    with pdf.open_metadata() as meta:
        if str(meta.get("pdfuaid:part", "")) != "1":
            problems.append("The XMP metadata does not claim PDF/UA-1 (pdfuaid:part).")
        if not str(meta.get("dc:title", "")).strip():
            problems.append("The XMP metadata has no dc:title.")


def check_types(structure, problems):
    unknown = Counter()
    for element in structure.elements.values():
        if structure.kind(element) not in STANDARD_TYPES:
            unknown[name(element.get("/S"))] += 1
    for kind, count in unknown.items():
        problems.append(f"Structure type /{kind} ({count}×) is neither standard nor role-mapped.")


def check_parent_tree(structure, problems):
    unreachable = 0
    for value in parent_tree(structure.root).values():
        targets = value if isinstance(value, pikepdf.Array) else [value]
        for target in targets:
            if isinstance(target, pikepdf.Dictionary) and target.objgen not in structure.elements:
                unreachable += 1
    if unreachable:
        problems.append(
            f"{unreachable} parent-tree entries point at elements not reachable from the root."
        )


def check_annotations(pdf, structure, problems):
    entries = parent_tree(structure.root)
    expected = {"Link": "Link", "Widget": "Form"}
    untagged, wrong, tabs = Counter(), Counter(), 0
    for page in pdf.pages:
        annotations = page.obj.get("/Annots") or []
        if annotations and name(page.obj.get("/Tabs")) != "S":
            tabs += 1
        for annotation in annotations:
            subtype = name(annotation.get("/Subtype"))
            if subtype == "Popup":
                continue
            key = annotation.get("/StructParent")
            element = entries.get(int(key)) if key is not None else None
            holder = structure.objrs.get(annotation.objgen)
            if (
                element is None
                or not isinstance(element, pikepdf.Dictionary)
                or element.objgen not in structure.elements
                or holder != element.objgen
            ):
                untagged[subtype] += 1
                continue
            if structure.kind(element) != expected.get(subtype, "Annot"):
                wrong[(subtype, structure.kind(element))] += 1
    for subtype, count in untagged.items():
        problems.append(f"{count} /{subtype} annotations are not inside the structure tree.")
    for (subtype, kind), count in wrong.items():
        problems.append(f"{count} /{subtype} annotations are tagged /{kind}.")
    if tabs:
        problems.append(f"{tabs} pages with annotations do not use the structure tab order.")


def check_nesting(structure, problems):
    nested = bad_items = 0
    for objgen in structure.order:
        element = structure.elements[objgen]
        kind = structure.kind(element)
        if kind == "Link" and any(
            structure.kind(ancestor) == "Link" for ancestor in structure.ancestors(objgen)
        ):
            nested += 1
        parent = structure.parent_of.get(objgen)
        in_item = parent is not None and structure.kind(structure.elements[parent]) == "LI"
        if in_item and kind not in ("Lbl", "LBody"):
            bad_items += 1
    if nested:
        problems.append(f"{nested} links are nested inside links.")
    if bad_items:
        problems.append(f"{bad_items} list-item children are neither Lbl nor LBody.")


def check_headings(structure, problems):
    def is_heading(kind):
        return len(kind) == 2 and kind[0] == "H" and kind[1].isdigit()

    previous, jumps, nested = 0, [], 0
    for objgen in structure.order:
        kind = structure.kind(structure.elements[objgen])
        if is_heading(kind):
            parent = structure.parent_of.get(objgen)
            while parent is not None:
                if is_heading(structure.kind(structure.elements[parent])):
                    nested += 1
                    break
                parent = structure.parent_of.get(parent)
            level = int(kind[1])
            if level > previous + 1:
                jumps.append(f"H{previous}→H{level}" if previous else f"starts at H{level}")
            previous = level
    if nested:
        problems.append(f"{nested} headings sit inside other headings.")
    if jumps:
        summary = ", ".join(f"{jump} ({count}×)" for jump, count in Counter(jumps).items())
        problems.append(f"Heading levels jump: {summary}.")


def check_figures(structure, problems):
    missing = sum(
        1
        for element in structure.elements.values()
        if structure.kind(element) == "Figure" and not str(element.get("/Alt") or "").strip()
    )
    if missing:
        problems.append(f"{missing} figures have no alternate text.")


def check_content(pdf, structure, problems):
    untagged_text = orphan_mcids = 0
    for page in pdf.pages:
        key = page.obj.objgen
        stack = []  # per open marked-content sequence: "artifact", "tagged" or "other"
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                tag = name(operands[0])
                props = operands[1] if op == "BDC" and len(operands) > 1 else None
                if tag == "Artifact":
                    stack.append("artifact")
                elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    if (key, int(props.MCID)) not in structure.mcids:
                        orphan_mcids += 1
                    stack.append("tagged")
                else:
                    stack.append("other")
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op in TEXT_OPERATORS and not ({"artifact", "tagged"} & set(stack)):
                untagged_text += 1
    if untagged_text:
        problems.append(f"{untagged_text} text runs are neither tagged nor artifacts.")
    if orphan_mcids:
        problems.append(
            f"{orphan_mcids} marked-content sequences belong to no element of the tree "
            "(page furniture must be an Artifact)."
        )


def structure_problems(data: bytes) -> list[str]:
    """Every broken rule of the module docstring, as a sentence; [] when all hold."""
    problems = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        check_catalog(pdf, problems)
        structure = Structure(pdf)
        if structure.root is None:
            return [*problems, "The PDF has no structure tree."]
        check_types(structure, problems)
        check_parent_tree(structure, problems)
        check_annotations(pdf, structure, problems)
        check_nesting(structure, problems)
        check_headings(structure, problems)
        check_figures(structure, problems)
        check_content(pdf, structure, problems)
    return problems
