"""The API per locale: ``?locale=``, translations, links that keep to the locale, fallback.

Translations are made with wagtail-localize's own records (``playbook_pages.demo.translations``
fills its string translations and publishes them with ``save_target``), as an editor's.
"""

import pytest
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from playbook_pages.demo.translations import translate
from tests.api.conftest import page_link

pytestmark = pytest.mark.django_db

FRENCH = {
    "Test playbook": "Guide d'essai",
    "Challenge 1": "Défi 1",
    "Tool 1": "Outil 1",
    "Tools": "Outils",
}


@pytest.fixture
def french(playbook_tree, django_capture_on_commit_callbacks):
    """French: the home page, the playbook, challenge 1, the tools folder and tool 1."""
    tree = playbook_tree
    tree.tools[0].introduction = f"<p>See {page_link(tree.challenges[0], 'the challenge')}.</p>"
    tree.tools[0].save_revision().publish()
    locale = Locale.objects.create(language_code="fr")
    # wagtail-localize publishes a translation when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        for page in (tree.home, tree.playbook, tree.challenges[0], tree.tool_index, tree.tools[0]):
            translate(page.specific, locale, FRENCH)
    tree.fr = {
        name: getattr(tree, name).get_translation(locale).specific
        for name in ("home", "playbook", "tool_index")
    }
    tree.fr["challenge"] = tree.challenges[0].get_translation(locale).specific
    tree.fr["tool"] = tree.tools[0].get_translation(locale).specific
    return tree


def test_a_locale_gives_its_own_pages_in_its_own_words(api, french, client):
    response = client.get("/api/v1/tools/?locale=fr")
    assert response.status_code == 200
    assert response["Content-Language"] == "fr"
    items = response.json()["results"]
    assert [(item["title"], item["locale"]) for item in items] == [("Outil 1", "fr")]
    english = api.json("/api/v1/tools/")["results"]
    assert [item["title"] for item in english] == ["Tool 1", "Tool 2", "Tool 3"]
    assert {item["locale"] for item in english} == {"en"}


def test_every_endpoint_takes_a_locale(api, french, client):
    for url in [
        "/api/v1/playbooks/",
        "/api/v1/playbooks/playbook/",
        "/api/v1/challenges/",
        "/api/v1/challenges/challenge-1/",
        "/api/v1/tools/",
        "/api/v1/tools/tool-1/",
        "/api/v1/tools/facets/",
        "/api/v1/case-studies/",
        "/api/v1/resources/",
        "/api/v1/alliances/",
        "/api/v1/learning-labs/",
        "/api/v1/publications/",
        "/api/v1/summits/",
        "/api/v1/themes/",
        "/api/v1/organisations/",
        "/api/v1/search/?q=outil",
        "/api/v1/changes/",
        "/api/v1/pages/?path=/playbook/tools/tool-1/",
    ]:
        joined = "&" if "?" in url else "?"
        response = client.get(f"{url}{joined}locale=fr")
        assert response.status_code == 200, (url, response.content[:300])
        assert response["Content-Language"] == "fr", url


def test_a_page_lists_its_translations_and_each_api_url_works_without_a_locale(api, french):
    tool = api.json("/api/v1/tools/tool-1/")
    assert [(t["locale"], t["title"], t["path"]) for t in tool["translations"]] == [
        ("fr", "Outil 1", "/playbook/tools/tool-1/")
    ]
    french_tool = api.json(tool["translations"][0]["api_url"])
    assert (french_tool["title"], french_tool["locale"]) == ("Outil 1", "fr")
    assert [(t["locale"], t["title"]) for t in french_tool["translations"]] == [("en", "Tool 1")]
    # Tool 2 has no translation: nothing to list.
    assert api.json("/api/v1/tools/tool-2/")["translations"] == []


def test_links_and_related_pages_stay_in_the_locale(api, french):
    challenge = api.json("/api/v1/challenges/challenge-1/?locale=fr")
    # Its solutions were chosen in English (tool 1, the case study, the resource, the
    # publication); only tool 1 is translated, and it is given in French.
    listed = [item["page"] for items in challenge["solutions"].values() for item in items]
    assert [(page["title"], page["id"]) for page in listed] == [("Outil 1", french.fr["tool"].pk)]
    assert challenge["solution_count"] == 1
    tool = api.json("/api/v1/tools/tool-1/?locale=fr")
    assert [c["title"] for c in tool["challenges"]] == ["Défi 1"]
    # The rich-text link to challenge 1 leads to the French challenge.
    assert f'data-page-id="{french.fr["challenge"].pk}"' in tool["introduction"]
    assert f'data-page-id="{french.challenges[0].pk}"' not in tool["introduction"]
    breadcrumbs = [crumb["title"] for crumb in tool["breadcrumbs"]]
    assert breadcrumbs[-2:] == ["Guide d'essai", "Outils"]


def test_fallback_gives_the_default_locale_where_there_is_no_translation(api, client, french):
    assert client.get("/api/v1/tools/tool-2/?locale=fr").status_code == 404
    fallen = client.get("/api/v1/tools/tool-2/?locale=fr&fallback=true")
    assert fallen.status_code == 200
    assert fallen["Content-Language"] == "en"
    assert (fallen.json()["title"], fallen.json()["locale"]) == ("Tool 2", "en")
    listed = api.json("/api/v1/tools/?locale=fr&fallback=true")["results"]
    assert sorted((item["title"], item["locale"]) for item in listed) == [
        ("Outil 1", "fr"),
        ("Tool 2", "en"),
        ("Tool 3", "en"),
    ]
    # The translated page comes once, in French.
    assert api.json("/api/v1/tools/?locale=fr&fallback=true")["count"] == 3
    # A filtered list (another statement) falls back alike.
    ordered = api.json("/api/v1/tools/?locale=fr&fallback=true&ordering=-title")
    assert [item["title"] for item in ordered["results"]] == ["Tool 3", "Tool 2", "Outil 1"]
    assert ordered["count"] == 3


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("locale=de", "locale"),
        ("locale=", "locale"),
        ("locale=FR", "locale"),
        ("fallback=yes", "fallback"),
    ],
)
def test_a_locale_that_is_not_a_content_language_is_a_400_naming_it(
    client, french, query, parameter
):
    response = client.get(f"/api/v1/tools/?{query}")
    assert response.status_code == 400
    assert [error["parameter"] for error in response.json()["errors"]] == [parameter]


def test_a_french_draft_shows_in_no_locale(api, french, django_capture_on_commit_callbacks):
    locale = Locale.objects.get(language_code="fr")
    source, _ = TranslationSource.get_or_create_from_instance(french.tools[1].specific)
    translation = Translation.objects.create(source=source, target_locale=locale)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=False)  # a draft: not published
    draft = french.tools[1].get_translation(locale)
    assert not draft.live
    for url in [
        "/api/v1/tools/?locale=fr",
        "/api/v1/tools/?locale=fr&fallback=true",
        "/api/v1/tools/",
        "/api/v1/search/?q=Tool&locale=fr",
    ]:
        ids = [item["id"] for item in api.json(url)["results"]]
        assert draft.pk not in ids, url
    api.json(f"/api/v1/pages/{draft.pk}/", status=404)
    assert api.json("/api/v1/tools/tool-2/")["translations"] == []


def test_search_answers_in_the_locale_asked_for(api, french):
    french_hits = api.json("/api/v1/search/?q=Outil&locale=fr")["results"]
    assert [hit["title"] for hit in french_hits] == ["Outil 1"]
    assert api.json("/api/v1/search/?q=Outil")["results"] == []


def test_the_change_feed_is_per_locale(api, french):
    french_pages = {
        item["page"]["id"] for item in api.json("/api/v1/changes/?locale=fr")["results"]
    }
    english_pages = {item["page"]["id"] for item in api.json("/api/v1/changes/")["results"]}
    fr_ids = set(Page.objects.filter(locale__language_code="fr").values_list("pk", flat=True))
    assert french.fr["tool"].pk in french_pages
    assert french_pages <= fr_ids
    assert not english_pages & fr_ids


def test_themes_are_served_in_their_locale(api, french, django_capture_on_commit_callbacks):
    from tests import factories

    theme = factories.ThemeFactory(name="Measuring impact", slug="measuring-impact")
    locale = Locale.objects.get(language_code="fr")
    translate(theme, locale, {"Measuring impact": "Mesurer l'impact"})
    assert [t["name"] for t in api.json("/api/v1/themes/?locale=fr")["results"]] == [
        "Mesurer l'impact"
    ]
    assert [t["name"] for t in api.json("/api/v1/themes/")["results"]] == ["Measuring impact"]


def test_a_french_draft_previews_in_french(api, french):
    from urllib.parse import urlencode

    draft = Page.objects.get(pk=french.fr["tool"].pk).specific
    draft.title = "Outil 1, reformulé"
    token = draft.create_page_preview().token
    query = urlencode({"content_type": "playbook_pages.toolpage", "token": token})
    preview = api.json(f"/api/v1/preview/?{query}")
    live = api.json("/api/v1/tools/tool-1/?locale=fr")
    assert (preview["title"], preview["locale"]) == ("Outil 1, reformulé", "fr")
    assert preview["breadcrumbs"] == live["breadcrumbs"]
    assert preview["path"] == live["path"] == "/playbook/tools/tool-1/"


def test_a_new_locale_root_is_seen_at_once_across_processes(api, playbook_tree):
    """The sites are cached (with each locale's root) where every process shares them:
    translating the site root into Arabic must not wait for that cache to expire (a
    preview of an Arabic draft is checked against the Arabic root)."""
    from urllib.parse import urlencode

    assert api.json("/api/v1/tools/?locale=ar")["count"] == 0  # caches the sites
    arabic = Locale.objects.create(language_code="ar")
    for page in (
        playbook_tree.home,
        playbook_tree.playbook,
        playbook_tree.tool_index,
        playbook_tree.tools[0],
    ):
        translate(page.specific, arabic, {"Tool 1": "الأداة 1"})
    draft = playbook_tree.tools[0].get_translation(arabic).specific
    token = draft.create_page_preview().token
    query = urlencode({"content_type": "playbook_pages.toolpage", "token": token})
    assert api.json(f"/api/v1/preview/?{query}")["title"] == "الأداة 1"


def test_labels_are_in_the_language_of_the_locale(api, french):
    tool = api.json("/api/v1/tools/tool-1/?locale=fr")
    assert tool["tool_type_label"] == "Modèle"
    assert tool["origin_label"] == "Conçu par l'équipe du guide pratique"
    assert api.json("/api/v1/tools/tool-1/")["tool_type_label"] == "Template"
    facets = api.json("/api/v1/tools/facets/?locale=fr")["facets"]
    assert {item["label"] for item in facets["type"]} == {"Modèle"}
    assert {item["label"] for item in api.json("/api/v1/tools/facets/")["facets"]["type"]} == {
        "Template"
    }


@pytest.mark.skipif(
    "postgresql" not in __import__("django.conf").conf.settings.DATABASES["default"]["ENGINE"],
    reason="stemming per language is PostgreSQL's (SQLite's FTS5 has none)",
)
def test_search_stems_words_in_the_locale_language(api, french):
    arabic = Locale.objects.create(language_code="ar")
    tree = french
    for page in (tree.home, tree.playbook, tree.tool_index):
        translate(page.specific, arabic, {})
    translate(tree.tools[0].specific, arabic, {"Tool 1": "أدوات التعلم"})
    translate(
        tree.tools[1].specific,
        locale=Locale.objects.get(language_code="fr"),
        strings={"Tool 2": "Les apprentissages"},
    )
    # French stemming: the singular finds the plural.
    assert [
        hit["title"] for hit in api.json("/api/v1/search/?q=apprentissage&locale=fr")["results"]
    ] == ["Les apprentissages"]
    # Arabic stemming: the word without its article finds it with one.
    assert [hit["title"] for hit in api.json("/api/v1/search/?q=تعلم&locale=ar")["results"]] == [
        "أدوات التعلم"
    ]
