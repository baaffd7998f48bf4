"""`make run PORT=…` serves at that port and every URL it prints or uses says so.

Runs the real `make run` (its `migrate`, `load_demo_content`,
`set_demo_site_address`, `create_demo_admin` and `scripts/run_demo.sh`: worker,
scheduler, runserver) on a non-default port against a copy of the test database, then
reads what it printed, the Site record, the admin's preview URL and the links in the
PDF its worker renders. The demo content already exists there, so it is not loaded
again.
"""

import io
import os
import re
import signal
import subprocess
import threading
import time

import pytest
import requests
from bs4 import BeautifulSoup
from pypdf import PdfReader

from tests.exports.pdf_reading import links
from tests.served_site import ROOT, wait_until_serving

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STARTUP_DEADLINE_S = 300
PDF_DEADLINE_S = 120


def test_make_run_on_another_port_points_every_url_at_it(sqlite_site_file):
    site = sqlite_site_file
    port = site.port
    served = f"http://localhost:{port}"
    env = {
        key: value
        for key, value in site.env.items()
        if key not in ("FRONTEND_URL", "WAGTAILADMIN_BASE_URL", "SITE_URL", "MAKEFLAGS")
    }
    env.update(BIND_HOST="127.0.0.1", LOG_DIR=str(site.workdir / "logs"))
    run = subprocess.Popen(  # noqa: S603 - the project's own Makefile
        ["make", "--no-print-directory", "run", f"PORT={port}"],  # noqa: S607
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: stopped as one below
    )
    printed = []
    reader = threading.Thread(target=lambda: printed.extend(run.stdout), daemon=True)
    reader.start()
    try:
        # Before serving, `make run` checks the migrations and runs three commands.
        wait_until_serving(f"{site.base_url}/health/", run, deadline_s=STARTUP_DEADLINE_S)

        editor = requests.Session()
        editor.get(f"{site.base_url}/admin/login/", timeout=30)
        editor.post(
            f"{site.base_url}/admin/login/",
            data={
                "username": "editor",
                "password": "playbook-editor",
                "csrfmiddlewaretoken": editor.cookies["csrftoken"],
            },
            timeout=30,
        )
        page_id = site.resources[0][0]
        draft = editor.get(f"{site.base_url}/admin/pages/{page_id}/view_draft/", timeout=30)
        assert draft.status_code == 200, draft.text[:300]
        preview_url = BeautifulSoup(draft.text, "html.parser").select_one("iframe")["src"]

        # The worker `make run` started renders the PDF with the same addresses.
        editor.post(
            f"{site.base_url}/admin/exports/playbook/{site.playbook_id}/a4/regenerate/",
            data={"csrfmiddlewaretoken": editor.cookies["csrftoken"]},
            timeout=30,
        )
        deadline = time.monotonic() + PDF_DEADLINE_S
        while time.monotonic() < deadline and site.query(
            "SELECT status FROM exports_playbookexport WHERE paper = 'a4'"
        ) != [("ready",)]:
            time.sleep(0.5)
        pdf = editor.get(
            f"{site.base_url}/admin/exports/playbook/{site.playbook_id}/a4/download/", timeout=30
        )
        assert pdf.headers["Content-Type"] == "application/pdf", site.log("logs/worker.log")
        pdf_links = [link.uri for link in links(PdfReader(io.BytesIO(pdf.content))) if link.uri]
    finally:
        os.killpg(run.pid, signal.SIGTERM)
        run.wait(timeout=30)
        reader.join(timeout=10)

    output = "".join(printed)
    # The project's own lines ("==> …"); Django's runserver prints its bind address.
    ours = "".join(line for line in printed if line.startswith("==>"))
    urls = re.findall(r"https?://[^\s)]+", ours)
    assert urls, output
    assert all(url.startswith(served) for url in urls), ours
    assert f"Admin: {served}/admin/" in output
    assert f"Reader: {served}/" in output
    assert "editor / playbook-editor" in output and f"-> {served}/admin/" in output
    assert site.query("SELECT hostname, port FROM wagtailcore_site WHERE is_default_site") == [
        ("localhost", port)
    ]
    assert preview_url.startswith(f"{served}/preview/?content_type=")
    assert f"{served}/playbook/" in pdf_links  # "Read this playbook online at …"
    assert not [link for link in pdf_links if ":8000" in link]
