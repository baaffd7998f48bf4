"""``manage.py backup_content [PATH]``: database + media into one .tar.gz."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ops.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the content (database as JSON, and media files) into one .tar.gz. "
        "Restore it with restore_content."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="Where to write the archive (default: backups/playbook-<time>.tar.gz).",
        )
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="Leave the media files out (e.g. when the S3 bucket is versioned).",
        )
        parser.add_argument("--database", default="default", help="Database alias to read.")

    def handle(self, *args, path=None, no_media=False, database="default", **options):
        if not path:
            path = f"backups/playbook-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        try:
            manifest = create_backup(path, include_media=not no_media, using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        counts = manifest["counts"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {counts['pages']} pages, {counts['images']} images, "
                f"{counts['documents']} documents, {counts['users']} users and "
                f"{manifest['media_files']} media files ({manifest['media_bytes']} bytes) "
                f"to {path}"
            )
        )
