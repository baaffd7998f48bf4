"""``manage.py export_playbook``: progress, then page count, size and time."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from exports.models import PlaybookExport


def test_writes_the_pdf_to_a_file_with_progress_and_a_summary(small, tmp_path):
    output = tmp_path / "out" / "playbook.pdf"
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "export_playbook",
        "small",
        "--paper",
        "letter",
        "--output",
        str(output),
        stdout=out,
        stderr=err,
    )
    reader = PdfReader(output)
    summary = out.getvalue()
    match = re.search(r"\((letter)\): (\d+) pages, .* \((\d+) bytes\), ([\d.]+) s", summary)
    assert match, summary
    assert int(match.group(2)) == len(reader.pages)
    assert int(match.group(3)) == output.stat().st_size
    assert "Laying out page" in err.getvalue() and "Writing the PDF" in err.getvalue()
    assert [p.name for p in output.parent.iterdir()] == ["playbook.pdf"]  # no partial files
    assert not PlaybookExport.objects.exists()  # --output leaves the stored PDF alone


def test_without_output_it_updates_the_stored_pdf(small):
    out = io.StringIO()
    call_command("export_playbook", "small", stdout=out, stderr=io.StringIO())
    export = PlaybookExport.objects.get(playbook=small[0], paper="a4")
    assert export.status == "ready" and export.file_name in out.getvalue()
    call_command("export_playbook", "small", stdout=io.StringIO(), stderr=io.StringIO())
    assert PlaybookExport.objects.get(pk=export.pk).renders == 1  # unchanged: not rendered again


def test_unknown_slug_and_paper_are_errors(small):
    with pytest.raises(CommandError, match="No playbook"):
        call_command("export_playbook", "missing")
    with pytest.raises(CommandError):
        call_command("export_playbook", "small", "--paper", "a3")


def test_locale_picks_the_translation(small):
    # "small" exists in English only; another locale's playbook of that slug is not it.
    with pytest.raises(CommandError, match="in the locale 'fr'"):
        call_command("export_playbook", "small", "--locale", "fr")
