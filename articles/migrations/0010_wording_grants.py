"""The desk may word regions, tags, authors and photos for the other editions: Reporters a
photo's caption and alt text (as they may the photo's own), Editors everything."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ["add", "change", "delete", "view"]
GRANTS = {
    "Reporter": {
        "photowording": ["add", "change", "view"],
        "regionwording": ["view"],
        "tagwording": ["view"],
        "authorwording": ["view"],
    },
    "Editor": {
        "photowording": ALL,
        "regionwording": ALL,
        "tagwording": ALL,
        "authorwording": ALL,
    },
}


def grant_wording(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="articles",
                codename__in=[
                    f"{action}_{model}" for model, actions in grants.items() for action in actions
                ],
            )
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_editions")]

    # Taking the migration back leaves the grants, as the groups' other migrations do.
    operations = [migrations.RunPython(grant_wording, migrations.RunPython.noop)]
