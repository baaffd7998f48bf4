"""The admin form of a webhook endpoint.

Contract: events and page types are ticked from the lists the pipeline knows
(``EventType``, ``content.kinds``); none ticked means all. A URL that can never be
sent to (not http/https, credentials in it, an IP address the SSRF guard refuses)
is a form error naming the reason, with the rest of the form kept as typed. Host
names are resolved at delivery time, not here: DNS may change in between.
"""

import ipaddress

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from content import kinds
from webhooks import ssrf
from webhooks.models import EventType, WebhookEndpoint


def page_type_choices():
    return [(kind.name, kind.model._meta.verbose_name.capitalize()) for kind in kinds.PAGE_KINDS]


class WebhookEndpointForm(WagtailAdminModelForm):
    url = forms.URLField(
        label="URL",
        max_length=1000,
        assume_scheme="https",
        help_text=WebhookEndpoint._meta.get_field("url").help_text,
    )
    events = forms.MultipleChoiceField(
        choices=EventType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: every event.",
    )
    page_types = forms.MultipleChoiceField(
        choices=page_type_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: changes to every page type.",
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "description", "events", "page_types", "site", "is_active"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            _, host, _, _ = ssrf.parse(url)
            try:
                ipaddress.ip_address(host)
            except ValueError:
                return url  # a name: checked when each delivery resolves it
            ssrf.check_address(host)
        except ssrf.Refused as refusal:
            raise forms.ValidationError(f"Webhooks cannot be sent there: {refusal}.") from None
        return url

    def save(self, commit=True):
        endpoint = super().save(commit=False)
        if endpoint.is_active and endpoint.disabled_at is not None:
            # Ticked "active" again: start afresh.
            endpoint.disabled_at, endpoint.disabled_reason = None, ""
            endpoint.failing_since = None
        if commit:
            endpoint.save()
        return endpoint
