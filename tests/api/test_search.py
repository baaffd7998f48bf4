"""Search across every content type, typed results, on SQLite and PostgreSQL alike."""

import pytest
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from content import kinds
from tests import factories

pytestmark = pytest.mark.django_db


def test_search_finds_every_type_with_typed_cards(api, rich_tree):
    tree = rich_tree
    tree.tools[1].summary = "Run a learning agenda workshop."
    tree.tools[1].save()
    tree.case_study.summary = "Kiva kept a learning agenda for a year."
    tree.case_study.save()
    tree.publication.summary = "A learning agenda for alliances."
    tree.publication.save()
    data = api.json("/api/v1/search/?q=learning agenda")
    by_type = {hit["type"]: hit for hit in data["results"]}
    assert set(by_type) == {"tool", "case_study", "publication"}
    assert by_type["tool"]["path"] == "/playbook/tools/tool-2/"
    assert by_type["tool"]["tool_type_label"] == "Template"
    assert by_type["case_study"]["organisation"]["name"] == "Kiva"
    assert by_type["publication"]["api_url"] == f"/api/v1/pages/{tree.publication.pk}/"
    assert data["count"] == 3


def test_search_by_type_and_page(api, playbook_tree):
    for tool in playbook_tree.tools:
        tool.summary = "A retrospective format."
        tool.save()
    only_tools = api.json("/api/v1/search/?q=retrospective&type=tool&page_size=2")
    assert only_tools["count"] == 3
    assert [hit["type"] for hit in only_tools["results"]] == ["tool", "tool"]
    assert api.json(only_tools["next"])["results"][0]["type"] == "tool"
    assert api.json("/api/v1/search/?q=retrospective&type=summit")["count"] == 0


def test_search_ignores_query_syntax(api, playbook_tree):
    plain = api.json("/api/v1/search/?q=tool")["count"]
    assert plain >= 3
    assert api.json('/api/v1/search/?q="(tool*')["count"] == plain


def test_index_and_home_pages_are_not_search_results(api, playbook_tree):
    types = {hit["type"] for hit in api.json("/api/v1/search/?q=tools hub")["results"]}
    assert not types & {"home", "tool_index"}


def test_results_come_in_wagtails_relevance_order_also_on_ties(api, playbook_tree):
    """The API ranks in one pass on SQLite; the order must stay Wagtail's own."""
    tree = playbook_tree
    for number in range(4):  # identical text: equal scores, so the newest page comes first
        factories.ToolPageFactory(
            parent=tree.tool_index,
            slug=f"twin-{number}",
            title="Twin retrospective",
            summary="A retrospective.",
        )
    tree.tools[0].title = "Retrospective retrospective"
    tree.tools[0].summary = "Retrospective, retrospective and retrospective."
    tree.tools[0].save()
    tree.case_study.summary = "Once, a retrospective."
    tree.case_study.save()
    # Title weights depend on the titles indexed so far; level them so the twins tie.
    IndexEntry.objects.update(title_norm=1.0)
    searchable = [page_type.model for page_type in kinds.SEARCHABLE_KINDS]
    pages = Page.objects.live().type(*searchable)
    wagtail_order = [page.pk for page in pages.search("retrospective", operator="and")]
    data = api.json("/api/v1/search/?q=retrospective&page_size=50")
    assert [hit["id"] for hit in data["results"]] == wagtail_order
    assert len(wagtail_order) == 6
    assert data["count"] == 6
    second_page = api.json("/api/v1/search/?q=retrospective&page_size=4&page=2")
    assert [hit["id"] for hit in second_page["results"]] == wagtail_order[4:]


def test_search_pages_count_every_hit_and_refuse_a_page_past_the_end(api, playbook_tree):
    for number in range(5):
        factories.ToolPageFactory(
            parent=playbook_tree.tool_index, slug=f"paged-{number}", summary="A kanban board."
        )
    last = api.json("/api/v1/search/?q=kanban&page_size=2&page=3")
    assert last["count"] == 5
    assert last["total_pages"] == 3
    assert len(last["results"]) == 1
    assert last["next"] is None
    error = api.json("/api/v1/search/?q=kanban&page_size=2&page=4", status=404)
    assert error["errors"] == [
        {"parameter": "page", "message": "page 4 does not exist; there are 3 pages."}
    ]
    nothing = api.json("/api/v1/search/?q=zeppelin")
    assert (nothing["count"], nothing["results"], nothing["total_pages"]) == (0, [], 1)
