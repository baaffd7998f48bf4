"""Factories for every page type and snippet, for tests and benchmarks.

Pages are created live under the parent given as ``parent=``; documents get a real
file so sizes and downloads behave as they do for editors' uploads.
"""

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from playbook_pages import models


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = models.Organisation.Kind.NON_PROFIT
    country = "Kenya"


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Theme
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Theme {n}")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Template {n}")
    file = factory.LazyAttribute(
        lambda o: ContentFile(b"template bytes for " + o.title.encode(), name="template.txt")
    )


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.HomePage

    title = "Knowledge hub"


class PlaybookPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.PlaybookPage

    title = factory.Sequence(lambda n: f"Playbook {n}")
    subtitle = "Learning on purpose"


class ChallengePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.ChallengePage

    title = factory.Sequence(lambda n: f"Challenge {n}")
    element_name = "Supportive leadership"
    challenge_statement = "Leaders ask for results but not for lessons."


class ToolIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.ToolIndexPage

    title = "Tools"


class ToolPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.ToolPage

    title = factory.Sequence(lambda n: f"Tool {n}")
    summary = "A tool that helps a team learn."
    how_to = factory.LazyFunction(
        lambda: [
            (
                "step",
                {
                    "title": "Gather the team",
                    "instructions": "<p>Invite everyone who worked on it.</p>",
                    "duration": "10 minutes",
                    "tip": "",
                },
            )
        ]
    )


class CaseStudyIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.CaseStudyIndexPage

    title = "Case studies"


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.CaseStudyPage

    title = factory.Sequence(lambda n: f"Case study {n}")
    summary = "How a partner tried a tool."


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.ResourceIndexPage

    title = "Resources"


class ExternalResourcePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.ExternalResourcePage

    title = factory.Sequence(lambda n: f"Resource {n}")
    url = "https://example.org/report"
    year = 2018


class AlliancePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.AlliancePage

    title = factory.Sequence(lambda n: f"Alliance {n}")


class LearningLabPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.LearningLabPage

    title = factory.Sequence(lambda n: f"Learning lab {n}")
    start_year = 2016


class PublicationIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.PublicationIndexPage

    title = "Publications"


class AlliancePublicationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.AlliancePublicationPage

    title = factory.Sequence(lambda n: f"Publication {n}")
    year = 2017


class SummitPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.SummitPage

    title = factory.Sequence(lambda n: f"Summit {n}")
    country = "Zambia"
    year = 2016
