"""The checks behind ``GET /health/``: database, cache and task queue.

Contract: each check takes no argument, returns a dict of extra facts (may be empty)
when its component works and raises when it does not. ``run_checks()`` runs them all,
times each one and never raises: a failure is reported under the check's name.
"""

import logging
import time
import uuid

from django.core.cache import caches
from django.db import connection
from django_tasks import task_backends

logger = logging.getLogger(__name__)

# Enough to tell "a few queued" from "a backlog" without counting a huge table.
QUEUE_DEPTH_CAP = 1000


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("SELECT 1 did not return 1")
    return {"vendor": connection.vendor}


def check_cache():
    cache = caches["default"]
    if hasattr(cache, "ping"):
        # The resilient Redis cache swallows connection errors; ping() does not.
        cache.ping()
    key = f"health-check:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the cache did not return the value just written")
    finally:
        cache.delete(key)
    return {"backend": type(cache).__name__}


def check_task_queue():
    backend = task_backends["default"]
    kind = type(backend).__name__
    if kind == "DatabaseBackend":
        from django_tasks_db.models import DBTaskResult

        ready = DBTaskResult.objects.ready().filter(backend_name=backend.alias)
        depth = ready[: QUEUE_DEPTH_CAP + 1].count()
    elif kind == "RQBackend":
        import django_rq

        depth = 0
        for queue_name in backend.queues:
            queue = django_rq.get_queue(queue_name)
            queue.connection.ping()
            depth += queue.count
    else:
        # The immediate backend runs tasks inside the request: nothing to reach.
        return {"backend": kind}
    return {
        "backend": kind,
        "ready_tasks": depth if depth <= QUEUE_DEPTH_CAP else f"{QUEUE_DEPTH_CAP}+",
    }


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "task_queue": check_task_queue,
}


def run_checks(checks=None):
    """Run every check; return ``(all_ok, {name: {"status", "latency_ms", ...}})``."""
    results = {}
    for name, check in (checks or CHECKS).items():
        started = time.perf_counter()
        try:
            facts = check()
        except Exception as exc:
            # The load balancer only needs to know which part failed; the details
            # (host names, ports) go to the log, not to an anonymous caller.
            logger.exception("Health check %r failed", name)
            result = {"status": "error", "error": type(exc).__name__}
        else:
            result = {"status": "ok", **facts}
        result["latency_ms"] = round((time.perf_counter() - started) * 1000, 2)
        results[name] = result
    return all(r["status"] == "ok" for r in results.values()), results
