"""Real-browser fixtures: Debian's Chromium, driven by Playwright, against ``live_server``.

Contract: tests marked ``browser`` get ``reader`` (a page in a fresh browser context
with helpers that wait for the app to finish drawing) and ``reader_content`` (a
small but complete site built with the factories). Chromium is Debian's package
(``WITH_BROWSER=1 scripts/install_system_deps.sh``), never Playwright's download.
When it is missing the tests are skipped with the reason, unless
``REQUIRE_BROWSER=1`` (CI), where a missing browser is a failure. A JavaScript
error in the page, or a script or style the page's Content-Security-Policy blocks,
fails the test that caused it. Screenshots go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connections
from wagtail.documents.models import Document

from playbook_pages.models import ChallengeSolution, ToolTemplate
from tests import factories
from tests.conftest import DB_BLOCKER

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Long enough for a cold first request on a slow CI machine; the app answers in ms.
TIMEOUT_MS = 20_000

try:
    from playwright.sync_api import expect
except ImportError:  # reported by the ``browser`` fixture, with how to install it
    expect = None
else:
    expect.set_options(timeout=TIMEOUT_MS)

TEMPLATE_BYTES = b"PK\x03\x04 after-action review record: what was planned, what happened"


def _missing_browser(reason: str):
    message = f"Browser tests need {reason}. Install: WITH_BROWSER=1 scripts/install_system_deps.sh"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(message + " (REQUIRE_BROWSER=1: a missing browser fails the run)")
    print(f"\nSKIPPING browser tests: {message}", file=sys.stderr)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser(request, django_db_setup, django_db_blocker):
    request.config.stash[DB_BLOCKER] = django_db_blocker
    if not Path(CHROMIUM).exists():
        _missing_browser(f"Debian's chromium at {CHROMIUM}")
    if expect is None:
        _missing_browser("the playwright Python package (pip install -e '.[dev]')")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django would refuse
    # ORM calls from test code beside it. The ORM calls are ordinary sync code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # With Playwright's loop running, Django looks connections up per async context,
    # not per thread, and would open new ones that lack what the test database set-up
    # left on the old ones (the serialized contents that restore Wagtail's root page
    # after a flush). Keep using the connections the database was set up on.
    set_up_connections = {alias: connections[alias] for alias in connections}
    playwright = sync_playwright().start()
    for alias, connection in set_up_connections.items():
        connections[alias] = connection
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class Reader:
    """A browser tab on the reader with waits that match how the app draws."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", self._on_console)
        page.set_default_timeout(TIMEOUT_MS)

    def _on_console(self, message):
        # The shell's Content-Security-Policy must never block the reader's own code.
        if message.type == "error" and "Content Security Policy" in message.text:
            self.errors.append(message.text)

    def url(self, path: str) -> str:
        return self.base_url + path

    def goto(self, path: str):
        self.page.goto(self.url(path))
        self.wait_drawn()
        return self.page

    def visit(self, path: str):
        """Go to ``path`` inside the app, as a followed link does: no page load."""
        self.page.evaluate(
            "(path) => { history.pushState({}, '', path);"
            " dispatchEvent(new PopStateEvent('popstate', {state: {}})); }",
            path,
        )
        self.wait_drawn()
        return self.page

    def wait_drawn(self):
        """Until the current screen is drawn: a heading and no request in flight."""
        self.page.wait_for_selector("main:not([aria-busy]) h1")

    def heading(self) -> str:
        self.wait_drawn()
        return self.page.inner_text("main h1")

    def path(self) -> str:
        return self.page.evaluate("location.pathname + location.search")

    def sign_in(self, username: str, password: str):
        """Log in to the Wagtail admin in this tab, as an editor would."""
        self.page.goto(self.url("/admin/login/"))
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_url("**/admin/")
        return self

    def screenshot(self, name: str):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


OTHER_HOSTS = re.compile(r"^https?://(?!127\.0\.0\.1[:/]|localhost[:/])")


@pytest.fixture
def open_tab(browser, live_server, transactional_db):
    """Opens reader tabs in fresh browser contexts, and closes them all afterwards.

    Depending on ``transactional_db`` makes the tabs close before the database is
    flushed, so no request of theirs is still holding a table then.
    """
    tabs = []

    def open_(viewport=DESKTOP, **context_options):
        context = browser.new_context(viewport=viewport, accept_downloads=True, **context_options)
        # Nothing leaves this machine: avatars and the like from other hosts are refused.
        context.route(OTHER_HOSTS, lambda route: route.abort())
        tab = Reader(context.new_page(), live_server.url)
        tabs.append(tab)
        return tab

    yield open_
    for tab in tabs:
        tab.page.context.close()
    errors = [error for tab in tabs for error in tab.errors]
    assert not errors, f"JavaScript errors in the reader: {errors}"


@pytest.fixture
def reader(open_tab):
    return open_tab()


def _how_to_use():
    steps = [
        ("Reflect", "Read the challenges and note where your team stalls."),
        ("Consider", "Weigh the solutions that fit your size and culture."),
        ("Explore", "Open the tools, case studies and resources."),
        ("Apply", "Try one tool with one team within a month."),
    ]
    return [("step", {"title": title, "description": text}) for title, text in steps]


@pytest.fixture
def reader_content(home):
    """A playbook with four challenges and their solutions, and an alliance with publications."""
    playbook = factories.PlaybookPageFactory(
        parent=home,
        slug="playbook",
        title="Dynamic learning playbook",
        subtitle="Intentional learning practices",
        how_to_use=_how_to_use(),
    )
    elements = [
        ("Supportive leadership", "leadership", "#1f6f8b", "Leaders ask for results, not lessons"),
        ("Learning culture", "culture", "#b5482a", "It is not safe to say what went wrong"),
        ("Defined learning structures", "structure", "#4f7a28", "Learning happens by chance"),
        ("Intuitive knowledge processes", "process", "#6a4c93", "Insights are never used"),
    ]
    challenges = [
        factories.ChallengePageFactory(
            parent=playbook,
            slug=f"challenge-{index}",
            title=title,
            element_name=element,
            icon=icon,
            colour=colour,
            challenge_statement=f"{title}: a statement readers recognise.",
        )
        for index, (element, icon, colour, title) in enumerate(elements, start=1)
    ]
    tools_folder = factories.ToolIndexPageFactory(parent=playbook, slug="tools")
    review = factories.ToolPageFactory(
        parent=tools_folder,
        slug="after-action-review",
        title="After-action review",
        summary="A structured conversation straight after an activity.",
        time_needed="45 minutes",
        how_to=[
            (
                "step",
                {
                    "title": "Book it before the activity ends",
                    "instructions": "<p>Put the review in diaries <b>early</b>.</p>",
                    "duration": "5 minutes",
                    "tip": "",
                },
            ),
            (
                "step",
                {
                    "title": "Work through the four questions",
                    "instructions": "<p>What did we plan? What happened? Why? What next?</p>",
                    "duration": "30 minutes",
                    "tip": "Spend most of the time on the third question.",
                },
            ),
            (
                "checklist",
                {"title": "A good review", "items": ["Held within three days", "Actions owned"]},
            ),
        ],
    )
    template = Document.objects.create(
        title="After-action review record",
        file=ContentFile(TEMPLATE_BYTES, name="after-action-review-record.docx"),
    )
    ToolTemplate.objects.create(tool=review, document=template, description="The record sheet.")
    canvas = factories.ToolPageFactory(
        parent=tools_folder,
        slug="learning-agenda-canvas",
        title="Learning agenda canvas",
        summary="A one-page canvas for the questions your team must answer.",
    )
    cases_folder = factories.CaseStudyIndexPageFactory(parent=playbook, slug="case-studies")
    case = factories.CaseStudyPageFactory(
        parent=cases_folder, slug="lender-reviews", title="A lender changes its reviews"
    )
    resources_folder = factories.ResourceIndexPageFactory(parent=playbook, slug="resources")
    resource = factories.ExternalResourcePageFactory(
        parent=resources_folder, slug="learning-organisation", title="Is yours a learning org?"
    )

    alliance = factories.AlliancePageFactory(parent=home, slug="alliance", title="Impact alliance")
    measuring = factories.ThemeFactory(name="Measuring impact", slug="measuring-impact")
    recycling = factories.ThemeFactory(name="Inclusive recycling", slug="inclusive-recycling")
    lab = factories.LearningLabPageFactory(
        parent=alliance, slug="measuring-impact-lab", title="Measuring impact lab", theme=measuring
    )
    publications_folder = factories.PublicationIndexPageFactory(
        parent=alliance, slug="publications"
    )
    publications = {}
    for slug, title, year, themes in [
        ("metrics-cafe", "The Metrics Cafe", 2016, [measuring]),
        ("recycling-building-blocks", "Inclusive recycling building blocks", 2017, [recycling]),
        ("impact-and-recycling", "Measuring recycling impact", 2017, [measuring, recycling]),
        ("theory-of-change", "Alliance theory of change", 2019, []),
    ]:
        publication = factories.AlliancePublicationPageFactory(
            parent=publications_folder, slug=slug, title=title, year=year, learning_lab=lab
        )
        publication.themes.set(themes)
        publication.save()
        publications[slug] = publication
    summit = factories.SummitPageFactory(
        parent=alliance, slug="summit-2016", title="Co-design summit 2016", country="Zambia"
    )

    for position, page in enumerate([review, canvas, case, resource]):
        ChallengeSolution.objects.create(
            challenge=challenges[0],
            page=page,
            sort_order=position,
            note="Start here." if page is review else "",
        )
    ChallengeSolution.objects.create(
        challenge=challenges[0], page=publications["metrics-cafe"], sort_order=4
    )
    ChallengeSolution.objects.create(challenge=challenges[1], page=canvas, sort_order=0)
    return SimpleNamespace(
        home=home,
        playbook=playbook,
        challenges=challenges,
        review=review,
        canvas=canvas,
        template=template,
        case=case,
        resource=resource,
        alliance=alliance,
        lab=lab,
        publications=publications,
        summit=summit,
        themes={"measuring": measuring, "recycling": recycling},
    )
