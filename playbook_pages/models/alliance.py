"""The alliance side of the tree: a community of practice and what it produces.

HomePage
└─ AlliancePage
   ├─ LearningLabPage*
   ├─ PublicationIndexPage ─ AlliancePublicationPage*
   └─ SummitPage*
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from playbook_pages import blocks
from playbook_pages.models.mixins import BasePage, IndexPage
from playbook_pages.models.playbook import tabs, theme_panel, year_validators


class AlliancePage(BasePage):
    """A community of practice: its mission, objectives and members."""

    intro = RichTextField(
        blank=True, features=blocks.RICH_TEXT_FEATURES, help_text="Who the alliance is, in brief."
    )
    mission = RichTextField(
        blank=True,
        features=blocks.RICH_TEXT_FEATURES,
        help_text="What the alliance sets out to do.",
    )
    objectives = StreamField(
        [("objective", blocks.TitledTextBlock())],
        blank=True,
        help_text="Its main objectives, e.g. co-design, co-learning, convening.",
    )
    theory_of_change = StreamField(
        blocks.BodyStreamBlock(),
        blank=True,
        help_text="How the alliance expects its work to lead to change.",
    )
    convenor = models.ForeignKey(
        "playbook_pages.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="convened_alliances",
        help_text="The organisation that convenes the alliance.",
    )
    member_organisations = ParentalManyToManyField(
        "playbook_pages.Organisation", blank=True, related_name="alliances"
    )
    start_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=year_validators(), help_text="The year it began."
    )
    end_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=year_validators(),
        help_text="The year it ended. Leave empty while it is active.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("mission"),
        FieldPanel("objectives"),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")], heading="Years"),
    ]
    member_panels = [FieldPanel("convenor"), FieldPanel("member_organisations")]
    change_panels = [FieldPanel("theory_of_change")]
    edit_handler = tabs(
        ("Content", content_panels), ("Members", member_panels), ("Theory of change", change_panels)
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("mission"),
        index.SearchField("theory_of_change"),
    ]

    parent_page_types = ["playbook_pages.HomePage"]
    subpage_types = [
        "playbook_pages.LearningLabPage",
        "playbook_pages.PublicationIndexPage",
        "playbook_pages.SummitPage",
    ]

    class Meta:
        verbose_name = "alliance"

    def clean(self):
        super().clean()
        check_year_range(self.start_year, self.end_year)


def check_year_range(start, end, start_field="start_year", end_field="end_year"):
    if start and end and end < start:
        raise ValidationError({end_field: "The end year cannot be before the start year."})


class LearningLabPage(BasePage):
    """A working group that meets around one theme and turns it into publications."""

    theme = models.ForeignKey(
        "playbook_pages.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learning_labs",
        help_text="The theme members chose for the lab.",
    )
    start_year = models.PositiveSmallIntegerField(
        validators=year_validators(), help_text="The year the lab started."
    )
    end_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=year_validators(),
        help_text="Leave empty if the lab ran for one year only or is still running.",
    )
    facilitator = models.ForeignKey(
        "playbook_pages.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitated_labs",
        help_text="The organisation that facilitated the lab.",
    )
    co_leads = ParentalManyToManyField(
        "playbook_pages.Organisation",
        blank=True,
        related_name="co_led_labs",
        verbose_name="co-lead organisations",
        help_text="Member organisations that co-led the lab.",
    )
    members = ParentalManyToManyField(
        "playbook_pages.Organisation",
        blank=True,
        related_name="lab_memberships",
        help_text="Organisations that took part.",
    )
    meeting_rhythm = models.CharField(
        max_length=120, blank=True, help_text="How it met, e.g. 'monthly, online'."
    )
    body = StreamField(
        blocks.BodyStreamBlock(), blank=True, help_text="What the lab worked on and how."
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("theme"),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")], heading="Years"),
        MultiFieldPanel(
            [FieldPanel("facilitator"), FieldPanel("co_leads"), FieldPanel("members")],
            heading="Organisations",
        ),
        FieldPanel("meeting_rhythm"),
        FieldPanel("body"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.FilterField("start_year"),
        index.RelatedFields("theme", [index.SearchField("name")]),
    ]

    parent_page_types = ["playbook_pages.AlliancePage"]
    subpage_types: list = []

    class Meta:
        verbose_name = "learning lab"

    def clean(self):
        super().clean()
        check_year_range(self.start_year, self.end_year)


class PublicationIndexPage(IndexPage):
    parent_page_types = ["playbook_pages.AlliancePage"]
    subpage_types = ["playbook_pages.AlliancePublicationPage"]

    class Meta:
        verbose_name = "publication folder"


class AlliancePublicationPage(BasePage):
    """A toolkit, framework, guide, case study or course the alliance published."""

    class PublicationType(models.TextChoices):
        TOOLKIT = "toolkit", _("Toolkit")
        FRAMEWORK = "framework", _("Framework")
        GUIDE = "guide", _("Guide")
        CASE_STUDY = "case_study", _("Case study")
        COURSE = "course", _("Course")
        REPORT = "report", _("Research report")
        CARD_DECK = "card_deck", _("Card deck")

    publication_type = models.CharField(
        max_length=20,
        choices=PublicationType.choices,
        default=PublicationType.GUIDE,
        help_text="What kind of publication it is.",
    )
    year = models.PositiveSmallIntegerField(
        validators=year_validators(), help_text="The year it was published."
    )
    themes = ParentalManyToManyField(
        "playbook_pages.Theme", blank=True, related_name="publications"
    )
    learning_lab = models.ForeignKey(
        "playbook_pages.LearningLabPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publications",
        help_text="The learning lab that produced it, if any.",
    )
    contributing_organisations = ParentalManyToManyField(
        "playbook_pages.Organisation", blank=True, related_name="publications"
    )
    key_insights = StreamField(
        [("insight", blocks.TitledTextBlock())],
        blank=True,
        help_text="The main things a reader learns from it.",
    )
    body = StreamField(
        blocks.BodyStreamBlock(), blank=True, help_text="More about the publication."
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The publication itself, as a file readers download.",
    )
    external_url = models.URLField(
        "external link", blank=True, help_text="Optional: where it is published online."
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: the publication's cover.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("publication_type"), FieldPanel("year")]),
        FieldPanel("learning_lab"),
        theme_panel(),
        FieldPanel("contributing_organisations"),
        FieldPanel("key_insights"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("document"), FieldPanel("external_url"), FieldPanel("cover_image")],
            heading="File and links",
        ),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("key_insights"),
        index.SearchField("body"),
        index.FilterField("publication_type"),
        index.FilterField("year"),
    ]

    parent_page_types = ["playbook_pages.PublicationIndexPage"]
    subpage_types: list = []

    class Meta:
        verbose_name = "alliance publication"


class SummitPage(BasePage):
    """A co-design summit or other convening: where, when, with whom, what came of it."""

    country = models.CharField(max_length=100, help_text="The country it took place in.")
    place = models.CharField(
        max_length=200, blank=True, help_text="Town, village or district, e.g. 'Kafue district'."
    )
    year = models.PositiveSmallIntegerField(
        validators=year_validators(), help_text="The year it took place."
    )
    start_date = models.DateField(null=True, blank=True, help_text="First day, if known.")
    end_date = models.DateField(null=True, blank=True, help_text="Last day, if known.")
    details_confirmed = models.BooleanField(
        default=True,
        help_text="Untick when the place or dates are not certain; readers are told so.",
    )
    host_organisations = ParentalManyToManyField(
        "playbook_pages.Organisation",
        blank=True,
        related_name="hosted_summits",
        help_text="Organisations that hosted it with the alliance.",
    )
    themes = ParentalManyToManyField("playbook_pages.Theme", blank=True, related_name="summits")
    participants = models.TextField(
        blank=True, help_text="Who took part, e.g. '40 community members and 25 practitioners'."
    )
    outcomes = StreamField(
        blocks.BodyStreamBlock(), blank=True, help_text="What was designed and what happened next."
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("country"), FieldPanel("place")]),
                FieldRowPanel(
                    [FieldPanel("year"), FieldPanel("start_date"), FieldPanel("end_date")]
                ),
                FieldPanel("details_confirmed"),
            ],
            heading="Where and when",
        ),
        FieldPanel("host_organisations"),
        theme_panel(),
        FieldPanel("participants"),
        FieldPanel("outcomes"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("country"),
        index.SearchField("place"),
        index.SearchField("outcomes"),
        index.FilterField("year"),
    ]

    parent_page_types = ["playbook_pages.AlliancePage"]
    subpage_types: list = []

    class Meta:
        verbose_name = "summit"

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "The last day cannot be before the first day."
        if self.start_date and self.year and self.start_date.year != self.year:
            errors["start_date"] = "The first day must fall in the summit's year."
        if errors:
            raise ValidationError(errors)
