"""Which stored pages a change touches.

Contract: ``pages_to_rebuild(scope, changed)`` takes the ids of pages that changed
(published, unpublished, moved, deleted, made private or public, or shown
differently because an object they use changed) and returns every page of the
site whose representations may show something different now:

* the changed pages themselves;
* every page whose stored representations show one of them (``RepresentationDependency``,
  written from what each build showed: cards, references, breadcrumbs, trees);
* every page that points at one of them, or that one of them points at, through a
  relation, a StreamField or rich text (Wagtail's reference index, which also
  covers a challenge's solutions) or a many-to-many field (not in that index): a
  page that becomes visible appears where it is referenced, and a page that lists
  the pages citing it ("challenges", "case studies") follows their changes;
* their ancestors (navigation trees and child listings show descendants), and
  the siblings of those whose kind shows its neighbours (a challenge's previous
  and next).

``pages_using(model, pk)`` are the pages that use a non-page object (image,
document, snippet) directly, for ``content.changes``.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, ReferenceIndex

from content import kinds
from content.models import RepresentationDependency
from content.rules import ReaderScope


def _many_to_many(target_model):
    """(page model, field name) for each many-to-many field of a page kind to ``target_model``."""
    for kind in kinds.PAGE_KINDS:
        for model_field in kind.model._meta.get_fields():
            if not (model_field.many_to_many and model_field.concrete):
                continue
            related = model_field.related_model
            if issubclass(target_model, related) or (
                target_model is Page and issubclass(related, Page)
            ):
                yield kind.model, model_field.name


def pages_using(model, pks) -> set[int]:
    """Ids of pages that refer to these objects (of ``model``) directly."""
    pks = list(pks)
    if not pks:
        return set()
    # The reference index files every page under Page's content type.
    base = ContentType.objects.get_for_model(Page if issubclass(model, Page) else model)
    found = set(
        int(object_id)
        for object_id in ReferenceIndex.objects.filter(
            to_content_type=base,
            to_object_id__in=[str(pk) for pk in pks],
            base_content_type=ContentType.objects.get_for_model(Page),
        ).values_list("object_id", flat=True)
    )
    for page_model, name in _many_to_many(model):
        found |= set(page_model.objects.filter(**{f"{name}__in": pks}).values_list("pk", flat=True))
    return found


def _pages_used_by(page_ids) -> set[int]:
    """Ids of pages these pages refer to (reference index and many-to-many fields)."""
    page_type = ContentType.objects.get_for_model(Page)
    found = set(
        int(object_id)
        for object_id in ReferenceIndex.objects.filter(
            base_content_type=page_type,
            object_id__in=[str(pk) for pk in page_ids],
            to_content_type=page_type,
        ).values_list("to_object_id", flat=True)
    )
    for page_model, name in _many_to_many(Page):
        found |= set(
            page_model.objects.filter(pk__in=page_ids)
            .exclude(**{f"{name}__isnull": True})
            .values_list(f"{name}__pk", flat=True)
        )
    return found


def _ancestors(scope: ReaderScope, page_ids) -> set[int]:
    paths = set(Page.objects.filter(pk__in=page_ids).values_list("path", flat=True))
    prefixes = {
        path[:end] for path in paths for end in range(Page.steplen, len(path), Page.steplen)
    }
    root = scope.root.path if scope.root else None
    prefixes = {prefix for prefix in prefixes if root and prefix.startswith(root)}
    if not prefixes:
        return set()
    return set(Page.objects.filter(path__in=prefixes).values_list("pk", flat=True))


def dependents(scope: ReaderScope, page_ids) -> set[int]:
    """Pages whose stored representations show any of these pages."""
    return set(
        RepresentationDependency.objects.filter(
            site_id=scope.site.id, key__in=[f"page:{pk}" for pk in page_ids]
        ).values_list("page_id", flat=True)
    )


def with_descendants(page_ids) -> set[int]:
    paths = list(Page.objects.filter(pk__in=page_ids).values_list("path", flat=True))
    if not paths:
        return set(page_ids)
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return set(page_ids) | set(Page.objects.filter(condition).values_list("pk", flat=True))


def pages_to_rebuild(scope: ReaderScope, changed) -> set[int]:
    changed = set(changed)
    if not changed:
        return set()
    affected = set(changed)
    affected |= dependents(scope, changed)
    affected |= pages_using(Page, changed)
    affected |= _pages_used_by(changed)
    affected |= _ancestors(scope, changed)
    affected |= _neighbours(changed)
    affected |= _translations(changed)  # each lists the others
    # Only this scope's locale is built here (each locale has a scope of its own).
    if scope.root is None:
        return set()
    elsewhere = Page.objects.filter(pk__in=affected).exclude(path__startswith=scope.root.path)
    return affected - set(elsewhere.values_list("pk", flat=True))


def _translations(page_ids) -> set[int]:
    keys = Page.objects.filter(pk__in=page_ids).values("translation_key")
    return set(Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True))


def _neighbours(page_ids) -> set[int]:
    found = set()
    for kind in kinds.PAGE_KINDS:
        if not kind.shows_neighbours:
            continue
        for page in Page.objects.filter(pk__in=page_ids).type(kind.model):
            found |= set(page.get_siblings().type(kind.model).values_list("pk", flat=True))
    return found
