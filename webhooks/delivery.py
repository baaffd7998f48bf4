"""Turning ledger entries into deliveries, and sending them.

Contract:

* ``dispatch()`` takes every ledger entry (``content.Change``) after the
  ``DispatchMark`` and appends its event to each interested endpoint's *open*
  delivery (one not yet attempted), or creates one. Coalescing is leading-edge: a
  new delivery is due at once, unless the endpoint's previous one became due less
  than ``WEBHOOKS_COALESCE_SECONDS`` ago; then it is due that long after the
  previous one. So a lone publish goes out as soon as it is stored, and a burst
  (ten publishes in a second) becomes two deliveries per endpoint: the first event
  at once, the rest together one window later (events arriving while a delivery is
  waiting or being sent join the next one).
* ``announce(events)`` does the same with events that are no ledger entry
  (``pdf.ready``, ``snippet.changed``: ``webhooks.events``), after dispatching the
  ledger, so they share the coalescing, signing, retries and log.
* ``deliver_due(now)`` sends, per active endpoint, its oldest unfinished delivery
  when it is due, then the next, in order: a later delivery never overtakes an
  earlier one that is being retried, so events reach a receiver in ledger order.
  It returns when something will next be due, for ``schedule_run``.
* An attempt POSTs the body (fixed at the first attempt) with Standard Webhooks
  headers (``webhook-id``, ``webhook-timestamp``, ``webhook-signature`` with every
  valid secret) to the address ``ssrf.resolve`` checked, ``WEBHOOKS_TIMEOUT``
  seconds at most, following no redirect. 2xx is delivered; 408, 429, 5xx and
  network errors are retried after ``WEBHOOKS_RETRY_SCHEDULE`` (then failed);
  anything else, and a refused address, fail at once. An endpoint whose attempts
  have failed for ``WEBHOOKS_DISABLE_AFTER_DAYS`` is disabled.
* A delivery being sent holds a lease; one whose worker died (the lease ran out) is
  due again, and a run is queued for the end of every lease, so a killed worker
  delays a delivery but never loses it. Receivers de-duplicate by ``webhook-id``.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

import urllib3
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from content.models import Change
from webhooks import events as webhook_events
from webhooks import ssrf
from webhooks.models import (
    OPEN_STATES,
    TEST_EVENT_TYPE,
    AttemptOutcome,
    DeliveryState,
    DispatchMark,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)

logger = logging.getLogger(__name__)

DISPATCH_BATCH = 500
MAX_EVENTS_PER_DELIVERY = 200
EXCERPT_BYTES = 1024
USER_AGENT = "PlaybookCMS-Webhooks/1"
RETRY_STATUSES = frozenset({408, 429})


def coalesce_seconds() -> float:
    return float(getattr(settings, "WEBHOOKS_COALESCE_SECONDS", 1.0))


def timeout_seconds() -> float:
    return float(getattr(settings, "WEBHOOKS_TIMEOUT", 10))


def retry_schedule() -> list[float]:
    return [float(value) for value in settings.WEBHOOKS_RETRY_SCHEDULE]


def lease() -> timedelta:
    return timedelta(seconds=timeout_seconds() + 20)


# Dispatch ---------------------------------------------------------------------


def _mark() -> DispatchMark:
    DispatchMark.objects.get_or_create(pk=1)
    return DispatchMark.objects.select_for_update().get(pk=1)


def dispatch(now: datetime | None = None, schedule: bool = True) -> int:
    """Turn new ledger entries into deliveries; how many events were appended.

    ``schedule=False``: queue no delivery run, the caller sends what is due itself
    (``tasks.dispatch_changes``, which then need not wait for another task)."""
    now = now or timezone.now()
    appended = 0
    earliest = None
    with transaction.atomic():
        mark = _mark()
        endpoints = list(WebhookEndpoint.objects.filter(is_active=True))
        while True:
            changes = list(
                Change.objects.filter(id__gt=mark.last_change_id).order_by("id")[:DISPATCH_BATCH]
            )
            if not changes:
                break
            mark.last_change_id = changes[-1].id
            events = webhook_events.for_changes(changes)
            for endpoint in endpoints:
                wanted = [
                    event
                    for change, event in zip(changes, events, strict=True)
                    # An endpoint hears of what changed after it was made, not before.
                    if change.changed_at >= endpoint.created_at
                    and endpoint.wants(event["type"], change.site_id, change.kind)
                ]
                for delivery in _append(endpoint, wanted, now):
                    earliest = min(earliest or delivery.send_after, delivery.send_after)
                appended += len(wanted)
        mark.save(update_fields=["last_change_id"])
    if earliest is not None and schedule:
        schedule_run(earliest)
    return appended


def announce(events: list[dict], now: datetime | None = None) -> int:
    """Add events that are not ledger entries (``pdf.ready``, ``snippet.changed``) to
    each interested endpoint's open delivery, as ``dispatch`` adds ledger events, and
    after them: the ledger is dispatched first, so a receiver hears of the pages
    that changed before the event that names them. How many events were appended."""
    if not events:
        return 0
    now = now or timezone.now()
    dispatch(now)
    appended = 0
    earliest = None
    with transaction.atomic():
        _mark()  # take turns with dispatch: one writer of open deliveries at a time
        for endpoint in WebhookEndpoint.objects.filter(is_active=True):
            wanted = [
                event
                for event in events
                if endpoint.wants(
                    event["type"], event["site"]["id"], event.get("page", {}).get("type")
                )
            ]
            for delivery in _append(endpoint, wanted, now):
                earliest = min(earliest or delivery.send_after, delivery.send_after)
            appended += len(wanted)
    if earliest is not None:
        schedule_run(earliest)
    return appended


def _append(endpoint, new_events, now) -> list[WebhookDelivery]:
    """Add events to the endpoint's open delivery (or new ones); the deliveries touched."""
    touched = []
    while new_events:
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .filter(endpoint=endpoint, state=DeliveryState.PENDING, attempt_count=0, body="")
            .exclude(event_type=TEST_EVENT_TYPE)
            .order_by("-pk")
            .first()
        )
        if delivery is None or len(delivery.events) >= MAX_EVENTS_PER_DELIVERY:
            delivery = WebhookDelivery(endpoint=endpoint, send_after=_next_slot(endpoint, now))
        room = MAX_EVENTS_PER_DELIVERY - len(delivery.events)
        delivery.events = delivery.events + new_events[:room]
        new_events = new_events[room:]
        delivery.save()
        touched.append(delivery)
    return touched


def _next_slot(endpoint, now) -> datetime:
    """When a new delivery to ``endpoint`` is due: now, or one window after the
    previous delivery became due if that was less than a window ago (a burst's
    first event goes at once, what follows waits and travels together)."""
    previous = (
        WebhookDelivery.objects.filter(endpoint=endpoint, replay_of=None)
        .exclude(event_type=TEST_EVENT_TYPE)
        .order_by("-pk")
        .values_list("send_after", flat=True)
        .first()
    )
    if previous is None:
        return now
    return max(now, previous + timedelta(seconds=coalesce_seconds()))


def send_test_event(endpoint: WebhookEndpoint, now=None) -> WebhookDelivery:
    """A delivery of one ``webhook.test`` event, sent as soon as the endpoint is free."""
    now = now or timezone.now()
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_type=TEST_EVENT_TYPE,
        events=[
            {
                "type": TEST_EVENT_TYPE,
                "timestamp": now.isoformat().replace("+00:00", "Z"),
                "message": "A test event sent from the admin: the endpoint is reachable.",
                "endpoint": {"id": endpoint.pk, "description": endpoint.description},
            }
        ],
        send_after=now,
    )
    schedule_run(now)
    return delivery


def replay(delivery: WebhookDelivery, now=None) -> WebhookDelivery:
    """The same events again, as a new delivery (a new ``webhook-id``: receivers that
    already processed the original would drop a copy under its id)."""
    now = now or timezone.now()
    copy = WebhookDelivery.objects.create(
        endpoint=delivery.endpoint,
        event_type=delivery.event_type,
        events=delivery.events,
        send_after=now,
        replay_of=delivery,
    )
    schedule_run(now)
    return copy


# Sending ----------------------------------------------------------------------


def body_of(delivery: WebhookDelivery) -> str:
    if delivery.event_type == TEST_EVENT_TYPE:
        event = delivery.events[0]
        payload = {"type": TEST_EVENT_TYPE, "timestamp": event["timestamp"], "data": event}
    else:
        payload = {
            "type": delivery.event_type,
            "timestamp": delivery.created_at.isoformat().replace("+00:00", "Z"),
            "data": {"events": delivery.events},
        }
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False)


def sign(secrets: list[str], webhook_id: str, at: datetime, body: str) -> str:
    """The ``webhook-signature`` header: one ``v1,`` signature per valid secret."""
    return " ".join(
        Webhook(secret).sign(msg_id=webhook_id, timestamp=at, data=body) for secret in secrets
    )


@dataclass
class Answer:
    outcome: str
    status_code: int | None = None
    error: str = ""
    excerpt: str = ""
    address: str = ""
    duration_ms: int | None = None


def post(url: str, body: str, headers: dict[str, str]) -> Answer:
    """POST once to the checked address of ``url``; what came back."""
    try:
        target = ssrf.resolve(url)
    except ssrf.Refused as refusal:
        return Answer(AttemptOutcome.REFUSED, error=f"Refused: {refusal}")
    timeout = urllib3.Timeout(total=timeout_seconds())
    if target.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            target.address,
            target.port,
            timeout=timeout,
            retries=False,
            maxsize=1,
            server_hostname=target.host,
            assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED",
        )
    else:
        pool = urllib3.HTTPConnectionPool(
            target.address, target.port, timeout=timeout, retries=False, maxsize=1
        )
    default_port = 443 if target.scheme == "https" else 80
    host_header = target.host if target.port == default_port else f"{target.host}:{target.port}"
    if ":" in target.host:  # an IPv6 literal
        host_header = f"[{target.host}]" if target.port == default_port else host_header
    started = time.monotonic()
    try:
        response = pool.urlopen(
            "POST",
            target.request_path,
            body=body.encode(),
            headers={**headers, "Host": host_header},
            redirect=False,
            assert_same_host=False,
            preload_content=False,
        )
        try:
            excerpt = response.read(EXCERPT_BYTES, decode_content=True)
        finally:
            response.release_conn()
    except urllib3.exceptions.HTTPError as error:
        return Answer(
            AttemptOutcome.RETRY,
            error=f"{type(error).__name__}: {error}"[:500],
            address=target.address,
            duration_ms=round((time.monotonic() - started) * 1000),
        )
    finally:
        pool.close()
    status = response.status
    if 200 <= status < 300:
        outcome = AttemptOutcome.SUCCESS
    elif status >= 500 or status in RETRY_STATUSES:
        outcome = AttemptOutcome.RETRY
    else:
        outcome = AttemptOutcome.FINAL
    error = ""
    if 300 <= status < 400:
        error = f"Redirect to {response.headers.get('Location', '?')} not followed"[:500]
    return Answer(
        outcome,
        status_code=status,
        error=error,
        excerpt=excerpt.decode("utf-8", "replace"),
        address=target.address,
        duration_ms=round((time.monotonic() - started) * 1000),
    )


def _claim(delivery_id: int, now: datetime) -> WebhookDelivery | None:
    """Mark the delivery as being sent (its lease), if it is still due; or None."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .select_related("endpoint")
            .filter(pk=delivery_id, state__in=OPEN_STATES)
            .first()
        )
        if delivery is None or not _is_due(delivery, now):
            return None
        if not delivery.body:
            delivery.body = body_of(delivery)
        delivery.state = DeliveryState.SENDING
        delivery.lease_until = now + lease()
        delivery.attempt_count += 1
        delivery.save(update_fields=["body", "state", "lease_until", "attempt_count"])
    # Should this worker die while sending, a run at the end of the lease sends again.
    schedule_run(delivery.lease_until)
    return delivery


def _is_due(delivery: WebhookDelivery, now: datetime) -> bool:
    if delivery.state == DeliveryState.PENDING:
        return delivery.send_after <= now
    if delivery.state == DeliveryState.RETRYING:
        return delivery.next_attempt_at is not None and delivery.next_attempt_at <= now
    return delivery.lease_until is not None and delivery.lease_until <= now


def attempt(delivery: WebhookDelivery, now: datetime) -> WebhookAttempt:
    """Send a claimed delivery once and record what happened."""
    endpoint = delivery.endpoint
    signed_at = timezone.now()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "webhook-id": delivery.webhook_id,
        "webhook-timestamp": str(int(signed_at.timestamp())),
        "webhook-signature": sign(
            endpoint.signing_secrets(signed_at), delivery.webhook_id, signed_at, delivery.body
        ),
    }
    answer = post(endpoint.url, delivery.body, headers)
    schedule = retry_schedule()
    with transaction.atomic():
        record = WebhookAttempt.objects.create(
            delivery=delivery,
            number=delivery.attempt_count,
            started_at=signed_at,
            duration_ms=answer.duration_ms,
            address=answer.address,
            status_code=answer.status_code,
            outcome=answer.outcome,
            error=answer.error,
            response_excerpt=answer.excerpt,
        )
        delivery.last_status_code = answer.status_code
        delivery.last_error = answer.error
        delivery.lease_until = None
        if answer.outcome == AttemptOutcome.SUCCESS:
            delivery.state = DeliveryState.SUCCEEDED
            delivery.next_attempt_at = None
            delivery.finished_at = now
        elif answer.outcome == AttemptOutcome.RETRY and delivery.attempt_count <= len(schedule):
            delivery.state = DeliveryState.RETRYING
            delivery.next_attempt_at = now + timedelta(seconds=schedule[delivery.attempt_count - 1])
        else:
            delivery.state = DeliveryState.FAILED
            delivery.next_attempt_at = None
            delivery.finished_at = now
        delivery.save()
        _note_health(endpoint, answer.outcome == AttemptOutcome.SUCCESS, now)
    if delivery.next_attempt_at is not None:
        schedule_run(delivery.next_attempt_at)
    logger.info(
        "webhook %s to %s: attempt %d %s %s",
        delivery.webhook_id,
        endpoint.url,
        delivery.attempt_count,
        answer.status_code or "-",
        answer.outcome,
    )
    return record


def _note_health(endpoint: WebhookEndpoint, succeeded: bool, now: datetime) -> None:
    if succeeded:
        if endpoint.failing_since is not None:
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failing_since=None)
            endpoint.failing_since = None
        return
    if endpoint.failing_since is None:
        endpoint.failing_since = now
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failing_since=now)
        return
    days = getattr(settings, "WEBHOOKS_DISABLE_AFTER_DAYS", 3)
    if now - endpoint.failing_since >= timedelta(days=days):
        reason = (
            f"Every delivery failed for {days} days (since "
            f"{endpoint.failing_since:%Y-%m-%d %H:%M} UTC)."
        )
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
            is_active=False, disabled_at=now, disabled_reason=reason
        )
        endpoint.is_active = False
        logger.warning("webhook endpoint %s disabled: %s", endpoint.url, reason)


def deliver_due(now: datetime | None = None) -> datetime | None:
    """Send what is due, per endpoint in order; when something is next due (or None)."""
    next_due = None
    for endpoint in WebhookEndpoint.objects.filter(is_active=True):
        while True:
            current = now or timezone.now()
            head = (
                WebhookDelivery.objects.filter(endpoint=endpoint, state__in=OPEN_STATES)
                .order_by("pk")
                .first()
            )
            if head is None:
                break
            if not _is_due(head, current):
                due_at = _due_at(head)
                next_due = min(next_due or due_at, due_at)
                break
            claimed = _claim(head.pk, current)
            if claimed is None:
                break  # another worker has it
            attempt(claimed, current)
            if claimed.state != DeliveryState.SUCCEEDED and claimed.state != DeliveryState.FAILED:
                due_at = claimed.next_attempt_at
                next_due = min(next_due or due_at, due_at)
                break
            claimed.endpoint.refresh_from_db(fields=["is_active"])
            if not claimed.endpoint.is_active:
                break
    return next_due


def _due_at(delivery: WebhookDelivery) -> datetime:
    if delivery.state == DeliveryState.PENDING:
        return delivery.send_after
    if delivery.state == DeliveryState.RETRYING:
        return delivery.next_attempt_at
    return delivery.lease_until


def schedule_run(when: datetime) -> None:
    """Queue a delivery run for ``when`` after this transaction commits, unless one is
    already queued no later than that (a run queues the next one itself)."""
    from webhooks.tasks import deliver_webhooks, task_backend

    backend = task_backend()
    now = timezone.now()
    if when > now and not backend.supports_defer:
        return  # the immediate backend (tests): callers run deliver_due themselves
    with transaction.atomic():
        mark = _mark()
        if mark.kick_at is not None and now < mark.kick_at <= when:
            return
        mark.kick_at = when
        mark.save(update_fields=["kick_at"])
    task = deliver_webhooks
    if backend.supports_defer and when > now:
        task = task.using(run_after=when)
    transaction.on_commit(task.enqueue, robust=True)
