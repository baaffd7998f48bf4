"""Webhook test fixtures: a verifying receiver on loopback and an endpoint pointing at it.

Deliveries run in the test's own thread: ``publish`` stores the change (as the content
worker would), ``run_webhooks`` dispatches the ledger and sends what is due at a
given moment (as the webhooks worker would when that moment comes).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from content import changes
from tests.webhooks.receiver import Receiver
from webhooks import delivery
from webhooks.models import WebhookEndpoint, WebhookSecret


@pytest.fixture
def loopback_allowed(settings):
    settings.WEBHOOKS_ALLOWED_NETWORKS = ["127.0.0.1/32"]


@pytest.fixture
def tree(playbook_tree):
    changes.flush()  # the tree as built is stored before any endpoint exists
    delivery.dispatch()
    return playbook_tree


@pytest.fixture
def secret():
    from webhooks.models import new_secret

    return new_secret()


@pytest.fixture
def receiver(secret):
    receiver = Receiver(secret).start()
    yield receiver
    receiver.stop()


@pytest.fixture
def endpoint(receiver, loopback_allowed, tree):
    endpoint = WebhookEndpoint.objects.create(url=receiver.url, description="Test frontend")
    WebhookSecret.objects.create(endpoint=endpoint, secret=receiver.secret)
    return endpoint


def publish(page):
    page.save_revision().publish()
    changes.flush()


def run_webhooks(seconds=0):
    """Dispatch, then send what is due ``seconds`` from now; when something is next due."""
    delivery.dispatch()
    return delivery.deliver_due(timezone.now() + timedelta(seconds=seconds))
