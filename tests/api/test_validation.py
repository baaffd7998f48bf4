"""Every bad parameter is a 400 that names it; nothing a client sends is a 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "parameter", "words"),
    [
        ("/api/v1/tools/?ordering=colour", "ordering", "use one of"),
        ("/api/v1/tools/?ordering=title,-nope", "ordering", "nope"),
        ("/api/v1/pages/abc/", "id", "whole number"),
        ("/api/v1/pages/0/", "id", "between"),
        ("/api/v1/pages/99999999999/", "id", "between"),
        ("/api/v1/tools/?type=spreadsheet", "type", "template, worksheet"),
        ("/api/v1/tools/?origin=mars", "origin", "allowed values"),
        ("/api/v1/resources/?year=twenty", "year", "whole number"),
        ("/api/v1/resources/?year=3000", "year", "2100"),
        ("/api/v1/tools/?page_size=101", "page_size", "at most 100"),
        ("/api/v1/tools/?page_size=0", "page_size", "1 or more"),
        ("/api/v1/tools/?page_size=ten", "page_size", "whole number"),
        ("/api/v1/tools/?page=-1", "page", "1 or more"),
        ("/api/v1/tools/?page=2147483648", "page", "at most"),
        ("/api/v1/tools/?page=%2B1", "page", "whole number"),
        ("/api/v1/tools/?page_size=1_0", "page_size", "whole number"),
        ("/api/v1/pages/+5/", "id", "whole number"),
        ("/api/v1/tools/?theme=bad.theme", "theme", "letters, digits"),
        ("/api/v1/case-studies/?country=a%00b", "country", "Null"),
        ("/api/v1/tools/?search=" + "x" * 201, "search", "200"),
        ("/api/v1/search/?q=", "q", "required"),
        ("/api/v1/search/?q=tool&type=tool,%20tool", "type", "not a type"),
        ("/api/v1/tools/?colour=red", "colour", "Unknown query parameter"),
        ("/api/v1/tools/tool-1/?fields=*", "fields", "Unknown query parameter"),
        ("/api/v1/tools/?ordering=title&ordering=-title", "ordering", "once"),
        ("/api/v1/tools/?type=guide&type=", "type", "empty item"),
        ("/api/v1/pages/?path=playbook/", "path", "start with '/'"),
        ("/api/v1/pages/?path=/playbook/../admin/", "path", "slugs"),
        ("/api/v1/pages/?path=/play%20book/", "path", "slugs"),
        ("/api/v1/pages/?path=//", "path", "slugs"),
        ("/api/v1/pages/", "path", "required"),
        ("/api/v1/search/", "q", "required"),
        ("/api/v1/search/?q=" + "x" * 201, "q", "200"),
        ("/api/v1/search/?q=tool&type=tool,spaceship", "type", "spaceship"),
        ("/api/v1/tools/bad.slug/", "slug", "letters, digits"),
        ("/api/v1/organisations/?kind=club", "kind", "allowed values"),
        ("/api/v1/preview/?token=abc", "content_type", "required"),
        ("/api/v1/preview/?content_type=auth.user&token=abc", "content_type", "not a page type"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(api, playbook_tree, url, parameter, words):
    response = api.get(url)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    errors = response.json()["errors"]
    assert any(error["parameter"] == parameter and words in error["message"] for error in errors), (
        errors
    )
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("url", "status", "parameter", "words"),
    [
        # api.md: an unknown filter value is a 400, never silently ignored.
        ("/api/v1/tools/?theme=no-such-theme", 400, "theme", "no-such-theme"),
        ("/api/v1/tools/?challenge=challenge-1,ghost", 400, "challenge", "ghost"),
        ("/api/v1/tools/?playbook=nope", 400, "playbook", "No playbook"),
        ("/api/v1/tools/?tag=t%C3%A9l%C3%A9phone", 400, "tag", "téléphone"),
        ("/api/v1/publications/?lab=ghost-lab", 400, "lab", "learning lab"),
        # A page past the last one does not exist (as in DRF).
        ("/api/v1/tools/?page=2", 404, "page", "does not exist; there is 1 page"),
    ],
)
def test_well_formed_values_naming_nothing_name_the_parameter(
    api, playbook_tree, url, status, parameter, words
):
    response = api.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    errors = response.json()["errors"]
    assert any(error["parameter"] == parameter and words in error["message"] for error in errors), (
        errors
    )


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/tools/caf%C3%A9/",
        "/api/v1/themes/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82/",
        "/api/v1/pages/?path=/playbook/caf%C3%A9/",
    ],
)
def test_unicode_slugs_are_well_formed(api, playbook_tree, url):
    # Wagtail can make unicode slugs (WAGTAIL_ALLOW_UNICODE_SLUGS): one that names
    # nothing is a JSON 404, not a 400 and not an HTML page.
    response = api.get(url)
    assert response.status_code == 404, response.content
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"]


def test_a_page_with_a_unicode_slug_is_found(api, playbook_tree):
    tool = playbook_tree.tools[0]
    tool.slug = "café-über"
    tool.save_revision().publish()
    assert api.json("/api/v1/tools/caf%C3%A9-%C3%BCber/")["id"] == tool.pk
    assert api.json("/api/v1/pages/?path=/playbook/tools/caf%C3%A9-%C3%BCber/")["id"] == tool.pk


@pytest.mark.parametrize("q", ["?", "%20%20", "%22%27"])
def test_a_search_without_words_finds_nothing(api, playbook_tree, q):
    # Schema-valid (1 to 200 characters), so not a 400: there is just nothing to find.
    body = api.json(f"/api/v1/search/?q={q}")
    assert (body["count"], body["results"]) == (0, [])


@pytest.mark.parametrize("search", ["?", "%22%27"])
def test_a_list_search_without_words_finds_nothing(api, playbook_tree, search):
    assert api.json(f"/api/v1/tools/?search={search}")["results"] == []


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/tools/?type=", "type"),
        ("/api/v1/tools/?type=template,,guide", "type"),
        ("/api/v1/tools/?ordering=title,", "ordering"),
        ("/api/v1/organisations/?kind=", "kind"),
        ("/api/v1/tools/?theme=,", "theme"),
        ("/api/v1/resources/?year=", "year"),
        ("/api/v1/search/?q=tool&type=", "type"),
        ("/api/v1/search/?q=tool&type=tool,", "type"),
    ],
)
def test_empty_values_and_items_are_400_except_for_text(api, playbook_tree, url, parameter):
    # The schema has no empty choice, slug or year: a client sending one has a bug.
    response = api.get(url)
    assert response.status_code == 400, response.content
    assert response.json()["errors"][0]["parameter"] == parameter
    # Free text may be empty: no filter.
    assert api.json("/api/v1/case-studies/?country=&sector=&search=")["count"] == 1


def test_an_empty_list_search_is_no_filter(api, playbook_tree):
    assert api.json("/api/v1/tools/?search=")["count"] == len(playbook_tree.tools)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/tools/?ordering=nope&colour=red",
        "/api/v1/tools/tool-1/?colour=red",
        "/api/v1/pages/abc/?colour=red",
        "/api/v1/search/?q=",
        "/api/v1/pages/",
    ],
)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options", "trace"])
def test_a_method_not_allowed_is_405_whatever_the_parameters(api, playbook_tree, url, method):
    response = api.generic(method.upper(), url)
    assert response.status_code == 405, response.content
    assert response["Allow"] == "GET, HEAD"
    assert response.json()["errors"][0]["message"]


def test_every_unknown_parameter_is_reported_at_once(api, playbook_tree):
    errors = api.get("/api/v1/tools/?colour=red&size=big").json()["errors"]
    assert {error["parameter"] for error in errors} == {"colour", "size"}


def test_not_found_is_json_too(api, playbook_tree):
    response = api.get("/api/v1/tools/no-such-tool/")
    assert response.status_code == 404
    assert response.json() == {
        "errors": [{"parameter": None, "message": "No tool with the slug 'no-such-tool'."}]
    }


WEIRD_VALUES = ["", " ", "-", ",", ",,", "'", '"', "%00", "%F0%9F%92%A5", "1e9", "-0", "null", "[]"]
ENDPOINTS_AND_PARAMETERS = [
    ("/api/v1/tools/", ["type", "origin", "theme", "tag", "challenge", "playbook", "ordering"]),
    ("/api/v1/tools/", ["organisation", "search", "page", "page_size"]),
    ("/api/v1/case-studies/", ["tool", "country", "sector", "theme", "organisation"]),
    ("/api/v1/resources/", ["format", "year", "challenge"]),
    ("/api/v1/publications/", ["type", "year", "lab", "alliance", "theme"]),
    ("/api/v1/learning-labs/", ["year", "theme", "alliance", "organisation"]),
    ("/api/v1/summits/", ["year", "country", "alliance"]),
    ("/api/v1/organisations/", ["kind", "country", "search", "ordering"]),
    ("/api/v1/search/", ["q"]),
    ("/api/v1/search/?q=tool&", ["type", "page"]),
    ("/api/v1/pages/", ["path"]),
]


@pytest.mark.parametrize(("endpoint", "parameters"), ENDPOINTS_AND_PARAMETERS)
def test_odd_values_never_cause_a_server_error(api, playbook_tree, endpoint, parameters):
    for parameter in parameters:
        for value in WEIRD_VALUES:
            separator = "" if endpoint.endswith("&") else "?"
            response = api.get(f"{endpoint}{separator}{parameter}={value}")
            assert response.status_code in (200, 400, 404), (parameter, value, response.content)
            if response.status_code == 400:
                assert response.json()["errors"][0]["parameter"] == parameter, (parameter, value)


@pytest.mark.parametrize(
    "url",
    ["/api/v1/pages/%F0%9F%92%A5/", "/api/v1/tools/%00/", "/api/v1/themes/x' OR 1=1/"],
)
def test_odd_path_parts_never_cause_a_server_error(api, playbook_tree, url):
    assert api.get(url).status_code in (400, 404)


def test_writes_are_not_allowed(api, playbook_tree):
    assert api.post("/api/v1/tools/", {}).status_code == 405
    assert api.delete("/api/v1/tools/tool-1/").status_code == 405
