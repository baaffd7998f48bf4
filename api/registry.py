"""The page types the API knows: their names, endpoints and serializers.

Contract: ``PAGE_TYPES`` lists every page model with its API ``type`` name (the
discriminator in every response), the collection endpoint that lists it (if any)
and, once ``api.serializers`` is imported, its card and detail serializers. Lookups
by model or content type id cost no query (Django caches content types).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType

from playbook_pages import models


@dataclass(eq=False)  # compared and hashed by identity: one entry per type
class PageType:
    name: str
    model: type
    collection: str | None = None  # e.g. "tools" for /api/v1/tools/
    group: str | None = None  # how a challenge groups it among its solutions
    searchable: bool = True
    card_serializer: type | None = field(default=None, repr=False)
    detail_serializer: type | None = field(default=None, repr=False)


PAGE_TYPES: list[PageType] = [
    PageType("home", models.HomePage, searchable=False),
    PageType("playbook", models.PlaybookPage, "playbooks"),
    PageType("challenge", models.ChallengePage, "challenges"),
    PageType("tool", models.ToolPage, "tools", group="tools"),
    PageType("case_study", models.CaseStudyPage, "case-studies", group="case_studies"),
    PageType("resource", models.ExternalResourcePage, "resources", group="resources"),
    PageType("alliance", models.AlliancePage, "alliances"),
    PageType("learning_lab", models.LearningLabPage, "learning-labs"),
    PageType("publication", models.AlliancePublicationPage, "publications", group="publications"),
    PageType("summit", models.SummitPage, "summits"),
    PageType("tool_index", models.ToolIndexPage, searchable=False),
    PageType("case_study_index", models.CaseStudyIndexPage, searchable=False),
    PageType("resource_index", models.ResourceIndexPage, searchable=False),
    PageType("publication_index", models.PublicationIndexPage, searchable=False),
]

BY_MODEL = {page_type.model: page_type for page_type in PAGE_TYPES}
BY_NAME = {page_type.name: page_type for page_type in PAGE_TYPES}
SOLUTION_TYPES = [page_type for page_type in PAGE_TYPES if page_type.group]
SEARCHABLE_TYPES = [page_type for page_type in PAGE_TYPES if page_type.searchable]


def for_model(model) -> PageType | None:
    return BY_MODEL.get(model)


def for_content_type_id(content_type_id: int) -> PageType | None:
    return BY_MODEL.get(ContentType.objects.get_for_id(content_type_id).model_class())


_type_names: dict[int, str] = {}


def type_name_for_content_type_id(content_type_id: int) -> str:
    # Content type ids never change for the life of a process.
    name = _type_names.get(content_type_id)
    if name is None:
        page_type = for_content_type_id(content_type_id)
        name = (
            page_type.name if page_type else ContentType.objects.get_for_id(content_type_id).model
        )
        _type_names[content_type_id] = name
    return name


def content_type_ids(page_types) -> list[int]:
    by_model = ContentType.objects.get_for_models(*(page_type.model for page_type in page_types))
    return [content_type.pk for content_type in by_model.values()]
