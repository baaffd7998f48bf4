"""Publish-to-visible latency: how long after a publish the API serves the change.

    .venv/bin/python benchmarks/publish_latency.py --redis redis://127.0.0.1:6379/15
    .venv/bin/python benchmarks/publish_latency.py              # the settings' own cache
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/latency_bench \\
        .venv/bin/python benchmarks/publish_latency.py --port 8260   # its tables are DROPPED

Contract: on a throwaway database (a new SQLite file in a temporary folder, or the
PostgreSQL database named by BENCH_DATABASE_URL, whose ``public`` schema is dropped;
the demo's db.sqlite3 is never opened) it loads the demo content, lets a task worker
finish what the load queued, then starts, with the development settings
(``cms.settings.dev``, as ``make run``), the task worker as ``scripts/run_demo.sh``
does (``manage.py db_worker --queue-name "*" --no-reload``) and the web server
(``manage.py runserver 127.0.0.1:PORT --noreload``). Then, ``--publishes`` times
(20), ``--gap`` seconds apart (1): it changes the title of one demo tool and publishes
it through the ORM in this process (``save_revision().publish()``, what the admin
does), and polls the tool's API detail (``/api/v1/tools/<slug>/``) over HTTP until the
new title shows. The delay is counted from the start of ``publish()`` (an editor's
click) to the first response with the new title. It prints each delay, its p50, p95
and max (and those of ``publish()`` itself and of the rest), and the target of issue
11 (p95 <= 1 s) as PASS/FAIL.

It measures whatever path serves the API: today the response cache, invalidated by
the publish (so the three processes must share a cache: ``--redis``, which sets
``REDIS_URL`` for all of them; the default local-memory cache is per process, and
the server then never sees the change), and once the stored representations land,
the worker's rebuild. Bounded: a change not visible within ``--timeout`` seconds (10)
counts as missed, and two misses in a row end the run. Every process it starts is
stopped when it ends, whatever happened, and its Redis keys (a prefix of its own)
are deleted.
"""

import argparse
import json
import logging
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_P95 = 1.0
POLL_SECONDS = 0.01
STARTUP_SECONDS = 60
DRAIN_SECONDS = 300
STOP_SECONDS = 10


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(workdir: Path, redis_url: str | None) -> dict:
    """The environment of this process and of the worker and server: one database, one cache."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DATABASE_URL=os.environ.get(
            "BENCH_DATABASE_URL", f"sqlite:///{workdir / 'publish-latency.sqlite3'}"
        ),
        MEDIA_ROOT=str(workdir / "media"),
        TASKS_BACKEND="database",
        PYTHONUNBUFFERED="1",
    )
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
        env["CACHE_KEY_PREFIX"] = f"publish-latency-{uuid.uuid4().hex[:8]}"
    return env


def forget_cache_keys(env: dict):
    """Delete the keys this run left in Redis (its own prefix only: the db may be shared)."""
    if "REDIS_URL" not in env:
        return
    import redis

    client = redis.Redis.from_url(env["REDIS_URL"])
    for key in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*"):
        client.delete(key)


def prepare_database():
    """Migrate a fresh database and load the demo content into it."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    database = settings.DATABASES["default"]
    assert Path(str(database["NAME"])).name != "db.sqlite3"
    print(f"Database: {database['NAME']}", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    call_command("migrate", verbosity=0, interactive=False)
    started = time.monotonic()
    call_command("load_demo_content", verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"Demo content loaded in {time.monotonic() - started:.0f} s", flush=True)
    connection.close()  # the worker and the server open their own


def start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    with log.open("ab") as output:
        return subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def stop(process: subprocess.Popen):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def get_json(url: str):
    """(status, body) of one GET; the body is None unless it is JSON."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, None
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None, None


def wait_for_server(url: str, server: subprocess.Popen, log: Path):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit {server.returncode}); see {log}")
        status, body = get_json(url)
        if status == 200 and body is not None:
            return body
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer {url} within {STARTUP_SECONDS} s; see {log}")


def drain_queue(env: dict, log: Path):
    """Run what the demo load queued (PDF exports, index and store builds), then return."""
    started = time.monotonic()
    worker = start(["db_worker", "--queue-name", "*", "--batch", "--no-startup-delay"], env, log)
    try:
        worker.wait(DRAIN_SECONDS)
    except subprocess.TimeoutExpired:
        stop(worker)
        raise SystemExit(f"the queue was not drained within {DRAIN_SECONDS} s; see {log}") from None
    finally:
        stop(worker)
    print(f"Queue drained by a worker in {time.monotonic() - started:.0f} s", flush=True)


def measure(tool_id: int, url: str, publishes: int, gap: float, timeout: float):
    """Delays (s, or None when missed) from each publish to the first response showing it."""
    from playbook_pages.models import ToolPage

    delays, publish_times = [], []
    misses = 0
    for number in range(1, publishes + 1):
        page = ToolPage.objects.get(pk=tool_id)
        title = f"{page.title.split(' · ')[0]} · edit {number}"
        page.title = title
        revision = page.save_revision()
        started = time.monotonic()
        revision.publish()
        publish_times.append(time.monotonic() - started)
        delay = None
        while time.monotonic() - started < timeout:
            status, body = get_json(url)
            if status == 200 and body and body.get("title") == title:
                delay = time.monotonic() - started
                break
            time.sleep(POLL_SECONDS)
        delays.append(delay)
        shown = (
            f"visible after {delay * 1000:.0f} ms"
            if delay is not None
            else f"not visible within {timeout:.0f} s"
        )
        print(f"  publish {number:>2}: {shown}", flush=True)
        misses = misses + 1 if delay is None else 0
        if misses == 2:
            print("  two publishes in a row never showed: stopping early", flush=True)
            break
        time.sleep(gap)
    return delays, publish_times


def percentiles(values):
    """(p50, p95, max) of a non-empty list of seconds, as milliseconds."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return (ordered[0] * 1000,) * 3
    p95 = statistics.quantiles(ordered, n=100, method="inclusive")[94]
    return statistics.median(ordered) * 1000, p95 * 1000, ordered[-1] * 1000


def report(delays, publish_times, publishes, timeout):
    seen = sorted(delay for delay in delays if delay is not None)
    missed = len(delays) - len(seen)
    print(
        f"\n{len(delays)} of {publishes} publishes made; {len(seen)} became visible,"
        f" {missed} not within {timeout:.0f} s"
    )
    if len(delays) < publishes or missed:
        print(f"FAIL  publish -> visible p95 <= {TARGET_P95:.0f} s: not every publish showed")
        return
    after = [delay - took for delay, took in zip(delays, publish_times, strict=False)]
    for name, values in (
        ("publish -> visible", seen),
        ("  publish() itself", publish_times),
        ("  after it returned", after),
    ):
        p50, p95, most = percentiles(values)
        print(f"{name:<20} p50 {p50:>5.0f} ms   p95 {p95:>5.0f} ms   max {most:>5.0f} ms")
    p95 = percentiles(seen)[1] / 1000
    verdict = "PASS" if p95 <= TARGET_P95 else "FAIL"
    print(f"{verdict}  publish -> visible p95 <= {TARGET_P95:.0f} s: {p95:.2f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--publishes", type=int, default=20)
    parser.add_argument("--gap", type=float, default=1.0, help="seconds between publishes")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds until a miss")
    parser.add_argument("--port", type=int, default=0, help="the server's port (default: free)")
    parser.add_argument("--redis", help="REDIS_URL for all three processes (a shared cache)")
    options = parser.parse_args()
    port = options.port or free_port()

    with tempfile.TemporaryDirectory(prefix="publish-latency-") as folder:
        workdir = Path(folder)
        env = environment(workdir, options.redis)
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        # Wagtail and the exports log every publish at INFO; the lines below say enough.
        for name in ("wagtail", "exports"):
            logging.getLogger(name).setLevel(logging.WARNING)
        print(f"Load average: {os.getloadavg()[0]:.1f} (2 cores here: read it beside the figures)")
        prepare_database()
        from playbook_pages.models import ToolPage

        tool = ToolPage.objects.live().public().order_by("path").first()
        drain_queue(env, workdir / "worker.log")
        cache_name = f"Redis {options.redis}" if options.redis else "the settings' own cache"
        print(f"Worker and server on port {port}, dev settings, {cache_name}", flush=True)
        # As `make run` does: the store's rebuilds on a worker of their own.
        worker = start(
            ["db_worker", "--queue-name", "default", "--no-reload"], env, workdir / "worker.log"
        )
        content_worker = start(
            ["db_worker", "--queue-name", "content", "--no-reload", "--interval", "0.1"],
            env,
            workdir / "content-worker.log",
        )
        server = start(
            ["runserver", f"127.0.0.1:{port}", "--noreload"], env, workdir / "server.log"
        )
        try:
            url = f"http://127.0.0.1:{port}/api/v1/tools/{tool.slug}/"
            first = wait_for_server(url, server, workdir / "server.log")
            print(f"Tool {first['title']!r} at {url}", flush=True)
            delays, publish_times = measure(
                tool.pk, url, options.publishes, options.gap, options.timeout
            )
        finally:
            stop(server)
            stop(worker)
            stop(content_worker)
            forget_cache_keys(env)
        report(delays, publish_times, options.publishes, options.timeout)
        print(f"Load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
