"""An editor (the Editors group, not a superuser) builds a tool and attaches it, in a browser.

The whole path a non-technical editor takes: a new tool with a main image, steps and
an uploaded template; attached to a challenge with a note and moved to the top;
previewed in the side panel (the reader's draft banner inside the panel's frame);
published; then the reader, the API and a fresh PDF show it. Also a mistake the form
now names: the same page twice among a challenge's solutions. (The go-live date in
the past is covered by tests/playbook_pages/test_editor_forms.py.) Screenshots go to
``test-artifacts/screenshots/``.
"""

import io

import pytest
import wagtail_factories
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from pypdf import PdfReader
from wagtail.models import Collection

from exports import services
from playbook_pages.models import ChallengePage, ChallengeSolution, PlaybookPage, ToolPage
from tests.browser.conftest import SCREENSHOTS, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a long editor password"  # noqa: S105 - a throwaway test account
TEMPLATE_NAME = "seasonal-learning-calendar.docx"


@pytest.fixture
def editor_tab(open_tab, live_server, django_user_model, settings):
    """The ``editor`` account of the Editors group, logged in to the admin."""
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        **settings.WAGTAIL_HEADLESS_PREVIEW,
        "CLIENT_URLS": {"default": f"{live_server.url}/preview"},
    }
    editor = django_user_model.objects.create_user("editor", "editor@example.org", PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    tab = open_tab(viewport={"width": 1400, "height": 900})
    tab.sign_in("editor", PASSWORD)
    return tab


def shot(tab, name):
    tab.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def banner_image(title):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 800), (31, 111, 139)).save(buffer, "JPEG")
    return wagtail_factories.ImageFactory(
        title=title,
        file=ImageFile(buffer, name="calendar-on-the-wall.jpg"),
        # The root collection, where the Editors group may choose images.
        collection=Collection.get_first_root_node(),
    )


def publish(page):
    publish_button = page.locator("button[name='action-publish']")
    if not publish_button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    publish_button.click()


def open_tab_named(page, name):
    page.get_by_role("tab", name=name).click()


def goto(tab, path):
    tab.page.goto(tab.url(path))
    # The admin's widgets (choosers, StreamField) answer once its scripts have run.
    tab.page.wait_for_load_state("networkidle")


def add_stream_block(page, tab_id, label):
    """Wagtail's "+" at the end of a StreamField, then the block type by its label."""
    page.locator(f"#{tab_id} button.c-sf-add-button").last.click()
    page.get_by_role("option", name=label).click()


def test_editor_builds_a_tool_attaches_it_previews_and_publishes(
    editor_tab, open_tab, reader_content, tmp_path
):
    page = editor_tab.page
    folder = reader_content.review.get_parent()
    image = banner_image("Calendar on the wall")

    # A new tool: title (with its counter), summary, a theme ticked, a main image.
    goto(editor_tab, f"/admin/pages/add/playbook_pages/toolpage/{folder.pk}/")
    page.fill("#id_title", "Seasonal learning calendar")
    expect(page.locator("#id_title-count")).to_have_text("26 of 255 characters")
    page.fill("#id_summary", "Plan learning moments around the farming seasons.")
    page.get_by_label("Measuring impact").check()
    page.get_by_role("button", name="Choose an image").click()
    page.locator(".modal a.image-choice[title$='Calendar on the wall']").click()
    expect(page.locator("#id_image")).to_have_value(str(image.pk))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot(editor_tab, "30-editor-new-tool")

    # Steps: one filled in, one left empty; autosave keeps saving.
    open_tab_named(page, "How-to guide")
    add_stream_block(page, "tab-how_to_guide", "How-to step")
    page.locator("input[name='how_to-0-value-title']").fill("Mark the seasons")
    page.locator("[data-contentpath='instructions'] [contenteditable='true']").first.fill(
        "Draw the year and mark planting, harvest and lean months."
    )
    add_stream_block(page, "tab-how_to_guide", "How-to step")
    expect(page.locator("#tab-how_to_guide").get_by_text("Instructions").first).to_be_visible()

    # A template row, and its file uploaded from the chooser: a readable title.
    page.get_by_role("button", name="Add Template").click()
    page.locator("#inline_child_templates-0").get_by_role(
        "button", name="Choose a document"
    ).click()
    modal = page.locator(".modal")
    modal.get_by_role("tab", name="Upload").click()
    upload = tmp_path / TEMPLATE_NAME
    upload.write_bytes(b"PK\x03\x04 seasonal calendar template")
    modal.locator("input[type=file]").set_input_files(str(upload))
    expect(modal.locator("input[name$='title']")).to_have_value("Seasonal learning calendar")
    shot(editor_tab, "31-editor-upload-readable-title")
    modal.get_by_role("button", name="Upload").click()
    expect(page.locator("#inline_child_templates-0")).to_contain_text("Seasonal learning calendar")
    expect(page.locator("#w-autosave-indicator")).to_have_attribute(
        "data-w-autosave-state-value", "saved"
    )
    shot(editor_tab, "32-editor-steps-and-template")

    publish(page)
    expect(page.locator(".messages")).to_contain_text("published")
    tool = ToolPage.objects.get(title="Seasonal learning calendar")
    assert tool.live and tool.image_id == image.pk
    assert [block.block_type for block in tool.how_to] == ["step"]  # the empty one dropped
    assert [t.document.title for t in tool.templates.all()] == ["Seasonal learning calendar"]

    # Attach it to the first challenge with a note, and move it to the top.
    challenge = reader_content.challenges[0]
    goto(editor_tab, f"/admin/pages/{challenge.pk}/edit/")
    open_tab_named(page, "Solutions")
    expect(page.locator("[data-playbook-solution-heading]").first).to_have_text(
        "Tool: After-action review"
    )
    page.get_by_role("button", name="Add Solution").click()
    row = page.locator("#id_solutions-FORMS > [data-inline-panel-child]").last
    row.get_by_role("button", name="Choose a page").click()
    modal = page.locator(".modal")
    modal.locator("input[name=q]").fill("Seasonal")
    modal.get_by_role("link", name="Seasonal learning calendar").click()
    row.locator("textarea[name$='-note']").fill("Start with the calendar.")
    expect(row.locator("[data-playbook-solution-heading]")).to_have_text(
        "Tool: Seasonal learning calendar"
    )
    new_row = page.locator("#" + row.get_attribute("id"))
    for _ in range(ChallengeSolution.objects.filter(challenge=challenge).count()):
        new_row.locator("[data-inline-panel-child-move-up]").first.click()
    expect(page.locator("[data-playbook-solution-heading]").first).to_have_text(
        "Tool: Seasonal learning calendar"
    )
    shot(editor_tab, "33-editor-solutions-named-and-reordered")

    # The preview panel shows the draft in the reader, marked as a draft.
    page.click("button[data-side-panel-toggle='preview']")
    preview = page.frame_locator("iframe#w-preview-iframe").frame_locator("iframe")
    expect(preview.locator("#preview-banner")).to_contain_text("Preview of a draft")
    expect(preview.locator(".card__title").first).to_have_text("Seasonal learning calendar")
    expect(preview.locator(".card__note").first).to_contain_text("Start with the calendar.")
    shot(editor_tab, "34-editor-preview-panel")

    publish(page)
    expect(page.locator(".messages")).to_contain_text("published")

    # Readers: the tool comes first among the tools, with its image; its page has it too.
    reader = open_tab()
    reader.goto(challenge.get_url())
    first_tool = reader.page.locator("#solutions-tools + ul .card").first
    expect(first_tool.locator(".card__title")).to_have_text("Seasonal learning calendar")
    expect(first_tool.locator("img.card__image")).to_be_visible()
    reader.screenshot("35-reader-challenge-with-new-tool")
    reader.goto(tool.get_url())
    expect(reader.page.locator(".figure--tool img")).to_be_visible()
    expect(reader.page.locator(".download__link")).to_contain_text("Seasonal learning calendar")
    reader.screenshot("36-reader-new-tool")

    # The API says the same.
    api = reader.page.request
    detail = api.get(reader.url(f"/api/v1/tools/{tool.slug}/")).json()
    assert detail["image"]["renditions"]["thumbnail"]["url"].startswith("/media/images/")
    solutions = api.get(reader.url(f"/api/v1/challenges/{challenge.slug}/")).json()["solutions"]
    assert solutions["tools"][0]["page"]["title"] == "Seasonal learning calendar"
    assert solutions["tools"][0]["note"] == "Start with the calendar."
    assert solutions["tools"][0]["position"] == 0

    # And a new PDF carries the tool with its picture.
    playbook = reader_content.playbook
    services.export_playbook(PlaybookPage.objects.get(pk=playbook.pk), "a4")
    response = api.get(reader.url(f"/api/v1/playbooks/{playbook.slug}/pdf/"))
    assert response.status == 200
    pdf = PdfReader(io.BytesIO(response.body()))
    pages_with_tool = [
        p for p in pdf.pages if "Seasonal learning calendar" in (p.extract_text() or "")
    ]
    assert pages_with_tool
    assert any(p.images for p in pages_with_tool)


def test_the_same_tool_twice_is_an_error_naming_it(editor_tab, reader_content):
    page = editor_tab.page
    challenge = ChallengePage.objects.get(pk=reader_content.challenges[1].pk)
    challenge.save_revision()  # the edit form shows the latest revision's solutions
    goto(editor_tab, f"/admin/pages/{challenge.pk}/edit/")
    open_tab_named(page, "Solutions")
    page.get_by_role("button", name="Add Solution").click()
    row = page.locator("#id_solutions-FORMS > [data-inline-panel-child]").last
    row.get_by_role("button", name="Choose a page").click()
    modal = page.locator(".modal")
    modal.locator("input[name=q]").fill("canvas")
    modal.get_by_role("link", name="Learning agenda canvas").click()
    publish(page)
    expect(page.locator(".messages")).to_contain_text("could not be saved")
    open_tab_named(page, "Solutions")
    error = page.locator(".error-message", has_text="already solution 1")
    expect(error).to_contain_text(
        "Tool “Learning agenda canvas” is already solution 1 of this challenge"
    )
    error.scroll_into_view_if_needed()
    shot(editor_tab, "37-editor-duplicate-solution")
    assert ChallengeSolution.objects.filter(challenge=challenge).count() == 1
