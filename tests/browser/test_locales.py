"""The reader in the reader's language, in a real Chromium: French and Arabic.

Translations are made as an editor's are (``playbook_pages.demo.translations.translate``):
French for the home page, the playbook, the first two challenges, the tools folder and
the after-action review; Arabic for the home page, the playbook and the second
challenge (learning culture) only, so the rest falls back to English.
"""

import pytest
from wagtail.models import Locale

from playbook_pages.demo.translations import translate
from tests.browser.conftest import DESKTOP, PHONE, expect
from tests.browser.test_accessibility import AXE, RUN_AXE, _describe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FRENCH = {
    "Knowledge hub": "Centre de connaissances",
    "Dynamic learning playbook": "Guide de l'apprentissage dynamique",
    "Intentional learning practices": "Des pratiques d'apprentissage délibérées",
    "Leaders ask for results, not lessons": (
        "Les dirigeants demandent des résultats, pas des leçons"
    ),
    "It is not safe to say what went wrong": "Dire ce qui n'a pas marché n'est pas sans risque",
    "Supportive leadership": "Un leadership bienveillant",
    "Learning culture": "Culture d'apprentissage",
    "Tools": "Outils",
    "After-action review": "Revue après action",
    "A structured conversation straight after an activity.": (
        "Une conversation structurée juste après une activité."
    ),
    "Leaders ask for results, not lessons: a statement readers recognise.": (
        "Les dirigeants demandent des résultats : une phrase que l'on a tous entendue."
    ),
    "It is not safe to say what went wrong: a statement readers recognise.": (
        "Avouer un échec expose : chacun le sait dans son équipe."
    ),
    "Reflect": "Réfléchir",
    "Read the challenges and note where your team stalls.": (
        "Lisez les défis et notez où votre équipe bloque."
    ),
    "Consider": "Examiner",
    "Weigh the solutions that fit your size and culture.": (
        "Pesez les solutions adaptées à votre taille et à votre culture."
    ),
    "Explore": "Explorer",
    "Open the tools, case studies and resources.": (
        "Ouvrez les outils, les études de cas et les ressources."
    ),
    "Apply": "Appliquer",
    "Try one tool with one team within a month.": (
        "Essayez un outil avec une équipe d'ici un mois."
    ),
}
ARABIC = {
    "Knowledge hub": "مركز المعرفة",
    "Dynamic learning playbook": "دليل التعلّم الديناميكي",
    "Intentional learning practices": "ممارسات تعلّم مقصودة",
    "It is not safe to say what went wrong": "ليس من الآمن أن نقول ما الذي لم ينجح",
    "Learning culture": "ثقافة التعلّم",
    "Who hears about a mistake first?": "من يسمع بالخطأ أولًا؟",
    "Teams hide mistakes, so the same ones come back.": (
        "تُخفي الفرق أخطاءها، فتعود الأخطاء نفسها."
    ),
    "Make it safe": "اجعلها آمنة",
    "Thank whoever speaks up.": "اشكر كل من يتكلّم.",
    "Tools": "الأدوات",
    "Learning agenda canvas": "لوحة أجندة التعلّم",
    "A one-page canvas for the questions your team must answer.": (
        "لوحة في صفحة واحدة للأسئلة التي على فريقك أن يجيب عنها."
    ),
    "It is not safe to say what went wrong: a statement readers recognise.": (
        "ثقافة التعلّم: عبارة يعرفها القرّاء من تجربتهم."
    ),
}
FRENCH_TOOL = "/fr/playbook/tools/after-action-review/"


@pytest.fixture
def translated(reader_content):
    content = reader_content
    tools_folder = content.review.get_parent().specific
    # The Arabic challenge has sections of its own, whose headings have no Latin letter.
    culture = content.challenges[1]
    culture.reflection_questions = [("question", "Who hears about a mistake first?")]
    culture.why_it_matters = "<p>Teams hide mistakes, so the same ones come back.</p>"
    culture.design_principles = [
        ("principle", {"title": "Make it safe", "description": "Thank whoever speaks up."}),
    ]
    culture.save_revision().publish()
    french = Locale.objects.create(language_code="fr")
    for page in (
        content.home,
        content.playbook,
        content.challenges[0],
        content.challenges[1],
        tools_folder,
        content.review,
    ):
        translate(page.specific, french, FRENCH)
    arabic = Locale.objects.create(language_code="ar")
    for page in (
        content.home,
        content.playbook,
        content.challenges[1],
        tools_folder,
        content.canvas,
    ):
        translate(page.specific, arabic, ARABIC)
    return content


def html_lang(page) -> tuple[str, str]:
    return page.evaluate("[document.documentElement.lang, document.documentElement.dir]")


def test_switching_to_french_keeps_the_page_and_every_link_in_french(reader, translated):
    page = reader.goto("/playbook/challenge-1/")
    switcher = page.get_by_role("navigation", name="Language")
    french = switcher.get_by_role("link", name="Français")
    assert french.get_attribute("lang") == "fr"
    assert french.get_attribute("hreflang") == "fr"
    expect(switcher.get_by_role("link", name="English")).to_have_attribute("aria-current", "true")
    french.click()
    page.wait_for_url("**/fr/playbook/challenge-1/")
    reader.wait_drawn()
    assert reader.heading() == "Les dirigeants demandent des résultats, pas des leçons"
    assert html_lang(page) == ["fr", "ltr"]
    # The interface speaks French too, and the switcher is now labelled in French.
    expect(page.locator("#section-solutions")).to_have_text("Explorer les solutions")
    expect(page.locator(".site-nav")).to_contain_text("Accueil")
    switcher = page.get_by_role("navigation", name="Langue")
    expect(switcher.get_by_role("link", name="Français")).to_have_attribute("aria-current", "true")
    # Links keep the prefix, and following one stays inside the app, in French.
    page.locator(".card", has_text="Revue après action").get_by_role("link").first.click()
    assert reader.heading() == "Revue après action"
    assert reader.path() == FRENCH_TOOL
    crumbs = page.locator(".breadcrumbs a")
    for href in crumbs.evaluate_all("links => links.map((a) => a.getAttribute('href'))"):
        assert href.startswith("/fr/"), href
    # Every API call the screen made asked for French.
    english = page.evaluate(
        "performance.getEntriesByType('resource').map((e) => e.name)"
        ".filter((url) => url.includes('/api/v1/') && !url.includes('locale=fr'))"
    )
    assert english == []


def test_a_deep_link_into_french_survives_a_reload(reader, translated):
    page = reader.goto(FRENCH_TOOL)
    assert reader.heading() == "Revue après action"
    page.reload()
    reader.wait_drawn()
    assert reader.heading() == "Revue après action"
    assert reader.path() == FRENCH_TOOL
    assert page.title() == "Revue après action · Playbook reader"
    assert html_lang(page) == ["fr", "ltr"]


def test_a_page_not_translated_yet_shows_in_english_with_a_note(reader, translated):
    page = reader.goto("/fr/playbook/tools/learning-agenda-canvas/")
    assert reader.heading() == "Learning agenda canvas"
    note = page.locator(".notice--untranslated")
    expect(note).to_contain_text("pas encore traduite ; elle s’affiche en anglais")
    assert page.locator("main .screen").get_attribute("lang") == "en"
    assert note.get_attribute("lang") == "fr"


def test_arabic_is_right_to_left_and_the_switcher_leads_home_without_a_translation(
    reader, translated
):
    page = reader.goto("/playbook/challenge-2/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="العربية").click()
    page.wait_for_url("**/ar/playbook/challenge-2/")
    assert reader.heading() == "ليس من الآمن أن نقول ما الذي لم ينجح"
    assert html_lang(page) == ["ar", "rtl"]
    expect(page.locator(".solution-group h3")).to_have_text(["الأدوات (1)"])
    expect(page.locator(".card__title")).to_have_text(["لوحة أجندة التعلّم"])
    # The header reads from the right: the site's name is on the right-hand side.
    name_box = page.locator(".site-name").bounding_box()
    assert name_box["x"] > DESKTOP["width"] / 2
    # Challenge 1 has no Arabic translation: Arabic leads to the Arabic home page.
    page.goto(reader.url("/playbook/challenge-1/"))
    reader.wait_drawn()
    arabic = page.get_by_role("navigation", name="Language").get_by_role("link", name="العربية")
    assert arabic.get_attribute("href") == "/ar/"
    arabic.click()
    page.wait_for_url("**/ar/")
    assert reader.heading() == "مركز المعرفة"


@pytest.mark.parametrize(("width", "height"), [(PHONE["width"], PHONE["height"]), (1280, 900)])
def test_screenshots_of_arabic_and_french(open_tab, translated, width, height):
    reader = open_tab(viewport={"width": width, "height": height})
    reader.goto("/ar/playbook/challenge-2/")
    reader.screenshot(f"40-ar-challenge-{width}")
    reader.goto("/fr/")
    reader.screenshot(f"41-fr-home-{width}")


def test_axe_finds_nothing_on_the_arabic_challenge_at_390px(open_tab, translated):
    if not AXE.exists():
        pytest.skip(f"axe-core at {AXE} (make browser-deps)")
    reader = open_tab(viewport=PHONE, bypass_csp=True)
    page = reader.goto("/ar/playbook/challenge-2/")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(RUN_AXE)
    assert not violations, _describe(violations)
    # And with the browse menu open.
    page.locator("#site-menu summary").click()
    page.wait_for_selector(".site-menu__groups")
    violations = page.evaluate(RUN_AXE)
    assert not violations, _describe(violations)


def test_a_french_copy_saved_for_offline_reads_in_french_offline(reader, translated):
    page = reader.goto("/fr/playbook/")
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
    page.get_by_role("button", name="Enregistrer pour lire hors ligne").click()
    confirm = page.locator(".offline__confirm")
    expect(page.locator(".offline__status")).to_contain_text("fichiers, environ")
    confirm.click()
    expect(page.locator(".offline__status")).to_contain_text(
        "Enregistré pour la lecture hors ligne"
    )

    page.context.set_offline(True)
    page.reload()
    reader.wait_drawn()
    # The worker answers with the shell it keeps; the app still knows it is French.
    assert reader.heading() == "Guide de l'apprentissage dynamique"
    assert html_lang(page) == ["fr", "ltr"]
    expect(page.locator("#offline-banner")).to_contain_text("Vous êtes hors ligne")
    page.get_by_role(
        "link", name="Les dirigeants demandent des résultats, pas des leçons"
    ).first.click()
    assert reader.heading() == "Les dirigeants demandent des résultats, pas des leçons"
    # The English playbook is another copy, never saved.
    reader.goto("/playbook/")
    expect(page.locator("main")).to_contain_text("was not saved for offline reading")
    page.context.set_offline(False)
