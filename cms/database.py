"""The PostgreSQL cursor of ``cms.settings.base``: parameters bound on the server, and
only statements with parameters prepared.

psycopg prepares a statement after ``prepare_threshold`` runs on a connection. A
statement run without parameters is SQL as written: migrations' DDL, whose text
can hold several commands (``UPDATE ...; SET CONSTRAINTS ALL IMMEDIATE``), which
PostgreSQL refuses to prepare. Those run unprepared, through the simple protocol.
"""

from django.db.backends.postgresql.base import ServerBindingCursor


class PreparingCursor(ServerBindingCursor):
    def execute(self, query, params=None, *, prepare=None, binary=None):
        if not params and prepare is None:
            prepare = False
        return super().execute(query, params, prepare=prepare, binary=binary)
