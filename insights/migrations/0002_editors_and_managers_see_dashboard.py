"""Editors and Membership managers see the dashboard; Reporters do not."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Editor", "Membership manager")


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure ours exists now.
    app_config = apps.get_app_config("insights")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="insights", codename="view_dashboard"
    )
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="insights", codename="view_dashboard").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_dashboard_permission"),
        ("articles", "0003_desk_groups"),
        ("memberships", "0003_membership_manager_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
