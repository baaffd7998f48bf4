"""Back up and restore the content: the database (as portable JSON) and the media files.

Contract:

* ``create_backup(path)`` writes one ``.tar.gz`` holding ``manifest.json`` (format,
  time, applied migrations, counts, checksum), ``data.json`` (``dumpdata`` of every
  content table, primary keys kept) and ``media/…`` (every file in the default
  storage, local or S3). The database is read in one snapshot transaction, so a backup
  taken while editors work is consistent. The file is written under a temporary name,
  renamed when complete, and readable by its owner only (it holds password hashes).
* ``restore_backup(path)`` migrates the target database, checks that it is at the
  same migrations as the backup, refuses to overwrite existing content unless told
  to, replaces every content table in one transaction, puts the media files back and
  rebuilds the search and reference indexes and the stored representations
  (``content``, never backed up: they derive from the content). Works on SQLite and
  PostgreSQL, and from one to the other.

Primary keys (content types and permissions included) are kept as they were, because
Wagtail stores some ids inside JSON (revisions, StreamField values) where no
foreign key would be remapped.
"""

import hashlib
import io
import json
import os
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from ops.serializers import FORMAT as DATA_FORMAT

FORMAT_VERSION = 1

# Derived or transient tables: rebuilt after a restore, or worthless in one.
EXCLUDED = [
    "sessions",  # logins: nobody should be logged in on a restored copy
    "wagtailsearch",  # the search index: rebuilt by update_index
    "wagtailcore.referenceindex",  # rebuilt by rebuild_references_index
    "wagtailadmin.editingsession",  # who has the editor open right now
    "django_tasks_db.dbtaskresult",  # queued or finished background jobs
    "content",  # stored representations: rebuilt by rebuild_representations
]


class BackupError(Exception):
    """A backup that cannot be made or restored, with a message for the operator."""


@dataclass
class RestoreReport:
    manifest: dict
    media_files: int = 0
    notes: list = field(default_factory=list)


def _excluded_labels():
    """Only the labels that exist here: dumpdata rejects unknown ones."""
    labels = []
    for label in EXCLUDED:
        if "." in label:
            app_label, model_name = label.split(".")
            try:
                apps.get_model(app_label, model_name)
            except LookupError:
                continue
        elif label not in {config.label for config in apps.get_app_configs()}:
            continue
        labels.append(label)
    return labels


def _app_labels_in_load_order(excluded):
    """Every app with models, content types and permissions first.

    loaddata writes objects in file order, and signal handlers (the search index)
    create missing content types on the fly while pages load; loading the saved
    content types first keeps their primary keys free of such collisions.
    """
    first = ["contenttypes", "auth"]
    labels = [
        config.label
        for config in apps.get_app_configs()
        if config.label not in first and config.label not in excluded and config.models_module
    ]
    return first + labels


def applied_migrations(using=DEFAULT_DB_ALIAS):
    recorder = MigrationRecorder(connections[using])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def storage_files(storage, directory=""):
    """Every file name in a storage, walking folders (works for local and S3)."""
    try:
        folders, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for folder in sorted(folders):
        yield from storage_files(storage, f"{directory}/{folder}" if directory else folder)


def _sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _register_data_format():
    if DATA_FORMAT not in serializers.get_serializer_formats():
        serializers.register_serializer(DATA_FORMAT, "ops.serializers")


def _dump_database(target, using):
    """dumpdata inside one read-only snapshot, so all tables agree with each other."""
    _register_data_format()
    connection = connections[using]
    starts_transaction = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and starts_transaction:
            # Must be the transaction's first statement: every table is then read
            # as of the same moment, whatever editors commit meanwhile.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        excluded = _excluded_labels()
        call_command(
            "dumpdata",
            *_app_labels_in_load_order(excluded),
            exclude=excluded,
            use_base_manager=True,
            database=using,
            format=DATA_FORMAT,
            output=str(target),
            verbosity=0,
        )
        counts = {
            "pages": apps.get_model("wagtailcore", "Page").objects.using(using).count(),
            "images": apps.get_model("wagtailimages", "Image").objects.using(using).count(),
            "documents": apps.get_model("wagtaildocs", "Document").objects.using(using).count(),
            "users": apps.get_model(*settings.AUTH_USER_MODEL.split("."))
            .objects.using(using)
            .count(),
        }
    return counts


def create_backup(path, *, include_media=True, using=DEFAULT_DB_ALIAS):
    """Write a backup archive to ``path``; return its manifest."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="playbook-backup-") as workdir:
        data_path = Path(workdir) / "data.json"
        counts = _dump_database(data_path, using)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connections[using].vendor,
            "migrations": applied_migrations(using),
            "counts": counts,
            "data_sha256": _sha256_file(data_path),
            "media_included": include_media,
            "media_files": 0,
            "media_bytes": 0,
        }
        # Owner-only from the first byte: the archive holds password hashes.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            archive.add(data_path, arcname="data.json")
            if include_media:
                for name in storage_files(default_storage):
                    size = default_storage.size(name)
                    info = tarfile.TarInfo(f"media/{name}")
                    info.size = size
                    info.mtime = int(time.time())
                    info.mode = 0o644
                    with default_storage.open(name, "rb") as handle:
                        archive.addfile(info, handle)
                    manifest["media_files"] += 1
                    manifest["media_bytes"] += size
            # The manifest goes last: it describes what was actually written.
            encoded = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(encoded)
            info.mtime = int(time.time())
            archive.addfile(info, io.BytesIO(encoded))
    partial.replace(path)
    return manifest


def _read_manifest(archive):
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except KeyError as exc:
        raise BackupError("not a backup made by backup_content: no manifest.json") from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(
            f"backup format {manifest.get('format')!r} is not supported "
            f"(this version reads format {FORMAT_VERSION})"
        )
    return manifest


def _check_migrations(manifest, using):
    in_backup = {tuple(item) for item in manifest["migrations"]}
    here = {tuple(item) for item in applied_migrations(using)}
    newer = sorted(in_backup - here)
    older = sorted(here - in_backup)
    if not newer and not older:
        return
    lines = ["the backup and this code are at different database migrations."]
    if newer:
        lines.append(
            "Only in the backup (it was made by a newer version): "
            + ", ".join(f"{app}.{name}" for app, name in newer[:10])
        )
    if older:
        lines.append(
            "Only in this code (the backup is older): "
            + ", ".join(f"{app}.{name}" for app, name in older[:10])
        )
    lines.append("Restore with the code version that made the backup, then upgrade and migrate.")
    raise BackupError("\n".join(lines))


def database_has_content(using=DEFAULT_DB_ALIAS):
    """True when there is more than what ``migrate`` creates in a fresh database."""
    page_model = apps.get_model("wagtailcore", "Page")
    user_model = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    tables = connections[using].introspection.table_names()
    if page_model._meta.db_table not in tables:
        return False  # not even migrated
    # Wagtail's migrations create the tree root and a welcome page.
    return page_model.objects.using(using).count() > 2 or user_model.objects.using(using).exists()


def _safe_media_name(member_name):
    relative = PurePosixPath(member_name).relative_to("media")
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise BackupError(f"refusing the unsafe path {member_name!r} in the archive")
    return str(relative)


def restore_backup(path, *, replace=False, restore_media=True, using=DEFAULT_DB_ALIAS):
    """Restore a backup archive into the database ``using``; return a report."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no backup file at {path}")
    with tarfile.open(path, mode="r:gz") as archive:
        manifest = _read_manifest(archive)

        call_command("migrate", database=using, interactive=False, verbosity=0)
        _check_migrations(manifest, using)
        if database_has_content(using) and not replace:
            raise BackupError(
                "the database already holds content; restoring replaces all of it. "
                "Pass --replace to do so."
            )

        media_members = [
            (member, _safe_media_name(member.name))
            for member in archive.getmembers()
            if member.name.startswith("media/") and member.isfile()
        ]

        with tempfile.TemporaryDirectory(prefix="playbook-restore-") as workdir:
            try:
                data_member = archive.getmember("data.json")
            except KeyError as exc:
                raise BackupError("the archive has no data.json") from exc
            if not data_member.isfile():
                raise BackupError("data.json in the archive is not a regular file")
            # loaddata picks the format from the extension.
            _register_data_format()
            data_path = Path(workdir) / f"data.{DATA_FORMAT}"
            with archive.extractfile(data_member) as source, open(data_path, "wb") as out:
                for chunk in iter(lambda: source.read(1 << 20), b""):
                    out.write(chunk)
            if _sha256_file(data_path) != manifest["data_sha256"]:
                raise BackupError("data.json does not match its checksum: the file is damaged")

            # All or nothing: a failed load leaves the database as it was.
            with transaction.atomic(using=using):
                call_command(
                    "flush",
                    database=using,
                    interactive=False,
                    inhibit_post_migrate=True,
                    verbosity=0,
                )
                # The flushed content types are gone; cached ones would point at nothing.
                ContentType.objects.clear_cache()
                call_command("loaddata", str(data_path), database=using, verbosity=0)
        ContentType.objects.clear_cache()

        report = RestoreReport(manifest=manifest)
        if restore_media and manifest.get("media_included"):
            for member, name in media_members:
                if default_storage.exists(name):
                    default_storage.delete(name)
                with archive.extractfile(member) as handle:
                    saved = default_storage.save(name, File(handle, name=name))
                if saved != name:
                    raise BackupError(f"media file {name} was stored as {saved}")
                report.media_files += 1
        elif not manifest.get("media_included"):
            report.notes.append("the backup has no media files; media were left as they are")

    call_command("update_index", verbosity=0)
    call_command("rebuild_references_index", verbosity=0)
    call_command("rebuild_representations", verbosity=0)
    return report
