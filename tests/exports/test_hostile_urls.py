"""A PDF of content written around the editor links to nothing but http(s), mailto and itself.

The pages are saved from the ORM (as the shell, an import or a restore would): rich
text with scripts, frames and ``javascript:``/``data:``/``file:`` links, and the same
URLs in URL fields and blocks. The PDF's link annotations, read back with pypdf,
point at none of them, and the words of those links are still printed.
"""

import io

import pytest
from pypdf import PdfReader

from exports.content import collect_playbook
from exports.html import build_document
from exports.pdf import render_pdf
from tests import factories
from tests.exports.pdf_reading import links, page_texts
from tests.exports.playbook_builder import publish

pytestmark = pytest.mark.django_db

JS, DATA, FILE = "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/x"
HOSTILE_HTML = (
    "<p>Words stay.<script>alert('script')</script>"
    '<img src="x" onerror="alert(1)"><iframe src="https://evil.example/"></iframe>'
    f'<a href="{JS}">js words</a> <a href="{DATA}">data words</a> '
    f'<a href="{FILE}">file words</a> <a href="https://ok.example/">ok words</a></p>'
)


def save_from_the_shell(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save(clean=False)  # no form validation, as from the shell or an import
    return page


@pytest.fixture
def hostile_pdf(home):
    playbook = publish(factories.PlaybookPageFactory(parent=home, slug="pb", title="Hostile"))
    challenge = publish(factories.ChallengePageFactory(parent=playbook, slug="c", title="Ch"))
    tools = factories.ToolIndexPageFactory(parent=playbook, slug="tools")
    tool = publish(factories.ToolPageFactory(parent=tools, slug="t", title="The tool"))
    resources = factories.ResourceIndexPageFactory(parent=playbook, slug="resources")
    resource = publish(
        factories.ExternalResourcePageFactory(parent=resources, slug="r", title="The resource")
    )
    challenge.solutions.create(page=tool, sort_order=0)
    challenge.solutions.create(page=resource, sort_order=1)
    publish(challenge)

    save_from_the_shell(
        playbook,
        intro=HOSTILE_HTML,
        video_url=JS,
        background=[
            ("paragraph", HOSTILE_HTML),
            (
                "quote",
                {"quote": "Q.", "attribution": "Ann", "source": "Quote source", "source_url": FILE},
            ),
            ("embed", {"url": JS, "caption": "Embed caption"}),
            ("embed", {"url": DATA, "caption": ""}),
        ],
    )
    save_from_the_shell(challenge, why_it_matters=HOSTILE_HTML)
    save_from_the_shell(
        tool,
        external_url=DATA,
        introduction=HOSTILE_HTML,
        how_to=[("step", {"title": "S", "instructions": HOSTILE_HTML, "duration": "", "tip": ""})],
    )
    save_from_the_shell(resource, url=FILE, why_read=HOSTILE_HTML)

    document = build_document(collect_playbook(playbook), "a4")
    buffer = io.BytesIO()
    render_pdf(document, buffer)
    return document, PdfReader(io.BytesIO(buffer.getvalue()))


def test_no_link_annotation_has_a_refused_scheme(hostile_pdf):
    document, reader = hostile_pdf
    uris = [link.uri for link in links(reader) if link.uri]
    assert uris, "the PDF should still have its external links"
    for uri in uris:
        assert not uri.lower().startswith(("javascript:", "data:", "file:")), uri
    assert "https://ok.example/" in uris
    for needle in ("javascript:", "data:", "file:", "<script", "<iframe", "onerror"):
        assert needle not in document.html, needle


def test_the_words_of_refused_links_are_still_printed(hostile_pdf):
    _, reader = hostile_pdf
    text = " ".join(page_texts(reader))
    for words in ("Words stay.", "js words", "data words", "file words", "Quote source"):
        assert words in text, words
    assert "Embed caption" in text
