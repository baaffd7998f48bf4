"""Drafts, unpublished, private, expired and other sites' pages never appear anywhere."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from tests import factories
from tests.api.conftest import add_solution, page_link

pytestmark = pytest.mark.django_db


def hide_as_draft(page):
    page.live = False
    page.save()


def hide_by_unpublishing(page):
    page.unpublish()


def hide_behind_password(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


def hide_by_expiry_time(page):
    # Past its expiry time but not yet unpublished by the scheduler: still live=True.
    page.expire_at = timezone.now() - datetime.timedelta(minutes=5)
    page.save()


def hide_as_expired(page):
    page.expired = True
    page.live = False
    page.save()


HIDING = [
    hide_as_draft,
    hide_by_unpublishing,
    hide_behind_password,
    hide_by_expiry_time,
    hide_as_expired,
]


def slugs(items):
    return [item["slug"] for item in items]


def all_nodes(tree):
    for node in tree:
        yield node
        yield from all_nodes(node["children"])


@pytest.fixture
def linked_tree(rich_tree):
    """Tool 1 is a solution, a related tool, a tool used, a link target and a search hit."""
    tree = rich_tree
    add_solution(tree.challenges[0], tree.tools[2], position=5)
    tree.case_study.situation = f"<p>They used {page_link(tree.tools[0], 'Tool 1')} daily.</p>"
    tree.case_study.save()
    return tree


@pytest.mark.parametrize("hide", HIDING, ids=lambda hide: hide.__name__)
def test_a_hidden_page_appears_nowhere(api, linked_tree, hide):
    tool = Page.objects.get(pk=linked_tree.tools[0].pk).specific
    hide(tool)

    assert "tool-1" not in slugs(api.json("/api/v1/tools/")["results"])
    assert "tool-1" not in slugs(api.json("/api/v1/tools/?search=Tool")["results"])
    for url in [
        "/api/v1/tools/tool-1/",
        f"/api/v1/pages/{tool.pk}/",
        "/api/v1/pages/?path=/playbook/tools/tool-1/",
    ]:
        assert api.get(url).status_code == 404, url
    assert tool.pk not in [hit["id"] for hit in api.json("/api/v1/search/?q=tool")["results"]]

    challenge = api.json("/api/v1/challenges/challenge-1/")
    assert slugs(item["page"] for item in challenge["solutions"]["tools"]) == ["tool-3"]
    assert challenge["solution_count"] == 4

    case = api.json("/api/v1/case-studies/case-1/")
    assert case["tools_used"] == []
    assert case["situation"] == "<p>They used Tool 1 daily.</p>"

    assert api.json("/api/v1/tools/tool-3/")["related_tools"] == []
    playbook = api.json("/api/v1/playbooks/playbook/")
    assert tool.pk not in [node["id"] for node in all_nodes(playbook["navigation"])]


def test_unpublished_changes_to_a_live_page_stay_hidden(api, playbook_tree):
    tool = playbook_tree.tools[0]
    tool.title = "A draft title"
    tool.save_revision()
    assert api.json("/api/v1/tools/tool-1/")["title"] == "Tool 1"
    assert "A draft title" not in str(api.json("/api/v1/tools/"))


def test_a_private_section_hides_everything_below_it(api, playbook_tree):
    PageViewRestriction.objects.create(
        page=playbook_tree.tool_index, restriction_type=PageViewRestriction.LOGIN
    )
    assert api.json("/api/v1/tools/")["count"] == 0
    assert api.get("/api/v1/pages/?path=/playbook/tools/").status_code == 404
    playbook = api.json("/api/v1/playbooks/playbook/")
    assert "tools" not in slugs(playbook["navigation"])


@pytest.fixture
def other_site(playbook_tree):
    root = Page.get_first_root_node()
    home = factories.HomePageFactory(parent=root, slug="other-hub", title="Other hub")
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, site_name="Other")
    playbook = factories.PlaybookPageFactory(parent=home, slug="foreign-playbook")
    index = factories.ToolIndexPageFactory(parent=playbook, slug="tools")
    tool = factories.ToolPageFactory(parent=index, slug="foreign-tool", title="Foreign tool")
    add_solution(playbook_tree.challenges[0], tool, position=8)
    playbook_tree.case_study.situation = f"<p>See {page_link(tool, 'elsewhere')}.</p>"
    playbook_tree.case_study.save()
    return tool


def test_pages_of_another_site_never_appear(api, playbook_tree, other_site):
    assert "foreign-tool" not in slugs(api.json("/api/v1/tools/")["results"])
    assert api.get("/api/v1/tools/foreign-tool/").status_code == 404
    assert api.get(f"/api/v1/pages/{other_site.pk}/").status_code == 404
    assert api.get("/api/v1/pages/?path=/foreign-playbook/").status_code == 404
    assert "Foreign" not in str(api.json("/api/v1/search/?q=foreign"))
    challenge = api.json("/api/v1/challenges/challenge-1/")
    assert "foreign-tool" not in slugs(item["page"] for item in challenge["solutions"]["tools"])
    case = api.json("/api/v1/case-studies/case-1/")
    assert case["situation"] == "<p>See elsewhere.</p>"


def test_each_site_sees_its_own_pages(api, playbook_tree, other_site):
    other_host = {"HTTP_HOST": "127.0.0.1"}
    tools = api.json("/api/v1/tools/", **other_host)["results"]
    assert slugs(tools) == ["foreign-tool"]
    assert tools[0]["path"] == "/foreign-playbook/tools/foreign-tool/"
    assert api.json("/api/v1/pages/?path=/", **other_host)["title"] == "Other hub"
    assert api.get("/api/v1/tools/tool-1/", **other_host).status_code == 404
    # The same URL on two hosts is two cached responses.
    assert api.json("/api/v1/tools/")["results"][0]["slug"] == "tool-1"
