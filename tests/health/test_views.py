"""GET /health/: what a load balancer and an operator see when parts are up or down."""

import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings

from tests.loopback import redis_url

REAL_REDIS = redis_url("cache")
# Nothing listens on port 1: the connection is refused at once, like a dead Redis.
CLOSED_REDIS = "redis://127.0.0.1:1/0"


def redis_cache(location, backend="cms.cache.ResilientRedisCache"):
    return {
        "default": {
            "BACKEND": backend,
            "LOCATION": location,
            "KEY_PREFIX": f"health-test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


@pytest.fixture(autouse=True)
def _fresh_caches():
    # Cache instances are per-thread and survive override_settings; start clean.
    caches._settings = caches.settings = caches.configure_settings(None)
    yield
    caches._settings = caches.settings = caches.configure_settings(None)


def get_health(client):
    response = client.get("/health/")
    assert response["Content-Type"] == "application/json"
    return response, response.json()


@pytest.mark.django_db
def test_all_checks_pass_with_database_queue_and_real_redis(client):
    tasks = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "content"]}
    }
    with override_settings(CACHES=redis_cache(REAL_REDIS), TASKS=tasks):
        response, body = get_health(client)

    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "task_queue"}
    for check in body["checks"].values():
        assert check["status"] == "ok"
        assert check["latency_ms"] >= 0
    assert body["checks"]["cache"]["backend"] == "ResilientRedisCache"
    assert body["checks"]["task_queue"] == {
        "status": "ok",
        "backend": "DatabaseBackend",
        "ready_tasks": 0,
        "latency_ms": body["checks"]["task_queue"]["latency_ms"],
    }


@pytest.mark.django_db
def test_queue_depth_counts_tasks_waiting_for_a_worker(client):
    from django_tasks_db.models import DBTaskResult

    tasks = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "content"]}
    }
    with override_settings(TASKS=tasks):
        for _ in range(3):
            DBTaskResult.objects.create(
                status="READY",
                task_path="health.checks.check_database",
                args_kwargs={"args": [], "kwargs": []},
                backend_name="default",
                queue_name="default",
            )
        _, body = get_health(client)

    assert body["checks"]["task_queue"]["ready_tasks"] == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    "backend",
    ["cms.cache.ResilientRedisCache", "django.core.cache.backends.redis.RedisCache"],
)
def test_unreachable_redis_cache_gives_503_naming_the_cache(client, backend):
    with override_settings(CACHES=redis_cache(CLOSED_REDIS, backend)):
        response, body = get_health(client)

    assert response.status_code == 503
    assert body["status"] == "error"
    assert body["checks"]["cache"]["status"] == "error"
    assert body["checks"]["cache"]["error"] == "ConnectionError"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["task_queue"]["status"] == "ok"
    # Where Redis lives is for the log, not for an anonymous caller.
    assert "127.0.0.1" not in response.content.decode()


@pytest.mark.django_db
def test_unreachable_rq_queue_gives_503_naming_the_task_queue(client):
    tasks = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    with override_settings(
        TASKS=tasks,
        RQ_QUEUES={"default": {"URL": CLOSED_REDIS}},
    ):
        response, body = get_health(client)

    assert response.status_code == 503
    assert body["checks"]["task_queue"]["status"] == "error"
    assert body["checks"]["cache"]["status"] == "ok"


@pytest.mark.django_db
def test_reachable_rq_queue_reports_its_depth(client):
    tasks = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    queue_url = redis_url("cache")
    with override_settings(
        TASKS=tasks,
        RQ_QUEUES={"default": {"URL": queue_url}},
    ):
        response, body = get_health(client)

    assert response.status_code == 200, body
    assert body["checks"]["task_queue"]["backend"] == "RQBackend"
    assert isinstance(body["checks"]["task_queue"]["ready_tasks"], int)


@pytest.mark.django_db
def test_health_is_never_cached_and_only_read(client):
    response = client.get("/health/")
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert client.head("/health/").status_code == 200
    assert client.post("/health/").status_code == 405
