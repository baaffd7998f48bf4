"""What an editor meets in the page forms: autosave, empty rows, duplicates, limits, hints."""

import datetime
import io
import re

import pytest
import wagtail_factories
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.models import PageLogEntry

from playbook_pages import models
from tests import factories
from tests.playbook_pages.admin_forms import (
    add_url,
    edit_url,
    inline_formset,
    page_form_data,
    rich_text,
    streamfield,
)


@pytest.fixture
def editor(django_user_model, db):
    user = django_user_model.objects.create_user(username="ed", password="pw-for-tests")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def autosave(client, url, data):
    """What Wagtail's autosave sends: the whole form, asking for JSON."""
    response = client.post(url, data, HTTP_ACCEPT="application/json")
    return response.status_code, response.json()


def latest_draft(page):
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()


def step(title="", instructions="", duration="", tip=""):
    return (
        "step",
        {
            "title": title,
            "instructions": rich_text(instructions),
            "duration": duration,
            "tip": tip,
        },
    )


def tool_data(tool, streams=None, inlines=None, **fields):
    return page_form_data(
        models.ToolPage, tool.title, slug=tool.slug, streams=streams, inlines=inlines, **fields
    )


def solutions_data(challenge, rows, initial=0, **fields):
    return page_form_data(
        models.ChallengePage,
        challenge.title,
        slug=challenge.slug,
        inlines={"solutions": inline_formset(rows, initial=initial)},
        **fields,
    )


# Empty rows ---------------------------------------------------------------------------


def test_an_empty_template_row_does_not_pause_autosave_and_is_kept_once_filled(
    editor_client, playbook_tree
):
    tool = playbook_tree.tools[0]
    document = factories.DocumentFactory(title="Review record")
    empty_row = {"id": "", "document": "", "description": "", "ORDER": "1"}

    status, body = autosave(
        editor_client,
        edit_url(tool),
        tool_data(tool, inlines={"templates": inline_formset([empty_row])}),
    )
    assert status == 200, body
    assert body["success"]
    draft = latest_draft(tool)
    assert list(draft.templates.all()) == []

    # The row stays on screen; Wagtail now counts it as an initial form without an id.
    filled = {**empty_row, "document": document.pk, "description": "Fill it in."}
    for _ in range(2):
        status, body = autosave(
            editor_client,
            edit_url(tool),
            tool_data(tool, inlines={"templates": inline_formset([filled], initial=1)}),
        )
        assert status == 200, body
        filled["id"] = body["field_updates"].get("templates-0-id", filled["id"])
    draft = latest_draft(tool)
    assert [(t.document_id, t.description) for t in draft.templates.all()] == [
        (document.pk, "Fill it in.")
    ]


def test_an_empty_solution_row_is_dropped_when_publishing(editor_client, playbook_tree):
    challenge = playbook_tree.challenges[1]
    existing = models.ChallengeSolution.objects.get(challenge=challenge)
    response = editor_client.post(
        edit_url(challenge),
        solutions_data(
            challenge,
            [
                {"id": existing.pk, "page": existing.page_id, "note": "", "ORDER": 0},
                {"page": "", "note": "", "ORDER": 1},
            ],
            initial=1,
            **{"action-publish": "publish"},
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    live = models.ChallengePage.objects.get(pk=challenge.pk)
    assert [s.page_id for s in live.solutions.all()] == [existing.page_id]


def test_a_row_with_a_note_but_no_page_is_still_an_error(editor_client, playbook_tree):
    challenge = playbook_tree.challenges[1]
    response = editor_client.post(
        edit_url(challenge),
        solutions_data(challenge, [{"page": "", "note": "Try this first", "ORDER": 1}]),
    )
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert "Try this first" in response.content.decode()  # the editor's typing survives


def test_empty_steps_and_checklist_items_are_dropped_when_publishing(editor_client, playbook_tree):
    tool = playbook_tree.tools[0]
    how_to = streamfield(
        [
            step(),
            step("Book the room", "<p>For two hours.</p>"),
            (
                "checklist",
                {"title": "Bring", "items": streamfield([("item", "Pens"), ("item", "  ")])},
            ),
            ("checklist", {"title": "", "items": streamfield([("item", "")])}),
        ]
    )
    response = editor_client.post(
        edit_url(tool), tool_data(tool, streams={"how_to": how_to}, **{"action-publish": "1"})
    )
    assert response.status_code == 302, response.context["form"].errors
    tool.refresh_from_db()
    assert [block.block_type for block in tool.how_to] == ["step", "checklist"]
    assert tool.how_to[0].value["title"] == "Book the room"
    assert list(tool.how_to[1].value["items"]) == ["Pens"]


def test_an_error_after_an_empty_step_is_shown_on_the_step_that_has_it(
    editor_client, playbook_tree
):
    tool = playbook_tree.tools[0]
    how_to = streamfield([step(), step("", "<p>Instructions without a title.</p>")])
    response = editor_client.post(
        edit_url(tool), tool_data(tool, streams={"how_to": how_to}, **{"action-publish": "1"})
    )
    assert response.status_code == 200
    error = response.context["form"].errors.as_data()["how_to"][0]
    assert list(error.block_errors) == [1]


# Solutions ----------------------------------------------------------------------------


def test_the_same_page_twice_is_an_error_naming_it(editor_client, playbook_tree):
    challenge = playbook_tree.challenges[1]
    tool = playbook_tree.tools[1]
    existing = models.ChallengeSolution.objects.get(challenge=challenge)
    response = editor_client.post(
        edit_url(challenge),
        solutions_data(
            challenge,
            [
                {"id": existing.pk, "page": existing.page_id, "note": "", "ORDER": 0},
                {"page": playbook_tree.resource.pk, "note": "", "ORDER": 1},
                {"page": tool.pk, "note": "Again, by mistake", "ORDER": 2},
            ],
            initial=1,
            **{"action-publish": "publish"},
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Tool “{tool.title}” is already solution 1 of this challenge" in html
    assert "Again, by mistake" in html
    live = models.ChallengePage.objects.get(pk=challenge.pk)
    assert [s.page_id for s in live.solutions.all()] == [tool.pk]


def test_collapsed_solutions_are_named_by_kind_and_title(editor_client, playbook_tree):
    # The edit form shows the latest revision; make one that holds the fixture's rows.
    challenge = models.ChallengePage.objects.get(pk=playbook_tree.challenges[0].pk)
    challenge.save_revision()
    html = editor_client.get(edit_url(challenge)).content.decode()
    headings = re.findall(r"data-playbook-solution-heading[^>]*>([^<]+)<", html)
    assert headings == [
        f"Tool: {playbook_tree.tools[0].title}",
        f"Case study: {playbook_tree.case_study.title}",
        f"External resource: {playbook_tree.resource.title}",
        f"Alliance publication: {playbook_tree.publication.title}",
        "Solution",  # the template for a row the editor adds
    ]
    assert "Readers see them grouped by kind" in html


# Titles, slugs, schedule --------------------------------------------------------------


def test_the_title_shows_its_limit_and_a_long_slug_is_cut_at_a_word(editor_client, playbook_tree):
    form_page = editor_client.get(add_url(models.ToolPage, playbook_tree.tool_index))
    html = form_page.content.decode()
    assert re.search(r'<input[^>]*name="title"[^>]*maxlength="255"', html)
    assert re.search(r'<input[^>]*name="title"[^>]*data-playbook-count', html)
    assert re.search(r'<input[^>]*name="slug"[^>]*maxlength="80"', html)

    words = "how a rural lender learned to listen to farmers before changing its loans"
    slug = "-".join([words.replace(" ", "-")] * 3)
    assert len(slug) > 200
    response = editor_client.post(
        add_url(models.ToolPage, playbook_tree.tool_index),
        page_form_data(models.ToolPage, "Listening to farmers", slug=slug),
    )
    assert response.status_code == 302, response.context["form"].errors
    saved = models.ToolPage.objects.get(title="Listening to farmers")
    assert len(saved.slug) <= 80
    assert slug.startswith(saved.slug + "-")


def test_a_title_over_the_limit_is_an_error_that_keeps_the_typing(editor_client, playbook_tree):
    title = "A very long title " * 17
    response = editor_client.post(
        add_url(models.ToolPage, playbook_tree.tool_index),
        page_form_data(models.ToolPage, title, slug="long"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "at most 255 characters" in html
    assert title.strip() in html


def test_a_go_live_date_in_the_past_is_an_error_when_publishing(editor_client, playbook_tree):
    tool = playbook_tree.tools[2]
    past = (timezone.now() - datetime.timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
    response = editor_client.post(
        edit_url(tool), tool_data(tool, go_live_at=past, **{"action-publish": "publish"})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "is in the past: publishing would put the page live now" in html
    assert "(UTC)" in html
    tool.refresh_from_db()
    assert tool.go_live_at is None

    # Saving a draft (and so autosave) accepts it: nothing is scheduled until publishing.
    status, body = autosave(editor_client, edit_url(tool), tool_data(tool, go_live_at=past))
    assert status == 200, body

    future = (timezone.now() + datetime.timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
    response = editor_client.post(
        edit_url(tool), tool_data(tool, go_live_at=future, **{"action-publish": "publish"})
    )
    assert response.status_code == 302, response.context["form"].errors


def test_an_old_go_live_date_already_on_a_page_does_not_block_publishing(
    editor_client, playbook_tree
):
    tool = playbook_tree.tools[2]
    tool.go_live_at = timezone.now() - datetime.timedelta(days=30)
    tool.save_revision().publish()
    stored = timezone.localtime(tool.go_live_at).strftime("%Y-%m-%d %H:%M")
    response = editor_client.post(
        edit_url(tool), tool_data(tool, go_live_at=stored, **{"action-publish": "publish"})
    )
    assert response.status_code == 302, response.context["form"].errors


# Labels and widgets -------------------------------------------------------------------


def test_tool_form_labels_and_widgets(editor_client, playbook_tree):
    theme = factories.ThemeFactory(name="Measuring impact", slug="measuring-impact")
    html = editor_client.get(add_url(models.ToolPage, playbook_tree.tool_index)).content.decode()
    assert re.search(rf'type="checkbox" name="themes" value="{theme.pk}"', html)
    assert 'name="image"' in html  # the main image chooser
    assert "Allowed formats: .pdf, .docx, .xlsx, .pptx, .odt, .ods, .csv, .txt, .zip." in html
    assert "One thing to check per line" not in html
    step_block = models.ToolPage.how_to.field.stream_block.child_blocks["step"]
    assert step_block.child_blocks["instructions"].label == "Instructions"


def test_a_tool_with_a_main_image_and_themes_is_saved(editor_client, playbook_tree):
    tool = playbook_tree.tools[0]
    theme = factories.ThemeFactory(name="Measuring impact", slug="measuring-impact")
    image = wagtail_factories.ImageFactory(title="Canvas on the wall")
    data = tool_data(tool, image=image.pk, **{"action-publish": "1"})
    data["themes"] = [theme.pk]  # ticked checkboxes: one value per box
    response = editor_client.post(edit_url(tool), data)
    assert response.status_code == 302, response.context["form"].errors
    tool.refresh_from_db()
    assert tool.image_id == image.pk
    assert list(tool.themes.all()) == [theme]


def _png(width, height):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "white").save(buffer, "PNG")
    return SimpleUploadedFile("wide-banner.png", buffer.getvalue(), content_type="image/png")


def test_an_image_with_too_many_pixels_is_refused_naming_sizes(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 10_000
    response = editor_client.post(
        "/admin/images/add/", {"title": "Banner", "file": _png(200, 100), "collection": 1}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This picture is 200 × 100 pixels (0.02 million pixels)" in html
    assert "the largest allowed is 0.01 million pixels, e.g. 100 × 100" in html
    assert "Accepted: files up to 10.0\xa0MB and pictures up to 0.01 million pixels" in html


# Admin listings and dashboard ---------------------------------------------------------


def test_a_playbook_lists_its_challenges_in_reading_order(editor_client, playbook_tree):
    first, second = playbook_tree.challenges
    first.save_revision().publish()  # the most recently updated, yet listed first
    html = editor_client.get(f"/admin/pages/{playbook_tree.playbook.pk}/").content.decode()
    assert html.index(f"/admin/pages/{first.pk}/edit/") < html.index(
        f"/admin/pages/{second.pk}/edit/"
    )


def test_the_playbook_plus_explains_why_it_opens_a_challenge(editor_client, playbook_tree):
    response = editor_client.get(
        f"/admin/pages/{playbook_tree.playbook.pk}/add_subpage/", follow=True
    )
    html = response.content.decode()
    assert "New: Challenge" in html or "New challenge" in html.replace("\n", " ")
    assert "A playbook holds challenges directly" in html
    assert "inside their folders" in html


def test_the_dashboard_shows_changes_by_everyone_and_pdf_status(
    editor_client, playbook_tree, django_user_model
):
    from exports.models import PlaybookExport

    colleague = django_user_model.objects.create_user(username="amina", password="pw")
    colleague.groups.add(Group.objects.get(name="Editors"))
    tool = playbook_tree.tools[1]
    revision = tool.save_revision(user=colleague, log_action=True)
    revision.publish(user=colleague)
    PlaybookExport.objects.create(
        playbook=playbook_tree.playbook,
        paper="a4",
        status=PlaybookExport.Status.READY,
        file_name="exports/test.pdf",
        page_count=43,
        generated_at=datetime.datetime(2026, 12, 1, 19, 2, tzinfo=datetime.UTC),
    )
    assert PageLogEntry.objects.filter(page=tool, user=colleague).exists()
    html = editor_client.get("/admin/").content.decode()
    changes = html[html.index("Recent changes across the site") :]
    assert tool.title in changes
    assert "amina" in changes
    assert "Your most recent edits" not in html
    pdfs = html[html.index("Playbook PDFs") :]
    assert playbook_tree.playbook.title in pdfs
    assert "Up to date" in pdfs
    assert "1 December 2026 at 19:02 UTC (43 pages)" in pdfs
