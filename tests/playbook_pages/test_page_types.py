"""Every page type can be added where it belongs, and only there, through the admin."""

import pytest
from wagtail.models import Page

from playbook_pages import models
from tests.playbook_pages.admin_forms import add_url, page_form_data

# page type -> (attribute of the playbook_tree fixture holding an allowed parent,
#               attribute holding a parent where it must be refused)
PLACEMENT = {
    models.HomePage: ("root", "playbook"),
    models.PlaybookPage: ("home", "alliance"),
    models.ChallengePage: ("playbook", "home"),
    models.ToolIndexPage: ("other_playbook", "alliance"),
    models.ToolPage: ("tool_index", "playbook"),
    models.CaseStudyIndexPage: ("other_playbook", "home"),
    models.CaseStudyPage: ("case_index", "tool_index"),
    models.ResourceIndexPage: ("other_playbook", "alliance"),
    models.ExternalResourcePage: ("resource_index", "case_index"),
    models.AlliancePage: ("home", "playbook"),
    models.LearningLabPage: ("alliance", "playbook"),
    models.PublicationIndexPage: ("other_alliance", "playbook"),
    models.AlliancePublicationPage: ("publication_index", "alliance"),
    models.SummitPage: ("alliance", "publication_index"),
}


@pytest.fixture
def parents(playbook_tree):
    from tests import factories

    tree = vars(playbook_tree).copy()
    tree["root"] = Page.get_first_root_node()
    # Folder pages are limited to one per parent, so they get a fresh parent.
    tree["other_playbook"] = factories.PlaybookPageFactory(parent=playbook_tree.home, slug="pb-2")
    tree["other_alliance"] = factories.AlliancePageFactory(parent=playbook_tree.home, slug="al-2")
    return tree


def test_every_page_type_is_covered():
    concrete = {
        m
        for m in models.__dict__.values()
        if isinstance(m, type) and issubclass(m, Page) and not m._meta.abstract
    }
    assert len(concrete) == 14
    assert concrete == set(PLACEMENT), concrete ^ set(PLACEMENT)


@pytest.mark.parametrize("model", list(PLACEMENT), ids=lambda m: m.__name__)
def test_page_type_created_under_allowed_parent(admin_client, parents, model):
    parent = parents[PLACEMENT[model][0]]
    title = f"New {model._meta.verbose_name}"
    response = admin_client.post(
        add_url(model, parent), page_form_data(model, title, **{"action-publish": "publish"})
    )
    assert response.status_code == 302, response.context["form"].errors
    page = model.objects.get(title=title)
    assert page.get_parent().pk == parent.pk
    assert page.live


@pytest.mark.parametrize("model", list(PLACEMENT), ids=lambda m: m.__name__)
def test_page_type_refused_under_wrong_parent(admin_client, parents, model):
    parent = parents[PLACEMENT[model][1]]
    assert not model.can_create_at(parent.specific)
    title = f"Misplaced {model._meta.verbose_name}"
    response = admin_client.post(
        add_url(model, parent), page_form_data(model, title, **{"action-publish": "publish"})
    )
    assert response.status_code in (302, 403)
    assert not model.objects.filter(title=title).exists()


def test_folder_pages_are_one_per_playbook(admin_client, playbook_tree):
    assert not models.ToolIndexPage.can_create_at(playbook_tree.playbook)
    response = admin_client.post(
        add_url(models.ToolIndexPage, playbook_tree.playbook),
        page_form_data(models.ToolIndexPage, "Second tools folder"),
    )
    assert response.status_code in (302, 403)
    assert models.ToolIndexPage.objects.child_of(playbook_tree.playbook).count() == 1
