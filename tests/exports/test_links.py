"""Links that work: every absolute URL starts at PUBLIC_BASE_URL (or FRONTEND_URL for
reading online), and with production settings an export refuses to print a link to a
local address, saying why in the export record and the admin.
"""

import io
from urllib.parse import urlsplit

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from pypdf import PdfReader

from cms.addresses import is_local_host
from exports import personal
from exports.errors import ExportError
from exports.models import PlaybookExport
from exports.services import export_playbook
from tests import factories
from tests.exports.pdf_reading import links
from tests.exports.playbook_builder import docx_template, publish

pytestmark = pytest.mark.django_db

CMS = "https://cms.example.org"
READER = "https://www.example.org"


@pytest.fixture
def linked(home):
    """A playbook whose PDF links to a download, pages online and an external resource."""
    guide = docx_template("Field guide")
    playbook = factories.PlaybookPageFactory(parent=home, slug="linked", title="Linked")
    playbook.intro = (
        f'<p>Read <a linktype="document" id="{guide.pk}">the field guide</a> and '
        f'<a linktype="page" id="{home.pk}">the hub</a>.</p>'
    )
    publish(playbook)
    tools = factories.ToolIndexPageFactory(parent=playbook, slug="tools")
    tool = publish(factories.ToolPageFactory(parent=tools, slug="t", title="The tool"))
    resources = factories.ResourceIndexPageFactory(parent=playbook, slug="resources")
    resource = publish(
        factories.ExternalResourcePageFactory(
            parent=resources, slug="r", title="A report", url="https://research.example/report"
        )
    )
    challenge = factories.ChallengePageFactory(parent=playbook, slug="only", title="Only one")
    challenge.solutions.create(page=tool, sort_order=0)
    challenge.solutions.create(page=resource, sort_order=1)
    publish(challenge)
    return playbook


def production_like(settings, base=CMS, reader=READER):
    settings.PLAYBOOK_PDF_REFUSE_LOCAL_LINKS = True
    settings.PUBLIC_BASE_URL = base
    settings.FRONTEND_URL = reader


def uris_of(data):
    return [link.uri for link in links(PdfReader(io.BytesIO(data))) if link.uri]


def test_no_pdf_links_to_a_local_or_unsafe_address_under_production_settings(linked, settings):
    production_like(settings)
    export = export_playbook(linked, "a4")
    whole = default_storage.open(export.file_name, "rb").read()
    mine = personal.request_personal_pdf(linked, ["only"], "letter")
    selection = default_storage.open(mine.file_name, "rb").read()

    for data in (whole, selection):
        uris = uris_of(data)
        for uri in uris:
            parts = urlsplit(uri)
            assert parts.scheme in ("https", "mailto"), uri
            assert parts.scheme == "mailto" or not is_local_host(parts.hostname), uri
        # Downloads on the CMS's public address, pages on the reader's, not on the
        # Site record's host (localhost in tests).
        assert any(uri.startswith(f"{CMS}/documents/") for uri in uris), uris
        assert any(uri.startswith(f"{READER}/") for uri in uris), uris
        assert "https://research.example/report" in uris


def test_a_local_address_fails_the_export_and_the_admin_says_why(
    linked, settings, client, django_user_model
):
    production_like(settings, base="http://localhost:8000", reader="http://localhost:8000")
    with pytest.raises(ExportError):
        export_playbook(linked, "a4")
    export = PlaybookExport.objects.get(playbook=linked, paper="a4")
    assert export.status == PlaybookExport.Status.FAILED and not export.file_name
    assert "http://localhost:8000/" in export.error and "PUBLIC_BASE_URL" in export.error

    client.force_login(django_user_model.objects.create_superuser("ed", "e@example.org", "pw"))
    page = client.get(reverse("exports_admin:status", args=[linked.pk])).content.decode()
    assert "The last export failed" in page and "PUBLIC_BASE_URL" in page


def test_the_api_hands_out_urls_on_the_public_address_whatever_the_request_host(
    linked, settings, client
):
    settings.PUBLIC_BASE_URL = CMS
    status = client.get("/api/v1/playbooks/linked/pdf/status/", HTTP_HOST="127.0.0.1").json()
    assert status["exports"]["a4"]["url"] == f"{CMS}/api/v1/playbooks/linked/pdf/?paper=a4"
    pending = client.get("/api/v1/playbooks/linked/pdf/?challenges=only", HTTP_HOST="127.0.0.1")
    # The immediate backend renders at once; the status URL is on the public address.
    key = personal.PersonalExport.objects.get().key
    assert pending.status_code == 200
    answer = client.get(f"/api/v1/playbooks/linked/pdf/personal/{key}/").json()
    assert answer["status_url"].startswith(f"{CMS}/api/v1/playbooks/linked/pdf/personal/")
    assert answer["url"] == f"{CMS}/api/v1/playbooks/linked/pdf/?challenges=only&paper=a4"


@pytest.mark.parametrize(
    "host, local",
    [
        ("localhost", True),
        ("app.localhost", True),
        ("127.0.0.1", True),
        ("[::1]", True),
        ("0.0.0.0", True),  # noqa: S104 - a host to classify, nothing binds
        ("cms", True),
        ("cms.example.org", False),
        ("10.0.0.5", False),
    ],
)
def test_what_counts_as_a_local_host(host, local):
    assert is_local_host(host) is local
