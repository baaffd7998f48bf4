"""Editors maintain the playbook end to end: they may publish pages and manage
organisations and themes. Moderators keep their approval workflow for anyone
who submits instead of publishing."""

from django.db import migrations

SNIPPET_PERMISSIONS = [
    ("organisation", ["add", "change", "delete", "view"]),
    ("theme", ["add", "change", "delete", "view"]),
]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    root = Page.objects.filter(depth=1).first()
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    for group_name in ["Editors", "Moderators"]:
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        if root is not None:
            for codename in ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]:
                permission, _ = Permission.objects.get_or_create(
                    content_type=page_type,
                    codename=codename,
                    defaults={"name": f"Can {codename.replace('_', ' ')}"},
                )
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=permission
                )
        for model, actions in SNIPPET_PERMISSIONS:
            content_type, _ = ContentType.objects.get_or_create(
                app_label="playbook_pages", model=model
            )
            for action in actions:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {model}"},
                )
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("playbook_pages", "0001_initial"),
        ("auth", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
