"""A translation's PDF addresses name its locale (translations share the slug): the
export status, the download, and a personal PDF's status and file."""

import pytest

from exports.models import PersonalExport
from tests.api.conftest import api  # noqa: F401 - fixtures
from tests.api.test_locales import french  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_translation_pdf_addresses_name_its_locale(api, client, french):  # noqa: F811
    from urllib.parse import urlsplit

    status = api.json("/api/v1/playbooks/playbook/pdf/status/?locale=fr")
    for paper in status["exports"].values():
        assert "locale=fr" in paper["url"], paper["url"]
    english = api.json("/api/v1/playbooks/playbook/pdf/status/")
    assert all("locale=" not in paper["url"] for paper in english["exports"].values())
    # A personal PDF of the French playbook: its status and download addresses lead
    # back to the French one (the slug alone names the English).
    response = client.get("/api/v1/playbooks/playbook/pdf/?challenges=challenge-1&locale=fr")
    assert response.status_code in (200, 202)
    personal = next(
        iter(PersonalExport.objects.filter(playbook=french.fr["playbook"]).order_by("-pk")), None
    )
    assert personal is not None
    from exports.views import personal_status

    answer = personal_status(None, personal, french.fr["playbook"])
    assert "locale=fr" in answer["url"] and "locale=fr" in answer["status_url"]
    split = urlsplit(answer["status_url"])
    followed = client.get(f"{split.path}?{split.query}")
    assert followed.status_code == 200, followed.content[:300]
    assert followed.json()["key"] == personal.key
