"""Webhook deliveries to a real receiver on loopback that verifies every signature."""

from datetime import timedelta

import pytest
from django.utils import timezone
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from wagtail.models import PageViewRestriction

from content import changes
from tests.webhooks.conftest import publish, run_webhooks
from webhooks import delivery
from webhooks.models import (
    AttemptOutcome,
    DeliveryState,
    WebhookDelivery,
    WebhookEndpoint,
    new_secret,
)

pytestmark = pytest.mark.django_db


def events_of(receiver, page_id=None):
    """Events the receiver accepted (it answered 2xx), in arrival order."""
    found = [event for item in receiver.verified() if item.status < 300 for event in item.events]
    return [event for event in found if page_id is None or event["page"]["id"] == page_id]


def test_a_publish_is_delivered_signed(endpoint, receiver, tree):
    tool = tree.tools[0]
    tool.unpublish()
    changes.flush()
    publish(tool)
    run_webhooks(seconds=2)

    assert len(receiver.received) == 1
    item = receiver.received[0]
    assert item.error == "" and item.payload is not None  # standardwebhooks verified it
    assert item.payload["type"] == "content.changed"
    types = [event["type"] for event in events_of(receiver, tool.pk)]
    assert types == ["page.unpublished", "page.published"]
    page = events_of(receiver, tool.pk)[-1]["page"]
    assert page == {
        "id": tool.pk,
        "type": "tool",
        "path": "/playbook/tools/tool-1/",
        "api_url": f"/api/v1/pages/{tool.pk}/",
    }
    # The challenge it answers shows it: it changed too, and says so.
    assert tree.challenges[0].pk in {event["page"]["id"] for event in events_of(receiver)}
    logged = WebhookDelivery.objects.get(webhook_id=item.webhook_id)
    assert logged.state == DeliveryState.SUCCEEDED
    attempt = logged.attempts.get()
    assert attempt.status_code == 200 and attempt.address == "127.0.0.1"
    assert item.webhook_id in attempt.response_excerpt
    # Another secret does not verify it.
    with pytest.raises(WebhookVerificationError):
        Webhook(new_secret()).verify(item.body, item.headers)


def test_a_lone_publish_goes_at_once_and_a_burst_after_it_is_one_delivery(
    endpoint, receiver, tree, settings
):
    # A long window: a slow test machine takes more than a second for ten publishes.
    settings.WEBHOOKS_COALESCE_SECONDS = 120
    pages = [*tree.tools, tree.case_study, tree.resource, tree.lab, tree.summit, tree.publication]
    pages += [*tree.challenges, tree.alliance]
    first, *burst = pages[:10]
    first.title += " (revised)"
    publish(first)
    run_webhooks()  # the worker dispatches after the publish: due at once
    assert len(receiver.received) == 1
    assert first.pk in {event["page"]["id"] for event in receiver.received[0].events}

    for page in burst:  # nine more inside the window: they wait for it, together
        page.title += " (revised)"
        publish(page)
        run_webhooks()
    assert len(receiver.received) == 1

    run_webhooks(seconds=121)
    assert len(receiver.received) == 2
    announced = {event["page"]["id"] for event in receiver.received[1].events}
    assert {page.pk for page in burst} <= announced
    assert WebhookDelivery.objects.count() == 2

    # Once a window has passed since the last delivery, the next publish goes at once.
    later = timezone.now() + timedelta(seconds=241)
    publish(pages[10])
    delivery.dispatch(later)
    delivery.deliver_due(later)
    assert len(receiver.received) == 3
    assert pages[10].pk in {event["page"]["id"] for event in receiver.received[2].events}


def test_a_503_is_retried_with_the_same_id_and_body(endpoint, receiver, tree):
    receiver.script = [503]
    publish(tree.tools[1])
    run_webhooks(seconds=2)
    first = WebhookDelivery.objects.get()
    assert first.state == DeliveryState.RETRYING
    assert first.next_attempt_at > timezone.now()

    run_webhooks(seconds=3)  # not yet due (the first retry waits 5 s)
    assert len(receiver.received) == 1
    run_webhooks(seconds=10)
    assert [item.status for item in receiver.received] == [503, 200]
    assert receiver.received[0].webhook_id == receiver.received[1].webhook_id
    assert receiver.received[0].body == receiver.received[1].body
    first.refresh_from_db()
    assert first.state == DeliveryState.SUCCEEDED
    assert [a.outcome for a in first.attempts.all()] == [
        AttemptOutcome.RETRY,
        AttemptOutcome.SUCCESS,
    ]


def test_a_404_is_final_and_the_next_delivery_goes_on(endpoint, receiver, tree):
    receiver.script = [404]
    publish(tree.tools[1])
    run_webhooks(seconds=2)
    failed = WebhookDelivery.objects.get()
    assert failed.state == DeliveryState.FAILED and failed.last_status_code == 404
    run_webhooks(seconds=86400 * 2)
    assert len(receiver.received) == 1  # never retried

    publish(tree.tools[2])
    run_webhooks(seconds=2)
    assert [item.status for item in receiver.received] == [404, 200]


def test_an_endpoint_failing_for_three_days_is_disabled_and_the_dashboard_says_so(
    endpoint, receiver, tree, admin_client
):
    receiver.script = [500] * 20
    publish(tree.tools[1])
    run_webhooks(seconds=2)
    endpoint.refresh_from_db()
    assert endpoint.is_active and endpoint.failing_since is not None

    run_webhooks(seconds=3 * 86400 + 60)
    endpoint.refresh_from_db()
    assert not endpoint.is_active
    assert "failed for 3 days" in endpoint.disabled_reason
    sent = len(receiver.received)
    run_webhooks(seconds=4 * 86400)
    assert len(receiver.received) == sent  # disabled: nothing more is sent

    dashboard = admin_client.get("/admin/").content.decode()
    assert "Webhook endpoints disabled" in dashboard
    assert endpoint.url in dashboard or str(endpoint) in dashboard


def test_retries_stop_after_the_schedule(endpoint, receiver, tree, settings):
    settings.WEBHOOKS_RETRY_SCHEDULE = [1, 1]
    receiver.script = [502] * 10
    publish(tree.tools[1])
    for seconds in (2, 4, 6, 8):
        run_webhooks(seconds=seconds)
    logged = WebhookDelivery.objects.get()
    assert logged.state == DeliveryState.FAILED
    assert logged.attempts.count() == 3


def test_replay_sends_the_same_events_under_a_new_id(endpoint, receiver, tree, admin_client):
    publish(tree.tools[1])
    run_webhooks(seconds=2)
    original = WebhookDelivery.objects.get()

    response = admin_client.post(f"/admin/webhooks/deliveries/replay/{original.pk}/")
    assert response.status_code == 302
    run_webhooks()
    assert len(receiver.received) == 2
    first, replayed = receiver.received
    assert replayed.webhook_id != first.webhook_id
    assert replayed.events == first.events
    assert WebhookDelivery.objects.get(webhook_id=replayed.webhook_id).replay_of == original


def test_a_test_event_from_the_admin(endpoint, receiver, admin_client):
    response = admin_client.post(f"/admin/webhooks/endpoints/test/{endpoint.pk}/")
    assert response.status_code == 302
    run_webhooks()
    assert len(receiver.received) == 1
    assert receiver.received[0].payload["type"] == "webhook.test"


def test_order_per_page_survives_an_outage(endpoint, receiver, tree):
    receiver.script = [503, 503, 503]
    tool = tree.tools[1]
    for n in range(3):
        tool.title = f"Tool, version {n}"
        publish(tool)
        run_webhooks(seconds=2 + n * 200)  # later deliveries wait behind the failing one
    for seconds in (400, 800, 1600, 3200):
        run_webhooks(seconds=seconds)
    assert WebhookDelivery.objects.exclude(state=DeliveryState.SUCCEEDED).count() == 0
    cursors = [int(event["cursor"].split(".")[0]) for event in events_of(receiver, tool.pk)]
    assert cursors == sorted(set(cursors)) and len(cursors) == 3
    by_id = {}
    for item in receiver.verified():
        by_id.setdefault(item.webhook_id, set()).update(event["id"] for event in item.events)
    everything = [event_id for ids in by_id.values() for event_id in ids]
    assert len(everything) == len(set(everything))  # each event under one webhook-id


def test_a_worker_killed_mid_delivery_is_retried(endpoint, receiver, tree):
    publish(tree.tools[1])
    delivery.dispatch()
    later = timezone.now() + timedelta(seconds=2)
    claimed = delivery._claim(WebhookDelivery.objects.get().pk, later)
    assert claimed.state == DeliveryState.SENDING
    # ... and the worker dies here: nothing was sent, the lease runs out.
    delivery.deliver_due(later + timedelta(seconds=5))
    assert receiver.received == []
    delivery.deliver_due(later + delivery.lease() + timedelta(seconds=1))
    assert len(receiver.received) == 1
    assert WebhookDelivery.objects.get().state == DeliveryState.SUCCEEDED


def test_no_draft_or_private_content_in_any_payload(endpoint, receiver, tree):
    tool = tree.tools[1]
    tool.title = "Secret draft title"
    tool.save_revision()  # a draft only
    hidden = tree.tools[2]
    hidden.title = "Secret private title"
    hidden.save_revision().publish()
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    changes.flush()
    run_webhooks(seconds=2)

    bodies = b"".join(item.body for item in receiver.received)
    assert b"Secret draft title" not in bodies
    assert b"Secret private title" not in bodies
    assert [e["type"] for e in events_of(receiver, hidden.pk)][-1] == "page.unpublished"
    assert events_of(receiver, tool.pk) == []  # a draft save announces nothing


def test_filters_by_event_and_page_type(endpoint, receiver, tree):
    endpoint.events = ["page.unpublished"]
    endpoint.page_types = ["case_study"]
    endpoint.save()
    publish(tree.tools[1])
    tree.case_study.unpublish()
    changes.flush()
    run_webhooks(seconds=2)
    assert [(e["type"], e["page"]["id"]) for e in events_of(receiver)] == [
        ("page.unpublished", tree.case_study.pk)
    ]


def test_rotation_keeps_the_old_secret_signing_for_a_day(endpoint, receiver, admin_client, tree):
    response = admin_client.post(f"/admin/webhooks/endpoints/rotate/{endpoint.pk}/")
    assert response.status_code == 302
    page = admin_client.get(response.url).content.decode()
    new = endpoint.secrets.filter(expires_at__isnull=True).get()
    assert new.secret in page  # shown once ...
    assert new.secret not in admin_client.get(response.url).content.decode()  # ... only
    publish(tree.tools[1])
    run_webhooks(seconds=2)
    item = receiver.received[0]
    assert item.payload is not None  # the old secret (the receiver's) still verifies
    assert Webhook(new.secret).verify(item.body, item.headers)
    assert len(item.headers["webhook-signature"].split(" ")) == 2
    later = timezone.now() + timedelta(hours=25)
    assert WebhookEndpoint.objects.get(pk=endpoint.pk).signing_secrets(later) == [new.secret]
