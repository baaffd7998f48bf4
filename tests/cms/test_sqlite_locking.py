"""On SQLite, an editor's publish survives the task worker writing at the same time.

Two connections to one file, with the settings' own SQLite options
(``cms.settings.base.SQLITE_OPTIONS``), stand for the web process and the worker:
the editor's transaction reads, the worker writes and commits, then the editor
writes. SQLite lets the worker wait for a lock (``timeout``) but cannot let a
transaction that read first upgrade to write after another process wrote: without
``transaction_mode = IMMEDIATE`` that save fails at once with "database is locked"
(seen in ``benchmarks/publish_latency.py``: ``save_revision`` beside ``db_worker``).
"""

import threading
import time

from django.db.utils import ConnectionHandler

from cms.settings.base import SQLITE_OPTIONS


def test_a_transaction_that_reads_then_writes_survives_a_concurrent_writer(
    tmp_path, django_db_blocker
):
    # Connections of its own to a file of its own, not the test database.
    with django_db_blocker.unblock():
        read_then_write_beside_a_writer(tmp_path)


def read_then_write_beside_a_writer(tmp_path):
    database = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "shared.sqlite3"),
        "OPTIONS": dict(SQLITE_OPTIONS),
    }
    connections = ConnectionHandler({"default": database, "worker": database})
    web = connections["default"]
    with web.cursor() as cursor:
        cursor.execute("CREATE TABLE note (text TEXT)")
    errors = []

    def worker_writes():
        worker = connections["worker"]  # its own connection, made in its own thread
        try:
            with worker.cursor() as cursor:
                cursor.execute("INSERT INTO note VALUES ('from the worker')")
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            worker.close()

    # What transaction.atomic() does on SQLite: BEGIN, in the configured mode.
    web.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    try:
        with web.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM note")  # the publish reads the page
            worker = threading.Thread(target=worker_writes)
            worker.start()
            time.sleep(0.3)  # the worker's write happens (or waits) now
            cursor.execute("INSERT INTO note VALUES ('from the editor')")
        web.commit()
    finally:
        web.set_autocommit(True)
    worker.join(timeout=30)

    assert not errors
    with web.cursor() as cursor:
        cursor.execute("SELECT text FROM note ORDER BY text")
        assert [row[0] for row in cursor.fetchall()] == ["from the editor", "from the worker"]
    web.close()
