"""``/facets/`` counts what each filter value would leave, over visible pages only."""

import pytest

from tests import factories
from tests.api.conftest import add_solution

pytestmark = pytest.mark.django_db


def values(facet):
    return {item["value"]: item["count"] for item in facet}


@pytest.fixture
def publications(playbook_tree):
    """Three publications: 2018 toolkit (theme pilots), 2021 toolkit (pilots), the tree's one."""
    tree = playbook_tree
    pilots = factories.ThemeFactory(name="Pilots to scale", slug="pilots-to-scale")
    made = []
    for slug, year in (("toolkit-2018", 2018), ("toolkit-2021", 2021)):
        page = factories.AlliancePublicationPageFactory(
            parent=tree.publication_index, slug=slug, year=year, publication_type="toolkit"
        )
        page.themes.add(pilots)
        page.save()
        made.append(page)
    tree.publication.year = 2021
    tree.publication.publication_type = "report"
    tree.publication.save()
    return made


def test_publication_facets_count_each_value_and_ignore_their_own_filter(api, publications):
    body = api.json("/api/v1/publications/facets/")
    assert body["count"] == 3
    assert body["facets"]["year"] == [
        {"value": "2021", "label": "2021", "count": 2},
        {"value": "2018", "label": "2018", "count": 1},
    ]
    assert values(body["facets"]["type"]) == {"toolkit": 2, "report": 1}
    assert body["facets"]["theme"] == [
        {"value": "pilots-to-scale", "label": "Pilots to scale", "count": 2}
    ]
    assert values(body["facets"]["challenge"]) == {"challenge-1": 1}

    # With a year chosen, the other facets count within it; the year facet still
    # offers every year, so the reader can switch.
    body = api.json("/api/v1/publications/facets/?year=2021")
    assert body["count"] == 2
    assert values(body["facets"]["year"]) == {"2021": 2, "2018": 1}
    assert values(body["facets"]["type"]) == {"toolkit": 1, "report": 1}
    # The counts are what the list answers.
    listed = api.json("/api/v1/publications/?year=2021&type=toolkit")
    facets = api.json("/api/v1/publications/facets/?year=2021&type=toolkit")
    assert listed["count"] == facets["count"] == 1


def test_hidden_pages_are_in_no_count(api, publications, playbook_tree):
    publications[1].unpublish()  # the 2021 toolkit
    body = api.json("/api/v1/publications/facets/")
    assert body["count"] == 2
    assert values(body["facets"]["year"]) == {"2021": 1, "2018": 1}
    assert values(body["facets"]["theme"]) == {"pilots-to-scale": 1}
    # A hidden challenge is no facet value, even though it still cites the page.
    playbook_tree.challenges[0].unpublish()
    body = api.json("/api/v1/publications/facets/")
    assert body["facets"]["challenge"] == []


def test_tool_facets_by_type_challenge_and_theme(api, rich_tree):
    tree = rich_tree
    add_solution(tree.challenges[1], tree.tools[0], 1)
    body = api.json("/api/v1/tools/facets/")
    assert body["count"] == 3
    assert values(body["facets"]["challenge"]) == {"challenge-1": 1, "challenge-2": 2}
    assert [item["label"] for item in body["facets"]["challenge"]] == ["Challenge 1", "Challenge 2"]
    assert values(body["facets"]["theme"]) == {"measuring-impact": 1}
    assert {"value": "worksheet", "label": "Worksheet", "count": 1} in body["facets"]["type"]
    narrowed = api.json("/api/v1/tools/facets/?challenge=challenge-1")
    assert narrowed["count"] == 1
    assert values(narrowed["facets"]["type"]) == {"worksheet": 1}


def test_facets_refuse_what_the_list_refuses(api, publications):
    body = api.json("/api/v1/publications/facets/?year=1800", status=400)
    assert body["errors"][0]["parameter"] == "year"
    body = api.json("/api/v1/publications/facets/?theme=nothing-here", status=400)
    assert body["errors"][0]["parameter"] == "theme"
    # Pagination and ordering shape a list page; counts have neither.
    body = api.json("/api/v1/publications/facets/?page=2", status=400)
    assert body["errors"][0]["parameter"] == "page"
    api.json("/api/v1/publications/facets/?type=toolkit&type=report")


def test_facets_carry_an_etag_and_answer_304(api, client, publications):
    response = client.get("/api/v1/publications/facets/")
    assert response["ETag"]
    again = client.get("/api/v1/publications/facets/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_facets_are_documented_with_their_own_shape(api):
    schema = api.get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/publications/facets/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"theme", "year", "type", "challenge"} <= names
    assert not {"page", "page_size", "ordering"} & names
    response = operation["responses"]["200"]["content"]["application/json"]["schema"]
    component = schema["components"]["schemas"][response["$ref"].rsplit("/", 1)[1]]
    assert set(component["properties"]) == {"count", "facets"}
    assert "/api/v1/tools/facets/" in schema["paths"]
    assert "/api/v1/playbooks/facets/" not in schema["paths"]
