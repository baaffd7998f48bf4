"""``manage.py set_demo_site_address URL``: the default Site answers at the served address.

Contract: points the default Wagtail Site's host name and port at ``URL`` (e.g.
``http://localhost:8130``), so that the links Wagtail builds from it (the admin's
"View live", the PDF's base URL) use the address `make run` serves on. Only for the
local demo: it refuses to run with DEBUG off unless given ``--force``.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site


class Command(BaseCommand):
    help = "Point the default Site at the address the demo serves on (host and port)."

    def add_arguments(self, parser):
        parser.add_argument("url", help="The served address, e.g. http://localhost:8130")
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (staging databases)."
        )

    def handle(self, *args, url, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "set_demo_site_address is for the local demo (DEBUG on). "
                "Edit the site in Settings > Sites elsewhere, or pass --force."
            )
        address = urlsplit(url)
        if address.scheme not in ("http", "https") or not address.hostname:
            raise CommandError(f"{url!r} is not an address like http://localhost:8130")
        port = address.port or (443 if address.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site yet; run load_demo_content first.")
        if (site.hostname, site.port) != (address.hostname, port):
            site.hostname, site.port = address.hostname, port
            site.save()
        name = site.site_name or site.hostname
        self.stdout.write(f"==> Site {name!r} answers at {site.root_url}")
