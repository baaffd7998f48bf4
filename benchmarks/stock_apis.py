"""Stock Wagtail APIs for the benchmarks: every content field exposed through ``api_fields``.

Contract: ``StockAPIFieldsConfig`` is an app listed first in the benchmark's settings
(``benchmarks.settings``) only. Its ``ready()`` runs after every model is loaded and
before the other apps' ``ready()``, which is where Wagtail builds the API v3 schemas
(``wagtail.images`` and others import ``wagtail.api.v3.api``): so v3 sees the same
``api_fields`` a project would declare on its models, and v2, which reads them per
request, sees the same. It gives every page model of ``playbook_pages`` an ``APIField``
for each of its own content fields and relations (what a v2 or v3 user would configure
to get our data), and the inline children of those pages (solutions, templates) their
content fields. Nothing of the product is changed on disk; the product never loads it.
"""

from django.apps import AppConfig

PROJECT_APP = "playbook_pages"


class StockAPIFieldsConfig(AppConfig):
    name = "benchmarks"
    label = "benchmark_stock_apis"
    verbose_name = "Benchmark: stock Wagtail API fields"

    def ready(self):
        expose_every_field()


def expose_every_field():
    from django.db import models
    from modelcluster.fields import ParentalKey
    from wagtail.api import APIField
    from wagtail.models import Page, get_page_models

    def own_names(model, skip):
        names = []
        for field in model._meta.get_fields():
            if getattr(field, "model", None) is Page or field.name in skip:
                continue
            if isinstance(field, models.ManyToOneRel | models.OneToOneRel):
                if isinstance(field.remote_field, ParentalKey) and field.name != "tagged_items":
                    names.append(field.get_accessor_name())  # solutions, templates
                    children.add(field.related_model)
                continue
            if field.concrete or field.many_to_many:
                names.append(field.name)
        return [APIField(name) for name in dict.fromkeys(names)]

    children = set()
    for model in get_page_models():
        if model._meta.app_label == PROJECT_APP:
            model.api_fields = own_names(model, skip={"page_ptr", "index_entries"})
    for child in children:
        parental = {
            field.name for field in child._meta.get_fields() if isinstance(field, ParentalKey)
        }
        fields = own_names(child, skip={"id", "sort_order", *parental})
        child.api_fields = [field for field in fields if field.name not in parental]
