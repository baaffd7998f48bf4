"""Delete change-feed entries older than CHANGE_FEED_RETENTION_DAYS (run daily)."""

from django.core.management.base import BaseCommand

from content import ledger


class Command(BaseCommand):
    help = "Delete change-feed entries past the retention; older cursors are then refused."

    def handle(self, *args, **options):
        self.stdout.write(f"{ledger.prune()} change-feed entries deleted")
