"""The embedded set-up shares what readers see between processes.

``make run`` runs its processes on one SQLite file: the web server, the task workers
(the "content" one rebuilds the store) and ``publish_scheduled``; editors also use
``manage.py shell``. A change
made in one of them must be what the server serves next: here the server and the
worker run for real on the dev settings, and each change is made by a separate
``manage.py shell`` process.
"""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.loopback import free_port

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the embedded default (SQLite) is what this tests"
)


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, None


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    var = tmp_path_factory.mktemp("embedded")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_"))},
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{var / 'db.sqlite3'}",
        "CACHE_DIR": str(var / "cache"),
        "MEDIA_ROOT": str(var / "media"),
        "TASKS_BACKEND": "database",
    }
    env.pop("REDIS_URL", None)

    def manage(*args, **kwargs):
        return subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
            **kwargs,
        )

    manage("migrate", "--noinput", "-v0")
    manage("load_demo_content", "-v0")
    port = free_port()
    log = open(var / "processes.log", "w")  # noqa: SIM115 - closed below
    processes = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        ),
        subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "db_worker", "--queue-name", "content", "--no-reload"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        ),
    ]
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if get(f"{base}/api/v1/playbooks/")[0] == 200:
                break
        except OSError:
            time.sleep(0.3)
    else:
        pytest.fail((var / "processes.log").read_text()[-3000:])

    def logged():
        log.flush()
        return (var / "processes.log").read_text()[-4000:]

    try:
        yield base, manage, logged
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)
        log.close()


def shell(manage, code):
    manage("shell", "-c", code)


def wait_for(check, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


TOOL = "from playbook_pages.models import ToolPage; tool = ToolPage.objects.live().get(slug=%r)"


def test_a_page_made_private_in_another_process_is_gone_at_once(embedded):
    base, manage, logged = embedded
    status, body = get(f"{base}/api/v1/tools/")
    slug = body["results"][0]["slug"]
    title = body["results"][0]["title"]
    # Answers the server computes (facets, search) are reused until a change: these
    # are in its cache before the change is made.
    tools_before = get(f"{base}/api/v1/tools/facets/")[1]["count"]
    search = f"{base}/api/v1/search/?q={urllib.parse.quote(title)}&page_size=100"
    assert slug in json.dumps(get(search))
    shell(
        manage,
        TOOL % slug + "; from wagtail.models import PageViewRestriction; "
        "PageViewRestriction.objects.create(page=tool, restriction_type='login')",
    )
    # Withdrawn inside the shell's own transaction: no wait for the worker.
    assert get(f"{base}/api/v1/tools/{slug}/")[0] == 404
    assert get(f"{base}/api/v1/tools/facets/")[1]["count"] == tools_before - 1
    assert slug not in json.dumps(get(search))
    assert wait_for(lambda: title not in json.dumps(get(f"{base}/api/v1/tools/?page_size=100")))
    # And everything that showed it follows once the worker has rebuilt.
    assert wait_for(
        lambda: title not in json.dumps(get(f"{base}/api/v1/playbooks/dynamic-learning-playbook/"))
    ), logged()


def test_a_publish_in_another_process_is_served_next(embedded):
    base, manage, logged = embedded
    status, body = get(f"{base}/api/v1/tools/")
    slug = body["results"][1]["slug"]
    shell(
        manage, TOOL % slug + "; tool.title = 'Renamed in a shell'; tool.save_revision().publish()"
    )
    assert wait_for(
        lambda: get(f"{base}/api/v1/tools/{slug}/")[1]["title"] == "Renamed in a shell"
    ), logged()


def test_an_expiry_set_in_another_process_hides_the_page_before_the_scheduler_runs(embedded):
    base, manage, logged = embedded
    status, body = get(f"{base}/api/v1/tools/")
    slug = body["results"][2]["slug"]
    expires = time.time() + 30  # long enough for a rebuild and a request on a busy machine
    shell(
        manage,
        TOOL % slug + "; import datetime; "
        "ToolPage.objects.filter(pk=tool.pk).update(expire_at=datetime.datetime.fromtimestamp("
        f"{expires}, tz=datetime.UTC))",
    )
    # A queryset update sends no signal: the store learns the expiry from a rebuild,
    # and then only the read-time check can hide the page when the time comes.
    manage("rebuild_representations")
    facets = f"{base}/api/v1/tools/facets/"
    tools_before = get(facets)[1]["count"]  # kept by the server, nothing changes after
    if time.time() < expires - 1:
        assert get(f"{base}/api/v1/tools/{slug}/")[0] == 200
    time.sleep(max(0, expires - time.time()) + 0.5)
    assert get(f"{base}/api/v1/tools/{slug}/")[0] == 404
    assert slug not in json.dumps(get(f"{base}/api/v1/tools/?page_size=100"))
    # The kept answer was good until the expiry only.
    assert get(facets)[1]["count"] == tools_before - 1
    manage("publish_scheduled")
    assert wait_for(lambda: get(f"{base}/api/v1/tools/{slug}/")[0] == 404)


def test_a_snippet_edited_in_another_process_is_served_next(embedded):
    base, manage, logged = embedded
    status, body = get(f"{base}/api/v1/organisations/")
    slug = body["results"][0]["slug"]
    detail = f"{base}/api/v1/organisations/{slug}/"
    assert get(detail)[1]["name"] != "Renamed in a shell"  # kept by the server now
    shell(
        manage,
        "from playbook_pages.models import Organisation; "
        f"org = Organisation.objects.get(slug={slug!r}, locale__language_code='en'); "
        "org.name = 'Renamed in a shell'; org.save()",
    )
    # The snippet is read from the database: no wait for the worker.
    assert get(detail)[1]["name"] == "Renamed in a shell"
    assert "Renamed in a shell" in json.dumps(get(f"{base}/api/v1/organisations/?page_size=100"))
