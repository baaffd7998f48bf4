"""``manage.py export_playbook <slug> [--locale fr] [--paper a4|letter] [--edition screen|print]
[--output file.pdf] [--force]``.

``--locale`` picks the playbook's translation (default: the default locale); the PDF
is in that translation's language.

``--edition`` picks the screen edition (default: tabs, form fields, in-document
links) or the print edition (URLs and QR codes, "p. N" references, no form fields);
each edition and paper has its own stored PDF.

Without ``--output`` it brings the stored PDF up to date, exactly as the background
task does (unchanged content is not rendered again unless ``--force``). With
``--output`` it renders the published playbook into that file (written to a
temporary name beside it, then moved into place) and leaves the stored PDF alone.
Shows a progress bar while it works, then prints page count, size and time.
"""

import os
import re
import tempfile
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from exports.content import PlaybookNotExportable
from exports.errors import ExportError
from exports.models import Edition, PlaybookExport
from exports.services import export_playbook, render_playbook
from playbook_pages.models import PlaybookPage

LAYOUT = re.compile(r"Creating layout - Page (\d+)")


class ProgressBar:
    """A one-line progress bar on a terminal, plain step lines otherwise."""

    STAGES = ["Collecting", "Building", "Layout", "Writing"]

    def __init__(self, stream, expected_pages):
        self.stream = stream  # the command's OutputWrapper
        self.expected = max(expected_pages, 1)
        self.tty = stream.isatty()
        self.started = time.perf_counter()
        self.last_stage = None
        self.pages = 0

    def __call__(self, message):
        if message.startswith("Collecting"):
            self.draw(0.02, "Collecting published content")
        elif message.startswith("Building"):
            self.draw(0.06, "Building HTML and image renditions")
        elif match := LAYOUT.search(message):
            self.pages = max(self.pages, int(match.group(1)))
            share = min(self.pages / self.expected, 1.0)
            self.draw(0.1 + 0.7 * share, f"Laying out page {self.pages}")
        elif message.startswith("Step 6"):
            self.draw(0.85, "Writing the PDF")
        elif message.startswith("Step 7"):
            self.draw(0.95, "Adding metadata and attachments")

    def draw(self, fraction, label):
        elapsed = time.perf_counter() - self.started
        if self.tty:
            width = 30
            filled = int(width * fraction)
            bar = "#" * filled + "-" * (width - filled)
            line = f"\r[{bar}] {fraction:4.0%} {label:<40.40} {elapsed:6.1f}s"
            self.stream.write(line, ending="")
            self.stream.flush()
        elif label.split()[0] != self.last_stage:
            self.stream.write(f"  {fraction:4.0%} {label} ({elapsed:.1f}s)")
        self.last_stage = label.split()[0]

    def done(self):
        if self.tty:
            self.draw(1.0, "Done")
            self.stream.write("")


class Command(BaseCommand):
    help = "Export a playbook's published content as its printable, interactive PDF."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The playbook's slug.")
        parser.add_argument(
            "--locale",
            choices=[code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="The playbook's translation to export; defaults to the default locale.",
        )
        parser.add_argument(
            "--paper",
            choices=PlaybookPage.PaperSize.values,
            help="Paper size; defaults to the playbook's own setting.",
        )
        parser.add_argument(
            "--edition",
            choices=Edition.values,
            default=Edition.SCREEN,
            help="screen (tabs, fields, links; the default) or print (URLs, QR codes, p. N).",
        )
        parser.add_argument("--output", help="Write the PDF to this file instead of storage.")
        parser.add_argument(
            "--force", action="store_true", help="Render even if the stored PDF is current."
        )

    def handle(
        self, slug, paper=None, output=None, force=False, edition="screen", locale=None, **options
    ):
        locale = locale or settings.LANGUAGE_CODE
        matches = list(PlaybookPage.objects.filter(slug=slug, locale__language_code=locale))
        if not matches:
            raise CommandError(f"No playbook has the slug {slug!r} in the locale {locale!r}.")
        if len(matches) > 1:
            ids = ", ".join(str(p.pk) for p in matches)
            raise CommandError(f"Several playbooks have the slug {slug!r} (ids {ids}).")
        playbook = matches[0]
        paper = paper or playbook.pdf_paper_size
        previous = PlaybookExport.objects.filter(
            playbook=playbook, paper=paper, edition=edition
        ).first()
        expected = previous.page_count if previous and previous.page_count else 20
        progress = ProgressBar(self.stderr, expected)
        started = time.perf_counter()
        try:
            if output:
                pages, size, version = self.render_to_file(
                    playbook, paper, output, progress, edition
                )
                where = os.path.abspath(output)
            else:
                export = export_playbook(
                    playbook, paper, edition=edition, force=force, progress=progress
                )
                pages, size, version = export.page_count, export.file_size, export.version
                where = f"storage: {export.file_name}"
        except (PlaybookNotExportable, ExportError) as exc:
            raise CommandError(f"Export failed: {exc}") from exc
        progress.done()
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{playbook.title} ({paper}{'' if edition == 'screen' else ', ' + edition}): "
                f"{pages} pages, {filesizeformat(size)} "
                f"({size} bytes), {seconds:.1f} s"
            )
        )
        self.stdout.write(f"Version {version[:16]} -> {where}")

    def render_to_file(self, playbook, paper, output, progress, edition="screen"):
        folder = os.path.dirname(os.path.abspath(output))
        os.makedirs(folder, exist_ok=True)
        handle, temp_path = tempfile.mkstemp(prefix=".partial-", suffix=".pdf", dir=folder)
        try:
            with os.fdopen(handle, "wb") as target:
                version, result = render_playbook(
                    playbook, paper, target, progress=progress, edition=edition
                )
            os.replace(temp_path, output)
        except BaseException:
            if os.path.exists(temp_path):
                os.unlink(temp_path)
            raise
        return result.page_count, os.path.getsize(output), version
