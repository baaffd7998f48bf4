"""The orjson renderer writes exactly the bytes DRF's JSONRenderer writes."""

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ErrorDetail
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.serializer_helpers import ReturnDict

from api.renderers import ContentJSONRenderer

SAMPLES = [
    {"title": "Café “learning” – naïve 👩🏽‍🏫", "count": 3, "ok": True, "none": None},
    {"html": '<a href="/x/" data-page-id="1">Line\nbreak\ttab "quoted" \\ slash / </a>'},
    {"separators": "before\u2028between\u2029after", "control": "\x00\x1f\x7f"},
    [1, -2, 0, 2**53, [], {}, [{"nested": [{"deep": ["x"]}]}]],
    {"children": (), "tuple": (1, "two")},
    {"errors": [{"parameter": "q", "message": ErrorDetail("q is required.", code="invalid")}]},
    {"lazy": gettext_lazy("Page not found")},
    ReturnDict({"id": 1, "title": "Ordered"}, serializer=None),
]


@pytest.mark.parametrize("data", SAMPLES)
def test_same_bytes_as_drf(data):
    assert ContentJSONRenderer().render(data, "application/json") == JSONRenderer().render(
        data, "application/json"
    )


def test_line_separators_stay_escaped_for_javascript():
    body = ContentJSONRenderer().render({"text": "a\u2028b\u2029c"}, "application/json")
    assert body == b'{"text":"a\\u2028b\\u2029c"}'


def test_indented_output_is_drfs():
    data = {"a": [1, 2]}
    media_type = "application/json; indent=2"
    body = ContentJSONRenderer().render(data, media_type)
    assert body == JSONRenderer().render(data, media_type)
    assert b"\n" in body


def test_no_data_no_body():
    assert ContentJSONRenderer().render(None) == b""
