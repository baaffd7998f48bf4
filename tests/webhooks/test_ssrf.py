"""The SSRF guard refuses what is not public, on the resolved address, before any
connection. No test here sends a packet anywhere: refusals are checked by handing
the guard addresses (or IP literals, which resolve without the network)."""

import pytest

from tests.webhooks.conftest import publish, run_webhooks
from webhooks import ssrf
from webhooks.forms import WebhookEndpointForm
from webhooks.models import AttemptOutcome, DeliveryState, WebhookDelivery, WebhookEndpoint


@pytest.mark.parametrize(
    "address, said",
    [
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("172.16.5.5", "private"),
        ("169.254.169.254", "metadata"),
        ("169.254.10.10", "link-local"),
        ("fe80::1", "link-local"),
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:10.0.0.1", "private"),  # IPv4 inside IPv6
        ("fd00:ec2::254", "metadata"),
        ("100.64.0.1", "not a public address"),
        ("0.0.0.0", "unspecified"),  # noqa: S104 - an address checked, never bound
    ],
)
def test_non_public_addresses_are_refused(address, said, settings):
    settings.WEBHOOKS_ALLOWED_NETWORKS = []
    with pytest.raises(ssrf.Refused, match=said):
        ssrf.check_address(address)


def test_public_addresses_pass_and_the_allow_list_opens_a_network(settings):
    settings.WEBHOOKS_ALLOWED_NETWORKS = []
    ssrf.check_address("93.184.215.14")
    ssrf.check_address("2606:2800:21f:cb07:6820:80da:af6b:8b2c")
    with pytest.raises(ssrf.Refused):
        ssrf.check_address("10.20.0.5")
    settings.WEBHOOKS_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    ssrf.check_address("10.20.0.5")
    with pytest.raises(ssrf.Refused):
        ssrf.check_address("10.21.0.5")


def test_loopback_names_are_refused_without_the_allow_list(settings):
    settings.WEBHOOKS_ALLOWED_NETWORKS = []
    with pytest.raises(ssrf.Refused, match="loopback"):
        ssrf.resolve("http://localhost:8711/hook")  # /etc/hosts: no packet leaves
    with pytest.raises(ssrf.Refused, match="http and https"):
        ssrf.resolve("file:///etc/passwd")
    with pytest.raises(ssrf.Refused, match="credentials"):
        ssrf.resolve("https://user:pw@example.org/")


@pytest.mark.django_db
def test_a_refused_target_is_logged_and_never_connected_to(receiver, tree, settings):
    settings.WEBHOOKS_ALLOWED_NETWORKS = []  # the loopback receiver is not allowed now
    endpoint = WebhookEndpoint.objects.create(url=receiver.url)
    endpoint.secrets.create(secret=receiver.secret)
    publish(tree.tools[1])
    run_webhooks(seconds=2)
    assert receiver.received == []
    logged = WebhookDelivery.objects.get()
    assert logged.state == DeliveryState.FAILED
    attempt = logged.attempts.get()
    assert attempt.outcome == AttemptOutcome.REFUSED
    assert "loopback" in attempt.error and attempt.address == ""


@pytest.mark.django_db
def test_the_admin_form_refuses_a_private_address_and_keeps_the_typing(settings):
    settings.WEBHOOKS_ALLOWED_NETWORKS = []
    form = WebhookEndpointForm(
        data={"url": "http://10.0.0.7/hook", "description": "Intranet", "is_active": "on"}
    )
    assert not form.is_valid()
    assert "private address" in form.errors["url"][0]
    assert form["description"].value() == "Intranet"
