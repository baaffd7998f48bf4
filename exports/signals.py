"""Keep PDFs fresh: content changes queue a (debounced) re-export of the playbooks they touch.

Contract: publishing, unpublishing, moving or deleting a page, changing a page's view
restriction, and saving a document, image or organisation that pages use, each
queue one re-export per affected playbook once the transaction commits. Affected
means: the playbook the page sits in (or any playbook below it), and every playbook
whose challenges list the page as a solution. Queueing is debounced and the task
skips unchanged content, so being generous here costs little. When content leaves
the public (unpublish, delete, move, a new view restriction) the affected PDFs stop
being served at once and are re-made without waiting (``services.schedule_playbooks``).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move

from playbook_pages.models import ChallengeSolution, Organisation, PlaybookPage


def playbooks_affected_by(pages):
    """Ids of the playbooks whose PDF may show any of ``pages``."""
    pages = [page for page in pages if page is not None and page.pk]
    if not pages:
        return set()
    ids = set()
    for page in pages:
        ids |= set(
            PlaybookPage.objects.ancestor_of(page, inclusive=True).values_list("pk", flat=True)
        )
        ids |= set(PlaybookPage.objects.descendant_of(page).values_list("pk", flat=True))
    challenge_ids = ChallengeSolution.objects.filter(
        page_id__in=[page.pk for page in pages]
    ).values_list("challenge_id", flat=True)
    for challenge in Page.objects.filter(pk__in=list(challenge_ids)):
        ids |= set(PlaybookPage.objects.ancestor_of(challenge).values_list("pk", flat=True))
    return ids


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


def on_page_published(sender, instance, **kwargs):
    queue_after_commit(playbooks_affected_by([instance]), f"published page {instance.pk}")


def on_page_unpublished(sender, instance, **kwargs):
    queue_after_commit(
        playbooks_affected_by([instance]), f"unpublished page {instance.pk}", withdraw=True
    )


def on_page_moved(sender, instance, parent_page_before=None, parent_page_after=None, **kwargs):
    ids = playbooks_affected_by([instance, parent_page_before, parent_page_after])
    queue_after_commit(ids, f"moved page {instance.pk}", withdraw=True)


def on_page_deleted(sender, instance, **kwargs):
    # pre_delete, while the page still has its ancestors.
    if isinstance(instance, Page):
        queue_after_commit(
            playbooks_affected_by([instance]), f"deleted page {instance.pk}", withdraw=True
        )


def on_view_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    made_private = sender is PageViewRestriction and "created" in kwargs  # post_save
    queue_after_commit(
        playbooks_affected_by([page]), "view restriction changed", withdraw=made_private
    )


def on_collection_restriction_changed(sender, instance, **kwargs):
    ids = set(PlaybookPage.objects.values_list("pk", flat=True))
    queue_after_commit(ids, "collection privacy changed", withdraw="created" in kwargs)


def on_used_object_saved(sender, instance, raw=False, created=False, **kwargs):
    """A document, image or organisation changed: re-export the playbooks that use it."""
    if raw or created:
        return
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = (
        ReferenceIndex.get_references_to(instance)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    pages = list(Page.objects.filter(pk__in=[int(pk) for pk in page_ids]))
    queue_after_commit(
        playbooks_affected_by(pages), f"{sender._meta.verbose_name} {instance.pk} changed"
    )


def connect():
    from exports.models import PlaybookExport

    post_delete.connect(on_export_deleted, sender=PlaybookExport, dispatch_uid="exports_file")
    page_published.connect(on_page_published, dispatch_uid="exports_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="exports_page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="exports_page_moved")
    pre_delete.connect(on_page_deleted, dispatch_uid="exports_page_deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            on_view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"exports_view_restriction_{signal is post_save}",
        )
        signal.connect(
            on_collection_restriction_changed,
            sender=CollectionViewRestriction,
            dispatch_uid=f"exports_collection_restriction_{signal is post_save}",
        )
    for model in (get_document_model(), get_image_model(), Organisation):
        post_save.connect(
            on_used_object_saved, sender=model, dispatch_uid=f"exports_used_{model._meta.label}"
        )


def on_export_deleted(sender, instance, **kwargs):
    """A playbook went away: its PDFs go too, once the deletion is committed."""
    from exports.storage import delete_quietly

    name = instance.file_name
    if name:

        def delete_file():
            delete_quietly(name)

        transaction.on_commit(delete_file, robust=True)
