"""On PostgreSQL the API's statements are prepared once per connection, search's never.

``cms.settings.base`` binds parameters on the server and lets psycopg prepare a
statement after its fifth run; PostgreSQL's generic plan for Wagtail's full-text
query is slow, so search runs it unprepared (``api.rows.unprepared``).
"""

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]


def runs_to_prepare() -> int:
    """Enough runs of a statement for psycopg to have prepared it."""
    return settings.DATABASES["default"]["OPTIONS"]["prepare_threshold"] + 2


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


@override_settings(API_RESPONSE_CACHE=False)
def test_a_detail_read_often_runs_prepared_statements(api, playbook_tree):
    first = api.json("/api/v1/playbooks/playbook/")
    for _ in range(runs_to_prepare()):
        again = api.json("/api/v1/playbooks/playbook/")
    assert again == first
    statements = prepared_statements()
    assert any('"playbook_pages_playbookpage"' in statement for statement in statements)
    assert any("UNION ALL" in statement for statement in statements)  # the detail's relations


@override_settings(API_RESPONSE_CACHE=False)
def test_search_is_never_prepared_and_other_statements_stay_prepared(api, playbook_tree):
    for _ in range(runs_to_prepare()):
        api.json("/api/v1/tools/tool-1/")
        results = api.json("/api/v1/search/?q=tool")["results"]
    assert results
    statements = prepared_statements()
    assert not [statement for statement in statements if "to_tsquery" in statement]
    assert any('"playbook_pages_toolpage"' in statement for statement in statements)
    with connection.cursor() as cursor:  # preparing is back on after the search
        configured = settings.DATABASES["default"]["OPTIONS"]["prepare_threshold"]
        assert connection.connection.prepare_threshold == configured
        cursor.execute("SELECT 1")
