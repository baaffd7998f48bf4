"""Lists and details of the playbook side: home, playbook, challenge, tool, case study, resource.

Contract: per type a ``*ListSerializer`` (its card plus the relations a list page
shows and filters by) and a detail ``*Serializer`` (everything its page shows, so a
frontend renders it from one request). Index pages and the home page have a detail
serializer only. Related pages come through ``self.pages`` (``api.loaders``): only
visible pages, a fixed number of queries per build however many pages it holds.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.models import Page

from api import loaders
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
    NavigationNodeSerializer,
    OrganisationSummarySerializer,
    PageReferenceSerializer,
    TagSerializer,
    ThemeSerializer,
)
from api.serializers.fields import DownloadField, RichTextHTMLField, type_field
from api.serializers.streams import stream_field
from content import kinds
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
    sections = PageReferenceSerializer(
        many=True, read_only=True, source="_api_sections", help_text="Playbooks and alliances."
    )

    class Meta(PageSerializer.Meta):
        model = HomePage
        fields = PAGE_FIELDS + DETAIL_PAGE_FIELDS + ["breadcrumbs", "intro", "sections"]

    def prepare(self, instances):
        super().prepare(instances)
        for page, children in zip(instances, self.pages.children(instances), strict=True):
            page._api_sections = children


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
    challenges = ChallengeCardSerializer(
        many=True,
        read_only=True,
        source="_api_challenges",
        help_text="The playbook's challenges in editor order.",
    )
    navigation = NavigationNodeSerializer(
        many=True,
        read_only=True,
        source="_api_navigation",
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
        placed = [page for page in instances if page.path]
        challenges = self.pages.cards(
            kinds.BY_MODEL[ChallengePage], loaders.below_any(_tree_places(placed), 1)
        )
        for page, tree in zip(instances, self.pages.trees(instances), strict=True):
            page._api_challenges = [c for c in challenges if c.path[:-STEP] == page.path]
            page._api_navigation = tree


def _tree_places(pages):
    """(tree path, depth) of each page, for ``api.loaders.below_any``."""
    return [(page.path, page.depth) for page in pages]


# Challenge -------------------------------------------------------------------


class ChallengeListSerializer(ChallengeCardSerializer):
    playbook = PageReferenceSerializer(
        allow_null=True,
        read_only=True,
        source="_api_playbook",
        help_text="The playbook it belongs to.",
    )

    class Meta(ChallengeCardSerializer.Meta):
        fields = ChallengeCardSerializer.Meta.fields + ["playbook"]

    def prepare(self, instances):
        super().prepare(instances)
        for page, parent in zip(instances, self.pages.parents(instances), strict=True):
            page._api_playbook = parent


class ChallengeSerializer(DetailMixin, ChallengeListSerializer):
    reflection_questions = stream_field(ChallengePage, "reflection_questions")
    why_it_matters = RichTextHTMLField()
    design_principles = stream_field(ChallengePage, "design_principles")
    body = stream_field(ChallengePage, "body")
    solution_count = serializers.SerializerMethodField()
    solutions = SolutionGroupsSerializer(read_only=True, source="_api_solutions")
    previous = PageReferenceSerializer(
        allow_null=True, read_only=True, source="_api_previous", help_text="The challenge before."
    )
    next = PageReferenceSerializer(
        allow_null=True, read_only=True, source="_api_next", help_text="The challenge after."
    )
    prefetch_related = ("solutions",)

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
        solutions = {id(page): list(page.solutions.all()) for page in instances}
        cards = self.pages.cards_by_id(
            (solution.page_id for listed in solutions.values() for solution in listed),
            kinds.SOLUTION_KINDS,
        )
        for page in instances:
            groups = {page_type.group: [] for page_type in kinds.SOLUTION_KINDS}
            # Positions count the solutions readers see: a hidden one leaves no gap
            # that would tell them it exists.
            shown = [
                (solution, cards[solution.page_id])
                for solution in solutions[id(page)]
                if solution.page_id in cards  # not a draft, private or deleted page
            ]
            for position, (solution, card) in enumerate(shown):
                groups[kinds.for_model(type(card)).group].append(
                    {"position": position, "note": solution.note, "page": card}
                )
            page._api_solutions = groups
        self._prepare_neighbours(instances)

    def _prepare_neighbours(self, instances):
        """The challenges before and after each one, among its visible siblings."""
        placed = [page for page in instances if page.path]
        parents = {(page.path[:-STEP], page.depth - 1) for page in placed}
        siblings = defaultdict(list)
        for reference, path in self.pages.references_with_paths(
            loaders.below_any(parents, 1), model=ChallengePage
        ):
            siblings[path[:-STEP]].append(reference)
        for page in instances:
            page._api_previous = page._api_next = None
            found = siblings.get(page.path[:-STEP], []) if page.path else []
            ids = [sibling["id"] for sibling in found]
            if page.pk in ids:
                index = ids.index(page.pk)
                page._api_previous = found[index - 1] if index > 0 else None
                page._api_next = found[index + 1] if index + 1 < len(ids) else None


# Tools -----------------------------------------------------------------------


class ToolListSerializer(CitedByChallengesMixin, ToolCardSerializer):
    themes = ThemeSerializer(many=True, read_only=True)
    tags = TagSerializer(many=True, read_only=True)

    class Meta(ToolCardSerializer.Meta):
        fields = ToolCardSerializer.Meta.fields + ["themes", "tags", "challenges"]


class ToolSerializer(DetailMixin, ToolListSerializer):
    introduction = RichTextHTMLField()
    how_to = stream_field(ToolPage, "how_to")
    downloads = serializers.ListField(
        child=DownloadField(),
        read_only=True,
        source="templates.all",
        help_text="Templates to download and adapt, in editor order.",
    )
    case_studies = CaseStudyCardSerializer(
        many=True,
        read_only=True,
        source="_api_case_studies",
        help_text="Case studies of organisations that used the tool.",
    )
    related_tools = ToolCardSerializer(
        many=True,
        read_only=True,
        source="_api_related_tools",
        help_text="Other tools offered for the same challenges.",
    )
    prefetch_related = ("templates",)

    class Meta(ToolListSerializer.Meta):
        fields = (
            ToolListSerializer.Meta.fields
            + DETAIL_PAGE_FIELDS
            + ["breadcrumbs", "introduction", "how_to", "downloads", "external_url"]
            + ["case_studies", "related_tools"]
        )

    def prepare(self, instances):
        super().prepare(instances)
        tool_ids = [page.pk for page in instances if page.pk]
        # Which case studies used which tool, and which pages each cited challenge offers.
        users = defaultdict(set)
        through = CaseStudyPage.tools_used.through
        for tool_id, case_study_id in through.objects.filter(toolpage_id__in=tool_ids).values_list(
            "toolpage_id", "casestudypage_id"
        ):
            users[tool_id].add(case_study_id)
        challenge_ids = {c["id"] for page in instances for c in page._api_challenges}
        offered = defaultdict(set)
        for challenge_id, page_id in ChallengeSolution.objects.filter(
            challenge_id__in=challenge_ids
        ).values_list("challenge_id", "page_id"):
            offered[challenge_id].add(page_id)
        case_studies = self.pages.cards(
            kinds.BY_MODEL[CaseStudyPage], Q(pk__in=set().union(*users.values()))
        )
        tools = self.pages.cards(kinds.BY_MODEL[ToolPage], Q(pk__in=set().union(*offered.values())))
        for page in instances:
            used = users.get(page.pk, set())
            page._api_case_studies = [card for card in case_studies if card.pk in used]
            related = set().union(*(offered[c["id"]] for c in page._api_challenges)) - {page.pk}
            page._api_related_tools = [card for card in tools if card.pk in related]


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
    tools_used = ToolCardSerializer(
        many=True,
        read_only=True,
        source="_api_tools_used",
        help_text="Tools the organisation used.",
    )
    prefetch_related = ("tools_used",)

    class Meta(CaseStudyListSerializer.Meta):
        fields = (
            CaseStudyListSerializer.Meta.fields
            + DETAIL_PAGE_FIELDS
            + ["breadcrumbs", "situation", "what_they_did", "results", "lessons_learned"]
            + ["pull_quote", "pull_quote_attribution", "tools_used"]
        )

    def prepare(self, instances):
        super().prepare(instances)
        # Oldest tool first: a set of pages has no order of its own.
        used = {id(page): sorted(tool.pk for tool in page.tools_used.all()) for page in instances}
        cards = self.pages.cards_by_id(
            (pk for ids in used.values() for pk in ids), [kinds.BY_MODEL[ToolPage]]
        )
        for page in instances:
            page._api_tools_used = [cards[pk] for pk in used[id(page)] if pk in cards]


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
