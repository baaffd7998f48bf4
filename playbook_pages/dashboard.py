"""The admin dashboard for the whole team (wagtail hook construct_homepage_panels).

Contract: ``SiteChangesPanel`` replaces Wagtail's "Your most recent edits" with the
latest change to each page across the site, whoever made it (page, kind, what
happened, who, when), limited to pages the user may edit. ``PlaybookPdfPanel`` lists
every playbook with each paper size's PDF status and when it was last generated, with
a link to its export page. Neither shows a column that has nothing in it.
"""

from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import Page, PageLogEntry

# What counts as a change to content; moderation and locking are left to their panels.
CHANGE_ACTIONS = [
    "wagtail.create",
    "wagtail.edit",
    "wagtail.publish",
    "wagtail.publish.scheduled",
    "wagtail.unpublish",
    "wagtail.move",
    "wagtail.rename",
    "wagtail.revert",
]


class SiteChangesPanel(Component):
    name = "site_changes"
    order = 240
    template_name = "playbook_pages/dashboard/site_changes.html"
    limit = 10

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        seen, latest = set(), []
        # Newest first; autosave makes many edits of one page, so look further back
        # than the rows shown and keep each page's latest change.
        entries = (
            PageLogEntry.objects.filter(action__in=CHANGE_ACTIONS)
            .select_related("user")
            .order_by("-timestamp", "-pk")[: self.limit * 20]
        )
        for entry in entries:
            if entry.page_id not in seen:
                seen.add(entry.page_id)
                latest.append(entry)
        pages = Page.objects.specific().in_bulk([entry.page_id for entry in latest])
        rows = []
        for entry in latest:
            page = pages.get(entry.page_id)
            if page is None or not page.permissions_for_user(self.request.user).can_edit():
                continue
            rows.append(
                {
                    "page": page,
                    "kind": page._meta.verbose_name.capitalize(),
                    "entry": entry,
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                }
            )
            if len(rows) == self.limit:
                break
        return {"rows": rows}


class PlaybookPdfPanel(Component):
    name = "playbook_pdfs"
    order = 245
    template_name = "playbook_pages/dashboard/playbook_pdfs.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        from exports.models import PlaybookExport
        from playbook_pages.models import PlaybookPage

        playbooks = [
            playbook
            for playbook in PlaybookPage.objects.order_by("path")
            if playbook.permissions_for_user(self.request.user).can_edit()
        ]
        exports = {}
        for export in PlaybookExport.objects.filter(playbook__in=playbooks).order_by("paper"):
            exports.setdefault(export.playbook_id, []).append(export)
        return {
            "playbooks": [
                {
                    "page": playbook,
                    "exports": exports.get(playbook.pk, []),
                    "status_url": reverse("exports_admin:status", args=[playbook.pk]),
                }
                for playbook in playbooks
            ]
        }
