"""The URL policy: http, https, mailto and site-relative URLs only, read as browsers read them."""

import pytest

from content.url_policy import ALLOWED_SCHEMES, is_safe_url, safe_url

ALLOWED = [
    "https://example.org/",
    "http://example.org/a?b=c#d",
    "HTTPS://Example.org/Path",
    "https://user@example.org:8443/x",
    "mailto:team@example.org",
    "mailto:team@example.org?subject=Hello",
    "/playbook/tools/after-action-review/",
    "/media/images/a.jpg",
    "/",
    "#tool-12",
]

REFUSED = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\x00javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "jav\rascript:alert(1)",
    "javascript\x0b:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:image/svg+xml,<svg onload=alert(1)>",
    "file:///etc/passwd",
    "FILE://localhost/etc/passwd",
    "ftp://example.org/file",
    "tel:+254700000000",
    "//evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example\\x",
    "https:evil.example",
    "https://",
    "http:///path-only",
    "https://[::1",
    "mailto:",
    "relative/path",
    "../up",
    "example.org",
    "",
    None,
    42,
]


@pytest.mark.parametrize("url", ALLOWED)
def test_allowed_urls_are_kept(url):
    assert safe_url(url) == url
    assert is_safe_url(url)


@pytest.mark.parametrize("url", REFUSED)
def test_other_urls_are_refused(url):
    assert safe_url(url) is None
    assert not is_safe_url(url)


def test_spaces_around_and_line_breaks_inside_are_dropped_like_a_browser_does():
    assert safe_url("  https://example.org/a\n/b  ") == "https://example.org/a/b"


def test_the_schemes_are_exactly_the_three_of_the_policy():
    assert {"http", "https", "mailto"} == ALLOWED_SCHEMES
