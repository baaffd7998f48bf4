"""The OpenAPI 3 schema is valid, complete, and real responses match it."""

import pytest
from django.core.management import call_command
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate

from playbook_pages.models import PlaybookPage
from tests import factories
from tests.api.conftest import make_image, page_link

pytestmark = pytest.mark.django_db

SCHEMA_URL = "/api/v1/schema/"


@pytest.fixture
def spec(client, home):
    response = client.get(SCHEMA_URL, HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def test_schema_is_valid_openapi_3(spec):
    validate(spec)
    assert spec["openapi"] == "3.1.0"


def test_schema_generates_without_warnings(tmp_path):
    # drf-spectacular's own validation, failing on any warning (untyped field, collision).
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml")
    )


def test_every_endpoint_documents_caching_and_errors(spec):
    expected = {
        "/api/v1/playbooks/",
        "/api/v1/playbooks/{slug}/",
        "/api/v1/challenges/{slug}/",
        "/api/v1/tools/",
        "/api/v1/tools/{slug}/",
        "/api/v1/case-studies/",
        "/api/v1/resources/",
        "/api/v1/publications/",
        "/api/v1/learning-labs/",
        "/api/v1/summits/",
        "/api/v1/alliances/",
        "/api/v1/organisations/",
        "/api/v1/themes/",
        "/api/v1/pages/",
        "/api/v1/pages/{id}/",
        "/api/v1/search/",
        "/api/v1/preview/",
    }
    assert expected <= set(spec["paths"])
    assert all(path.startswith("/api/v1/") for path in spec["paths"])
    for path in expected:
        responses = spec["paths"][path]["get"]["responses"]
        assert {"200", "400", "404", "429", "503"} <= set(responses), path
        error = responses["400"]["content"]["application/json"]["schema"]
        assert error == {"$ref": "#/components/schemas/ErrorResponse"}
        if path != "/api/v1/preview/":
            assert "ETag" in responses["200"]["headers"], path
            assert "304" in responses


def test_list_filters_are_typed_parameters(spec):
    parameters = {p["name"]: p for p in spec["paths"]["/api/v1/tools/"]["get"]["parameters"]}
    assert {"type", "origin", "theme", "challenge", "playbook", "ordering", "page"} <= set(
        parameters
    )
    assert parameters["page_size"]["schema"]["maximum"] == 100
    assert "template" in parameters["type"]["schema"]["items"]["enum"]


def test_search_results_and_stream_blocks_are_polymorphic(spec):
    schemas = spec["components"]["schemas"]
    result = schemas["SearchResult"]
    assert result["discriminator"]["propertyName"] == "type"
    assert set(result["discriminator"]["mapping"]) >= {"tool", "case_study", "publication"}
    how_to = schemas["HowToStreamBlockItem"]
    assert set(how_to["discriminator"]["mapping"]) == {"step", "checklist", "callout", "image"}
    assert schemas["HowToStepBlock"]["properties"]["instructions"]["type"] == "string"


def test_interactive_docs_are_served_without_a_cdn(client, home):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn.jsdelivr" not in html


def full_content(tree):
    """Every block type and relation, so every schema branch meets real data."""
    image = make_image("Cover")
    playbook = PlaybookPage.objects.get(pk=tree.playbook.pk)
    playbook.cover_image = image
    playbook.intro = f"<p>Start with {page_link(tree.challenges[0])}.</p>"
    playbook.how_to_use = [("step", {"title": "Reflect", "description": "Think."})]
    playbook.glossary = [("term", {"term": "Learning", "definition": "On purpose."})]
    playbook.background = [
        ("heading", {"text": "Why", "level": "h2"}),
        ("paragraph", "<p>Because.</p>"),
        ("image", {"image": image, "alt_text": "", "caption": "A cover", "credit": ""}),
        ("quote", {"quote": "Learn.", "attribution": "Kim", "source": "", "source_url": ""}),
        ("callout", {"kind": "tip", "title": "Tip", "body": "<p>Small steps.</p>"}),
        ("embed", {"url": "https://www.youtube.com/watch?v=abc", "caption": ""}),
        ("document", {"document": tree.document, "title": "", "description": "A file."}),
        ("checklist", {"title": "", "items": ["One"]}),
    ]
    playbook.save()
    playbook.contributors.add(tree.organisation)
    playbook.save()
    return tree


URLS = [
    "/api/v1/playbooks/",
    "/api/v1/playbooks/playbook/",
    "/api/v1/challenges/",
    "/api/v1/challenges/challenge-1/",
    "/api/v1/tools/",
    "/api/v1/tools/tool-1/",
    "/api/v1/case-studies/",
    "/api/v1/case-studies/case-1/",
    "/api/v1/resources/",
    "/api/v1/resources/resource-1/",
    "/api/v1/alliances/",
    "/api/v1/alliances/alliance/",
    "/api/v1/learning-labs/",
    "/api/v1/learning-labs/lab-1/",
    "/api/v1/publications/",
    "/api/v1/publications/publication-1/",
    "/api/v1/summits/",
    "/api/v1/summits/summit-1/",
    "/api/v1/organisations/",
    "/api/v1/organisations/kiva/",
    "/api/v1/themes/",
    "/api/v1/pages/?path=/",
    "/api/v1/pages/?path=/playbook/tools/",
    "/api/v1/pages/?path=/alliance/publications/",
    "/api/v1/search/?q=tool",
]


def test_real_responses_match_the_schema(api, spec, rich_tree):
    full_content(rich_tree)
    components = {"components": spec["components"]}
    for url in URLS:
        path = url.split("?")[0]
        template = next(
            candidate
            for candidate in spec["paths"]
            if candidate.rsplit("{", 1)[0] == path[: len(candidate.rsplit("{", 1)[0])]
            and candidate.count("/") == path.count("/")
        )
        schema = spec["paths"][template]["get"]["responses"]["200"]["content"]
        schema = schema["application/json"]["schema"]
        validator = OAS31Validator({**schema, **components})
        errors = [
            f"{'/'.join(map(str, error.path))}: {error.message}"
            for error in validator.iter_errors(api.json(url))
        ]
        assert errors == [], (url, errors[:5])


def test_parameters_state_their_real_constraints(spec):
    # What the schema allows the API accepts, so generated clients can trust it.
    def parameters(path):
        return {p["name"]: p["schema"] for p in spec["paths"][path]["get"]["parameters"]}

    assert parameters("/api/v1/pages/{id}/")["id"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 2**31 - 1,
    }
    assert parameters("/api/v1/tools/{slug}/")["slug"]["pattern"] == r"^[-\w]+$"
    assert parameters("/api/v1/playbooks/{slug}/pdf/")["slug"]["pattern"] == r"^[-\w]+$"
    assert parameters("/api/v1/pages/")["path"]["minLength"] == 1
    search = parameters("/api/v1/search/")
    assert (search["q"]["minLength"], search["q"]["maxLength"]) == (1, 200)
    assert "tool" in search["type"]["items"]["enum"]
    assert "playbook_pages.toolpage" in parameters("/api/v1/preview/")["content_type"]["enum"]
    resources = parameters("/api/v1/resources/")
    assert (resources["year"]["minimum"], resources["year"]["maximum"]) == (1900, 2100)
    assert resources["theme"]["items"]["pattern"] == r"^[-\w]+$"
    # "?theme=" is a 400 (leave it out), so a list has at least one item.
    assert resources["theme"]["minItems"] == resources["ordering"]["minItems"] == 1
    assert search["type"]["minItems"] == 1
    assert resources["search"]["maxLength"] == 200
    assert parameters("/api/v1/tools/")["page"]["maximum"] == 2**31 - 1
    # gunicorn refuses a request line over 4 KB with its own 414 page, before Django.
    for path, operations in spec["paths"].items():
        assert "414" in operations["get"]["responses"], path


def test_optional_links_are_null_never_empty(api, spec, playbook_tree):
    # "" is no URI: an optional link nobody filled in is null, and the schema says so.
    factories.OrganisationFactory(name="No website", slug="no-website", website="")
    schemas = spec["components"]["schemas"]
    for name, field in [
        ("Organisation", "website"),
        ("OrganisationSummary", "website"),
        ("Playbook", "video_url"),
        ("Tool", "external_url"),
        ("Publication", "external_url"),
    ]:
        assert schemas[name]["properties"][field]["type"] == ["string", "null"], name
    # Required, yet null when the URL policy refuses what was stored (see test_url_policy).
    assert schemas["Resource"]["properties"]["url"]["type"] == ["string", "null"]
    assert "url" in schemas["Resource"]["required"]
    assert api.json("/api/v1/organisations/no-website/")["website"] is None
    assert api.json("/api/v1/playbooks/playbook/")["video_url"] is None
    assert api.json("/api/v1/tools/tool-1/")["external_url"] is None


def test_preview_refusals_document_their_reason(spec):
    responses = spec["paths"]["/api/v1/preview/"]["get"]["responses"]
    schemas = spec["components"]["schemas"]
    for code in ("403", "404"):
        body = responses[code]["content"]["application/json"]["schema"]
        assert body == {"$ref": "#/components/schemas/PreviewErrorResponse"}, code
    detail = schemas["PreviewErrorDetail"]
    assert "reason" in detail["required"]
    assert set(schemas["PreviewReasonEnum"]["enum"]) == {
        "invalid",
        "expired",
        "private",
        "unpublished",
        "deleted",
        "superseded",
        "not_found",
    }
