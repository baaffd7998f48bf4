"""Exporting: versions, no needless renders, failures that keep the good PDF, atomic files."""

import datetime
import io
import os

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from freezegun import freeze_time
from pypdf import PdfReader
from wagtail.models import Site

from content.rules import ReaderScope
from content.store import rebuild_site
from exports.content import collect_playbook
from exports.errors import ExportError
from exports.models import PlaybookExport
from exports.services import export_playbook
from exports.storage import write_atomically
from tests import factories
from tests.exports.playbook_builder import picture, publish


def pdf_text(export):
    data = default_storage.open(export.file_name, "rb").read()
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_unchanged_content_is_not_rendered_again(small):
    playbook = small[0]
    first = export_playbook(playbook, "a4")
    again = export_playbook(playbook, "a4")
    assert first.renders == again.renders == 1
    assert again.status == PlaybookExport.Status.READY
    assert again.file_name == first.file_name


def test_publishing_a_change_makes_a_new_version_and_removes_the_old_file(small):
    playbook, _, tool, _ = small
    first = export_playbook(playbook, "a4")
    tool.title = "The renamed tool"
    publish(tool)
    second = export_playbook(playbook, "a4")
    assert second.version != first.version
    assert second.renders == 2
    assert "The renamed tool" in pdf_text(second)
    assert not default_storage.exists(first.file_name)


def test_a_draft_only_change_changes_nothing(small):
    playbook, _, tool, _ = small
    before = collect_playbook(playbook).version("a4")
    tool.title = "Draft title nobody published"
    tool.save_revision()
    assert collect_playbook(playbook).version("a4") == before
    assert "Draft title" not in pdf_text(export_playbook(playbook, "a4"))


def test_a_page_past_its_expiry_time_is_left_out_of_the_pdf(small, client):
    """Past its expiry time the tool leaves the PDF, although it is still live until the
    scheduler (``publish_scheduled``) gets round to unpublishing it: the PDF made before
    is no longer served, and the one a download makes instead does not show the tool."""
    playbook, _, tool, _ = small
    tool.expire_at = timezone.now() + datetime.timedelta(days=1)
    publish(tool)
    rebuild_site(ReaderScope.for_site(Site.objects.get(is_default_site=True)))
    before = export_playbook(playbook, "a4")
    assert "The tool" in pdf_text(before)
    assert before.shows_until == tool.expire_at

    with freeze_time(timezone.now() + datetime.timedelta(days=2)):
        assert not PlaybookExport.objects.get(pk=before.pk).has_file
        response = client.get("/api/v1/playbooks/small/pdf/")
        assert response.status_code == 200
        data = b"".join(response.streaming_content)
        after = PlaybookExport.objects.get(pk=before.pk)

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    tool.refresh_from_db()
    assert tool.live and not tool.expired  # nothing unpublished it
    assert after.version != before.version and after.shows_until is None
    assert "The challenge" in text
    assert "The tool" not in text  # not as a section, a solution, a tab or a link


def test_paper_sizes_have_their_own_version_and_page_size(small):
    playbook = small[0]
    a4 = export_playbook(playbook, "a4")
    letter = export_playbook(playbook, "letter")
    assert a4.version != letter.version
    sizes = {}
    for export in (a4, letter):
        reader = PdfReader(default_storage.open(export.file_name, "rb"))
        box = reader.pages[0].mediabox
        sizes[export.paper] = (round(float(box.width)), round(float(box.height)))
    assert sizes == {"a4": (595, 842), "letter": (612, 792)}


def test_a_broken_image_fails_the_export_and_keeps_the_previous_pdf(small):
    playbook, _, tool, _ = small
    good = export_playbook(playbook, "a4")
    # An editor adds a picture, published (the API shows it), whose file then goes
    # missing from storage.
    broken = picture("Broken picture", (500, 300))
    tool.how_to = [("image", {"image": broken, "alt_text": "", "caption": "", "credit": ""})]
    publish(tool)
    rebuild_site(ReaderScope.for_site(Site.objects.get(is_default_site=True)))
    default_storage.delete(broken.file.name)

    with pytest.raises(ExportError, match="Broken picture"):
        export_playbook(playbook, "a4")

    export = PlaybookExport.objects.get(pk=good.pk)
    assert export.status == PlaybookExport.Status.FAILED
    assert "Broken picture" in export.error
    assert export.file_name == good.file_name and export.version == good.version
    assert default_storage.exists(good.file_name)


def test_a_missing_template_file_fails_the_export(small):
    playbook, _, tool, _ = small
    document = factories.DocumentFactory(title="Lost template")
    tool.templates.create(document=document)
    publish(tool)
    default_storage.delete(document.file.name)
    with pytest.raises(ExportError, match="Lost template"):
        export_playbook(playbook, "a4")
    assert PlaybookExport.objects.get(playbook=playbook).status == "failed"


def test_an_unpublished_playbook_is_not_exported(small):
    playbook = small[0]
    playbook.unpublish()
    with pytest.raises(Exception, match="not live and public"):
        export_playbook(playbook, "a4")


def test_files_appear_complete_or_not_at_all(db, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    from django.core.files.storage import storages

    storage = storages.create_storage({"BACKEND": "django.core.files.storage.FileSystemStorage"})

    def broken(target):
        target.write(b"%PDF-1.7 half a file")
        raise RuntimeError("renderer crashed")

    with pytest.raises(RuntimeError):
        write_atomically("exports/x/broken.pdf", broken, storage=storage)
    folder = tmp_path / "exports" / "x"
    assert not (folder / "broken.pdf").exists()
    assert os.listdir(folder) == []  # no temporary file left behind either

    size = write_atomically("exports/x/good.pdf", lambda t: t.write(b"%PDF-1.7 whole"), storage)
    assert (folder / "good.pdf").read_bytes() == b"%PDF-1.7 whole" and size == 14
