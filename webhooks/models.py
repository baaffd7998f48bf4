"""Webhook endpoints, their signing secrets, and the log of what was sent to them.

Contract: a ``WebhookEndpoint`` is a URL that wants some event types (all when
none are ticked) for some page types and one site (or every site); page type
filters do not apply to ``snippet.changed``, which is of no one page. Its
``WebhookSecret`` rows sign each delivery (Standard Webhooks); the newest has no
``expires_at``, a rotated one keeps signing until its ``expires_at`` (24 hours).
A ``WebhookDelivery`` is one message (one ``webhook-id``) carrying one or more
events in ledger order; its body is fixed at its first attempt, so every retry
sends the same bytes under the same id. Each try is a ``WebhookAttempt`` (status,
time, the first bytes of the answer, or why nothing was sent). ``DispatchMark``
is the one row saying how far the ledger (``content.Change``) has been turned into
deliveries, and when the next delivery run is already queued.
"""

from __future__ import annotations

import base64
import secrets
import uuid

from django.db import models
from django.utils import timezone
from wagtail.models import Site


class EventType(models.TextChoices):
    PAGE_PUBLISHED = "page.published", "Page published (now served)"
    PAGE_UPDATED = "page.updated", "Page updated (served differently)"
    PAGE_MOVED = "page.moved", "Page moved (its path changed)"
    PAGE_UNPUBLISHED = "page.unpublished", "Page unpublished or made private"
    PAGE_DELETED = "page.deleted", "Page deleted"
    PDF_READY = "pdf.ready", "Playbook PDF ready (a new file is served)"
    SNIPPET_CHANGED = "snippet.changed", "Snippet changed (a theme or an organisation)"


TEST_EVENT_TYPE = "webhook.test"
BATCH_TYPE = "content.changed"


def new_secret() -> str:
    """A Standard Webhooks secret: ``whsec_`` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def new_webhook_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


class WebhookEndpoint(models.Model):
    url = models.URLField(
        "URL",
        max_length=1000,
        help_text="Where events are POSTed (https:// recommended). Addresses on private, "
        "loopback or link-local networks are refused unless WEBHOOKS_ALLOWED_NETWORKS "
        "names them.",
    )
    description = models.CharField(max_length=255, blank=True)
    events = models.JSONField(
        default=list, blank=True, help_text="The events sent; none ticked sends every event."
    )
    page_types = models.JSONField(
        default=list, blank=True, help_text="Only changes to these page types; none: all."
    )
    site = models.ForeignKey(
        Site,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Only changes in this site; empty: every site.",
    )
    is_active = models.BooleanField(
        "active", default=True, help_text="Untick to stop deliveries; tick to resume."
    )
    failing_since = models.DateTimeField(null=True, blank=True, editable=False)
    disabled_at = models.DateTimeField(null=True, blank=True, editable=False)
    disabled_reason = models.CharField(max_length=255, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "webhook endpoint"
        ordering = ["url", "pk"]

    def __str__(self):
        return self.description or self.url

    def wants(self, event_type: str, site_id: int, kind: str | None) -> bool:
        """``kind`` None: an event of no one page (``snippet.changed``), which page
        type filters let through."""
        return (
            (not self.events or event_type in self.events)
            and (not self.page_types or kind is None or kind in self.page_types)
            and (self.site_id is None or self.site_id == site_id)
        )

    def signing_secrets(self, now=None) -> list[str]:
        now = now or timezone.now()
        return [
            secret.secret
            for secret in self.secrets.all()
            if secret.expires_at is None or secret.expires_at > now
        ]


class WebhookSecret(models.Model):
    wagtail_reference_index_ignore = True  # see WebhookDelivery
    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="secrets")
    secret = models.CharField(max_length=100, default=new_secret)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.secret[:10]}… ({self.endpoint})"

    @property
    def hint(self) -> str:
        """What the admin shows after the secret was shown once."""
        return f"{self.secret[:10]}…{self.secret[-4:]}"


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Sending"
    RETRYING = "retrying", "Failed, will retry"
    SUCCEEDED = "succeeded", "Delivered"
    FAILED = "failed", "Failed"


OPEN_STATES = (DeliveryState.PENDING, DeliveryState.SENDING, DeliveryState.RETRYING)


class WebhookDelivery(models.Model):
    # Delivery bookkeeping refers to nothing an editor uses: without this, every
    # save queued a reference-index task (three per delivery).
    wagtail_reference_index_ignore = True

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    webhook_id = models.CharField("webhook-id", max_length=64, unique=True, default=new_webhook_id)
    event_type = models.CharField(max_length=40, default=BATCH_TYPE)
    events = models.JSONField(default=list, blank=True)
    body = models.TextField(blank=True, help_text="The JSON sent, fixed at the first attempt.")
    state = models.CharField(
        max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    send_after = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    attempt_count = models.PositiveIntegerField(default=0)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    replay_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replays"
    )

    class Meta:
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"
        ordering = ["-pk"]
        indexes = [models.Index(fields=["endpoint", "state", "id"], name="delivery_by_state")]

    def __str__(self):
        return f"{self.webhook_id} to {self.endpoint}"

    @property
    def summary(self) -> str:
        if self.event_type != BATCH_TYPE:
            return self.event_type
        types = sorted({event["type"] for event in self.events})
        count = len(self.events)
        return f"{count} event{'s' if count != 1 else ''}: {', '.join(types)}"

    @property
    def is_failure(self) -> bool:
        return self.state in (DeliveryState.RETRYING, DeliveryState.FAILED)


class AttemptOutcome(models.TextChoices):
    SUCCESS = "success", "Delivered"
    RETRY = "retry", "Failed, retried later"
    FINAL = "final", "Failed, not retried"
    REFUSED = "refused", "Refused (address not allowed)"


class WebhookAttempt(models.Model):
    wagtail_reference_index_ignore = True  # see WebhookDelivery
    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    address = models.CharField(max_length=60, blank=True, help_text="The IP address connected to.")
    status_code = models.PositiveIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=AttemptOutcome.choices)
    error = models.CharField(max_length=500, blank=True)
    response_excerpt = models.TextField(blank=True)

    class Meta:
        ordering = ["delivery", "number"]

    def __str__(self):
        return f"attempt {self.number} of {self.delivery_id}: {self.outcome}"


class DispatchMark(models.Model):
    """One row: the last ledger id turned into deliveries; the next queued run."""

    last_change_id = models.BigIntegerField(default=0)
    kick_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"dispatched through change {self.last_change_id}"
