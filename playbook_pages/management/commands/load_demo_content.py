"""``manage.py load_demo_content``: build the demo knowledge hub once.

Contract: on a database without a home page it creates the dynamic learning
playbook (challenges, tools with templates, case studies, resources) and the
Practical Impact Alliance (labs, publications, summits), all published, in one
transaction; then it rebuilds the search and reference indexes and stores what
readers see (``rebuild_representations``). It empties the cache first: whatever it
holds came from an earlier database (a deleted ``db.sqlite3``), and Wagtail would
hand out that database's renditions, whose files are gone. When a home page
already exists it changes nothing, so editors' work is never overwritten.
"""

import io
import logging
import time
from contextlib import contextmanager

from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from content import changes
from playbook_pages.demo.builder import DemoBuilder, existing_home


class Command(BaseCommand):
    help = (
        "Load the demo content (a learning playbook and an alliance) once. Does nothing "
        "if a home page already exists, so editors' changes are kept."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        home = existing_home()
        if home is not None:
            self.stdout.write(
                f"demo content already loaded; editors' changes kept "
                f"(home page {home.title!r} exists, nothing created)"
            )
            return

        started = time.monotonic()
        log = self._log if verbosity else _silent
        # A database without a home page is a new one: nothing cached is about it.
        cache.clear()
        builder = DemoBuilder(log=log)
        try:
            # Wagtail logs every page created and published, and the PDF exports log
            # every publish they hear about; the summary below says it in a few lines.
            # The store is written once at the end, not after every page.
            with (
                _quiet_loggers("wagtail", "exports", enabled=verbosity < 2),
                changes.paused(),
                transaction.atomic(),
            ):
                home = builder.build()
        except BaseException:
            # The rows are rolled back; remove the files they pointed at as well.
            for stored in builder.saved_files:
                stored.storage.delete(stored.name)
            raise

        log("Rebuilding the search index and the references index")
        index_output = self.stdout if verbosity > 1 else io.StringIO()
        call_command("update_index", stdout=index_output, verbosity=verbosity)
        call_command("rebuild_references_index", stdout=index_output, verbosity=verbosity)
        log("Storing what readers see")
        call_command("rebuild_representations", stdout=index_output, verbosity=verbosity)

        if verbosity:
            self.stdout.write("Created:")
            for kind, count in sorted(builder.created.items()):
                self.stdout.write(f"  {count:4d} {kind}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content loaded under {home.title!r} in {time.monotonic() - started:.1f} s"
            )
        )

    def _log(self, message):
        self.stdout.write(f"==> {message}")


def _silent(message):
    pass


@contextmanager
def _quiet_loggers(*names, enabled):
    """Raise the given loggers to WARNING for the duration: errors still show."""
    loggers = [logging.getLogger(name) for name in names]
    previous = [logger.level for logger in loggers]
    if enabled:
        for logger in loggers:
            logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, previous, strict=True):
            logger.setLevel(level)
