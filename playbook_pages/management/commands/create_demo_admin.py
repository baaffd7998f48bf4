"""Create the demo's admin and editor accounts once, and print how to log in.

Only for the local demo: it refuses to run with DEBUG off, so a production
database never gets an account with a published password.
"""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

DEMO_ACCOUNTS = [
    # username, password environment variable, default password, superuser?, group
    ("admin", "DEMO_ADMIN_PASSWORD", "playbook-admin", True, None),
    ("editor", "DEMO_EDITOR_PASSWORD", "playbook-editor", False, "Editors"),
]


class Command(BaseCommand):
    help = "Create the demo admin (superuser) and editor accounts if missing; print credentials."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (for throwaway staging databases).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "create_demo_admin is for the local demo (DEBUG on). "
                "Use `manage.py createsuperuser` elsewhere, or pass --force."
            )
        User = get_user_model()
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        for username, env_name, default, is_superuser, group_name in DEMO_ACCOUNTS:
            password = os.environ.get(env_name, default)
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "email": f"{username}@example.com",
                    "is_staff": is_superuser,
                    "is_superuser": is_superuser,
                    "first_name": username.capitalize(),
                    "last_name": "Demo",
                },
            )
            if created:
                user.set_password(password)
                user.save()
            if group_name:
                group = Group.objects.filter(name=group_name).first()
                if group is None:
                    raise CommandError(f"The '{group_name}' group is missing; run migrate first.")
                user.groups.add(group)
            state = "created" if created else "exists, password unchanged"
            role = "superuser" if is_superuser else f"member of {group_name}"
            self.stdout.write(
                f"==> Demo {role}: {username} / {password}  ({state})  -> {base_url}/admin/"
            )
