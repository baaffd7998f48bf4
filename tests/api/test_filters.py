"""Lists filter and order the way api.md promises."""

import pytest

from tests import factories
from tests.api.conftest import add_solution

pytestmark = pytest.mark.django_db


def slugs(api, url):
    return [item["slug"] for item in api.json(url)["results"]]


def test_tools_filter_by_type_origin_theme_tag_and_organisation(api, rich_tree):
    tree = rich_tree
    tree.tools[1].tool_type = "checklist"
    tree.tools[1].save()
    assert slugs(api, "/api/v1/tools/?type=worksheet") == ["tool-1"]
    assert slugs(api, "/api/v1/tools/?type=worksheet,checklist") == ["tool-1", "tool-2"]
    assert slugs(api, "/api/v1/tools/?origin=partner") == ["tool-1"]
    assert slugs(api, "/api/v1/tools/?theme=measuring-impact") == ["tool-1"]
    assert slugs(api, "/api/v1/tools/?tag=retrospective") == ["tool-1"]
    assert slugs(api, "/api/v1/tools/?organisation=kiva") == ["tool-1"]
    assert slugs(api, "/api/v1/tools/?type=checklist&origin=partner") == []


def test_tools_filter_by_challenge_and_playbook(api, playbook_tree):
    assert slugs(api, "/api/v1/tools/?challenge=challenge-1") == ["tool-1"]
    assert slugs(api, "/api/v1/tools/?challenge=challenge-1,challenge-2") == ["tool-1", "tool-2"]
    other = factories.PlaybookPageFactory(parent=playbook_tree.home, slug="other")
    index = factories.ToolIndexPageFactory(parent=other, slug="tools")
    factories.ToolPageFactory(parent=index, slug="elsewhere")
    assert slugs(api, "/api/v1/tools/?playbook=other") == ["elsewhere"]
    assert len(slugs(api, "/api/v1/tools/?playbook=playbook")) == 3


def test_ordering(api, playbook_tree):
    assert slugs(api, "/api/v1/tools/") == ["tool-1", "tool-2", "tool-3"]
    assert slugs(api, "/api/v1/tools/?ordering=-title") == ["tool-3", "tool-2", "tool-1"]
    assert slugs(api, "/api/v1/tools/?ordering=-position") == ["tool-3", "tool-2", "tool-1"]


def test_search_parameter_narrows_a_list(api, playbook_tree):
    tool = playbook_tree.tools[2]
    tool.summary = "An after-action review template."
    tool.save()
    assert slugs(api, "/api/v1/tools/?search=review") == ["tool-3"]
    assert slugs(api, "/api/v1/tools/?search=review&type=guide") == []


def test_case_studies_filter_by_tool_and_country(api, rich_tree):
    rich_tree.case_study.country = "Kenya"
    rich_tree.case_study.save()
    assert slugs(api, "/api/v1/case-studies/?tool=tool-1") == ["case-1"]
    assert slugs(api, "/api/v1/case-studies/?tool=tool-2") == []
    assert slugs(api, "/api/v1/case-studies/?country=kenya") == ["case-1"]


def test_resources_filter_by_year_and_format(api, playbook_tree):
    factories.ExternalResourcePageFactory(
        parent=playbook_tree.resource_index, slug="video", year=2020, format="video"
    )
    assert slugs(api, "/api/v1/resources/?year=2018") == ["resource-1"]
    assert slugs(api, "/api/v1/resources/?format=video") == ["video"]
    assert slugs(api, "/api/v1/resources/?ordering=-year") == ["video", "resource-1"]


def test_publications_filter_by_lab_year_type_theme_and_challenge(api, playbook_tree):
    tree = playbook_tree
    theme = factories.ThemeFactory(name="Pilots to scale", slug="pilots-to-scale")
    other = factories.AlliancePublicationPageFactory(
        parent=tree.publication_index, slug="checklist", year=2018, publication_type="toolkit"
    )
    other.themes.add(theme)
    other.save()
    assert slugs(api, "/api/v1/publications/?lab=lab-1") == ["publication-1"]
    assert slugs(api, "/api/v1/publications/?year=2018") == ["checklist"]
    assert slugs(api, "/api/v1/publications/?type=toolkit") == ["checklist"]
    assert slugs(api, "/api/v1/publications/?theme=pilots-to-scale") == ["checklist"]
    assert slugs(api, "/api/v1/publications/?challenge=challenge-1") == ["publication-1"]
    assert slugs(api, "/api/v1/publications/?alliance=alliance") == ["publication-1", "checklist"]


def test_learning_labs_filter_by_year_they_ran(api, playbook_tree):
    factories.LearningLabPageFactory(
        parent=playbook_tree.alliance, slug="long-lab", start_year=2015, end_year=2017
    )
    assert slugs(api, "/api/v1/learning-labs/?year=2016") == ["lab-1", "long-lab"]
    assert slugs(api, "/api/v1/learning-labs/?year=2017") == ["long-lab"]
    assert slugs(api, "/api/v1/learning-labs/?year=2019") == []


def test_challenges_filter_by_playbook_in_editor_order(api, playbook_tree):
    other = factories.PlaybookPageFactory(parent=playbook_tree.home, slug="other")
    factories.ChallengePageFactory(parent=other, slug="elsewhere")
    assert slugs(api, "/api/v1/challenges/?playbook=playbook") == ["challenge-1", "challenge-2"]
    assert slugs(api, "/api/v1/challenges/?ordering=-position")[0] == "elsewhere"


def test_filters_only_match_visible_relations(api, playbook_tree):
    add_solution(playbook_tree.challenges[1], playbook_tree.tools[2], position=3)
    playbook_tree.challenges[1].unpublish()
    response = api.get("/api/v1/tools/?challenge=challenge-2")
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "challenge"
