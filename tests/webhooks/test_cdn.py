"""Changed URLs are purged from the CDN by the same step that stored the change."""

import pytest
from wagtail.models import PageViewRestriction

from content import changes
from tests.webhooks import recording_cdn

pytestmark = pytest.mark.django_db


@pytest.fixture
def recording_cdn_backend(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "recorder": {"BACKEND": "tests.webhooks.recording_cdn.RecordingBackend"}
    }
    recording_cdn.PURGED.clear()
    yield recording_cdn.PURGED
    recording_cdn.PURGED.clear()


def test_a_publish_purges_the_page_its_api_urls_and_what_shows_it(
    tree, recording_cdn_backend, django_capture_on_commit_callbacks
):
    tool = tree.tools[1]
    with django_capture_on_commit_callbacks(execute=True):
        tool.title = "Tool, revised"
        tool.save_revision().publish()
        changes.flush()
    purged = set(recording_cdn_backend)
    root = "http://localhost"
    assert f"{root}/playbook/tools/tool-2/" in purged
    assert f"{root}/api/v1/pages/{tool.pk}/" in purged
    assert f"{root}/api/v1/tools/tool-2/" in purged
    assert f"{root}/api/v1/tools/" in purged
    assert f"{root}/api/v1/changes/" in purged
    assert f"{root}/api/v1/pages/{tree.challenges[1].pk}/" in purged  # it shows the tool


def test_a_page_made_private_is_purged(
    tree, recording_cdn_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=tree.case_study, restriction_type=PageViewRestriction.LOGIN
        )
    assert "http://localhost/playbook/case-studies/case-1/" in recording_cdn_backend


def test_nothing_is_purged_without_a_backend(tree, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = None
    recording_cdn.PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tree.tools[1].save_revision().publish()
        changes.flush()
    assert recording_cdn.PURGED == []
