"""Serializers of the content API: cards, lists and details of every page kind.

Contract: ``content.kinds`` names, for each page kind, its card, list and detail
serializer here; the representation store builds with them and the OpenAPI schema
describes them. Importing this package registers nothing.
"""

from api.serializers import alliance, cards, playbook
from api.serializers.snippets import OrganisationSerializer

__all__ = ["OrganisationSerializer", "alliance", "cards", "playbook"]
