"""A compiled query answers what its queryset answers, for any values, on both databases."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from content import store
from content.compiled import CompiledQuery
from content.models import Representation
from content.rules import not_expired_q


def _titles(build):
    return CompiledQuery(Page, build)


@pytest.mark.django_db
def test_every_value_fills_its_own_parameter(playbook_tree):
    """Titles, depths and a moment in time: the compiled answers equal the ORM's."""

    def build(title, depth, now):
        return (
            Page.objects.filter(title=title, depth__gte=depth)
            .filter(not_expired_q(now=now))
            .order_by("path")[:3]
        )

    query = _titles(build)
    now = timezone.now()
    for page in Page.objects.filter(depth__gt=1):
        for depth in (1, page.depth, page.depth + 1):
            for moment in (now, now - timedelta(days=400)):
                values = {"title": page.title, "depth": depth, "now": moment}
                assert query.run(**values) == list(build(**values))
    assert query.run(title="No such page", depth=1, now=now) == []


@pytest.mark.django_db
def test_an_expired_page_is_not_found_once_its_time_has_passed(playbook_tree):
    page = Page.objects.filter(depth__gt=2).first()
    page.expire_at = timezone.now() + timedelta(hours=1)
    page.save(update_fields=["expire_at"])
    query = _titles(lambda pk, now: Page.objects.filter(pk=pk).filter(not_expired_q(now=now)))
    assert query.run(pk=page.pk, now=timezone.now()) == [page]
    assert query.run(pk=page.pk, now=timezone.now() + timedelta(hours=2)) == []


@pytest.mark.django_db
def test_a_value_the_orm_transforms_is_left_to_the_orm(playbook_tree):
    """``__startswith`` escapes its value and adds ``%``: not a slot the value fills."""
    page = Page.objects.filter(depth__gt=2).first()
    query = _titles(lambda prefix: Page.objects.filter(path__startswith=prefix).order_by("path"))
    assert query.run(prefix=page.path) == list(Page.objects.filter(path__startswith=page.path))
    assert query.run(prefix="zz") == []


@pytest.mark.django_db
def test_a_stored_detail_is_one_statement(playbook_tree):
    from wagtail.models import Site

    from content.rules import ReaderScope

    store.rebuild_site(ReaderScope.for_site(Site.objects.get(is_default_site=True)))
    row = Representation.objects.filter(shape="detail", kind="tool").first()
    store.detail_rows(row.site_id, kind="tool", slug=row.slug)  # compiled on first use
    with CaptureQueriesContext(connection) as queries:
        found = store.detail_rows(row.site_id, kind="tool", slug=row.slug)
    assert [r.page_id for r in found] == [row.page_id]
    row = Representation.objects.get(pk=found[0].pk)
    assert found[0].body == row.body and found[0].etag == row.etag
    # Read as the ORM reads: SQLite's text datetimes come back aware.
    assert found[0].built_at == row.built_at and found[0].built_at.tzinfo is not None
    assert found[0].expire_at is None
    assert len(queries) == 1


@pytest.mark.django_db
def test_value_tuples_and_slices_answer_what_the_orm_answers(playbook_tree):
    """``values_list()`` with annotations (named out of the SELECT's order) and a
    slice sent as parameters: the same tuples as the ORM's, in its order."""
    from django.db.models import Count, Window

    def build(depth):
        return (
            Page.objects.filter(depth__gte=depth)
            .annotate(total=Window(Count("*")))
            .order_by("path")
            .values_list("total", "title", "pk")
        )

    query = CompiledQuery(Page, build)
    pages = Page.objects.count()
    for depth in (1, 2, 3):
        assert query.run(depth=depth) == list(build(depth))
        for start, stop in ((0, 2), (1, 4), (pages - 1, pages + 5), (pages + 3, pages + 9)):
            assert query.run_slice(start, stop, depth=depth) == list(build(depth)[start:stop])
    assert query.run_slice(0, 3, depth=2)[0][0] == Page.objects.filter(depth__gte=2).count()


@pytest.mark.django_db
@pytest.mark.parametrize("fallback", [False, True])
def test_an_unfiltered_list_reads_what_a_filtered_one_would(playbook_tree, fallback):
    """``StoredList``'s compiled page and total equal ``with_stored`` over the same pages."""
    from wagtail.models import Site

    from content.models import Shape
    from content.rules import ReaderScope, default_locale
    from playbook_pages.models import ToolPage

    site = Site.objects.get(is_default_site=True)
    store.rebuild_site(ReaderScope.for_site(site))
    locale = default_locale()
    source = store.StoredList("tool", ("path",), site.pk, Shape.LIST, locale, fallback)
    expected = list(
        store.with_stored(
            ToolPage.objects.order_by("path"), site.pk, Shape.LIST, locale, fallback=fallback
        )
    )
    assert len(expected) >= 2
    assert source.count() == len(expected)
    for start, stop in ((0, 1), (0, 50), (1, 3)):
        rows, total = source.page_with_count(start, stop)
        assert rows == expected[start:stop] and total == len(expected)
    assert source.page_with_count(len(expected), len(expected) + 10) == ([], None)
    # A page made private leaves the list at once (its rows are withdrawn).
    hidden = ToolPage.objects.get(pk=expected[0][0])
    hidden.unpublish()
    rows, total = source.page_with_count(0, 50)
    assert hidden.pk not in [pk for pk, _, _ in rows] and total == len(expected) - 1
