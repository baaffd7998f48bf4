"""Multi-value parameters: ``?x=a,b`` and ``?x=a&x=b`` are one request; others stay single.

Runs on the demo content (built once for the module, rolled back after), so every
multi-value filter of every list endpoint meets values that match something.
"""

import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory

from api import filters
from api.search import TYPE_NAMES
from api.urls import router
from content import changes
from playbook_pages.models import HomePage
from tests import factories

pytestmark = pytest.mark.django_db
PAGE_SIZE = 100

LIST_ENDPOINTS = [
    (f"/api/v1/{prefix}/", viewset.filterset_class)
    for prefix, viewset, _ in router.registry
    if getattr(viewset, "filterset_class", None) is not None
]
MULTI_VALUE = [
    (url, name, filterset_class)
    for url, filterset_class in LIST_ENDPOINTS
    for name in sorted(filterset_class.multi_value_parameters())
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo_content", stdout=io.StringIO())
            home = HomePage.objects.get()
            add_second_playbook_and_alliance(home)
            # Stored inside this module's transaction: each test's own rolls back to it.
            changes.flush()
            yield SimpleNamespace(home=home)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def add_second_playbook_and_alliance(home):
    """The demo has one of each; the playbook and alliance filters need two."""
    playbook = factories.PlaybookPageFactory(parent=home, slug="second-playbook")
    factories.ChallengePageFactory(parent=playbook, slug="second-challenge")
    tools = factories.ToolIndexPageFactory(parent=playbook, slug="tools")
    factories.ToolPageFactory(parent=tools, slug="second-tool")
    cases = factories.CaseStudyIndexPageFactory(parent=playbook, slug="case-studies")
    factories.CaseStudyPageFactory(parent=cases, slug="second-case")
    resources = factories.ResourceIndexPageFactory(parent=playbook, slug="resources")
    factories.ExternalResourcePageFactory(parent=resources, slug="second-resource")
    alliance = factories.AlliancePageFactory(parent=home, slug="second-alliance")
    lab = factories.LearningLabPageFactory(parent=alliance, slug="second-lab")
    publications = factories.PublicationIndexPageFactory(parent=alliance, slug="publications")
    factories.AlliancePublicationPageFactory(
        parent=publications, slug="second-publication", learning_lab=lab
    )
    factories.SummitPageFactory(parent=alliance, slug="second-summit")


def candidate_values(filterset_class, name):
    """Every value the filter could take today, in a stable order."""
    filter_ = filterset_class.base_filters[name]
    if isinstance(filter_, filters.ChoiceInFilter):
        return [value for value, _ in filter_.extra["choices"]]
    # Slug filters look their candidates up for the filter set's request only.
    filterset = SimpleNamespace(request=RequestFactory().get("/"))
    return sorted(filter_.candidates(filterset).values_list("slug", flat=True))


def slugs(api, url):
    data = api.json(url)
    assert data["count"] <= PAGE_SIZE, url
    return [item["slug"] for item in data["results"]]


def two_matching_values(api, url, name, values):
    """Two values that each match something, and not the same things."""
    found = []
    for value in values:
        matched = slugs(api, f"{url}?page_size={PAGE_SIZE}&{name}={value}")
        if matched and all(set(matched) != set(other) for _, other in found):
            found.append((value, matched))
        if len(found) == 2:
            return found
    pytest.fail(f"the demo has no two values of {name} that match on {url}: {found}")


def test_every_multi_value_filter_is_covered():
    # If a list gains a multi-value filter, the test below meets it automatically.
    names = {(url, name) for url, name, _ in MULTI_VALUE}
    assert ("/api/v1/tools/", "type") in names
    assert ("/api/v1/publications/", "lab") in names
    assert ("/api/v1/organisations/", "kind") in names
    assert all(name != "ordering" for _, name in names)
    assert len(names) >= 25


@pytest.mark.parametrize(
    ("url", "name", "filterset_class"),
    MULTI_VALUE,
    ids=[f"{url.split('/')[3]}-{name}" for url, name, _ in MULTI_VALUE],
)
def test_commas_and_repeats_give_the_same_list(api, demo, url, name, filterset_class):
    values = candidate_values(filterset_class, name)
    (a, only_a), (b, only_b) = two_matching_values(api, url, name, values)
    base = f"{url}?page_size={PAGE_SIZE}"
    commas = api.json(f"{base}&{name}={a},{b}")
    repeated = api.json(f"{base}&{name}={a}&{name}={b}")
    assert repeated == commas
    # Either form matches any of the values: the union of the two single lists.
    assert {item["slug"] for item in commas["results"]} == set(only_a) | set(only_b)
    assert api.json(f"{base}&{name}={b}&{name}={a}") == commas
    # Mixed forms add up too, and an unknown value among repeats is still named.
    assert api.json(f"{base}&{name}={a}&{name}={b},{a}") == commas
    response = api.get(f"{base}&{name}={a}&{name}=no-such-{name}")
    assert response.status_code == 400
    assert [error["parameter"] for error in response.json()["errors"]] == [name]
    assert api.get(f"{base}&{name}={a}&{name}=").status_code == 400


def test_search_types_accept_both_forms(api, demo):
    base = f"/api/v1/search/?q=learning&page_size={PAGE_SIZE}"
    commas = api.json(f"{base}&type=tool,case_study")
    repeated = api.json(f"{base}&type=tool&type=case_study")
    assert repeated == commas
    assert {item["type"] for item in commas["results"]} == {"tool", "case_study"}
    assert api.json(f"{base}&type=tool")["count"] < commas["count"]
    response = api.get(f"{base}&type=tool&type=spaceship")
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "type"


SINGLE_VALUE = [
    ("/api/v1/tools/", "ordering", ("title", "-title")),
    ("/api/v1/tools/", "page_size", ("1", "2")),
    ("/api/v1/tools/", "page", ("1", "1")),
    ("/api/v1/tools/", "search", ("review", "log")),
    ("/api/v1/resources/", "year", ("2017", "2018")),
    ("/api/v1/case-studies/", "country", ("Kenya", "Ghana")),
    ("/api/v1/organisations/", "search", ("a", "b")),
    ("/api/v1/search/", "q", ("tool", "review")),
    ("/api/v1/pages/", "path", ("/", "/")),
    ("/api/v1/preview/", "token", ("a", "b")),
]


@pytest.mark.parametrize(("url", "name", "values"), SINGLE_VALUE)
def test_a_repeated_single_value_parameter_is_a_400_naming_it(api, demo, url, name, values):
    first, second = values
    extra = {"/api/v1/search/": "", "/api/v1/preview/": "content_type=playbook_pages.toolpage&"}
    query = extra.get(url, "") + f"{name}={first}&{name}={second}"
    response = api.get(f"{url}?{query}")
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert [error["parameter"] for error in errors] == [name]
    assert "once" in errors[0]["message"]


def test_the_schema_asks_generated_clients_for_repeats(client, demo):
    spec = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    def parameters(path):
        return {p["name"]: p for p in spec["paths"][path]["get"]["parameters"]}

    for url, name, _ in MULTI_VALUE:
        parameter = parameters(url)[name]
        assert parameter["schema"]["type"] == "array", (url, name)
        assert parameter["schema"]["minItems"] == 1
        assert (parameter["style"], parameter["explode"]) == ("form", True), (url, name)
    for url, _ in LIST_ENDPOINTS:
        ordering = parameters(url)["ordering"]
        assert (ordering["style"], ordering["explode"]) == ("form", False), url
        single = [p for p in parameters(url).values() if p["schema"].get("type") != "array"]
        assert all("explode" not in p or not p["explode"] for p in single)
    search_type = parameters("/api/v1/search/")["type"]
    assert (search_type["style"], search_type["explode"]) == ("form", True)
    assert set(search_type["schema"]["items"]["enum"]) == set(TYPE_NAMES)
