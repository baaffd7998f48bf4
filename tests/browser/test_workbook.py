"""Working through the playbook in Chromium: marks and ticks kept, My playbook, offline.

Also the audit's layout bars: nothing shifts while a screen loads (CLS from the
browser's own PerformanceObserver) and 320 px wide screens never scroll sideways.
"""

import pytest
from pypdf import PdfReader

from content import changes
from tests.browser.conftest import DESKTOP, PHONE, TEMPLATE_BYTES, TIMEOUT_MS, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NARROW = {"width": 320, "height": 640}
QUESTIONS = [
    "When did a leader last ask what the team learned?",
    "Is there protected time for learning?",
]


@pytest.fixture
def reflective_content(reader_content):
    challenge = reader_content.challenges[0]
    challenge.reflection_questions = [("question", text) for text in QUESTIONS]
    challenge.save_revision().publish()
    return reader_content


def test_marks_and_ticks_survive_reload_and_fill_my_playbook(reader, reflective_content):
    page = reader.goto("/playbook/challenge-1/")
    page.get_by_label(QUESTIONS[1]).check()
    page.get_by_label("This challenge resonates with my team").check()
    expect(page.locator(".reflect .progress-note")).to_contain_text("1 of 2 questions ticked")

    page.get_by_role("link", name="After-action review").first.click()
    assert reader.heading() == "After-action review"
    page.get_by_label("Held within three days").check()

    page.reload()
    reader.wait_drawn()
    expect(page.get_by_label("Held within three days")).to_be_checked()
    page.go_back()
    reader.wait_drawn()
    expect(page.get_by_label(QUESTIONS[1])).to_be_checked()
    expect(page.get_by_label(QUESTIONS[0])).not_to_be_checked()
    expect(page.get_by_label("This challenge resonates with my team")).to_be_checked()
    expect(page.locator(".reflect .progress-note")).to_have_text(
        "1 of 2 questions ticked · 1 of 2 tools opened · 1 checklist items ticked"
    )

    page.get_by_role("link", name="My playbook").first.click()
    assert reader.heading() == "My playbook"
    item = page.locator(".my-list__item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("Leaders ask for results, not lessons")
    download = page.get_by_role("link", name="Download my playbook (PDF)")
    assert download.get_attribute("href").endswith(
        "/api/v1/playbooks/playbook/pdf/?challenges=challenge-1&paper=a4&edition=screen"
    )
    page.select_option("select[name=paper]", "letter")
    page.select_option("select[name=edition]", "print")
    assert download.get_attribute("href").endswith(
        "challenges=challenge-1&paper=letter&edition=print"
    )
    reader.screenshot("20-my-playbook")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear my marks and progress").click()
    expect(page.locator("main .notice")).to_contain_text("You have not marked any challenge yet")
    page.reload()
    reader.wait_drawn()
    expect(page.locator(".my-list__item")).to_have_count(0)


def test_saved_playbook_reads_offline_and_unsaved_pages_say_what_is_missing(
    reader, reflective_content
):
    page = reader.goto("/playbook/")
    # The worker controls the page once it is active; later loads go through it.
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
    page.get_by_role("button", name="Save for offline").click()
    confirm = page.locator(".offline__confirm")
    expect(confirm).to_be_visible()
    expect(page.locator(".offline__status")).to_contain_text("files, about")
    confirm.click()
    expect(page.locator(".offline__status")).to_contain_text("Saved for offline")

    page.context.set_offline(True)
    page.reload()
    reader.wait_drawn()
    assert reader.heading() == "Dynamic learning playbook"
    expect(page.locator("#offline-banner")).to_be_visible()
    page.get_by_role("link", name="Leaders ask for results, not lessons").first.click()
    assert reader.heading() == "Leaders ask for results, not lessons"
    page.get_by_role("link", name="After-action review").first.click()
    assert reader.heading() == "After-action review"
    # The template was saved with the tool: its bytes come from the device.
    href = page.locator(".download__link").first.get_attribute("href")
    saved = page.evaluate(
        "async (url) => Array.from(new Uint8Array(await (await fetch(url)).arrayBuffer()))", href
    )
    assert bytes(saved) == TEMPLATE_BYTES
    reader.screenshot("21-offline-tool")

    reader.goto("/search/?q=review")
    expect(page.locator("main")).to_contain_text("was not saved for offline reading")

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("#offline-banner")).to_be_hidden()


def _save_playbook_offline(reader):
    page = reader.goto("/playbook/")
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
    page.get_by_role("button", name="Save for offline").click()
    page.locator(".offline__confirm").click()
    expect(page.locator(".offline__status")).to_contain_text("Saved for offline")
    return page


def _reload_online_until_synced(reader):
    """Open the playbook again online: the copy follows the change feed on start."""
    page = reader.page
    page.reload()
    reader.wait_drawn()
    expect(page.locator(".offline__status")).to_contain_text("Checked for changes")


def _offline_tool_shows(reader, path):
    """What a reader offline sees at ``path``, arriving there from the tools list."""
    page = reader.page
    page.context.set_offline(True)
    page.reload()
    reader.wait_drawn()
    reader.visit(path)
    return reader.heading()


def test_a_saved_copy_follows_the_change_feed_when_back_online(reader, reflective_content):
    content = reflective_content
    page = _save_playbook_offline(reader)

    # Server-side, while the reader is away: one tool unpublished, one rewritten.
    content.canvas.unpublish()
    content.review.summary = "Rewritten: a review held within three days of the activity."
    content.review.save_revision().publish()
    changes.flush()

    _reload_online_until_synced(reader)
    expect(page.locator(".offline__status")).to_contain_text("1 removed")
    reader.screenshot("33-offline-copy-synced")

    page.context.set_offline(True)
    page.reload()
    reader.wait_drawn()
    expect(page.locator("#offline-banner")).to_be_visible()
    reader.visit("/playbook/tools/")
    expect(page.locator("main")).to_contain_text("After-action review")
    expect(page.locator("main")).not_to_contain_text("Learning agenda canvas")
    reader.visit("/playbook/challenge-2/")
    expect(page.locator("main")).not_to_contain_text("Learning agenda canvas")
    reader.visit("/playbook/tools/learning-agenda-canvas/")
    assert reader.heading() == "Not saved for offline reading"
    expect(page.locator("main")).not_to_contain_text("A one-page canvas")
    reader.screenshot("34-offline-unpublished-tool")
    reader.visit("/playbook/tools/after-action-review/")
    assert reader.heading() == "After-action review"
    expect(page.locator("main")).to_contain_text("Rewritten: a review held within three days")
    # Its template is still on the device; the unpublished tool's page is not.
    saved = page.evaluate(
        """async () => (await (await caches.open('reader-saved')).keys()).map((r) => r.url)"""
    )
    assert not any("learning-agenda-canvas" in url for url in saved), saved
    assert any(url.endswith(".docx") for url in saved), saved


def test_a_cursor_the_feed_refuses_saves_the_copy_afresh(open_tab, reflective_content):
    content = reflective_content
    reader = open_tab(viewport=PHONE, is_mobile=True, has_touch=True)
    page = _save_playbook_offline(reader)
    # As when the copy is older than the feed keeps (cursor_expired: a 400).
    page.evaluate(
        """() => {
          const key = 'playbook-reader:offline:v1';
          const all = JSON.parse(localStorage.getItem(key));
          all.playbook.cursor = '1.1';
          localStorage.setItem(key, JSON.stringify(all));
        }"""
    )
    content.canvas.unpublish()
    changes.flush()

    _reload_online_until_synced(reader)
    expect(page.locator(".offline__status")).to_contain_text("saved again")
    reader.screenshot("37-phone-offline-copy-saved-afresh")
    heading = _offline_tool_shows(reader, "/playbook/tools/learning-agenda-canvas/")
    assert heading == "Not saved for offline reading"
    reader.visit("/playbook/tools/after-action-review/")
    assert reader.heading() == "After-action review"
    stored = page.evaluate("JSON.parse(localStorage.getItem('playbook-reader:offline:v1'))")
    assert stored["playbook"]["cursor"] != "1.1"


def test_no_layout_shift_and_no_sideways_scrolling_at_320_px(open_tab, reflective_content):
    # Search among them: its header lost its search box after the first paint
    # (CLS 0.14 on a phone in Lighthouse, 0.88 with the language switcher too).
    for viewport, options in ((DESKTOP, {}), (PHONE, {"is_mobile": True, "has_touch": True})):
        tab = open_tab(viewport=viewport, **options)
        tab.page.add_init_script(
            """
            window.__cls = 0;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) {
                if (!entry.hadRecentInput) window.__cls += entry.value;
              }
            }).observe({type: "layout-shift", buffered: true});
            """
        )
        for path in ("/", "/playbook/challenge-1/", "/alliance/publications/", "/search/?q=team"):
            tab.goto(path)
            tab.page.wait_for_timeout(300)
            shift = tab.page.evaluate("window.__cls")
            # The bar is 0.1 in Lighthouse; with nothing moving a screen measures
            # below 0.01 here, and the search box leaving the header alone was 0.046.
            assert shift <= 0.02, f"{path} at {viewport['width']} px: layout shift {shift:.3f}"

    narrow = open_tab(viewport=NARROW, is_mobile=True, has_touch=True)
    for path, name in [
        ("/", "22-320-home"),
        ("/playbook/challenge-1/", "23-320-challenge"),
        ("/playbook/tools/", "24-320-tools"),
        ("/alliance/publications/", "25-320-publications"),
        ("/search/?q=" + "leadership" * 20, "26-320-long-search"),
    ]:
        narrow.goto(path)
        overflow = narrow.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320 px"
        narrow.screenshot(name)


# What a keyboard user sees on the focused element: its own outline, or (for a
# card's one link) the card's ring drawn by :focus-within.
FOCUS_RING = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "nothing is focused";
  const ring = (node) => {
    const style = getComputedStyle(node);
    return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2)
      || style.boxShadow !== "none";
  };
  const card = el.closest(".card");
  if (ring(el) || (card && ring(card))) return "";
  return `no visible focus on <${el.tagName.toLowerCase()}> ${el.textContent.trim().slice(0, 40)}`;
}
"""


def test_keyboard_only_path_through_a_challenge(reader, reflective_content):
    """Home → challenge → mark a Reflect question → tool → tick a checklist item.

    Tab moves, Enter follows links, Space ticks a checkbox (as browsers do: Enter does
    not tick one). Focus is visible at every stop on the way.
    """
    page = reader.goto("/")

    def tab_to(description: str, is_target: str):
        for _ in range(60):
            page.keyboard.press("Tab")
            problem = page.evaluate(FOCUS_RING)
            assert not problem, f"while tabbing to {description}: {problem}"
            if page.evaluate(
                f"(() => {{ const el = document.activeElement; return {is_target}; }})()"
            ):
                return
        pytest.fail(f"{description} was not reachable with Tab")

    tab_to("the first challenge", "el.classList.contains('challenge-tile')")
    page.keyboard.press("Enter")
    assert reader.heading() == "Leaders ask for results, not lessons"

    tab_to("the second Reflect question", "el.id === 'reflect-challenge-1-1'")
    page.keyboard.press("Space")
    expect(page.get_by_label(QUESTIONS[1])).to_be_checked()
    expect(page.locator(".reflect .progress-note")).to_contain_text("1 of 2 questions ticked")

    tab_to("the After-action review tool", "el.textContent.trim() === 'After-action review'")
    page.keyboard.press("Enter")
    assert reader.heading() == "After-action review"
    reader.screenshot("27-keyboard-tool")

    tab_to("the first checklist item", "el.type === 'checkbox'")
    page.keyboard.press("Space")
    expect(page.get_by_label("Held within three days")).to_be_checked()
    reader.screenshot("28-keyboard-checklist-ticked")


def _outline_titles(outline) -> list[str]:
    titles = []
    for entry in outline:
        if isinstance(entry, list):
            titles += _outline_titles(entry)
        else:
            titles.append(entry.title)
    return titles


def test_my_playbook_downloads_a_pdf_of_just_the_marked_challenges(reader, reader_content):
    page = reader.goto("/playbook/challenge-1/")
    page.get_by_label("This challenge resonates with my team").check()
    reader.visit("/playbook/challenge-3/")
    page.get_by_label("This challenge resonates with my team").check()
    reader.visit("/my-playbook/")
    expect(page.locator(".my-list__item")).to_have_count(2)

    with page.expect_download(timeout=max(TIMEOUT_MS, 120_000)) as download_info:
        page.get_by_role("link", name="Download my playbook (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read(5) == b"%PDF-"
    outline = _outline_titles(PdfReader(download.path()).outline)
    marked = [reader_content.challenges[0].title, reader_content.challenges[2].title]
    others = [reader_content.challenges[1].title, reader_content.challenges[3].title]
    for title in marked:
        assert any(title in entry for entry in outline), f"{title!r} missing from {outline}"
    for title in others:
        assert not any(title in entry for entry in outline), f"{title!r} is in {outline}"
