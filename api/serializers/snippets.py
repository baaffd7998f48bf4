"""Organisations and themes: the shared vocabulary, listed and filtered like pages.

Contract: ``OrganisationSerializer`` and ``ThemeSerializer`` (in ``common``) give
every field a frontend shows for a snippet, the organisation's logo as renditions.
"""

from __future__ import annotations

from rest_framework import serializers

from api.serializers.common import BlankURLAsNullMixin, LabelField
from api.serializers.fields import ImageField
from playbook_pages.models import Organisation


class OrganisationSerializer(BlankURLAsNullMixin, serializers.ModelSerializer):
    kind_label = LabelField(Organisation.Kind, source="kind")
    logo = ImageField(source="logo_id")

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "slug",
            "kind",
            "kind_label",
            "country",
            "website",
            "logo",
            "description",
        ]
        read_only_fields = fields
