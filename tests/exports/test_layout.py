"""The PDF's pages are well filled and its page furniture is whole, in every edition and
paper (issue 15, item 6).

Measured with poppler's word boxes (``tests/exports/page_fill.py``): every page but the
document's last is at least a quarter full, no page carries a single line, the cover
shows the title once and every footer tab is printed whole. The realistic playbook is
rendered once per session per edition (``exported_papers``, ``exported_print_papers``).
"""

import subprocess

import pytest

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
