"""The URL fetcher reads only our static and media files and data: URLs, and says no loudly."""

import io
import logging

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from pypdf import PdfReader

from exports.content import collect_playbook
from exports.fetcher import FetchFailed, FetchRefused, StorageURLFetcher
from exports.html import build_document
from exports.pdf import render_pdf
from tests import factories
from tests.exports.playbook_builder import docx_template, publish

HOSTILE = [
    "file:///etc/passwd",
    "http://127.0.0.1:1/",
    "http://127.0.0.1:1/secret.png",
    "https://evil.example/pixel.png",
    "http://localhost/media/../../../../etc/passwd",
    "http://localhost/media/%2e%2e/%2e%2e/etc/passwd",
    "http://localhost/static/..%2f..%2fsettings.py",
    "http://localhost/admin/",
    "ftp://localhost/media/x",
]


@pytest.fixture
def fetcher(db):
    return StorageURLFetcher(hosts={"localhost", "testserver"})


@pytest.mark.parametrize("url", HOSTILE)
def test_refuses_and_logs_everything_but_our_files(fetcher, url, caplog):
    with caplog.at_level(logging.WARNING, logger="exports.fetcher"), pytest.raises(FetchRefused):
        fetcher.fetch(url)
    assert fetcher.refused == [url]
    assert "refused" in caplog.text


def test_serves_data_urls(fetcher):
    response = fetcher.fetch("data:text/plain;base64,aGVsbG8=")
    assert response.read() == b"hello"


def test_serves_static_files_through_the_finders(fetcher):
    response = fetcher.fetch("http://localhost/static/exports/print.css")
    assert b"@page" in response.read()
    assert response.content_type == "text/css"


def test_serves_media_from_storage_only_when_allowed(db):
    name = default_storage.save("exports-test/hello.txt", ContentFile(b"hello media"))
    allowed = StorageURLFetcher(allowed_media={name}, hosts={"localhost"})
    assert allowed.fetch(f"http://localhost/media/{name}").read() == b"hello media"
    other = default_storage.save("exports-test/private.txt", ContentFile(b"private"))
    with pytest.raises(FetchRefused):
        allowed.fetch(f"http://localhost/media/{other}")


def test_a_missing_media_file_is_a_failure_not_a_refusal(db):
    fetcher = StorageURLFetcher(allowed_media={"images/gone.jpg"}, hosts={"localhost"})
    with pytest.raises(FetchFailed):
        fetcher.fetch("http://localhost/media/images/gone.jpg")
    assert fetcher.failures and not fetcher.refused


def test_hostile_rich_text_embeds_and_attachments_are_left_out(home, caplog):
    """The PDF still renders, without the hostile resources, and each refusal is logged."""
    playbook = factories.PlaybookPageFactory(
        parent=home,
        slug="hostile",
        title="Hostile playbook",
        intro='<p>Intro text stays.<img src="file:///etc/passwd" alt="x">'
        '<img src="http://127.0.0.1:1/tracker.png" alt="y">'
        '<a rel="attachment" href="file:///etc/passwd" download="passwd.txt">passwd</a>'
        '<a rel="attachment" href="/media/../../../../etc/passwd">up</a></p>',
        background=[
            ("embed", {"url": "http://127.0.0.1:1/video", "caption": "A video"}),
            ("paragraph", '<p><img src="/media/%2e%2e/%2e%2e/etc/hostname" alt="z">More.</p>'),
        ],
    )
    publish(playbook)
    challenge = publish(
        factories.ChallengePageFactory(
            parent=playbook,
            slug="c1",
            title="Only challenge",
            why_it_matters='<p>Why.<link rel="attachment" href="file:///etc/passwd"></p>',
        )
    )
    tools = factories.ToolIndexPageFactory(parent=playbook, slug="tools")
    tool = factories.ToolPageFactory(parent=tools, slug="t1", title="Safe tool")
    template = docx_template("Safe tool")
    tool.templates.create(document=template)
    publish(tool)
    challenge.solutions.create(page=tool, sort_order=0)
    publish(challenge)

    document = build_document(collect_playbook(playbook), "a4")
    buffer = io.BytesIO()
    with caplog.at_level(logging.WARNING, logger="exports.fetcher"):
        result = render_pdf(document, buffer)

    # The API's sanitiser and URL policy take every hostile source out before the print
    # HTML is made (file: URLs, rel="attachment" on rich text, pictures that are no
    # rendition of ours, paths out of media): the fetcher has nothing left to refuse.
    # (A site-relative link such as /media/../../etc/passwd stays a link to this site:
    # nothing is read for it.)
    for hostile in ("file:", "etc/hostname", "tracker.png", 'rel="attachment" href="/media/..'):
        assert hostile not in document.html
    assert not [url for url in result.refused if "etc/" in url or "tracker" in url]
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Intro text stays." in text and "Safe tool" in text
    # Only the legitimate template is embedded; nothing read from /etc.
    with open("/etc/passwd", "rb") as handle:
        passwd = handle.read()
    embedded = {name: data for name, (data,) in reader.attachments.items()}
    assert list(embedded) == ["Safe tool template.docx"]
    assert all(passwd[:32] not in data for data in embedded.values())
    assert passwd[:32] not in buffer.getvalue()
