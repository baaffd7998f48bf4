"""Themes and organisations become translatable: each gets the default locale and a
translation key. Before that, a database made when Django's default language list was
the content languages (a locale "en-gb") has that locale renamed to the content
language it is a variant of ("en"), so existing pages keep their locale."""

from django.conf import settings
from django.db import migrations
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import BootstrapTranslatableModel


def rename_variant_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    codes = {code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES}
    for locale in Locale.objects.exclude(language_code__in=codes):
        try:
            supported = get_supported_content_language_variant(locale.language_code)
        except LookupError:
            continue
        if not Locale.objects.filter(language_code=supported).exists():
            locale.language_code = supported
            locale.save(update_fields=["language_code"])


class Migration(migrations.Migration):
    dependencies = [("playbook_pages", "0005_snippets_translatable_bootstrap")]

    operations = [
        migrations.RunPython(rename_variant_locales, migrations.RunPython.noop),
        BootstrapTranslatableModel("playbook_pages.Organisation"),
        BootstrapTranslatableModel("playbook_pages.Theme"),
    ]
