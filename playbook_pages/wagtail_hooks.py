"""Admin registration: snippets, the editors' dashboard, admin scripts and hints.

* Organisations and themes are snippets editors can manage (menu *Taxonomy*).
* The dashboard shows recent changes across the site and each playbook's PDF status
  (``dashboard.py``) instead of only the user's own edits.
* ``static/playbook_pages/admin.js`` (readable upload titles, character counters,
  the autosave notice, solution headings) and its styles load on every admin page.
* Creating a challenge from a playbook's "+" says why it went straight to a challenge.
* Editing a page whose translations are out of date (its source changed since they
  were synced) says so, with *Sync translated pages* (``translation_status.py``).
"""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin import messages
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from playbook_pages.dashboard import PlaybookPdfPanel, SiteChangesPanel
from playbook_pages.models import ChallengePage, Organisation, PlaybookPage, Theme
from playbook_pages.translation_status import stale_translations


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisations"
    list_display = ["name", "kind", "country"]
    list_filter = ["kind"]
    search_fields = ["name", "country"]
    ordering = ["name"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Themes"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, ThemeViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "Taxonomy"
    menu_name = "taxonomy"


register_snippet(TaxonomyViewSetGroup)


@hooks.register("construct_homepage_panels")
def team_dashboard(request, panels):
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") != "recent_edits"]
    panels.extend([SiteChangesPanel(request), PlaybookPdfPanel(request)])


@hooks.register("insert_global_admin_js")
def admin_js():
    return format_html('<script src="{}"></script>', static("playbook_pages/admin.js"))


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("playbook_pages/admin.css"))


@hooks.register("before_create_page")
def explain_new_challenge(request, parent_page, page_class):
    # A playbook's folders exist once each, so its "+" has one choice left and Wagtail
    # opens it directly; say so, and where the other kinds of page go.
    if (
        request.method == "GET"
        and page_class is ChallengePage
        and isinstance(parent_page.specific, PlaybookPage)
    ):
        folders = [child.title for child in parent_page.get_children().not_type(ChallengePage)]
        where = f" ({', '.join(folders)})" if folders else ""
        messages.info(
            request,
            "A playbook holds challenges directly, so “+” opens a new challenge. It is "
            "added after the last challenge; drag it into place in the playbook's list. "
            f"Tools, case studies and resources are added inside their folders{where}.",
        )


@hooks.register("before_edit_page")
def warn_out_of_date_translations(request, page):
    if request.method != "GET":
        return
    stale = stale_translations(page)
    if stale is None:
        return
    locales = ", ".join(stale.locales)
    synced = stale.synced_at.strftime("%-d %B %Y, %H:%M")
    if stale.source_page.pk == page.pk:
        text = (
            f"Out of date: the {locales} translation(s) were last synced on {synced}; "
            "this page has been published since. Sync them to bring the changes to the "
            "translators."
        )
    else:
        text = (
            f"Out of date: “{stale.source_page.title}” changed after this translation was "
            f"last synced ({synced}). Sync to see the new and changed text."
        )
    messages.warning(
        request, text, buttons=[messages.button(stale.sync_url, "Sync translated pages")]
    )
