"""Loopback resources a test may use, safe for two suites running at once.

Contract: ``free_port()`` is a TCP port on 127.0.0.1 that nothing listens on now
(the operating system picks it); ``redis_url(purpose)`` is a Redis database on
127.0.0.1 for this suite only: CI runs the SQLite and the PostgreSQL suites side by
side and gives each its own database numbers with ``TEST_REDIS_DB`` (default 13),
so one suite's ``FLUSHDB`` never empties the other's.
"""

import os
import socket

# Each suite gets two databases from TEST_REDIS_DB on: one for the deployment tests
# (gunicorn, entrypoint, production settings), one for cache and health checks.
_FIRST_DB = int(os.environ.get("TEST_REDIS_DB", "13"))
_PURPOSES = {"deploy": 0, "cache": 1}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_url(purpose: str) -> str:
    return f"redis://127.0.0.1:6379/{_FIRST_DB + _PURPOSES[purpose]}"
