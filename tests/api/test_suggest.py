"""A search that finds nothing suggests the words as visible pages spell them."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def cartography_tool(playbook_tree):
    tool = playbook_tree.tools[0]
    tool.title = "Cartography learning commitment"
    tool.save_revision().publish()
    return tool


def test_a_typo_gets_a_suggestion_that_finds_the_page(api, cartography_tool):
    body = api.json("/api/v1/search/?q=cartografy")
    assert body["count"] == 0
    assert body["suggestion"] == "cartography"
    found = api.json(f"/api/v1/search/?q={body['suggestion']}")
    assert [item["slug"] for item in found["results"]] == ["tool-1"]
    assert found["suggestion"] is None


def test_words_of_hidden_pages_are_never_suggested(api, cartography_tool):
    cartography_tool.unpublish()
    assert api.json("/api/v1/search/?q=cartografy")["suggestion"] is None


def test_nonsense_gets_no_suggestion_and_the_schema_says_so(api, cartography_tool):
    assert api.json("/api/v1/search/?q=zzqxv")["suggestion"] is None
    schema = api.get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/search/"]["get"]
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
    if "$ref" in answer:
        answer = schema["components"]["schemas"][answer["$ref"].rsplit("/", 1)[1]]
    assert "suggestion" in answer["properties"]
