"""Hand-written page queries (api.rows) pick and read exactly what the ORM would."""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from api.rows import Where, load_relations, page_rows
from api.scope import PageScope
from playbook_pages.models import (
    CaseStudyPage,
    ChallengeSolution,
    ToolPage,
    ToolTemplate,
)
from tests import factories

pytestmark = pytest.mark.django_db


def scope_for(host="testserver"):
    return PageScope.for_request(RequestFactory().get("/api/v1/", HTTP_HOST=host))


def visible_ids(scope, where=None, model=Page):
    return {row.id for row in page_rows(model, ("id",)).fetch(scope, where, order_by=None)}


@pytest.fixture
def pages_in_every_state(playbook_tree):
    """One page per reason to hide it, besides the visible ones of the tree."""
    tree = playbook_tree
    tools = [factories.ToolPageFactory(parent=tree.tool_index, slug=f"state-{n}") for n in range(6)]
    draft, expired, past_expiry, private, future_expiry, unpublished = tools
    draft.live = False
    draft.save()
    expired.expired = True
    expired.save()
    past_expiry.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    past_expiry.save()
    future_expiry.expire_at = timezone.now() + datetime.timedelta(days=1)
    future_expiry.save()
    unpublished.unpublish()
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    # A private section: everything below the case study folder is hidden with it.
    PageViewRestriction.objects.create(
        page=tree.case_index, restriction_type=PageViewRestriction.LOGIN
    )
    other_home = factories.HomePageFactory(parent=Page.get_first_root_node(), slug="other")
    Site.objects.create(hostname="other.example", root_page=other_home)
    factories.ToolIndexPageFactory(parent=other_home, slug="other-tools")
    return tree, {"future_expiry": future_expiry}


@pytest.mark.parametrize("host", ["testserver", "other.example"])
def test_scope_sql_picks_the_same_pages_as_scope_q(pages_in_every_state, host, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    tree, _ = pages_in_every_state
    scope = scope_for(host)
    expected = set(scope.pages().values_list("id", flat=True))
    assert visible_ids(scope) == expected
    assert expected  # each site sees its own pages, and only those
    assert (tree.tools[0].pk in expected) == (host == "testserver")


def test_hidden_pages_are_left_out_and_an_unexpired_page_is_kept(pages_in_every_state):
    tree, pages = pages_in_every_state
    ids = visible_ids(scope_for(), Where.below(tree.tool_index.path))
    slugs = set(Page.objects.filter(id__in=ids).values_list("slug", flat=True))
    assert slugs == {"tool-1", "tool-2", "tool-3", "state-4"}
    assert pages["future_expiry"].slug == "state-4"
    assert not visible_ids(scope_for(), Where.below(tree.case_index.path))
    assert tree.case_index.pk not in visible_ids(scope_for())


def test_where_conditions_match_their_orm_twins(playbook_tree):
    tree = playbook_tree
    scope = scope_for()
    visible = scope.pages()

    def ids(queryset):
        return set(queryset.values_list("id", flat=True))

    assert visible_ids(scope, Where.children(tree.playbook)) == ids(visible.child_of(tree.playbook))
    assert visible_ids(scope, Where.below(tree.playbook.path)) == ids(
        visible.descendant_of(tree.playbook)
    )
    assert visible_ids(scope, Where.ids([tree.tools[0].pk, tree.case_study.pk, 999_999])) == {
        tree.tools[0].pk,
        tree.case_study.pk,
    }
    assert visible_ids(scope, Where.paths([tree.playbook.path, tree.home.path])) == {
        tree.playbook.pk,
        tree.home.pk,
    }
    assert visible_ids(scope, ~Where.ids([tree.home.pk]) & Where.paths([tree.home.path])) == set()
    assert visible_ids(scope, Where.ids([])) == set()


def test_relation_conditions(playbook_tree):
    tree = playbook_tree
    scope = scope_for()
    case = CaseStudyPage.objects.get(pk=tree.case_study.pk)
    case.tools_used.add(tree.tools[2])
    case.save()
    assert visible_ids(scope, Where.in_relation(CaseStudyPage, "tools_used", tree.tools[2].pk)) == {
        case.pk
    }
    cited = Where.pointed_at(ChallengeSolution, "page", "challenge", [tree.challenges[0].pk])
    assert visible_ids(scope, cited) == {
        tree.tools[0].pk,
        tree.case_study.pk,
        tree.resource.pk,
        tree.publication.pk,
    }
    assert visible_ids(scope, Where.pointed_at(ChallengeSolution, "page", "challenge", [])) == set()


def test_rows_hold_what_the_orm_reads(playbook_tree):
    """Converted values (dates, booleans, StreamFields) and joined objects, as instances have."""
    tool = ToolPage.objects.get(pk=playbook_tree.tools[0].pk)
    tool.source_organisation = factories.OrganisationFactory(name="Kiva")
    tool.how_to = [("checklist", {"title": "Before", "items": ["Book a room"]})]
    tool.save_revision().publish()
    tool.refresh_from_db()
    [row] = page_rows(ToolPage, None, ("source_organisation",)).fetch(
        scope_for(), Where.ids([tool.pk])
    )
    for field in ToolPage._meta.concrete_fields:
        if field.name == "page_ptr" or field.name == "how_to":
            continue
        assert getattr(row, field.attname) == getattr(tool, field.attname), field.name
    assert row.first_published_at == tool.first_published_at
    assert row.first_published_at.tzinfo is not None
    assert row.live is True
    assert list(row.how_to.raw_data) == list(tool.how_to.raw_data)
    assert row.source_organisation.name == "Kiva"
    assert row.pk == tool.pk


def test_a_missing_foreign_key_is_none(playbook_tree):
    [row] = page_rows(ToolPage, ("title",), ("source_organisation",)).fetch(
        scope_for(), Where.ids([playbook_tree.tools[1].pk])
    )
    assert row.source_organisation is None


def test_relations_load_for_many_rows_in_their_order(playbook_tree):
    tree = playbook_tree
    zeta = factories.ThemeFactory(name="Zeta")
    alpha = factories.ThemeFactory(name="Alpha")
    document = factories.DocumentFactory()
    first, second = (ToolPage.objects.get(pk=tool.pk) for tool in tree.tools[:2])
    first.themes.add(zeta, alpha)
    first.tags.add("zz-first")
    first.save()
    first.tags.add("aa-second")
    first.save()
    ToolTemplate.objects.create(tool=first, document=document, sort_order=2, description="B")
    ToolTemplate.objects.create(tool=first, document=document, sort_order=1, description="A")
    rows = page_rows(ToolPage, ("title",)).fetch(scope_for(), Where.ids([first.pk, second.pk]))
    load_relations(ToolPage, rows, ("themes", "tags", "templates"))
    by_id = {row.pk: row for row in rows}
    assert [theme.name for theme in by_id[first.pk].themes.all()] == ["Alpha", "Zeta"]
    assert [tag.name for tag in by_id[first.pk].tags] == ["zz-first", "aa-second"]
    assert [template.description for template in by_id[first.pk].templates] == ["A", "B"]
    assert list(by_id[second.pk].themes) == []
    assert list(by_id[second.pk].templates) == []


def test_many_to_many_pages_come_oldest_first(playbook_tree):
    tree = playbook_tree
    case = CaseStudyPage.objects.get(pk=tree.case_study.pk)
    case.tools_used.add(tree.tools[2])
    case.save()
    case.tools_used.add(tree.tools[0])
    case.save()
    rows = page_rows(CaseStudyPage, ("title",)).fetch(scope_for(), Where.ids([case.pk]))
    load_relations(CaseStudyPage, rows, ("tools_used",))
    assert [tool.pk for tool in rows[0].tools_used] == [tree.tools[0].pk, tree.tools[2].pk]
