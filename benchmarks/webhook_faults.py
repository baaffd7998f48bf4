"""Webhook faults: the receiver down for a while, and the webhooks worker killed mid-send.

    .venv/bin/python benchmarks/webhook_faults.py                  # a 2-minute outage
    .venv/bin/python benchmarks/webhook_faults.py --outage 40      # a shorter one
    .venv/bin/python benchmarks/webhook_faults.py --skip-outage    # only the worker kill

Contract: on a throwaway demo database with the workers as ``scripts/run_demo.sh``
starts them (see ``webhook_latency.py``), with one endpoint pointing at a verifying
receiver on loopback (ports 8700-8749):

* **Outage**: the receiver stops listening (connections refused) for ``--outage``
  seconds (120) while three tools are published in turn, ``--publishes`` times (9);
  then it listens again. The run waits until every delivery has succeeded, then
  checks that every ledger event meant for the endpoint was accepted, that per page
  the events arrived in ledger order, and that no event came under two webhook-ids
  (the receiver de-duplicates by ``webhook-id``); it prints the attempts the log has.
* **Worker killed**: the receiver holds its next request for 4 s; while the webhooks
  worker is inside that request it is SIGKILLed and started again (no requeue of its
  task: the delivery's lease runs out and a run queued for its end sends it again).
  The delivery must then succeed under the same webhook-id.

PASS/FAIL per check; every process it starts is stopped when it ends.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import publish_latency as base  # noqa: E402
from benchmarks import webhook_latency as latency  # noqa: E402


def wait_until(condition, timeout: float, every: float = 0.5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def all_delivered(endpoint) -> bool:
    from webhooks.models import OPEN_STATES

    return not endpoint.deliveries.filter(state__in=OPEN_STATES).exists()


def accepted_once(receiver) -> list:
    """What a de-duplicating receiver keeps: the first 2xx arrival of each webhook-id."""
    kept, ids = [], set()
    for item in receiver.received:
        if item.payload is not None and item.status < 300 and item.webhook_id not in ids:
            ids.add(item.webhook_id)
            kept.append(item)
    return kept


def check(name: str, ok: bool, detail: str = "") -> bool:
    print(f"{'PASS' if ok else 'FAIL'}  {name}{': ' + detail if detail else ''}", flush=True)
    return ok


def outage(receiver, endpoint, tools, seconds: float, publishes: int) -> bool:
    from content.models import Change
    from webhooks.models import WebhookAttempt

    first_change = Change.objects.order_by("-id").values_list("id", flat=True).first() or 0
    port = receiver.server.server_address[1]
    receiver.stop()
    print(f"\nOutage: receiver on port {port} down for {seconds:.0f} s", flush=True)
    down_at = time.monotonic()
    for number in range(publishes):
        tool = type(tools[0]).objects.get(pk=tools[number % len(tools)].pk)
        tool.title = f"{tool.title.split(' · ')[0]} · outage edit {number + 1}"
        tool.save_revision().publish()
        time.sleep(min(seconds / (publishes + 1), 5))
    time.sleep(max(0, seconds - (time.monotonic() - down_at)))
    receiver.start(ports=[port])
    print(f"Receiver up again after {time.monotonic() - down_at:.0f} s", flush=True)
    done = wait_until(lambda: all_delivered(endpoint), timeout=seconds * 3 + 600)
    arrived_after = time.monotonic() - down_at
    ok = check("every delivery finished", done, f"{arrived_after:.0f} s after the outage began")

    from webhooks.events import for_changes

    changes = list(Change.objects.filter(id__gt=first_change).order_by("id"))
    expected = [
        event
        for change, event in zip(changes, for_changes(changes), strict=True)
        if endpoint.wants(event["type"], change.site_id, change.kind)
    ]
    kept = accepted_once(receiver)
    got = [event for item in kept for event in item.events]
    got_ids = [event["id"] for event in got]
    ok &= check(
        "every event arrived",
        {event["id"] for event in expected} <= set(got_ids),
        f"{len(expected)} events in the ledger, {len(set(got_ids))} accepted",
    )
    in_order = True
    for tool in tools:
        cursors = [int(e["cursor"].split(".")[0]) for e in got if e["page"]["id"] == tool.pk]
        in_order &= cursors == sorted(cursors)
    ok &= check("in ledger order per page", in_order)
    under = {}
    for item in kept:
        for event in item.events:
            under.setdefault(event["id"], set()).add(item.webhook_id)
    ok &= check(
        "each event under one webhook-id",
        all(len(ids) == 1 for ids in under.values()),
        f"{len(kept)} deliveries, {len(receiver.received)} requests received",
    )
    attempts = WebhookAttempt.objects.filter(delivery__endpoint=endpoint)
    retried = attempts.filter(outcome="retry").count()
    print(
        f"  the log: {attempts.count()} attempts, {retried} failed and retried "
        f"(first error: {attempts.filter(outcome='retry').values_list('error', flat=True).first()})"
    )
    return ok


def worker_kill(receiver, endpoint, tool, env, workdir, workers) -> bool:
    from webhooks.models import DeliveryState

    print("\nWorker kill: the receiver holds the next request 4 s", flush=True)
    held = {"count": 0}

    def slow(item):
        held["count"] += 1
        if held["count"] == 1:
            time.sleep(4)

    receiver.on_receive = slow
    before = len(receiver.received)
    tool = type(tool).objects.get(pk=tool.pk)
    tool.title = f"{tool.title.split(' · ')[0]} · kill edit"
    tool.save_revision().publish()
    sending = wait_until(
        lambda: endpoint.deliveries.filter(state=DeliveryState.SENDING).exists(), 30, 0.05
    )
    if not check("a delivery was being sent", sending):
        return False
    delivery = endpoint.deliveries.get(state=DeliveryState.SENDING)
    time.sleep(1)
    workers["webhooks-worker"].send_signal(signal.SIGKILL)
    workers["webhooks-worker"].wait()
    print(f"  killed the webhooks worker while it sent {delivery.webhook_id}", flush=True)
    workers.update(latency.start_workers(env, workdir, names={"webhooks-worker"}))
    killed_at = time.monotonic()
    done = wait_until(
        lambda: endpoint.deliveries.get(pk=delivery.pk).state == DeliveryState.SUCCEEDED, 120
    )
    delivery.refresh_from_db()
    ok = check(
        "the delivery was retried and delivered",
        done,
        f"{time.monotonic() - killed_at:.0f} s after the kill, attempt {delivery.attempt_count}",
    )
    ids = [item.webhook_id for item in receiver.received[before:]]
    ok &= check(
        "under the same webhook-id",
        ids.count(delivery.webhook_id) >= 1,
        f"it arrived {ids.count(delivery.webhook_id)} time(s); the receiver keeps one",
    )
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outage", type=float, default=120.0, help="seconds the receiver is down")
    parser.add_argument("--publishes", type=int, default=9)
    parser.add_argument("--skip-outage", action="store_true")
    parser.add_argument("--skip-kill", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="webhook-faults-") as folder:
        workdir = Path(folder)
        env = latency.setup(workdir)
        from playbook_pages.models import ToolPage
        from tests.webhooks.receiver import Receiver
        from webhooks.models import new_secret

        tools = list(ToolPage.objects.live().public().order_by("path")[:3])
        receiver = Receiver(new_secret()).start()
        endpoint = latency.add_endpoint(receiver)
        workers = latency.start_workers(env, workdir)
        ok = True
        try:
            if not options.skip_outage:
                ok &= outage(receiver, endpoint, tools, options.outage, options.publishes)
            if not options.skip_kill:
                ok &= worker_kill(receiver, endpoint, tools[0], env, workdir, workers)
        finally:
            for process in workers.values():
                base.stop(process)
            receiver.stop()
        print(f"\n{'PASS' if ok else 'FAIL'}  all checks; load average {os.getloadavg()[0]:.1f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
