"""What a frontend renders from one request: playbook, challenge, tool and the rest."""

import pytest

from tests import factories
from tests.api.conftest import add_solution, make_image

pytestmark = pytest.mark.django_db

COMMON_FIELDS = {
    "id",
    "type",
    "title",
    "slug",
    "path",
    "api_url",
    "summary",
    "first_published_at",
    "last_published_at",
}


def test_playbook_detail_has_challenges_and_navigation_tree(api, rich_tree):
    data = api.json("/api/v1/playbooks/playbook/")
    assert data.keys() >= COMMON_FIELDS
    assert data["type"] == "playbook"
    assert data["path"] == "/playbook/"
    assert data["api_url"] == f"/api/v1/pages/{rich_tree.playbook.pk}/"
    assert [c["slug"] for c in data["challenges"]] == ["challenge-1", "challenge-2"]
    assert data["challenges"][0]["element_name"] == "Supportive leadership"
    sections = {node["slug"]: node for node in data["navigation"]}
    assert list(sections) == ["challenge-1", "challenge-2", "tools", "case-studies", "resources"]
    assert [tool["path"] for tool in sections["tools"]["children"]] == [
        "/playbook/tools/tool-1/",
        "/playbook/tools/tool-2/",
        "/playbook/tools/tool-3/",
    ]
    assert sections["tools"]["type"] == "tool_index"
    assert data["pdf"]["url"] == "/api/v1/playbooks/playbook/pdf/"
    assert data["breadcrumbs"] == [
        {
            "id": rich_tree.home.pk,
            "type": "home",
            "title": "Knowledge hub",
            "slug": "hub",
            "path": "/",
            "api_url": f"/api/v1/pages/{rich_tree.home.pk}/",
        }
    ]


def test_challenge_detail_expands_solutions_as_cards_grouped_by_kind(api, rich_tree):
    challenge = rich_tree.challenges[0]
    challenge.solutions.filter(page=rich_tree.case_study).update(note="Start here.")
    data = api.json("/api/v1/challenges/challenge-1/")
    groups = data["solutions"]
    assert set(groups) == {"tools", "case_studies", "resources", "publications"}
    assert data["solution_count"] == 4
    tool = groups["tools"][0]
    assert tool["position"] == 0
    assert tool["page"]["type"] == "tool"
    assert tool["page"]["path"] == "/playbook/tools/tool-1/"
    assert tool["page"]["tool_type"] == "worksheet"
    assert tool["page"]["source_organisation"]["name"] == "Kiva"
    case = groups["case_studies"][0]
    assert case["note"] == "Start here."
    assert case["position"] == 1
    assert case["page"]["title"] == rich_tree.case_study.title
    rendition = case["page"]["image"]["renditions"]["thumbnail"]
    assert rendition["url"].startswith("/media/images/")
    assert rendition["width"] > 0 and rendition["height"] > 0
    assert groups["resources"][0]["page"]["url"] == "https://example.org/report"
    assert groups["publications"][0]["page"]["type"] == "publication"
    assert data["playbook"]["slug"] == "playbook"
    assert data["previous"] is None
    assert data["next"]["slug"] == "challenge-2"


def test_tool_detail_has_steps_downloads_and_related_items(api, rich_tree):
    add_solution(rich_tree.challenges[0], rich_tree.tools[2], position=9)
    data = api.json("/api/v1/tools/tool-1/")
    assert data["type"] == "tool"
    assert data["tool_type_label"] == "Worksheet"
    assert data["origin"] == "partner"
    assert [step["type"] for step in data["how_to"]] == ["step", "image", "checklist"]
    step = data["how_to"][0]["value"]
    assert step["title"] == "Agree the questions"
    assert step["duration"] == "30 minutes"
    picture = data["how_to"][1]["value"]["image"]
    assert picture["alt"] == "People at a table"
    assert picture["width"] == 640 and picture["height"] == 480
    assert picture["renditions"]["large"]["width"] == 640
    assert data["how_to"][2]["value"]["items"] == ["Book a room", "Print"]
    [download] = data["downloads"]
    assert download["title"] == "Learning agenda template"
    assert download["url"] == rich_tree.document.url
    assert download["file_size"] == rich_tree.document.file.size
    assert download["content_type"] == "text/plain"
    assert download["description"] == "Fill it in together."
    assert [c["slug"] for c in data["challenges"]] == ["challenge-1"]
    assert [c["slug"] for c in data["case_studies"]] == ["case-1"]
    assert [t["slug"] for t in data["related_tools"]] == ["tool-3"]
    assert data["themes"] == [
        {
            "id": rich_tree.theme.pk,
            "name": "Measuring impact",
            "slug": "measuring-impact",
            "description": "",
        }
    ]
    assert data["tags"] == [{"name": "retrospective", "slug": "retrospective"}]


def test_case_study_lists_tools_used_and_challenges(api, rich_tree):
    data = api.json("/api/v1/case-studies/case-1/")
    assert data["organisation"]["slug"] == "kiva"
    assert [t["slug"] for t in data["tools_used"]] == ["tool-1"]
    assert [c["slug"] for c in data["challenges"]] == ["challenge-1"]
    assert data["image"]["alt"] == "Workshop"


def test_alliance_side_details(api, rich_tree):
    publication = api.json("/api/v1/publications/publication-1/")
    assert publication["learning_lab"]["slug"] == "lab-1"
    assert publication["challenges"][0]["slug"] == "challenge-1"
    lab = api.json("/api/v1/learning-labs/lab-1/")
    assert [p["slug"] for p in lab["publications"]] == ["publication-1"]
    assert lab["alliance"]["slug"] == "alliance"
    summit = api.json("/api/v1/summits/summit-1/")
    assert summit["country"] == "Zambia"
    assert summit["alliance"]["path"] == "/alliance/"
    alliance = api.json("/api/v1/alliances/alliance/")
    assert {node["slug"] for node in alliance["navigation"]} == {
        "lab-1",
        "publications",
        "summit-1",
    }


def test_snippets_list_and_detail(api, rich_tree):
    rich_tree.organisation.logo = make_image("Kiva logo")
    rich_tree.organisation.save()
    organisations = api.json("/api/v1/organisations/")
    assert [o["slug"] for o in organisations["results"]] == ["kiva"]
    kiva = api.json("/api/v1/organisations/kiva/")
    assert kiva["kind_label"] == "Non-profit"
    assert kiva["logo"]["title"] == "Kiva logo"
    assert api.json("/api/v1/themes/measuring-impact/")["name"] == "Measuring impact"


@pytest.mark.parametrize(
    ("path", "page_type"),
    [
        ("/", "home"),
        ("/playbook/", "playbook"),
        ("/playbook/challenge-2/", "challenge"),
        ("/playbook/tools/", "tool_index"),
        ("/playbook/tools/tool-2/", "tool"),
        ("/playbook/case-studies/case-1", "case_study"),
        ("/playbook/resources/resource-1/", "resource"),
        ("/alliance/publications/", "publication_index"),
        ("/alliance/lab-1/", "learning_lab"),
    ],
)
def test_path_lookup_returns_the_typed_detail(api, playbook_tree, path, page_type):
    data = api.json(f"/api/v1/pages/?path={path}")
    assert data["type"] == page_type
    assert data["path"] == path if path.endswith("/") else path + "/"
    assert api.json(data["api_url"]) == data


def test_path_lookup_answers_exactly_like_the_type_endpoint(api, rich_tree):
    by_path = api.json("/api/v1/pages/?path=/playbook/tools/tool-1/")
    assert by_path == api.json("/api/v1/tools/tool-1/")


def test_index_page_points_at_its_filtered_list(api, playbook_tree):
    data = api.json("/api/v1/pages/?path=/playbook/tools/")
    assert data["items_url"] == "/api/v1/tools/?playbook=playbook"
    assert api.json(data["items_url"])["count"] == 3


def test_lists_paginate_with_relative_links(api, playbook_tree):
    first = api.json("/api/v1/tools/?page_size=2&ordering=title")
    assert first["count"] == 3
    assert first["total_pages"] == 2
    assert first["previous"] is None
    assert first["next"] == "/api/v1/tools/?ordering=title&page=2&page_size=2"
    second = api.json(first["next"])
    assert [tool["slug"] for tool in second["results"]] == ["tool-3"]
    assert second["previous"] == "/api/v1/tools/?ordering=title&page_size=2"


def test_slug_shared_by_two_pages_of_a_type_asks_for_the_id(api, playbook_tree):
    other = factories.PlaybookPageFactory(parent=playbook_tree.home, slug="second")
    index = factories.ToolIndexPageFactory(parent=other, slug="tools")
    twin = factories.ToolPageFactory(parent=index, slug="tool-1")
    response = api.get("/api/v1/tools/tool-1/")
    assert response.status_code == 400
    message = response.json()["errors"][0]["message"]
    assert f"/api/v1/pages/{twin.pk}/" in message
    assert f"/api/v1/pages/{playbook_tree.tools[0].pk}/" in message
