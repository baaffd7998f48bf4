"""Production settings as the container runs them: checked in a fresh process each time.

Each test starts ``manage.py`` in a subprocess with ``cms.settings.production`` and
only the variables a deployment would set, so nothing from the test settings leaks in.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.loopback import redis_url

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = redis_url("deploy")


def production_env(tmp_path, **overrides):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        # check --deploy does not query the database; a file that need not exist will do.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "ALLOWED_HOSTS": "cms.example.org",
        "REDIS_URL": REDIS_URL,
        "PUBLIC_BASE_URL": "https://cms.example.org",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def manage(env, *args, timeout=120):
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_check_deploy_is_clean(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "REDIS_URL", "PUBLIC_BASE_URL"]
)
def test_start_up_fails_naming_the_missing_variable(tmp_path, missing):
    result = manage(production_env(tmp_path, **{missing: None}), "check")
    assert result.returncode != 0
    assert f"Missing required environment variable(s): {missing}." in result.stderr
    assert ".env.example" in result.stderr


def test_every_missing_variable_is_named_at_once(tmp_path):
    env = production_env(tmp_path, SECRET_KEY=None, DATABASE_URL=None, REDIS_URL=None)
    result = manage(env, "check")
    assert "SECRET_KEY, DATABASE_URL, REDIS_URL" in result.stderr


@pytest.mark.parametrize(
    "value, says",
    [
        ("http://localhost:8000", "a local address"),
        ("http://127.0.0.1", "a local address"),
        ("cms.example.org", "absolute http(s) address"),
    ],
)
def test_a_local_or_relative_public_base_url_is_refused(tmp_path, value, says):
    result = manage(production_env(tmp_path, PUBLIC_BASE_URL=value), "check")
    assert result.returncode != 0
    assert "PUBLIC_BASE_URL" in result.stderr and says in result.stderr


def test_an_empty_variable_counts_as_missing(tmp_path):
    result = manage(production_env(tmp_path, SECRET_KEY=""), "check")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


HTTP_PROBE = """
from django.test import Client
client = Client(HTTP_HOST="cms.example.org")
plain = client.get("/admin/login/")
print("admin_http", plain.status_code, plain.get("Location"))
health = client.get("/health/")
print("health_http", health.status_code)
secure = client.get("/health/", secure=True)
print("hsts", secure.get("Strict-Transport-Security"))
print("wrong_host", Client(HTTP_HOST="evil.example.com").get("/health/").status_code)
"""


def test_https_is_enforced_except_for_the_health_check(tmp_path):
    # TASKS_BACKEND=immediate: the SQLite file has no task table; the rest is real.
    env = production_env(tmp_path, TASKS_BACKEND="immediate")
    result = manage(env, "shell", "-v", "0", "-c", HTTP_PROBE)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.strip().splitlines())
    assert lines["admin_http"] == "301 https://cms.example.org/admin/login/"
    assert lines["health_http"] == "200"
    assert lines["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert lines["wrong_host"] == "400"


STORAGE_PROBE = """
from django.core.files.storage import storages
from tests.loopback import redis_url
storage = storages["default"]
print(type(storage).__name__, getattr(storage, "bucket_name", "-"))
"""


def test_media_go_to_s3_only_when_a_bucket_is_configured(tmp_path):
    local = manage(production_env(tmp_path), "shell", "-v", "0", "-c", STORAGE_PROBE)
    assert local.stdout.split() == ["FileSystemStorage", "-"], local.stderr
    s3 = manage(
        production_env(
            tmp_path,
            AWS_STORAGE_BUCKET_NAME="playbook-media",
            AWS_S3_ENDPOINT_URL="https://s3.example.net",
        ),
        "shell", "-v", "0", "-c", STORAGE_PROBE,
    )  # fmt: skip
    assert s3.stdout.split() == ["S3Storage", "playbook-media"], s3.stderr
