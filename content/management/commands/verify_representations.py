"""``manage.py verify_representations``: build everything in memory, diff with the store.

Exits non-zero (and lists the differences) when the store holds anything a fresh
build would not, lacks anything it would, or holds a different body.
"""

from django.core.management.base import BaseCommand, CommandError

from content import store
from content.rules import ReaderScope


class Command(BaseCommand):
    help = "Compare the stored representations with a fresh build; non-zero exit on a difference."

    def handle(self, *args, **options):
        found = []
        for scope in ReaderScope.all_sites():
            found += store.differences(scope)
        for line in found:
            self.stderr.write(line)
        if found:
            raise CommandError(f"{len(found)} stored representation(s) differ from a fresh build.")
        self.stdout.write("The store matches a fresh build.")
