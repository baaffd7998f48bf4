"""The playbook side of the tree: a playbook, its challenges and their solutions.

HomePage
└─ PlaybookPage
   ├─ ChallengePage ×N (ordered in the tree)
   ├─ ToolIndexPage ─ ToolPage*
   ├─ CaseStudyIndexPage ─ CaseStudyPage*
   └─ ResourceIndexPage ─ ExternalResourcePage*
"""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from content.colours import validate_text_colour
from exports.panels import ExportStatusPanel
from playbook_pages import blocks
from playbook_pages.models.mixins import BasePage, IndexPage
from playbook_pages.panels import OptionalRowsInlinePanel, SolutionsInlinePanel


def theme_panel(name="themes"):
    """Themes as a list of checkboxes: a few names, each ticked or not."""
    return FieldPanel(name, widget=forms.CheckboxSelectMultiple)


def allowed_document_formats():
    """The document formats editors may upload, as they would name them."""
    return ", ".join(f".{ext}" for ext in settings.WAGTAILDOCS_EXTENSIONS)


def year_validators():
    return [MinValueValidator(1900), MaxValueValidator(2100)]


def tabs(*tabs_):
    """A tabbed editor with the usual Promote and Settings tabs at the end."""
    return TabbedInterface(
        [ObjectList(panels, heading=heading) for heading, panels in tabs_]
        + [
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )


class HomePage(BasePage):
    """The site root: the knowledge hub that holds playbooks and alliances."""

    intro = RichTextField(
        blank=True,
        features=blocks.RICH_TEXT_FEATURES,
        help_text="Welcome text for the knowledge hub.",
    )

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["playbook_pages.PlaybookPage", "playbook_pages.AlliancePage"]

    class Meta:
        verbose_name = "home page"


class PlaybookPage(BasePage):
    """One playbook: its front matter, PDF options and, below it, its challenges."""

    class PaperSize(models.TextChoices):
        A4 = "a4", "A4"
        LETTER = "letter", "US Letter"

    subtitle = models.CharField(
        max_length=255, blank=True, help_text="Shown under the title on the cover."
    )
    intro = RichTextField(
        blank=True,
        features=blocks.RICH_TEXT_FEATURES,
        help_text="The opening text: who the playbook is for and what it offers.",
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A wide picture for the cover. Landscape, at least 1600 pixels wide.",
    )
    publisher = models.ForeignKey(
        "playbook_pages.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="published_playbooks",
        help_text="The organisation that publishes the playbook.",
    )
    contributors = ParentalManyToManyField(
        "playbook_pages.Organisation",
        blank=True,
        related_name="contributed_playbooks",
        help_text="Partners who helped develop the content.",
    )
    edition_date = models.DateField(
        null=True, blank=True, help_text="The date of this edition, printed on the cover."
    )
    how_to_use = StreamField(
        [("step", blocks.UsageStepBlock())],
        blank=True,
        verbose_name="How to use this playbook",
        help_text="The steps a reader follows, in order (e.g. Reflect, Consider, Explore, Apply).",
    )
    background = StreamField(
        blocks.BodyStreamBlock(),
        blank=True,
        help_text="Where the playbook comes from and the ideas behind it.",
    )
    glossary = StreamField(
        [("term", blocks.GlossaryTermBlock())],
        blank=True,
        help_text="Key concepts readers should know.",
    )
    video_url = models.URLField(
        blank=True,
        verbose_name="Webinar or video link",
        help_text="Optional link to a recorded webinar or video about the playbook.",
    )
    contact_email = models.EmailField(
        blank=True, help_text="Where readers can send questions and feedback."
    )
    pdf_paper_size = models.CharField(
        "PDF paper size",
        max_length=8,
        choices=PaperSize.choices,
        default=PaperSize.A4,
        help_text="The paper size of the downloadable PDF. Readers can still ask for the other.",
    )
    pdf_include_case_studies = models.BooleanField("Include case studies in the PDF", default=True)
    pdf_include_resources = models.BooleanField(
        "Include external resources in the PDF", default=True
    )
    pdf_include_publications = models.BooleanField(
        "Include linked alliance publications in the PDF",
        default=True,
        help_text="Only publications a challenge lists as a solution are included.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("subtitle"),
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [
                FieldPanel("publisher"),
                FieldPanel("contributors", widget=forms.CheckboxSelectMultiple),
                FieldPanel("edition_date"),
            ],
            heading="Publisher and edition",
        ),
        FieldPanel("contact_email"),
    ]
    guide_panels = [
        FieldPanel("how_to_use"),
        FieldPanel("background"),
        FieldPanel("glossary"),
        FieldPanel("video_url"),
    ]
    pdf_panels = [
        FieldPanel("pdf_paper_size"),
        MultiFieldPanel(
            [
                FieldPanel("pdf_include_case_studies"),
                FieldPanel("pdf_include_resources"),
                FieldPanel("pdf_include_publications"),
            ],
            heading="Sections to include",
        ),
        ExportStatusPanel(),
    ]
    edit_handler = tabs(("Content", content_panels), ("Guide", guide_panels), ("PDF", pdf_panels))

    search_fields = BasePage.search_fields + [
        index.SearchField("subtitle"),
        index.SearchField("intro"),
        index.SearchField("background"),
    ]

    parent_page_types = ["playbook_pages.HomePage"]
    subpage_types = [
        "playbook_pages.ChallengePage",
        "playbook_pages.ToolIndexPage",
        "playbook_pages.CaseStudyIndexPage",
        "playbook_pages.ResourceIndexPage",
    ]

    # Editors see the challenges in the admin in the order readers meet them.
    admin_default_ordering = "ord"

    class Meta:
        verbose_name = "playbook"

    def challenges(self):
        """Live challenges in the order editors gave them in the tree."""
        return ChallengePage.objects.child_of(self).live().public().order_by("path")


SOLUTION_PAGE_TYPES = [
    "playbook_pages.ToolPage",
    "playbook_pages.CaseStudyPage",
    "playbook_pages.ExternalResourcePage",
    "playbook_pages.AlliancePublicationPage",
]


class ChallengePage(BasePage):
    """One element of intentional learning, its common challenge and its solutions."""

    class Icon(models.TextChoices):
        LEADERSHIP = "leadership", _("Leadership (a flag)")
        CULTURE = "culture", _("Culture (people)")
        STRUCTURE = "structure", _("Structure (building blocks)")
        PROCESS = "process", _("Process (cycle arrows)")
        IDEA = "idea", _("Idea (light bulb)")

    element_name = models.CharField(
        "element of learning",
        max_length=120,
        help_text="The building block this challenge belongs to, e.g. 'Supportive leadership'.",
    )
    challenge_statement = models.TextField(
        help_text="The challenge as a reader might say it, in one or two sentences.",
    )
    reflection_questions = StreamField(
        [("question", blocks.blocks.CharBlock(max_length=300, label="Question"))],
        blank=True,
        help_text="Questions that help readers recognise the challenge in their own team.",
    )
    why_it_matters = RichTextField(
        blank=True,
        features=blocks.RICH_TEXT_FEATURES,
        help_text="What goes wrong without this element, and what changes with it.",
    )
    design_principles = StreamField(
        [("principle", blocks.TitledTextBlock())],
        blank=True,
        help_text="Principles that good solutions to this challenge follow.",
    )
    body = StreamField(
        blocks.BodyStreamBlock(), blank=True, help_text="Anything else worth saying."
    )
    colour = models.CharField(
        max_length=7,
        default="#1f6f8b",
        validators=[
            RegexValidator(
                r"^#[0-9a-fA-F]{6}$", "Enter a colour as # and six hex digits, e.g. #1f6f8b."
            ),
            validate_text_colour,
        ],
        help_text="The colour of this challenge's tab in the navigation and the PDF, e.g. "
        "#1f6f8b. Dark enough for small text (contrast of at least 4.5:1).",
    )
    icon = models.CharField(
        max_length=20,
        choices=Icon.choices,
        default=Icon.IDEA,
        help_text="The symbol shown beside the challenge in navigation.",
    )

    # A colour is the same in every language: wagtail-localize copies it from the source.
    override_translatable_fields = [SynchronizedField("colour")]

    content_panels = Page.content_panels + [
        FieldPanel("element_name"),
        FieldPanel("challenge_statement"),
        FieldPanel("summary"),
        FieldPanel("reflection_questions"),
        FieldPanel("why_it_matters"),
        FieldPanel("design_principles"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("colour"), FieldPanel("icon")], heading="Navigation"),
    ]
    solution_panels = [
        SolutionsInlinePanel(
            "solutions",
            page_types=SOLUTION_PAGE_TYPES,
            label="Solution",
            heading="Solutions",
            help_text="Tools, case studies, external resources or alliance publications "
            "that help with this challenge, each page once. Readers see them grouped by "
            "kind (tools, then case studies, external resources, alliance publications); "
            "within each kind, in the order you arrange here.",
        )
    ]
    edit_handler = tabs(("Content", content_panels), ("Solutions", solution_panels))

    search_fields = BasePage.search_fields + [
        index.SearchField("element_name"),
        index.SearchField("challenge_statement"),
        index.SearchField("why_it_matters"),
        index.SearchField("body"),
    ]

    parent_page_types = ["playbook_pages.PlaybookPage"]
    subpage_types: list = []

    class Meta:
        verbose_name = "challenge"


class ChallengeSolution(TranslatableMixin, Orderable):
    """A challenge points at a page that helps; the same page may serve many challenges."""

    challenge = ParentalKey(ChallengePage, on_delete=models.CASCADE, related_name="solutions")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="solution_for",
        verbose_name="solution",
        help_text="A tool, case study, external resource or alliance publication.",
    )
    note = models.TextField(
        blank=True,
        max_length=500,
        verbose_name="editor's note",
        help_text="Optional: why this helps with the challenge, shown beside it.",
    )

    panels = [PageChooserPanel("page", page_type=SOLUTION_PAGE_TYPES), FieldPanel("note")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = "solution"

    def clean(self):
        super().clean()
        if self.page_id is None:
            return
        allowed = {label.split(".")[1].lower() for label in SOLUTION_PAGE_TYPES}
        if self.page.specific_class._meta.model_name not in allowed:
            raise ValidationError(
                {
                    "page": "A solution must be a tool, case study, external resource "
                    "or alliance publication."
                }
            )


class ToolIndexPage(IndexPage):
    parent_page_types = ["playbook_pages.PlaybookPage"]
    subpage_types = ["playbook_pages.ToolPage"]

    class Meta:
        verbose_name = "tool folder"


class ToolPageTag(TaggedItemBase):
    content_object = ParentalKey("playbook_pages.ToolPage", related_name="tagged_items")


class ToolPage(BasePage):
    """A practical tool with a step-by-step how-to guide and templates to download."""

    class ToolType(models.TextChoices):
        TEMPLATE = "template", _("Template")
        WORKSHEET = "worksheet", _("Worksheet")
        FRAMEWORK = "framework", _("Framework")
        CHECKLIST = "checklist", _("Checklist")
        GUIDE = "guide", _("Guide")
        EXERCISE = "exercise", _("Exercise")

    class Origin(models.TextChoices):
        PLAYBOOK_TEAM = "playbook_team", _("Developed by the playbook team")
        PARTNER = "partner", _("Developed by a partner")
        EXTERNAL = "external", _("From an external toolkit")

    tool_type = models.CharField(
        max_length=20,
        choices=ToolType.choices,
        default=ToolType.TEMPLATE,
        help_text="What kind of tool it is.",
    )
    origin = models.CharField(
        max_length=20,
        choices=Origin.choices,
        default=Origin.PLAYBOOK_TEAM,
        help_text="Who made the tool.",
    )
    source_organisation = models.ForeignKey(
        "playbook_pages.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tools",
        help_text="The partner or toolkit publisher the tool comes from, if not the playbook team.",
    )
    time_needed = models.CharField(
        max_length=80, blank=True, help_text="How long it takes, e.g. '2 hours' or 'half a day'."
    )
    participants = models.CharField(
        "who takes part",
        max_length=200,
        blank=True,
        help_text="Who should be in the room, e.g. 'project team and a facilitator'.",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="main image",
        help_text="Optional: a picture of the tool in use or of the filled-in template, "
        "shown on the tool's card, at the top of its page and in the PDF. Landscape, "
        "at least 1200 pixels wide.",
    )
    introduction = RichTextField(
        blank=True,
        features=blocks.RICH_TEXT_FEATURES,
        help_text="What the tool is for and when to use it.",
    )
    how_to = StreamField(
        blocks.HowToStreamBlock(),
        blank=True,
        verbose_name="how-to guide",
        help_text="The steps to use the tool, in order. Add checklists and tips between steps.",
    )
    external_url = models.URLField(
        "external link",
        blank=True,
        help_text="Optional: where the original tool lives, for tools from other toolkits.",
    )
    themes = ParentalManyToManyField(
        "playbook_pages.Theme",
        blank=True,
        related_name="tools",
        help_text="Tick the themes the tool belongs to; readers browse tools by theme.",
    )
    tags = ClusterTaggableManager(
        through=ToolPageTag, blank=True, help_text="Free keywords that help readers find the tool."
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("tool_type"), FieldPanel("origin")]),
        FieldPanel("source_organisation"),
        FieldRowPanel([FieldPanel("time_needed"), FieldPanel("participants")]),
        FieldPanel("image"),
        FieldPanel("introduction"),
        theme_panel(),
        FieldPanel("tags"),
        FieldPanel("external_url"),
    ]
    guide_panels = [
        FieldPanel("how_to"),
        OptionalRowsInlinePanel(
            "templates",
            label="Template",
            heading="Downloadable templates",
            help_text="Files readers download and adapt. They also travel inside the PDF. "
            "A row left without a file is dropped when you save.",
        ),
    ]
    edit_handler = tabs(("Content", content_panels), ("How-to guide", guide_panels))

    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("how_to"),
        index.FilterField("tool_type"),
        index.FilterField("origin"),
        index.RelatedFields("source_organisation", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["playbook_pages.ToolIndexPage"]
    subpage_types: list = []

    class Meta:
        verbose_name = "tool"


class ToolTemplate(TranslatableMixin, Orderable):
    """A downloadable file that belongs to a tool (a template, a worksheet...)."""

    tool = ParentalKey(ToolPage, on_delete=models.CASCADE, related_name="templates")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Choose a file already uploaded, or upload one.",
    )
    description = models.CharField(
        max_length=255, blank=True, help_text="Optional: what the file is and how to use it."
    )

    panels = [
        FieldPanel(
            "document",
            help_text="Choose a file already uploaded, or upload one. Allowed formats: "
            f"{allowed_document_formats()}.",
        ),
        FieldPanel("description"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = "template"


class CaseStudyIndexPage(IndexPage):
    parent_page_types = ["playbook_pages.PlaybookPage"]
    subpage_types = ["playbook_pages.CaseStudyPage"]

    class Meta:
        verbose_name = "case study folder"


class CaseStudyPage(BasePage):
    """How one organisation tried a solution, and what it learned."""

    organisation = models.ForeignKey(
        "playbook_pages.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
        help_text="The organisation the story is about.",
    )
    country = models.CharField(
        "country or region", max_length=100, blank=True, help_text="Where it happened."
    )
    sector = models.CharField(
        max_length=100, blank=True, help_text="e.g. 'Agricultural finance' or 'Health'."
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional picture shown at the top of the case study.",
    )
    situation = RichTextField(
        blank=True, features=blocks.RICH_TEXT_FEATURES, help_text="The problem they faced."
    )
    what_they_did = StreamField(
        blocks.BodyStreamBlock(), blank=True, help_text="What they tried, step by step."
    )
    results = RichTextField(
        blank=True, features=blocks.RICH_TEXT_FEATURES, help_text="What changed as a result."
    )
    lessons_learned = StreamField(
        [("lesson", blocks.TitledTextBlock())],
        blank=True,
        help_text="What other organisations can take from it.",
    )
    pull_quote = models.TextField(
        blank=True, help_text="Optional: a striking sentence from someone involved."
    )
    pull_quote_attribution = models.CharField(
        max_length=200, blank=True, help_text="Who said the pull quote, and their role."
    )
    tools_used = ParentalManyToManyField(
        "playbook_pages.ToolPage",
        blank=True,
        related_name="case_studies",
        help_text="Tools from this playbook the organisation used.",
    )
    themes = ParentalManyToManyField(
        "playbook_pages.Theme", blank=True, related_name="case_studies"
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("country"), FieldPanel("sector")],
            heading="Who and where",
        ),
        FieldPanel("image"),
        FieldPanel("situation"),
        FieldPanel("what_they_did"),
        FieldPanel("results"),
        FieldPanel("lessons_learned"),
        MultiFieldPanel(
            [FieldPanel("pull_quote"), FieldPanel("pull_quote_attribution")],
            heading="Pull quote",
        ),
        FieldPanel("tools_used", widget=forms.CheckboxSelectMultiple),
        theme_panel(),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("situation"),
        index.SearchField("what_they_did"),
        index.SearchField("results"),
        index.SearchField("country"),
        index.SearchField("sector"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
    ]

    parent_page_types = ["playbook_pages.CaseStudyIndexPage"]
    subpage_types: list = []

    class Meta:
        verbose_name = "case study"
        verbose_name_plural = "case studies"


class ResourceIndexPage(IndexPage):
    parent_page_types = ["playbook_pages.PlaybookPage"]
    subpage_types = ["playbook_pages.ExternalResourcePage"]

    class Meta:
        verbose_name = "resource folder"


class ExternalResourcePage(BasePage):
    """A report, article, video or course published elsewhere that readers should know."""

    class Format(models.TextChoices):
        REPORT = "report", _("Report")
        ARTICLE = "article", _("Article")
        VIDEO = "video", _("Video")
        WEBINAR = "webinar", _("Webinar")
        TOOLKIT = "toolkit", _("Toolkit")
        COURSE = "course", _("Course")

    url = models.URLField(
        "link", max_length=500, help_text="Where readers find the resource, starting with https://."
    )
    publisher = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who published it, e.g. 'MIT Sloan Management Review'.",
    )
    author = models.CharField(max_length=200, blank=True, help_text="Optional: the author(s).")
    format = models.CharField(
        max_length=20,
        choices=Format.choices,
        default=Format.REPORT,
        help_text="What kind of resource.",
    )
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=year_validators(), help_text="The year it came out."
    )
    why_read = RichTextField(
        "why read it",
        blank=True,
        features=blocks.RICH_TEXT_FEATURES,
        help_text="What readers of this playbook will get from it.",
    )
    themes = ParentalManyToManyField("playbook_pages.Theme", blank=True, related_name="resources")

    content_panels = Page.content_panels + [
        FieldPanel("url"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("publisher"), FieldPanel("author")]),
        FieldRowPanel([FieldPanel("format"), FieldPanel("year")]),
        FieldPanel("why_read"),
        theme_panel(),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("publisher"),
        index.SearchField("author"),
        index.SearchField("why_read"),
        index.FilterField("format"),
        index.FilterField("year"),
    ]

    parent_page_types = ["playbook_pages.ResourceIndexPage"]
    subpage_types: list = []

    class Meta:
        verbose_name = "external resource"

    def clean(self):
        super().clean()
        if self.year and self.year > datetime.date.today().year + 1:
            raise ValidationError({"year": "That year is in the future."})
