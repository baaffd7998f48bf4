"""The change feed, GET /api/v1/changes/: ordered, paginated by cursor, tombstones
without content, nothing a reader may not see, bad cursors refused with a reason."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from content import changes, ledger

pytestmark = pytest.mark.django_db


@pytest.fixture
def start(playbook_tree, api):
    """The cursor after the tree as built."""
    changes.flush()
    return api.json("/api/v1/changes/?since=latest")["next_cursor"]


def follow(api, cursor, limit=2):
    """Every entry after ``cursor``, page by page; (entries, pages fetched, last cursor)."""
    entries, pages = [], 0
    while True:
        body = api.json(f"/api/v1/changes/?since={cursor}&limit={limit}")
        pages += 1
        entries += body["results"]
        cursor = body["next_cursor"]
        if not body["has_more"]:
            return entries, pages, cursor


def publish(page):
    page.save_revision().publish()
    changes.flush()


def test_pages_follow_each_other_in_order_with_the_served_details(playbook_tree, api, start):
    tree = playbook_tree
    for page in (tree.tools[0], tree.case_study, tree.summit):
        page.title += " (revised)"
        publish(page)
    entries, pages, cursor = follow(api, start, limit=2)
    assert pages >= 2
    ids = [int(entry["cursor"].split(".")[0]) for entry in entries]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    updated = {e["page"]["id"]: e for e in entries if e["action"] == "updated"}
    for page in (tree.tools[0], tree.case_study, tree.summit):
        entry = updated[page.pk]
        assert entry["page"]["api_url"] == f"/api/v1/pages/{page.pk}/"
        assert entry["data"] == api.json(f"/api/v1/pages/{page.pk}/")
        assert entry["data"]["title"].endswith("(revised)")
    # Up to date: the same cursor gives nothing, until something changes.
    assert api.json(f"/api/v1/changes/?since={cursor}")["results"] == []
    publish(tree.lab)
    assert tree.lab.pk in {
        e["page"]["id"] for e in api.json(f"/api/v1/changes/?since={cursor}")["results"]
    }


def test_unpublished_deleted_and_private_pages_are_tombstones(playbook_tree, api, start):
    tree = playbook_tree
    tree.tools[2].unpublish()
    changes.flush()
    deleted_id = tree.resource.pk
    tree.resource.delete()
    changes.flush()
    PageViewRestriction.objects.create(
        page=tree.case_study, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    changes.flush()
    entries, _, _ = follow(api, start, limit=50)
    tombstones = {e["page"]["id"]: e for e in entries if e["action"] == "deleted"}
    assert {tree.tools[2].pk, deleted_id, tree.case_study.pk} <= set(tombstones)
    for entry in tombstones.values():
        assert entry["data"] is None
    assert tombstones[deleted_id]["page"]["path"] == "/playbook/resources/resource-1/"


def test_a_draft_or_private_page_never_shows_in_the_feed(playbook_tree, api, start):
    tree = playbook_tree
    tool = tree.tools[1]
    tool.title = "Unpublished draft wording"
    tool.save_revision()
    private = tree.tools[2]
    private.title = "Members-only wording"
    publish(private)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    changes.flush()
    response = api.get("/api/v1/changes/?limit=200")
    assert response.status_code == 200
    assert b"Unpublished draft wording" not in response.content
    assert b"Members-only wording" not in response.content


def test_a_moved_page_says_where_it_was(playbook_tree, api, start):
    tree = playbook_tree
    tool = tree.tools[0]
    tool.slug = "renamed-tool"
    publish(tool)
    entries, _, _ = follow(api, start, limit=50)
    moved = [e for e in entries if e["page"]["id"] == tool.pk][-1]
    assert moved["page"]["path"] == "/playbook/tools/renamed-tool/"
    assert moved["page"]["previous_path"] == "/playbook/tools/tool-1/"


@pytest.mark.parametrize(
    "query, reason",
    [
        ("since=abc", "cursor_invalid"),
        ("since=12", "cursor_invalid"),
        ("since=-1.5", "cursor_invalid"),
        (f"since=5.{int((timezone.now() + timedelta(days=2)).timestamp())}", "cursor_invalid"),
        (f"since=5.{int((timezone.now() - timedelta(days=31)).timestamp())}", "cursor_expired"),
    ],
)
def test_a_bad_or_expired_cursor_is_a_400_telling_the_client_to_resync(
    playbook_tree, api, query, reason
):
    body = api.json(f"/api/v1/changes/?{query}", status=400)
    error = body["errors"][0]
    assert error["parameter"] == "since" and error["reason"] == reason
    assert "Resync" in error["message"]


@pytest.mark.parametrize(
    "query", ["limit=0", "limit=201", "limit=x", "cursor=1", "since=1&since=2"]
)
def test_bad_parameters_are_400s(playbook_tree, api, query):
    api.json(f"/api/v1/changes/?{query}", status=400)


def test_pruned_entries_go_and_old_cursors_expire(playbook_tree, api, start):
    publish(playbook_tree.tools[0])
    now = timezone.now()
    assert ledger.prune(now + timedelta(days=31)) > 0
    with pytest.raises(ledger.CursorExpired):
        ledger.parse_cursor(start, now + timedelta(days=31))


def test_the_feed_is_in_the_schema(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/v1/changes/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"since", "limit"}
    assert "400" in operation["responses"]
