"""Lists and details of the playbook side: home, playbook, challenge, tool, case study, resource.

Contract: per type a ``*ListSerializer`` (its card plus the relations a list page
shows and filters by) and a detail ``*Serializer`` (everything its page shows, so a
frontend renders it from one request). Index pages and the home page have a detail
serializer only. Related pages come through ``self.pages`` (``api.loaders``): only
visible pages, a fixed number of queries per response.
"""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.models import Page

from api import registry
from api.rows import Where
from api.serializers.base import (
    DETAIL_PAGE_FIELDS,
    PAGE_FIELDS,
    CitedByChallengesMixin,
    DetailMixin,
    PageSerializer,
)
from api.serializers.cards import (
    CaseStudyCardSerializer,
    ChallengeCardSerializer,
    PlaybookCardSerializer,
    ResourceCardSerializer,
    SolutionGroupsSerializer,
    ToolCardSerializer,
)
from api.serializers.common import (
    DownloadSerializer,
    NavigationNodeSerializer,
    OrganisationSummarySerializer,
    PageReferenceSerializer,
    TagSerializer,
    ThemeSerializer,
)
from api.serializers.fields import RichTextHTMLField, type_field
from api.serializers.fields_prepared import prepared
from api.serializers.streams import stream_field
from playbook_pages.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    ChallengePage,
    ChallengeSolution,
    HomePage,
    PlaybookPage,
    ResourceIndexPage,
    ToolIndexPage,
    ToolPage,
)

STEP = Page.steplen


# Home ------------------------------------------------------------------------


class HomePageSerializer(DetailMixin, PageSerializer):
    type = type_field("home")
    intro = RichTextHTMLField()
    sections = prepared(
        PageReferenceSerializer(many=True), "_api_sections", help_text="Playbooks and alliances."
    )

    class Meta(PageSerializer.Meta):
        model = HomePage
        fields = PAGE_FIELDS + DETAIL_PAGE_FIELDS + ["breadcrumbs", "intro", "sections"]

    def prepare(self, instances):
        super().prepare(instances)
        for page in instances:
            page._api_sections = self.pages.references(Where.children(page)) if page.path else []


# Playbook --------------------------------------------------------------------


class PlaybookListSerializer(PlaybookCardSerializer):
    class Meta(PlaybookCardSerializer.Meta):
        pass


class PlaybookPdfSerializer(serializers.Serializer):
    url = serializers.CharField(help_text="Where the printable, interactive PDF is served.")
    paper_size = serializers.ChoiceField(choices=PlaybookPage.PaperSize.choices)
    include_case_studies = serializers.BooleanField()
    include_resources = serializers.BooleanField()
    include_publications = serializers.BooleanField()


class PlaybookSerializer(DetailMixin, PlaybookListSerializer):
    intro = RichTextHTMLField()
    contributors = OrganisationSummarySerializer(many=True, read_only=True)
    how_to_use = stream_field(PlaybookPage, "how_to_use")
    background = stream_field(PlaybookPage, "background")
    glossary = stream_field(PlaybookPage, "glossary")
    pdf = serializers.SerializerMethodField()
    challenges = prepared(
        ChallengeCardSerializer(many=True),
        "_api_challenges",
        help_text="The playbook's challenges in editor order.",
    )
    navigation = prepared(
        NavigationNodeSerializer(many=True),
        "_api_navigation",
        help_text="Every visible page below the playbook, nested, in editor order.",
    )

    class Meta(PlaybookListSerializer.Meta):
        fields = (
            PlaybookListSerializer.Meta.fields
            + DETAIL_PAGE_FIELDS
            + ["breadcrumbs", "intro", "contributors", "how_to_use", "background", "glossary"]
            + ["video_url", "contact_email", "pdf", "challenges", "navigation"]
        )

    @extend_schema_field(PlaybookPdfSerializer)
    def get_pdf(self, page):
        detail = reverse("api:playbook-detail", kwargs={"slug": page.slug})
        return {
            "url": f"{detail}pdf/",
            "paper_size": page.pdf_paper_size,
            "include_case_studies": page.pdf_include_case_studies,
            "include_resources": page.pdf_include_resources,
            "include_publications": page.pdf_include_publications,
        }

    def prepare(self, instances):
        super().prepare(instances)
        for page in instances:
            page._api_challenges = page._api_navigation = []
            if page.path:
                page._api_challenges = self.pages.cards_where(*_challenges_of(page))
                page._api_navigation = self.pages.tree(page)

    @classmethod
    def read_ahead(cls, pages, page):
        super().read_ahead(pages, page)
        pages.cards_ahead(*_challenges_of(page))
        pages.tree_ahead(page)


def _challenges_of(page):
    """The cards a playbook shows: its challenges (children)."""
    return registry.BY_MODEL[ChallengePage], Where.children(page)


# Challenge -------------------------------------------------------------------


class ChallengeListSerializer(ChallengeCardSerializer):
    playbook = prepared(
        PageReferenceSerializer(allow_null=True),
        "_api_playbook",
        help_text="The playbook it belongs to.",
    )

    class Meta(ChallengeCardSerializer.Meta):
        fields = ChallengeCardSerializer.Meta.fields + ["playbook"]

    def prepare(self, instances):
        super().prepare(instances)
        parents = self.pages.references_by_path(
            page.path[:-STEP] for page in instances if page.path
        )
        for page in instances:
            page._api_playbook = parents.get((page.path or "")[:-STEP])


class ChallengeSerializer(DetailMixin, ChallengeListSerializer):
    reflection_questions = stream_field(ChallengePage, "reflection_questions")
    why_it_matters = RichTextHTMLField()
    design_principles = stream_field(ChallengePage, "design_principles")
    body = stream_field(ChallengePage, "body")
    solution_count = serializers.SerializerMethodField()
    solutions = prepared(SolutionGroupsSerializer(), "_api_solutions")
    previous = prepared(
        PageReferenceSerializer(allow_null=True), "_api_previous", help_text="The challenge before."
    )
    next = prepared(
        PageReferenceSerializer(allow_null=True), "_api_next", help_text="The challenge after."
    )

    class Meta(ChallengeListSerializer.Meta):
        fields = (
            ChallengeListSerializer.Meta.fields
            + DETAIL_PAGE_FIELDS
            + ["breadcrumbs", "reflection_questions", "why_it_matters", "design_principles"]
            + ["body", "solution_count", "solutions", "previous", "next"]
        )

    def get_solution_count(self, page) -> int:
        """Solutions a reader sees (drafts and private pages are not counted)."""
        return sum(len(items) for items in page._api_solutions.values())

    def prepare(self, instances):
        super().prepare(instances)
        for page in instances:
            solutions = list(page.solutions.all())
            cards = self.pages.cards((s.page_id for s in solutions), registry.SOLUTION_TYPES)
            groups = {page_type.group: [] for page_type in registry.SOLUTION_TYPES}
            for position, solution in enumerate(solutions):
                card = cards.get(solution.page_id)
                if card is None:
                    continue  # a draft, private or deleted page: readers never see it
                groups[registry.BY_NAME[card["type"]].group].append(
                    {"position": position, "note": solution.note, "page": card}
                )
            page._api_solutions = groups
            self._prepare_neighbours(page)

    def _prepare_neighbours(self, page):
        page._api_previous = page._api_next = None
        if not page.path:
            return
        siblings = self.pages.references(
            Where.below(page.path[:-STEP], page.depth), model=ChallengePage
        )
        ids = [sibling["id"] for sibling in siblings]
        if page.pk in ids:
            index = ids.index(page.pk)
            page._api_previous = siblings[index - 1] if index > 0 else None
            page._api_next = siblings[index + 1] if index + 1 < len(ids) else None


# Tools -----------------------------------------------------------------------


class ToolListSerializer(CitedByChallengesMixin, ToolCardSerializer):
    themes = ThemeSerializer(many=True, read_only=True)
    tags = TagSerializer(many=True, read_only=True)

    class Meta(ToolCardSerializer.Meta):
        fields = ToolCardSerializer.Meta.fields + ["themes", "tags", "challenges"]


class ToolSerializer(DetailMixin, ToolListSerializer):
    introduction = RichTextHTMLField()
    how_to = stream_field(ToolPage, "how_to")
    downloads = prepared(
        DownloadSerializer(many=True),
        "_api_downloads",
        help_text="Templates to download and adapt, in editor order.",
    )
    case_studies = prepared(
        CaseStudyCardSerializer(many=True),
        "_api_case_studies",
        help_text="Case studies of organisations that used the tool.",
    )
    related_tools = prepared(
        ToolCardSerializer(many=True),
        "_api_related_tools",
        help_text="Other tools offered for the same challenges.",
    )

    class Meta(ToolListSerializer.Meta):
        fields = (
            ToolListSerializer.Meta.fields
            + DETAIL_PAGE_FIELDS
            + ["breadcrumbs", "introduction", "how_to", "downloads", "external_url"]
            + ["case_studies", "related_tools"]
        )

    def prepare(self, instances):
        super().prepare(instances)
        refs = self.context["refs"]
        for page in instances:
            page._api_downloads = [
                refs.document(
                    template.document_id,
                    extra={"description": template.description},
                    drop_if_missing=True,
                )
                for template in page.templates.all()
            ]
            page._api_case_studies = self.pages.cards_where(*_case_studies_using(page))
            challenge_ids = [challenge["id"] for challenge in page._api_challenges]
            page._api_related_tools = []
            if challenge_ids:
                page._api_related_tools = self.pages.cards_where(
                    registry.BY_MODEL[ToolPage],
                    Where.pointed_at(ChallengeSolution, "page", "challenge", challenge_ids)
                    & ~Where.ids([page.pk]),
                )

    @classmethod
    def read_ahead(cls, pages, page):
        super().read_ahead(pages, page)
        pages.cards_ahead(*_case_studies_using(page))


def _case_studies_using(page):
    """The cards a tool shows of the case studies that used it."""
    return registry.BY_MODEL[CaseStudyPage], Where.in_relation(CaseStudyPage, "tools_used", page.pk)


# Case studies ----------------------------------------------------------------


class CaseStudyListSerializer(CitedByChallengesMixin, CaseStudyCardSerializer):
    themes = ThemeSerializer(many=True, read_only=True)

    class Meta(CaseStudyCardSerializer.Meta):
        fields = CaseStudyCardSerializer.Meta.fields + ["themes", "challenges"]


class CaseStudySerializer(DetailMixin, CaseStudyListSerializer):
    situation = RichTextHTMLField()
    what_they_did = stream_field(CaseStudyPage, "what_they_did")
    results = RichTextHTMLField()
    lessons_learned = stream_field(CaseStudyPage, "lessons_learned")
    tools_used = prepared(
        ToolCardSerializer(many=True), "_api_tools_used", help_text="Tools the organisation used."
    )

    class Meta(CaseStudyListSerializer.Meta):
        fields = (
            CaseStudyListSerializer.Meta.fields
            + DETAIL_PAGE_FIELDS
            + ["breadcrumbs", "situation", "what_they_did", "results", "lessons_learned"]
            + ["pull_quote", "pull_quote_attribution", "tools_used"]
        )

    def prepare(self, instances):
        super().prepare(instances)
        for page in instances:
            ids = [tool.pk for tool in page.tools_used.all()]
            cards = self.pages.cards(ids, [registry.BY_MODEL[ToolPage]])
            page._api_tools_used = [cards[pk] for pk in ids if pk in cards]


# External resources ----------------------------------------------------------


class ResourceListSerializer(CitedByChallengesMixin, ResourceCardSerializer):
    themes = ThemeSerializer(many=True, read_only=True)

    class Meta(ResourceCardSerializer.Meta):
        fields = ResourceCardSerializer.Meta.fields + ["themes", "challenges"]


class ResourceSerializer(DetailMixin, ResourceListSerializer):
    why_read = RichTextHTMLField()

    class Meta(ResourceListSerializer.Meta):
        fields = ResourceListSerializer.Meta.fields + DETAIL_PAGE_FIELDS
        fields += ["breadcrumbs", "why_read"]


# Index pages -----------------------------------------------------------------


class IndexPageSerializer(DetailMixin, PageSerializer):
    """A folder page: its introduction and the list endpoint for what it holds."""

    intro = RichTextHTMLField()
    items_url = serializers.SerializerMethodField()
    items_type = "tool"  # the registry name of what the folder holds
    items_filter = "playbook"

    class Meta(PageSerializer.Meta):
        fields = PAGE_FIELDS + DETAIL_PAGE_FIELDS + ["breadcrumbs", "intro", "items_url"]

    def get_items_url(self, page) -> str:
        """The list endpoint, filtered to the pages in this folder."""
        parent = page._api_breadcrumbs[-1] if page._api_breadcrumbs else None
        url = reverse(f"api:{self.items_type}-list")
        return f"{url}?{self.items_filter}={parent['slug']}" if parent else url


class ToolIndexPageSerializer(IndexPageSerializer):
    type = type_field("tool_index")

    class Meta(IndexPageSerializer.Meta):
        model = ToolIndexPage


class CaseStudyIndexPageSerializer(IndexPageSerializer):
    type = type_field("case_study_index")
    items_type = "case_study"

    class Meta(IndexPageSerializer.Meta):
        model = CaseStudyIndexPage


class ResourceIndexPageSerializer(IndexPageSerializer):
    type = type_field("resource_index")
    items_type = "resource"

    class Meta(IndexPageSerializer.Meta):
        model = ResourceIndexPage
