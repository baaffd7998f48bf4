"""An editor translates a tool into French in the admin and publishes it, in a browser.

The path a non-technical editor takes with wagtail-localize: the tool's "..." menu,
*Translate this page*, French, *Submit*; in the translation editor the English text
beside a box for the French; *Save*, *Publish in Français*. Then the API answers the
French tool in French, inside the French playbook. Screenshots go to
``test-artifacts/screenshots/``.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale

from playbook_pages.demo.translations import translate
from tests.browser.conftest import SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a long editor password"  # noqa: S105 - a throwaway test account


def test_an_editor_translates_a_tool_and_publishes_it(
    open_tab, live_server, playbook_tree, django_user_model, client
):
    tree = playbook_tree
    french = Locale.objects.create(language_code="fr")
    for page in (tree.home, tree.playbook, tree.tool_index):
        translate(page.specific, french, {"Test playbook": "Guide d'essai", "Tools": "Outils"})
    editor = django_user_model.objects.create_user("editor", "editor@example.org", PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    tab = open_tab(viewport={"width": 1400, "height": 900})
    tab.sign_in("editor", PASSWORD)
    page = tab.page
    tool = tree.tools[0]

    page.goto(tab.url(f"/admin/pages/{tool.pk}/edit/"))
    page.wait_for_load_state("networkidle")
    page.locator("header .w-dropdown__toggle").first.click()
    page.get_by_role("link", name="Translate this page").click()
    page.get_by_label("Français").check()
    page.screenshot(path=str(SCREENSHOTS / "translate-submit.png"))
    page.get_by_role("button", name="Submit").click()
    page.wait_for_load_state("networkidle")
    assert "successfully submitted for translation" in page.content()

    # The translation editor: the English title, and a box for the French one.
    page.get_by_role("button", name="Translate").first.click()
    page.locator("textarea:visible").first.fill("Outil 1, en français")
    page.get_by_role("button", name="Save").first.click()
    page.get_by_text("Translated manually").first.wait_for()
    page.screenshot(path=str(SCREENSHOTS / "translate-editor.png"))
    page.get_by_role("button", name="Publish in Français").click()
    page.wait_for_load_state("networkidle")
    page.get_by_text("Published").first.wait_for()

    translated = tool.get_translation(french)
    assert translated.live and translated.title == "Outil 1, en français"
    body = client.get(f"/api/v1/tools/{tool.slug}/?locale=fr").json()
    assert (body["title"], body["locale"]) == ("Outil 1, en français", "fr")
    assert [crumb["title"] for crumb in body["breadcrumbs"]][-2:] == ["Guide d'essai", "Outils"]
    english = client.get(f"/api/v1/tools/{tool.slug}/").json()
    assert english["title"] == tool.title
    assert [t["title"] for t in english["translations"]] == ["Outil 1, en français"]
