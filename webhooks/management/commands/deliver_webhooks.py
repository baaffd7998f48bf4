"""Dispatch new changes and send what is due, once (a safety net for cron, and for task
backends that cannot run a task later)."""

from django.core.management.base import BaseCommand

from webhooks import delivery


class Command(BaseCommand):
    help = "Turn new ledger entries into webhook deliveries and send those that are due."

    def handle(self, *args, **options):
        appended = delivery.dispatch()
        next_due = delivery.deliver_due()
        self.stdout.write(
            f"{appended} event(s) dispatched; next delivery due: {next_due or 'nothing waiting'}"
        )
