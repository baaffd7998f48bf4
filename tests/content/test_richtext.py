"""One rich-text resolver with one sanitising policy: what any style lets through is the same."""

from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
import wagtail_factories
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.richtext import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    STYLE_ATTRIBUTES,
    ApiLinkStyle,
    References,
    Targets,
    references_in,
    render,
    sanitise,
)
from content.url_policy import safe_url

# Written by someone who went around the editor (shell, import, restore).
NASTY = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="d">',
    '<img src="javascript:alert(1)" alt="j">',
    '<img src="/media/ok.png" srcset="javascript:alert(1) 1x" alt="s">',
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<a href="javascript:alert(1)">js link</a>',
    '<a href="JaVaScRiPt:alert(1)">shouty</a>',
    '<a href=" java\tscript:alert(1)">tabbed</a>',
    '<a href="javascript&#58;alert(1)">entity</a>',
    '<a href="&#x6A;avascript:alert(1)">hex entity</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>',
    '<a href="file:///etc/passwd">file link</a>',
    '<a href="vbscript:msgbox(1)">vb link</a>',
    '<a href="//evil.example/x">protocol relative</a>',
    '<a href="https://ok.example/" onclick="steal()" target="_blank" rel="opener">ok out</a>',
    '<a href="https://ok.example/" data-page-id="3" data-api-url="https://evil.example/api">forged</a>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<div style="width: expression(alert(1))">expression</div>',
    '<p class="pdf__ready">spoofed class</p>',
    "<svg onload=alert(1)><circle/></svg>",
    '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
    '<form action="javascript:alert(1)"><input value="x"><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<!-- <script>alert(1)</script> -->",
    "<template><script>alert(1)</script></template>",
    '<noscript><img src=x onerror="alert(1)"></noscript>',
    '<table><tr><td colspan="2" onclick="x()">cell</td></tr></table>',
    '<a linktype="page" id="1" href="javascript:alert(1)" onmouseover="x()">entity page</a>',
    '<a linktype="page" id="1" title="&quot;><img src=x onerror=alert(1)>">quoted title</a>',
    '<embed embedtype="media" url="javascript:alert(1)"/>',
    '<embed embedtype="image" id="IMAGE" format="left" alt="&quot;><script>alert(1)</script>"/>',
]
HARMLESS = [
    "<p>Plain <b>bold</b> and <i>italic</i>.</p>",
    '<p data-block-key="a1b2c">A paragraph the editor wrote.</p>',
    '<a href="mailto:team@example.org">mail us</a>',
    '<a href="https://example.org/x">out</a>',
    '<a href="/playbook/">site relative</a>',
    '<a href="#part-2">in the document</a>',
    "<ul><li>one</li><li>two</li></ul>",
    '<a linktype="page" id="1">visible page</a>',
    '<a linktype="page" id="2">hidden page</a>',
    '<a linktype="document" id="1">public document</a>',
    '<a linktype="document" id="2">private document</a>',
    '<a linktype="mystery" id="1">unknown link type</a>',
    '<embed embedtype="media" url="https://video.example/watch?v=1"/>',
    '<embed embedtype="image" id="IMAGE" format="left" alt="A team at work"/>',
]
DANGEROUS_SCHEMES = ("javascript", "vbscript", "data", "file")


class Elements(HTMLParser):
    """Every start tag of an HTML fragment, as (tag, {attribute: value})."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html):
    return Elements(html).found


def scheme(url):
    if url.startswith("#"):
        return "#"
    return urlsplit(url).scheme or "relative"


def allowed(tag, attribute):
    if attribute == "class":
        return tag in ("img", "p")
    return attribute in ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, frozenset())


def assert_safe(html):
    assert "<script" not in html.lower() and "<iframe" not in html.lower()
    for tag, attrs in elements(html):
        assert tag in ALLOWED_TAGS, (tag, html)
        for attribute, value in attrs.items():
            assert allowed(tag, attribute), (tag, attribute, html)
            if attribute in ("href", "src", "data-api-url"):
                assert safe_url(value) == value, (value, html)
                assert scheme(value) not in DANGEROUS_SCHEMES
        if tag == "a":
            assert "href" in attrs, html  # a link without target is its words only
        if tag == "img":
            assert "src" in attrs, html  # a picture without one goes


# The policy ----------------------------------------------------------------------


@pytest.mark.parametrize("html", NASTY)
def test_nothing_dangerous_survives_sanitising(html):
    assert_safe(sanitise(html))


def test_refused_links_keep_their_words_and_lose_the_link():
    html = sanitise(
        '<p><a href="javascript:alert(1)">click <b>here</b></a> or '
        '<a href="file:///etc/passwd">there</a>, <a href="https://ok.example/">ok</a></p>'
    )
    assert html == '<p>click <b>here</b> or there, <a href="https://ok.example/">ok</a></p>'


def test_script_and_friends_go_with_their_content_other_tags_keep_their_words():
    html = sanitise(
        "<p>a<script>alert(1)</script>b<style>p{}</style>c"
        "<iframe>fallback</iframe>d<blink>e</blink></p>"
    )
    assert html == "<p>abcde</p>"


def test_formatting_an_editor_can_make_is_kept_as_it_is():
    html = (
        '<h3 data-block-key="k1">Title</h3><p data-block-key="k2"><b>b</b> <i>i</i> '
        '<a href="https://example.org/x?y=1&amp;z=2">out</a> é &amp; &lt;tag&gt;</p>'
        "<ol><li>one</li></ol><ul><li>two</li></ul>"
    )
    assert sanitise(html) == html


# The resolver --------------------------------------------------------------------


def api_targets(image=None):
    return Targets(
        pages={
            1: {"id": 1, "path": "/p/one/", "type": "tool", "api_url": "/api/v1/pages/1/"},
        },
        documents={
            1: {
                "id": 1,
                "url": "/documents/1/a.pdf",
                "content_type": "application/pdf",
                "file_size": 10,
            }
        },
        images={image.pk: image} if image else {},
    )


def test_api_style_writes_data_attributes_only_on_links_it_resolved():
    html = render(
        '<p><a linktype="page" id="1">one</a> <a linktype="page" id="2">two</a> '
        '<a href="https://ok.example/" data-page-id="3" data-api-url="https://evil.example/">'
        "forged</a></p>",
        ApiLinkStyle(api_targets()),
    )
    assert html == (
        '<p><a href="/p/one/" data-page-id="1" data-page-type="tool" '
        'data-api-url="/api/v1/pages/1/">one</a> two <a href="https://ok.example/">forged</a></p>'
    )


def test_an_entity_with_a_hostile_title_cannot_break_out_of_its_tag():
    html = render(
        '<a linktype="page" id="1" title="&quot;><img src=x onerror=alert(1)>">t</a>',
        ApiLinkStyle(api_targets()),
    )
    assert_safe(html)
    assert "onerror" not in html


def test_references_are_collected_from_the_cleaned_source():
    refs = References()
    references_in(
        '<a linktype="page" id="4">a</a><a linktype="document" id="5">b</a>'
        '<embed embedtype="image" id="6" format="left" alt=""/><a linktype="page" id="x">c</a>',
        refs,
    )
    assert (refs.pages, refs.documents, refs.images) == ({4}, {5}, {6})
    assert refs.image_specs == {"width-500"}


def what_passes(html):
    """The elements, attributes and URL schemes an output lets through, style marks aside."""
    tags, attributes, schemes = set(), set(), set()
    for tag, attrs in elements(html):
        tags.add(tag)
        for name, value in attrs.items():
            if name in STYLE_ATTRIBUTES or name == "class":
                continue  # the form of a resolved link or picture: style-specific
            attributes.add((tag, name))
            if name in ("href", "src"):
                schemes.add(scheme(value))
    return tags, attributes, schemes


@pytest.mark.django_db
def test_the_print_form_lets_through_what_the_api_form_does():
    """The PDF's rich text is the API's, with links and pictures in paper's form."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from exports.richtext import MediaRegistry, PrintRichText

    image = wagtail_factories.ImageFactory(title="Team", file__width=640, file__height=480)
    corpus = [html.replace("IMAGE", str(image.pk)) for html in NASTY + HARMLESS]
    api = ApiLinkStyle(api_targets(image))
    in_this_pdf = SimpleNamespace(sections={1: SimpleNamespace(anchor="tool-1")})
    paper = PrintRichText(in_this_pdf, MediaRegistry(), "https://cms.example")
    if not default_storage.exists("ok.png"):  # the plain picture in HARMLESS
        default_storage.save("ok.png", ContentFile(b"a picture"))

    @settings(
        max_examples=150,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.lists(st.sampled_from(corpus), min_size=1, max_size=8), st.booleans())
    def check(fragments, wrap):
        source = "".join(fragments)
        if wrap:
            source = f"<p>{source}</p>"
        for_api = render(source, api)
        for_print = str(paper(for_api))
        assert_safe(for_api)
        assert_safe(for_print)
        api_tags, api_attributes, api_schemes = what_passes(for_api)
        print_tags, print_attributes, print_schemes = what_passes(for_print)
        assert api_tags == print_tags, source
        # Paper's pictures always carry their class and size (WeasyPrint lays them out).
        sizing = {("img", "class"), ("img", "width"), ("img", "height")}
        assert print_attributes - sizing == api_attributes - sizing, source
        # Paper's form: in-document anchors and absolute addresses for site-relative ones.
        assert print_schemes <= api_schemes | {"#", "https"}, source
        # Same words: the styles differ in the form of links and pictures only.
        assert Text(for_api).text == Text(for_print).text, source

    check()


class Text(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.parts = []
        self.feed(html)
        self.close()
        self.text = "".join(self.parts)

    def handle_data(self, data):
        self.parts.append(data)


@pytest.mark.django_db
def test_wagtail_style_uses_wagtails_handlers_and_the_same_policy(playbook_tree):
    from content.richtext import WagtailLinkStyle

    image = wagtail_factories.ImageFactory(title="Team", file__width=640, file__height=480)
    html = render(
        f'<p><a linktype="page" id="{playbook_tree.tools[0].pk}">tool</a>'
        f'<embed embedtype="image" id="{image.pk}" format="left" alt="Team at work"/>'
        '<a href="javascript:alert(1)">js</a><script>alert(1)</script></p>',
        WagtailLinkStyle(),
    )
    assert_safe(html)
    assert 'alt="Team at work"' in html and 'class="richtext-image left"' in html
    assert "js" in html and "tool" in html
