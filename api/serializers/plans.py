"""Representations by a serializer's fields, planned once per serializer class.

Contract: ``PlannedRepresentationMixin.to_representation(instance)`` returns what
DRF's ``Serializer.to_representation`` returns (the same keys in the same order,
``None`` for a missing value, every other value from the same field's
``to_representation``), for model instances and ``api.rows.Row`` alike, without
building the serializer's fields again for each serializer made:

* the fields are built once per class, on a template instance that never serves a
  request, and a plan of ``(name, attribute, field, kind)`` is kept on the class;
* a field that needs the response's context (frontend paths, images, documents,
  rich text, StreamFields) implements ``represent(value, context)``;
* a ``SerializerMethodField`` calls its method on the serializer at hand;
* a nested planned serializer (or a list of them) is represented by its own plan;
* any other field is context-free (DRF's and ours), and the template's field
  represents the value.

Why: DRF deep-copies every declared field whenever a serializer is made, which
cost more than the representation itself on cards, lists and details.
"""

from __future__ import annotations

from rest_framework import serializers

PLAIN, CONTEXT, METHOD, NESTED, NESTED_MANY = range(5)


def _kind(field) -> int:
    if isinstance(field, serializers.SerializerMethodField):
        return METHOD
    if isinstance(field, serializers.ListSerializer):
        if not isinstance(field.child, PlannedRepresentationMixin):
            raise TypeError(f"{type(field.child).__name__} must be a planned serializer.")
        return NESTED_MANY
    if isinstance(field, serializers.BaseSerializer):
        if not isinstance(field, PlannedRepresentationMixin):
            raise TypeError(f"{type(field).__name__} must be a planned serializer.")
        return NESTED
    if hasattr(field, "represent"):
        return CONTEXT
    return PLAIN


def plan_for(serializer_class) -> list[tuple]:
    """``(name, attribute, field, kind)`` per readable field; built once per class."""
    plan = serializer_class.__dict__.get("_api_plan")
    if plan is None:
        plan = []
        for field in serializer_class()._readable_fields:
            attrs = field.source_attrs
            attribute = "*" if field.source == "*" else attrs[0] if len(attrs) == 1 else None
            plan.append((field.field_name, attribute, field, _kind(field)))
        serializer_class._api_plan = plan
    return plan


def represent(serializer_class, instance, context: dict, owner=None) -> dict:
    """``instance`` as ``serializer_class`` represents it, in this response's ``context``.

    ``owner`` is the serializer instance whose methods SerializerMethodFields call.
    """
    result = {}
    for name, attribute, field, kind in plan_for(serializer_class):
        if attribute == "*":
            value = instance
        elif attribute is None:
            value = field.get_attribute(instance)  # a dotted source: DRF's general path
        else:
            value = getattr(instance, attribute)
        if value is None:
            result[name] = None
        elif kind == PLAIN:
            result[name] = field.to_representation(value)
        elif kind == CONTEXT:
            result[name] = field.represent(value, context)
        elif kind == METHOD:
            result[name] = getattr(owner, field.method_name)(value)
        elif kind == NESTED:
            result[name] = represent(type(field), value, context)
        else:
            items = value.all() if hasattr(value, "all") else value
            child = type(field.child)
            result[name] = [represent(child, item, context) for item in items]
    return result


class PlannedRepresentationMixin:
    """For serializers: represent through the class's plan (see the module docstring)."""

    def to_representation(self, instance):
        return represent(type(self), instance, self.context, owner=self)
