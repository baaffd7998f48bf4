"""Content changed: the one receiver of editor actions, and the task that follows it.

Contract: ``connect()`` (from ``ContentConfig.ready``) listens to every action that
can change what readers see: a page published, unpublished (also by the scheduler),
moved or deleted; a view restriction on a page or a collection added, changed or
removed; an image, document, organisation, theme or site saved or deleted. Each
action notes the pages it changed; when the transaction commits, one
``rebuild_representations`` task per transaction (none when the one this thread
queued last covers the same pages and has not started yet) brings the store up to date
(``content.dependencies`` says which pages to rebuild). Content that leaves the
public (unpublished, deleted, made private) stops being served at once, inside the
editor's own transaction, before the task runs. When the task has stored new
bodies it sends ``representations_changed`` (site id, ids of the pages whose
representations changed): the one event every follower (PDF exports) listens to.
When the rebuild followed a snippet (a model registered with Wagtail's snippets:
organisations, themes) saved or deleted, it then sends ``snippets_changed`` per
site (site id, the snippets as ``{"model", "id", "action"}``, the ids of that
site's pages whose stored bodies the same rebuild changed: ids from the store,
never a draft's).
Every store write and withdrawal also appends to the change ledger
(``content.ledger``), which the change feed serves and webhooks and CDN purges
follow. Every noted action (and the end of a ``paused()`` load) also makes a new
content generation (``content.generation``: of pages, or of objects for a snippet,
image or document), so no answer built on what it changed is reused.

Draft saves, locks, workflow steps and comments change nothing readers see and
queue nothing.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import Signal
from django_tasks import TaskResultStatus, default_task_backend, task, task_backends
from django_tasks.exceptions import TaskResultDoesNotExist
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from content import dependencies, generation, store, translations
from content.rules import ReaderScope, forget_sites

logger = logging.getLogger(__name__)

# Sent after a rebuild stored new bodies: site_id, page_ids (a sorted list), locale.
representations_changed = Signal()
# Sent per site and locale after a rebuild that followed snippet saves or deletions:
# site_id, locale, page_ids and snippets (list of {"model": label, "id": pk,
# "action": "saved" or "deleted"}).
snippets_changed = Signal()

# Ahead of other tasks on their queue, where the backend orders by priority (the
# database one); RQ has none, and refuses a task that asks for one.
HIGH_PRIORITY = 10 if default_task_backend.supports_priority else 0

# Cascades through pages whose own card changed stop after this many rounds.
MAX_CASCADE = 3

_pending = threading.local()


@contextmanager
def paused():
    """Note nothing inside: for bulk loads, whose caller rebuilds the store afterwards
    (``manage.py rebuild_representations``). Withdrawals still happen."""
    _pending.paused = getattr(_pending, "paused", 0) + 1
    try:
        yield
    finally:
        _pending.paused -= 1
        generation.bump()  # what changed inside may show in answers before the rebuild


def _note(page_ids=(), subtrees=(), snippets=(), objects=False) -> None:
    """Remember changed pages (and whole subtrees, and the snippets that changed them)
    for the task queued at commit.

    Every call asks for a flush at commit; the first flush takes everything noted so
    far and the others find nothing, so one transaction queues one task.
    """
    if getattr(_pending, "paused", 0):
        return
    # An object (snippet, image, document) changed is read as it is by some answers;
    # the pages showing it change when the rebuild writes them (content.ledger).
    generation.bump(generation.OBJECTS if objects else generation.PAGES)
    state = getattr(_pending, "state", None)
    if state is None:
        state = _pending.state = {"pages": set(), "subtrees": set(), "snippets": {}}
    state["pages"].update(pk for pk in page_ids if pk)
    state["subtrees"].update(pk for pk in subtrees if pk)
    for snippet in snippets:  # the last action on a snippet in this transaction counts
        state["snippets"][(snippet["model"], snippet["id"])] = snippet
    transaction.on_commit(_queue, robust=True)


def _take_pending() -> tuple[list[int], list[int], list[dict]] | None:
    state = getattr(_pending, "state", None)
    _pending.state = None
    if not state or not (state["pages"] or state["subtrees"] or state["snippets"]):
        return None
    snippets = [state["snippets"][key] for key in sorted(state["snippets"])]
    return sorted(state["pages"]), sorted(state["subtrees"]), snippets


def _queue() -> None:
    pending = _take_pending()
    if not pending or _still_waiting(pending):
        return
    _pending.queued = (pending, rebuild_representations.enqueue(*pending))


def _still_waiting(pending) -> bool:
    """Whether the rebuild this thread queued last covers ``pending`` and has not
    started yet: it reads the pages when it runs, after this commit, so it stores
    this change too. (A publish commits twice, the page's save and then
    ``page_published``, without an outer transaction, in the admin as in a script:
    without this, every publish would rebuild everything twice, and the next
    publish would wait behind the second.)"""
    queued = getattr(_pending, "queued", None)
    if queued is None:
        return False
    (pages, subtrees, snippets), result = queued
    new_pages, new_subtrees, new_snippets = pending
    covered = (
        set(new_pages) <= set(pages)
        and set(new_subtrees) <= set(subtrees)
        and all(snippet in snippets for snippet in new_snippets)
    )
    if not covered:
        return False
    backend = task_backends[rebuild_representations.backend]
    if not backend.supports_get_result:
        return False
    try:
        return backend.get_result(result.id).status == TaskResultStatus.READY
    except TaskResultDoesNotExist:
        return False


def flush() -> None:
    """Rebuild what this thread noted, here and now (``CONTENT_REBUILD_ON_READ``).

    The test settings read the store inside the test's own transaction, which never
    commits; the store calls this before each read there, so a test sees its changes.
    """
    pending = _take_pending()
    if pending:
        rebuild_representations.call(*pending)


# The "content" queue has a worker of its own (see TASK_QUEUES in the settings).
@task(queue_name="content", priority=HIGH_PRIORITY)
def rebuild_representations(
    page_ids: list[int], subtree_ids: list[int], snippets: list[dict] | None = None
) -> dict:
    """Rebuild what depends on these changed pages, in every site; a summary.

    ``snippets`` are the snippets whose save or deletion noted these pages: each site
    then hears ``snippets_changed`` with the pages whose bodies this rebuild changed.
    """
    changed_ids = set(page_ids) | dependencies.with_descendants(subtree_ids)
    _refresh_reference_index(changed_ids)
    # Translations point at their own locale's pages and snippets before any is built.
    changed_ids |= translations.localize(changed_ids)
    summary = {}
    for scope in ReaderScope.all_sites():
        rebuilt, stored = rebuild_for(scope, changed_ids)
        counts = summary.setdefault(scope.site.id, {"rebuilt": 0, "changed": 0})
        counts["rebuilt"] += len(rebuilt)
        counts["changed"] += len(stored)
        if snippets:
            # Robust: the store is rebuilt whatever a follower (webhooks) makes of it.
            for receiver, error in snippets_changed.send_robust(
                sender=rebuild_representations,
                site_id=scope.site.id,
                locale=scope.locale,
                snippets=snippets,
                page_ids=sorted(stored),
            ):
                if isinstance(error, Exception):
                    logger.error("snippets_changed receiver %s failed: %r", receiver, error)
    return summary


def rebuild_for(scope: ReaderScope, changed_ids) -> tuple[set[int], set[int]]:
    """(ids rebuilt, ids whose stored bodies changed) after these pages changed."""
    todo = dependencies.pages_to_rebuild(scope, changed_ids)
    # The changed pages first, committed on their own: a reader sees the edit itself
    # before the pages that show it (cards, navigation, neighbours) are rebuilt.
    rebuilt = todo & set(changed_ids)
    stored = store.write(scope, rebuilt)
    for _ in range(MAX_CASCADE + 1):
        todo -= rebuilt
        if not todo:
            break
        shown_differently: set[int] = set()
        stored |= store.write(scope, todo, shown_differently)
        rebuilt |= todo
        # A page whose card or list item changed is shown differently elsewhere: the
        # pages that show it follow. (A changed detail alone shows nowhere else.)
        todo = dependencies.dependents(scope, shown_differently - set(changed_ids))
    logger.info(
        "site %s: %d page(s) changed, %d rebuilt, %d with new bodies",
        scope.site.id,
        len(changed_ids),
        len(rebuilt),
        len(stored),
    )
    if stored:
        representations_changed.send(
            sender=rebuild_representations,
            site_id=scope.site.id,
            page_ids=sorted(stored),
            locale=scope.locale,
        )
    return rebuilt, stored


def _refresh_reference_index(page_ids) -> None:
    """The reference index of changed pages, now (Wagtail updates it in a task of its own)."""
    from wagtail.models import ReferenceIndex

    for page in Page.objects.filter(pk__in=page_ids).specific():
        ReferenceIndex.create_or_update_for_object(page)


# Receivers ------------------------------------------------------------------


def _forget_sites_if_root(page) -> None:
    """A site root's translation appeared, changed or went: the cached sites (which
    list each locale's root) are looked up afresh."""
    if Site.objects.filter(root_page__translation_key=page.translation_key).exists():
        # After the commit too: a request in between may cache the sites as they were.
        forget_sites()
        transaction.on_commit(forget_sites, robust=True)


def _on_published(sender, instance, **kwargs):
    _forget_sites_if_root(instance)
    stored_path = store.Representation.objects.filter(page_id=instance.pk).values_list(
        "path", flat=True
    )[:1]
    # A new slug changes the paths of every page below.
    moved = bool(stored_path) and not stored_path[0].endswith(f"/{instance.slug}/")
    _note([instance.pk], [instance.pk] if moved else [])


# Columns a draft save, a lock or a workflow step writes on the page row: readers
# never see them, so they change nothing in the store.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_by",
        "locked_at",
    }
)


def _on_page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """A live page saved outside a publish (a script, an import, a restore)."""
    if raw or not isinstance(instance, Page):
        return
    if update_fields and frozenset(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    _note([instance.pk])


def _on_child_changed(sender, instance, raw=False, **kwargs):
    """A row of a page's inline list (solutions, templates, tags) written directly."""
    if raw:
        return
    for parental_key in _parental_keys(type(instance)):
        _note([getattr(instance, parental_key.attname, None)])


def _parental_keys(model):
    from modelcluster.fields import ParentalKey

    return [field for field in model._meta.get_fields() if isinstance(field, ParentalKey)]


def _child_models():
    from modelcluster.models import get_all_child_relations

    from content import kinds

    found = set()
    for kind in kinds.PAGE_KINDS:
        for relation in get_all_child_relations(kind.model):
            found.add(relation.related_model)
    return found


def _on_unpublished(sender, instance, **kwargs):
    _forget_sites_if_root(instance)
    store.withdraw([instance.pk])
    _note([instance.pk])


def _on_moved(sender, instance, parent_page_before=None, parent_page_after=None, **kwargs):
    before = getattr(parent_page_before, "pk", None)
    after = getattr(parent_page_after, "pk", None)
    _note([before, after], [instance.pk])


def _on_page_deleting(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.pk:
        # Before the row goes: the parent must still be found to rebuild it, and the
        # stored rows (which go with the page) still say what the tombstone is of.
        store.record_deletion([instance.pk])
        _forget_sites_if_root(instance)
        parent = instance.get_parent()
        # The pages linking to it are found in the reference index, whose rows naming
        # it go with it: they are noted now, or their links would keep a dead target.
        referring = dependencies.pages_using(Page, [instance.pk])
        _note([instance.pk, getattr(parent, "pk", None), *referring])


def _on_restriction_saved(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    hidden = dependencies.with_descendants([instance.page_id])
    store.withdraw(hidden)
    _note(subtrees=[instance.page_id])


def _on_restriction_deleted(sender, instance, **kwargs):
    _note(subtrees=[instance.page_id])


# Columns Wagtail fills in on an image or document when it is first read (a build
# reads them): they change nothing a reader sees, and noting them would rebuild again.
OBJECT_BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})


def _on_object_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    update_fields = kwargs.get("update_fields")
    if update_fields and frozenset(update_fields) <= OBJECT_BOOKKEEPING_FIELDS:
        return
    snippets = ()
    if type(instance) in get_snippet_models():  # organisations, themes
        action = "deleted" if kwargs.get("signal") is pre_delete else "saved"
        snippets = [{"model": instance._meta.label_lower, "id": instance.pk, "action": action}]
    _note(dependencies.pages_using(type(instance), [instance.pk]), snippets=snippets, objects=True)


def _on_collection_restriction(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    from wagtail.documents import get_document_model

    documents = get_document_model().objects.filter(
        collection__path__startswith=instance.collection.path
    )
    _note(dependencies.pages_using(get_document_model(), documents.values_list("pk", flat=True)))


def _on_site_changed(sender, instance, **kwargs):
    forget_sites()
    if not kwargs.get("raw") and not getattr(_pending, "paused", 0):
        transaction.on_commit(lambda: rebuild_site_task.enqueue(), robust=True)


@task(queue_name="content")
def rebuild_site_task() -> dict:
    """A site was added, removed or moved to another root: rebuild every site."""
    from content.models import Representation

    Representation.objects.exclude(site_id__in=Site.objects.values("pk")).delete()
    return {scope.site.id: store.rebuild_site(scope) for scope in ReaderScope.all_sites()}


def _object_models():
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from playbook_pages.models import Organisation, Theme

    return [get_image_model(), get_document_model(), Organisation, Theme, Collection]


def connect() -> None:
    page_published.connect(_on_published, dispatch_uid="content-published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="content-unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="content-moved")
    pre_delete.connect(_on_page_deleting, dispatch_uid="content-page-deleting")
    post_save.connect(_on_page_saved, dispatch_uid="content-page-saved")
    for model in _child_models():
        for signal in (post_save, post_delete):
            signal.connect(
                _on_child_changed,
                sender=model,
                dispatch_uid=f"content-child-{model._meta.label}-{id(signal)}",
            )
    post_save.connect(
        _on_restriction_saved, sender=PageViewRestriction, dispatch_uid="content-restricted"
    )
    post_delete.connect(
        _on_restriction_deleted, sender=PageViewRestriction, dispatch_uid="content-unrestricted"
    )
    for signal in (post_save, post_delete):
        signal.connect(
            _on_collection_restriction,
            sender=CollectionViewRestriction,
            dispatch_uid=f"content-collection-restriction-{id(signal)}",
        )
        signal.connect(_on_site_changed, sender=Site, dispatch_uid=f"content-site-{id(signal)}")
    # Saved: who uses it now. Deleted: who used it, asked before its relations go.
    for signal in (post_save, pre_delete):
        for model in _object_models():
            signal.connect(
                _on_object_changed,
                sender=model,
                dispatch_uid=f"content-object-{model._meta.label}-{id(signal)}",
            )
