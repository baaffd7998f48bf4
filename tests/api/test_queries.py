"""Queries per build do not grow with the items or relations a representation holds.

The same shape of content is built small and large, and the serializers alone
(``serializer_context`` with no request) build many details at once, as the
representation store does, with the exact same number of queries for both (after
a warm-up that creates image renditions once). What a request costs, reading the
store, is in ``test_read_queries``.
"""

import pytest
from django.test import RequestFactory

from api.context import serializer_context
from api.serializers.playbook import CaseStudySerializer, ToolSerializer
from content.rules import ReaderScope
from playbook_pages.models import CaseStudyPage, ToolPage, ToolTemplate
from tests import factories
from tests.api.conftest import add_solution, make_image, page_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(playbook_tree):
    return {
        "organisation": factories.OrganisationFactory(name="Caribou Digital"),
        "theme": factories.ThemeFactory(name="Learning culture"),
        "image": make_image(),
        "document": factories.DocumentFactory(),
    }


def make_tools(tree, shared, total):
    for number in range(total - len(tree.tools)):
        tool = factories.ToolPageFactory(
            parent=tree.tool_index,
            slug=f"extra-tool-{number}",
            source_organisation=shared["organisation"],
            introduction=f"<p>See {page_link(tree.tools[0])}.</p>",
        )
        tool.themes.add(shared["theme"])
        tool.tags.add("retrospective", f"tag-{number}")
        tool.save()
        ToolTemplate.objects.create(tool=tool, document=shared["document"])
        add_solution(tree.challenges[number % 2], tool, position=10 + number)


def make_case_studies(tree, shared, total):
    for number in range(total - 1):
        case = factories.CaseStudyPageFactory(
            parent=tree.case_index,
            slug=f"extra-case-{number}",
            organisation=shared["organisation"],
            image=make_image(f"Case picture {number}"),
        )
        case.themes.add(shared["theme"])
        case.tools_used.add(tree.tools[0])
        case.save()
        add_solution(tree.challenges[1], case, position=100 + number)


# Tool details: tools, their organisation, themes, tags, templates, ancestors, citing
# challenges, the case studies that used them and their cards with organisations, what
# the challenges offer and the related tools' cards with organisations, images, their
# renditions, documents, rich-text link targets. Case study details: case studies,
# organisations, themes, tools used, citing challenges, ancestors, the tools' cards,
# images, their renditions. Each visibility check reads the view restrictions once.
BUILD_QUERIES = {ToolSerializer: 23, CaseStudySerializer: 12}


@pytest.mark.parametrize("total", [5, 50])
@pytest.mark.parametrize("serializer_class", [ToolSerializer, CaseStudySerializer])
def test_building_many_details_at_once(
    playbook_tree, shared, total, serializer_class, django_assert_num_queries
):
    tree = playbook_tree
    make_tools(tree, shared, total)
    make_case_studies(tree, shared, total)
    scope = ReaderScope.for_request(RequestFactory().get("/"))
    model = serializer_class.Meta.model

    def build():
        # Instances as a builder has them: a plain queryset, nothing prefetched.
        pages = list(model.objects.filter(pk__in=scope.pages(model).values("pk")))
        context = serializer_context(scope)
        return context["refs"].resolve(serializer_class(pages, many=True, context=context).data)

    build()  # warm-up: renditions are made once (saving the images' file hashes)
    build()  # the content version settles after those saves
    with django_assert_num_queries(BUILD_QUERIES[serializer_class]):
        data = build()
    assert len(data) == (len(tree.tools) + total - 3 if model is ToolPage else total)
    if model is CaseStudyPage:
        assert all(case["breadcrumbs"] for case in data)
        assert sum(bool(case["tools_used"]) for case in data) == total - 1  # the extra ones
    else:
        assert sum(bool(tool["case_studies"]) for tool in data) == 1  # tools[0] only
        assert sum(bool(tool["downloads"]) for tool in data) == total - 3  # the extra ones
