"""The exported PDF meets PDF/UA-1 and its form fields work in every viewer.

The structure is read by ``tests.exports.pdf_structure`` (our own pikepdf checker)
and by poppler (``pdfinfo -struct-text``, ``pdftoppm``), never by the code that wrote
it. Each paper size is rendered once per test session (``exported_papers``).
"""

import io
import re
import subprocess

import pikepdf
import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML

from exports.pdf import renderer_words
from exports.pdf_accessibility import make_accessible
from tests.exports.pdf_structure import structure_problems

pytestmark = pytest.mark.django_db

PAPERS = ["a4", "letter"]
LIGATURES = re.compile("[\ufb00-\ufb06]")


@pytest.fixture(params=PAPERS)
def exported_pdf(request, exported_papers):
    return exported_papers[request.param]


def struct_text(data):
    """poppler's reading of the structure tree, with the text of each element."""
    result = subprocess.run(  # noqa: S603 - poppler with fixed arguments
        ["/usr/bin/pdfinfo", "-struct-text", "-"], input=data, capture_output=True, check=True
    )
    return result.stdout.decode()


def annotations(data, subtype):
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [
            (index, {str(k): v for k, v in annotation.items()})
            for index, page in enumerate(pdf.pages)
            for annotation in page.obj.get("/Annots") or []
            if annotation.get("/Subtype") == subtype
        ]


def test_the_structure_checker_finds_nothing_wrong(exported_pdf):
    assert structure_problems(exported_pdf.pdf) == []


def test_the_checker_catches_what_weasyprint_leaves_and_the_finisher_repairs_it():
    html = """<html lang="en"><head><title>Small</title><style>
      @page { @top-right { content: "Running header" } @bottom-left { content: element(tabs) } }
      nav { position: running(tabs) }
      .toc a::after { content: leader(".") target-counter(attr(href), page) }
    </style></head><body>
      <nav><a href="#part">Tab</a></nav>
      <ol class="toc"><li><a href="#part">Part</a></li></ol>
      <h1 id="part">Part</h1><h3>Too deep</h3>
    </body></html>"""
    raw = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    problems = " ".join(structure_problems(raw))
    assert "not reachable from the root" in problems
    assert "nested inside links" in problems
    assert "not inside the structure tree" in problems
    assert "Heading levels jump" in problems
    repaired = structure_problems(make_accessible(raw, {"part": "Part"}, renderer_words()))
    assert repaired == ["Heading levels jump: H1→H3 (1×)."]  # content, not tagging


def test_page_furniture_and_leaders_are_not_read_aloud(exported_pdf):
    text = struct_text(exported_pdf.pdf)
    assert "Page 1 of" not in text and "Page 2 of" not in text
    assert ". ." not in text
    # The tabs' links are still in the tree, apart from the text.
    assert "Navigation tabs" in text


def test_contents_has_one_link_per_entry(exported_pdf):
    links = annotations(exported_pdf.pdf, "/Link")
    contents_page = min(
        index for index, link in links if str(link.get("/Dest", "")) == "how-to-use"
    )
    on_contents = [link for index, link in links if index == contents_page]
    targets = [str(link.get("/Dest", "")) for link in on_contents]
    # Every entry once, plus the tab strip's links (Contents and the challenges).
    entries = [target for target in targets if targets.count(target) > 1]
    tabs = {"contents", "tools", *(c.anchor for c in exported_pdf.challenges)}
    assert set(entries) <= tabs, f"entries linked more than once: {set(entries) - tabs}"


def test_links_are_described_by_their_targets_title(exported_pdf):
    links = annotations(exported_pdf.pdf, "/Link")
    by_target = {}
    for _index, link in links:
        description = str(link.get("/Contents", ""))
        assert description.strip()
        if "/Dest" in link:
            assert description != str(link["/Dest"]), "a link is described by its id"
            by_target.setdefault(str(link["/Dest"]), set()).add(description)
    challenge = exported_pdf.challenges[0]
    assert by_target[challenge.anchor] == {f"Challenge 1. {challenge.title}"}
    tool = exported_pdf.tools[0]
    assert by_target[tool.anchor] == {tool.title}


def test_steps_are_numbered_lists_with_the_number_apart(exported_pdf):
    text = struct_text(exported_pdf.pdf)
    step = re.compile(
        r'Lbl \(block\)\n\s+Span \(inline\)\n\s+"1\. "\n\s+LBody \(block\)\n'
        r"(?:.*\n){0,3}?\s+H\d \(block\)\n\s+Span \(inline\)\n\s+\"Prepare the "
    )
    assert len(step.findall(text)) == len(exported_pdf.tools)
    plain = "".join(page.extract_text() for page in exported_pdf.reader.pages)
    assert "1Prepare" not in plain


def test_text_extracts_as_words_without_ligature_characters(exported_pdf):
    plain = "".join(page.extract_text() for page in exported_pdf.reader.pages)
    assert not LIGATURES.findall(plain)
    assert "field officers" in plain  # "fi" came out as U+FB01 before


def test_title_cards_are_artifacts_and_pictures_stay_figures(exported_pdf):
    with pikepdf.open(io.BytesIO(exported_pdf.pdf)) as pdf:
        alts = [
            str(obj.get("/Alt", ""))
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/Figure"
        ]
    card = exported_pdf.case_studies[0].title  # its picture only repeats the title
    assert not [alt for alt in alts if card in alt]
    assert "Case 1" in alts


def test_checkboxes_have_both_appearances_their_item_as_tooltip_and_the_drawn_box(
    exported_pdf,
):
    boxes = [
        widget for _index, widget in annotations(exported_pdf.pdf, "/Widget")
        if widget.get("/FT") == "/Btn"
    ]  # fmt: skip
    assert boxes
    three_mm = 3.2 / 25.4 * 72  # the box the print CSS draws
    for box in boxes:
        assert set(box["/AP"]["/N"].keys()) == {"/Yes", "/Off"}
        assert str(box["/DA"]).strip()
        assert str(box["/TU"]) in exported_pdf.checklist_items
        rect = [float(v) for v in box["/Rect"]]
        assert abs(abs(rect[2] - rect[0]) - three_mm) < 0.2
        assert abs(abs(rect[3] - rect[1]) - three_mm) < 0.2
    with pikepdf.open(io.BytesIO(exported_pdf.pdf)) as pdf:
        assert not bool(pdf.Root.AcroForm.get("/NeedAppearances", False))


def test_case_study_records_are_lists_not_checkboxes(exported_pdf):
    names = [
        str(widget.get("/T", "")) for _index, widget in annotations(exported_pdf.pdf, "/Widget")
    ]
    assert names and not [name for name in names if name.startswith("case-study-")]
    plain = "".join(page.extract_text() for page in exported_pdf.reader.pages)
    assert "A monthly review with field officers" in plain


def dark_pixels(data, page_number, rect, page_height):
    """Dark pixels inside ``rect`` (PDF points) of the page as pdftoppm draws it."""
    scale = 150 / 72
    x0, y0, x1, y1 = rect
    left, top = int(min(x0, x1) * scale), int((page_height - max(y0, y1)) * scale)
    width, height = int(abs(x1 - x0) * scale), int(abs(y1 - y0) * scale)
    png = subprocess.run(  # noqa: S603 - poppler with fixed arguments
        ["/usr/bin/pdftoppm", "-png", "-r", "150", "-f", str(page_number), "-l", str(page_number),
         "-x", str(left), "-y", str(top), "-W", str(width), "-H", str(height), "-"],
        input=data, capture_output=True, check=True,
    ).stdout  # fmt: skip
    image = Image.open(io.BytesIO(png)).convert("L")
    # The box's inner part: the border is there ticked or not.
    inner = image.crop((width // 4, height // 4, width * 3 // 4, height * 3 // 4))
    return sum(inner.histogram()[:128]), image


def test_a_box_ticked_with_pypdf_shows_its_tick_in_poppler(exported_papers):
    data = exported_papers["a4"].pdf
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    number, page, box = 0, None, None
    for number, page in enumerate(writer.pages, start=1):  # noqa: B007 - used after the loop
        box = next(
            (
                annotation.get_object()
                for annotation in page.get("/Annots") or []
                if annotation.get_object().get("/FT") == "/Btn"
            ),
            None,
        )
        if box is not None:
            break
    rect = [float(v) for v in box["/Rect"]]
    height = float(page.mediabox.height)
    before, image = dark_pixels(data, number, rect, height)
    assert before == 0
    # A viewer ticks a box by setting its value and appearance state.
    writer.update_page_form_field_values(page, {str(box["/T"]): "/Yes"}, auto_regenerate=False)
    ticked = io.BytesIO()
    writer.write(ticked)
    after, image = dark_pixels(ticked.getvalue(), number, rect, height)
    assert after > 0.1 * image.width * image.height / 4


def test_each_template_is_embedded_once_with_its_relationship_and_description(exported_pdf):
    with pikepdf.open(io.BytesIO(exported_pdf.pdf)) as pdf:
        specs = {}
        for page in pdf.pages:
            for annotation in page.obj.get("/Annots") or []:
                if annotation.get("/Subtype") == "/FileAttachment":
                    specs[annotation.FS.objgen] = annotation.FS
        listed = pdf.Root.Names.EmbeddedFiles.Names
        contents = [spec.EF.F.read_bytes() for spec in specs.values()]
        assert sorted(str(spec.UF) for spec in specs.values()) == sorted(exported_pdf.templates)
        assert len(set(contents)) == len(contents) == len(listed) // 2
        for spec in specs.values():
            assert spec.AFRelationship == "/Supplement"
            assert str(spec.Desc).strip() and str(spec.Desc) != str(spec.UF)
