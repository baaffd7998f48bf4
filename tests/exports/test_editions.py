"""The two editions from one template set: screen (tabs, fields, links) and print (URLs,
QR codes, "p. N", no fields), chosen in the API, the admin and ``export_playbook``.

One small playbook (a challenge, a tool with a checklist and a template), each
edition rendered once per test.
"""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from exports.content import collect_playbook
from exports.html import build_document
from exports.models import PlaybookExport
from exports.services import export_playbook
from tests import factories
from tests.exports.playbook_builder import docx_template, how_to, publish

pytestmark = pytest.mark.django_db

URL = "/api/v1/playbooks/eds/pdf/"


@pytest.fixture
def eds(home):
    playbook = publish(factories.PlaybookPageFactory(parent=home, slug="eds", title="Editions"))
    tools = factories.ToolIndexPageFactory(parent=playbook, slug="tools")
    tool = factories.ToolPageFactory(
        parent=tools, slug="canvas", title="Team canvas", how_to=how_to("Team canvas", 1)
    )
    tool.templates.create(document=docx_template("Team canvas"), description="Fill it in.")
    publish(tool)
    challenge = factories.ChallengePageFactory(parent=playbook, slug="ch", title="The challenge")
    challenge.solutions.create(page=tool, sort_order=0)
    publish(challenge)
    return playbook


def read(export):
    data = default_storage.open(export.file_name, "rb").read()
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_the_screen_edition_has_fields_attachments_and_no_page_references(eds):
    reader, text = read(export_playbook(eds, "a4"))
    assert reader.get_fields(), "checklist boxes are fillable on screen"
    assert list(reader.attachments) == ["Team canvas template.docx"]
    assert "(p. " not in text
    assert "embedded in this PDF" in text


def test_the_print_edition_has_urls_qr_codes_page_references_and_no_fields(client, eds, settings):
    settings.PUBLIC_BASE_URL = "https://cms.example.org"
    settings.FRONTEND_URL = "https://www.example.org"
    call_command("export_playbook", "eds", "--edition", "print", stdout=io.StringIO())
    export = PlaybookExport.objects.get(playbook=eds, edition="print")
    reader, text = read(export)
    assert not reader.get_fields() and not reader.attachments
    assert "(p. " in text  # "Team canvas (p. N)" under the challenge's solutions
    flat = text.replace("\n", "")
    assert "https://cms.example.org/documents/" in flat  # the template's address
    assert "https://www.example.org/" in flat  # the online playbook
    # A QR code beside each template and the online playbook's address.
    html = build_document(collect_playbook(eds), "a4", edition="print").html
    assert html.count('<img class="qr') == 2
    assert html.count("data:image/svg+xml") == 2
    assert 'class="paper-a4 edition-print' in html  # print.css hides the tabs

    # The API serves that stored print PDF; the screen one is another file.
    response = client.get(URL + "?edition=print")
    assert response.status_code == 200
    served = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert len(served.pages) == len(reader.pages)
    assert response["Content-Disposition"].endswith('eds-a4-print.pdf"')
    assert PlaybookExport.objects.get(playbook=eds, edition="print").renders == 1


@pytest.mark.parametrize("query", ["?edition=paper", "?edition=", "?edition=print&edition=screen"])
def test_an_unknown_edition_is_400_naming_the_parameter(client, eds, query):
    response = client.get(URL + query)
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "edition"
    status = client.get(URL + "status/?edition=nope")
    assert status.status_code == 400


def test_the_admin_lists_and_regenerates_each_edition(client, eds, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "e@example.org", "pw"))
    page = client.get(reverse("exports_admin:status", args=[eds.pk])).content.decode()
    regenerate = reverse("exports_admin:regenerate", args=[eds.pk, "letter"]) + "?edition=print"
    assert "A4, Print" in page and regenerate in page
    client.post(regenerate)
    export = PlaybookExport.objects.get(playbook=eds)
    assert (export.edition, export.paper, export.status) == ("print", "letter", "ready")
    download = client.get(
        reverse("exports_admin:download", args=[eds.pk, "letter"]) + "?edition=print"
    )
    assert download["Content-Disposition"].endswith('eds-letter-print.pdf"')
