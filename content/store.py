"""Build, store and read the representations of published content.

Contract:

* ``build(scope, page)`` returns what the API serializers make of one visible page
  for one site in one locale (rows are keyed by site and locale: the scope's): each
  shape its kind has (``content.kinds``) as data, the pages it
  shows (every page reference carries its ``api_url``) and the earliest expiry
  among them. It stores nothing: previews build a draft with it.
* ``write(scope, page_ids)`` brings the stored rows of those pages up to date:
  built and upserted when the page is visible (``content.rules``), removed when
  not. It returns the ids whose stored bodies changed; ``reference_changes`` (filled
  when given) gets those whose card or list item changed, which is what other
  pages show of them. Every write and removal appends to the change ledger
  (``content.ledger``) in the same transaction: created, updated, deleted.
* ``rebuild_site(scope)`` writes every visible page of a site and removes the rest;
  ``differences(scope)`` builds everything in memory and lists what differs from
  the store (``manage.py verify_representations``: the oracle of the tests).
* Readers: ``detail_rows``, ``bodies``, ``served_bodies``, ``visible_page_ids``,
  ``with_stored`` (a filtered list's items) and ``StoredList`` (an unfiltered
  list's) answer from the store alone, for one site and locale (``locale=``, the default
  locale when not given), honouring expiry at read time; a row showing a page whose
  expiry has passed since it was built (``stale_at``) is rebuilt on the spot before it is served.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import orjson
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery, Window
from django.utils import timezone, translation
from wagtail.models import Page

from content import generation, kinds, ledger
from content.compiled import CompiledQuery
from content.models import ChangeAction, Representation, RepresentationDependency, Shape
from content.rules import ReaderScope, default_locale, not_expired_q

# Every page reference in every output ends with its API address.
PAGE_API_URL = re.compile(r"/api/v1/pages/(\d+)/$")
ANY_LOCALE = "*"  # a reader's locale= for a look-up by page id, which names one locale
BATCH = 200


@dataclass
class Built:
    page: Page
    kind: kinds.PageKind
    shapes: dict[str, dict]
    shows: set[int] = field(default_factory=set)  # ids of the other pages it shows
    stale_at: datetime | None = None

    def bodies(self) -> dict[str, bytes]:
        return {shape: encode(data) for shape, data in self.shapes.items()}


def encode(data) -> bytes:
    return orjson.dumps(data)


def etag_for(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def build(scope: ReaderScope, page: Page) -> Built | None:
    """The representations of ``page`` (specific) as readers of ``scope``'s site see them."""
    from api.context import serializer_context  # the API's serializers write them

    kind = kinds.for_model(type(page))
    if kind is None:
        return None
    context = serializer_context(scope)
    shapes = {}
    # Labels (a tool's type, an organisation's kind) in the locale's language.
    with translation.override(scope.locale):
        for shape, serializer_class in kind.shapes().items():
            data = serializer_class(page, context=context).data
            shapes[shape] = context["refs"].resolve(data)
    built = Built(page, kind, shapes)
    built.shows = _pages_shown(shapes.values()) - {page.pk}
    return built


def _pages_shown(values) -> set[int]:
    found: set[int] = set()
    stack = list(values)
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            api_url = value.get("api_url")
            if isinstance(api_url, str):
                match = PAGE_API_URL.search(api_url)
                if match:
                    found.add(int(match.group(1)))
            stack.extend(value.values())
        elif isinstance(value, list | tuple):
            stack.extend(value)
    return found


def _with_expiry(built_pages: list[Built]) -> None:
    """Set ``stale_at``: the earliest future expiry among the pages each one shows."""
    shown = set().union(*(built.shows for built in built_pages)) if built_pages else set()
    if not shown:
        return
    expiring = dict(
        Page.objects.filter(pk__in=shown, expire_at__gt=timezone.now()).values_list(
            "pk", "expire_at"
        )
    )
    for built in built_pages:
        times = [expiring[pk] for pk in built.shows if pk in expiring]
        built.stale_at = min(times) if times else None


def _specific_pages(page_ids: Iterable[int]):
    return Page.objects.filter(pk__in=list(page_ids)).specific().order_by("path")


def build_visible(scope: ReaderScope, page_ids: Iterable[int]) -> tuple[list[Built], set[int]]:
    """Built pages among ``page_ids`` that readers may see, and the ids that are hidden."""
    page_ids = set(page_ids)
    visible = set(scope.pages().filter(pk__in=page_ids).values_list("pk", flat=True))
    built_pages = []
    for page in _specific_pages(visible):
        built = build(scope, page)
        if built is not None:
            built_pages.append(built)
    _with_ancestors(scope, built_pages)
    _with_expiry(built_pages)
    hidden = page_ids - {built.page.pk for built in built_pages}
    return built_pages, hidden


def _with_ancestors(scope: ReaderScope, built_pages: list[Built]) -> None:
    """Every page depends on its ancestors, shown or not: a hidden ancestor that comes
    back reappears in its breadcrumbs."""
    step = Page.steplen
    if scope.root is None:
        return
    root_depth = len(scope.root.path) // step
    wanted = {
        built.page.pk: [
            built.page.path[: depth * step] for depth in range(root_depth, built.page.depth)
        ]
        for built in built_pages
    }
    paths = {path for prefixes in wanted.values() for path in prefixes}
    if not paths:
        return
    ids = dict(Page.objects.filter(path__in=paths).values_list("path", "pk"))
    for built in built_pages:
        built.shows |= {ids[path] for path in wanted[built.page.pk] if path in ids}


# Writing ----------------------------------------------------------------------


def write(scope: ReaderScope, page_ids: Iterable[int], reference_changes=None) -> set[int]:
    """Store the representations of these pages as they are now; ids whose bodies changed."""
    page_ids = set(page_ids)
    changed: set[int] = set()
    shown = reference_changes if reference_changes is not None else set()
    ids = sorted(page_ids)
    for start in range(0, len(ids), BATCH):
        changed |= _write_batch(scope, ids[start : start + BATCH], shown)
    return changed


def _write_batch(scope: ReaderScope, page_ids: list[int], shown: set[int]) -> set[int]:
    built_pages, hidden = build_visible(scope, page_ids)
    now = timezone.now()
    site_id, locale = scope.site.id, scope.locale
    with transaction.atomic():
        ledger.lock()  # before any row is touched: ledger writers take turns
        stored, before = {}, {}
        for row in Representation.objects.filter(
            site_id=site_id, locale=locale, page_id__in=page_ids
        ).only("page_id", "shape", "etag", "kind", "path"):
            stored[(row.page_id, row.shape)] = row.etag
            before[row.page_id] = (row.kind, row.path)
        rows, changed = [], set()
        entries: dict[int, ledger.Entry] = {}
        for built in built_pages:
            path = scope.frontend_path(built.page.url_path)
            for shape, body in built.bodies().items():
                etag = etag_for(body)
                if stored.pop((built.page.pk, shape), None) != etag:
                    changed.add(built.page.pk)
                    if shape != Shape.DETAIL:
                        shown.add(built.page.pk)
                    _entry(entries, built.page.pk, built.kind.name, path, before).shapes += (shape,)
                rows.append(
                    Representation(
                        site_id=site_id,
                        locale=locale,
                        page_id=built.page.pk,
                        shape=shape,
                        kind=built.kind.name,
                        slug=built.page.slug,
                        path=path,
                        body=body.decode(),
                        etag=etag,
                        expire_at=built.page.expire_at,
                        stale_at=built.stale_at,
                        built_at=now,
                    )
                )
        # Left in ``stored``: the rows of hidden pages (and of a shape a kind dropped).
        gone = {page_id for page_id, _ in stored}
        changed |= gone
        shown |= gone
        for page_id, shape in sorted(stored):
            kind, old_path = before[page_id]
            entry = _entry(entries, page_id, kind, old_path, before)
            if page_id in hidden:
                entry.action, entry.previous_path = ChangeAction.DELETED, ""
            entry.shapes += (shape,)
        ledger.record(site_id, list(entries.values()), locale)
        if hidden & gone:
            Representation.objects.filter(
                site_id=site_id, locale=locale, page_id__in=hidden & gone
            ).delete()
        for page_id, shape in stored:
            if page_id not in hidden:
                Representation.objects.filter(
                    site_id=site_id, locale=locale, page_id=page_id, shape=shape
                ).delete()
        if rows:
            Representation.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["site", "locale", "page", "shape"],
                update_fields=[
                    "kind",
                    "slug",
                    "path",
                    "body",
                    "etag",
                    "expire_at",
                    "stale_at",
                    "built_at",
                ],
            )
        RepresentationDependency.objects.filter(site_id=site_id, page_id__in=page_ids).delete()
        RepresentationDependency.objects.bulk_create(
            [
                RepresentationDependency(site_id=site_id, page_id=built.page.pk, key=f"page:{pk}")
                for built in built_pages
                for pk in sorted(built.shows)
            ],
            ignore_conflicts=True,
        )
    return changed


def _entry(entries, page_id, kind, path, before) -> ledger.Entry:
    """The ledger entry of one page in this write: created if nothing was stored."""
    entry = entries.get(page_id)
    if entry is None:
        action = ChangeAction.UPDATED if page_id in before else ChangeAction.CREATED
        old_path = before[page_id][1] if page_id in before else ""
        entry = entries[page_id] = ledger.Entry(
            page_id, action, kind, path, old_path if old_path != path else ""
        )
    return entry


def _tombstones(rows) -> dict[tuple[int, str], list[ledger.Entry]]:
    """Deleted entries, by site and locale, for these (about to go) representation rows."""
    found: dict[tuple[int, str], dict[int, ledger.Entry]] = {}
    for row in rows:
        by_page = found.setdefault((row.site_id, row.locale), {})
        entry = by_page.setdefault(
            row.page_id, ledger.Entry(row.page_id, ChangeAction.DELETED, row.kind, row.path)
        )
        entry.shapes += (row.shape,)
    return {key: list(by_page.values()) for key, by_page in found.items()}


def withdraw(page_ids: Iterable[int], site_id: int | None = None, locale: str | None = None):
    """Stop serving these pages at once, in every site (before their rebuild runs)."""
    with transaction.atomic():
        ledger.lock()
        rows = Representation.objects.filter(page_id__in=list(page_ids))
        if site_id is not None:
            rows = rows.filter(site_id=site_id)
        if locale is not None:
            rows = rows.filter(locale=locale)
        for (site, locale), entries in sorted(_tombstones(rows.only(*TOMBSTONE_FIELDS)).items()):
            ledger.record(site, entries, locale)
        rows.delete()


def record_deletion(page_ids: Iterable[int]) -> None:
    """Pages are being deleted (their rows go with them): their tombstones, now."""
    with transaction.atomic():
        ledger.lock()
        rows = Representation.objects.filter(page_id__in=list(page_ids))
        for (site, locale), entries in sorted(_tombstones(rows.only(*TOMBSTONE_FIELDS)).items()):
            ledger.record(site, entries, locale)


TOMBSTONE_FIELDS = ("site_id", "locale", "page_id", "shape", "kind", "path")


def rebuild_site(scope: ReaderScope) -> int:
    """Write every visible page of the site in the scope's locale, remove every other
    row of that locale; the number written."""
    visible = list(scope.pages().values_list("pk", flat=True))
    hidden = (
        Representation.objects.filter(site_id=scope.site.id, locale=scope.locale)
        .exclude(page_id__in=scope.pages().values("pk"))
        .values_list("page_id", flat=True)
    )
    withdraw(set(hidden), site_id=scope.site.id, locale=scope.locale)
    write(scope, visible)
    # Whatever a full rebuild follows (a restore, a bulk load) may have changed the
    # objects too, without a signal: no answer kept before it is reused.
    generation.bump()
    return len(visible)


def remove_other_locales(site_id: int, locales: list[str]) -> None:
    """Stop serving the site's rows of any locale not among ``locales`` (a language
    switched off, or a root translation gone)."""
    rows = Representation.objects.filter(site_id=site_id).exclude(locale__in=locales)
    for locale in set(rows.values_list("locale", flat=True)):
        withdraw(set(rows.filter(locale=locale).values_list("page_id", flat=True)), site_id, locale)


def differences(scope: ReaderScope) -> list[str]:
    """What a fresh build of the whole site has that the store has not, and the reverse."""
    visible = sorted(scope.pages().values_list("pk", flat=True))
    expected: dict[tuple[int, str], bytes] = {}
    for start in range(0, len(visible), BATCH):
        built_pages, _ = build_visible(scope, visible[start : start + BATCH])
        for built in built_pages:
            for shape, body in built.bodies().items():
                expected[(built.page.pk, shape)] = body
    stored = {
        (row.page_id, row.shape): row.body.encode()
        for row in Representation.objects.filter(site_id=scope.site.id, locale=scope.locale).only(
            "page_id", "shape", "body"
        )
    }
    found = []
    where = f"site {scope.site.id} ({scope.locale})"
    for key in sorted(expected.keys() | stored.keys()):
        page_id, shape = key
        if key not in stored:
            found.append(f"{where}: page {page_id} {shape} is missing from the store")
        elif key not in expected:
            found.append(f"{where}: page {page_id} {shape} is stored but hidden")
        elif expected[key] != stored[key]:
            found.append(f"{where}: page {page_id} {shape} differs")
    return found


# Reading ----------------------------------------------------------------------


def _rebuild_noted_changes() -> None:
    """With ``CONTENT_REBUILD_ON_READ`` (tests), what changed so far is stored before a read."""
    if getattr(settings, "CONTENT_REBUILD_ON_READ", False):
        from content.changes import flush

        flush()


def _locale_lookup(locale: str | None) -> dict:
    """A reader's ``locale=`` as a filter: the default locale when not given, any for ANY_LOCALE."""
    return {} if locale == ANY_LOCALE else {"locale": locale or default_locale()}


def _served(site_id: int, shape: str, locale: str | None = None, now: datetime | None = None):
    _rebuild_noted_changes()
    return Representation.objects.filter(
        site_id=site_id, shape=shape, **_locale_lookup(locale)
    ).filter(not_expired_q(now=now))


def next_change(site_id: int, now: datetime) -> datetime | None:
    """The first moment after ``now`` at which a body the store holds for the site
    expires or goes stale: what is read from the store is good until then."""
    found = Representation.objects.filter(site_id=site_id).aggregate(
        expiring=Min("expire_at", filter=Q(expire_at__gt=now)),
        stale=Min("stale_at", filter=Q(stale_at__gt=now)),
    )
    return min((moment for moment in found.values() if moment is not None), default=None)


def detail_rows(
    site_id: int, *, limit: int = 5, locale: str | None = None, **lookup
) -> list[Representation]:
    """Stored details matching ``lookup`` (``kind``/``slug``, ``page_id`` or ``path``)."""
    _rebuild_noted_changes()
    lookup |= _locale_lookup(locale)
    query = _detail_query(tuple(sorted(lookup)), limit)
    rows = query.run(site_id=site_id, now=timezone.now(), **lookup)
    return _fresh(site_id, rows)


@functools.cache
def _detail_query(names: tuple[str, ...], limit: int) -> CompiledQuery:
    """The detail look-up by these fields, compiled once: a reader's detail request
    is this one indexed read, and the ORM took longer to build it than to run it."""

    def build(site_id, now, **lookup):
        return (
            Representation.objects.filter(site_id=site_id, shape=Shape.DETAIL, **lookup)
            .filter(not_expired_q(now=now))
            .order_by("path")[:limit]
        )

    return CompiledQuery(Representation, build)


def bodies(
    site_id: int, shape: str, page_ids: Iterable[int], locale: str | None = None
) -> dict[int, Representation]:
    """Stored rows of one shape for these pages (those readers may see), by page id."""
    rows = list(_served(site_id, shape, locale).filter(page_id__in=list(page_ids)))
    return {row.page_id: row for row in _fresh(site_id, rows)}


def served_bodies(site_id: int, shape: str, locale: str | None = None) -> list[str]:
    """The JSON text of every row of one shape readers of the site may see (search's
    vocabulary for "did you mean"); a site's worth of cards, one query."""
    return list(_served(site_id, shape, locale).values_list("body", flat=True))


def visible_page_ids(
    site_id: int, shape: str = Shape.LIST, locale: str | None = None, kind: str | None = None
):
    """A subquery of the ids of pages the store serves in ``shape`` (for list filters);
    with ``kind``, of that kind only (an index range, not every page of the site)."""
    served = _served(site_id, shape, locale)
    if kind is not None:
        served = served.filter(kind=kind)
    return served.values("page_id")


def with_stored(
    queryset, site_id: int, shape: str, locale: str | None = None, fallback: bool = False
):
    """``(id, body, stale_at)`` rows of ``queryset``'s pages that the store serves, in its
    order: one statement gives a page of a list with its stored items.

    With ``fallback``, ``queryset`` spans every locale: its pages of the default locale
    whose translation into ``locale`` the store does not serve come too.
    """
    served = _served_in(site_id, shape, locale, fallback).filter(page_id=OuterRef("pk"))
    # A page has rows in its own locale only: one body per page, either way.
    return (
        queryset.filter(Exists(served))
        .annotate(
            stored_body=Subquery(served.values("body")[:1]),
            stored_stale_at=Subquery(served.values("stale_at")[:1]),
        )
        .values_list("pk", "stored_body", "stored_stale_at")
    )


def _served_in(site_id: int, shape: str, locale: str | None, fallback: bool, now=None):
    """The rows of ``shape`` a reader of ``locale`` gets: with ``fallback``, also those
    of the default locale whose page's translation into ``locale`` is not served."""
    served = _served(site_id, shape, locale, now)
    if not fallback:
        return served
    translated = served.filter(page__translation_key=OuterRef("page__translation_key"))
    return served | _served(site_id, shape, default_locale(), now).exclude(Exists(translated))


class StoredList:
    """Every page of one kind the store serves in ``shape``, in ``ordering`` (fields of
    ``Page``): an unfiltered list's ``with_stored`` rows, as ``ContentPagination``
    pages a source.

    ``page_with_count(start, stop)`` reads a page of rows and the total in one
    statement (stored rows joined to their pages for the order, a window count),
    compiled once per kind, ordering, shape and fallback (``content.compiled``): the
    first page of a list is what every frontend asks for, and the ORM took longer to
    build that statement than the database to run it.
    """

    def __init__(
        self,
        kind: str,
        ordering: tuple[str, ...],
        site_id: int,
        shape: str,
        locale: str,
        fallback: bool = False,
    ):
        if locale == ANY_LOCALE:
            raise ValueError("a list is read in one locale")
        self.query = _list_query(kind, ordering, shape, fallback)
        self.values = {"site_id": site_id, "locale": locale}

    def page_with_count(self, start: int, stop: int):
        """(the rows from ``start`` to ``stop``, the total or None if that page is empty)."""
        _rebuild_noted_changes()
        rows = self.query.run_slice(start, stop, now=timezone.now(), **self.values)
        if not rows:
            return [], None
        return [(pk, body, stale_at) for pk, body, stale_at, _ in rows], rows[0][3]

    def count(self) -> int:
        return self.query.build(now=timezone.now(), **self.values).count()


@functools.cache
def _list_query(kind: str, ordering: tuple[str, ...], shape: str, fallback: bool) -> CompiledQuery:
    def build(site_id, locale, now):
        rows = _served_in(site_id, shape, locale, fallback, now).filter(kind=kind)
        order = [
            f"-page__{name[1:]}" if name.startswith("-") else f"page__{name}" for name in ordering
        ]
        return (
            rows.order_by(*order)
            .annotate(total=Window(Count("*")))
            .values_list("page_id", "body", "stale_at", "total")
        )

    return CompiledQuery(Representation, build)


def fresh_bodies(
    site_id: int, shape: str, rows, locale: str | None = None, fallback: bool = False
) -> list[str]:
    """The bodies of ``with_stored`` rows, any showing an expired page rebuilt first."""
    now = timezone.now()
    if any(stale_at is not None and stale_at <= now for _, _, stale_at in rows):
        ids = [pk for pk, _, _ in rows]
        found = bodies(site_id, shape, ids, locale)
        if fallback:
            found = {**bodies(site_id, shape, ids, default_locale()), **found}
        return [found[pk].body for pk, _, _ in rows if pk in found]
    return [body for _, body, _ in rows]


def _fresh(site_id: int, rows: list[Representation]) -> list[Representation]:
    """``rows``, with any that show a page whose expiry has passed rebuilt first."""
    now = timezone.now()
    stale = {row.page_id for row in rows if row.stale_at is not None and row.stale_at <= now}
    if not stale:
        return rows
    from wagtail.models import Site

    locale = rows[0].locale
    write(ReaderScope.for_site(Site.objects.get(pk=site_id), locale), stale)
    fresh = {
        (row.page_id, row.shape): row
        for row in _served(site_id, rows[0].shape, locale).filter(page_id__in=stale)
    }
    result = []
    for row in rows:
        if row.page_id in stale:
            row = fresh.get((row.page_id, row.shape))
        if row is not None:
            result.append(row)
    return result


def kinds_of(site_id: int, page_ids: Iterable[int], locale: str | None = None) -> dict[int, str]:
    """The kind of each of these pages the store holds a detail of (expired or not)."""
    return dict(
        Representation.objects.filter(
            site_id=site_id,
            locale=locale or default_locale(),
            shape=Shape.DETAIL,
            page_id__in=list(page_ids),
        ).values_list("page_id", "kind")
    )
