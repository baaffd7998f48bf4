"""The demo content command: builds the whole knowledge hub once and keeps editors' work.

The command runs once per module inside a transaction that is rolled back at the
end, so the other test modules never see the demo tree.
"""

import io
from types import SimpleNamespace

import docx
import openpyxl
import pypdf
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Revision, Site

from playbook_pages import models

PAGE_MODELS = [
    models.HomePage,
    models.PlaybookPage,
    models.ChallengePage,
    models.ToolIndexPage,
    models.ToolPage,
    models.CaseStudyIndexPage,
    models.CaseStudyPage,
    models.ResourceIndexPage,
    models.ExternalResourcePage,
    models.AlliancePage,
    models.LearningLabPage,
    models.PublicationIndexPage,
    models.AlliancePublicationPage,
    models.SummitPage,
]
OTHER_MODELS = [
    Page,
    Revision,
    models.Organisation,
    models.Theme,
    models.ChallengeSolution,
    models.ToolTemplate,
    get_document_model(),
    get_image_model(),
    Site,
]


def snapshot():
    return {model._meta.label: model.objects.count() for model in PAGE_MODELS + OTHER_MODELS}


# Every test here uses the database (through the module's demo build); the mark
# also makes pytest-django run them before the transactional tests that flush it.
pytestmark = pytest.mark.django_db


def run_command():
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # What an earlier database left in the cache (a rendition of an image id
            # this one reuses) must not outlive the new demo.
            cache.set("left-by-an-earlier-database", "stale")
            output = run_command()
            cache_emptied = cache.get("left-by-an-earlier-database") is None
            yield SimpleNamespace(
                output=output, home=models.HomePage.objects.get(), cache_emptied=cache_emptied
            )
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo_pages(demo, db):
    return [page.specific for page in demo.home.get_descendants(inclusive=True)]


def test_first_run_reports_what_it_created(demo):
    assert "Created:" in demo.output
    assert "13 pages: tool" in demo.output
    assert "Demo content loaded" in demo.output


def test_first_run_empties_the_cache_an_earlier_database_filled(demo):
    assert demo.cache_emptied


def test_second_run_creates_nothing(demo, db):
    before = snapshot()

    output = run_command()

    assert "demo content already loaded; editors' changes kept" in output
    assert snapshot() == before


def test_editors_change_survives_a_second_run(demo, db):
    tool = models.ToolPage.objects.get(slug="insight-log")
    tool.title = "Insight log (our version)"
    tool.summary = "Adapted by our M&E team."
    tool.save_revision().publish()

    run_command()

    tool = models.ToolPage.objects.get(slug="insight-log")
    assert tool.title == "Insight log (our version)"
    assert tool.live_revision.as_object().summary == "Adapted by our M&E team."
    assert models.ToolPage.objects.filter(title__startswith="Insight log").count() == 1


def test_home_page_replaces_wagtails_welcome_page(demo, db):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == demo.home
    assert Site.objects.count() == 1
    # Only the demo home page sits directly under the tree root.
    assert list(Page.get_first_root_node().get_children()) == [demo.home.page_ptr]


def test_minimum_counts(demo, db):
    live = {model: model.objects.live().count() for model in PAGE_MODELS}
    assert live[models.ChallengePage] == 4
    assert live[models.ToolPage] >= 12
    assert live[models.CaseStudyPage] >= 6
    assert live[models.ExternalResourcePage] >= 8
    assert live[models.LearningLabPage] >= 8
    assert live[models.AlliancePublicationPage] >= 12
    assert live[models.SummitPage] >= 3
    assert models.ToolTemplate.objects.count() >= 3


def test_every_page_is_live_with_one_published_revision(demo_pages):
    assert len(demo_pages) > 60
    for page in demo_pages:
        assert page.live, page
        assert page.live_revision_id is not None, page
        assert not page.has_unpublished_changes, page
        assert page.revisions.count() == 1, page
        assert page.first_published_at is not None, page


def test_every_page_opens_in_the_admin_editor(demo_pages, client, django_user_model):
    admin = django_user_model.objects.create_superuser("demo-admin", "a@example.org", "pw")
    client.force_login(admin)
    for page in demo_pages:
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, (page, response.status_code)


def test_playbook_front_matter_is_complete(demo, db):
    playbook = models.PlaybookPage.objects.get()
    assert playbook.subtitle and playbook.intro and playbook.contact_email
    assert playbook.edition_date is not None
    assert playbook.publisher.name.startswith("Mastercard Foundation")
    assert playbook.contributors.count() >= 7
    assert [step.value["title"] for step in playbook.how_to_use] == [
        "Reflect",
        "Consider",
        "Explore",
        "Apply",
    ]
    assert len(playbook.glossary) >= 8
    assert playbook.cover_image is not None
    elements = [challenge.element_name for challenge in playbook.challenges()]
    assert elements == [
        "Supportive leadership",
        "Learning culture",
        "Defined learning structures",
        "Intuitive knowledge processes",
    ]


def test_challenges_have_their_own_colour_icon_and_content(demo, db):
    challenges = list(models.ChallengePage.objects.all())
    assert len({challenge.colour for challenge in challenges}) == 4
    assert len({challenge.icon for challenge in challenges}) == 4
    for challenge in challenges:
        assert len(challenge.reflection_questions) >= 3
        assert len(challenge.design_principles) >= 3
        assert challenge.why_it_matters


def test_every_solution_points_at_a_live_page_of_an_allowed_type(demo, db):
    allowed = {label.lower() for label in models.SOLUTION_PAGE_TYPES}
    solutions = list(models.ChallengeSolution.objects.select_related("page"))
    assert solutions
    for solution in solutions:
        assert solution.page.live, solution
        assert solution.page.specific_class._meta.label_lower in allowed, solution
    for challenge in models.ChallengePage.objects.all():
        kinds = {
            solution.page.specific_class for solution in challenge.solutions.select_related("page")
        }
        assert {models.ToolPage, models.CaseStudyPage, models.ExternalResourcePage} <= kinds
    assert any(s.page.specific_class is models.AlliancePublicationPage for s in solutions)


def test_tools_have_real_how_to_guides(demo, db):
    for tool in models.ToolPage.objects.all():
        steps = [block for block in tool.how_to if block.block_type == "step"]
        assert len(steps) >= 4, tool
        assert all(step.value["instructions"].source for step in steps), tool
        assert any(step.value["duration"] for step in steps), tool
        assert tool.time_needed and tool.participants and tool.themes.exists(), tool
        assert tool.tags.exists(), tool
        # Tool names are invented examples, and the page says so.
        assert "example" in tool.introduction or "written for the demo" in tool.introduction


def test_template_documents_are_real_files(demo, db):
    extensions = set()
    for template in models.ToolTemplate.objects.select_related("document"):
        document = template.document
        with document.open_file() as handle:
            data = handle.read()
        assert len(data) > 1000, document
        assert document.file_size == len(data)
        extension = document.file_extension
        extensions.add(extension)
        if extension == "docx":
            word = docx.Document(io.BytesIO(data))
            text = "\n".join(paragraph.text for paragraph in word.paragraphs)
            assert word.tables, document
            assert len(text) > 300, document
        elif extension == "xlsx":
            sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
            header = [cell.value for cell in sheet[1]]
            assert sum(1 for value in header if value) >= 5, document
            assert sheet.max_row >= 3, document
        elif extension == "pdf":
            pdf = pypdf.PdfReader(io.BytesIO(data))
            text = pdf.pages[0].extract_text()
            assert document.title.split(" (")[0] in text, document
        else:
            pytest.fail(f"unexpected template type {extension}")
    assert {"docx", "xlsx", "pdf"} <= extensions


def test_publications_have_files_and_link_to_their_labs(demo, db):
    publications = list(models.AlliancePublicationPage.objects.all())
    with_files = [publication for publication in publications if publication.document]
    assert len(with_files) >= 3
    for publication in with_files:
        with publication.document.open_file() as handle:
            pdf = pypdf.PdfReader(io.BytesIO(handle.read()))
        assert "demo" in pdf.pages[0].extract_text().lower()
        assert publication.cover_image is not None
    linked = [publication for publication in publications if publication.learning_lab_id]
    assert len(linked) >= 8
    assert all(publication.learning_lab.live for publication in linked)


def test_alliance_is_linked_like_an_editor_would(demo, db):
    alliance = models.AlliancePage.objects.get()
    assert alliance.convenor.name == "MIT D-Lab"
    assert [objective.value["title"] for objective in alliance.objectives] == [
        "Co-design",
        "Co-learning",
        "Convening",
    ]
    assert alliance.member_organisations.count() >= 10
    labs = models.LearningLabPage.objects.all()
    assert all(lab.facilitator_id == alliance.convenor_id for lab in labs)
    transfer = labs.get(slug="technology-transfer-in-action")
    assert [org.name for org in transfer.co_leads.all()] == ["Siemens Stiftung"]
    summits = models.SummitPage.objects.all()
    assert all(summit.host_organisations.exists() for summit in summits if summit.details_confirmed)
    assert summits.filter(country="Uganda", details_confirmed=False).exists()
    morocco = summits.get(country="Morocco")
    assert (morocco.start_date.isoformat(), morocco.end_date.isoformat()) == (
        "2018-11-25",
        "2018-12-01",
    )


def test_case_studies_name_tools_and_show_an_image(demo, db):
    for case in models.CaseStudyPage.objects.all():
        assert case.tools_used.exists(), case
        assert case.organisation.name.endswith("(example)"), case
        assert case.pull_quote and case.results and len(case.lessons_learned) >= 2, case
        image = case.image
        assert image.description, case  # alt text
        with image.open_file() as handle:
            picture = PILImage.open(io.BytesIO(handle.read()))
            assert picture.size == (image.width, image.height)


def test_resources_have_the_reference_details(demo, db):
    for resource in models.ExternalResourcePage.objects.all():
        assert resource.url.startswith("https://"), resource
        assert resource.publisher and resource.summary and resource.why_read, resource
    assert models.ExternalResourcePage.objects.filter(
        author="Daniel H. Kim", publisher="MIT Sloan Management Review"
    ).exists()


def test_search_and_reference_indexes_are_built(demo, db):
    hits = list(models.ToolPage.objects.live().search("insight log"))
    assert models.ToolPage.objects.get(slug="insight-log") in hits
    tool = models.ToolPage.objects.get(slug="after-action-review")
    assert ReferenceIndex.get_references_to(tool).exists()
