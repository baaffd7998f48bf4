"""Serializers of the content API, registered with ``api.registry`` by page type.

Contract: importing this package fills in ``card_serializer`` and
``detail_serializer`` for every entry of ``api.registry.PAGE_TYPES``.
"""

from api import registry
from api.serializers import alliance, cards, playbook
from api.serializers.snippets import OrganisationSerializer

_SERIALIZERS = {
    "home": (None, playbook.HomePageSerializer),
    "playbook": (cards.PlaybookCardSerializer, playbook.PlaybookSerializer),
    "challenge": (cards.ChallengeCardSerializer, playbook.ChallengeSerializer),
    "tool": (cards.ToolCardSerializer, playbook.ToolSerializer),
    "case_study": (cards.CaseStudyCardSerializer, playbook.CaseStudySerializer),
    "resource": (cards.ResourceCardSerializer, playbook.ResourceSerializer),
    "alliance": (cards.AllianceCardSerializer, alliance.AllianceSerializer),
    "learning_lab": (cards.LearningLabCardSerializer, alliance.LearningLabSerializer),
    "publication": (cards.PublicationCardSerializer, alliance.PublicationSerializer),
    "summit": (cards.SummitCardSerializer, alliance.SummitSerializer),
    "tool_index": (None, playbook.ToolIndexPageSerializer),
    "case_study_index": (None, playbook.CaseStudyIndexPageSerializer),
    "resource_index": (None, playbook.ResourceIndexPageSerializer),
    "publication_index": (None, alliance.PublicationIndexPageSerializer),
}

for _name, (_card, _detail) in _SERIALIZERS.items():
    registry.BY_NAME[_name].card_serializer = _card
    registry.BY_NAME[_name].detail_serializer = _detail

__all__ = ["OrganisationSerializer", "alliance", "cards", "playbook"]
