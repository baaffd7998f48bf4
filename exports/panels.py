"""An editor panel that shows the playbook's PDF export status (used on the PDF tab).

Contract: ``ExportStatusPanel()`` renders, for a saved playbook, each paper size's
status, the time of the last export and the failure reason if any, with links to
download the PDF and to regenerate it. It has no form fields. Models are imported
lazily so page models can import this module without an import cycle.
"""

from django.urls import reverse
from wagtail.admin.panels import Panel


class ExportStatusPanel(Panel):
    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "PDF export")
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "exports/admin/status_panel.html"

        def get_context_data(self, parent_context=None):
            from exports.models import PlaybookExport

            context = super().get_context_data(parent_context)
            playbook = self.instance
            exports = []
            if playbook.pk:
                exports = list(
                    PlaybookExport.objects.filter(playbook_id=playbook.pk).order_by(
                        "-edition", "paper"
                    )
                )
                context["status_url"] = reverse("exports_admin:status", args=[playbook.pk])
                for export in exports:
                    export.download_url = reverse(
                        "exports_admin:download", args=[playbook.pk, export.paper]
                    ) + ("" if export.edition == "screen" else f"?edition={export.edition}")
            context["exports"] = exports
            return context
