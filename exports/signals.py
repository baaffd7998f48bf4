"""Keep PDFs fresh: follow the store of representations, never the editor's actions.

Contract: the PDF follows ``content.changes``, the one receiver of editor actions,
through two events of the representation store:

* ``representations_changed`` (a rebuild stored new bodies): the playbooks whose
  PDF shows one of the changed pages (``exports.content.playbooks_showing``: read
  from what the stored playbooks and challenges show) get a debounced re-export;
  the task skips unchanged content, so being generous here costs little.
* a stored representation removed (content left the public: unpublished, deleted,
  made private, moved out of the site): the playbooks whose PDF showed it stop being
  served at once, in the same transaction's commit, and are re-made without waiting
  (``services.schedule_playbooks(withdraw=True)``). They are found while the row is
  removed, before anything is rebuilt, so the pages that showed it still say so.
* a collection made private: a document leaves the public without any page doing
  so (the tools that offer it are only rebuilt), so every PDF stops being served at
  once and is re-made, as for a page.

It also sends ``pdf_ready`` (``export``: the ``PlaybookExport``) when an export has put
a new file in place, the one now served (webhooks announce it as ``pdf.ready``).
An export that fails, or finds the served file already current, sends nothing.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from wagtail.models import CollectionViewRestriction, Site

from content.changes import representations_changed
from content.models import Representation
from content.rules import ReaderScope

# Sent after an export put a new PDF in place: export (the PlaybookExport, refreshed).
pdf_ready = Signal()


def queue_after_commit(playbook_ids, reason, withdraw=False):
    """Queue re-exports once the change is committed; ``withdraw`` when content left."""
    if not playbook_ids:
        return
    from exports.services import schedule_playbooks

    ids = sorted(playbook_ids)

    def queue_exports():
        schedule_playbooks(ids, reason=reason, withdraw=withdraw)

    # robust: a failure to queue is logged, never turned into an error for the
    # editor whose publish has already been committed. (A plain function, not a
    # partial: Django names the callback by its __qualname__ when it logs.)
    transaction.on_commit(queue_exports, robust=True)


def scope_of(site_id, locale=None):
    site = Site.objects.select_related("root_page").filter(pk=site_id).first()
    return ReaderScope.for_site(site, locale) if site is not None else None


def on_representations_changed(sender, site_id, page_ids, locale=None, **kwargs):
    from exports.content import playbooks_showing

    scope = scope_of(site_id, locale)
    if scope is not None:
        queue_after_commit(
            playbooks_showing(scope, page_ids), f"representations of {len(page_ids)} page(s)"
        )


def on_representation_removed(sender, instance, **kwargs):
    """A page's stored representation went: the PDFs that showed it go too."""
    from exports.content import playbooks_showing

    if instance.shape != "detail":
        return  # one look-up per page is enough: every shape goes together
    scope = scope_of(instance.site_id, instance.locale)
    if scope is None:
        return
    found = playbooks_showing(scope, [instance.page_id])
    if instance.kind == "playbook":  # services then withdraws its PDFs and makes none
        found.add(instance.page_id)
    queue_after_commit(found, f"page {instance.page_id} left the public", withdraw=True)


def on_collection_made_private(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from playbook_pages.models import PlaybookPage

    ids = set(PlaybookPage.objects.values_list("pk", flat=True))
    queue_after_commit(ids, "a collection was made private", withdraw=True)


def connect():
    from exports.models import PlaybookExport

    post_delete.connect(on_export_deleted, sender=PlaybookExport, dispatch_uid="exports_file")
    representations_changed.connect(
        on_representations_changed, dispatch_uid="exports_representations_changed"
    )
    post_delete.connect(
        on_representation_removed, sender=Representation, dispatch_uid="exports_left_public"
    )
    post_save.connect(
        on_collection_made_private,
        sender=CollectionViewRestriction,
        dispatch_uid="exports_collection_private",
    )


def on_export_deleted(sender, instance, **kwargs):
    """A playbook went away: its PDFs go too, once the deletion is committed."""
    from exports.storage import delete_quietly

    name = instance.file_name
    if name:

        def delete_file():
            delete_quietly(name)

        transaction.on_commit(delete_file, robust=True)
