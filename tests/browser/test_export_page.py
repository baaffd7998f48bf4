"""The PDF export page as an editor sees it: buttons with words, the time, progress.

Chromium (Debian's) against the live server. The buttons are found by their
accessible names, so a button that shows only an icon fails; while an export waits or
renders the page shows a progress bar and updates by itself once the PDF is ready.
"""

import pytest
from django.utils import timezone

from exports.models import PlaybookExport
from exports.services import export_playbook
from tests.browser.conftest import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a long editor password"  # noqa: S105 - a throwaway test account
ICON_MAX_PX = 24


@pytest.fixture
def export_page(open_tab, reader_content, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    tab = open_tab(viewport={"width": 1280, "height": 900})
    tab.sign_in("editor", PASSWORD)
    tab.status_url = tab.url(f"/admin/exports/playbook/{reader_content.playbook.pk}/")
    return tab


def test_export_page_buttons_have_words_and_the_time_reads_as_a_time(export_page, reader_content):
    export = export_playbook(reader_content.playbook, "a4")
    page = export_page.page
    page.goto(export_page.status_url)

    download = page.get_by_role("link", name="Download PDF (A4)")
    regenerate = page.get_by_role("button", name="Regenerate PDF (A4)")
    expect(download).to_be_visible()
    expect(regenerate).to_be_visible()
    expect(page.get_by_role("button", name="Regenerate PDF (US Letter)")).to_be_visible()
    # No PDF in US Letter yet: nothing to download.
    expect(page.get_by_role("link", name="Download PDF (US Letter)")).to_have_count(0)
    for button in (download, regenerate):
        box = button.locator("svg").bounding_box()
        assert box["width"] <= ICON_MAX_PX and box["height"] <= ICON_MAX_PX, box
        assert button.bounding_box()["height"] < 3 * ICON_MAX_PX
    generated = timezone.localtime(export.generated_at)
    expect(page.locator("#paper-a4 ~ .pdf-export__generated")).to_have_text(
        f"Generated {generated:%-d %B %Y} at {generated:%H:%M} UTC, "
        f"{export.page_count} pages, {export.file_size / 1024:.1f} KB."
    )
    expect(page.locator("#paper-a4 ~ .pdf-export__status")).to_have_text("Up to date.")
    export_page.screenshot("40-admin-pdf-export")

    with page.expect_download() as downloaded:
        download.click()
    assert downloaded.value.suggested_filename == "playbook-a4.pdf"

    regenerate.click()
    expect(page.locator(".messages")).to_contain_text("The PDF was regenerated.")


def test_a_render_in_progress_shows_progress_and_the_page_follows_it(export_page, reader_content):
    playbook = reader_content.playbook
    export = export_playbook(playbook, "a4")
    # What the worker writes when it starts rendering.
    PlaybookExport.objects.filter(pk=export.pk).update(
        status=PlaybookExport.Status.RUNNING, started_at=timezone.now()
    )
    page = export_page.page
    page.goto(export_page.status_url)
    progress = page.get_by_role("progressbar", name="Generating the A4 PDF")
    expect(progress).to_be_visible()
    expect(page.locator("#paper-a4 ~ .pdf-export__status")).to_contain_text("Being generated")
    # Readers still get the previous PDF, and the editor can still download it.
    expect(page.get_by_role("link", name="Download PDF (A4)")).to_be_visible()
    export_page.screenshot("41-admin-pdf-export-rendering")

    page.evaluate("window.stillTheSamePage = true")
    export_playbook(playbook, "a4")  # the render finishes
    expect(progress).to_have_count(0)
    expect(page.locator("#paper-a4 ~ .pdf-export__status")).to_have_text("Up to date.")
    assert page.evaluate("window.stillTheSamePage") is True  # updated in place, no reload
    expect(page.get_by_role("button", name="Regenerate PDF (A4)")).to_be_visible()
    export_page.screenshot("42-admin-pdf-export-done")
