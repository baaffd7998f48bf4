"""The page kinds: the one registry of what each page type is called and how it is shown.

Contract: ``PAGE_KINDS`` lists every page model readers can see with its ``name`` (the
``type`` discriminator in every output), the API collection that lists it (if any),
how a challenge groups it among its solutions (if it can be one), whether search
finds it, and its serializers named by dotted path (``card``: the short form used
in search results and nested in other pages; ``list``: an item of its collection;
``detail``: its full representation). Serializers are imported on first use, so
this module imports no output app. Look-ups by model, name or content type id cost
no query (Django caches content types).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.utils.module_loading import import_string

from playbook_pages import models

_SERIALIZERS = "api.serializers"


@dataclass(eq=False)  # compared and hashed by identity: one entry per kind
class PageKind:
    name: str
    model: type
    collection: str | None = None  # e.g. "tools" for /api/v1/tools/
    group: str | None = None  # how a challenge groups it among its solutions
    searchable: bool = True
    # Shows the pages before and after it among its siblings (challenges).
    shows_neighbours: bool = False
    card: str | None = None
    list: str | None = None
    detail: str | None = None

    @cached_property
    def card_serializer(self):
        return import_string(f"{_SERIALIZERS}.{self.card}") if self.card else None

    @cached_property
    def list_serializer(self):
        return import_string(f"{_SERIALIZERS}.{self.list}") if self.list else None

    @cached_property
    def detail_serializer(self):
        return import_string(f"{_SERIALIZERS}.{self.detail}")

    def shapes(self) -> dict[str, type]:
        """The serializer of each stored shape of this kind (``content.models.Shape``)."""
        found = {"detail": self.detail_serializer}
        if self.card:
            found["card"] = self.card_serializer
        if self.list:
            found["list"] = self.list_serializer
        return found


PAGE_KINDS: list[PageKind] = [
    PageKind("home", models.HomePage, searchable=False, detail="playbook.HomePageSerializer"),
    PageKind(
        "playbook",
        models.PlaybookPage,
        "playbooks",
        card="cards.PlaybookCardSerializer",
        list="playbook.PlaybookListSerializer",
        detail="playbook.PlaybookSerializer",
    ),
    PageKind(
        "challenge",
        models.ChallengePage,
        "challenges",
        shows_neighbours=True,
        card="cards.ChallengeCardSerializer",
        list="playbook.ChallengeListSerializer",
        detail="playbook.ChallengeSerializer",
    ),
    PageKind(
        "tool",
        models.ToolPage,
        "tools",
        group="tools",
        card="cards.ToolCardSerializer",
        list="playbook.ToolListSerializer",
        detail="playbook.ToolSerializer",
    ),
    PageKind(
        "case_study",
        models.CaseStudyPage,
        "case-studies",
        group="case_studies",
        card="cards.CaseStudyCardSerializer",
        list="playbook.CaseStudyListSerializer",
        detail="playbook.CaseStudySerializer",
    ),
    PageKind(
        "resource",
        models.ExternalResourcePage,
        "resources",
        group="resources",
        card="cards.ResourceCardSerializer",
        list="playbook.ResourceListSerializer",
        detail="playbook.ResourceSerializer",
    ),
    PageKind(
        "alliance",
        models.AlliancePage,
        "alliances",
        card="cards.AllianceCardSerializer",
        list="alliance.AllianceListSerializer",
        detail="alliance.AllianceSerializer",
    ),
    PageKind(
        "learning_lab",
        models.LearningLabPage,
        "learning-labs",
        card="cards.LearningLabCardSerializer",
        list="alliance.LearningLabListSerializer",
        detail="alliance.LearningLabSerializer",
    ),
    PageKind(
        "publication",
        models.AlliancePublicationPage,
        "publications",
        group="publications",
        card="cards.PublicationCardSerializer",
        list="alliance.PublicationListSerializer",
        detail="alliance.PublicationSerializer",
    ),
    PageKind(
        "summit",
        models.SummitPage,
        "summits",
        card="cards.SummitCardSerializer",
        list="alliance.SummitListSerializer",
        detail="alliance.SummitSerializer",
    ),
    PageKind(
        "tool_index",
        models.ToolIndexPage,
        searchable=False,
        detail="playbook.ToolIndexPageSerializer",
    ),
    PageKind(
        "case_study_index",
        models.CaseStudyIndexPage,
        searchable=False,
        detail="playbook.CaseStudyIndexPageSerializer",
    ),
    PageKind(
        "resource_index",
        models.ResourceIndexPage,
        searchable=False,
        detail="playbook.ResourceIndexPageSerializer",
    ),
    PageKind(
        "publication_index",
        models.PublicationIndexPage,
        searchable=False,
        detail="alliance.PublicationIndexPageSerializer",
    ),
]

BY_MODEL = {kind.model: kind for kind in PAGE_KINDS}
BY_NAME = {kind.name: kind for kind in PAGE_KINDS}
SOLUTION_KINDS = [kind for kind in PAGE_KINDS if kind.group]
SEARCHABLE_KINDS = [kind for kind in PAGE_KINDS if kind.searchable]
COLLECTION_KINDS = [kind for kind in PAGE_KINDS if kind.collection]


def for_model(model) -> PageKind | None:
    return BY_MODEL.get(model)


def for_content_type_id(content_type_id: int) -> PageKind | None:
    return BY_MODEL.get(ContentType.objects.get_for_id(content_type_id).model_class())


def name_for_content_type_id(content_type_id: int) -> str:
    """The kind's name, or the model name for a page type readers never see."""
    kind = for_content_type_id(content_type_id)
    return kind.name if kind else ContentType.objects.get_for_id(content_type_id).model


def content_type_ids(kinds) -> list[int]:
    by_model = ContentType.objects.get_for_models(*(kind.model for kind in kinds))
    return [content_type.pk for content_type in by_model.values()]
