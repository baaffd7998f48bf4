"""Fields that output what ``prepare()`` already built, typed for the schema.

Contract: ``prepared(schema, source)`` returns the value at ``source`` unchanged
(a dict or list made in bulk by ``api.loaders``); ``schema`` is a serializer
(instance) or raw schema that describes it in the OpenAPI document.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


def prepared(schema, source: str, **kwargs) -> serializers.Field:
    @extend_schema_field(schema)
    class PreparedField(serializers.Field):
        def to_representation(self, value):
            return value

    return PreparedField(source=source, read_only=True, **kwargs)
