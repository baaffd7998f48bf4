"""Cards: the short form of each content type, used wherever pages are listed.

Contract: a card is what a frontend needs to show a page as a tile or a link with
context (lists of solutions, related items, search results): the common page
fields plus the type's scalar fields, its picture (where it has one) and the
organisation behind it. Cards of many pages cost one query per relation they
show (organisations, themes, prefetched by ``PageSerializer.prepare_all``) and the
build's bulk image fetch.
"""

from __future__ import annotations

from rest_framework import serializers

from api.serializers.base import PAGE_FIELDS, PageSerializer
from api.serializers.common import LabelField, OrganisationSummarySerializer, ThemeSerializer
from api.serializers.fields import ImageField, type_field
from playbook_pages.models import (
    AlliancePage,
    AlliancePublicationPage,
    CaseStudyPage,
    ChallengePage,
    ExternalResourcePage,
    LearningLabPage,
    PlaybookPage,
    SummitPage,
    ToolPage,
)


class PlaybookCardSerializer(PageSerializer):
    type = type_field("playbook")
    cover_image = ImageField(source="cover_image_id")
    publisher = OrganisationSummarySerializer(read_only=True, allow_null=True)

    class Meta(PageSerializer.Meta):
        model = PlaybookPage
        fields = PAGE_FIELDS + ["subtitle", "cover_image", "edition_date", "publisher"]


class ChallengeCardSerializer(PageSerializer):
    type = type_field("challenge")
    icon_label = LabelField(ChallengePage.Icon, source="icon")

    class Meta(PageSerializer.Meta):
        model = ChallengePage
        fields = PAGE_FIELDS + ["element_name", "challenge_statement", "colour", "icon"]
        fields += ["icon_label"]


class ToolCardSerializer(PageSerializer):
    type = type_field("tool")
    tool_type_label = LabelField(ToolPage.ToolType, source="tool_type")
    origin_label = LabelField(ToolPage.Origin, source="origin")
    source_organisation = OrganisationSummarySerializer(read_only=True, allow_null=True)
    image = ImageField(source="image_id", help_text="The tool's main image; null when none.")

    class Meta(PageSerializer.Meta):
        model = ToolPage
        fields = PAGE_FIELDS + ["tool_type", "tool_type_label", "origin", "origin_label"]
        fields += ["source_organisation", "time_needed", "participants", "image"]


class CaseStudyCardSerializer(PageSerializer):
    type = type_field("case_study")
    organisation = OrganisationSummarySerializer(read_only=True, allow_null=True)
    image = ImageField(source="image_id")

    class Meta(PageSerializer.Meta):
        model = CaseStudyPage
        fields = PAGE_FIELDS + ["organisation", "country", "sector", "image"]


class ResourceCardSerializer(PageSerializer):
    type = type_field("resource")
    format_label = LabelField(ExternalResourcePage.Format, source="format")

    class Meta(PageSerializer.Meta):
        model = ExternalResourcePage
        fields = PAGE_FIELDS + ["url", "publisher", "author", "format", "format_label", "year"]


class AllianceCardSerializer(PageSerializer):
    type = type_field("alliance")

    class Meta(PageSerializer.Meta):
        model = AlliancePage
        fields = PAGE_FIELDS + ["start_year", "end_year"]


class LearningLabCardSerializer(PageSerializer):
    type = type_field("learning_lab")
    theme = ThemeSerializer(read_only=True, allow_null=True)

    class Meta(PageSerializer.Meta):
        model = LearningLabPage
        fields = PAGE_FIELDS + ["theme", "start_year", "end_year"]


class PublicationCardSerializer(PageSerializer):
    type = type_field("publication")
    publication_type_label = LabelField(
        AlliancePublicationPage.PublicationType, source="publication_type"
    )
    cover_image = ImageField(source="cover_image_id")

    class Meta(PageSerializer.Meta):
        model = AlliancePublicationPage
        fields = PAGE_FIELDS + ["publication_type", "publication_type_label", "year"]
        fields += ["cover_image", "external_url"]


class SummitCardSerializer(PageSerializer):
    type = type_field("summit")

    class Meta(PageSerializer.Meta):
        model = SummitPage
        fields = PAGE_FIELDS + ["country", "place", "year", "start_date", "end_date"]
        fields += ["details_confirmed"]


def solution_item_serializer(card_serializer_class, name):
    """``{"position", "note", "page": <card>}``: one solution of a challenge."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "position": serializers.IntegerField(
                help_text="Where the editor placed it among all the challenge's solutions (from 0)."
            ),
            "note": serializers.CharField(help_text="The editor's note; may be empty."),
            "page": card_serializer_class(),
            "__doc__": "One solution of a challenge.",
        },
    )


class SolutionGroupsSerializer(serializers.Serializer):
    """A challenge's solutions by kind, each list in the editor's order."""

    tools = solution_item_serializer(ToolCardSerializer, "ToolSolution")(many=True)
    case_studies = solution_item_serializer(CaseStudyCardSerializer, "CaseStudySolution")(many=True)
    resources = solution_item_serializer(ResourceCardSerializer, "ResourceSolution")(many=True)
    publications = solution_item_serializer(PublicationCardSerializer, "PublicationSolution")(
        many=True
    )
