"""Lists and details of the alliance side: alliance, learning lab, publication, summit.

Contract: as in ``api.serializers.playbook``: a ``*ListSerializer`` and a detail
``*Serializer`` per type, related pages only when visible, a fixed number of
queries per build.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q

from api.serializers.base import DETAIL_PAGE_FIELDS, CitedByChallengesMixin, DetailMixin
from api.serializers.cards import (
    AllianceCardSerializer,
    LearningLabCardSerializer,
    PublicationCardSerializer,
    SummitCardSerializer,
)
from api.serializers.common import (
    NavigationNodeSerializer,
    OrganisationSummarySerializer,
    PageReferenceSerializer,
    ThemeSerializer,
)
from api.serializers.fields import DocumentField, RichTextHTMLField, type_field
from api.serializers.playbook import IndexPageSerializer
from api.serializers.streams import stream_field
from content import kinds
from playbook_pages.models import (
    AlliancePage,
    AlliancePublicationPage,
    LearningLabPage,
    PublicationIndexPage,
    SummitPage,
)


class ParentAllianceMixin:
    """Pages that live directly under an alliance show which one."""

    def prepare(self, instances):
        super().prepare(instances)
        for page, parent in zip(instances, self.pages.parents(instances), strict=True):
            page._api_alliance = parent


def alliance_reference():
    return PageReferenceSerializer(
        allow_null=True, read_only=True, source="_api_alliance", help_text="Its alliance."
    )


# Alliance --------------------------------------------------------------------


class AllianceListSerializer(AllianceCardSerializer):
    convenor = OrganisationSummarySerializer(read_only=True, allow_null=True)

    class Meta(AllianceCardSerializer.Meta):
        fields = AllianceCardSerializer.Meta.fields + ["convenor"]


class AllianceSerializer(DetailMixin, AllianceListSerializer):
    intro = RichTextHTMLField()
    mission = RichTextHTMLField()
    objectives = stream_field(AlliancePage, "objectives")
    theory_of_change = stream_field(AlliancePage, "theory_of_change")
    member_organisations = OrganisationSummarySerializer(many=True, read_only=True)
    navigation = NavigationNodeSerializer(
        many=True,
        read_only=True,
        source="_api_navigation",
        help_text="Every visible page below the alliance, nested, in editor order.",
    )

    class Meta(AllianceListSerializer.Meta):
        fields = (
            AllianceListSerializer.Meta.fields
            + DETAIL_PAGE_FIELDS
            + ["breadcrumbs", "intro", "mission", "objectives", "theory_of_change"]
            + ["member_organisations", "navigation"]
        )

    def prepare(self, instances):
        super().prepare(instances)
        for page, tree in zip(instances, self.pages.trees(instances), strict=True):
            page._api_navigation = tree


# Learning labs ---------------------------------------------------------------


class LearningLabListSerializer(ParentAllianceMixin, LearningLabCardSerializer):
    facilitator = OrganisationSummarySerializer(read_only=True, allow_null=True)
    co_leads = OrganisationSummarySerializer(many=True, read_only=True)
    alliance = alliance_reference()

    class Meta(LearningLabCardSerializer.Meta):
        fields = LearningLabCardSerializer.Meta.fields + ["facilitator", "co_leads", "alliance"]


class LearningLabSerializer(DetailMixin, LearningLabListSerializer):
    members = OrganisationSummarySerializer(many=True, read_only=True)
    body = stream_field(LearningLabPage, "body")
    publications = PublicationCardSerializer(
        many=True,
        read_only=True,
        source="_api_publications",
        help_text="What the lab published.",
    )

    class Meta(LearningLabListSerializer.Meta):
        fields = (
            LearningLabListSerializer.Meta.fields
            + DETAIL_PAGE_FIELDS
            + ["breadcrumbs", "members", "meeting_rhythm", "body", "publications"]
        )

    def prepare(self, instances):
        super().prepare(instances)
        by_lab = defaultdict(list)
        for publication in self.pages.cards(
            kinds.BY_MODEL[AlliancePublicationPage],
            Q(learning_lab__in=[page.pk for page in instances if page.pk]),
            order_by=("-year", "title"),
        ):
            by_lab[publication.learning_lab_id].append(publication)
        for page in instances:
            page._api_publications = by_lab.get(page.pk, []) if page.pk else []


# Publications ----------------------------------------------------------------


class PublicationListSerializer(CitedByChallengesMixin, PublicationCardSerializer):
    themes = ThemeSerializer(many=True, read_only=True)
    contributing_organisations = OrganisationSummarySerializer(many=True, read_only=True)
    learning_lab = PageReferenceSerializer(
        allow_null=True,
        read_only=True,
        source="_api_learning_lab",
        help_text="The learning lab that produced it.",
    )
    document = DocumentField(source="document_id")

    class Meta(PublicationCardSerializer.Meta):
        fields = PublicationCardSerializer.Meta.fields + [
            "themes",
            "contributing_organisations",
            "learning_lab",
            "document",
            "challenges",
        ]

    def prepare(self, instances):
        super().prepare(instances)
        lab_ids = {page.learning_lab_id for page in instances if page.learning_lab_id}
        labs = {lab["id"]: lab for lab in self.pages.references(Q(pk__in=lab_ids))}
        for page in instances:
            page._api_learning_lab = labs.get(page.learning_lab_id)


class PublicationSerializer(DetailMixin, PublicationListSerializer):
    key_insights = stream_field(AlliancePublicationPage, "key_insights")
    body = stream_field(AlliancePublicationPage, "body")

    class Meta(PublicationListSerializer.Meta):
        fields = PublicationListSerializer.Meta.fields + DETAIL_PAGE_FIELDS
        fields += ["breadcrumbs", "key_insights", "body"]


# Summits ---------------------------------------------------------------------


class SummitListSerializer(ParentAllianceMixin, SummitCardSerializer):
    host_organisations = OrganisationSummarySerializer(many=True, read_only=True)
    themes = ThemeSerializer(many=True, read_only=True)
    alliance = alliance_reference()

    class Meta(SummitCardSerializer.Meta):
        fields = SummitCardSerializer.Meta.fields + ["host_organisations", "themes", "alliance"]


class SummitSerializer(DetailMixin, SummitListSerializer):
    outcomes = stream_field(SummitPage, "outcomes")

    class Meta(SummitListSerializer.Meta):
        fields = SummitListSerializer.Meta.fields + DETAIL_PAGE_FIELDS
        fields += ["breadcrumbs", "participants", "outcomes"]


class PublicationIndexPageSerializer(IndexPageSerializer):
    type = type_field("publication_index")
    items_type = "publication"
    items_filter = "alliance"

    class Meta(IndexPageSerializer.Meta):
        model = PublicationIndexPage
