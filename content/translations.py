"""Translated pages keep to their locale: the relations of a page point at pages and
snippets of the page's own locale wherever a translation exists.

Contract: ``localize(page_ids)`` rewrites, for each of these pages, every relation to
a translatable object (a page chosen as a challenge's solution, the tools a case
study used, a publication's learning lab; themes, organisations and the other
snippets of many-to-many fields) whose target has a translation in the page's
locale: it then points at that translation. It also does so for the pages of the
same locale that point at an object these pages translate (a tool translated after
the challenge that cites it). It returns the ids of the pages whose relations it
changed. The representation rebuild calls it first, so every output (API, PDF,
reader, feed) shows a translation's own locale; rich-text links are localised where
they are rendered (``api.references``), since their ids live inside the text.

Why here and not in wagtail-localize: it copies these relations from the source as
they are (page foreign keys and many-to-many fields are "synchronised"), by design,
leaving the choice of target to the site at run time. Writing the localised ids
back keeps every filter, facet and "cited by" look-up a plain query within one
locale. The rows are written with queryset updates: no signal, no new revision (an
editor's draft still shows the source's choices; the next sync and publish are
localised again).
"""

from __future__ import annotations

from collections import defaultdict

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, ReferenceIndex, TranslatableMixin

from content import dependencies


def localize(page_ids) -> set[int]:
    """Point these pages' relations (and those of the pages that cite what they
    translate) at objects of their own locale; the ids of pages rewritten."""
    page_ids = set(page_ids)
    if not page_ids:
        return set()
    candidates = page_ids | _citing_other_translations(page_ids)
    changed = set()
    for page in Page.objects.filter(pk__in=candidates).specific(defer=True):
        if _localize_page(page):
            changed.add(page.pk)
    return changed


def _citing_other_translations(page_ids) -> set[int]:
    """Pages that point at another locale's version of one of these pages."""
    keys = Page.objects.filter(pk__in=page_ids).values("translation_key")
    others = set(
        Page.objects.filter(translation_key__in=keys)
        .exclude(pk__in=page_ids)
        .values_list("pk", flat=True)
    )
    return dependencies.pages_using(Page, others) if others else set()


def _translatable(model) -> bool:
    return isinstance(model, type) and issubclass(model, TranslatableMixin)


def _targets_in_locale(model, ids, locale_id) -> dict[int, int]:
    """For each id of ``model`` whose object has a translation in ``locale_id``: that
    translation's id (an object already in the locale maps to itself)."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return {}
    base = Page if issubclass(model, Page) else model
    keys = dict(base.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
    local = dict(
        base.objects.filter(
            translation_key__in=set(keys.values()), locale_id=locale_id
        ).values_list("translation_key", "pk")
    )
    return {pk: local[key] for pk, key in keys.items() if key in local}


def _localize_page(page) -> bool:
    locale_id = page.locale_id
    model = type(page)
    changed = False
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) or not _translatable(field.related_model):
            continue
        if field.many_to_many:
            changed |= _localize_many(page, field, locale_id)
        elif isinstance(field, models.ForeignKey) and not isinstance(field, ParentalKey):
            if field.remote_field.parent_link:
                continue
            current = getattr(page, field.attname)
            target = _targets_in_locale(field.related_model, [current], locale_id).get(current)
            if target is not None and target != current:
                model.objects.filter(pk=page.pk).update(**{field.attname: target})
                changed = True
    for relation in get_all_child_relations(model):
        changed |= _localize_children(page, relation, locale_id)
    if changed:
        ReferenceIndex.create_or_update_for_object(Page.objects.get(pk=page.pk).specific)
    return changed


def _localize_many(page, field, locale_id) -> bool:
    through = field.remote_field.through
    own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
    rows = list(through.objects.filter(**{own: page.pk}).values_list("pk", f"{other}_id"))
    targets = _targets_in_locale(field.related_model, [pk for _, pk in rows], locale_id)
    wanted = [targets.get(pk, pk) for _, pk in rows]
    if wanted == [pk for _, pk in rows]:
        return False
    through.objects.filter(**{own: page.pk}).delete()
    through.objects.bulk_create(
        [through(**{f"{own}_id": page.pk, f"{other}_id": pk}) for pk in dict.fromkeys(wanted)]
    )
    return True


def _localize_children(page, relation, locale_id) -> bool:
    child_model = relation.related_model
    parental = relation.field.name
    changed = False
    for field in child_model._meta.get_fields():
        if not (
            isinstance(field, models.ForeignKey)
            and not isinstance(field, ParentalKey)
            and _translatable(field.related_model)
        ):
            continue
        rows = list(
            child_model.objects.filter(**{parental: page.pk}).values_list("pk", field.attname)
        )
        targets = _targets_in_locale(field.related_model, [pk for _, pk in rows], locale_id)
        by_target = defaultdict(list)
        for pk, current in rows:
            target = targets.get(current)
            if target is not None and target != current:
                by_target[target].append(pk)
        for target, pks in by_target.items():
            child_model.objects.filter(pk__in=pks).update(**{field.attname: target})
            changed = True
    return changed
