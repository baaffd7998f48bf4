"""The reader copied to another host: frontend/ as plain static files, the API elsewhere."""

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.browser.conftest import TEMPLATE_BYTES, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FRONTEND = Path(django_settings.BASE_DIR) / "frontend"


class SinglePageAppHandler(SimpleHTTPRequestHandler):
    """What any static host does for a single-page app: files, else index.html."""

    def send_head(self):
        if "." not in self.path.split("?")[0].rsplit("/", 1)[-1]:
            self.path = "/index.html"
        return super().send_head()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def static_host():
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(SinglePageAppHandler, directory=str(FRONTEND))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_reader_on_another_origin_reads_the_api_through_cors(
    open_tab, live_server, static_host, reader_content, settings
):
    assert not live_server.url.startswith(static_host)  # two origins, really
    tab = open_tab()
    tab.base_url = static_host
    # How a host configures the copied reader: window.PLAYBOOK_API before app.js runs.
    tab.page.add_init_script(f"window.PLAYBOOK_API = {live_server.url!r};")

    # The API does not allow this origin yet: the browser blocks the answers.
    settings.CORS_ALLOWED_ORIGINS = []
    tab.goto("/playbook/tools/after-action-review/")
    assert tab.heading() == "The content service cannot be reached"

    settings.CORS_ALLOWED_ORIGINS = [static_host]
    page = tab.goto("/playbook/tools/after-action-review/")
    assert tab.heading() == "After-action review"
    assert tab.path() == "/playbook/tools/after-action-review/"

    # File links point at the API's host, where the documents are.
    link = page.locator(".download__link")
    assert link.get_attribute("href").startswith(live_server.url + "/documents/")
    with page.expect_download() as download_info:
        link.click()
    with open(download_info.value.path(), "rb") as downloaded:
        assert downloaded.read() == TEMPLATE_BYTES

    # Navigation stays on the static host.
    page.get_by_role("link", name="Leaders ask for results, not lessons").click()
    assert tab.heading() == "Leaders ask for results, not lessons"
    assert page.url.startswith(static_host)
    expect(page.locator(".solution-group")).to_have_count(4)
