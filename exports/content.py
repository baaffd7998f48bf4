"""Gather the published content of one playbook for its PDF.

Contract: ``collect_playbook(playbook)`` returns a ``PlaybookContent`` holding only
pages that are live, public (no view restriction on them or an ancestor), not past
their expiry date and inside the playbook's own site. Every page is read from its
live row, which Wagtail only changes on publish, so a draft never reaches the PDF.
``collect_playbook`` raises ``PlaybookNotExportable`` when the playbook itself is not
visible to the public.

``PlaybookContent.version(paper)`` is the content version key: a hash of everything
that changes the PDF (the live revisions of the included pages, the documents,
images and organisations they show, the paper size, the templates and the print
CSS). Equal keys mean an identical PDF, so an unchanged playbook is never rendered
twice. Collecting and hashing only read the database; nothing is rendered here.
"""

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from wagtail.models import CollectionViewRestriction, Page

from playbook_pages.models import (
    AlliancePublicationPage,
    CaseStudyIndexPage,
    CaseStudyPage,
    ChallengePage,
    ChallengeSolution,
    ExternalResourcePage,
    PlaybookPage,
    ResourceIndexPage,
    ToolIndexPage,
    ToolPage,
    ToolTemplate,
)

# Bump when the meaning of the HTML changes in Python code (the templates and the CSS
# are hashed by content, see ``renderer_fingerprint``).
RENDERER_VERSION = "2"  # 2: rich text and URLs through content.richtext and content.url_policy

KIND_LABELS = {
    "tool": ("Tool", "Tools"),
    "case_study": ("Case study", "Case studies"),
    "resource": ("Resource", "Resources"),
    "publication": ("Alliance publication", "Alliance publications"),
}


class PlaybookNotExportable(Exception):
    """The playbook is not live and public, so it has no public PDF."""


@dataclass
class Section:
    """One page that becomes a section of the PDF, with the anchor links point at."""

    page: Page
    kind: str
    anchor: str
    number: int = 0
    # Challenges this page serves (for solutions) and solutions of a challenge.
    serves: list = field(default_factory=list)
    solutions: list = field(default_factory=list)

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
    playbook: PlaybookPage
    site_root: Page
    challenges: list = field(default_factory=list)
    tools: list = field(default_factory=list)
    case_studies: list = field(default_factory=list)
    resources: list = field(default_factory=list)
    publications: list = field(default_factory=list)
    # page id -> Section, for every page that has a section in the PDF.
    sections: dict = field(default_factory=dict)
    collected_at: object = None

    def solution_sections(self):
        return self.tools + self.case_studies + self.resources + self.publications

    def all_pages(self):
        return [self.playbook] + [s.page for s in self.challenges + self.solution_sections()]

    def documents(self):
        """Every document the PDF embeds or links: tool templates and publication files."""
        docs = {}
        for section in self.tools:
            for template in section.page.pdf_templates:
                docs[template.document.pk] = template.document
        for section in self.publications:
            if section.page.document_id and section.page.document:
                docs[section.page.document.pk] = section.page.document
        return list(docs.values())

    def images(self):
        """Images shown outside rich content (cover, case studies, publication covers)."""
        images = [self.playbook.cover_image] if self.playbook.cover_image_id else []
        images += [s.page.image for s in self.case_studies if s.page.image_id]
        images += [s.page.cover_image for s in self.publications if s.page.cover_image_id]
        return [image for image in images if image is not None]

    def version(self, paper):
        """The content version key for this content printed on ``paper``."""
        pages = sorted(
            (
                page.pk,
                page.live_revision_id,
                page.last_published_at.isoformat() if page.last_published_at else "",
            )
            for page in self.all_pages()
        )
        documents = sorted(
            (doc.pk, doc.title, doc.file.name, doc.file_size or 0, doc.file_hash or "")
            for doc in self.documents()
        )
        images = sorted(
            (image.pk, image.title, image.file.name, image.file_hash or "")
            for image in self.images()
        )
        organisations = sorted((org.pk, org.name, org.website) for org in organisations_shown(self))
        payload = {
            "playbook": self.playbook.pk,
            "paper": paper,
            "pages": pages,
            "documents": documents,
            "images": images,
            "organisations": organisations,
            "frontend": settings.FRONTEND_URL,
            "renderer": renderer_fingerprint(),
        }
        encoded = json.dumps(payload, sort_keys=True, default=str).encode()
        return hashlib.sha256(encoded).hexdigest()


def organisations_shown(content):
    orgs = []
    if content.playbook.publisher_id:
        orgs.append(content.playbook.publisher)
    orgs += list(content.playbook.contributors.all())
    orgs += [s.page.source_organisation for s in content.tools if s.page.source_organisation_id]
    orgs += [s.page.organisation for s in content.case_studies if s.page.organisation_id]
    return [org for org in orgs if org is not None]


@cache
def renderer_fingerprint():
    """A hash of the PDF templates and print CSS, so editing them makes a new version."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(RENDERER_VERSION.encode())
    for path in sorted(
        list((root / "templates" / "exports" / "pdf").rglob("*.html"))
        + list((root / "static" / "exports").rglob("*.css"))
    ):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def visible(queryset, site_root, now):
    """Live, public, unexpired pages inside the site."""
    return (
        queryset.live()
        .public()
        .descendant_of(site_root, inclusive=True)
        .exclude(expire_at__lte=now)
    )


def is_exportable(playbook):
    """Whether the playbook may have a public PDF at all (live, public, in a site)."""
    site = playbook.get_site()
    if site is None:
        return False
    return visible(
        PlaybookPage.objects.filter(pk=playbook.pk), site.root_page, timezone.now()
    ).exists()


def collect_playbook(playbook, require_public=True):
    """Read what the PDF of ``playbook`` shows; see the module docstring.

    ``require_public=False`` is for the admin preview only: it accepts a playbook that
    is not public yet (everything below it still has to be).
    """
    now = timezone.now()
    site = playbook.get_site()
    if site is None:
        raise PlaybookNotExportable("The playbook is not inside any site.")
    site_root = site.root_page
    playbooks = PlaybookPage.objects.filter(pk=playbook.pk)
    if require_public:
        playbooks = visible(playbooks, site_root, now)
    live_playbook = (
        playbooks.select_related("cover_image", "publisher")
        .prefetch_related("contributors")
        .first()
    )
    if live_playbook is None:
        raise PlaybookNotExportable("The playbook is not live and public.")
    content = PlaybookContent(playbook=live_playbook, site_root=site_root, collected_at=now)

    challenges = list(
        visible(ChallengePage.objects.child_of(live_playbook), site_root, now)
        .order_by("path")
        .prefetch_related(
            Prefetch(
                "solutions",
                queryset=ChallengeSolution.objects.order_by("sort_order").select_related("page"),
            )
        )
    )
    for number, page in enumerate(challenges, start=1):
        section = Section(page=page, kind="challenge", anchor=f"challenge-{page.pk}", number=number)
        content.challenges.append(section)
        content.sections[page.pk] = section

    solution_ids = {
        solution.page_id for challenge in challenges for solution in challenge.solutions.all()
    }

    def folder_children(index_model, page_model):
        indexes = visible(index_model.objects.child_of(live_playbook), site_root, now)
        own = page_model.objects.none()
        for index in indexes:
            own = own | page_model.objects.child_of(index)
        listed = page_model.objects.filter(pk__in=solution_ids)
        return visible(own | listed, site_root, now).order_by("path")

    tools = (
        folder_children(ToolIndexPage, ToolPage)
        .select_related("source_organisation")
        .prefetch_related(
            Prefetch(
                "templates",
                queryset=ToolTemplate.objects.order_by("sort_order").select_related(
                    "document", "document__collection"
                ),
                to_attr="all_templates",
            ),
            "case_studies",
        )
    )
    restricted_collections = restricted_collection_paths()
    for page in tools:
        page.pdf_templates = [
            template
            for template in page.all_templates
            if not collection_is_restricted(template.document.collection, restricted_collections)
        ]
        add_section(content, content.tools, page, "tool")

    if live_playbook.pdf_include_case_studies:
        case_studies = (
            folder_children(CaseStudyIndexPage, CaseStudyPage)
            .select_related("organisation", "image")
            .prefetch_related("tools_used")
        )
        for page in case_studies:
            add_section(content, content.case_studies, page, "case_study")

    if live_playbook.pdf_include_resources:
        for page in folder_children(ResourceIndexPage, ExternalResourcePage):
            add_section(content, content.resources, page, "resource")

    if live_playbook.pdf_include_publications:
        # Only the publications a challenge lists: the playbook does not own them.
        publications = (
            visible(AlliancePublicationPage.objects.filter(pk__in=solution_ids), site_root, now)
            .order_by("path")
            .select_related("document", "document__collection", "cover_image", "learning_lab")
        )
        for page in publications:
            if page.document_id and collection_is_restricted(
                page.document.collection, restricted_collections
            ):
                page.document = None
            add_section(content, content.publications, page, "publication")

    link_solutions(content, challenges, now)
    return content


def add_section(content, bucket, page, kind):
    section = Section(page=page, kind=kind, anchor=f"{kind.replace('_', '-')}-{page.pk}")
    bucket.append(section)
    content.sections[page.pk] = section


def link_solutions(content, challenges, now):
    """Fill each challenge's solutions and each solution's list of challenges served."""
    outside = {
        solution.page_id
        for challenge in challenges
        for solution in challenge.solutions.all()
        if solution.page_id not in content.sections
    }
    # Solutions without a section (a section left out by the PDF options) stay as
    # links to the page online, but only while that page is visible to everyone.
    online = {
        page.pk: page
        for page in visible(
            Page.objects.filter(pk__in=outside), content.site_root, now
        ).select_related("content_type")
    }
    for challenge_section in content.challenges:
        for solution in challenge_section.page.solutions.all():
            section = content.sections.get(solution.page_id)
            if section is not None:
                challenge_section.solutions.append(
                    Solution(
                        title=section.page.title,
                        kind=section.kind,
                        note=solution.note,
                        section=section,
                    )
                )
                if challenge_section not in section.serves:
                    section.serves.append(challenge_section)
            elif solution.page_id in online:
                page = online[solution.page_id]
                challenge_section.solutions.append(
                    Solution(
                        title=page.title,
                        kind=kind_of(page),
                        note=solution.note,
                        url=frontend_url(page, content.site_root),
                    )
                )


def kind_of(page):
    model = page.content_type.model
    return {
        "toolpage": "tool",
        "casestudypage": "case_study",
        "externalresourcepage": "resource",
        "alliancepublicationpage": "publication",
    }.get(model, "page")


def frontend_url(page, site_root):
    """Where a reader opens ``page`` online: its path below the site root, on the frontend.

    The CMS is headless (no ``wagtail_serve`` route), so Wagtail's own ``page.url``
    cannot be used; this matches the API's ``frontend_path``.
    """
    root_path = site_root.url_path
    if not page.url_path.startswith(root_path):
        return ""
    return settings.FRONTEND_URL.rstrip("/") + "/" + page.url_path[len(root_path) :]


def restricted_collection_paths():
    return [
        restriction.collection.path
        for restriction in CollectionViewRestriction.objects.select_related("collection")
    ]


def collection_is_restricted(collection, restricted_paths):
    """Documents in a private collection never travel inside a public PDF."""
    return any(collection.path.startswith(path) for path in restricted_paths)
