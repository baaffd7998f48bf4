"""ETag, Cache-Control and 304; every change that readers can see changes the ETags."""

import datetime
import time

import pytest
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Page

from tests import factories
from tests.api.conftest import make_image

pytestmark = pytest.mark.django_db

LIST = "/api/v1/tools/"
DETAIL = "/api/v1/tools/tool-1/"
CHALLENGE = "/api/v1/challenges/challenge-1/"


def etags(api, *urls):
    result = []
    for url in urls:
        response = api.get(url)
        assert response.status_code == 200
        result.append(response["ETag"])
    return result


def test_responses_carry_etag_and_cache_control(api, playbook_tree):
    response = api.get(LIST)
    assert response["ETag"].startswith('"') and len(response["ETag"]) > 10
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"


@override_settings(API_CACHE_MAX_AGE=120)
def test_max_age_is_configurable(api, playbook_tree):
    assert api.get(LIST)["Cache-Control"] == "public, max-age=120, must-revalidate"


def test_head_answers_like_get(api, playbook_tree):
    get = api.get(DETAIL)
    head = api.head(DETAIL)
    assert head.status_code == 200
    assert head["ETag"] == get["ETag"]


def test_if_none_match_answers_304_without_a_body(api, playbook_tree):
    etag = api.get(DETAIL)["ETag"]
    response = api.get(DETAIL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert api.get(DETAIL, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_errors_are_never_cached(api, playbook_tree):
    assert api.get("/api/v1/tools/nope/")["Cache-Control"] == "no-store"
    factories.ToolPageFactory(parent=playbook_tree.tool_index, slug="nope")
    assert api.get("/api/v1/tools/nope/").status_code == 200


def test_publishing_changes_the_etag_of_list_and_detail(api, playbook_tree):
    before = etags(api, LIST, DETAIL, CHALLENGE)
    tool = playbook_tree.tools[0]
    tool.title = "Tool one, revised"
    tool.save_revision().publish()
    after = etags(api, LIST, DETAIL, CHALLENGE)
    assert all(old != new for old, new in zip(before, after, strict=True))
    assert api.json(DETAIL)["title"] == "Tool one, revised"


def test_publishing_a_new_page_changes_the_list(api, playbook_tree):
    [before] = etags(api, LIST)
    draft = factories.ToolPageFactory(parent=playbook_tree.tool_index, slug="new", live=False)
    draft.save_revision().publish()
    [after] = etags(api, LIST)
    assert before != after
    assert "new" in [tool["slug"] for tool in api.json(LIST)["results"]]


def test_saving_a_draft_changes_nothing_readers_see(api, playbook_tree):
    [before] = etags(api, DETAIL)
    tool = playbook_tree.tools[0]
    tool.title = "Not yet"
    tool.save_revision()
    response = api.get(DETAIL)
    assert response["ETag"] == before
    assert response.json()["title"] == "Tool 1"


def test_a_304_is_one_indexed_read(api, playbook_tree, django_assert_num_queries):
    etag = api.get(DETAIL)["ETag"]
    with django_assert_num_queries(1):
        response = api.get(DETAIL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_unpublishing_changes_the_etag_of_list_and_detail(api, playbook_tree):
    before = etags(api, LIST, CHALLENGE)
    etags(api, DETAIL)
    playbook_tree.tools[0].unpublish()
    assert etags(api, LIST, CHALLENGE) != before
    assert api.get(DETAIL).status_code == 404


def test_moving_changes_the_etag_of_list_and_detail(api, playbook_tree):
    other_index = factories.ToolIndexPageFactory(
        parent=factories.PlaybookPageFactory(parent=playbook_tree.home, slug="second"),
        slug="tools",
    )
    before = etags(api, LIST, DETAIL, CHALLENGE)
    Page.objects.get(pk=playbook_tree.tools[0].pk).move(other_index, pos="last-child")
    after = etags(api, LIST, DETAIL, CHALLENGE)
    assert all(old != new for old, new in zip(before, after, strict=True))
    assert api.json(DETAIL)["path"] == "/second/tools/tool-1/"


def test_deleting_changes_the_etag_of_list_and_detail(api, playbook_tree):
    before = etags(api, LIST, CHALLENGE)
    etags(api, DETAIL)
    Page.objects.get(pk=playbook_tree.tools[0].pk).delete()
    assert etags(api, LIST, CHALLENGE) != before
    assert api.get(DETAIL).status_code == 404


def test_snippet_and_image_changes_invalidate(api, rich_tree):
    [before] = etags(api, DETAIL)
    rich_tree.organisation.name = "Kiva Microfunds"
    rich_tree.organisation.save()
    [after_snippet] = etags(api, DETAIL)
    assert after_snippet != before
    assert api.json(DETAIL)["source_organisation"]["name"] == "Kiva Microfunds"
    rich_tree.theme.delete()
    [after_theme] = etags(api, DETAIL)
    assert after_theme != after_snippet
    rich_tree.image.title = "Renamed picture"
    rich_tree.image.save()
    assert api.json("/api/v1/case-studies/case-1/")["image"]["title"] == "Renamed picture"


def test_a_page_past_its_expiry_time_leaves_every_response(api, playbook_tree):
    tool = playbook_tree.tools[0]
    # Long enough for the first reads on a busy machine.
    tool.expire_at = timezone.now() + datetime.timedelta(seconds=5)
    tool.save()
    assert "tool-1" in str(api.json(LIST))
    assert "tool-1" in str(api.json(CHALLENGE))
    # The scheduler that unpublishes expired pages has not run: no signal, no save.
    while timezone.now() <= tool.expire_at:
        time.sleep(0.1)
    assert "tool-1" not in str(api.json(LIST))
    assert api.get(DETAIL).status_code == 404
    # The challenge showed its card: it is built again when read after the expiry.
    assert "tool-1" not in str(api.json(CHALLENGE))


def test_image_renditions_are_reused(api, playbook_tree):
    playbook_tree.case_study.image = make_image()
    playbook_tree.case_study.save()
    first = api.json("/api/v1/case-studies/case-1/")["image"]["renditions"]
    playbook_tree.case_study.save_revision().publish()  # built again
    assert api.json("/api/v1/case-studies/case-1/")["image"]["renditions"] == first
