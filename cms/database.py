"""The PostgreSQL cursor of ``cms.settings.base``: parameters bound on the server, and
only statements with parameters prepared.

psycopg prepares a statement after ``prepare_threshold`` runs on a connection. A
statement run without parameters is SQL as written: migrations' DDL, whose text
can hold several commands (``UPDATE ...; SET CONSTRAINTS ALL IMMEDIATE``), which
PostgreSQL refuses to prepare. Those run unprepared, through the simple protocol.

A migration that changes the type of a column a prepared statement returns (run
by another process: a release's ``migrate``) makes PostgreSQL refuse that statement
on every connection that prepared it ("cached plan must not change result type"),
and psycopg keeps it. Outside a transaction the cursor then deallocates the
connection's prepared statements and runs the statement again; inside one, the
transaction's rollback makes psycopg forget them, so the next request is served.
"""

from django.db.backends.postgresql.base import ServerBindingCursor
from psycopg import errors
from psycopg.pq import TransactionStatus

STALE_PLAN = "cached plan must not change result type"


class PreparingCursor(ServerBindingCursor):
    def execute(self, query, params=None, *, prepare=None, binary=None):
        if not params and prepare is None:
            prepare = False
        try:
            return super().execute(query, params, prepare=prepare, binary=binary)
        except errors.FeatureNotSupported as error:
            idle = self.connection.info.transaction_status == TransactionStatus.IDLE
            if STALE_PLAN not in str(error) or not idle:
                raise
            # Also empties psycopg's own list (it watches for DEALLOCATE ALL).
            self.connection.execute("DEALLOCATE ALL")
            return super().execute(query, params, prepare=prepare, binary=binary)
