"""deploy/entrypoint.sh, the container's entry point: roles, and failing loudly."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from tests.loopback import redis_url

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = ROOT / "deploy" / "entrypoint.sh"


def run(*args, tmp_path, timeout=120, **env_overrides):
    env = {
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "APP_HOME": str(ROOT),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "cms.example.org",
        "REDIS_URL": redis_url("deploy"),
        "PUBLIC_BASE_URL": "https://cms.example.org",
        **env_overrides,
    }
    return subprocess.run(  # noqa: S603 - the project's own script
        [str(ENTRYPOINT), *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def test_manage_role_runs_a_command_with_production_settings(tmp_path):
    result = run("manage", "diffsettings", "--output", "unified", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "+ SECURE_SSL_REDIRECT = True" in result.stdout
    assert "cms.cache.ResilientRedisCache" in result.stdout


def test_unreachable_database_stops_start_up_with_a_message(tmp_path):
    # Port 1: nothing listens; the entry point waits DB_WAIT_SECONDS, then gives up.
    result = run(
        "web",
        tmp_path=tmp_path,
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none",
        DB_WAIT_SECONDS="3",
        timeout=60,
    )
    assert result.returncode == 1
    assert "the database did not answer within 3s" in result.stderr


def test_worker_role_refuses_an_unknown_task_backend(tmp_path):
    result = run("worker", tmp_path=tmp_path, TASKS_BACKEND="celery")
    assert result.returncode != 0
    assert "TASKS_BACKEND" in result.stderr


def test_missing_variable_stops_start_up_at_once_naming_it(tmp_path):
    # Not mistaken for a database that is still booting: no waiting, the real reason.
    result = run("web", tmp_path=tmp_path, SECRET_KEY="", DB_WAIT_SECONDS="60", timeout=30)
    assert result.returncode != 0
    assert "Missing required environment variable(s): SECRET_KEY" in result.stderr
    assert "did not answer" not in result.stderr


def test_rq_worker_role_starts_with_the_scheduler(tmp_path):
    # Retries, coalesced deliveries and debounced exports are jobs queued for later:
    # only RQ's scheduler ever runs them. (And every task must be one RQ accepts.)
    result = run(
        "worker", "--burst", tmp_path=tmp_path, TASKS_BACKEND="rq", WORKER_QUEUES="webhooks"
    )
    assert result.returncode == 0, result.stderr
    assert "Acquired scheduler lock for webhooks" in result.stderr + result.stdout
