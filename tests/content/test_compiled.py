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
