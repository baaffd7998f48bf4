"""``manage.py rebuild_representations``: store every visible page of every site afresh,
in each content locale; rows of a locale a site no longer has (a language switched
off) are withdrawn, with their tombstones in the change feed."""

import time

from django.core.management.base import BaseCommand

from content import store
from content.models import Representation
from content.rules import ReaderScope


class Command(BaseCommand):
    help = "Build and store the representations of every visible page of every site."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only when nothing is stored yet (first start of a deployment).",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Representation.objects.exists():
            self.stdout.write("Representations are stored already; nothing to do.")
            return
        locales_of = {}
        for scope in ReaderScope.all_sites():
            started = time.perf_counter()
            count = store.rebuild_site(scope)
            locales_of.setdefault(scope.site.id, []).append(scope.locale)
            self.stdout.write(
                f"Site {scope.site.hostname} (id {scope.site.id}, {scope.locale}): {count} "
                f"pages stored in {time.perf_counter() - started:.1f} s."
            )
        for site_id, locales in locales_of.items():
            store.remove_other_locales(site_id, locales)
