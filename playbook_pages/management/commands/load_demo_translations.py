"""``manage.py load_demo_translations``: translate the demo into the content locales.

Contract: for each locale of ``WAGTAIL_CONTENT_LANGUAGES`` with a demo catalogue
(French, Arabic), translates what the demo translates there through
wagtail-localize (``playbook_pages.demo.translations``) and publishes it; what is
already translated is kept. Then the store is brought up to date.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from content import changes
from playbook_pages.demo.translations import translate_demo
from playbook_pages.management.commands.load_demo_content import _quiet_loggers


class Command(BaseCommand):
    help = "Translate the demo content into the configured locales (kept if done already)."

    def handle(self, *args, **options):
        # Wagtail logs every page it creates and publishes: the summary says it.
        with _quiet_loggers("wagtail", enabled=options["verbosity"] < 2), changes.paused():
            made = translate_demo(log=lambda message: self.stdout.write(f"==> {message}"))
        if not any(made.values()):
            self.stdout.write("no demo translations to make (locales off, or done already)")
            return
        call_command("update_index", verbosity=0)
        call_command("rebuild_representations", verbosity=0)
        for code, count in sorted(made.items()):
            self.stdout.write(self.style.SUCCESS(f"{code}: {count} object(s) translated"))
