"""Queries per request do not grow with the items or relations a response holds.

Each test builds the same shape of content twice, small and large, and asserts the
exact same number of queries for both (server-side response cache off, after a
warm-up request that creates image renditions once).
"""

import pytest
from django.db import connection
from django.test import override_settings

from playbook_pages.models import ToolTemplate
from tests import factories
from tests.api.conftest import add_solution, make_image, page_link

pytestmark = pytest.mark.django_db

# count, page, themes and tags (one statement), challenges citing the tools
TOOL_LIST_QUERIES = 4
# count, page, themes, challenges citing, images with their renditions
CASE_STUDY_LIST_QUERIES = 5
# challenge, its solutions and ancestors (breadcrumbs, playbook) in one statement,
# siblings, 4 card queries (one per solution type), images with their renditions and
# rich-text link targets in one statement
CHALLENGE_QUERIES = 8
# tool, then its themes, tags, templates, ancestors, citing challenges and (read
# ahead, not on SQLite) the case studies that used it in one statement, related
# tools, images with renditions + documents + rich-text link targets in one statement
TOOL_DETAIL_QUERIES = {"sqlite": 5, "postgresql": 4}
# playbook, then its contributors, ancestors and (read ahead, not on SQLite) challenge
# cards and navigation tree in one statement, images with their renditions
PLAYBOOK_DETAIL_QUERIES = {"sqlite": 5, "postgresql": 3}
# count + search, page of hits, one card query per type present, images with renditions;
# on PostgreSQL the page of hits comes with their count (api.ranking), one query less.
SEARCH_QUERIES = {"sqlite": 5, "postgresql": 4}


def count_queries(api, url, django_assert_num_queries, expected):
    api.json(url)  # warm-up: renditions and content types are made and cached once
    with override_settings(API_RESPONSE_CACHE=False), django_assert_num_queries(expected):
        return api.json(url)


@pytest.fixture
def shared(playbook_tree):
    return {
        "organisation": factories.OrganisationFactory(name="Caribou Digital"),
        "theme": factories.ThemeFactory(name="Learning culture"),
        "image": make_image(),
        "document": factories.DocumentFactory(),
    }


def make_tools(tree, shared, total):
    for number in range(total - len(tree.tools)):
        tool = factories.ToolPageFactory(
            parent=tree.tool_index,
            slug=f"extra-tool-{number}",
            source_organisation=shared["organisation"],
            introduction=f"<p>See {page_link(tree.tools[0])}.</p>",
        )
        tool.themes.add(shared["theme"])
        tool.tags.add("retrospective", f"tag-{number}")
        tool.save()
        ToolTemplate.objects.create(tool=tool, document=shared["document"])
        add_solution(tree.challenges[number % 2], tool, position=10 + number)


def make_case_studies(tree, shared, total):
    for number in range(total - 1):
        case = factories.CaseStudyPageFactory(
            parent=tree.case_index,
            slug=f"extra-case-{number}",
            organisation=shared["organisation"],
            image=make_image(f"Case picture {number}"),
        )
        case.themes.add(shared["theme"])
        case.tools_used.add(tree.tools[0])
        case.save()
        add_solution(tree.challenges[1], case, position=100 + number)


@pytest.mark.parametrize("total", [5, 50])
def test_tool_list(api, playbook_tree, shared, total, django_assert_num_queries):
    make_tools(playbook_tree, shared, total)
    data = count_queries(
        api, "/api/v1/tools/?page_size=50", django_assert_num_queries, TOOL_LIST_QUERIES
    )
    assert len(data["results"]) == total
    assert all(tool["challenges"] for tool in data["results"][3:])


@pytest.mark.parametrize("total", [5, 50])
def test_playbook_detail(api, playbook_tree, shared, total, django_assert_num_queries):
    make_tools(playbook_tree, shared, total)
    make_case_studies(playbook_tree, shared, total)
    playbook = playbook_tree.playbook
    playbook.cover_image = shared["image"]
    playbook.contributors.add(shared["organisation"])
    playbook.save()
    data = count_queries(
        api,
        f"/api/v1/playbooks/{playbook.slug}/",
        django_assert_num_queries,
        PLAYBOOK_DETAIL_QUERIES[connection.vendor],
    )
    assert [card["slug"] for card in data["challenges"]] == ["challenge-1", "challenge-2"]
    below = {node["slug"]: node for node in data["navigation"]}
    assert len(below["tools"]["children"]) >= total
    assert len(below["case-studies"]["children"]) >= total - 1
    assert data["cover_image"]["width"] and data["contributors"] and data["breadcrumbs"]


@pytest.mark.parametrize("total", [5, 50])
def test_tool_detail(api, playbook_tree, shared, total, django_assert_num_queries):
    make_tools(playbook_tree, shared, total)
    make_case_studies(playbook_tree, shared, total)
    tool = playbook_tree.tools[0]
    tool.themes.add(shared["theme"])
    tool.tags.add("retrospective")
    tool.introduction = f"<p>See {page_link(playbook_tree.case_study)}.</p>"
    tool.save()
    ToolTemplate.objects.create(tool=tool, document=shared["document"])
    api.json(f"/api/v1/tools/{tool.slug}/")  # the content version settles after the changes
    expected = TOOL_DETAIL_QUERIES[connection.vendor]
    data = count_queries(api, f"/api/v1/tools/{tool.slug}/", django_assert_num_queries, expected)
    assert len(data["case_studies"]) >= total - 1  # every extra case study used it
    assert data["challenges"] and data["related_tools"] and data["downloads"]
    assert data["breadcrumbs"] and data["themes"] and data["tags"]


@pytest.mark.parametrize("total", [5, 50])
def test_case_study_list(api, playbook_tree, shared, total, django_assert_num_queries):
    make_case_studies(playbook_tree, shared, total)
    data = count_queries(
        api,
        "/api/v1/case-studies/?page_size=50",
        django_assert_num_queries,
        CASE_STUDY_LIST_QUERIES,
    )
    assert len(data["results"]) == total
    assert all(case["image"]["renditions"] for case in data["results"][1:])


@pytest.mark.parametrize("solutions", [2, 20])
def test_challenge_with_solutions(api, playbook_tree, shared, solutions, django_assert_num_queries):
    tree = playbook_tree
    challenge = tree.challenges[1]
    challenge.solutions.all().delete()
    challenge.why_it_matters = f"<p>Read {page_link(tree.case_study)}.</p>"
    challenge.save()
    makers = [
        lambda n: factories.ToolPageFactory(parent=tree.tool_index, slug=f"s-tool-{n}"),
        lambda n: factories.CaseStudyPageFactory(
            parent=tree.case_index, slug=f"s-case-{n}", image=make_image(f"Case {n}")
        ),
        lambda n: factories.ExternalResourcePageFactory(
            parent=tree.resource_index, slug=f"s-resource-{n}"
        ),
        lambda n: factories.AlliancePublicationPageFactory(
            parent=tree.publication_index, slug=f"s-publication-{n}", cover_image=shared["image"]
        ),
    ]
    for number in range(solutions):
        add_solution(challenge, makers[number % 4](number), position=number, note=f"Note {number}")
    data = count_queries(
        api, "/api/v1/challenges/challenge-2/", django_assert_num_queries, CHALLENGE_QUERIES
    )
    assert data["solution_count"] == solutions
    assert data["solutions"]["case_studies"][0]["page"]["image"]["renditions"]


@pytest.mark.parametrize("total", [5, 50])
def test_search(api, playbook_tree, shared, total, django_assert_num_queries):
    make_tools(playbook_tree, shared, total)
    make_case_studies(playbook_tree, shared, total)
    data = count_queries(
        api,
        "/api/v1/search/?q=tool&page_size=100&type=tool,case_study",
        django_assert_num_queries,
        SEARCH_QUERIES[connection.vendor],
    )
    assert {hit["type"] for hit in data["results"]} == {"tool", "case_study"}
    assert data["count"] >= total
