"""Draft previews through signed, expiring tokens (wagtail-headless-preview)."""

import time

import pytest
from django.core.signing import Signer, b62_encode
from django.test import override_settings
from wagtail.models import Page

from playbook_pages.models import ChallengeSolution, ToolPage

pytestmark = pytest.mark.django_db

TOOL_TYPE = "playbook_pages.toolpage"


def preview_url(token, content_type=TOOL_TYPE):
    return f"/api/v1/preview/?content_type={content_type}&token={token}"


def draft_of(page):
    """The page as an editor has it open: fresh from the database, changed in memory."""
    return Page.objects.get(pk=page.pk).specific


def signed_long_ago(page, seconds):
    """A genuine preview token for ``page``, signed ``seconds`` ago."""
    signer = page.get_preview_signer()
    timestamp = b62_encode(int(time.time()) - seconds)
    token = Signer.sign(signer, f"id={page.pk}{signer.sep}{timestamp}")
    page.update_page_preview(token)
    return token


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
    response = api.get(preview_url(token))
    assert response.status_code == 403
    assert "expired" in response.json()["errors"][0]["message"]
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
    token = ToolPage.get_preview_signer().sign(f"id={playbook_tree.tools[0].pk}")
    response = api.get(preview_url(token))
    assert response.status_code == 404
    assert response.json()["errors"][0]["parameter"] is None


def test_token_is_required(api, playbook_tree):
    response = api.get(f"/api/v1/preview/?content_type={TOOL_TYPE}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "token"
