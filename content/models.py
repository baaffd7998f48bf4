"""The stored representation of published content.

Contract: a ``Representation`` is one shape (``detail``, ``list`` item or ``card``)
of one visible page for one site and locale, as the API serializers write it, kept
as the JSON text the API answers with, with its ETag. A row exists only while its
page is visible (``content.store`` writes and removes rows; ``content.rules``
decides visibility); ``expire_at`` is the page's own expiry (readers stop seeing it
then, before the scheduler unpublishes it), ``stale_at`` the earliest expiry of a
page it shows (it is rebuilt when read after that). ``RepresentationDependency``
rows say what a page's representations show (pages, images, documents, snippets),
so one change rebuilds exactly what shows it.
"""

from __future__ import annotations

from django.db import models
from wagtail.models import Page, Site


class Shape(models.TextChoices):
    DETAIL = "detail", "Detail"
    LIST = "list", "List item"
    CARD = "card", "Card"


class Representation(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    # Ready for translations: "" is the default locale until locales are switched on.
    locale = models.CharField(max_length=20, blank=True, default="")
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    shape = models.CharField(max_length=10, choices=Shape.choices)
    kind = models.CharField(max_length=40)
    slug = models.CharField(max_length=255)
    path = models.CharField(max_length=1000)
    body = models.TextField(help_text="The JSON the API answers with.")
    etag = models.CharField(max_length=40)
    expire_at = models.DateTimeField(null=True, blank=True)
    stale_at = models.DateTimeField(null=True, blank=True)
    built_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["site", "locale", "page", "shape"], name="one_representation_per_shape"
            )
        ]
        # Each look-up of ``content.store.detail_rows`` has an index that answers it in
        # the order it asks for (``path``): without ``path`` in the slug index, SQLite
        # (no statistics) read every detail of the site in path order to find one slug.
        indexes = [
            models.Index(
                fields=["site", "locale", "shape", "kind", "slug", "path"], name="repr_by_slug"
            ),
            models.Index(fields=["site", "locale", "shape", "path"], name="repr_by_path"),
            models.Index(fields=["site", "page", "shape"], name="repr_by_page"),
        ]

    def __str__(self):
        return f"{self.kind} {self.slug} ({self.shape}, site {self.site_id})"

    @property
    def good_until(self):
        """When this body stops being what a reader may see (None: until a change)."""
        moments = [m for m in (self.expire_at, self.stale_at) if m is not None]
        return min(moments, default=None)


class RepresentationDependency(models.Model):
    """The representations of ``page`` in ``site`` show the object named by ``key``."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    # "page:12", "image:3", "document:7", "organisation:5", "theme:2"
    key = models.CharField(max_length=80)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "page", "key"], name="one_dependency_per_key")
        ]
        indexes = [models.Index(fields=["key"], name="dependency_by_key")]

    def __str__(self):
        return f"page {self.page_id} shows {self.key}"


class ChangeAction(models.TextChoices):
    CREATED = "created", "Created"
    UPDATED = "updated", "Updated"
    DELETED = "deleted", "Deleted"


class Change(models.Model):
    """One entry of the change feed: a page's stored representations in one site and
    locale were created, updated or removed (``content.ledger``).

    ``id`` is the feed's cursor: ledger writers take one lock, so ids commit in order.
    ``page_id`` is not a key: a deleted page keeps its tombstone. Nothing here is
    content: what a reader may see is read from the store when the feed is served.
    """

    id = models.BigAutoField(primary_key=True)
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    locale = models.CharField(max_length=20, blank=True, default="")
    page_id = models.PositiveIntegerField()
    action = models.CharField(max_length=10, choices=ChangeAction.choices)
    kind = models.CharField(max_length=40)
    path = models.CharField(max_length=1000)
    # Set when the page's frontend path changed (a move or a new slug).
    previous_path = models.CharField(max_length=1000, blank=True, default="")
    # The shapes whose bodies changed, comma-separated ("card,detail,list").
    shapes = models.CharField(max_length=40, blank=True, default="")
    changed_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["site", "locale", "id"], name="change_by_cursor"),
            models.Index(fields=["changed_at"], name="change_by_time"),
        ]

    def __str__(self):
        return f"{self.action} {self.kind} {self.page_id} (site {self.site_id}, #{self.id})"
