"""The reader's locale prefixes: ``/fr/...`` and ``/ar/...`` get the shell in that language.

Translations are made as an editor's are, through wagtail-localize
(``playbook_pages.demo.translations.translate``).
"""

import re

import pytest
from wagtail.models import Locale

from playbook_pages.demo.translations import translate

pytestmark = pytest.mark.django_db

FRENCH = {"Test playbook": "Guide d'essai", "Challenge 1": "Défi 1", "Tool 1": "Outil 1"}
ARABIC = {"Test playbook": "دليل تجريبي", "Challenge 1": "التحدي 1"}


@pytest.fixture
def translated(playbook_tree, django_capture_on_commit_callbacks):
    """French: home, playbook, challenge 1, the tools folder, tool 1. Arabic: home,
    playbook, challenge 1."""
    tree = playbook_tree
    with django_capture_on_commit_callbacks(execute=True):
        french = Locale.objects.create(language_code="fr")
        for page in (tree.home, tree.playbook, tree.challenges[0], tree.tool_index, tree.tools[0]):
            translate(page.specific, french, FRENCH)
        arabic = Locale.objects.create(language_code="ar")
        for page in (tree.home, tree.playbook, tree.challenges[0]):
            translate(page.specific, arabic, ARABIC)
    return tree


def html_tag(response) -> str:
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def meta(response, name: str) -> str:
    text = response.content.decode()
    found = re.search(rf'<meta (?:name|property)="{re.escape(name)}" content="([^"]*)">', text)
    return found.group(1) if found else ""


def title(response) -> str:
    return re.search(r"<title>([^<]*)</title>", response.content.decode()).group(1)


def test_a_french_page_has_its_french_title_and_html_lang(client, translated):
    response = client.get("/fr/playbook/challenge-1/")
    assert response.status_code == 200
    assert html_tag(response) == '<html lang="fr" dir="ltr">'
    assert title(response) == "Défi 1 · Playbook reader"
    assert meta(response, "og:title") == "Défi 1"
    assert meta(response, "og:locale") == "fr"
    assert meta(response, "og:url") == "http://testserver/fr/playbook/challenge-1/"


def test_the_same_path_without_a_prefix_is_the_english_page(client, translated):
    response = client.get("/playbook/challenge-1/")
    assert html_tag(response) == '<html lang="en" dir="ltr">'
    assert title(response) == "Challenge 1 · Playbook reader"


def test_arabic_is_right_to_left(client, translated):
    response = client.get("/ar/playbook/challenge-1/")
    assert response.status_code == 200
    assert html_tag(response) == '<html lang="ar" dir="rtl">'
    assert meta(response, "og:title") == "التحدي 1"


def test_the_shell_lists_the_sites_locales_default_first(client, translated):
    assert meta(client.get("/fr/"), "playbook-locales") == "en,fr,ar"
    assert meta(client.get("/"), "playbook-locales") == "en,fr,ar"


def test_a_site_without_translations_lists_one_locale(client, playbook_tree):
    assert meta(client.get("/"), "playbook-locales") == "en"


def test_a_page_links_its_translations_as_alternates(client, translated):
    text = client.get("/fr/playbook/challenge-1/").content.decode()
    alternates = re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', text)
    assert alternates == [
        ("en", "http://testserver/playbook/challenge-1/"),
        ("fr", "http://testserver/fr/playbook/challenge-1/"),
        ("ar", "http://testserver/ar/playbook/challenge-1/"),
    ]


def test_a_page_not_yet_translated_is_served_with_its_default_locale_words(client, translated):
    # The app shows it in English with a note; the link previews as that page.
    response = client.get("/fr/playbook/tools/tool-2/")
    assert response.status_code == 200
    assert html_tag(response) == '<html lang="fr" dir="ltr">'
    assert title(response) == "Tool 2 · Playbook reader"


def test_the_apps_own_screens_answer_under_a_prefix(client, translated):
    for path in ("/fr/search/?q=outil", "/ar/my-playbook/", "/fr/"):
        response = client.get(path)
        assert response.status_code == 200, path
    assert html_tag(client.get("/ar/search/")) == '<html lang="ar" dir="rtl">'


def test_a_missing_page_under_a_prefix_is_a_404(client, translated):
    assert client.get("/fr/playbook/no-such-page/").status_code == 404


def test_a_locale_the_site_lacks_is_no_prefix(client, playbook_tree):
    # Without a French root, /fr/ is just a path with no page.
    response = client.get("/fr/playbook/")
    assert response.status_code == 404
    assert html_tag(response) == '<html lang="en" dir="ltr">'


def switcher(response) -> list[tuple[str, str, bool]]:
    """(language, href, current) of each link of the header's language switcher."""
    nav = re.search(r'<nav class="site-languages"[^>]*>(.*?)</nav>', response.content.decode())
    links = re.findall(r'<a href="([^"]*)" hreflang="(\w+)"[^>]*?( aria-current="true")?>', nav[1])
    return [(code, href, bool(current)) for href, code, current in links]


def test_the_language_switcher_is_in_the_first_paint(client, translated):
    """Filled in by the app only after the screen loaded, it moved the header's search
    box aside (layout shift); served filled, nothing moves when the app redraws it."""
    assert switcher(client.get("/fr/playbook/challenge-1/")) == [
        ("en", "/playbook/challenge-1/", False),
        ("fr", "/fr/playbook/challenge-1/", True),
        ("ar", "/ar/playbook/challenge-1/", False),
    ]
    # Tool 1 has no Arabic translation: that language's home, as the app links it.
    assert switcher(client.get("/playbook/tools/tool-1/")) == [
        ("en", "/playbook/tools/tool-1/", True),
        ("fr", "/fr/playbook/tools/tool-1/", False),
        ("ar", "/ar/", False),
    ]
    assert "العربية" in client.get("/").content.decode()


def test_one_language_has_no_switcher(client, playbook_tree):
    text = client.get("/").content.decode()
    empty = '<nav class="site-languages" id="site-languages" aria-label="Language" hidden></nav>'
    assert empty in text


def test_the_search_screen_has_one_search_box_from_the_first_paint(client, translated):
    for path in ("/search/?q=tool", "/fr/search/", "/ar/search/?q=x"):
        assert '<form class="site-search" hidden' in client.get(path).content.decode(), path
    for path in ("/", "/fr/playbook/challenge-1/", "/my-playbook/"):
        assert '<form class="site-search" role' in client.get(path).content.decode(), path
