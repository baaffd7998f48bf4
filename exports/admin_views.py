"""Wagtail admin views for a playbook's PDF: status, download and regenerate.

Contract: every view needs a user who may edit the playbook page. ``status`` shows,
per paper size, the export's state (with a progress bar while it waits or renders;
the page then polls itself, ``exports/admin/export-status.js``), when the PDF was
generated, its size and page count and, when the last attempt failed, the reason,
with "Download PDF (…)" and "Regenerate PDF (…)" buttons, for each edition
(``?edition=print`` on the download and regenerate URLs; screen without). ``regenerate`` (POST only)
queues a fresh render at once, even if the content did not change. ``download``
serves the current PDF, which may be the previous good one while a new one is made.

The status page also makes a personal PDF (``exports.personal``): the editor ticks
challenges and a paper size (``PersonalPdfForm``, a GET form, so the choice stays in
the address); the page then shows the selection's state, polls while it renders and
offers ``personal_download``. Ticking nothing is a form error keeping the paper.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from exports import personal
from exports.content import (
    PlaybookNotExportable,
    UnknownChallenges,
    is_exportable,
    selectable_challenges,
)
from exports.models import Edition, PersonalExport, PlaybookExport
from exports.services import schedule_export
from playbook_pages.models import PlaybookPage


def editable_playbook(request, page_id):
    playbook = get_object_or_404(PlaybookPage, pk=page_id)
    if not playbook.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return playbook


def paper_or_404(paper):
    if paper not in PlaybookPage.PaperSize.values:
        raise Http404("Unknown paper size")
    return paper


def challenge_choices(playbook):
    """(slug, "N. title") of the challenges the playbook's published PDF shows."""
    return [
        (card["slug"], f"{number}. {card['title']}")
        for number, card in enumerate(selectable_challenges(playbook), start=1)
    ]


class PersonalPdfForm(forms.Form):
    challenges = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Tick at least one challenge."},
    )
    paper = forms.ChoiceField(choices=PlaybookPage.PaperSize.choices)
    edition = forms.ChoiceField(choices=Edition.choices, initial=Edition.SCREEN, required=False)

    def __init__(self, *args, playbook, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenges"].choices = challenge_choices(playbook)
        self.fields["paper"].initial = playbook.pdf_paper_size


def edition_or_404(request):
    """The ``edition`` query parameter (``screen`` when absent)."""
    edition = request.GET.get("edition", Edition.SCREEN)
    if edition not in Edition.values:
        raise Http404("Unknown edition")
    return edition


def with_edition(url, edition):
    return url if edition == Edition.SCREEN else f"{url}?edition={edition}"


class ExportStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "exports/admin/status.html"
    header_icon = "doc-full"
    page_title = "PDF export"

    def dispatch(self, request, *args, **kwargs):
        self.playbook = editable_playbook(request, kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.playbook.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.playbook.pk]),
                "label": self.playbook.title,
            },
            {"url": "", "label": "PDF export"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exports = {
            (e.edition, e.paper): e for e in PlaybookExport.objects.filter(playbook=self.playbook)
        }
        busy = {PlaybookExport.Status.PENDING, PlaybookExport.Status.RUNNING}
        context.update(
            playbook=self.playbook,
            busy=any(export.status in busy for export in exports.values()),
            exportable=is_exportable(self.playbook),
            papers=[
                {
                    # The screen edition keeps its plain ids and labels.
                    "key": key if edition == Edition.SCREEN else f"{key}-{edition}",
                    "label": label if edition == Edition.SCREEN else f"{label}, {edition_label}",
                    "is_default": key == self.playbook.pdf_paper_size and edition == Edition.SCREEN,
                    "export": exports.get((edition, key)),
                    "download_url": with_edition(
                        reverse("exports_admin:download", args=[self.playbook.pk, key]), edition
                    ),
                    "regenerate_url": with_edition(
                        reverse("exports_admin:regenerate", args=[self.playbook.pk, key]), edition
                    ),
                }
                for edition, edition_label in Edition.choices
                for key, label in PlaybookPage.PaperSize.choices
            ],
        )
        context.update(self.personal_context())
        if context["personal_export"] is not None and not personal.servable(
            context["personal_export"]
        ):
            context["busy"] = context["busy"] or context["personal_export"].status in busy
        return context

    def personal_context(self):
        asked = "personal" in self.request.GET
        form = PersonalPdfForm(self.request.GET if asked else None, playbook=self.playbook)
        export = None
        if asked and form.is_valid():
            try:
                export = personal.request_personal_pdf(
                    self.playbook,
                    form.cleaned_data["challenges"],
                    form.cleaned_data["paper"],
                    form.cleaned_data["edition"] or Edition.SCREEN,
                )
            except (UnknownChallenges, PlaybookNotExportable) as exc:
                form.add_error(None, str(exc))
        return {
            "personal_form": form,
            "personal_export": export,
            "personal_ready": export is not None and personal.servable(export),
            "personal_download_url": reverse(
                "exports_admin:personal_download", args=[self.playbook.pk, export.key]
            )
            if export is not None
            else "",
        }


@require_POST
def regenerate(request, page_id, paper):
    playbook = editable_playbook(request, page_id)
    paper = paper_or_404(paper)
    edition = edition_or_404(request)
    if not is_exportable(playbook):
        messages.error(request, "Only a live, public playbook has a PDF. Publish it first.")
    else:
        export = schedule_export(
            playbook, paper, edition=edition, reason="regenerate (admin)", delay=0, force=True
        )
        if export.status == PlaybookExport.Status.FAILED:
            messages.error(request, f"The PDF could not be generated: {export.error}")
        elif export.status == PlaybookExport.Status.READY:
            messages.success(request, "The PDF was regenerated.")
        else:
            messages.success(request, "The PDF will be regenerated in a moment.")
    return redirect("exports_admin:status", page_id=playbook.pk)


def download(request, page_id, paper):
    playbook = editable_playbook(request, page_id)
    paper = paper_or_404(paper)
    edition = edition_or_404(request)
    export = PlaybookExport.objects.filter(playbook=playbook, paper=paper, edition=edition).first()
    if export is None or not export.has_file or not default_storage.exists(export.file_name):
        messages.warning(request, "There is no PDF in this paper size yet. Generate it first.")
        return redirect("exports_admin:status", page_id=playbook.pk)
    return FileResponse(
        default_storage.open(export.file_name, "rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{playbook.slug}-{paper}{'' if edition == Edition.SCREEN else '-' + edition}.pdf",
    )


def personal_download(request, page_id, key):
    playbook = editable_playbook(request, page_id)
    export = PersonalExport.objects.filter(playbook=playbook, key=key).first()
    if export is None or not personal.servable(export):
        messages.warning(request, "This personal PDF is not ready (any more). Make it again.")
        return redirect("exports_admin:status", page_id=playbook.pk)
    personal.touch(export)
    return FileResponse(
        default_storage.open(export.file_name, "rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{playbook.slug}-selection-{export.paper}-{export.edition}.pdf",
    )
