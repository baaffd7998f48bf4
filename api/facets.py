"""Facet counts of the list endpoints: what each filter value would leave in the list.

Contract: ``GET /api/v1/<list>/facets/`` takes the same filters as the list
(``api.filters``; not ``page``, ``page_size`` or ``ordering``), validated the same
way (a bad value is the same 400), and answers::

    {"count": 7,                                # items the list shows with these filters
     "facets": {"theme": [{"value": "evidence", "label": "Evidence", "count": 3}, ...],
                "year":  [{"value": "2021", "label": "2021", "count": 2}, ...]}}

* Counts are over the pages the store serves (``content.store.visible_page_ids``,
  which holds only what ``content.rules`` lets readers see), so a hidden page is in
  no count, and a challenge facet lists visible challenges only.
* Each facet's counts apply every *other* filter given, not its own (the usual
  "disjunctive" facets): with ``?theme=a`` the theme facet still counts ``b``, so a
  reader can switch; every other facet counts within theme ``a``. A value with no
  item is left out, so no choice a reader is offered leads to an empty list.
* A filter set lists its facets in ``facets`` (name → ``Facet``); the name is the
  list parameter the value goes back into.
* Values are in a stable order: years newest first, the rest by label.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django_filters.utils import translate_validation

from content import kinds, store
from content.models import Shape

FACET_EXCLUDED_PARAMETERS = frozenset({"ordering"})


@dataclass(frozen=True)
class Facet:
    """How to count one filter's values over a queryset of visible pages.

    ``value``/``label``: the lookups (through relations) giving a value's slug and
    name; ``choices`` labels a choice field's values instead; ``newest_first``
    orders numeric values (years) descending; ``visible_pages``: the value is itself
    a page (a challenge), counted only while readers may see it.
    """

    value: str
    label: str | None = None
    choices: tuple = ()
    newest_first: bool = False
    visible_pages: bool = False

    def counts(self, queryset, site_id: int, locale: str) -> list[dict]:
        rows = queryset
        if self.visible_pages:
            pk_lookup = self.value.rsplit("__", 1)[0] + "__pk__in"
            visible = store.visible_page_ids(site_id, Shape.DETAIL, locale)
            rows = rows.filter(**{pk_lookup: visible})
        fields = [self.value] + ([self.label] if self.label else [])
        labels = dict(self.choices)
        found = []
        for row in rows.values(*fields).annotate(count=Count("pk", distinct=True)).order_by():
            value = row[self.value]
            if value is None or value == "":  # an item without one (no theme, no year)
                continue
            label = row[self.label] if self.label else labels.get(value, value)
            found.append({"value": str(value), "label": str(label), "count": row["count"]})
        if self.newest_first:
            found.sort(key=lambda item: -int(item["value"]))
        else:
            found.sort(key=lambda item: (item["label"].casefold(), item["value"]))
        return found


def visible_queryset(model, site_id: int, locale: str):
    """The model's pages that the store serves as list items for the site and locale."""
    visible = store.visible_page_ids(site_id, Shape.LIST, locale, kind=kinds.for_model(model).name)
    return model.objects.filter(pk__in=visible)


def _filtered(filterset_class, data, queryset, request):
    filterset = filterset_class(data, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise translate_validation(filterset.errors)
    return filterset.qs


def facet_counts(filterset_class, request, model, site_id: int, locale: str) -> dict:
    """The facets answer for the request's filters (see the module's contract)."""
    data = request.query_params.copy()
    for name in FACET_EXCLUDED_PARAMETERS:
        data.pop(name, None)
    base = visible_queryset(model, site_id, locale)
    filtered = _filtered(filterset_class, data, base, request)
    count = filtered.count()
    facets = {}
    for name, facet in filterset_class.facets.items():
        if name in data:
            others = data.copy()
            others.pop(name)
            others_filtered = _filtered(filterset_class, others, base, request)
        else:  # its own filter is not given: the other filters are all of them
            others_filtered = filtered
        facets[name] = facet.counts(others_filtered, site_id, locale)
    return {"count": count, "facets": facets}
