"""``manage.py content_snapshot``: print a JSON fingerprint of all content.

Run it before a backup and after a restore, then compare the two files: equal output
means the restore gave back every page, file and API answer.
"""

import json

from django.core.management.base import BaseCommand

from ops.snapshot import content_snapshot


class Command(BaseCommand):
    help = "Print a JSON fingerprint of all content (pages, files, media, API output)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-api", action="store_true", help="Leave out the content API's answers."
        )

    def handle(self, *args, no_api=False, **options):
        snapshot = content_snapshot(include_api=not no_api)
        self.stdout.write(json.dumps(snapshot, indent=1, sort_keys=True))
