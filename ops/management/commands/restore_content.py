"""``manage.py restore_content PATH``: put a backup_content archive back."""

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, database_has_content, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_content: migrates the database, replaces all "
        "content in one transaction, restores media and rebuilds the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .tar.gz written by backup_content.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Allow replacing a database that already holds content.",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation before replacing existing content.",
        )
        parser.add_argument("--no-media", action="store_true", help="Restore the database only.")
        parser.add_argument("--database", default="default", help="Database alias to write.")

    def handle(self, *args, path, replace, interactive, no_media, database, **options):
        if replace and interactive and database_has_content(database):
            answer = input(
                "This replaces ALL content in the database with the backup. "
                "Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            report = restore_backup(
                path, replace=replace, restore_media=not no_media, using=database
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        counts = report.manifest["counts"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {counts['pages']} pages, {counts['images']} images, "
                f"{counts['documents']} documents, {counts['users']} users and "
                f"{report.media_files} media files from a backup made "
                f"{report.manifest['created_at']}"
            )
        )
        for note in report.notes:
            self.stdout.write(f"Note: {note}")
