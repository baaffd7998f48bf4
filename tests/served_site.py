"""A real server process (and, on request, the task worker) on a temporary SQLite file.

Registered as a fixture in ``tests/conftest.py``.

Contract: ``sqlite_site_file`` builds content with the factories in the test
database and copies that database into a file (SQLite's backup API: the migrations
are not run again), with the dev settings' environment pointed at it and a free port
of ``SERVED_PORTS``; ``served_sqlite_site`` also starts ``manage.py runserver
--noreload`` there. It yields a
``ServedSite`` that logs editors in over HTTP, starts ``db_worker`` and
``publish_scheduled`` beside the server, and reads the file directly. Every process
it started is stopped afterwards. On PostgreSQL the fixture skips: it is about the
embedded default.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.utils import timezone

from tests import factories
from tests.loopback import free_port

ROOT = Path(__file__).resolve().parents[1]
EDITOR = "stress-editor"
PASSWORD = "a long editor password"  # noqa: S105 - a throwaway test account
RESOURCES = 20
SCHEDULED = 3


class FormFields(HTMLParser):
    """The name/value pairs a browser would submit for one form, as a list of pairs."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_values: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or ("name" not in attrs and tag != "option"):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.fields.append((attrs["name"], attrs.get("value") or default))
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.fields.append((attrs["name"], ""))
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))

    def handle_data(self, data):
        if self._textarea:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self.inside = False


def form_fields(html: str, form_id: str) -> list[tuple[str, str]]:
    parser = FormFields(form_id)
    parser.feed(html)
    return parser.fields


@dataclass
class ServedSite:
    base_url: str
    port: int
    db_path: Path
    env: dict
    workdir: Path
    playbook_id: int
    resources: list = field(default_factory=list)
    scheduled: list = field(default_factory=list)
    processes: list = field(default_factory=list)

    def manage(self, *args, log_name):
        log = (self.workdir / log_name).open("ab")
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        return process

    def start_worker(self):
        return self.manage(
            "db_worker",
            "--queue-name",
            "*",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
            log_name="worker.log",
        )

    def log(self, name) -> str:
        path = self.workdir / name
        return path.read_text(errors="replace") if path.exists() else ""

    def editor_session(self) -> requests.Session:
        session = requests.Session()
        session.get(self.base_url + "/admin/login/", timeout=30)
        answer = session.post(
            self.base_url + "/admin/login/",
            data={
                "username": EDITOR,
                "password": PASSWORD,
                "csrfmiddlewaretoken": session.cookies["csrftoken"],
                "next": "/admin/",
            },
            timeout=60,
        )
        assert answer.url.endswith("/admin/"), f"login failed: {answer.status_code} {answer.url}"
        return session

    def query(self, sql, params=()):
        with sqlite3.connect(self.db_path, timeout=30) as db:
            return db.execute(sql, params).fetchall()


def wait_until_serving(url, process, deadline_s=40):
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {deadline_s} s")


def _pbkdf2(password):
    # The test settings hash with MD5 only; the served dev settings do not accept it.
    hasher = PBKDF2PasswordHasher()
    # Default iterations: with fewer, the first login re-hashes the password, which
    # logs out every other session of the user.
    return hasher.encode(password, hasher.salt())


@pytest.fixture
def sqlite_site_file(
    request, django_db_blocker, transactional_db, home, django_user_model, tmp_path
):
    """Content in an SQLite file and the environment to serve it; nothing started yet.

    Tests that use it mark ``django_db(transaction=True, serialized_rollback=True)``:
    the content is committed, then flushed.
    """
    if connection.vendor != "sqlite":
        pytest.skip("About the embedded SQLite default; this run is on " + connection.vendor)
    from tests.conftest import DB_BLOCKER

    request.config.stash[DB_BLOCKER] = django_db_blocker
    playbook = factories.PlaybookPageFactory(parent=home, slug="playbook", title="Playbook")
    folder = factories.ResourceIndexPageFactory(parent=playbook, slug="resources")
    resources = [
        factories.ExternalResourcePageFactory(
            parent=folder, slug=f"resource-{n}", title=f"Resource {n}"
        )
        for n in range(RESOURCES)
    ]
    # Drafts approved to go live a minute ago: what `publish_scheduled` publishes.
    scheduled = []
    for n in range(SCHEDULED):
        page = factories.ExternalResourcePageFactory(
            parent=folder, slug=f"scheduled-{n}", title=f"Scheduled {n}"
        )
        page.title = f"Scheduled {n}, gone live"
        page.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
        scheduled.append(page)
    django_user_model.objects.create(
        username=EDITOR, password=_pbkdf2(PASSWORD), is_staff=True, is_superuser=True
    )

    db_path = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(db_path) as copy:
        connection.connection.backup(copy)
    copy.close()

    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{db_path}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        # Its own cache: never the checkout's var/cache, which `make run` uses.
        "CACHE_DIR": str(tmp_path / "cache"),
        "TASKS_BACKEND": "database",
        # Renders follow publishes at once, so the worker writes while editors do.
        "PLAYBOOK_PDF_DEBOUNCE_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
        # Wagtail's dashboard asks releases.wagtail.org for news: not from a test.
        "WAGTAIL_ENABLE_UPDATE_CHECK": "0",
    }
    site = ServedSite(
        base_url=f"http://127.0.0.1:{port}",
        port=port,
        db_path=db_path,
        env=env,
        workdir=tmp_path,
        playbook_id=playbook.pk,
        resources=[(page.pk, page.title) for page in resources],
        scheduled=[page.pk for page in scheduled],
    )
    try:
        yield site
    finally:
        for process in site.processes:
            if process.poll() is None:
                process.terminate()
        for process in site.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def served_sqlite_site(request, sqlite_site_file):
    """``sqlite_site_file`` served by ``manage.py runserver --noreload`` on its port.

    ``indirect`` parametrisation adds environment variables to the server's.
    """
    site = sqlite_site_file
    site.env.update(getattr(request, "param", {}))
    server = site.manage("runserver", "--noreload", f"127.0.0.1:{site.port}", log_name="server.log")
    wait_until_serving(site.base_url + "/health/", server)
    return site
