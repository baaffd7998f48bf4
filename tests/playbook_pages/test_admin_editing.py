"""Editors (not superusers) do their daily work through the admin forms."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from playbook_pages import models
from tests.playbook_pages.admin_forms import (
    add_url,
    edit_url,
    inline_formset,
    page_form_data,
    rich_text,
    streamfield,
)


@pytest.fixture
def editor_client(client, django_user_model, db):
    editor = django_user_model.objects.create_user(username="ed", password="pw-for-tests")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def tool_form(title, template_document=None, **fields):
    how_to = streamfield(
        [
            (
                "step",
                {
                    "title": "Book the session",
                    "instructions": rich_text("<p>Invite the whole project team.</p>"),
                    "duration": "10 minutes",
                    "tip": "",
                },
            ),
            (
                "checklist",
                {"title": "Bring", "items": streamfield([("item", "Sticky notes")])},
            ),
        ]
    )
    templates = inline_formset(
        [{"document": template_document.pk, "description": "Fill it in together."}]
        if template_document
        else []
    )
    return page_form_data(
        models.ToolPage,
        title,
        streams={"how_to": how_to},
        inlines={"templates": templates},
        summary="Look back on a project in one hour.",
        tool_type="template",
        origin="playbook_team",
        **fields,
    )


def test_editor_creates_and_publishes_a_tool(editor_client, playbook_tree):
    from tests.factories import DocumentFactory

    document = DocumentFactory(title="After-action review template")
    response = editor_client.post(
        add_url(models.ToolPage, playbook_tree.tool_index),
        tool_form("After-action review", document, **{"action-publish": "publish"}),
    )
    assert response.status_code == 302, response.context["form"].errors
    tool = models.ToolPage.objects.get(title="After-action review")
    assert tool.live
    assert tool.get_parent().pk == playbook_tree.tool_index.pk
    assert [step.block_type for step in tool.how_to] == ["step", "checklist"]
    assert tool.how_to[0].value["title"] == "Book the session"
    assert list(tool.how_to[1].value["items"]) == ["Sticky notes"]
    assert [t.document.title for t in tool.templates.all()] == ["After-action review template"]
    assert tool.live_revision is not None
    assert tool.live_revision.user.username == "ed"


def test_editor_saves_a_draft_without_changing_the_live_page(editor_client, playbook_tree):
    tool = playbook_tree.tools[0]
    live_title = tool.title
    response = editor_client.post(edit_url(tool), tool_form("Renamed in draft", slug=tool.slug))
    assert response.status_code == 302, response.context["form"].errors
    tool.refresh_from_db()
    assert tool.title == live_title
    assert tool.has_unpublished_changes
    assert tool.get_latest_revision_as_object().title == "Renamed in draft"


def test_editor_cannot_add_a_page_where_it_does_not_belong(editor_client, playbook_tree):
    response = editor_client.post(
        add_url(models.ToolPage, playbook_tree.playbook),
        tool_form("Misplaced tool", **{"action-publish": "publish"}),
    )
    assert response.status_code in (302, 403)
    assert not models.ToolPage.objects.filter(title="Misplaced tool").exists()


def test_solution_must_be_a_solution_type(admin_client, playbook_tree):
    challenge = playbook_tree.challenges[1]
    wrong_target = playbook_tree.challenges[0]
    existing = models.ChallengeSolution.objects.get(challenge=challenge)
    data = page_form_data(
        models.ChallengePage,
        challenge.title,
        slug=challenge.slug,
        inlines={
            "solutions": inline_formset(
                [
                    {"id": existing.pk, "page": existing.page_id, "ORDER": 0},
                    {"page": wrong_target.pk, "note": "", "ORDER": 1},
                ],
                initial=1,
            )
        },
    )
    response = admin_client.post(edit_url(challenge), data)
    assert response.status_code == 200
    assert "A solution must be a tool, case study" in response.content.decode()
    stored = models.ChallengePage.objects.get(pk=challenge.pk)
    assert [s.page_id for s in stored.solutions.all()] == [playbook_tree.tools[1].pk]


def test_challenge_solutions_keep_the_editors_order(admin_client, playbook_tree):
    challenge = playbook_tree.challenges[1]
    order = [playbook_tree.resource, playbook_tree.tools[2], playbook_tree.publication]
    existing = models.ChallengeSolution.objects.get(challenge=challenge)
    data = page_form_data(
        models.ChallengePage,
        challenge.title,
        slug=challenge.slug,
        inlines={
            # The existing solution comes first, as the form shows it, marked for deletion.
            "solutions": inline_formset(
                [{"id": existing.pk, "page": existing.page_id, "DELETE": "1", "ORDER": 0}]
                + [
                    {"page": page.pk, "note": f"note {i}", "ORDER": i + 1}
                    for i, page in enumerate(order)
                ],
                initial=1,
            )
        },
        **{"action-publish": "publish"},
    )
    response = admin_client.post(edit_url(challenge), data)
    assert response.status_code == 302, response.context["form"].errors
    live = models.ChallengePage.objects.get(pk=challenge.pk)
    assert [s.page_id for s in live.solutions.all()] == [page.pk for page in order]
    assert [s.note for s in live.solutions.all()] == ["note 0", "note 1", "note 2"]


def test_summit_dates_are_checked(admin_client, playbook_tree):
    data = page_form_data(
        models.SummitPage,
        "Back to front summit",
        start_date="2018-12-01",
        end_date="2018-11-25",
        year="2018",
    )
    response = admin_client.post(add_url(models.SummitPage, playbook_tree.alliance), data)
    assert response.status_code == 200
    assert "The last day cannot be before the first day." in response.content.decode()
    assert not models.SummitPage.objects.filter(title="Back to front summit").exists()


def test_bad_colour_is_a_form_error(admin_client, playbook_tree):
    data = page_form_data(models.ChallengePage, "Colourful", colour="blue")
    response = admin_client.post(add_url(models.ChallengePage, playbook_tree.playbook), data)
    assert response.status_code == 200
    assert "Enter a colour as # and six hex digits" in response.content.decode()
    assert Page.objects.filter(title="Colourful").count() == 0


def test_too_light_colour_is_a_form_error_keeping_the_typing(admin_client, playbook_tree):
    data = page_form_data(models.ChallengePage, "Pale challenge", colour="#c8553d")
    response = admin_client.post(add_url(models.ChallengePage, playbook_tree.playbook), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "too light for small text" in body
    assert 'value="Pale challenge"' in body
    assert Page.objects.filter(title="Pale challenge").count() == 0


def test_admin_search_finds_tools_by_summary(admin_client, playbook_tree):
    tool = playbook_tree.tools[0]
    tool.summary = "Reflect on a finished project with your team"
    tool.save_revision().publish()
    response = admin_client.get("/admin/pages/search/", {"q": "finished project"})
    assert response.status_code == 200
    assert tool.title in response.content.decode()
