"""Queries per build do not grow with the items or relations a response holds.

Each test builds the same shape of content twice, small and large, and asserts the
exact same number of queries for both (server-side response cache off, after a
warm-up request that creates image renditions once): through the API's requests,
and through the serializers alone (``serializer_context`` with no request), many
details at once, as the representation store builds them.
"""

import pytest
from django.db import connection
from django.test import RequestFactory, override_settings

from api.context import serializer_context
from api.scope import PageScope
from api.serializers.playbook import CaseStudySerializer, ToolSerializer
from playbook_pages.models import CaseStudyPage, ToolPage, ToolTemplate
from tests import factories
from tests.api.conftest import add_solution, make_image, page_link

pytestmark = pytest.mark.django_db

# Each query named once is one query however many pages it serves (a relation's
# query only where some page has one).
# count, tools, their organisations, themes, tags, challenges citing them
TOOL_LIST_QUERIES = 6
# count, case studies, their organisations, themes, challenges citing them, images,
# their renditions
CASE_STUDY_LIST_QUERIES = 7
# challenge, its solutions, ancestors (breadcrumbs and playbook), siblings, a card
# query per solution type (4), the tools' and the case studies' organisations,
# images, their renditions, rich-text link targets
CHALLENGE_QUERIES = 12
# tool, its organisation, themes, tags, templates, ancestors, citing challenges, the
# case studies that used it and their cards with organisations, what the challenges
# offer and the related tools' cards with organisations, images, their renditions,
# documents, rich-text link targets
TOOL_DETAIL_QUERIES = 16
# playbook, its organisation, contributors, ancestors, challenge cards, navigation
# tree, images, their renditions
PLAYBOOK_DETAIL_QUERIES = 7
# count, hits, one card query per type present, the organisations each type shows,
# images, their renditions; on PostgreSQL the page of hits comes with their count
# (api.ranking), one query less.
SEARCH_QUERIES = {"sqlite": 8, "postgresql": 7}


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
        PLAYBOOK_DETAIL_QUERIES,
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
    data = count_queries(
        api, f"/api/v1/tools/{tool.slug}/", django_assert_num_queries, TOOL_DETAIL_QUERIES
    )
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


# Tool details: as through the API, with the related tools' organisations; case study
# details: case studies, organisations, themes, tools used, citing challenges,
# ancestors, the tools' cards, images, their renditions.
BUILD_QUERIES = {ToolSerializer: TOOL_DETAIL_QUERIES + 1, CaseStudySerializer: 9}


@pytest.mark.parametrize("total", [5, 50])
@pytest.mark.parametrize("serializer_class", [ToolSerializer, CaseStudySerializer])
def test_building_many_details_at_once(
    playbook_tree, shared, total, serializer_class, django_assert_num_queries
):
    tree = playbook_tree
    make_tools(tree, shared, total)
    make_case_studies(tree, shared, total)
    scope = PageScope.for_request(RequestFactory().get("/"))
    model = serializer_class.Meta.model

    def build():
        # Instances as a builder has them: a plain queryset, nothing prefetched.
        pages = list(model.objects.filter(pk__in=scope.pages(model).values("pk")))
        context = serializer_context(scope)
        return context["refs"].resolve(serializer_class(pages, many=True, context=context).data)

    build()  # warm-up: renditions are made once (saving the images' file hashes)
    build()  # the content version settles after those saves
    with django_assert_num_queries(BUILD_QUERIES[serializer_class]):
        data = build()
    assert len(data) == (len(tree.tools) + total - 3 if model is ToolPage else total)
    if model is CaseStudyPage:
        assert all(case["breadcrumbs"] for case in data)
        assert sum(bool(case["tools_used"]) for case in data) == total - 1  # the extra ones
    else:
        assert sum(bool(tool["case_studies"]) for tool in data) == 1  # tools[0] only
        assert sum(bool(tool["downloads"]) for tool in data) == total - 3  # the extra ones
