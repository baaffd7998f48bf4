"""The OpenAPI 3 schema is valid, complete, and real responses match it."""

import pytest
from django.core.management import call_command
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate

from playbook_pages.models import PlaybookPage
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
