"""Admin wiring for webhooks: Settings → Webhooks and Webhook deliveries, and a
dashboard warning listing endpoints that were disabled after failing for days."""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.views import DeliveryViewSet, EndpointViewSet, ReadOnlyPolicy

register_permission_policy(WebhookDelivery, ReadOnlyPolicy(WebhookDelivery))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [EndpointViewSet(), DeliveryViewSet()]


class DisabledEndpointsPanel(Component):
    name = "webhooks_disabled"
    order = 90

    def __init__(self, endpoints):
        self.endpoints = endpoints

    def render_html(self, parent_context=None):
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a>: {}</li>',
            (
                (reverse("webhook_endpoints:edit", args=[e.pk]), str(e), e.disabled_reason)
                for e in self.endpoints
            ),
        )
        return format_html(
            '<section class="panel w-mb-8" aria-labelledby="webhooks-disabled-heading">'
            '<div class="help-block help-critical"><h2 class="w-h3" '
            'id="webhooks-disabled-heading">Webhook endpoints disabled</h2>'
            "<p>They stopped receiving changes. Fix the receiver, then tick "
            "<em>Active</em> on the endpoint.</p><ul>{}</ul></div></section>",
            items,
        )


@hooks.register("construct_homepage_panels")
def add_disabled_endpoints_panel(request, panels):
    if not request.user.has_perm("webhooks.change_webhookendpoint"):
        return
    disabled = list(WebhookEndpoint.objects.filter(disabled_at__isnull=False, is_active=False))
    if disabled:
        panels.append(DisabledEndpointsPanel(disabled))
