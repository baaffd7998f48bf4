"""Personal PDFs: ``/api/v1/playbooks/{slug}/pdf/?challenges=…`` (exports.personal).

A small playbook (three published challenges, one draft one, three tools, two case
studies) keeps each render to a few pages.
"""

import io
import time
from types import SimpleNamespace

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from drf_spectacular.generators import SchemaGenerator
from pypdf import PdfReader

from exports import personal
from exports.models import PersonalExport, RenderSlot
from exports.services import withdraw_pdfs
from tests import factories
from tests.exports.pdf_reading import destinations, links
from tests.exports.playbook_builder import publish

pytestmark = pytest.mark.django_db

URL = "/api/v1/playbooks/mine/pdf/"
DATABASE_TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "content"],
    }
}


@pytest.fixture
def mine(home):
    playbook = publish(factories.PlaybookPageFactory(parent=home, slug="mine", title="Mine"))
    tools_folder = factories.ToolIndexPageFactory(parent=playbook, slug="tools")
    cases_folder = factories.CaseStudyIndexPageFactory(parent=playbook, slug="cases")
    tools = [
        publish(factories.ToolPageFactory(parent=tools_folder, slug=f"t{i}", title=title))
        for i, title in enumerate(["Alpha canvas", "Beta review", "Gamma map"])
    ]
    case_one = factories.CaseStudyPageFactory(parent=cases_folder, slug="k1", title="Kilo case")
    case_one.tools_used.set([tools[0]])
    publish(case_one)
    # Uses tool Beta but no chosen challenge cites it: Beta's "see it in use" goes online.
    case_two = factories.CaseStudyPageFactory(parent=cases_folder, slug="k2", title="Lima case")
    case_two.tools_used.set([tools[1]])
    publish(case_two)
    challenges = []
    for slug, title, cited in (
        ("first", "First challenge", [tools[0], case_one]),
        ("second", "Second challenge", [tools[1]]),
        ("third", "Third challenge", [tools[2], case_two]),
    ):
        challenge = factories.ChallengePageFactory(parent=playbook, slug=slug, title=title)
        for position, page in enumerate(cited):
            challenge.solutions.create(page=page, sort_order=position)
        challenges.append(publish(challenge))
    draft = factories.ChallengePageFactory(parent=playbook, slug="draft", title="Draft one")
    draft.unpublish()
    return SimpleNamespace(playbook=playbook, tools=tools, cases=[case_one, case_two])


def outline_titles(reader):
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def get_pdf(client, query):
    response = client.get(URL + query)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    return response, b"".join(response.streaming_content)


def test_the_personal_pdf_holds_only_the_chosen_challenges_and_their_solutions(client, mine):
    _response, data = get_pdf(client, "?challenges=second,first")
    reader = PdfReader(io.BytesIO(data))
    titles = outline_titles(reader)
    text = "\n".join(page.extract_text() for page in reader.pages)

    assert "1. First challenge" in titles and "2. Second challenge" in titles
    assert "Alpha canvas" in titles and "Beta review" in titles and "Kilo case" in titles
    for left_out in ("Third challenge", "Gamma map", "Lima case", "Draft one"):
        assert not any(left_out in title for title in titles), left_out
    # The cover says whose selection this is; the left-out challenge is not in the tabs.
    assert "Your selection" in text
    assert "3 Third" not in text

    # Every in-document link has its destination; pages left out are linked online.
    named = destinations(reader)
    found = links(reader)
    internal = [link.dest for link in found if link.dest]
    assert internal and all(dest in named for dest in internal)
    lima = f"/{mine.playbook.slug}/cases/k2/"
    assert any(link.uri and link.uri.endswith(lima) for link in found), [
        link.uri for link in found if link.uri
    ]


def test_the_selection_is_cached_whatever_its_order_or_spelling(client, mine):
    first, data = get_pdf(client, "?challenges=first,second")
    again, again_data = get_pdf(client, "?challenges=second&challenges=first")
    assert again_data == data
    assert again["ETag"] == first["ETag"]
    assert PersonalExport.objects.get().renders == 1
    cached = client.get(URL + "?challenges=first,second", HTTP_IF_NONE_MATCH=first["ETag"])
    assert cached.status_code == 304

    # Another paper, or new content, is another PDF; the old version's file goes.
    letter, _ = get_pdf(client, "?challenges=first,second&paper=letter")
    assert letter["ETag"] != first["ETag"]
    old_file = PersonalExport.objects.get(paper="a4").file_name
    tool = mine.tools[0]
    tool.summary = "A changed summary that the PDF has to show."
    publish(tool)
    changed, changed_data = get_pdf(client, "?challenges=first,second")
    assert changed["ETag"] != first["ETag"]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(changed_data)).pages)
    assert "A changed summary" in text
    assert not default_storage.exists(old_file)
    assert PersonalExport.objects.filter(paper="a4").count() == 1


@pytest.mark.parametrize(
    "query, says",
    [
        ("?challenges=first,nope", "'nope'"),
        ("?challenges=draft", "'draft'"),  # exists, but is not published
        ("?challenges=", "empty"),
        ("?challenges=first,,second", "empty item"),
        ("?challenges=bad%20slug", "A slug has only"),
        ("?challenges=first&paper=a5", "a5"),
    ],
)
def test_bad_or_hidden_challenges_are_400_naming_the_parameter(client, mine, query, says):
    response = client.get(URL + query)
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["parameter"] == ("paper" if "a5" in query else "challenges")
    assert says in error["message"]
    assert not PersonalExport.objects.exists()


@override_settings(TASKS=DATABASE_TASKS, PLAYBOOK_PERSONAL_PDF_MAX_RENDERS=1)
def test_a_burst_queues_and_never_renders_more_than_the_limit(client, mine):
    selections = ["first", "second", "third", "first,second", "second,third", "first,third"]
    clock = time.perf_counter()
    answers = [client.get(URL + f"?challenges={selection}") for selection in selections]
    elapsed = time.perf_counter() - clock
    # No request renders: each answers 202 at once, pointing at its status.
    assert [answer.status_code for answer in answers] == [202] * len(selections)
    assert elapsed < 5
    body = answers[0].json()
    assert answers[0]["Retry-After"] and answers[0]["Location"] == body["status_url"]
    status = client.get(body["status_url"]).json()
    assert status["status"] == "pending" and status["available"] is False
    # Asking again joins the queued render instead of queueing another.
    client.get(URL + "?challenges=first")
    assert DBTaskResult.objects.count() == len(selections)

    # Another render holds the only slot: a task that runs meanwhile does not wait in
    # the worker for it, it queues itself again for a few seconds later.
    task = DBTaskResult.objects.order_by("enqueued_at").first()
    export_id = task.args_kwargs["args"][0]
    with personal.render_slot("someone else") as claimed:
        assert claimed
        assert personal.render_personal_pdf(export_id) == {"status": "waiting"}
    assert PersonalExport.objects.get(pk=export_id).renders == 0
    retry = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert retry.run_after is not None and retry.args_kwargs["args"] == [export_id]

    # The worker renders one at a time: no two renders overlapped.
    for pk in PersonalExport.objects.values_list("pk", flat=True):
        personal.render_personal_pdf(pk)
    exports = list(PersonalExport.objects.order_by("started_at"))
    assert all(export.status == "ready" for export in exports)
    for earlier, later in zip(exports, exports[1:], strict=False):
        assert earlier.finished_at <= later.started_at
    assert RenderSlot.objects.exclude(holder="").count() == 0
    assert client.get(body["status_url"]).json()["available"] is True
    assert client.get(URL + "?challenges=first").status_code == 200


def test_storage_stays_bounded_and_a_withdrawn_playbook_loses_its_files(client, mine, settings):
    settings.PLAYBOOK_PERSONAL_PDF_KEEP = 2
    for selection in ("first", "second", "third"):
        get_pdf(client, f"?challenges={selection}")
    kept = PersonalExport.objects.all()
    assert kept.count() == 2
    assert sorted(e.challenges[0] for e in kept) == ["second", "third"]
    names = [e.file_name for e in kept]
    withdraw_pdfs([mine.playbook])
    assert not PersonalExport.objects.exists()
    assert not any(default_storage.exists(name) for name in names)


def test_the_personal_pdf_is_in_the_openapi_schema(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    pdf = schema["paths"]["/api/v1/playbooks/{slug}/pdf/"]["get"]
    parameter = next(p for p in pdf["parameters"] if p["name"] == "challenges")
    assert parameter["explode"] is True and parameter["schema"]["type"] == "array"
    assert "/api/v1/playbooks/{slug}/pdf/personal/{key}/" in schema["paths"]


def test_the_admin_makes_a_personal_pdf_and_keeps_the_choice_on_a_mistake(
    client, mine, django_user_model
):
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    status_url = reverse("exports_admin:status", args=[mine.playbook.pk])
    page = client.get(status_url).content.decode()
    assert "Personal PDF" in page and "1. First challenge" in page and "Draft one" not in page

    mistake = client.get(status_url, {"personal": "1", "paper": "letter"}).content.decode()
    assert "Tick at least one challenge." in mistake
    assert '<option value="letter" selected>' in mistake

    made = client.get(status_url, {"personal": "1", "challenges": ["third"], "paper": "a4"})
    export = PersonalExport.objects.get()
    download = reverse("exports_admin:personal_download", args=[mine.playbook.pk, export.key])
    assert download in made.content.decode()
    response = client.get(download)
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    titles = outline_titles(reader)
    assert "3. Third challenge" in titles and "1. First challenge" not in titles
