"""The resilient Redis cache: misses instead of errors while Redis is away, then back."""

import logging
import shutil
import socket
import subprocess
import threading
import time
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError

from cms.cache import ResilientRedisCache
from tests.loopback import free_port, redis_url


def make_cache(location, retry_after=5):
    return ResilientRedisCache(
        location,
        {
            "KEY_PREFIX": f"cache-test-{uuid.uuid4().hex}",
            "OPTIONS": {
                "socket_connect_timeout": 1,
                "socket_timeout": 1,
                "RETRY_AFTER": retry_after,
            },
        },
    )


class HangUpServer:
    """A TCP server that accepts and at once closes: a Redis that drops every client."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            conn.close()

    def close(self):
        self.sock.close()


@pytest.fixture
def hang_up_server():
    server = HangUpServer()
    yield server
    server.close()


def test_works_as_a_normal_cache_when_redis_is_up():
    cache = make_cache(redis_url("cache"))
    cache.set("k", {"a": 1})
    assert cache.get("k") == {"a": 1}
    assert cache.add("n", 1) is True
    assert cache.incr("n") == 2
    assert cache.get_many(["k"]) == {"k": {"a": 1}}
    assert cache.ping() is True
    cache.delete_many(["k", "n"])
    assert cache.get("k") is None


def test_every_call_of_a_thread_shares_one_redis_client():
    """Not a new ``redis.Redis`` per call (Django's default, slower than the call)."""
    cache = make_cache(redis_url("cache"))
    cache.set("k", 1)
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    assert cache.get("k") == 1 and cache._cache.get_client("k") is client
    cache.delete("k")


def test_unreachable_redis_reads_as_a_miss_and_drops_writes(caplog):
    # A port nobody listens on, new to this process: its outage starts here.
    cache = make_cache(f"redis://127.0.0.1:{free_port()}/0")
    with caplog.at_level(logging.WARNING, logger="cms.cache"):
        cache.set("k", "v")
        assert cache.get("k", "fallback") == "fallback"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.add("k", "v") is False
        assert cache.has_key("k") is False
        assert cache.delete("k") is False
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.get_or_set("k", "computed") == "computed"
        with pytest.raises(ValueError):
            cache.incr("counter")
    # One line per outage, not one per request.
    outage_lines = [r for r in caplog.records if "unavailable" in r.getMessage()]
    assert len(outage_lines) == 1
    assert "ConnectionError" in cache.last_error
    # The plain Django backend is what the API would otherwise face.
    with pytest.raises(RedisConnectionError):
        RedisCache("redis://127.0.0.1:1/0", {}).get("k")


def test_ping_raises_for_the_health_check():
    with pytest.raises(RedisConnectionError):
        make_cache("redis://127.0.0.1:1/0").ping()


def test_after_a_failure_redis_is_left_alone_until_retry_after(hang_up_server):
    cache = make_cache(f"redis://127.0.0.1:{hang_up_server.port}/0", retry_after=60)
    for _ in range(20):
        assert cache.get("k") is None
    # redis-py retries a dropped connection a few times within the first call, then the
    # breaker keeps the next 19 calls from connecting at all.
    first_call_attempts = hang_up_server.accepted
    assert 1 <= first_call_attempts <= 5
    cache.set("k", "v")
    assert hang_up_server.accepted == first_call_attempts


def test_with_no_pause_every_call_tries_again(hang_up_server):
    cache = make_cache(f"redis://127.0.0.1:{hang_up_server.port}/0", retry_after=0)
    cache.get("k")
    after_one = hang_up_server.accepted
    cache.get("k")
    assert hang_up_server.accepted > after_one


needs_redis_server = pytest.mark.skipif(
    not shutil.which("redis-server"), reason="needs the redis-server binary"
)


def start_private_redis(port, directory):
    """A redis-server of this test's own: it can be stopped without harming anyone."""
    command = ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no",
               "--dir", str(directory)]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("private redis-server did not start")


@needs_redis_server
def test_cache_comes_back_by_itself_when_redis_restarts(tmp_path):
    port = free_port()

    def start():
        return start_private_redis(port, tmp_path)

    cache = make_cache(f"redis://127.0.0.1:{port}/0", retry_after=0)
    server = start()
    try:
        cache.set("k", "before")
        assert cache.get("k") == "before"
        server.terminate()
        server.wait(10)
        assert cache.get("k", "miss") == "miss"
        cache.set("k", "during")  # dropped, no error
        server = start()
        cache.set("k", "after")
        assert cache.get("k") == "after"
    finally:
        server.terminate()
        server.wait(10)


@needs_redis_server
def test_writes_dropped_while_redis_was_unreachable_do_not_leave_stale_values(tmp_path):
    """Redis alive but not answering (paused): its old data is still there afterwards."""
    import redis

    port = free_port()
    server = start_private_redis(port, tmp_path)
    try:
        cache = ResilientRedisCache(
            f"redis://127.0.0.1:{port}/0",
            {"KEY_PREFIX": "stale", "OPTIONS": {"socket_timeout": 0.3, "RETRY_AFTER": 0}},
        )
        cache.set("content-version", "old")
        cache.set("untouched", "kept")
        admin = redis.Redis(port=port)
        admin.execute_command("CLIENT", "PAUSE", 1500, "ALL")
        # An invalidation on publish while Redis does not answer: dropped, no error.
        cache.set("content-version", "new")
        time.sleep(1.6)
        # Without the purge this would read "old" (or "new"): never a miss.
        assert cache.get("content-version") is None
        assert cache.get("untouched") == "kept"
    finally:
        server.terminate()
        server.wait(10)
