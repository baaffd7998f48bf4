"""axe-core on every reader screen at 1280, 390 and 320 px: no violation anywhere.

One tab and one page load: the walk moves between screens inside the app (as a
followed link does) and changes the window's width between rounds, so each
screen is checked as drawn at that width. axe-core is the npm package pinned in
``tests/browser/axe/package-lock.json`` (installed by ``make browser-deps``),
injected from disk: nothing is downloaded while the tests run. Every rule axe
runs by default is on (WCAG 2.x A and AA, and its best practices); a violation
is fixed in ``frontend/``, never by switching the rule off here.
"""

from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.conftest import SCREENSHOTS, _missing_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(settings.BASE_DIR) / "tests/browser/axe/node_modules/axe-core/axe.min.js"
WIDTHS = {1280: 900, 390: 844, 320: 640}
SCREENS = [
    ("home", "/"),
    ("playbook", "/playbook/"),
    ("challenge", "/playbook/challenge-1/"),
    ("tool", "/playbook/tools/after-action-review/"),
    ("tools list", "/playbook/tools/"),
    ("case studies list", "/playbook/case-studies/"),
    ("resources list", "/playbook/resources/"),
    ("publications list", "/alliance/publications/"),
    ("search", "/search/?q=review"),
    ("my playbook", "/my-playbook/"),
]
MENU = "browse menu (open)"

RUN_AXE = """
async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.slice(0, 5).map((node) => node.target.join(" ")),
  }));
}
"""


def _describe(violations):
    return "; ".join(
        f"{v['id']} ({v['impact']}: {v['help']}) at {', '.join(v['targets'])}" for v in violations
    )


def test_axe_finds_nothing_on_any_screen_at_any_width(open_tab, reader_content):
    if not AXE.exists():
        _missing_browser(f"axe-core at {AXE} (make browser-deps runs npm ci in tests/browser/axe)")
    # The shell's Content-Security-Policy admits no inline script, axe's included;
    # the other browser tests keep it on and fail on anything it blocks.
    reader = open_tab(bypass_csp=True)
    page = reader.page
    challenge = reader_content.challenges[0]
    challenge.reflection_questions = [("question", "Is there protected time for learning?")]
    challenge.save_revision().publish()

    reader.goto("/playbook/challenge-1/")
    # My playbook is checked with a challenge in it, as a reader who marked one sees it.
    page.get_by_label("This challenge resonates with my team").check()
    page.add_script_tag(path=str(AXE))

    found: dict[tuple[str, int], list[dict]] = {}
    for width, height in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        for name, path in SCREENS:
            reader.visit(path)
            found[(name, width)] = page.evaluate(RUN_AXE)
        page.locator("#site-menu summary").click()
        page.wait_for_selector(".site-menu__groups")
        found[(MENU, width)] = page.evaluate(RUN_AXE)
        if width == 320:
            reader.screenshot("30-320-browse-menu")
        page.keyboard.press("Escape")

    names = [name for name, _ in SCREENS] + [MENU]
    table = [f"{'screen':<20}" + "".join(f"{width:>8}" for width in WIDTHS)]
    table += [
        f"{name:<20}" + "".join(f"{len(found[(name, width)]):>8}" for width in WIDTHS)
        for name in names
    ]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS.parent / "axe.txt").write_text("\n".join(table) + "\n")
    failures = [
        f"{name} at {width} px: {_describe(violations)}"
        for (name, width), violations in found.items()
        if violations
    ]
    assert not failures, "axe-core violations:\n" + "\n".join(table) + "\n" + "\n".join(failures)
