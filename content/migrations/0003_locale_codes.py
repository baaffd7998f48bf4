"""Stored representations and the change ledger name their locale by language code:
rows written before locales were switched on ("") belong to the default locale."""

from django.conf import settings
from django.db import migrations


def name_default_locale(apps, schema_editor):
    for model in ("Representation", "Change"):
        apps.get_model("content", model).objects.filter(locale="").update(
            locale=settings.LANGUAGE_CODE
        )


class Migration(migrations.Migration):
    dependencies = [("content", "0002_change_ledger")]

    operations = [migrations.RunPython(name_default_locale, migrations.RunPython.noop)]
