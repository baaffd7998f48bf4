"""Fixtures for the content API tests: a clean cache and content with images and links."""

from types import SimpleNamespace

import pytest
import wagtail_factories
from django.core.cache import cache

from playbook_pages.models import ChallengeSolution, ToolTemplate
from tests import factories


@pytest.fixture(autouse=True)
def fresh_cache():
    # Local-memory cache outlives a test's database transaction.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api(client):
    """The test client, with ``json(url)`` asserting a 200 and decoding the body."""

    def json(url, status=200, **headers):
        response = client.get(url, **headers)
        assert response.status_code == status, (url, response.status_code, response.content[:500])
        return response.json()

    client.json = json
    return client


def make_image(title="A picture", **kwargs):
    return wagtail_factories.ImageFactory(title=title, file__width=640, file__height=480, **kwargs)


def page_link(page, text="a link"):
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


def document_link(document, text="the file"):
    return f'<a linktype="document" id="{document.pk}">{text}</a>'


def add_solution(challenge, page, position, note=""):
    return ChallengeSolution.objects.create(
        challenge=challenge, page=page, sort_order=position, note=note
    )


@pytest.fixture
def rich_tree(playbook_tree):
    """The playbook tree plus organisations, themes, images, documents and linked text."""
    tree = playbook_tree
    organisation = factories.OrganisationFactory(name="Kiva", slug="kiva")
    theme = factories.ThemeFactory(name="Measuring impact", slug="measuring-impact")
    image = make_image("Workshop")
    document = factories.DocumentFactory(title="Learning agenda template")
    tool = tree.tools[0]
    tool.source_organisation = organisation
    tool.tool_type = "worksheet"
    tool.origin = "partner"
    tool.introduction = (
        f"<p>Pairs well with {page_link(tree.tools[1], 'Tool 2')} and "
        f"{document_link(document)}.</p>"
    )
    tool.how_to = [
        (
            "step",
            {
                "title": "Agree the questions",
                "instructions": f"<p>Read {page_link(tree.case_study, 'the case')} first.</p>",
                "duration": "30 minutes",
                "tip": "Keep it short.",
            },
        ),
        ("image", {"image": image, "alt_text": "People at a table", "caption": "", "credit": ""}),
        ("checklist", {"title": "Before", "items": ["Book a room", "Print"]}),
    ]
    tool.save()
    tool.themes.add(theme)
    tool.tags.add("retrospective")
    tool.save()
    ToolTemplate.objects.create(tool=tool, document=document, description="Fill it in together.")
    tree.case_study.organisation = organisation
    tree.case_study.image = image
    tree.case_study.save()
    tree.case_study.tools_used.add(tool)
    tree.case_study.save()
    return SimpleNamespace(
        **vars(tree), organisation=organisation, theme=theme, image=image, document=document
    )
