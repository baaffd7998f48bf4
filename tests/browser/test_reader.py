"""The reader in a real Chromium: what a reader sees, clicks, downloads and keeps on reload."""

import io

import pytest
import wagtail_factories
from django.core.files.images import ImageFile
from PIL import Image as PILImage

from content import changes
from tests.browser.conftest import PHONE, TEMPLATE_BYTES, TIMEOUT_MS, expect

pytestmark = [
    pytest.mark.browser,
    # live_server needs committed data; serialized_rollback restores Wagtail's root
    # page and default site that the flush after each test removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_home_challenge_tool_and_template_download(reader, reader_content):
    page = reader.goto("/")
    assert reader.heading() == "Knowledge hub"
    tiles = page.locator(".challenge-tile")
    expect(tiles).to_have_count(4)
    # Each challenge wears the colour its editor chose (#1f6f8b for the first).
    assert tiles.first.evaluate("el => getComputedStyle(el).borderTopColor") == "rgb(31, 111, 139)"
    expect(page.locator(".usage-step h3")).to_have_text(["Reflect", "Consider", "Explore", "Apply"])
    reader.screenshot("01-home")

    page.get_by_role("link", name="Leaders ask for results, not lessons").click()
    assert reader.heading() == "Leaders ask for results, not lessons"
    assert reader.path() == "/playbook/challenge-1/"
    expect(page.locator(".solution-group h3")).to_have_text(
        ["Tools (2)", "Case studies (1)", "Resources (1)", "Publications (1)"]
    )
    review_card = page.locator(".card", has_text="After-action review")
    expect(review_card.locator(".card__note")).to_contain_text("Start here.")
    reader.screenshot("02-challenge")

    review_card.get_by_role("link", name="After-action review").click()
    assert reader.heading() == "After-action review"
    assert reader.path() == "/playbook/tools/after-action-review/"
    steps = page.locator(".how-to__step")
    expect(steps).to_have_count(2)
    expect(steps.nth(0)).to_contain_text("Step 1 Book it before the activity ends")
    expect(steps.nth(1)).to_contain_text("Spend most of the time on the third question.")
    checkbox = page.get_by_label("Held within three days")
    checkbox.check()
    expect(checkbox).to_be_checked()
    template_link = page.locator(".download__link", has_text="After-action review record")
    expect(template_link).to_contain_text(f"Word document, {len(TEMPLATE_BYTES)} bytes")
    expect(page.locator(".download__description")).to_have_text("The record sheet.")
    reader.screenshot("03-tool")

    with page.expect_download() as download_info:
        template_link.click()
    download = download_info.value
    # The file's own name (storage may have added a suffix to keep names unique).
    assert download.suggested_filename == reader_content.template.filename
    assert download.suggested_filename.startswith("after-action-review-record")
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read() == TEMPLATE_BYTES

    # The browser's own back and forward buttons walk the reader's history.
    page.go_back()
    assert reader.heading() == "Leaders ask for results, not lessons"
    page.go_back()
    assert reader.heading() == "Knowledge hub"
    page.go_forward()
    assert reader.heading() == "Leaders ask for results, not lessons"


def test_search_from_the_header_survives_reload_and_leads_to_the_page(reader, reader_content):
    page = reader.goto("/")
    page.fill("#site-search-q", "canvas")
    page.keyboard.press("Enter")
    assert reader.heading() == "Search: canvas"
    assert reader.path() == "/search/?q=canvas"
    results = page.locator(".card")
    expect(results.first).to_contain_text("Learning agenda canvas")
    expect(page.locator("#result-count")).to_have_text("1 result for “canvas”")
    reader.screenshot("04-search")

    page.reload()
    assert reader.heading() == "Search: canvas"
    expect(page.locator("#search-q")).to_have_value("canvas")
    expect(results).to_have_count(1)

    page.fill("#search-q", "lender")
    page.select_option("#search-type", "case_study")
    page.get_by_role("button", name="Search", exact=True).last.click()
    expect(page.locator("#result-count")).to_have_text("1 result for “lender”")
    assert reader.path() == "/search/?q=lender&type=case_study"
    page.get_by_role("link", name="A lender changes its reviews").click()
    assert reader.heading() == "A lender changes its reviews"

    reader.goto("/search/?q=zzzqqqxxy")
    expect(page.locator("#result-count")).to_contain_text("Nothing found")
    # A typo is forgiven with a suggestion; the words found are marked in the results.
    reader.goto("/search/?q=canvs")
    page.get_by_role("link", name="Did you mean canvas?").click()
    assert reader.heading() == "Search: canvas"
    expect(page.locator(".card__title mark")).to_have_text(["canvas"])
    # One search box on the search screen.
    expect(page.locator("#site-search-q")).to_be_hidden()


def test_publications_filter_by_theme_and_year_in_the_url(reader, reader_content):
    page = reader.goto("/alliance/publications/")
    cards = page.locator(".card__title")
    expect(cards).to_have_count(4)
    # Newest first.
    expect(cards.first).to_have_text("Alliance theory of change")

    # Filters apply as they change; each choice says how many items it leaves.
    expect(page.locator("#filter-theme option[value='measuring-impact']")).to_have_text(
        "Measuring impact (2)"
    )
    page.select_option("#filter-theme", "measuring-impact")
    expect(page.locator("#result-count")).to_have_text("2 items match these filters")
    assert reader.path() == "/alliance/publications/?theme=measuring-impact"
    expect(cards).to_have_text(["Measuring recycling impact", "The Metrics Cafe"])

    page.select_option("#filter-year", "2017")
    expect(page.locator("#result-count")).to_have_text("1 item matches these filters")
    assert reader.path() == "/alliance/publications/?theme=measuring-impact&year=2017"
    expect(cards).to_have_text(["Measuring recycling impact"])
    reader.screenshot("05-publications-filtered")

    page.reload()
    reader.wait_drawn()
    expect(cards).to_have_text(["Measuring recycling impact"])
    expect(page.locator("#filter-theme")).to_have_value("measuring-impact")
    expect(page.locator("#filter-year")).to_have_value("2017")

    page.go_back()
    expect(page.locator("#result-count")).to_have_text("2 items match these filters")
    page.get_by_role("link", name="Clear filters").click()
    expect(page.locator("#result-count")).to_have_text("4 items")
    assert reader.path() == "/alliance/publications/"


def test_a_filter_the_api_refuses_is_explained_not_a_crash(reader, reader_content):
    page = reader.goto("/alliance/publications/?year=nineteen")
    alert = page.locator(".notice--error")
    expect(alert).to_contain_text("These filters cannot be applied")
    expect(alert).to_contain_text("Year: this choice cannot be used")
    page.get_by_role("link", name="Show the whole list").click()
    expect(page.locator("#result-count")).to_have_text("4 items")


def test_a_filter_naming_nothing_is_explained_not_a_missing_page(reader, reader_content):
    # The API answers 400 for a theme since deleted and 404 for a page past the last,
    # each naming the parameter: the folder page is there, the filter is what is wrong.
    page = reader.goto("/alliance/publications/?theme=no-such-theme")
    alert = page.locator(".notice--error")
    expect(alert).to_contain_text("These filters cannot be applied")
    expect(alert).to_contain_text("Theme: this choice cannot be used")
    page = reader.goto("/alliance/publications/?page=99")
    expect(page.locator(".notice--error")).to_contain_text("That page of the list does not exist")


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/playbook/", "Dynamic learning playbook"),
        ("/playbook/challenge-2/", "It is not safe to say what went wrong"),
        ("/playbook/tools/after-action-review/", "After-action review"),
        ("/playbook/tools/", "Tools"),
        ("/playbook/case-studies/lender-reviews/", "A lender changes its reviews"),
        ("/playbook/resources/learning-organisation/", "Is yours a learning org?"),
        ("/alliance/", "Impact alliance"),
        ("/alliance/measuring-impact-lab/", "Measuring impact lab"),
        ("/alliance/publications/metrics-cafe/", "The Metrics Cafe"),
        ("/alliance/summit-2016/", "Co-design summit 2016"),
    ],
)
def test_deep_link_and_reload_land_on_the_same_screen(reader, reader_content, path, heading):
    page = reader.goto(path)
    assert reader.heading() == heading
    page.reload()
    assert reader.heading() == heading
    assert reader.path() == path
    assert page.title() == f"{heading} · Playbook reader"


def test_alliance_lists_labs_publications_and_summits(reader, reader_content):
    page = reader.goto("/alliance/")
    labs = page.locator("section", has=page.get_by_role("heading", name="Learning labs"))
    expect(labs.locator(".card__title")).to_have_text(["Measuring impact lab"])
    summits = page.locator("section", has=page.get_by_role("heading", name="Summits and meetings"))
    expect(summits.locator(".card__title")).to_have_text(["Co-design summit 2016"])
    page.get_by_role("link", name="Browse all 4 publications").click()
    assert reader.heading() == "Publications"
    reader.goto("/alliance/")
    reader.screenshot("06-alliance")


# Whether a reader can see a link by scrolling the page (as a thumb does), not by
# finding a box inside it that scrolls on its own: the page is scrolled until the
# link is a third of the way down the screen, and what is drawn at its centre must
# be the link itself (not clipped away by an overflowing panel, nor covered).
REACHABLE_BY_SCROLLING = """
(name) => {
  const link = [...document.querySelectorAll('.site-menu__panel a')]
    .find((a) => a.textContent.trim() === name);
  if (!link) return `no link "${name}" in the menu`;
  const top = link.getBoundingClientRect().top + window.scrollY;
  window.scrollTo(0, top - innerHeight / 3);
  const box = link.getBoundingClientRect();
  const x = box.left + Math.min(box.width / 2, 20);
  const hit = document.elementFromPoint(x, box.top + box.height / 2);
  return hit && hit.closest('a') === link ? '' : `"${name}" is in the menu but not on screen`;
}
"""


@pytest.mark.parametrize(
    "viewport",
    [{"width": 320, "height": 640}, PHONE, {"width": 1280, "height": 900}],
    ids=["320px", "390px", "1280px"],
)
def test_browse_menu_reaches_every_section_on_a_narrow_phone_and_a_desktop(
    open_tab, reader_content, viewport
):
    narrow = viewport["width"] < 600
    tab = open_tab(viewport=viewport, is_mobile=narrow, has_touch=narrow)
    page = tab.goto("/")
    page.get_by_text("Browse", exact=True).click()
    expect(page.locator(".site-menu__groups")).to_be_visible()
    tab.screenshot(f"29-browse-menu-{viewport['width']}")
    names = [challenge.title for challenge in reader_content.challenges] + [
        "Tools",
        "Case studies",
        "Resources",
        reader_content.alliance.title,
        reader_content.lab.title,
        "Publications",
        reader_content.summit.title,
        "My playbook",
    ]
    problems = [
        problem for name in names if (problem := page.evaluate(REACHABLE_BY_SCROLLING, name))
    ]
    assert not problems, f"at {viewport['width']} px: {problems}"
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the open menu scrolls sideways by {overflow}px"

    page.locator(".site-menu__panel").get_by_role("link", name=reader_content.summit.title).click()
    assert tab.heading() == reader_content.summit.title
    expect(page.locator(".site-menu__groups")).to_be_hidden()


def test_unpublished_and_unknown_pages_say_not_found(reader, reader_content):
    reader_content.canvas.unpublish()
    page = reader.goto("/playbook/tools/learning-agenda-canvas/")
    assert reader.heading() == "Page not found"
    expect(page.locator("main")).not_to_contain_text("A one-page canvas")
    reader.goto("/no/such/page/")
    assert reader.heading() == "Page not found"
    reader.screenshot("07-not-found")


def test_unreachable_api_shows_a_clear_message_and_a_retry(open_tab, reader_content, settings):
    # Nothing listens on port 1: the browser's requests are refused, as when the API is down.
    settings.READER_API_URL = "http://127.0.0.1:1"
    tab = open_tab()
    page = tab.goto("/playbook/challenge-1/")
    assert tab.heading() == "The content service cannot be reached"
    expect(page.locator(".notice--error")).to_contain_text("could not be reached")
    tab.screenshot("08-api-unreachable")
    page.get_by_role("button", name="Try again").click()
    assert tab.heading() == "The content service cannot be reached"

    settings.READER_API_URL = ""
    page.reload()
    assert tab.heading() == "Leaders ask for results, not lessons"


def test_phone_layout_has_no_sideways_scrolling(open_tab, reader_content):
    tab = open_tab(viewport=PHONE, is_mobile=True, has_touch=True)
    for path, name in [
        ("/", "09-phone-home"),
        ("/playbook/challenge-1/", "10-phone-challenge"),
        ("/playbook/tools/after-action-review/", "11-phone-tool"),
        ("/alliance/publications/", "12-phone-publications"),
    ]:
        tab.goto(path)
        overflow = tab.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
        tab.screenshot(name)
    # The header search stays usable on a phone.
    tab.page.fill("#site-search-q", "canvas")
    tab.page.keyboard.press("Enter")
    assert tab.heading() == "Search: canvas"


def test_keyboard_skip_link_focus_and_navigation(reader, reader_content):
    page = reader.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert reader.path() == "/"  # not sent to the asset folder by <base href>

    # Tab on to the first challenge and open it with the keyboard alone.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('challenge-tile')"):
            break
    else:
        pytest.fail("no challenge tile was reachable with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused link shows no focus outline"
    page.keyboard.press("Enter")
    assert reader.heading() == "Leaders ask for results, not lessons"
    # Focus moves to the new screen's heading, so screen readers start there.
    assert page.evaluate("document.activeElement.tagName") == "H1"
    landmarks = page.evaluate(
        "['header', 'nav', 'main', 'footer'].map(t => document.querySelectorAll(t).length > 0)"
    )
    assert all(landmarks)


def test_pdf_button_downloads_the_generated_pdf(reader, reader_content):
    page = reader.goto("/playbook/")
    with page.expect_download(timeout=max(TIMEOUT_MS, 90_000)) as download_info:
        page.get_by_role("button", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_pdf_button_says_when_the_pdf_is_still_being_generated(reader, reader_content, settings):
    # A queue without a worker: the export waits, as it does right after a publish.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}
    }
    page = reader.goto("/playbook/")
    page.get_by_role("button", name="Download PDF").click()
    status = page.locator(".pdf__status")
    expect(status).to_contain_text("The PDF is being generated")
    expect(status.get_by_role("button", name="Try again")).to_be_visible()
    reader.screenshot("13-pdf-pending")


@pytest.fixture
def tool_with_photo(reader_content):
    """The review tool with a wide photo: medium (800 px) and large (1600 px) alike."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (2000, 1000), (31, 111, 139)).save(buffer, "JPEG")
    photo = wagtail_factories.ImageFactory(
        title="A team around a flip chart", file=ImageFile(buffer, name="flip-chart.jpg")
    )
    tool = reader_content.review
    tool.image = photo
    tool.save_revision().publish()
    changes.flush()
    return tool


def _images_fetched_on_the_tool_page(tab, tool):
    """(renditions of the tool's photo that the browser fetched, the API's renditions)."""
    fetched = []
    tab.page.on(
        "request", lambda request: request.resource_type == "image" and fetched.append(request.url)
    )
    tab.goto(f"/playbook/tools/{tool.slug}/")
    photo = tab.page.locator(".figure--tool img")
    expect(photo).to_have_js_property("complete", True)
    assert tab.page.evaluate("(img) => img.naturalWidth", photo.element_handle()) > 0
    renditions = tab.page.evaluate(
        "async (slug) => (await (await fetch(`/api/v1/tools/${slug}/`)).json()).image.renditions",
        tool.slug,
    )
    names = {
        tab.url(r["url"]) if r["url"].startswith("/") else r["url"]: name
        for name, r in renditions.items()
    }
    return sorted({names[url] for url in fetched if url in names})


@pytest.mark.parametrize("how", ["header", "browser"])
def test_save_data_fetches_only_the_small_rendition(open_tab, tool_with_photo, how):
    """``Save-Data: on`` from a proxy or a browser without the JavaScript hint (the
    server marks the shell), or the browser's own data saver (the client hint and
    the header, as Chromium's Lite mode sends them): the photo is the medium
    rendition, never the large one a 1280 px screen would otherwise get."""
    if how == "header":
        tab = open_tab(extra_http_headers={"Save-Data": "on"})
    else:
        tab = open_tab()
        cdp = tab.page.context.new_cdp_session(tab.page)
        cdp.send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})
    assert _images_fetched_on_the_tool_page(tab, tool_with_photo) == ["medium"]
    tab.screenshot(f"32-save-data-{how}-tool")


def test_without_save_data_a_wide_screen_gets_the_large_rendition(open_tab, tool_with_photo):
    tab = open_tab()
    assert _images_fetched_on_the_tool_page(tab, tool_with_photo) == ["large"]
