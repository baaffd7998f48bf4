"""Page types and snippets of a learning playbook and an alliance."""

from playbook_pages.models.alliance import (
    AlliancePage,
    AlliancePublicationPage,
    LearningLabPage,
    PublicationIndexPage,
    SummitPage,
)
from playbook_pages.models.playbook import (
    SOLUTION_PAGE_TYPES,
    CaseStudyIndexPage,
    CaseStudyPage,
    ChallengePage,
    ChallengeSolution,
    ExternalResourcePage,
    HomePage,
    PlaybookPage,
    ResourceIndexPage,
    ToolIndexPage,
    ToolPage,
    ToolPageTag,
    ToolTemplate,
)
from playbook_pages.models.snippets import Organisation, Theme

__all__ = [
    "SOLUTION_PAGE_TYPES",
    "AlliancePage",
    "AlliancePublicationPage",
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "ChallengePage",
    "ChallengeSolution",
    "ExternalResourcePage",
    "HomePage",
    "LearningLabPage",
    "Organisation",
    "PlaybookPage",
    "PublicationIndexPage",
    "ResourceIndexPage",
    "SummitPage",
    "Theme",
    "ToolIndexPage",
    "ToolPage",
    "ToolPageTag",
    "ToolTemplate",
]
