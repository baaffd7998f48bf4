"""Rich text from the database format to HTML a reader may see: one resolver, one policy.

Contract:

* ``render(source, style)`` turns stored rich text into HTML that an output inserts
  as it is. Three steps, always in this order:

  1. the source is cleaned (``clean_source``): the allow-list below, plus Wagtail's
     entity markup (``<a linktype id>``, ``<embed embedtype ...>``); anything an
     output writes itself (``data-page-id`` ...) is removed from what was stored;
  2. entities are expanded by Wagtail's rewriters (``LinkRewriter``,
     ``EmbedRewriter``) whose *bulk* rules ask ``style`` for the tags of all links
     of a kind at once, so a text with many links costs a fixed number of look-ups;
  3. the result is sanitised (``sanitise``).

* ``sanitise(html)`` is the one sanitising policy (nh3, an allow-list): the tags and
  attributes below and nothing else; ``script``, ``style``, ``iframe``, ``object``
  and ``template`` go with their content, other unknown tags go and keep their
  words; every ``href`` and ``src`` passes ``content.url_policy.safe_url``; a link
  left without a target (refused URL, page a reader may not see, unknown link type)
  becomes its words, a picture without one goes. Anything that puts editor HTML in
  front of a reader calls ``render`` or at least ``sanitise``.

* A ``LinkStyle`` decides the *form* of resolved links and pictures only:
  ``ApiLinkStyle`` (frontend paths with ``data-page-*`` / ``data-document-*``
  attributes, renditions with width, height and alt) and ``WagtailLinkStyle``
  (Wagtail's own handlers). Whatever the style, the output passes the same
  ``sanitise``: two styles never differ in what they let through. The PDF starts
  from the API's HTML (``exports.richtext.PrintRichText`` changes the form of its
  links and pictures for paper, then calls ``sanitise`` again).

* For the API's bulk resolution (``api.references``): ``references_in(source, into)``
  adds the ids a text points at to ``References``; ``Targets`` holds what they
  resolved to; ``ApiLinkStyle(targets)`` does no query.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

import nh3
from django.utils.html import escape
from wagtail.images.formats import get_image_format, get_image_formats
from wagtail.rich_text import features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

from content.url_policy import ALLOWED_SCHEMES, safe_url

# The reader's rich text, as the reference reader (frontend/dom.js) also allows it.
ALLOWED_TAGS = frozenset(
    {
        *("a", "abbr", "b", "blockquote", "br", "code", "div", "em", "figcaption", "figure"),
        *("h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s"),
        *("span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr"),
        *("u", "ul"),
    }
)
# Removed with everything inside them (their content is code or a fallback for it).
REMOVED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "template", "noscript"})
# Written by the link styles only; never taken from what was stored.
STYLE_ATTRIBUTES = frozenset(
    {
        "data-page-id",
        "data-page-type",
        "data-api-url",
        "data-document-id",
        "data-content-type",
        "data-file-size",
    }
)
ALLOWED_ATTRIBUTES = {
    # data-block-key: Wagtail's editor marks each block with one (for comments).
    "*": frozenset({"data-block-key"}),
    # Nothing but data-* beside href, so a link left without one is exactly "<a>" or
    # "<a data-..." in the cleaner's output (see ``sanitise``).
    "a": frozenset({"href"}) | STYLE_ATTRIBUTES,
    "abbr": frozenset({"title"}),
    "img": frozenset({"src", "alt", "width", "height", "title"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan"}),
}
# Wagtail's entity markup, allowed in the source only.
ENTITY_ATTRIBUTES = {
    "a": frozenset({"linktype", "id"}),
    "embed": frozenset({"embedtype", "id", "format", "alt", "url"}),
}
URL_ATTRIBUTES = frozenset({"href", "src", "url", "data-api-url"})
EMBED_CLASSES = frozenset({"richtext-embed", "embed-link"})

# Image formats that editors may pick in rich text; unknown names fall back to this.
DEFAULT_IMAGE_FORMAT = "fullwidth"

# ``clean_source`` writes void elements the HTML5 way (``<embed ...>``, no "/>"),
# which Wagtail's own pattern for stored rich text does not expect.
FIND_CLEAN_EMBED = re.compile(r"<embed(\b[^>]*)>")


# The policy --------------------------------------------------------------------


def _url_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute in URL_ATTRIBUTES:
        return safe_url(value)
    return value


def _image_classes() -> frozenset[str]:
    names = set()
    for image_format in get_image_formats():
        names.add(image_format.name)
        names.update((image_format.classname or "").split())
    return frozenset(names | {"richtext-image"})


@lru_cache(maxsize=1)
def _cleaners() -> tuple[nh3.Cleaner, nh3.Cleaner]:
    """(source cleaner, output cleaner); built on first use, once formats are registered."""
    classes = {"img": set(_image_classes()), "p": set(EMBED_CLASSES)}
    common = {
        "clean_content_tags": set(REMOVED_WITH_CONTENT),
        "attribute_filter": _url_filter,
        "url_schemes": set(ALLOWED_SCHEMES),
        "allowed_classes": classes,
        "link_rel": None,
        "strip_comments": True,
    }
    output_attributes = {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}
    source_attributes = {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}
    source_attributes["a"] = (source_attributes["a"] - STYLE_ATTRIBUTES) | ENTITY_ATTRIBUTES["a"]
    source_attributes["embed"] = set(ENTITY_ATTRIBUTES["embed"])
    source = nh3.Cleaner(tags=set(ALLOWED_TAGS | {"embed"}), attributes=source_attributes, **common)
    output = nh3.Cleaner(tags=set(ALLOWED_TAGS), attributes=output_attributes, **common)
    return source, output


@lru_cache(maxsize=512)
def clean_source(source: str) -> str:
    """Stored rich text with only allowed markup and Wagtail's entities left."""
    return _cleaners()[0].clean(source) if source else ""


def sanitise(html: str) -> str:
    """``html`` with only what the policy allows (see the module docstring)."""
    if not html:
        return ""
    cleaned = _cleaners()[1].clean(html)
    # The cleaner escapes "<" in values and keeps attribute order: these counts are
    # exact, and the styles write src first.
    bare_link = "<a>" in cleaned or "<a data-" in cleaned
    if bare_link or cleaned.count("<img") != cleaned.count("<img src="):
        return _drop_targetless(cleaned)
    return cleaned


class _TargetlessRemover(HTMLParser):
    """Copies nh3's output as it is, without links and pictures that have no target.

    A link without ``href`` keeps its words; a picture without ``src`` goes. ammonia
    cannot drop a tag by the absence of an attribute, and re-serialising with
    BeautifulSoup or lxml would reorder attributes and change quoting and entities;
    the input is nh3's normalised output, in which links never nest.
    """

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.links: list[bool] = []  # per open <a>: is it bare?

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if tag == "a":
            self.links.append("href" not in names)
            if self.links[-1]:
                return
        if tag == "img" and "src" not in names:
            return
        self.out.append(self.get_starttag_text())

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "a" and self.links and self.links.pop():
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")


def _drop_targetless(html: str) -> str:
    remover = _TargetlessRemover()
    remover.feed(html)
    remover.close()
    return "".join(remover.out)


# The resolver ------------------------------------------------------------------


class _CleanEmbedRewriter(EmbedRewriter):
    def get_opening_tag_regex(self):
        return FIND_CLEAN_EMBED


_LINK_FINDER = LinkRewriter()
_EMBED_FINDER = _CleanEmbedRewriter()


def _opening_tags(rule: Callable[[list[dict]], list[str | None]]):
    # A link the style cannot resolve keeps its words: "<a>" is unwrapped by sanitise.
    def bulk_rule(attrs_list):
        return [tag or "<a>" for tag in rule(attrs_list)]

    return bulk_rule


class LinkStyle:
    """The form of resolved rich text entities; each method handles all of one kind.

    ``page_links`` and ``document_links`` return an opening ``<a ...>`` tag per
    attribute dict, or ``None`` for a target the reader may not see;
    ``image_embeds`` and ``media_embeds`` return the HTML replacing each embed
    (``""`` for nothing). ``attrs["url"]`` of a media embed is already checked.
    """

    def page_links(self, attrs_list: list[dict]) -> list[str | None]:
        return [None] * len(attrs_list)

    def document_links(self, attrs_list: list[dict]) -> list[str | None]:
        return [None] * len(attrs_list)

    def image_embeds(self, attrs_list: list[dict]) -> list[str]:
        return [""] * len(attrs_list)

    def media_embeds(self, attrs_list: list[dict]) -> list[str]:
        return [""] * len(attrs_list)

    def rewriter(self) -> MultiRuleRewriter:
        return MultiRuleRewriter(
            [
                LinkRewriter(
                    bulk_rules={
                        "page": _opening_tags(self.page_links),
                        "document": _opening_tags(self.document_links),
                    }
                ),
                _CleanEmbedRewriter(
                    bulk_rules={"image": self.image_embeds, "media": self.media_embeds}
                ),
            ]
        )


def render(source: str | None, style: LinkStyle) -> str:
    """Stored rich text as sanitised HTML with links and pictures in ``style``'s form."""
    if not source:
        return ""
    return sanitise(style.rewriter()(clean_source(source)))


def entity_id(attrs: dict) -> int | None:
    """The integer ``id`` of an entity's attributes, or ``None``."""
    try:
        return int(attrs.get("id"))
    except (TypeError, ValueError):
        return None


def image_format(attrs: dict):
    """The Wagtail image format an image embed asks for (the default when unknown)."""
    try:
        return get_image_format(attrs.get("format") or DEFAULT_IMAGE_FORMAT)
    except KeyError:
        return get_image_format(DEFAULT_IMAGE_FORMAT)


def _media_link(attrs: dict, classname: str) -> str:
    url = attrs.get("url")
    if not url:
        return ""
    return f'<p class="{classname}"><a href="{escape(url)}">{escape(url)}</a></p>'


# The API's style ---------------------------------------------------------------


@dataclass
class References:
    """Ids a batch of rich text points at."""

    pages: set[int] = field(default_factory=set)
    documents: set[int] = field(default_factory=set)
    images: set[int] = field(default_factory=set)
    image_specs: set[str] = field(default_factory=set)


@dataclass
class Targets:
    """What the references resolved to; anything absent renders as plain text."""

    pages: dict[int, dict]  # id -> {"id", "path", "type", "api_url"}
    documents: dict[int, dict]  # id -> document representation
    images: dict[int, object]  # id -> Image with renditions prefetched


def references_in(source: str, into: References) -> None:
    """Add the pages, documents, images and rendition specs ``source`` needs to ``into``."""
    if not source:
        return
    cleaned = clean_source(source)
    links = _LINK_FINDER.extract_tags(cleaned)
    for kind, ids in (("page", into.pages), ("document", into.documents)):
        ids.update(i for i in map(entity_id, (m.attrs for m in links.get(kind, []))) if i)
    for match in _EMBED_FINDER.extract_tags(cleaned).get("image", []):
        image_id = entity_id(match.attrs)
        if image_id is not None:
            into.images.add(image_id)
            into.image_specs.add(image_format(match.attrs).filter_spec)


class ApiLinkStyle(LinkStyle):
    """For the API: frontend paths plus data attributes; looks up ``targets`` only.

    * a page link: ``<a href="/frontend/path/" data-page-id data-page-type data-api-url>``;
    * a document link: ``<a href data-document-id data-content-type [data-file-size]>``;
    * an image: ``<img src width height alt class>`` of the format's rendition;
    * a media embed: ``<p class="richtext-embed"><a href=url>url</a></p>``.
    """

    def __init__(self, targets: Targets):
        self.targets = targets

    def page_links(self, attrs_list):
        tags = []
        for attrs in attrs_list:
            page = self.targets.pages.get(entity_id(attrs))
            tags.append(
                page
                and (
                    f'<a href="{escape(page["path"])}" data-page-id="{page["id"]}" '
                    f'data-page-type="{escape(page["type"])}" '
                    f'data-api-url="{escape(page["api_url"])}">'
                )
            )
        return tags

    def document_links(self, attrs_list):
        tags = []
        for attrs in attrs_list:
            document = self.targets.documents.get(entity_id(attrs))
            if document is None:
                tags.append(None)
                continue
            size = document["file_size"]
            tags.append(
                f'<a href="{escape(document["url"])}" data-document-id="{document["id"]}" '
                f'data-content-type="{escape(document["content_type"])}"'
                + (f' data-file-size="{size}"' if size is not None else "")
                + ">"
            )
        return tags

    def image_embeds(self, attrs_list):
        out = []
        for attrs in attrs_list:
            image = self.targets.images.get(entity_id(attrs))
            if image is None:
                out.append("")
                continue
            fmt = image_format(attrs)
            rendition = next(iter(image.get_renditions(fmt.filter_spec).values()))
            alt = attrs.get("alt") or image.default_alt_text
            classes = fmt.classname or "richtext-image"
            out.append(
                f'<img src="{escape(rendition.url)}" width="{rendition.width}" '
                f'height="{rendition.height}" alt="{escape(alt)}" class="{escape(classes)}">'
            )
        return out

    def media_embeds(self, attrs_list):
        return [_media_link(attrs, "richtext-embed") for attrs in attrs_list]


def render_for_api(source: str | None, targets: Targets) -> str:
    """``render`` in the API's style (``ApiLinkStyle``)."""
    return render(source, ApiLinkStyle(targets))


# Wagtail's own handlers --------------------------------------------------------


class WagtailLinkStyle(LinkStyle):
    """Wagtail's registered link and embed handlers (``expand_db_html``'s forms).

    For callers with no API or print targets (a block rendered without the API's
    renderers); their bulk methods make one query per kind.
    """

    @staticmethod
    def _handler(kind, name):
        registry = features.get_link_types() if kind == "link" else features.get_embed_types()
        return registry.get(name)

    def _expand(self, kind, name, attrs_list):
        handler = self._handler(kind, name)
        if handler is None:
            return [None if kind == "link" else ""] * len(attrs_list)
        return handler.expand_db_attributes_many(attrs_list)

    def page_links(self, attrs_list):
        return self._expand("link", "page", attrs_list)

    def document_links(self, attrs_list):
        return self._expand("link", "document", attrs_list)

    def image_embeds(self, attrs_list):
        return self._expand("embed", "image", attrs_list)

    def media_embeds(self, attrs_list):
        return [_media_link(attrs, "richtext-embed") for attrs in attrs_list]
