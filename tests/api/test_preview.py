"""Draft previews through signed, expiring tokens bound to a page's state."""

import datetime
import time
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.core.signing import Signer, b62_encode
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from api.preview import PreviewBinding
from playbook_pages.models import ChallengeSolution, ToolPage
from tests import factories

pytestmark = pytest.mark.django_db

TOOL_TYPE = "playbook_pages.toolpage"


def preview_url(token, content_type=TOOL_TYPE):
    return "/api/v1/preview/?" + urlencode({"content_type": content_type, "token": token})


def draft_of(page):
    """The page as an editor has it open: fresh from the database, changed in memory."""
    return Page.objects.get(pk=page.pk).specific


def new_page_draft(parent, **fields):
    """A page being added in the admin, not saved yet (as Wagtail's PreviewOnCreateView)."""
    page = ToolPage(**fields)
    page.depth = parent.depth + 1
    if parent.is_leaf():
        page.path = page._get_path(parent.path, page.depth, 1)
    else:
        page.path = parent.get_last_child()._inc_path()
    return page


def published(page):
    """``page`` published through a revision, as the admin's Publish button does."""
    page = draft_of(page)
    page.save_revision().publish()
    return draft_of(page)


def signed_long_ago(page, seconds):
    """A genuine preview token for ``page``, signed ``seconds`` ago."""
    signer = page.get_preview_signer()
    timestamp = b62_encode(int(time.time()) - seconds)
    identifier = PreviewBinding.for_page(page).identifier()
    token = Signer.sign(signer, f"{identifier}{signer.sep}{timestamp}")
    page.update_page_preview(token)
    return token


def refusal(api, token, status, content_type=TOOL_TYPE):
    """The one error of a refused preview, checking it shows no draft."""
    response = api.get(preview_url(token, content_type))
    assert response.status_code == status, response.content[:300]
    assert "no-store" in response["Cache-Control"]
    assert b"draft" not in response.content.lower()
    [error] = response.json()["errors"]
    return error


def test_a_valid_token_shows_the_draft(api, rich_tree):
    draft = draft_of(rich_tree.tools[0])
    draft.title = "Tool 1, reworded"
    draft.summary = "Not published yet."
    token = draft.create_page_preview().token
    response = api.get(preview_url(token))
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Tool 1, reworded"
    assert data["summary"] == "Not published yet."
    assert api.json("/api/v1/tools/tool-1/")["title"] == "Tool 1"


def test_a_preview_is_shaped_exactly_like_the_live_detail(api, rich_tree):
    token = draft_of(rich_tree.tools[0]).create_page_preview().token
    assert api.json(preview_url(token)) == api.json("/api/v1/tools/tool-1/")


def test_a_draft_challenge_shows_its_unsaved_solutions(api, playbook_tree):
    draft = draft_of(playbook_tree.challenges[1])
    draft.solutions.add(
        ChallengeSolution(page=playbook_tree.tools[2], note="New idea", sort_order=1)
    )
    token = draft.create_page_preview().token
    data = api.json(preview_url(token, "playbook_pages.challengepage"))
    assert [item["page"]["slug"] for item in data["solutions"]["tools"]] == ["tool-2", "tool-3"]
    assert data["solutions"]["tools"][1]["note"] == "New idea"
    live = api.json("/api/v1/challenges/challenge-2/")
    assert [item["page"]["slug"] for item in live["solutions"]["tools"]] == ["tool-2"]


def test_previews_are_never_cached(api, playbook_tree):
    token = draft_of(playbook_tree.tools[0]).create_page_preview().token
    first = api.get(preview_url(token))
    assert first["Cache-Control"] == "no-store, private"
    assert "ETag" not in first
    assert "X-Cache" not in first
    draft = draft_of(playbook_tree.tools[0])
    draft.title = "Changed again"
    draft.update_page_preview(token)
    assert api.json(preview_url(token))["title"] == "Changed again"


def test_an_expired_token_is_refused(api, playbook_tree):
    token = signed_long_ago(playbook_tree.tools[0], seconds=2 * 3600)
    error = refusal(api, token, 403)
    assert "expired" in error["message"]
    assert error["reason"] == "expired"
    with override_settings(PREVIEW_TOKEN_MAX_AGE=3 * 3600):
        assert api.get(preview_url(token)).status_code == 200


def test_a_forged_token_is_refused(api, playbook_tree):
    token = draft_of(playbook_tree.tools[0]).create_page_preview().token
    value, signature = token.rsplit(":", 1)
    forged = f"{value}:{signature[::-1]}"
    assert api.get(preview_url(forged)).status_code == 403
    other_salt = Signer(salt="something-else").sign(f"id={playbook_tree.tools[0].pk}:abc")
    assert api.get(preview_url(other_salt)).status_code == 403
    # A token that names another page cannot be made without the secret key.
    tampered = token.replace(f"id={playbook_tree.tools[0].pk}", f"id={playbook_tree.tools[1].pk}")
    assert api.get(preview_url(tampered)).status_code == 403


def test_a_token_for_one_page_cannot_read_another(api, playbook_tree):
    first, second = (draft_of(tool) for tool in playbook_tree.tools[:2])
    first.title = "First draft"
    second.title = "Second draft"
    first_token = first.create_page_preview().token
    second_token = second.create_page_preview().token
    assert api.json(preview_url(first_token))["title"] == "First draft"
    assert api.json(preview_url(second_token))["title"] == "Second draft"
    # Another type's endpoint with this token finds nothing.
    assert api.get(preview_url(first_token, "playbook_pages.challengepage")).status_code == 404
    # Even a stored preview whose content was swapped for another page's is refused.
    second.update_page_preview(first_token)
    assert api.get(preview_url(first_token)).status_code == 404


def test_a_token_without_a_preview_is_not_found(api, playbook_tree):
    identifier = PreviewBinding.for_page(playbook_tree.tools[0]).identifier()
    token = ToolPage.get_preview_signer().sign(identifier)
    error = refusal(api, token, 404)
    assert error["parameter"] is None
    assert error["reason"] == "not_found"


def test_a_token_of_the_old_form_is_refused(api, playbook_tree):
    # Tokens made before they named a revision (id=<pk> only) cannot be checked.
    tool = draft_of(playbook_tree.tools[0])
    token = tool.get_preview_signer().sign(f"id={tool.pk}")
    tool.update_page_preview(token)
    assert refusal(api, token, 403)["reason"] == "invalid"


def test_token_is_required(api, playbook_tree):
    response = api.get(f"/api/v1/preview/?content_type={TOOL_TYPE}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "token"


# The token follows the page: drafts stay previewable, changes revoke it --------


def test_a_draft_that_was_never_published_stays_previewable(api, playbook_tree):
    tool = factories.ToolPageFactory(
        parent=playbook_tree.tool_index, title="Unreleased", slug="unreleased", live=False
    )
    tool.save_revision()
    draft = draft_of(tool)
    draft.title = "Unreleased, reworded"
    token = draft.create_page_preview().token
    assert api.json(preview_url(token))["title"] == "Unreleased, reworded"
    assert api.get("/api/v1/tools/unreleased/").status_code == 404


def test_a_page_not_saved_yet_is_previewable(api, playbook_tree):
    draft = new_page_draft(playbook_tree.tool_index, title="Quokka log", slug="quokka-log")
    token = draft.create_page_preview().token
    assert api.json(preview_url(token))["title"] == "Quokka log"


def test_saving_or_publishing_supersedes_earlier_tokens(api, playbook_tree):
    tool = published(playbook_tree.tools[0])
    draft = draft_of(tool)
    draft.title = "Tool 1, first idea"
    first = draft.create_page_preview().token
    assert api.json(preview_url(first))["title"] == "Tool 1, first idea"

    draft.save_revision()  # "Save draft": the preview panel makes a fresh token
    error = refusal(api, first, 404)
    assert error["reason"] == "superseded"
    assert "Preview" in error["message"]
    second = draft_of(tool).get_latest_revision_as_object().create_page_preview().token
    assert api.json(preview_url(second))["title"] == "Tool 1, first idea"

    draft_of(tool).get_latest_revision().publish()
    assert refusal(api, second, 404)["reason"] == "superseded"


def test_unpublishing_revokes_a_token_made_while_live_for_good(api, playbook_tree):
    tool = published(playbook_tree.tools[0])
    draft = draft_of(tool)
    draft.title = "Tool 1, secret plans"
    token = draft.create_page_preview().token
    assert api.json(preview_url(token))["title"] == "Tool 1, secret plans"

    draft_of(tool).unpublish()
    error = refusal(api, token, 403)
    assert error["reason"] == "unpublished"
    assert b"secret plans" not in api.get(preview_url(token)).content

    # Published again (the same revision, no new save): still revoked.
    draft_of(tool).get_latest_revision().publish()
    assert refusal(api, token, 404)["reason"] == "superseded"


def test_an_editor_can_preview_a_page_they_unpublished(api, playbook_tree):
    tool = published(playbook_tree.tools[0])
    draft_of(tool).unpublish()
    draft = draft_of(tool)
    draft.title = "Tool 1, being reworked"
    token = draft.create_page_preview().token
    assert api.json(preview_url(token))["title"] == "Tool 1, being reworked"
    assert api.get("/api/v1/tools/tool-1/").status_code == 404


def test_expiry_revokes_a_token_before_the_scheduler_runs(api, playbook_tree):
    tool = published(playbook_tree.tools[0])
    token = draft_of(tool).create_page_preview().token
    assert api.get(preview_url(token)).status_code == 200
    # The expiry time passes; publish_scheduled has not unpublished the page yet.
    past = timezone.now() - datetime.timedelta(minutes=1)
    Page.objects.filter(pk=tool.pk).update(expire_at=past)
    assert draft_of(tool).live
    assert refusal(api, token, 403)["reason"] == "unpublished"


def restrict(page, kind):
    restriction = PageViewRestriction(page=page, restriction_type=kind)
    if kind == PageViewRestriction.PASSWORD:
        restriction.password = "partners only"  # noqa: S105 - test data
    restriction.save()
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.create(name="Partners"))
    return restriction


@pytest.mark.parametrize(
    "kind",
    [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS],
)
@pytest.mark.parametrize("where", ["page", "ancestor"])
def test_making_a_page_private_revokes_its_tokens_for_good(api, playbook_tree, kind, where):
    tool = published(playbook_tree.tools[0])
    draft = draft_of(tool)
    draft.title = "Tool 1, partners only"
    token = draft.create_page_preview().token
    assert api.get(preview_url(token)).status_code == 200

    restriction = restrict(tool if where == "page" else playbook_tree.playbook, kind)
    error = refusal(api, token, 403)
    assert error["reason"] == "private"
    assert "private" in error["message"]
    assert b"partners only" not in api.get(preview_url(token)).content

    # Lifting the restriction does not bring the old link back.
    restriction.delete()
    assert refusal(api, token, 404)["reason"] == "not_found"
    assert api.get(preview_url(draft_of(tool).create_page_preview().token)).status_code == 200


def test_a_private_page_has_no_preview_and_other_previews_survive(api, playbook_tree):
    restrict(playbook_tree.tools[0], PageViewRestriction.LOGIN)
    token = draft_of(playbook_tree.tools[0]).create_page_preview().token
    assert refusal(api, token, 403)["reason"] == "private"
    other = draft_of(playbook_tree.tools[1]).create_page_preview().token
    restrict(playbook_tree.tools[0], PageViewRestriction.PASSWORD)
    assert api.json(preview_url(other))["title"] == "Tool 2"


def test_a_new_page_in_a_private_section_is_refused(api, playbook_tree):
    draft = new_page_draft(playbook_tree.tool_index, title="Quokka log", slug="quokka-log")
    token = draft.create_page_preview().token
    restrict(playbook_tree.playbook, PageViewRestriction.LOGIN)
    assert refusal(api, token, 403)["reason"] == "private"


def test_deleting_a_page_revokes_its_tokens(api, playbook_tree):
    tool = playbook_tree.tools[0]
    draft = draft_of(tool)
    draft.title = "Tool 1, about to go"
    token = draft.create_page_preview().token
    draft_of(tool).delete()
    error = refusal(api, token, 404)
    assert error["reason"] == "deleted"
    assert b"about to go" not in api.get(preview_url(token)).content


def test_deleting_the_parent_revokes_a_new_pages_tokens(api, playbook_tree):
    index = factories.ToolIndexPageFactory(
        parent=factories.PlaybookPageFactory(parent=playbook_tree.home, slug="other"), slug="tools"
    )
    token = new_page_draft(index, title="Quokka log", slug="quokka").create_page_preview().token
    assert api.get(preview_url(token)).status_code == 200
    draft_of(index).delete()
    assert refusal(api, token, 404)["reason"] == "deleted"


def test_creating_the_page_ends_its_new_page_previews(api, playbook_tree):
    index = playbook_tree.tool_index
    token = new_page_draft(index, title="Quokka log", slug="quokka").create_page_preview().token
    saved = factories.ToolPageFactory(parent=index, title="Quokka log", slug="quokka", live=False)
    assert refusal(api, token, 404)["reason"] == "not_found"
    # The saved page's own tokens then follow it: private means refused.
    restrict(saved, PageViewRestriction.LOGIN)
    assert refusal(api, token, 404)["reason"] == "not_found"
    assert refusal(api, draft_of(saved).create_page_preview().token, 403)["reason"] == "private"


def test_a_page_of_another_site_is_not_previewed_here(api, playbook_tree, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "other.example"]
    other_home = factories.HomePageFactory(parent=Page.get_first_root_node(), slug="other-hub")
    Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    index = factories.ToolIndexPageFactory(
        parent=factories.PlaybookPageFactory(parent=other_home, slug="theirs"), slug="tools"
    )
    theirs = factories.ToolPageFactory(parent=index, title="Their tool", slug="their-tool")
    token = draft_of(theirs).create_page_preview().token
    assert refusal(api, token, 404)["reason"] == "not_found"
    response = api.get(preview_url(token), HTTP_HOST="other.example")
    assert response.status_code == 200
    assert response.json()["title"] == "Their tool"
