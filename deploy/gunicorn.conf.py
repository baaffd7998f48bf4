"""gunicorn settings for the web container; every value can be changed by environment.

Sized for a small container: ``WEB_CONCURRENCY`` processes (default 2 per core + 1)
with ``GUNICORN_THREADS`` threads each. Workers are recycled after a bounded number
of requests so that memory growth (rich-text rendering, image renditions) stays capped.
PDF rendering belongs to the task worker, not here, so the timeout stays short.
"""

import multiprocessing
import os


def _int(name, default):
    return int(os.environ.get(name) or default)


bind = os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{_int('PORT', 8000)}"
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
threads = _int("GUNICORN_THREADS", 2)
worker_class = "gthread" if threads > 1 else "sync"
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# A new worker starts cold (its database connection, compiled queries, Wagtail's
# site and URL caches, pages copied from the master as it touches them): recycled
# every few thousand requests, a busy server spends much of its time restarting
# (benchmarks/README.md, "Load"). A worker's memory grows with its caches at first,
# then levels off.
max_requests = _int("GUNICORN_MAX_REQUESTS", 20000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 2000)
# Import Django once in the master: workers fork with it loaded, start fast and share
# memory pages. No connection is opened at import, so nothing is shared by accident.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in {"1", "true", "yes"}
# The TLS-terminating proxy in front sets X-Forwarded-Proto; trust it from these
# addresses (a container network has no fixed proxy address, hence "*" by default).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
# Logs to stdout/stderr, where the container runtime collects them.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# /tmp in a container may be a slow overlay; heartbeat files belong in memory.
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR") or (
    "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
)
