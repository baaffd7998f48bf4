"""``GET /api/v1/playbooks/{slug}/pdf/`` and its status: 202 then 200, caching, errors."""

import io

import pytest
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from pypdf import PdfReader
from wagtail.models import PageViewRestriction

from exports.models import PlaybookExport
from exports.services import export_playbook
from tests import factories
from tests.exports.playbook_builder import publish


def pdf_url(slug="small", **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"/api/v1/playbooks/{slug}/pdf/" + (f"?{query}" if query else "")


def test_conditional_requests_answer_304(client, small):
    export_playbook(small[0], "a4")
    response = client.get(pdf_url())
    assert response.status_code == 200
    etag, modified = response["ETag"], response["Last-Modified"]
    assert client.get(pdf_url(), HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(pdf_url(), HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(pdf_url(), HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_letter_and_inline(client, small):
    export_playbook(small[0], "letter")
    response = client.get(pdf_url(paper="letter", disposition="inline"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="small-letter.pdf"'
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert round(float(reader.pages[0].mediabox.width)) == 612


def test_with_the_immediate_backend_the_first_request_gets_the_pdf(client, small):
    response = client.get(pdf_url())
    assert response.status_code == 200
    assert PlaybookExport.objects.get(playbook=small[0]).renders == 1


def test_a_failed_export_without_any_pdf_is_503_without_the_reason(client, small):
    playbook = small[0]
    PlaybookExport.objects.create(
        playbook=playbook,
        paper="a4",
        status=PlaybookExport.Status.FAILED,
        error="The image “Secret internal name” (id 3) could not be read",
        finished_at=timezone.now(),
    )
    response = client.get(pdf_url())
    assert response.status_code == 503
    assert response.json()["export"]["status"] == "failed"
    assert "Secret internal name" not in response.content.decode()


def test_a_failed_export_keeps_serving_the_previous_pdf(client, small):
    export = export_playbook(small[0], "a4")
    PlaybookExport.objects.filter(pk=export.pk).update(status="failed", error="broken")
    response = client.get(pdf_url())
    assert response.status_code == 200
    assert response["X-PDF-Status"] == "failed"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("paper=a3", "paper"),
        ("paper=", "paper"),
        ("disposition=download", "disposition"),
        ("format=json", "format"),
        ("paper=a4&paper=letter", "paper"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(client, small, query, parameter):
    response = client.get(pdf_url() + "?" + query)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors and errors[0]["parameter"] == parameter and errors[0]["message"]


def test_status_rejects_parameters(client, small):
    response = client.get(pdf_url() + "status/?paper=a4")
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "paper"


def test_unknown_unpublished_private_and_other_site_playbooks_are_404(client, small, home):
    playbook = small[0]
    assert client.get(pdf_url("nope")).status_code == 404
    assert client.get(pdf_url("nope") + "status/").json()["errors"][0]["parameter"] == "slug"

    draft = factories.PlaybookPageFactory(parent=home, slug="draft-book", live=False)
    assert client.get(pdf_url(draft.slug)).status_code == 404

    export_playbook(playbook, "a4")
    PageViewRestriction.objects.create(
        page=playbook, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert client.get(pdf_url()).status_code == 404
    assert client.get(pdf_url() + "status/").status_code == 404


@pytest.mark.parametrize("suffix", ["", "status/"])
def test_slugs_are_checked_and_every_error_is_json(client, small, suffix):
    # A unicode slug is well formed (Wagtail can make them): a JSON 404, as documented,
    # never the site's HTML "Not Found" page; a malformed slug is a 400 naming it.
    response = client.get(pdf_url("caf%C3%A9") + suffix)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"][0]["parameter"] == "slug"
    response = client.get(pdf_url("bad.slug") + suffix)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "letters, digits" in response.json()["errors"][0]["message"]


def test_a_playbook_of_another_site_is_not_found_here(client, home, settings):
    from wagtail.models import Page, Site

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "other.example"]
    other_home = factories.HomePageFactory(parent=Page.get_first_root_node(), slug="other")
    Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    publish(factories.PlaybookPageFactory(parent=other_home, slug="elsewhere"))
    assert client.get(pdf_url("elsewhere")).status_code == 404
    # On its own site it is found (and, with the immediate backend, made at once).
    assert client.get(pdf_url("elsewhere"), HTTP_HOST="other.example").status_code == 200


def test_endpoints_are_in_the_openapi_schema(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    pdf = schema["paths"]["/api/v1/playbooks/{slug}/pdf/"]["get"]
    assert "application/pdf" in pdf["responses"]["200"]["content"]
    assert {"200", "202", "400", "404"} <= set(pdf["responses"])
    for code in ("202", "400", "404", "503"):
        assert list(pdf["responses"][code]["content"]) == ["application/json"], code
    parameters = {p["name"]: p for p in pdf["parameters"]}
    assert parameters["paper"]["schema"]["enum"] == ["a4", "letter"]
    assert parameters["slug"]["schema"]["pattern"] == r"^[-\w]+$"
    status = schema["paths"]["/api/v1/playbooks/{slug}/pdf/status/"]["get"]
    assert "200" in status["responses"]
    assert list(status["responses"]["404"]["content"]) == ["application/json"]


def test_with_the_immediate_backend_publishes_wait_for_the_next_download(
    client, small, django_capture_on_commit_callbacks
):
    playbook, _, tool, _ = small
    export_playbook(playbook, "a4")
    for number in range(3):
        tool.title = f"Renamed {number}"
        with django_capture_on_commit_callbacks(execute=True):
            publish(tool)
    export = PlaybookExport.objects.get(playbook=playbook)
    assert export.renders == 1 and export.status == "pending"  # no render per publish

    response = client.get(pdf_url())
    assert response.status_code == 200
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages
    )
    assert "Renamed 2" in text
    assert PlaybookExport.objects.get(pk=export.pk).renders == 2
