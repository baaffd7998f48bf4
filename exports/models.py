"""The export record: one row per playbook, edition and paper size.

Editions (``EDITIONS``): ``screen`` (tabs, form fields, in-document links) and
``print`` (URLs and QR codes, "p. N" references, no form fields), from one template
set (``exports.html``).

Contract: the ``file_*`` fields and ``version`` always describe the last *good* PDF,
the one being served; ``status``, ``error`` and the ``*_at`` fields describe the most
recent attempt. A failed attempt therefore never takes the previous PDF away.
``shows_until`` is when the first page the file shows reaches its expiry time: from
then on the file counts as absent (``has_file``), so it is never served past it.
"""

from django.db import models
from django.utils import timezone

from playbook_pages.models import PlaybookPage


class Edition(models.TextChoices):
    SCREEN = "screen", "Screen"
    PRINT = "print", "Print"


EDITIONS = Edition.values


class PlaybookExport(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be generated"
        RUNNING = "running", "Being generated"
        READY = "ready", "Up to date"
        FAILED = "failed", "Failed"

    playbook = models.ForeignKey(PlaybookPage, on_delete=models.CASCADE, related_name="pdf_exports")
    paper = models.CharField(max_length=8, choices=PlaybookPage.PaperSize.choices)
    edition = models.CharField(max_length=8, choices=Edition.choices, default=Edition.SCREEN)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)

    # The PDF being served: the last export that succeeded.
    file_name = models.CharField(max_length=255, blank=True, help_text="Name in default storage.")
    version = models.CharField(
        max_length=64,
        blank=True,
        help_text="Content version key: the live revisions and files the PDF was made from.",
    )
    content_hash = models.CharField(
        max_length=64, blank=True, help_text="Hash of the printed HTML and the files it uses."
    )
    page_count = models.PositiveIntegerField(null=True, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    render_seconds = models.FloatField(null=True, blank=True)
    generated_at = models.DateTimeField(null=True, blank=True)
    shows_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The earliest expiry time among the pages the file shows: from then on "
        "it is not served, and a download makes it again.",
    )

    # The most recent attempt.
    requested_at = models.DateTimeField(null=True, blank=True)
    scheduled_for = models.DateTimeField(
        null=True, blank=True, help_text="When the queued export may start (debounce)."
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    task_result_id = models.CharField(max_length=64, blank=True)
    renders = models.PositiveIntegerField(
        default=0, help_text="How many times a PDF was actually rendered for this row."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["playbook", "edition", "paper"], name="one_export_per_edition_and_paper"
            )
        ]
        verbose_name = "PDF export"

    def __str__(self):
        return (
            f"{self.playbook.title} ({self.get_edition_display()}, {self.get_paper_display()}): "
            f"{self.get_status_display()}"
        )

    @property
    def has_file(self):
        """A file exists and shows no page past its expiry time."""
        if self.shows_until is not None and self.shows_until <= timezone.now():
            return False
        return bool(self.file_name)


class PersonalExport(models.Model):
    """A PDF of a reader's selection of challenges (``exports.personal``).

    One row per ``key``: the selection (sorted challenge slugs), edition, paper,
    locale and content version. ``selection`` is the same without the content
    version, so the rows of older versions of one selection can be found and
    removed. The file is served only while ``status`` is ready and ``shows_until``
    has not passed.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be generated"
        RUNNING = "running", "Being generated"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    key = models.CharField(max_length=64, unique=True)
    selection = models.CharField(max_length=64, db_index=True)
    playbook = models.ForeignKey(
        PlaybookPage, on_delete=models.CASCADE, related_name="personal_pdf_exports"
    )
    challenges = models.JSONField(default=list, help_text="Slugs of the chosen challenges.")
    edition = models.CharField(max_length=8, choices=Edition.choices, default=Edition.SCREEN)
    paper = models.CharField(max_length=8, choices=PlaybookPage.PaperSize.choices)
    locale = models.CharField(max_length=16, blank=True)
    version = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    file_name = models.CharField(max_length=255, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    render_seconds = models.FloatField(null=True, blank=True)
    shows_until = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    last_served_at = models.DateTimeField(null=True, blank=True, db_index=True)
    renders = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "personal PDF"

    def __str__(self):
        return f"{self.playbook_id}: {', '.join(self.challenges)} ({self.paper}, {self.status})"

    @property
    def has_file(self):
        if self.shows_until is not None and self.shows_until <= timezone.now():
            return False
        return self.status == self.Status.READY and bool(self.file_name)


class RenderSlot(models.Model):
    """One of the ``PLAYBOOK_PERSONAL_PDF_MAX_RENDERS`` places a personal PDF renders in.

    A render holds a slot while it runs (``holder``), until ``held_until`` at the
    latest, so a crashed worker frees its slot after that time.
    """

    number = models.PositiveSmallIntegerField(unique=True)
    holder = models.CharField(max_length=64, blank=True)
    held_until = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Render slot {self.number}: {self.holder or 'free'}"
