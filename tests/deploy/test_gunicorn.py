"""The container's web role, run for real: entrypoint → gunicorn → production settings.

This is what the image's CMD runs, minus Docker: static files collected as the
Dockerfile does, PostgreSQL and Redis on loopback. PostgreSQL only, because the
server process must reach the test database, which SQLite keeps in memory.
"""

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

from tests.loopback import free_port, redis_url

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the server process needs a shared database"
)


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """collectstatic exactly as the Dockerfile runs it: throwaway values, no services."""
    static_root = tmp_path_factory.mktemp("static")
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(static_root),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "collectstatic-build-only-not-a-secret",
        "DATABASE_URL": "sqlite:////nonexistent/collectstatic.sqlite3",
        "ALLOWED_HOSTS": "localhost",
        "REDIS_URL": "redis://localhost:6379/0",
        "PUBLIC_BASE_URL": "https://cms.example.org",
        "STATIC_ROOT": str(static_root),
    }
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True, timeout=300,
    )  # fmt: skip
    return static_root


@pytest.fixture
def gunicorn_server(django_db_setup, django_db_blocker, collected_static, tmp_path):
    with django_db_blocker.unblock():
        test_db = connection.settings_dict["NAME"]
    parts = urlsplit(os.environ["DATABASE_URL"])
    database_url = urlunsplit(parts._replace(path=f"/{test_db}"))
    port = free_port()
    env = {
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "APP_HOME": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url("deploy"),
        "PUBLIC_BASE_URL": "https://cms.example.org",
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "STATIC_ROOT": str(collected_static),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback, no proxy in front
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
    }
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(  # noqa: S603
        [str(ROOT / "deploy" / "entrypoint.sh"), "web"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            fetch(f"{base}/health/")
            break
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.3)
    yield base, process, env, tmp_path / "gunicorn.log"
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        process.wait(30)
    log.close()


def test_web_role_serves_health_admin_and_static(gunicorn_server):
    base, process, env, log_path = gunicorn_server
    assert process.poll() is None, log_path.read_text()

    status, headers, body = fetch(f"{base}/health/")
    assert status == 200, body
    checks = json.loads(body)["checks"]
    assert checks["database"]["vendor"] == "postgresql"
    assert checks["cache"]["backend"] == "ResilientRedisCache"
    assert checks["task_queue"]["backend"] == "DatabaseBackend"
    assert headers["Server"] == "gunicorn"

    status, _, body = fetch(f"{base}/admin/login/")
    assert status == 200
    page = body.decode()
    assert 'name="password"' in page
    # The admin's stylesheet is served by whitenoise under its hashed, collected name.
    css = page.split('href="/static/wagtailadmin/css/core.', 1)[1].split('"', 1)[0]
    status, headers, _ = fetch(f"{base}/static/wagtailadmin/css/core.{css}")
    assert status == 200
    assert "immutable" in headers["Cache-Control"]


def test_container_healthcheck_script_passes_against_it(gunicorn_server):
    base, process, env, _ = gunicorn_server
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "deploy" / "healthcheck.py")],
        env={**env, "ALLOWED_HOSTS": "localhost"}, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # And it fails when nothing answers, so an unhealthy container is marked as such.
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "deploy" / "healthcheck.py")],
        env={**env, "PORT": str(free_port())}, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == 1
    assert "health:" in result.stderr


def test_sigterm_stops_the_server_cleanly(gunicorn_server):
    base, process, _, log_path = gunicorn_server
    assert fetch(f"{base}/health/")[0] == 200
    process.send_signal(signal.SIGTERM)
    assert process.wait(30) == 0
    assert "Shutting down: Master" in log_path.read_text()
