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
        ("/api/v1/tools/?theme=no-such-theme", "theme", "no-such-theme"),
        ("/api/v1/tools/?challenge=challenge-1,ghost", "challenge", "ghost"),
        ("/api/v1/tools/?playbook=nope", "playbook", "No playbook"),
        ("/api/v1/resources/?year=twenty", "year", "whole number"),
        ("/api/v1/resources/?year=3000", "year", "2100"),
        ("/api/v1/publications/?lab=ghost-lab", "lab", "learning lab"),
        ("/api/v1/tools/?page_size=101", "page_size", "at most 100"),
        ("/api/v1/tools/?page_size=0", "page_size", "1 or more"),
        ("/api/v1/tools/?page_size=ten", "page_size", "whole number"),
        ("/api/v1/tools/?page=2", "page", "does not exist"),
        ("/api/v1/tools/?page=-1", "page", "1 or more"),
        ("/api/v1/tools/?colour=red", "colour", "Unknown query parameter"),
        ("/api/v1/tools/tool-1/?fields=*", "fields", "Unknown query parameter"),
        ("/api/v1/tools/?type=guide&type=template", "type", "once"),
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
