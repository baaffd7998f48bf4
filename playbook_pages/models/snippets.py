"""Shared vocabulary: organisations and themes, edited once and chosen everywhere.

Both are translatable (a translation per locale, linked by ``translation_key``); a
name and a slug are unique within a locale.
"""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        NON_PROFIT = "non_profit", _("Non-profit")
        SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
        GOVERNMENT = "government", _("Government agency")
        FUNDER = "funder", _("Funder / foundation")
        ACADEMIC = "academic", _("University / research")

    name = models.CharField(max_length=200, help_text="The organisation's usual name.")
    slug = models.SlugField(
        max_length=200,
        blank=True,
        help_text="Used in web addresses and API filters. Filled in from the name if left empty.",
    )
    kind = models.CharField(
        max_length=32,
        choices=Kind.choices,
        default=Kind.NON_PROFIT,
        help_text="What sort of organisation it is.",
    )
    country = models.CharField(
        max_length=100, blank=True, help_text="Where it is based, e.g. 'Kenya' or 'Global'."
    )
    website = models.URLField(blank=True, help_text="Its home page, starting with https://.")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. A square logo works best.",
    )
    description = models.TextField(blank=True, help_text="One or two sentences about it.")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("country"),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("description"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("kind"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "name"], name="organisation_name_per_locale"),
            models.UniqueConstraint(fields=["locale", "slug"], name="organisation_slug_per_locale"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:200]
        super().save(*args, **kwargs)


class Theme(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(max_length=120, help_text="e.g. 'Measuring impact'.")
    slug = models.SlugField(
        max_length=120,
        blank=True,
        help_text="Used in web addresses and API filters. Filled in from the name if left empty.",
    )
    description = models.TextField(blank=True, help_text="What the theme covers.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "name"], name="theme_name_per_locale"),
            models.UniqueConstraint(fields=["locale", "slug"], name="theme_slug_per_locale"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)
