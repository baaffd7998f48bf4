"""Shared fixtures: a small but complete site tree built from the factories."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connections
from wagtail.models import Page, Site

from content import changes, generation
from playbook_pages.models import ChallengeSolution
from tests import factories
from tests.served_site import served_sqlite_site, sqlite_site_file  # noqa: F401 - fixtures

# Fixtures that flush the database (browser, sqlite_site_file) leave pytest-django's
# database blocker here for the hook below.
DB_BLOCKER = pytest.StashKey()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Leave the database as the test found it: with Wagtail's root page and site.

    A live-server test's data is flushed after it; serialized_rollback only restores
    Wagtail's initial rows at the start of the next test that asks for it. Restoring
    them here as well keeps later transactional tests (which may not ask) working.
    """
    result = yield
    flushed = item.get_closest_marker("browser") is not None or "sqlite_site_file" in getattr(
        item, "fixturenames", ()
    )
    # After the last test the session's fixtures are gone with the test database: the
    # connection names the configured database again, which must never be written.
    if flushed and nextitem is not None:
        blocker = item.config.stash.get(DB_BLOCKER, None)
        contents = getattr(connections["default"], "_test_serialized_contents", None)
        if blocker is not None and contents:
            with blocker.unblock():
                connections["default"].creation.deserialize_db_from_string(contents)
    return result


@pytest.fixture(autouse=True)
def forget_noted_changes():
    """Changes a test noted for the store but never read are rolled back with it."""
    yield
    changes._pending.state = None
    changes._pending.queued = None
    # The database goes back with the test, unannounced: answers built on what this
    # test made are no answer for the next one (api.answers).
    cache.delete_many([generation.key(part) for part in generation.EVERYTHING])


@pytest.fixture
def home(db):
    root = Page.get_first_root_node()
    home = factories.HomePageFactory(parent=root, slug="hub")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


@pytest.fixture
def playbook_tree(home):
    """A playbook with two challenges, tools, a case study, a resource and an alliance."""
    playbook = factories.PlaybookPageFactory(parent=home, slug="playbook", title="Test playbook")
    challenges = [
        factories.ChallengePageFactory(
            parent=playbook, title=f"Challenge {i}", slug=f"challenge-{i}"
        )
        for i in (1, 2)
    ]
    tool_index = factories.ToolIndexPageFactory(parent=playbook, slug="tools")
    tools = [
        factories.ToolPageFactory(parent=tool_index, title=f"Tool {i}", slug=f"tool-{i}")
        for i in (1, 2, 3)
    ]
    case_index = factories.CaseStudyIndexPageFactory(parent=playbook, slug="case-studies")
    case_study = factories.CaseStudyPageFactory(parent=case_index, slug="case-1")
    resource_index = factories.ResourceIndexPageFactory(parent=playbook, slug="resources")
    resource = factories.ExternalResourcePageFactory(parent=resource_index, slug="resource-1")
    alliance = factories.AlliancePageFactory(parent=home, slug="alliance")
    lab = factories.LearningLabPageFactory(parent=alliance, slug="lab-1")
    publication_index = factories.PublicationIndexPageFactory(parent=alliance, slug="publications")
    publication = factories.AlliancePublicationPageFactory(
        parent=publication_index, slug="publication-1", learning_lab=lab
    )
    summit = factories.SummitPageFactory(parent=alliance, slug="summit-1")
    # Saved as rows, not through the page's in-memory cluster, so every query sees them.
    for position, page in enumerate([tools[0], case_study, resource, publication]):
        ChallengeSolution.objects.create(challenge=challenges[0], page=page, sort_order=position)
    ChallengeSolution.objects.create(challenge=challenges[1], page=tools[1], sort_order=0)
    return SimpleNamespace(
        home=home,
        playbook=playbook,
        challenges=challenges,
        tool_index=tool_index,
        tools=tools,
        case_index=case_index,
        case_study=case_study,
        resource_index=resource_index,
        resource=resource,
        alliance=alliance,
        lab=lab,
        publication_index=publication_index,
        publication=publication,
        summit=summit,
    )
