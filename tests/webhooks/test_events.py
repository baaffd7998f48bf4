"""``pdf.ready`` and ``snippet.changed``: delivered to a real receiver on loopback that
verifies every signature, through the same deliveries as the page events."""

from urllib.parse import urlsplit

import pytest
from django.core.files.storage import default_storage
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from wagtail.models import Page, PageViewRestriction, Site

from content import changes
from exports.errors import ExportError
from exports.services import export_playbook
from tests import factories
from tests.webhooks.conftest import publish, run_webhooks
from webhooks.forms import WebhookEndpointForm
from webhooks.models import DeliveryState, WebhookDelivery, WebhookEndpoint, new_secret

pytestmark = pytest.mark.django_db


def received_events(receiver, event_type=None):
    """Events the receiver verified and accepted, in arrival order."""
    found = [event for item in receiver.verified() if item.status < 300 for event in item.events]
    return [event for event in found if event_type is None or event["type"] == event_type]


@pytest.fixture
def pdf_endpoint(endpoint):
    endpoint.events = ["pdf.ready"]
    endpoint.save()
    return endpoint


def test_a_new_pdf_is_announced_signed_with_its_public_url(
    pdf_endpoint, receiver, tree, settings, client
):
    settings.PUBLIC_BASE_URL = "https://cms.example.org"
    export = export_playbook(tree.playbook, "a4")
    run_webhooks(seconds=2)

    assert len(receiver.received) == 1
    item = receiver.received[0]
    assert item.error == ""  # standardwebhooks verified the signature
    with pytest.raises(WebhookVerificationError):
        Webhook(new_secret()).verify(item.body, item.headers)
    [event] = item.events  # the endpoint wants pdf.ready only: no page events with it
    site = Site.objects.get(is_default_site=True)
    assert event["type"] == "pdf.ready"
    assert event["site"] == {"id": site.pk, "hostname": site.hostname}
    assert event["page"] == {
        "id": tree.playbook.pk,
        "type": "playbook",
        "path": "/playbook/",
        "api_url": f"/api/v1/pages/{tree.playbook.pk}/",
    }
    assert (event["paper"], event["edition"]) == ("a4", "screen")
    assert event["pdf"]["pages"] == export.page_count and event["pdf"]["size"] > 0
    url = event["pdf"]["url"]
    assert url == "https://cms.example.org/api/v1/playbooks/playbook/pdf/?paper=a4"
    # The URL serves the file just made.
    download = client.get(urlsplit(url).path + "?" + urlsplit(url).query)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert WebhookDelivery.objects.get(webhook_id=item.webhook_id).state == DeliveryState.SUCCEEDED


def test_a_current_or_failed_export_announces_nothing(pdf_endpoint, receiver, tree):
    export_playbook(tree.playbook, "a4", edition="print")
    export_playbook(tree.playbook, "a4", edition="print")  # already current: no new file
    run_webhooks(seconds=2)
    [event] = received_events(receiver)
    assert event["edition"] == "print"

    # A template file gone missing fails the next export: the previous PDF stays served
    # and nothing is announced.
    document = factories.DocumentFactory(title="Lost template")
    tree.tools[0].templates.create(document=document)
    publish(tree.tools[0])
    default_storage.delete(document.file.name)
    with pytest.raises(ExportError, match="Lost template"):
        export_playbook(tree.playbook, "a4", edition="print")
    run_webhooks(seconds=2)
    assert len(received_events(receiver)) == 1


def test_pdf_ready_follows_the_site_filter_and_the_event_choice(pdf_endpoint, receiver, tree):
    other_home = factories.HomePageFactory(parent=Page.get_first_root_node(), slug="other")
    other = Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    changes.flush()
    run_webhooks(seconds=2)  # the new site's home page, announced to the first endpoint
    receiver.received.clear()
    elsewhere = WebhookEndpoint.objects.create(url=receiver.url, site=other)
    elsewhere.secrets.create(secret=receiver.secret)
    pages_only = WebhookEndpoint.objects.create(url=receiver.url, events=["page.published"])
    pages_only.secrets.create(secret=receiver.secret)

    export_playbook(tree.playbook, "a4")
    run_webhooks(seconds=2)
    assert [e["type"] for e in received_events(receiver)] == ["pdf.ready"]
    assert set(WebhookDelivery.objects.values_list("endpoint", flat=True)) == {pdf_endpoint.pk}


@pytest.fixture
def theme(tree):
    theme = factories.ThemeFactory(name="Circular supply chains")
    tree.summit.themes.set([theme])
    publish(tree.summit)
    tree.publication.themes.set([theme])
    publish(tree.publication)
    run_webhooks(seconds=2)  # what the set-up published is dispatched before the test
    return theme


@pytest.fixture
def snippet_endpoint(endpoint, theme, receiver):
    receiver.received.clear()
    WebhookDelivery.objects.all().delete()
    return endpoint


def test_a_snippet_saved_is_announced_with_the_pages_it_changed(
    snippet_endpoint, receiver, tree, theme
):
    theme.name = "Circular supply chains, revised"
    theme.save()
    changes.flush()
    run_webhooks(seconds=2)

    assert len(receiver.received) == 1 and receiver.received[0].error == ""
    events = received_events(receiver)
    [snippet] = [event for event in events if event["type"] == "snippet.changed"]
    assert snippet["snippet"] == {
        "model": "playbook_pages.theme",
        "id": theme.pk,
        "action": "saved",
    }
    assert {tree.summit.pk, tree.publication.pk} <= set(snippet["page_ids"])
    assert snippet["site"]["id"] == Site.objects.get(is_default_site=True).pk
    # The pages it changed are announced too, before the event that names them.
    updated = [event["page"]["id"] for event in events if event["type"] == "page.updated"]
    assert set(snippet["page_ids"]) == set(updated)
    assert events[-1] is snippet


def test_a_snippet_deleted_is_announced(snippet_endpoint, receiver, tree, theme):
    snippet_endpoint.events = ["snippet.changed"]
    snippet_endpoint.save()
    theme_id = theme.pk
    theme.delete()
    changes.flush()
    run_webhooks(seconds=2)
    [event] = received_events(receiver)
    assert event["snippet"] == {
        "model": "playbook_pages.theme",
        "id": theme_id,
        "action": "deleted",
    }
    assert {tree.summit.pk, tree.publication.pk} <= set(event["page_ids"])


def test_an_unused_organisation_is_announced_with_no_pages(snippet_endpoint, receiver):
    organisation = factories.OrganisationFactory(name="Harbour cooperative")
    changes.flush()
    run_webhooks(seconds=2)
    [event] = received_events(receiver, "snippet.changed")
    assert event["snippet"]["model"] == "playbook_pages.organisation"
    assert event["snippet"]["id"] == organisation.pk and event["page_ids"] == []


def test_a_private_or_draft_page_never_shows_in_a_snippet_event(
    snippet_endpoint, receiver, tree, theme
):
    PageViewRestriction.objects.create(
        page=tree.publication, restriction_type=PageViewRestriction.LOGIN
    )
    tree.summit.title = "Summit draft title nobody published"
    tree.summit.save_revision()
    changes.flush()
    run_webhooks(seconds=2)
    receiver.received.clear()

    theme.name = "Circular supply chains, again"
    theme.save()
    changes.flush()
    run_webhooks(seconds=2)
    [event] = received_events(receiver, "snippet.changed")
    assert tree.summit.pk in event["page_ids"]
    assert tree.publication.pk not in event["page_ids"]
    body = b"".join(item.body for item in receiver.received)
    assert b"draft title" not in body and tree.publication.title.encode() not in body


def test_the_admin_form_offers_both_events(admin_client, loopback_allowed):
    form = WebhookEndpointForm(
        data={
            "url": "https://hooks.example.org/playbook",
            "events": ["pdf.ready", "snippet.changed"],
            "is_active": "on",
        }
    )
    assert form.is_valid(), form.errors
    assert form.save().events == ["pdf.ready", "snippet.changed"]
    page = admin_client.get("/admin/webhooks/endpoints/new/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="pdf.ready"' in html and 'value="snippet.changed"' in html
