"""The reader's catch-all: every reader path gets the app, the server's own paths never do."""

import base64
import hashlib
import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.checks import run_checks
from django.test import override_settings

from reader import shell

SHELL_MARKER = b'<main id="main"'


def is_shell(response, status=200):
    return response.status_code == status and SHELL_MARKER in response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/playbook/",
        "/playbook/challenge-1/",
        "/playbook/tools/tool-1/",
        "/alliance/publications/?theme=measuring-impact&year=2016",
        "/search/?q=after+action",
        "/preview/?content_type=playbook_pages.toolpage&token=abc",
    ],
)
def test_reader_paths_get_the_app_shell(client, playbook_tree, path):
    response = client.get(path)
    assert is_shell(response), (path, response.status_code)
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/playbook/no-such-tool/",
        "/administration/",  # starts like /admin but is a reader path
        "/apiary/",
    ],
)
def test_unknown_reader_paths_get_the_app_shell_with_a_404(client, playbook_tree, path):
    # The app draws its own "not found"; crawlers and link checkers read the status.
    assert is_shell(client.get(path), status=404), path


@pytest.mark.django_db
def test_hidden_pages_are_404s_like_missing_ones(client, playbook_tree):
    tool = playbook_tree.tools[0]
    url = tool.get_url()
    assert is_shell(client.get(url))
    tool.unpublish()
    assert is_shell(client.get(url), status=404)


@pytest.mark.django_db
@override_settings(READER_API_URL="https://cms.example.org")
def test_with_the_api_elsewhere_every_reader_path_is_a_200(client):
    # The pages live behind the other origin's API: this server cannot tell.
    assert is_shell(client.get("/playbook/no-such-tool/"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "expected_status"),
    [
        ("/api/v2/pages/", 404),
        ("/api/v1/no-such-endpoint/", 404),
        ("/admin/", 302),  # Wagtail's login, not the reader
        ("/django-admin/", 302),
        ("/documents/999999/missing.docx", 404),
        ("/media/original_images/missing.png", 404),
        ("/static/reader/no-such-file.js", 404),
        ("/favicon.ico", 404),
        ("/playbook/tools/report.pdf", 404),
    ],
)
def test_server_paths_are_not_swallowed(client, path, expected_status):
    response = client.get(path)
    assert response.status_code == expected_status, path
    assert SHELL_MARKER not in response.content


@pytest.mark.django_db
def test_a_path_without_its_slash_redirects_to_the_reader_path_keeping_the_query(client):
    response = client.get("/search?q=review")
    assert response.status_code == 301
    assert response["Location"] == "/search/?q=review"


@pytest.mark.django_db
def test_health_stays_the_health_endpoint(client):
    response = client.get("/health/")
    assert response["Content-Type"] == "application/json"
    assert "checks" in response.json()


@pytest.mark.django_db
def test_every_published_page_path_opens_the_reader(client, playbook_tree):
    # The admin's "View live" and the API's `path` both use the page's URL in its site.
    for page in [
        playbook_tree.playbook,
        playbook_tree.challenges[0],
        playbook_tree.tools[0],
        playbook_tree.case_study,
        playbook_tree.resource,
        playbook_tree.lab,
        playbook_tree.publication_index,
        playbook_tree.publication,
        playbook_tree.summit,
    ]:
        url = page.get_url()
        assert url.startswith("/") and not url.startswith("/hub/"), url
        assert is_shell(client.get(url)), url


# The shell lists the site's locales: it reads the site (cached).
@pytest.mark.django_db
def test_shell_points_assets_at_static_files_and_api_at_same_origin(client):
    html = client.get("/search/").content.decode()
    assert '<base href="/static/reader/">' in html
    assert '<meta name="playbook-api" content="">' in html
    assert 'src="app.js"' in html
    assert 'href="styles.css"' in html


@pytest.mark.django_db  # the home page's title comes from the store
@override_settings(READER_API_URL="https://cms.example.org")
def test_api_url_setting_reaches_the_shell_and_its_policy(client):
    response = client.get("/")
    html = response.content.decode()
    assert '<meta name="playbook-api" content="https://cms.example.org">' in html
    policy = response["Content-Security-Policy"]
    assert "connect-src 'self' https://cms.example.org" in policy


@pytest.mark.django_db  # the home page's title comes from the store
@override_settings(READER_API_URL='"><script>alert(1)</script>')
def test_api_url_setting_is_escaped(client):
    html = client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in html


@pytest.mark.django_db
def test_shell_headers_never_cache_and_allow_only_same_origin_frames(client):
    response = client.get("/search/")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    # The admin's preview panel frames /preview/ from this origin.
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "object-src 'none'" in policy


@pytest.mark.django_db
def test_only_safe_methods(client):
    assert client.post("/search/").status_code == 405
    assert client.head("/search/").status_code == 200


def test_frontend_files_are_static_files_and_every_module_import_resolves():
    entry = finders.find("reader/app.js")
    assert entry, "frontend/ is not in STATICFILES_DIRS under the 'reader' prefix"
    root = shell.SHELL_PATH.parent
    modules = sorted(root.rglob("*.js"))
    assert len(modules) >= 5
    import_from = re.compile(r'^\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"', re.MULTILINE)
    for module in modules:
        for target in import_from.findall(module.read_text()):
            assert (module.parent / target).resolve().is_file(), f"{module.name} imports {target}"
    assert finders.find("reader/styles.css")


def test_the_shell_preloads_every_module_so_they_load_in_parallel():
    root = shell.SHELL_PATH.parent
    html = shell.SHELL_PATH.read_text()
    modules = {str(path.relative_to(root)) for path in root.rglob("*.js")}
    preloaded = set(re.findall(r'<link rel="modulepreload" href="([^"]+)">', html))
    # sw.js is the service worker, a script of its own, not a module of the page.
    assert modules - {"app.js", "sw.js"} == preloaded


def test_system_check_reports_a_shell_without_its_markers(tmp_path, monkeypatch):
    broken = tmp_path / "index.html"
    broken.write_text("<!doctype html><title>no markers</title>")
    monkeypatch.setattr(shell, "SHELL_PATH", broken)
    shell._cached_shell.cache_clear()
    try:
        errors = [error for error in run_checks() if error.id == "reader.E001"]
        assert errors and "<base href>" in errors[0].msg
    finally:
        shell._cached_shell.cache_clear()


def test_system_check_passes_for_the_real_shell():
    assert not [error for error in run_checks() if error.id == "reader.E001"]


def test_the_service_worker_keeps_every_file_of_the_app_shell():
    # Offline, the app starts only if the worker cached every module and the styles.
    root = shell.SHELL_PATH.parent
    worker = shell.SERVICE_WORKER_PATH.read_text()
    listed = set(re.findall(r'"([\w/]+\.(?:js|css|svg|webmanifest))"', worker))
    wanted = {str(path.relative_to(root)) for path in root.rglob("*.js")} - {"sw.js"}
    wanted |= {"styles.css", "manifest.webmanifest", "favicon.svg"}
    assert wanted <= listed, wanted - listed
    assert all((root / name).is_file() for name in listed), listed


def test_service_worker_is_served_at_the_root_uncached(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    assert b"reader-saved" in response.content
    assert client.post("/sw.js").status_code == 405


def meta(html: str, name: str) -> str | None:
    match = re.search(rf'<meta (?:name|property)="{re.escape(name)}" content="([^"]*)">', html)
    return match.group(1) if match else None


@pytest.mark.django_db
def test_each_page_is_served_with_its_own_title_description_and_open_graph(client, playbook_tree):
    tool = playbook_tree.tools[0]
    tool.title = 'Tool "one" & <friends>'
    tool.summary = "A short conversation after an activity. " * 10
    tool.save_revision().publish()
    html = client.get(tool.get_url()).content.decode()
    assert "<title>Tool &quot;one&quot; &amp; &lt;friends&gt; · Playbook reader</title>" in html
    description = meta(html, "description")
    assert description.startswith("A short conversation after an activity.")
    assert len(description) <= 200 and description.endswith("…")
    assert meta(html, "og:title") == "Tool &quot;one&quot; &amp; &lt;friends&gt;"
    assert meta(html, "og:description") == description
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:url") == "http://testserver/playbook/tools/tool-1/"
    assert html.count("<title>") == 1


@pytest.mark.django_db
def test_a_hidden_page_gives_away_nothing_in_its_meta(client, playbook_tree):
    tool = playbook_tree.tools[0]
    tool.title = "Confidential pilot tool"
    tool.save_revision().publish()
    url = tool.get_url()
    assert "Confidential pilot tool" in client.get(url).content.decode()
    tool.unpublish()
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 404
    assert "Confidential pilot tool" not in html
    assert "<title>Not found · Playbook reader</title>" in html


@pytest.mark.django_db
def test_app_screens_have_their_own_titles(client, playbook_tree):
    html = client.get("/my-playbook/").content.decode()
    assert "<title>My playbook · Playbook reader</title>" in html
    assert meta(html, "og:title") == "My playbook"
    html = client.get("/search/?q=x").content.decode()
    assert "<title>Search · Playbook reader</title>" in html


@pytest.fixture
def hashed_static(tmp_path, settings):
    """The manifest storage of production, over a manifest naming every reader file."""
    root = shell.FRONTEND_DIR
    paths = {}
    for path in root.rglob("*"):
        if path.is_file() and path.suffix in shell.ASSET_SUFFIXES:
            name = str(path.relative_to(root))
            stem, dot, suffix = name.rpartition(".")
            paths[f"reader/{name}"] = f"reader/{stem}.0123abcd.{suffix}"
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"paths": paths, "version": "1.1", "hash": "x"})
    )
    settings.STATIC_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    shell._cached_assets.cache_clear()
    yield
    shell._cached_assets.cache_clear()


@pytest.mark.django_db
def test_with_hashed_names_the_shell_maps_every_module_and_allows_only_that_script(
    client, hashed_static
):
    response = client.get("/search/")
    html = response.content.decode()
    # Every file the shell names is asked for under its hashed (immutable) name...
    assert 'src="/static/reader/app.0123abcd.js"' in html
    assert 'href="/static/reader/styles.0123abcd.css"' in html
    assert 'href="/static/reader/views/pages.0123abcd.js"' in html
    assert 'src="app.js"' not in html
    # ...and the modules' own imports (./api.js) reach the same hashed files.
    found = re.search(r'<script type="importmap">(.*?)</script>', html)
    imports = json.loads(found.group(1))["imports"]
    assert imports["/static/reader/api.js"] == "/static/reader/api.0123abcd.js"
    assert html.index("importmap") < html.index('<script type="module"')
    # The policy admits that inline script by its hash, and nothing else inline.
    digest = base64.b64encode(hashlib.sha256(found.group(1).encode()).digest()).decode()
    assert f"'sha256-{digest}'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    # The worker caches the same hashed names for offline use.
    worker = client.get("/sw.js").content.decode()
    assert '"/static/reader/app.0123abcd.js"' in worker


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["on", "On", " on "])
def test_save_data_on_marks_the_shell_for_small_images(client, header):
    response = client.get("/search/", headers={"Save-Data": header})
    assert b'<meta name="save-data" content="on">' in response.content
    assert "Save-Data" in response["Vary"]


@pytest.mark.django_db
@pytest.mark.parametrize("headers", [{}, {"Save-Data": "off"}, {"Save-Data": "onwards"}])
def test_without_save_data_the_shell_is_unmarked_and_still_varies_on_it(client, headers):
    response = client.get("/search/", headers=headers)
    assert is_shell(response)
    assert b'name="save-data"' not in response.content
    # A cache in between must not hand this answer to a reader who asked to save data.
    assert "Save-Data" in response["Vary"]
