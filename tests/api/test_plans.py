"""Planned representations equal DRF's own, for model instances and rows alike."""

import pytest
from django.test import RequestFactory
from rest_framework import serializers

from api import registry
from api.loaders import PageLoader
from api.references import ReferenceResolver
from api.rows import Where
from api.scope import PageScope
from api.serializers.plans import plan_for, represent
from playbook_pages.models import ToolPage

pytestmark = pytest.mark.django_db


def context():
    request = RequestFactory().get("/api/v1/")
    scope = PageScope.for_request(request)
    context = {"request": request, "scope": scope}
    context["pages"] = loader = PageLoader(context)
    context["refs"] = ReferenceResolver(scope, loader.reference)
    return context


def drf_representation(serializer_class, instance):
    """DRF's stock loop over the serializer's (bound, per-instance) fields."""
    ctx = context()
    serializer = serializer_class(instance, context=ctx)
    serializer.prepare_all([instance])
    return ctx["refs"].resolve(serializers.Serializer.to_representation(serializer, instance))


def planned_representation(serializer_class, instance):
    ctx = context()
    return ctx["refs"].resolve(serializer_class(instance, context=ctx).data)


@pytest.mark.parametrize("page_type", registry.PAGE_TYPES, ids=lambda page_type: page_type.name)
def test_every_detail_serializer_plans_like_drf(rich_tree, page_type):
    instance = page_type.model.objects.live().first()
    assert instance is not None, page_type.name
    serializer_class = page_type.detail_serializer
    assert planned_representation(serializer_class, instance) == drf_representation(
        serializer_class, instance
    )


def test_rows_represent_like_instances(rich_tree):
    tool = ToolPage.objects.get(pk=rich_tree.tools[0].pk)
    ctx = context()
    [row] = ctx["pages"].detail_rows(ToolPage, Where.ids([tool.pk]))
    from_row = planned_representation(registry.BY_MODEL[ToolPage].detail_serializer, row)
    from_instance = drf_representation(registry.BY_MODEL[ToolPage].detail_serializer, tool)
    assert from_row == from_instance
    assert from_row["themes"] and from_row["tags"] and from_row["how_to"]


def test_plans_are_made_once_per_class():
    serializer_class = registry.BY_NAME["tool"].card_serializer
    assert plan_for(serializer_class) is plan_for(serializer_class)
    names = [name for name, *_ in plan_for(serializer_class)]
    assert names == list(serializer_class().fields)


def test_nested_serializers_must_be_planned():
    class Unplanned(serializers.Serializer):
        name = serializers.CharField()

    class Outer(serializers.Serializer):
        inner = Unplanned()

    with pytest.raises(TypeError, match="Unplanned must be a planned serializer"):
        represent(Outer, object(), {})
