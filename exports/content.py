"""What the PDF of one playbook shows, read from the stored representations.

Contract: ``collect_playbook(playbook)`` returns a ``PlaybookContent`` made only of
the detail representations ``content.store`` serves for the playbook's site (the
JSON the API answers with, parsed): the playbook's detail (its challenges' cards,
its navigation tree and its PDF options), each challenge's detail (solutions
grouped by kind) and the detail of each tool, case study, resource and publication
the PDF includes. This module decides no visibility and reads no page model for
content: a page is in the PDF exactly when the store serves its detail now, which
``content.rules`` decided (live, public, not expired, in the site), so the PDF never
shows more than the API. ``collect_playbook`` raises ``PlaybookNotExportable`` when
the store serves no detail for the playbook; ``require_public=False`` (the admin
preview) builds the playbook's representation unstored instead, with the same code.

Which pages are sections: the challenges the playbook's detail lists; the tools,
case studies and resources below its folders (from its navigation tree) or listed
as a challenge's solution; the publications a challenge lists. Case studies,
resources and publications only where the playbook's PDF options include them.
Order: the page tree's (editor order), as in the navigation.

``PlaybookContent.shows_until`` is the earliest expiry time among the pages it shows
(the rows' own, and those of the pages their cards and trees show): a PDF made from
it is not served after that time.

``PlaybookContent.version(paper, edition)`` is the content version key: a hash of the ETags
of every stored representation it renders, the paper size, the frontend URL and the
templates, print CSS and catalogues of the PDF's fixed words (``exports/locale``).
Equal keys mean an identical PDF, so an unchanged playbook is never rendered twice.
Nothing is rendered here.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

import orjson
from django.conf import settings
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from content import store
from content.dependencies import dependents
from content.models import Shape
from content.rules import ReaderScope, page_locale

# Bump when the meaning of the HTML changes in Python code (the templates and the CSS
# are hashed by content, see ``renderer_fingerprint``).
RENDERER_VERSION = "3"  # 3: rich text and URLs through content.richtext and content.url_policy

# Each kind of section's name (one, several), printed in the PDF's language.
KIND_LABELS = {
    "tool": (gettext_lazy("Tool"), gettext_lazy("Tools")),
    "case_study": (gettext_lazy("Case study"), gettext_lazy("Case studies")),
    "resource": (gettext_lazy("Resource"), gettext_lazy("Resources")),
    "publication": (gettext_lazy("Alliance publication"), gettext_lazy("Alliance publications")),
}
# A solution of no kind above (a plain page).
PAGE_LABELS = (gettext_lazy("Page"), gettext_lazy("Pages"))
# The folder kind below a playbook that holds each kind of section.
FOLDERS = {"tool_index": "tool", "case_study_index": "case_study", "resource_index": "resource"}
# Solution groups of a challenge's detail, in the order the PDF lists them.
SOLUTION_GROUPS = ["tools", "case_studies", "resources", "publications"]
# The PDF option (in the playbook's ``pdf``) that includes each optional kind.
OPTIONS = {
    "case_study": "include_case_studies",
    "resource": "include_resources",
    "publication": "include_publications",
}


class PlaybookNotExportable(Exception):
    """The playbook is not live and public, so it has no public PDF."""


class UnknownChallenges(Exception):
    """A personal selection names challenges the playbook's PDF does not show."""

    def __init__(self, slugs):
        self.slugs = sorted(slugs)
        names = ", ".join(repr(slug) for slug in self.slugs)
        super().__init__(f"This playbook has no challenge with the slug {names}.")


@dataclass
class Section:
    """One page that becomes a section of the PDF: its stored detail and its anchor."""

    page: dict  # the stored detail representation
    kind: str
    anchor: str
    number: int = 0
    # Challenges this page serves (for solutions) and solutions of a challenge.
    serves: list = field(default_factory=list)
    solutions: list = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.page["id"]

    @property
    def highlight(self):
        """Anchors of the navigation tabs to light up while this section is on the page."""
        if self.kind == "challenge":
            return [self.anchor]
        return [challenge.anchor for challenge in self.serves]


@dataclass
class Solution:
    """A challenge's solution: a section of this PDF, or a link to the page online."""

    title: str
    kind: str
    note: str
    section: Section | None = None
    url: str = ""


@dataclass
class PlaybookContent:
    scope: ReaderScope
    playbook: dict  # the playbook's detail representation
    language: str
    root_url: str  # the CMS's public address, PUBLIC_BASE_URL (downloads, the HTML's base)
    challenges: list = field(default_factory=list)
    tools: list = field(default_factory=list)
    case_studies: list = field(default_factory=list)
    resources: list = field(default_factory=list)
    publications: list = field(default_factory=list)
    # page id -> Section, for every page that has a section in the PDF.
    sections: dict = field(default_factory=dict)
    # (page id, ETag) of every stored representation read; "" for an unstored build.
    etags: dict = field(default_factory=dict)
    # The earliest expiry among the pages shown (rows' own and of pages they show).
    shows_until: datetime | None = None
    # Slugs of the chosen challenges of a personal PDF (sorted); None for the whole.
    selection: list | None = None

    def read(self, row):
        """Note a stored row this PDF renders; its parsed JSON."""
        self.etags[row.page_id] = row.etag
        until = row.good_until
        if until is not None and (self.shows_until is None or until < self.shows_until):
            self.shows_until = until
        return orjson.loads(row.body)

    def solution_sections(self):
        return self.tools + self.case_studies + self.resources + self.publications

    def all_pages(self) -> list[dict]:
        return [self.playbook] + [s.page for s in self.challenges + self.solution_sections()]

    def page_ids(self) -> set[int]:
        """Every page this PDF shows (for "which playbook shows this page")."""
        return {self.playbook["id"], *self.sections}

    def version(self, paper, edition="screen"):
        """The content version key for this content in ``edition`` on ``paper``."""
        return version_key(self.playbook["id"], paper, edition, self.selection, self.etags)

    def add_section(self, bucket, page, kind):
        section = Section(page=page, kind=kind, anchor=f"{kind.replace('_', '-')}-{page['id']}")
        bucket.append(section)
        self.sections[page["id"]] = section
        return section

    def bucket(self, kind) -> list:
        return {
            "challenge": self.challenges,
            "tool": self.tools,
            "case_study": self.case_studies,
            "resource": self.resources,
            "publication": self.publications,
        }[kind]

    def link_solutions(self):
        """Fill each challenge's solutions and each solution's list of challenges served.

        A solution without a section (left out by the PDF options) becomes a link to
        the page online, only while the store serves it (a challenge's cards may wait
        for their rebuild a moment after a page left the public).
        """
        outside = {
            item["page"]["id"]
            for challenge in self.challenges
            for item in solution_items(challenge.page)
            if item["page"]["id"] not in self.sections
        }
        online = (
            set(store.bodies(self.scope.site.id, Shape.CARD, outside, self.scope.locale))
            if outside
            else set()
        )
        for section in self.challenges:
            section.solutions = []
        for section in self.solution_sections():
            section.serves = []
        for challenge in self.challenges:
            for item in solution_items(challenge.page):
                card = item["page"]
                section = self.sections.get(card["id"])
                if section is not None and section.kind != "challenge":
                    challenge.solutions.append(
                        Solution(card["title"], section.kind, item["note"], section=section)
                    )
                    if challenge not in section.serves:
                        section.serves.append(challenge)
                elif card["id"] in online:
                    challenge.solutions.append(
                        Solution(
                            card["title"],
                            card["type"],
                            item["note"],
                            url=frontend_url(card["path"]),
                        )
                    )


def version_key(playbook_id, paper, edition, selection, etags) -> str:
    """The content version key: the ETags of the representations read (``etags``:
    page id -> ETag) and everything else that changes the printed bytes."""
    payload = {
        "playbook": playbook_id,
        "paper": paper,
        "edition": edition,
        "selection": selection,
        "representations": sorted(etags.items()),
        "frontend": settings.FRONTEND_URL,
        "public": settings.PUBLIC_BASE_URL,
        "renderer": renderer_fingerprint(),
    }
    encoded = json.dumps(payload, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()


def solution_items(challenge: dict) -> list[dict]:
    """A challenge detail's solutions, group by group (tools first), each in editor order."""
    groups = challenge.get("solutions") or {}
    return [item for name in SOLUTION_GROUPS for item in groups.get(name, [])]


@cache
def renderer_fingerprint():
    """A hash of the PDF templates, print CSS and the catalogues of its fixed words,
    so editing any of them makes a new version."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(RENDERER_VERSION.encode())
    for path in sorted(
        list((root / "templates" / "exports" / "pdf").rglob("*.html"))
        + list((root / "static" / "exports").rglob("*.css"))
        + list((root / "locale").rglob("*.po"))
    ):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def frontend_url(path: str) -> str:
    """Where a reader opens a page online: its frontend path on the frontend's host."""
    if not path:
        return ""
    return settings.FRONTEND_URL.rstrip("/") + "/" + path.lstrip("/")


def public_url(path: str) -> str:
    """An absolute URL on this CMS's public address (``PUBLIC_BASE_URL``) for ``path``."""
    return settings.PUBLIC_BASE_URL.rstrip("/") + "/" + path.lstrip("/")


def stored_detail(scope: ReaderScope, page_id: int):
    rows = store.detail_rows(scope.site.id, page_id=page_id, limit=1, locale=scope.locale)
    return rows[0] if rows else None


def scope_of_page(page, site) -> ReaderScope:
    """What readers of ``site`` see in the page's own locale (a PDF is in one locale)."""
    return ReaderScope.for_site(site, page_locale(page))


def is_exportable(playbook):
    """Whether the playbook may have a public PDF at all: the store serves its detail."""
    site = playbook.get_site()
    return (
        site is not None and stored_detail(scope_of_page(playbook, site), playbook.pk) is not None
    )


def collect_playbook(playbook, require_public=True, challenges=None):
    """Read what the PDF of ``playbook`` shows; see the module docstring.

    ``require_public=False`` is for the admin preview only: it accepts a playbook that
    is not public yet (everything below it still has to be).

    ``challenges`` (slugs) makes a personal PDF: only those challenges, keeping their
    numbers, and only the solutions they cite (not the rest of the folders). A slug
    that names no challenge the store serves for the playbook (unknown, hidden or
    expired) raises ``UnknownChallenges``.
    """
    site = playbook.get_site()
    if site is None:
        raise PlaybookNotExportable("The playbook is not inside any site.")
    scope = scope_of_page(playbook, site)
    row = stored_detail(scope, playbook.pk)
    content = PlaybookContent(
        scope=scope,
        playbook={},
        language=page_locale(playbook),
        # Not the Site record's root_url: that is whatever host the editors gave it
        # (often http://localhost), and the PDF travels.
        root_url=settings.PUBLIC_BASE_URL,
    )
    if row is not None:
        data = content.read(row)
    elif not require_public and (built := store.build(scope, playbook.specific)) is not None:
        data = built.shapes[Shape.DETAIL]
    else:
        raise PlaybookNotExportable("The playbook is not live and public.")
    content.playbook = data
    options = data.get("pdf") or {}

    wanted: dict[str, list[int]] = {kind: [] for kind in KIND_LABELS}
    for child in data.get("navigation") or []:
        kind = FOLDERS.get(child["type"])
        if kind is not None:
            wanted[kind] += [node["id"] for node in child["children"] if node["type"] == kind]

    cards = data.get("challenges") or []
    if challenges is not None:
        content.selection = sorted(set(challenges))
        wanted = {kind: [] for kind in KIND_LABELS}  # only what the chosen ones cite
    served, challenge_rows = served_challenges(scope, cards)
    if challenges is not None:
        missing = set(challenges) - {card["slug"] for card in served}
        if missing:
            raise UnknownChallenges(missing)
    for number, card in enumerate(served, start=1):
        if content.selection is not None and card["slug"] not in content.selection:
            continue
        pk = card["id"]
        if pk in challenge_rows:
            section = content.add_section(
                content.challenges, content.read(challenge_rows[pk]), "challenge"
            )
            # A personal PDF keeps the numbers the whole playbook gives them.
            section.number = number
            for item in solution_items(section.page):
                card = item["page"]
                if card["type"] in wanted and card["id"] not in wanted[card["type"]]:
                    wanted[card["type"]].append(card["id"])

    included = [
        kind for kind in KIND_LABELS if kind not in OPTIONS or options.get(OPTIONS[kind], True)
    ]
    ids = [pk for kind in included for pk in wanted[kind]]
    rows = store.bodies(scope.site.id, Shape.DETAIL, ids, scope.locale)
    position = tree_positions(rows)
    for kind in included:
        for pk in sorted(wanted[kind], key=lambda pk: position.get(pk, "")):
            row = rows.get(pk)
            if row is not None and row.kind == kind:
                content.add_section(content.bucket(kind), content.read(row), kind)
    content.link_solutions()
    return content


def served_challenges(scope: ReaderScope, cards):
    """The playbook's challenge cards whose detail the store serves, and those rows.

    These are the challenges the PDF shows, numbered in this order; a personal PDF
    may choose among exactly these.
    """
    rows = store.bodies(scope.site.id, Shape.DETAIL, [card["id"] for card in cards], scope.locale)
    return [card for card in cards if card["id"] in rows], rows


def selectable_challenges(playbook) -> list[dict]:
    """The cards of the challenges a personal PDF of the published playbook may choose."""
    site = playbook.get_site()
    if site is None:
        return []
    scope = scope_of_page(playbook, site)
    row = stored_detail(scope, playbook.pk)
    if row is None:
        return []
    return served_challenges(scope, orjson.loads(row.body).get("challenges") or [])[0]


def tree_positions(page_ids) -> dict[int, str]:
    """Each page's place in the page tree, to print sections in the editor's order.

    Only the tree path is read (no content, no visibility): pages from elsewhere in
    the site (a publication a challenge lists) take their place among the rest.
    """
    return dict(Page.objects.filter(pk__in=list(page_ids)).values_list("pk", "path"))


def playbooks_showing(scope: ReaderScope, page_ids) -> set[int]:
    """Ids of the playbooks of a site whose PDF may show any of these pages (from the store).

    A playbook's stored representations show its navigation tree (every page below
    it) and its challenges; a challenge's show its solutions. Read from what the
    store recorded each build showed, so it answers for a page that has just left.
    """
    page_ids = set(page_ids)
    if not page_ids:
        return set()
    showing = page_ids | dependents(scope, page_ids)
    kinds = store.kinds_of(scope.site.id, showing, scope.locale)
    playbooks = {pk for pk, kind in kinds.items() if kind == "playbook"}
    challenges = {pk for pk, kind in kinds.items() if kind == "challenge"}
    if challenges:
        parents = store.kinds_of(scope.site.id, dependents(scope, challenges), scope.locale)
        playbooks |= {pk for pk, kind in parents.items() if kind == "playbook"}
    return playbooks
