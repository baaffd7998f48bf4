"""The lean render process: no Django in it, the same PDF, and failures that stay visible."""

import io
import logging
import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from pypdf import PdfReader

from exports.content import collect_playbook
from exports.errors import ExportError
from exports.fetcher import StorageURLFetcher
from exports.html import build_document
from exports.models import PlaybookExport
from exports.pdf import WEASYPRINT_OPTIONS, make_job, render_pdf, renderer_words
from exports.pdf_child import RENDER_NICENESS, render_in_child
from exports.pdf_render import RenderJob
from exports.services import export_playbook

ROOT = Path(__file__).resolve().parents[2]


def test_the_render_process_imports_neither_django_nor_wagtail():
    """What the fork server preloads (this module and its imports) is all a render has."""
    code = (
        "import sys, exports.pdf_child; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'django', 'wagtail'}))"
    )
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    out = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_the_job_travels_as_plain_data(small):
    """Template output is a SafeString: unpickling one would import Django in the child."""
    job = make_job(build_document(collect_playbook(small[0]), "a4"))
    assert type(job.html) is str
    assert b"django" not in pickle.dumps(job)


def test_the_default_renders_in_a_child_with_the_same_result_as_in_process(small, settings):
    assert django_settings.PLAYBOOK_PDF_RENDER_IN_CHILD  # the default, as deployed
    document = build_document(collect_playbook(small[0]), "a4")
    outputs = {}
    for in_child in (True, False):
        settings.PLAYBOOK_PDF_RENDER_IN_CHILD = in_child
        buffer, messages = io.BytesIO(), []
        result = render_pdf(document, buffer, progress=messages.append)
        reader = PdfReader(io.BytesIO(buffer.getvalue()))
        outputs[in_child] = (
            result.page_count,
            len(reader.pages),
            [page.extract_text() for page in reader.pages],
            sorted(reader.attachments),
            [image.name for page in reader.pages for image in page.images],
        )
        assert any("Creating layout" in message for message in messages), messages
        assert (result.process_peak_mb is not None) is in_child
    assert outputs[True] == outputs[False]
    assert outputs[True][4], "the tool's picture is in the PDF"


def test_the_render_process_yields_to_the_server(small):
    """A render takes a core for seconds; the server's answers on that machine go first."""
    seen = []

    def note_niceness(message):
        for child in multiprocessing.active_children():
            if child.name == "pdf-render":
                seen.append(os.getpriority(os.PRIO_PROCESS, child.pid))

    render_pdf(build_document(collect_playbook(small[0]), "a4"), io.BytesIO(), note_niceness)
    assert seen
    assert set(seen) == {min(19, os.getpriority(os.PRIO_PROCESS, 0) + RENDER_NICENESS)}


def kill_the_render_process(message):
    if "Creating layout" in message:
        for child in multiprocessing.active_children():
            if child.name == "pdf-render":
                os.kill(child.pid, signal.SIGKILL)


def test_a_killed_render_process_fails_the_export_and_keeps_the_previous_pdf(small):
    playbook = small[0]
    good = export_playbook(playbook, "a4")
    with pytest.raises(ExportError, match="SIGKILL"):
        export_playbook(playbook, "a4", force=True, progress=kill_the_render_process)
    export = PlaybookExport.objects.get(pk=good.pk)
    assert export.status == PlaybookExport.Status.FAILED
    assert "stopped by SIGKILL" in export.error
    assert export.file_name == good.file_name and default_storage.exists(good.file_name)


def job(html, **options):
    return RenderJob(
        html=html if html.startswith("<html") else f'<html lang="en">{html}</html>',
        base_url="http://localhost/",
        options={**WEASYPRINT_OPTIONS, **options},
        words=renderer_words(),
    )


def test_an_exception_in_weasyprint_becomes_an_export_error_with_the_childs_traceback(db, caplog):
    fetcher = StorageURLFetcher(hosts={"localhost"})
    broken = job("<p>Hi</p>", pdf_variant="no-such-variant")
    with (
        caplog.at_level(logging.ERROR, logger="exports.pdf_child"),
        pytest.raises(ExportError, match="KeyError: 'no-such-variant'"),
    ):
        render_in_child(broken, fetcher, io.BytesIO())
    assert "Traceback" in caplog.text and "weasyprint" in caplog.text


def test_weasyprint_warnings_and_refusals_are_logged_in_the_parent(db, caplog):
    html = '<html lang="en"><p>Hi</p><img src="http://evil.example/x.png"></html>'
    fetcher = StorageURLFetcher(hosts={"localhost"})
    buffer = io.BytesIO()
    with caplog.at_level(logging.WARNING):
        result = render_in_child(job(html), fetcher, buffer)
    assert result.page_count == 1 and buffer.getvalue().startswith(b"%PDF")
    assert fetcher.refused == result.refused == ["http://evil.example/x.png"]
    by_logger = {record.name for record in caplog.records}
    assert {"exports.fetcher", "weasyprint"} <= by_logger, caplog.text
    assert "Failed to load image at 'http://evil.example/x.png'" in caplog.text


def test_a_path_target_gets_the_pdf(db, tmp_path):
    target = tmp_path / "out.pdf"
    result = render_in_child(job("<p>Hi</p>"), StorageURLFetcher(hosts={"localhost"}), target)
    assert len(PdfReader(target).pages) == result.page_count == 1
    assert result.process_peak_mb < 1000 and result.process_cpu_seconds > 0
