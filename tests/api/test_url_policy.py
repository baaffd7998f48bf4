"""Content written around the editor (shell, import, restore) reaches frontends sanitised.

Rich text loses scripts, event handlers, frames and hostile URLs; every URL field and
URL block that the URL policy refuses is null (its words, when it has some, remain).
"""

import json

import pytest

from tests import factories
from tests.api.conftest import page_link

pytestmark = pytest.mark.django_db

HOSTILE_HTML = (
    "<p>Kept words.<script>alert('script')</script>"
    '<img src="x" onerror="alert(\'onerror\')">'
    '<iframe src="https://evil.example/frame"></iframe>'
    "<a href=\"javascript:alert('js')\">js words</a> "
    '<a href="data:text/html;base64,PHNjcmlwdD4=">data words</a> '
    '<a href="file:///etc/passwd">file words</a> '
    '<a href="https://ok.example/" onclick="alert(1)" style="color: expression(alert(1))">ok</a>'
    '<span style="background:url(javascript:alert(1))">styled</span></p>'
)
HOSTILE_URLS = ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/x"]
FORBIDDEN = ("<script", "onerror", "<iframe", "javascript:", "data:", "file:", "style=", "onclick")


def assert_clean(body):
    text = json.dumps(body)
    for needle in FORBIDDEN:
        assert needle not in text, needle


@pytest.fixture
def hostile(playbook_tree):
    tree = playbook_tree
    organisation = factories.OrganisationFactory(
        name="Shell Org", slug="shell-org", website="javascript:alert('website')"
    )
    tool = tree.tools[0]
    tool.external_url = HOSTILE_URLS[0]
    tool.source_organisation = organisation
    tool.introduction = HOSTILE_HTML + f"<p>See {page_link(tree.tools[1], 'Tool 2')}.</p>"
    tool.how_to = [
        (
            "step",
            {"title": "Step", "instructions": HOSTILE_HTML, "duration": "", "tip": ""},
        ),
    ]
    tool.save(clean=False)  # as the shell or an import may: no form validation
    playbook = tree.playbook
    playbook.video_url = HOSTILE_URLS[2]
    playbook.intro = HOSTILE_HTML
    playbook.background = [
        ("paragraph", HOSTILE_HTML),
        (
            "quote",
            {
                "quote": "Learn on purpose.",
                "attribution": "Someone",
                "source": "A talk",
                "source_url": HOSTILE_URLS[0],
            },
        ),
        ("embed", {"url": HOSTILE_URLS[1], "caption": "A video"}),
        (
            "quote",
            {"quote": "Fine.", "attribution": "", "source": "", "source_url": ""},
        ),
    ]
    playbook.save(clean=False)
    tree.resource.url = HOSTILE_URLS[2]
    tree.resource.save(clean=False)
    tree.publication.external_url = HOSTILE_URLS[1]
    tree.publication.save(clean=False)
    return tree


def test_tool_detail_has_no_hostile_markup_or_url(api, hostile):
    body = api.json("/api/v1/tools/tool-1/")
    assert_clean(body)
    assert body["external_url"] is None
    assert body["source_organisation"]["website"] is None
    tool_2 = hostile.tools[1]
    assert body["introduction"] == (
        "<p>Kept words.js words data words file words "
        '<a href="https://ok.example/">ok</a><span>styled</span></p>'
        f'<p>See <a href="/playbook/tools/tool-2/" data-page-id="{tool_2.pk}" '
        f'data-page-type="tool" data-api-url="/api/v1/pages/{tool_2.pk}/">Tool 2</a>.</p>'
    )
    assert body["how_to"][0]["value"]["instructions"].startswith("<p>Kept words.")


def test_playbook_blocks_with_refused_urls_give_null_and_keep_their_words(api, hostile):
    body = api.json("/api/v1/playbooks/playbook/")
    assert_clean(body)
    assert body["video_url"] is None
    paragraph, quote, embed, plain_quote = (block["value"] for block in body["background"])
    assert "Kept words." in paragraph
    assert quote["source_url"] is None and quote["source"] == "A talk"
    assert embed == {"url": None, "caption": "A video"}
    assert plain_quote["source_url"] == ""  # no link is still ""


def test_lists_and_cards_carry_no_refused_url(api, hostile):
    for url in ("/api/v1/resources/", "/api/v1/publications/", "/api/v1/tools/"):
        assert_clean(api.json(url))
    resource = api.json("/api/v1/resources/resource-1/")
    assert resource["url"] is None
    publication = api.json("/api/v1/publications/publication-1/")
    assert publication["external_url"] is None
    challenge = api.json("/api/v1/challenges/challenge-1/")
    assert_clean(challenge)
    cards = challenge["solutions"]
    assert cards["resources"][0]["page"]["url"] is None


def test_allowed_urls_are_unchanged(api, playbook_tree):
    tool = playbook_tree.tools[0]
    tool.external_url = "https://toolkit.example/aar"
    tool.save(clean=False)  # as the shell or an import may: no form validation
    assert api.json("/api/v1/tools/tool-1/")["external_url"] == "https://toolkit.example/aar"


def test_the_schema_says_the_resource_url_may_be_null(api):
    schema = api.json("/api/v1/schema/?format=json")
    resource = schema["components"]["schemas"]["Resource"]["properties"]["url"]
    assert resource.get("nullable") is True or "null" in str(resource.get("type"))
    embed = schema["components"]["schemas"]["MediaEmbedValue"]["properties"]["url"]
    assert embed.get("nullable") is True or "null" in str(embed.get("type"))
