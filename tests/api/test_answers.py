"""Facets, search, snippet and change feed answers are reused until something readers
see changes."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from freezegun import freeze_time

from content import changes
from tests import factories

pytestmark = pytest.mark.django_db

FACETS = "/api/v1/tools/facets/"


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response, len(captured)


@pytest.fixture
def organisation(playbook_tree):
    return factories.OrganisationFactory(name="Kiva", slug="kiva")


@pytest.mark.parametrize(
    "url",
    [
        FACETS,
        "/api/v1/search/?q=tool",
        "/api/v1/organisations/",
        "/api/v1/themes/",
        "/api/v1/changes/",
    ],
)
def test_a_second_request_is_answered_without_the_database(client, playbook_tree, url):
    factories.ThemeFactory(name="Pilots", slug="pilots")
    # The test settings bring the store up to date on the first read (a new generation).
    client.get("/api/v1/tools/")
    first, first_queries = queries_of(client, url)
    again, again_queries = queries_of(client, url)
    assert first_queries > 0
    assert again_queries == 0
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Content-Language"] == first["Content-Language"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_publish_is_in_the_next_answer(api, playbook_tree):
    before = api.json(FACETS)["count"]
    factories.ToolPageFactory(parent=playbook_tree.tool_index, slug="new-tool", title="Fresh tool")
    assert api.json(FACETS)["count"] == before + 1
    assert "new-tool" in str(api.json("/api/v1/search/?q=fresh"))


def test_an_unpublish_leaves_the_next_answer(api, playbook_tree):
    tool = playbook_tree.tools[0]
    before = api.json(FACETS)["count"]
    assert tool.slug in str(api.json(f"/api/v1/search/?q={tool.title}"))
    tool.unpublish()
    assert api.json(FACETS)["count"] == before - 1
    assert tool.slug not in str(api.json(f"/api/v1/search/?q={tool.title}"))


def test_a_publish_is_in_the_next_change_feed_answer(api, playbook_tree):
    api.json("/api/v1/tools/")  # the store is brought up to date on the first read
    latest = api.json("/api/v1/changes/?since=latest")["next_cursor"]
    assert api.json(f"/api/v1/changes/?since={latest}")["results"] == []
    tool = playbook_tree.tools[0]
    tool.title = "Retitled for the feed"
    tool.save_revision().publish()
    changes.flush()  # what the worker does after a publish
    entries = {
        entry["page"]["id"]: entry
        for entry in api.json(f"/api/v1/changes/?since={latest}")["results"]
    }
    # The tool, and the pages that show its card (its playbook, its challenges).
    assert entries[tool.pk]["data"]["title"] == "Retitled for the feed"
    assert api.json("/api/v1/changes/?since=latest")["next_cursor"] != latest


def test_a_cursor_past_the_retention_is_refused_though_its_answer_was_kept(
    client, playbook_tree, settings
):
    settings.CHANGE_FEED_RETENTION_DAYS = 1
    client.get("/api/v1/tools/")
    cursor = client.get("/api/v1/changes/?since=latest").json()["next_cursor"]
    assert client.get(f"/api/v1/changes/?since={cursor}").status_code == 200
    with freeze_time(timezone.now() + timedelta(days=2)):
        refused = client.get(f"/api/v1/changes/?since={cursor}")
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["reason"] == "cursor_expired"


def test_a_snippet_saved_is_in_the_next_answer(api, organisation):
    assert api.json("/api/v1/organisations/kiva/")["name"] == "Kiva"
    organisation.name = "Kiva Microfunds"
    organisation.save()
    assert api.json("/api/v1/organisations/kiva/")["name"] == "Kiva Microfunds"
    names = [item["name"] for item in api.json("/api/v1/organisations/")["results"]]
    assert "Kiva Microfunds" in names


def test_a_kept_answer_ends_when_a_page_it_counts_expires(api, playbook_tree):
    tool = playbook_tree.tools[0]
    expires = timezone.now() + timedelta(hours=1)
    before = api.json(FACETS)["count"]
    tool.expire_at = expires
    tool.save_revision().publish()
    assert api.json(FACETS)["count"] == before
    with freeze_time(expires - timedelta(minutes=1)):
        assert api.json(FACETS)["count"] == before  # kept, and still right
        assert queries_of(api, FACETS)[1] == 0
    with freeze_time(expires + timedelta(seconds=1)):
        assert api.json(FACETS)["count"] == before - 1


def test_errors_are_not_kept(api, playbook_tree):
    for _ in range(2):
        body = api.json(f"{FACETS}?theme=nothing-here", status=400)
        assert body["errors"][0]["parameter"] == "theme"


def test_answers_are_kept_per_locale_and_query(api, playbook_tree):
    everything = api.json(FACETS)
    narrowed = api.json(f"{FACETS}?challenge=challenge-1")
    assert api.json(FACETS) == everything
    assert api.json(f"{FACETS}?challenge=challenge-1") == narrowed


def test_without_reuse_every_request_builds(client, playbook_tree, settings):
    settings.API_REUSE_ANSWERS = False
    client.get("/api/v1/tools/")
    queries_of(client, FACETS)
    assert queries_of(client, FACETS)[1] > 0


def test_a_publish_keeps_snippet_answers_and_a_snippet_ends_facets(client, api, playbook_tree):
    theme = factories.ThemeFactory(name="Pilots", slug="pilots")
    tool = playbook_tree.tools[0]
    tool.themes.add(theme)
    tool.save_revision().publish()
    client.get("/api/v1/tools/")  # the store catches up (test settings)
    queries_of(client, "/api/v1/themes/")
    api.json(FACETS)
    tool.title = "Tool one, renamed"
    tool.save_revision().publish()
    client.get("/api/v1/tools/")
    # Snippet answers show no page: a publish leaves them kept.
    assert queries_of(client, "/api/v1/themes/")[1] == 0
    theme.name = "Pilots to scale"
    theme.save()
    assert api.json("/api/v1/themes/pilots/")["name"] == "Pilots to scale"
    labels = [item["label"] for item in api.json(FACETS)["facets"]["theme"]]
    assert labels == ["Pilots to scale"]


def test_answers_to_typed_words_are_kept_a_minute_at_most(client, playbook_tree):
    client.get("/api/v1/tools/")
    start = timezone.now()
    for url in ["/api/v1/search/?q=tool", f"{FACETS}?search=tool"]:
        with freeze_time(start):
            queries_of(client, url)
            assert queries_of(client, url)[1] == 0
        with freeze_time(start + timedelta(seconds=30)):
            assert queries_of(client, url)[1] == 0
        with freeze_time(start + timedelta(seconds=61)):
            assert queries_of(client, url)[1] > 0
    # Chosen values are no typed words: kept until the next change.
    with freeze_time(start):
        queries_of(client, FACETS)
    with freeze_time(start + timedelta(minutes=4)):  # (the test cache keeps 5)
        assert queries_of(client, FACETS)[1] == 0


def test_a_full_rebuild_ends_kept_answers(api, organisation):
    assert api.json("/api/v1/organisations/kiva/")["name"] == "Kiva"
    # Written without a signal, as a restore's loaddata writes.
    type(organisation).objects.filter(pk=organisation.pk).update(name="Kiva, restored")
    assert api.json("/api/v1/organisations/kiva/")["name"] == "Kiva"  # nothing said so
    call_command("rebuild_representations", verbosity=0)
    assert api.json("/api/v1/organisations/kiva/")["name"] == "Kiva, restored"
