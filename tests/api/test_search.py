"""Search across every content type, typed results, on SQLite and PostgreSQL alike."""

import pytest

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
