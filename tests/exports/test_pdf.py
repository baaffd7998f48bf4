"""The exported PDF of a realistic playbook, read back with pypdf as a reader's viewer would."""

import datetime
import re

import pytest

from tests.exports.pdf_reading import (
    destinations,
    file_annotations,
    links,
    outline_tree,
    page_texts,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def texts(exported):
    return page_texts(exported.reader)


@pytest.fixture(scope="module")
def dests(exported):
    return destinations(exported.reader)


@pytest.fixture(scope="module")
def all_links(exported):
    return links(exported.reader)


def test_page_count_matches_the_record_and_the_structure(exported, dests):
    pages = len(exported.reader.pages)
    assert pages == exported.page_count
    # Cover, contents, how to use, background, challenge overview, then every
    # challenge and the tools part start a page; tools, case studies and the back
    # matter flow (print.css).
    assert pages >= 5 + len(exported.challenges) + 1
    challenge_pages = [dests[c.anchor] for c in exported.challenges]
    assert len(set(challenge_pages)) == len(challenge_pages)


def test_outline_has_the_parts_and_their_sections_on_the_right_pages(exported, dests, texts):
    tree = outline_tree(exported.reader)
    assert [title for title, _, _ in tree] == [
        "Contents",
        "How to use this playbook",
        "Background",
        "Challenges",
        "Tools",
        "Case studies",
        "Resources",
        "Alliance publications",
    ]
    parts = {title: children for title, _, children in tree}
    assert [title for title, _, _ in parts["Challenges"]] == [
        f"{number}. {c.title}" for number, c in enumerate(exported.challenges, start=1)
    ]
    assert [title for title, _, _ in parts["Tools"]] == [t.title for t in exported.tools]
    assert [title for title, _, _ in parts["Case studies"]] == [
        c.title for c in exported.case_studies
    ]
    for (_, page, _), challenge in zip(parts["Challenges"], exported.challenges, strict=True):
        assert page == dests[challenge.anchor]
        assert challenge.title in texts[page]
    for (title, page, _), tool in zip(parts["Tools"], exported.tools, strict=True):
        assert page == dests[tool.anchor]
        assert title in texts[page]


def test_every_toc_entry_shows_the_page_its_link_leads_to(exported, dests, texts, all_links):
    contents_page = dests["contents"]
    entries = []  # (dest, printed number) in reading order
    toc_links = sorted(
        (link for link in all_links if link.page == contents_page and link.top > 100),
        key=lambda link: (-link.top, link.left),
    )
    seen = set()
    for link in toc_links:
        if link.dest not in seen:
            seen.add(link.dest)
            entries.append(link.dest)
    printed = [
        int(match.group(1))
        # The leader is a dotted border, not text: the page number ends the line.
        for match in re.finditer(r"^(?!.*Page \d+ of \d+).*\S (\d+)$", texts[contents_page], re.M)
    ]
    # Seven parts (the contents page does not list itself) and their sections.
    expected_entries = 7 + len(exported.challenges) + len(exported.tools)
    expected_entries += len(exported.case_studies) + len(exported.resources) + 1
    assert len(entries) == expected_entries
    assert printed == [dests[dest] + 1 for dest in entries]


def test_challenges_link_to_their_solutions_and_solutions_link_back(exported, dests, all_links):
    tool_anchors = {t.pk: t.anchor for t in exported.tools}
    for challenge in exported.challenges:
        first = dests[challenge.anchor]
        following = [p for p in sorted(set(dests.values())) if p > first]
        last = following[0] if following else len(exported.reader.pages)
        on_challenge = {link.dest for link in all_links if first <= link.page < last}
        for pk in challenge.solutions:
            if pk in tool_anchors:
                assert tool_anchors[pk] in on_challenge
                tool_page = dests[tool_anchors[pk]]
                # The tool's "helps with" line leads back to this challenge (the
                # navigation strip also does; count only links above the footer).
                back = [
                    link
                    for link in all_links
                    if link.page == tool_page and link.dest == challenge.anchor and link.top > 100
                ]
                assert back, f"{tool_anchors[pk]} does not link back to {challenge.anchor}"


def test_every_page_after_the_cover_has_the_navigation_strip(exported, all_links):
    anchors = {c.anchor for c in exported.challenges}
    for page in range(1, len(exported.reader.pages)):
        in_footer = {link.dest for link in all_links if link.page == page and link.top < 100}
        assert anchors <= in_footer, f"page {page + 1} lacks challenge tabs"
        assert "contents" in in_footer


def test_running_header_and_page_x_of_y(exported, texts):
    total = len(exported.reader.pages)
    for number in range(2, total + 1):
        assert f"Page {number} of {total}" in texts[number - 1]
    tool_page = texts[[i for i, t in enumerate(texts) if exported.tools[1].title in t][1]]
    assert "TOOLS" in tool_page.upper()


def test_external_links_are_clickable(exported, all_links):
    uris = {link.uri for link in all_links if link.uri}
    for resource in exported.resources:
        assert resource.url in uris
    assert "mailto:learning@example.org" in uris


def test_templates_are_embedded_with_their_bytes(exported, dests):
    listed = exported.reader.attachments
    assert set(listed) == set(exported.templates)
    for name, data in exported.templates.items():
        assert listed[name] == [data]
    clickable = file_annotations(exported.reader)
    assert {name for _, name, _ in clickable} == set(exported.templates)
    starts = sorted(dests[tool.anchor] for tool in exported.tools)
    for page, name, data in clickable:
        assert data == exported.templates[name]
        # On its tool's pages: from where the tool starts to where the next one does.
        start = dests[exported.template_tools[name]]
        end = next((later for later in starts if later > start), len(exported.reader.pages))
        assert start <= page <= end


def test_metadata_language_and_tags(exported):
    reader = exported.reader
    meta = reader.metadata
    assert meta.title == exported.title
    assert meta.author == exported.publisher
    assert meta.subject == exported.subtitle
    assert "Supportive leadership" in meta["/Keywords"]
    created = meta.creation_date
    assert abs(created - datetime.datetime.now(datetime.UTC)) < datetime.timedelta(hours=1)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"  # the playbook's locale
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root


def test_checklists_and_notes_are_fillable(exported):
    fields = exported.reader.get_fields()
    checkboxes = [name for name, field in fields.items() if field.get("/FT") == "/Btn"]
    notes = [name for name, field in fields.items() if field.get("/FT") == "/Tx"]
    assert len(checkboxes) == 3 * len(exported.tools)
    assert len(notes) == len(exported.challenges)


def test_text_contains_every_challenge_and_tool(texts, exported):
    text = "\n".join(texts)
    for title in [c.title for c in exported.challenges] + [t.title for t in exported.tools]:
        assert title in text
    assert exported.publication.title in text


def test_drafts_private_expired_and_foreign_pages_never_appear(texts, exported, dests, all_links):
    text = "\n".join(texts)
    assert exported.secret not in text
    for title in exported.hidden_titles:
        assert title not in text
    for pk in exported.hidden_pks:
        assert not any(name.endswith(f"-{pk}") for name in dests)
        assert not any(link.uri and f"/{pk}" in link.uri for link in all_links)
    # The rich-text link to the private tool keeps its words but leads nowhere.
    assert "private guide" in text
    assert not any(link.uri and "private" in link.uri for link in all_links)


def test_every_glyph_comes_from_the_fonts_the_stylesheet_names(exported):
    """A character missing from these fonts would fall back to a slow system-wide search."""
    fonts = set()
    for page in exported.reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    assert fonts
    assert all(name.startswith(("Noto-Sans", "Noto-Serif", "DejaVu-Sans")) for name in fonts), fonts
