"""Editors preview drafts in the reader from the Wagtail admin, then publish to it."""

from urllib.parse import urlencode

import pytest
from wagtail.models import Page, PageViewRestriction

from tests.browser.conftest import SCREENSHOTS, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a long editor password"  # noqa: S105 - a throwaway test account


@pytest.fixture
def editor_tab(open_tab, live_server, django_user_model, settings):
    """A logged-in editor in the admin, with previews pointed at this server's reader."""
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        **settings.WAGTAIL_HEADLESS_PREVIEW,
        "CLIENT_URLS": {"default": f"{live_server.url}/preview"},
    }
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    tab = open_tab(viewport={"width": 1400, "height": 900})
    tab.sign_in("editor", PASSWORD)
    return tab


def reader_in_preview_panel(page):
    """The reader inside the admin's preview panel (Wagtail's frame, then the client's)."""
    return page.frame_locator("iframe#w-preview-iframe").frame_locator("iframe")


def publish(page):
    toggle = page.locator("footer [data-w-dropdown-target='toggle']").first
    publish_button = page.locator("button[name='action-publish']")
    if not publish_button.is_visible():
        toggle.click()
    publish_button.click()
    expect(page.locator(".messages")).to_contain_text("published")


def test_editor_previews_a_changed_title_in_the_reader_then_publishes_it(
    editor_tab, open_tab, reader_content
):
    page = editor_tab.page
    tool = reader_content.review
    page.goto(editor_tab.url(f"/admin/pages/{tool.pk}/edit/"))
    page.fill("#id_title", "After-action review, revised")

    # The preview panel shows the unsaved draft in the reader, marked as a draft.
    page.click("button[data-side-panel-toggle='preview']")
    preview = reader_in_preview_panel(page)
    expect(preview.locator("main h1")).to_have_text("After-action review, revised")
    expect(preview.locator("#preview-banner")).to_contain_text("Preview of a draft")
    # Same page components as the live reader: the how-to steps and the template.
    expect(preview.locator(".how-to__step")).to_have_count(2)
    expect(preview.locator(".download__link")).to_contain_text("After-action review record")
    editor_tab.screenshot("20-admin-preview-panel")

    # "Preview in new tab" opens the same draft full-size.
    with page.context.expect_page() as new_tab_info:
        page.click("a[aria-label='Preview in new tab']")
    new_tab = new_tab_info.value
    full = new_tab.frame_locator("iframe")
    expect(full.locator("main h1")).to_have_text("After-action review, revised")
    new_tab.set_viewport_size({"width": 1280, "height": 900})
    new_tab.screenshot(path=str(SCREENSHOTS / "21-reader-preview.png"), full_page=True)
    new_tab.close()

    # Readers still see the published title while the change is only a draft.
    reader = open_tab()
    reader.goto(tool.get_url())
    assert reader.heading() == "After-action review"

    publish(page)
    page_after = reader.goto("/playbook/tools/after-action-review/")
    assert reader.heading() == "After-action review, revised"
    expect(page_after.locator("#preview-banner")).to_be_hidden()
    reader.goto("/playbook/challenge-1/")
    expect(reader.page.locator(".card__title")).to_contain_text(["After-action review, revised"])


def test_editor_previews_a_page_that_does_not_exist_yet(editor_tab, open_tab, reader_content):
    page = editor_tab.page
    folder = reader_content.review.get_parent()
    page.goto(editor_tab.url(f"/admin/pages/add/playbook_pages/toolpage/{folder.pk}/"))
    page.fill("#id_title", "Quokka insight log")
    page.fill("#id_summary", "A shared log of what the team learned and who needs to know.")
    page.click("button[data-side-panel-toggle='preview']")
    preview = reader_in_preview_panel(page)
    expect(preview.locator("main h1")).to_have_text("Quokka insight log")
    expect(preview.locator(".lede")).to_have_text(
        "A shared log of what the team learned and who needs to know."
    )
    expect(preview.locator("#preview-banner")).to_contain_text("Preview of a draft")

    # Nothing was saved: readers find no such page.
    reader = open_tab()
    reader.goto("/search/?q=quokka")
    expect(reader.page.locator("#result-count")).to_contain_text("Nothing found")


def test_a_forged_preview_token_shows_why_and_no_content(reader, reader_content):
    page = reader.goto(
        f"/preview/?content_type=playbook_pages.toolpage&token=id%3D{reader_content.review.pk}%3Aforged"
    )
    assert reader.heading() == "Preview not available"
    expect(page.locator(".notice--error")).to_contain_text("not valid")
    expect(page.locator("main")).not_to_contain_text("After-action review")
    reader.goto("/preview/")
    assert reader.heading() == "Preview not available"
    expect(page.locator(".notice--error")).to_contain_text("incomplete")


def save_draft(page):
    page.click("button[name='action-save'], button:has-text('Save draft')")
    expect(page.locator(".messages")).to_contain_text("updated")


def test_saving_a_draft_ends_a_shared_preview_link(editor_tab, open_tab, reader_content):
    page = editor_tab.page
    tool = reader_content.review
    page.goto(editor_tab.url(f"/admin/pages/{tool.pk}/edit/"))
    page.fill("#id_title", "After-action review, first idea")
    page.click("button[data-side-panel-toggle='preview']")
    expect(reader_in_preview_panel(page).locator("main h1")).to_have_text(
        "After-action review, first idea"
    )
    # The reader's address in the panel, token included: what an editor might share.
    shared = page.frame_locator("iframe#w-preview-iframe").locator("iframe").get_attribute("src")
    colleague = open_tab()
    colleague.page.goto(shared)
    assert colleague.heading() == "After-action review, first idea"

    save_draft(page)
    # The editor's panel shows the saved draft, through a fresh token.
    page.click("button[data-side-panel-toggle='preview']")
    expect(reader_in_preview_panel(page).locator("main h1")).to_have_text(
        "After-action review, first idea"
    )
    # The shared link made before the save now says why it shows nothing.
    colleague.page.goto(shared)
    assert colleague.heading() == "Preview not available"
    expect(colleague.page.locator(".notice--error")).to_contain_text("saved or published again")
    expect(colleague.page.locator("main")).not_to_contain_text("first idea")
    colleague.screenshot("22-reader-preview-superseded")


def test_a_preview_link_stops_showing_the_draft_once_the_page_is_private(reader, reader_content):
    tool = Page.objects.get(pk=reader_content.review.pk).specific
    tool.title = "After-action review, for partners"
    token = tool.create_page_preview().token
    address = "/preview/?" + urlencode({"content_type": "playbook_pages.toolpage", "token": token})
    reader.goto(address)
    assert reader.heading() == "After-action review, for partners"

    PageViewRestriction.objects.create(page=tool, restriction_type=PageViewRestriction.LOGIN)
    page = reader.goto(address)
    assert reader.heading() == "Preview not available"
    expect(page.locator(".notice--error")).to_contain_text("private")
    expect(page.locator("main")).to_contain_text("Private pages are not previewed")
    expect(page.locator("main")).not_to_contain_text("for partners")
    reader.screenshot("23-reader-preview-private")
