"""A prepared statement survives a migration that changes a column it returns.

Run on PostgreSQL only (``cms.database.PreparingCursor``): another connection
changes the column's type, as a release's ``migrate`` does while the old web
processes keep serving; the next run of the statement answers, instead of failing
with "cached plan must not change result type" until the connection is recycled.
"""

import psycopg
import pytest
from django.conf import settings
from django.db import NotSupportedError, connection, transaction

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]
SELECT = "SELECT id, name FROM prepared_probe WHERE id = %s"


@pytest.fixture
def probe_table():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE prepared_probe (id integer, name varchar(10))")
        cursor.execute("INSERT INTO prepared_probe VALUES (%s, %s)", [1, "before"])
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE prepared_probe")


def prepare_it():
    threshold = settings.DATABASES["default"]["OPTIONS"]["prepare_threshold"]
    for _ in range(threshold + 1):
        with connection.cursor() as cursor:
            cursor.execute(SELECT, [1])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["SELECT id, name FROM prepared_probe%"],
        )
        assert cursor.fetchone() == (1,)


def migrate_elsewhere():
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("ALTER TABLE prepared_probe ALTER COLUMN name TYPE text")
        other.execute("UPDATE prepared_probe SET name = 'after'")


def test_a_read_after_the_column_changed_type_answers(probe_table):
    prepare_it()
    migrate_elsewhere()
    with connection.cursor() as cursor:
        cursor.execute(SELECT, [1])
        assert cursor.fetchall() == [(1, "after")]


def test_in_a_transaction_the_read_fails_once_then_answers(probe_table):
    prepare_it()
    migrate_elsewhere()
    failing = pytest.raises(NotSupportedError, match="cached plan must not change result type")
    with failing, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(SELECT, [1])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(SELECT, [1])
        assert cursor.fetchall() == [(1, "after")]
