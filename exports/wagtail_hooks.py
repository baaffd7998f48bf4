"""Admin wiring for PDF exports: URLs, page actions and a dashboard warning.

Contract: a playbook page gets "Download PDF", "Regenerate PDF" and "PDF export
status" in its header and listing menus (for users who may edit it); the admin home
lists playbooks whose last export failed, with the reason.
"""

from django.urls import include, path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem

from exports import admin_views
from playbook_pages.models import PlaybookPage

app_name = "exports_admin"
urlpatterns = [
    path("<int:page_id>/", admin_views.ExportStatusView.as_view(), name="status"),
    path("<int:page_id>/<str:paper>/regenerate/", admin_views.regenerate, name="regenerate"),
    path("<int:page_id>/<str:paper>/download/", admin_views.download, name="download"),
    path(
        "<int:page_id>/personal/<str:key>/",
        admin_views.personal_download,
        name="personal_download",
    ),
]


@hooks.register("register_admin_urls")
def register_export_urls():
    return [path("exports/playbook/", include((urlpatterns, app_name), namespace=app_name))]


class PdfMenuItem(PageMenuItem):
    def is_shown(self, user):
        return self.page.permissions_for_user(user).can_edit()


def pdf_menu_items(page, user):
    if page.specific_class is not PlaybookPage:
        return []
    from exports.models import Edition, PlaybookExport

    paper = getattr(page.specific_deferred, "pdf_paper_size", "a4")
    # The header menu offers the screen edition; the PDF export page has both.
    export = PlaybookExport.objects.filter(
        playbook_id=page.pk, paper=paper, edition=Edition.SCREEN
    ).first()
    items = []
    if export is not None and export.has_file:
        when = date_format(localtime(export.generated_at), "j M H:i") if export.generated_at else ""
        items.append(
            PdfMenuItem(
                label=f"Download PDF ({when})" if when else "Download PDF",
                url=reverse("exports_admin:download", args=[page.pk, paper]),
                icon_name="download",
                priority=66,
                page=page,
            )
        )
    status = export.get_status_display().lower() if export else "not generated yet"
    items.append(
        PdfMenuItem(
            label="Regenerate PDF",
            url=reverse("exports_admin:status", args=[page.pk]),
            icon_name="rotate",
            priority=67,
            page=page,
        )
    )
    items.append(
        PdfMenuItem(
            label=f"PDF export status: {status}",
            url=reverse("exports_admin:status", args=[page.pk]),
            icon_name="warning" if export and export.status == "failed" else "doc-full",
            priority=68,
            page=page,
        )
    )
    return [item for item in items if item.is_shown(user)]


@hooks.register("register_page_header_buttons")
def pdf_header_buttons(page, user, view_name=None, next_url=None):
    yield from pdf_menu_items(page, user)


@hooks.register("register_page_listing_more_buttons")
def pdf_listing_buttons(page, user, next_url=None):
    yield from pdf_menu_items(page, user)


class FailedExportsPanel(Component):
    """Admin home: playbooks whose last PDF export failed."""

    name = "failed_pdf_exports"
    order = 90

    def __init__(self, exports):
        self.exports = exports

    def render_html(self, parent_context=None):
        rows = format_html_join(
            "",
            '<li><a href="{}">{} ({})</a>: {}</li>',
            (
                (
                    reverse("exports_admin:status", args=[export.playbook_id]),
                    export.playbook.title,
                    export.get_paper_display(),
                    export.error,
                )
                for export in self.exports
            ),
        )
        return format_html(
            '<section class="w-panel help-block help-critical" aria-label="PDF exports">'
            "<h2>PDF exports that failed</h2><ul>{}</ul></section>",
            rows,
        )


@hooks.register("construct_homepage_panels")
def add_failed_exports_panel(request, panels):
    from exports.models import PlaybookExport

    failed = list(
        PlaybookExport.objects.filter(status=PlaybookExport.Status.FAILED).select_related(
            "playbook"
        )[:10]
    )
    failed = [e for e in failed if e.playbook.permissions_for_user(request.user).can_edit()]
    if failed:
        panels.append(FailedExportsPanel(failed))
