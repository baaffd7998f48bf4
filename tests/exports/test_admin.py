"""The PDF in the Wagtail admin: actions, status and errors, regenerate, download, preview."""

import io

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from exports.models import PlaybookExport
from exports.services import export_playbook
from tests import factories


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return user


def test_playbook_page_has_pdf_actions_and_status(client, editor, small):
    playbook = small[0]
    export_playbook(playbook, "a4")
    page = client.get(reverse("wagtailadmin_pages:edit", args=[playbook.pk])).content.decode()
    assert "Download PDF" in page and "Regenerate PDF" in page
    assert reverse("exports_admin:download", args=[playbook.pk, "a4"]) in page
    # The PDF tab shows the status and the time of the last export.
    assert "PDF export" in page and "up to date" in page
    generated = timezone.localtime(PlaybookExport.objects.get().generated_at)
    assert f"generated {generated:%-d %B %Y} at {generated:%H:%M} UTC" in page


def test_other_pages_have_no_pdf_actions(client, editor, small):
    tool = small[2]
    page = client.get(reverse("wagtailadmin_pages:edit", args=[tool.pk])).content.decode()
    assert "Regenerate PDF" not in page


def test_status_page_shows_the_failure_reason_and_the_previous_pdf(client, editor, small):
    playbook = small[0]
    export = export_playbook(playbook, "a4")
    PlaybookExport.objects.filter(pk=export.pk).update(
        status="failed",
        error="The image “Broken” (id 9) could not be read",
        finished_at=timezone.now(),
    )
    html = client.get(reverse("exports_admin:status", args=[playbook.pk])).content.decode()
    assert "The image “Broken” (id 9) could not be read" in html
    assert "Readers still get the previous PDF" in html
    assert f"{export.page_count} pages" in html
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "PDF exports that failed" in dashboard and "“Broken”" in dashboard


def test_regenerate_renders_again_and_download_serves_the_file(client, editor, small):
    playbook = small[0]
    first = export_playbook(playbook, "a4")
    url = reverse("exports_admin:regenerate", args=[playbook.pk, "a4"])
    assert client.get(url).status_code == 405  # only POST changes anything
    response = client.post(url)
    assert response.status_code == 302
    assert PlaybookExport.objects.get(pk=first.pk).renders == 2  # forced, same content
    download = client.get(reverse("exports_admin:download", args=[playbook.pk, "a4"]))
    assert download["Content-Type"] == "application/pdf"
    assert PdfReader(io.BytesIO(b"".join(download.streaming_content))).metadata.title == "Small"


def test_admin_views_need_edit_permission(client, django_user_model, small):
    user = django_user_model.objects.create_user("reader", "r@example.org", "pw")
    client.force_login(user)
    playbook = small[0]
    response = client.get(reverse("exports_admin:status", args=[playbook.pk]))
    assert response.status_code in (302, 403)
    assert client.post(
        reverse("exports_admin:regenerate", args=[playbook.pk, "a4"])
    ).status_code in (
        302,
        403,
    )
    assert not PlaybookExport.objects.exists()


def test_pdf_preview_mode_prints_the_unsaved_draft(small, editor):
    _, _, tool, _ = small
    assert ("pdf", "As in the PDF") in tool.preview_modes
    tool.title = "Title typed but not saved"
    request = RequestFactory().get("/")
    request.user = editor
    response = tool.serve_preview(request, "pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Title typed but not saved" in text
    assert "The challenge" in text  # the navigation strip and "helps with" around it


def test_default_preview_mode_is_still_the_headless_frontend(small, editor, home):
    tool = small[2]
    request = RequestFactory().get("/")
    request.user = editor
    response = tool.serve_preview(request, "")
    assert response.status_code == 200
    assert b"content_type=playbook_pages.toolpage" in response.content
    alliance = factories.AlliancePageFactory(parent=home, slug="alliance")
    assert "pdf" not in dict(alliance.preview_modes)
