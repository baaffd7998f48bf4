"""The PDF's pages are well filled and its page furniture is whole, in every edition and
paper (issue 15, item 6).

Measured with poppler's word boxes (``tests/exports/page_fill.py``): every page but the
document's last is at least a quarter full, no page carries a single line, the cover
shows the title once, every footer tab is printed whole and lit the same way (the
tabs of the first section that begins on the page, pixels read from ``pdftoppm``).
The realistic playbook is rendered once per session per edition (``exported_papers``,
``exported_print_papers``).
"""

import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from exports.content import collect_playbook
from exports.html import build_document
from tests import factories
from tests.exports.page_fill import footer_words, page_fill, single_line, underfilled
from tests.exports.playbook_builder import picture, publish

pytestmark = pytest.mark.django_db

CASES = [(edition, paper) for edition in ("screen", "print") for paper in ("a4", "letter")]


@pytest.fixture(params=CASES, ids=lambda case: "-".join(case))
def rendered(request, exported_papers, exported_print_papers):
    edition, paper = request.param
    return (exported_papers if edition == "screen" else exported_print_papers)[paper]


def test_every_page_but_the_last_is_at_least_a_quarter_full(rendered):
    pages = page_fill(rendered.pdf)
    assert len(pages) == rendered.page_count
    assert [str(page) for page in underfilled(pages)] == [], "\n".join(map(str, pages))


def test_no_page_carries_a_single_line(rendered):
    assert [str(page) for page in single_line(page_fill(rendered.pdf))] == []


def test_the_cover_shows_the_title_once(rendered):
    cover = subprocess.run(
        ["/usr/bin/pdftotext", "-f", "1", "-l", "1", "-", "-"],
        input=rendered.pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert " ".join(cover.split()).count(rendered.title) == 1


def test_every_footer_tab_is_whole_and_inside_the_page(exported_papers):
    for facts in exported_papers.values():
        for number, (width, words) in enumerate(footer_words(facts.pdf)[1:], start=2):
            text = " ".join(word.text for word in words)
            assert "…" not in text, f"p. {number}: a tab label is cut short: {text}"
            assert text.startswith("Contents") and f"Page {number} of" in text
            # Left to right without overlapping, all of it inside the side margins.
            assert words[0].left >= 0 and words[-1].right <= width - 10, (number, text)
            for before, after in zip(words, words[1:], strict=False):
                assert before.right <= after.left + 0.5, (number, before, after)


def test_a_cover_picture_with_the_title_lettered_on_it_is_not_printed(home):
    playbook = factories.PlaybookPageFactory(parent=home, slug="lettered", title="Lettered")
    playbook.cover_image = picture("Cover")
    playbook.cover_image.description = "Teal card with “Lettered” lettered in white."
    playbook.cover_image.save()
    publish(playbook)
    html = build_document(collect_playbook(playbook), "a4").html
    assert 'class="cover-band"' in html and "cover-image" not in html


def lit_tabs(pdf):
    """Per page, the tabs of the strip drawn filled (their padding dark, not white)."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(  # noqa: S603 - poppler with fixed arguments
            ["/usr/bin/pdftoppm", "-r", "72", "-png", "-", f"{folder}/p"], input=pdf, check=True
        )
        images = [Image.open(path).convert("RGB") for path in sorted(Path(folder).glob("p-*.png"))]
    found = []
    for image, (_width, words) in zip(images, footer_words(pdf), strict=True):
        strip = words[: next((i for i, w in enumerate(words) if w.text == "Page"), len(words))]
        found.append(
            {
                word.text
                for word in strip
                if re.fullmatch(r"Contents|Tools|\d+", word.text)
                and sum(image.getpixel((int(word.left - 2.5), int(word.top + word.bottom) // 2)))
                < 3 * 170
            }
        )
    return found


def test_every_page_lights_the_tabs_of_the_first_section_that_begins_on_it(exported_papers):
    """A challenge lights its tab; a tool, the challenges it serves and "Tools"; a case
    study, the challenges it serves; the contents, "Contents". On a page where no
    section begins, the tabs of the one that goes on."""
    for facts in exported_papers.values():
        reader = facts.reader
        where = {
            str(name): (reader.get_destination_page_number(dest), -float(dest.top or 0))
            for name, dest in reader.named_destinations.items()
        }
        numbers = {c.pk: str(n) for n, c in enumerate(facts.challenges, start=1)}
        served = {
            pk: {numbers[c.pk] for c in facts.challenges if pk in c.solutions}
            for pk in [t.pk for t in facts.tools] + [c.pk for c in facts.case_studies]
        }

        starts = [(where["contents"], {"Contents"})]
        starts += [(where[a], set()) for a in ("how-to-use", "challenges", "resources")]
        starts += [(where[c.anchor], {numbers[c.pk]}) for c in facts.challenges]
        starts += [(where[t.anchor], served[t.pk] | {"Tools"}) for t in facts.tools]
        starts += [(where[f"case-study-{c.pk}"], served[c.pk]) for c in facts.case_studies]
        starts.sort(key=lambda start: start[0])
        lit = lit_tabs(facts.pdf)
        for page in range(1, len(reader.pages)):  # the cover has no strip
            beginning = [tabs for (index, _top), tabs in starts if index == page]
            before = [tabs for (index, _top), tabs in starts if index < page]
            expected = beginning[0] if beginning else before[-1]
            assert lit[page] == expected, (facts.paper, page + 1, lit[page], expected)
