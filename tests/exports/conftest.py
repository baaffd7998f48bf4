"""Fixtures of the export tests: a realistic playbook, and its PDF rendered once per module."""

import io
import os
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection, connections, transaction
from pypdf import PdfReader
from wagtail.models import Page, Site

from exports.richtext import friendly_filename
from exports.services import export_playbook
from tests import factories
from tests.exports.playbook_builder import SECRET, build_playbook, picture, publish


@pytest.fixture(autouse=True)
def fresh_cache():
    """Wagtail caches renditions by image id; ids come back after a rollback."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def restore_migrated_rows(django_db_blocker):
    """After a module of transactional tests, put back what migrations created.

    A transactional test ends by emptying the database. Django restores the rows
    migrations made (root page, locale, site, content types) only at the start of
    the next ``serialized_rollback`` test, but pytest-django runs tests without a
    database marker after the transactional ones, and some of them build data in
    module fixtures: they must find the database as migrations left it.
    """
    yield
    with django_db_blocker.unblock():
        for alias in connections:
            contents = getattr(connections[alias], "_test_serialized_contents", None)
            if contents:
                connections[alias].creation.deserialize_db_from_string(contents)


def make_home():
    root = Page.get_first_root_node()
    home = factories.HomePageFactory(parent=root, slug="hub")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


def describe(tree, export):
    """Plain facts about the built playbook, usable after the database is rolled back."""
    return SimpleNamespace(
        title=tree.playbook.title,
        subtitle=tree.playbook.subtitle,
        publisher=tree.playbook.publisher.name,
        challenges=[
            SimpleNamespace(
                pk=c.pk,
                title=c.title,
                anchor=f"challenge-{c.pk}",
                solutions=[s.page_id for s in c.solutions.all()],
            )
            for c in tree.challenges
        ],
        tools=[SimpleNamespace(pk=t.pk, title=t.title, anchor=f"tool-{t.pk}") for t in tree.tools],
        case_studies=[SimpleNamespace(pk=c.pk, title=c.title) for c in tree.case_studies],
        resources=[SimpleNamespace(pk=r.pk, title=r.title, url=r.url) for r in tree.resources],
        publication=SimpleNamespace(pk=tree.publication.pk, title=tree.publication.title),
        templates={
            friendly_filename(document): document.file.open("rb").read()
            for documents in tree.templates.values()
            for document in documents
        },
        template_tools={
            friendly_filename(document): f"tool-{tool_id}"
            for tool_id, documents in tree.templates.items()
            for document in documents
        },
        hidden_titles=[
            tree.hidden.unpublished_tool.title,
            tree.hidden.private_tool.title,
            tree.hidden.expired_tool.title,
            tree.hidden.other_site_publication.title,
            tree.hidden.unlinked_publication.title,
        ],
        hidden_pks=[
            tree.hidden.unpublished_tool.pk,
            tree.hidden.private_tool.pk,
            tree.hidden.expired_tool.pk,
            tree.hidden.other_site_publication.pk,
        ],
        secret=SECRET,
        page_count=export.page_count,
        file_size=export.file_size,
    )


def assert_test_database():
    # pytest-django only creates the test database when a collected test is marked
    # for database access; without one this fixture would write to the real one.
    name = str(connection.settings_dict["NAME"])
    # Test databases: "test_<name>" on PostgreSQL, "test.sqlite3" (cms/settings/test.py)
    # or in memory on SQLite.
    if not ("memory" in name or os.path.basename(name).startswith(("test_", "test."))):
        raise RuntimeError(
            f"Refusing to build test data in {name!r}: mark the test module "
            "with pytestmark = pytest.mark.django_db."
        )


@pytest.fixture(scope="module")
def exported(django_db_setup, django_db_blocker):
    """The realistic playbook's A4 PDF, exported like the task does, read with pypdf.

    Built once per module inside a transaction that is rolled back, so each test
    module starts from an empty database again. Modules using it must be marked
    ``pytest.mark.django_db`` (see ``assert_test_database``).
    """
    with django_db_blocker.unblock(), transaction.atomic():
        assert_test_database()
        tree = build_playbook(make_home())
        export = export_playbook(tree.playbook, "a4")
        data = default_storage.open(export.file_name, "rb").read()
        facts = describe(tree, export)
        transaction.set_rollback(True)
    facts.pdf = data
    facts.reader = PdfReader(io.BytesIO(data))
    return facts


@pytest.fixture
def small(home):
    """A small playbook: one challenge, one tool with a picture in its how-to guide."""
    playbook = publish(factories.PlaybookPageFactory(parent=home, slug="small", title="Small"))
    challenge = factories.ChallengePageFactory(parent=playbook, slug="c", title="The challenge")
    tools = factories.ToolIndexPageFactory(parent=playbook, slug="tools")
    image = picture("Step picture", (600, 400))
    tool = factories.ToolPageFactory(
        parent=tools,
        slug="tool",
        title="The tool",
        how_to=[
            ("step", {"title": "Look", "instructions": "<p>Look.</p>", "duration": "", "tip": ""}),
            ("image", {"image": image, "alt_text": "", "caption": "", "credit": ""}),
        ],
    )
    publish(tool)
    challenge.solutions.create(page=tool, sort_order=0)
    publish(challenge)
    return playbook, challenge, tool, image


def render_papers(django_db_blocker, edition):
    """The realistic playbook's PDF in ``edition``, every paper: {paper: SimpleNamespace}."""
    papers = {}
    with django_db_blocker.unblock(), transaction.atomic():
        assert_test_database()
        tree = build_playbook(make_home())
        for paper in ("a4", "letter"):
            export = export_playbook(tree.playbook, paper, edition=edition)
            data = default_storage.open(export.file_name, "rb").read()
            facts = describe(tree, export)
            facts.paper = paper
            facts.edition = edition
            facts.pdf = data
            facts.reader = PdfReader(io.BytesIO(data))
            facts.checklist_items = [
                item
                for tool in tree.tools
                for block in tool.how_to
                if block.block_type == "checklist"
                for item in block.value["items"]
            ]
            papers[paper] = facts
        transaction.set_rollback(True)
    return papers


@pytest.fixture(scope="session")
def exported_papers(django_db_setup, django_db_blocker):
    """The realistic playbook's screen PDF in every paper size, rendered once per session.

    The same build as ``exported`` (rolled back afterwards), for the checks that need
    every paper but not a fresh database: {paper: SimpleNamespace(pdf, reader, facts)}.
    """
    return render_papers(django_db_blocker, "screen")


@pytest.fixture(scope="session")
def exported_print_papers(django_db_setup, django_db_blocker):
    """The same in the print edition, for the checks that cover both editions."""
    return render_papers(django_db_blocker, "print")
