"""Admin views of webhooks (Settings → Webhooks): endpoints, secrets, the delivery log.

Contract: creating an endpoint or rotating its secret shows the new secret once, on
the next page (it is kept for signing, never shown again: the admin sees its first
and last characters); a rotated secret keeps signing for ``ROTATION_OVERLAP``. The
endpoint's page sends a test event. The delivery log lists deliveries newest
first, filtered by endpoint and by outcome (failures: retrying or failed); a
delivery's page shows every attempt (status, time, address, the first bytes of the
answer or why nothing was sent) and replays it. Nothing here sends over the network
in the request: sending is the task queue's.
"""

from __future__ import annotations

from datetime import timedelta

import django_filters
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from webhooks import delivery as sending
from webhooks.forms import WebhookEndpointForm
from webhooks.models import (
    DeliveryState,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookSecret,
)

ROTATION_OVERLAP = timedelta(hours=24)
SESSION_KEY = "webhooks-new-secret"


def _show_once(request, endpoint, secret):
    request.session[SESSION_KEY] = {"endpoint": endpoint.pk, "secret": secret.secret}


def _take_shown_once(request, endpoint):
    found = request.session.get(SESSION_KEY)
    if found and found.get("endpoint") == endpoint.pk:
        del request.session[SESSION_KEY]
        return found["secret"]
    return None


class EndpointCreateView(generic.CreateView):
    def save_instance(self):
        endpoint = super().save_instance()
        _show_once(self.request, endpoint, WebhookSecret.objects.create(endpoint=endpoint))
        return endpoint

    def get_success_url(self):
        return reverse("webhook_endpoints:edit", args=[self.object.pk])

    def get_success_message(self, instance):
        return "Webhook endpoint added. Copy its signing secret now: it is shown only once."


class EndpointEditView(generic.EditView):
    template_name = "webhooks/endpoint_edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        endpoint = self.object
        now = timezone.now()
        context.update(
            new_secret=_take_shown_once(self.request, endpoint),
            secrets=[
                secret
                for secret in endpoint.secrets.all()
                if secret.expires_at is None or secret.expires_at > now
            ],
            rotate_url=reverse("webhook_endpoints:rotate", args=[endpoint.pk]),
            test_url=reverse("webhook_endpoints:send_test", args=[endpoint.pk]),
            log_url=reverse("webhook_deliveries:index") + f"?endpoint={endpoint.pk}",
        )
        return context


@require_POST
def rotate_secret(request, pk):
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    with transaction.atomic():
        WebhookSecret.objects.filter(endpoint=endpoint, expires_at__isnull=True).update(
            expires_at=timezone.now() + ROTATION_OVERLAP
        )
        secret = WebhookSecret.objects.create(endpoint=endpoint)
    _show_once(request, endpoint, secret)
    messages.success(
        request,
        "New signing secret made: copy it now. The old one keeps signing for 24 hours.",
    )
    return redirect("webhook_endpoints:edit", endpoint.pk)


@require_POST
def send_test(request, pk):
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    with transaction.atomic():
        sending.send_test_event(endpoint)
    messages.success(request, "Test event queued: its delivery is at the top of the log.")
    return redirect(reverse("webhook_deliveries:index") + f"?endpoint={endpoint.pk}")


@require_POST
def replay_delivery(request, pk):
    original = get_object_or_404(WebhookDelivery, pk=pk)
    with transaction.atomic():
        copy = sending.replay(original)
    messages.success(request, f"Replay queued as {copy.webhook_id}.")
    return redirect("webhook_deliveries:inspect", copy.pk)


class EndpointStatusColumn(StatusTagColumn):
    def get_value(self, instance):
        if not instance.is_active:
            return "Disabled" if instance.disabled_at else "Paused"
        return "Failing" if instance.failing_since else "Active"


class EndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link"
    menu_label = "Webhooks"
    menu_name = "webhooks"
    add_to_settings_menu = True
    name = "webhook_endpoints"
    url_prefix = "webhooks/endpoints"
    add_view_class = EndpointCreateView
    edit_view_class = EndpointEditView
    copy_view_enabled = False
    list_display = [
        TitleColumn("url", label="URL", url_name="webhook_endpoints:edit"),
        "description",
        EndpointStatusColumn("is_active", label="Status", primary=lambda e: e.is_active),
        Column("site", label="Site"),
    ]
    search_fields = ["url", "description"]

    def get_form_class(self, for_update=False):
        return WebhookEndpointForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("rotate/<int:pk>/", rotate_secret, name="rotate"),
            path("test/<int:pk>/", send_test, name="send_test"),
        ]


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The log is written by deliveries alone: admins may look, never add or edit."""

    def user_has_permission(self, user, action):
        return action in ("view",) and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class DeliveryFilterSet(WagtailFilterSet):
    outcome = django_filters.ChoiceFilter(
        label="Outcome",
        choices=[("failures", "Failures (retrying or failed)"), *DeliveryState.choices],
        method="filter_outcome",
        empty_label="Any",
    )

    class Meta:
        model = WebhookDelivery
        fields = ["endpoint"]

    def filter_outcome(self, queryset, name, value):
        if value == "failures":
            return queryset.filter(state__in=[DeliveryState.RETRYING, DeliveryState.FAILED])
        return queryset.filter(state=value)


class DeliveryStateColumn(StatusTagColumn):
    def get_value(self, instance):
        return instance.get_state_display()


class DeliveryInspectView(generic.InspectView):
    template_name = "webhooks/delivery_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attempts"] = self.object.attempts.all()
        context["replay_url"] = reverse("webhook_deliveries:replay", args=[self.object.pk])
        context["log_url"] = (
            reverse("webhook_deliveries:index") + f"?endpoint={self.object.endpoint_id}"
        )
        return context

    def get_fields(self):
        return []


class DeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "list-ul"
    menu_label = "Webhook deliveries"
    add_to_settings_menu = True
    name = "webhook_deliveries"
    url_prefix = "webhooks/deliveries"
    inspect_view_enabled = True
    inspect_view_class = DeliveryInspectView
    copy_view_enabled = False
    filterset_class = DeliveryFilterSet
    form_fields = ["endpoint"]  # never shown: the policy allows no add or edit
    list_per_page = 50
    list_display = [
        TitleColumn("webhook_id", label="webhook-id", url_name="webhook_deliveries:inspect"),
        Column("endpoint", label="Endpoint"),
        Column("summary", label="Events"),
        DeliveryStateColumn(
            "state", label="State", primary=lambda d: d.state == DeliveryState.SUCCEEDED
        ),
        Column("attempt_count", label="Attempts"),
        Column("last_status_code", label="Last status"),
        Column("created_at", label="Created"),
    ]

    def get_queryset(self, request):
        return WebhookDelivery.objects.select_related("endpoint")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("replay/<int:pk>/", replay_delivery, name="replay"),
        ]
