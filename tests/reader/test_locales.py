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
