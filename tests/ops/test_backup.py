"""Backup and restore: a full round trip into an empty database, and the refusals.

The round trip backs up content built with the factories, restores it in a separate
process into a database that has never held anything (a fresh SQLite file, or a new
PostgreSQL database when the suite runs on PostgreSQL), and compares a fingerprint of
every page, file, media file and API answer on both sides.
"""

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import wagtail_factories
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection
from wagtail.models import PageViewRestriction

from ops.backup import BackupError, create_backup, restore_backup
from ops.snapshot import content_snapshot
from playbook_pages.models import ToolTemplate
from tests import factories

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def rich_content(playbook_tree, media_root):
    """The playbook tree plus what a real site has: files, drafts, privacy, editors."""
    tree = playbook_tree
    image = wagtail_factories.ImageFactory(title="Cover")
    tree.playbook.cover_image = image
    tree.playbook.save_revision().publish()
    document = factories.DocumentFactory(title="After-action review template")
    tree.tools[0].templates.add(ToolTemplate(document=document, sort_order=0))
    tree.tools[0].save_revision().publish()
    # A draft on top of the live version: the restore must keep both.
    tool = tree.tools[1]
    tool.summary = "A change an editor has not published yet."
    tool.save_revision()
    # A private page.
    PageViewRestriction.objects.create(
        page=tree.case_study, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    factories.OrganisationFactory(name="Kiva", country="United States")
    factories.ThemeFactory(name="Measuring impact")
    editor = User.objects.create_user("editor", "editor@example.org", "correct horse")
    editor.groups.add(Group.objects.get(name="Editors"))
    return tree


def restore_database_url(tmp_path):
    """An empty database for the restore, of the same kind as the suite's."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}", None
    import psycopg

    name = f"restore_{uuid.uuid4().hex[:12]}"
    parts = urlsplit(os.environ["DATABASE_URL"])
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunsplit(parts._replace(path=f"/{name}")), drop


def manage(*args, database_url, media_root):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url,
        "TEST_MEDIA_ROOT": str(media_root),
    }
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_round_trip_into_an_empty_database_gives_back_every_page_and_file(
    rich_content, media_root, tmp_path
):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup_content", str(archive), verbosity=0)
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    before = json.loads(json.dumps(content_snapshot()))

    database_url, drop = restore_database_url(tmp_path)
    restored_media = tmp_path / "restored-media"
    try:
        result = manage(
            "restore_content", str(archive), "--no-input",
            database_url=database_url, media_root=restored_media,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "Restored" in result.stdout
        result = manage("content_snapshot", database_url=database_url, media_root=restored_media)
        assert result.returncode == 0, result.stderr
        after = json.loads(result.stdout)
        # A restore onto a restored database needs --replace: it now has content.
        refused = manage(
            "restore_content", str(archive), "--no-input",
            database_url=database_url, media_root=restored_media,
        )  # fmt: skip
    finally:
        if drop:
            drop()

    # The fixture really built what the comparison claims to cover.
    assert len(before["pages"]) >= 16
    assert before["media"] and before["images"] and before["documents"]
    draft = before["pages"]["/hub/playbook/tools/tool-2/"]
    assert draft["data"]["has_unpublished_changes"] is True
    assert draft["revisions"]
    assert before["pages"]["/hub/playbook/case-studies/case-1/"]["view_restrictions"] == [
        "password"
    ]
    # The API answers were really compared, not an empty section.
    assert any(path.startswith("/api/v1/tools/tool-") for path in before["api"])
    for section in before:
        if after[section] != before[section]:
            keys = (
                set(before[section]) | set(after[section])
                if isinstance(after[section], dict)
                else []
            )
            differing = sorted(k for k in keys if before[section].get(k) != after[section].get(k))
            pytest.fail(f"{section} differs after the restore: {differing[:10]}")
    assert refused.returncode != 0
    assert "--replace" in refused.stderr


@pytest.mark.django_db
def test_restore_refuses_to_overwrite_content_without_replace(rich_content, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive)
    with pytest.raises(BackupError, match="already holds content.*--replace"):
        restore_backup(archive)


def rewrite_archive(source, target, change):
    """Copy a backup archive, passing each (name, bytes) through ``change``."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read()
            for name, content in change(member.name, data):
                info = tarfile.TarInfo(name)
                info.size = len(content)
                new.addfile(info, io.BytesIO(content))


@pytest.mark.django_db
def test_restore_refuses_a_backup_from_other_migrations(playbook_tree, media_root, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive)

    def future(name, data):
        if name == "manifest.json":
            manifest = json.loads(data)
            manifest["migrations"].append(["playbook_pages", "9999_from_the_future"])
            data = json.dumps(manifest).encode()
        yield name, data

    rewrite_archive(archive, tmp_path / "future.tar.gz", future)
    with pytest.raises(BackupError, match="playbook_pages.9999_from_the_future"):
        restore_backup(tmp_path / "future.tar.gz", replace=True)


@pytest.mark.django_db
def test_restore_refuses_a_damaged_archive_before_touching_anything(
    playbook_tree, media_root, tmp_path
):
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive)
    pages_before = playbook_tree.home.get_descendants().count()

    def damage(name, data):
        if name == "data.json":
            data = data.replace(b"Test playbook", b"Tampered book")
        yield name, data

    rewrite_archive(archive, tmp_path / "damaged.tar.gz", damage)
    with pytest.raises(BackupError, match="damaged"):
        restore_backup(tmp_path / "damaged.tar.gz", replace=True)

    def escape(name, data):
        yield name, data
        if name == "data.json":
            yield "media/../../outside.txt", b"should never be written"

    rewrite_archive(archive, tmp_path / "escape.tar.gz", escape)
    with pytest.raises(BackupError, match="unsafe path"):
        restore_backup(tmp_path / "escape.tar.gz", replace=True)
    assert not (tmp_path / "outside.txt").exists()
    assert playbook_tree.home.get_descendants().count() == pages_before


def test_restore_of_a_file_that_is_not_a_backup_says_so(tmp_path):
    not_a_backup = tmp_path / "notes.tar.gz"
    with tarfile.open(not_a_backup, "w:gz") as archive:
        info = tarfile.TarInfo("notes.txt")
        archive.addfile(info, io.BytesIO(b""))
    with pytest.raises(BackupError, match="no manifest.json"):
        restore_backup(not_a_backup)
    with pytest.raises(BackupError, match="no backup file"):
        restore_backup(tmp_path / "missing.tar.gz")
