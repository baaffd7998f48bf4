"""A challenge's solutions and a tool's templates become translatable (their notes
and descriptions are segments in wagtail-localize's editor): each row takes the
locale of its page and a translation key of its own."""

import uuid

from django.db import migrations


def fill(apps, schema_editor):
    for model, parent in (("ChallengeSolution", "challenge"), ("ToolTemplate", "tool")):
        rows = apps.get_model("playbook_pages", model).objects.select_related(parent)
        for row in rows.filter(locale__isnull=True):
            row.locale_id = getattr(row, parent).locale_id
            row.translation_key = uuid.uuid4()
            row.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [("playbook_pages", "0009_inline_rows_translatable_bootstrap")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
