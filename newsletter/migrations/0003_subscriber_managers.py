"""Membership managers see and look after the newsletter's subscribers; Editors and Reporters
never see who subscribed."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Membership manager"
PERMISSIONS = ["view_subscriber", "change_subscriber"]


def grant_subscribers(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure ours exist now.
    app_config = apps.get_app_config("newsletter")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="newsletter", codename__in=PERMISSIONS)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0002_digest_sending"),
        ("memberships", "0003_membership_manager_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Taking the migration back leaves the permissions: managers may rely on them.
    operations = [migrations.RunPython(grant_subscribers, migrations.RunPython.noop)]
