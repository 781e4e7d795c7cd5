"""The desk's two roles: Reporters write and edit drafts, Editors publish and curate."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTER = {
    "articles.article": ["add", "change", "view"],
    "articles.byline": ["add", "change", "delete", "view"],
    "articles.photo": ["add", "change", "view"],
    "articles.author": ["view"],
    "articles.region": ["view"],
    "articles.correction": ["view"],
    "articles.pinnedrelated": ["view"],
    "taggit.tag": ["view"],
}
ALL = ["add", "change", "delete", "view"]
EDITOR = {
    "articles.article": [*ALL, "publish"],
    "articles.byline": ALL,
    "articles.correction": ALL,
    "articles.photo": ALL,
    "articles.author": ALL,
    "articles.region": ALL,
    "articles.editorspick": ALL,
    "articles.pinnedrelated": ALL,
    "articles.slugredirect": ALL,
    "articles.rendition": ["view"],
    "articles.dailyviews": ["view"],
    "taggit.tag": ALL,
    "taggit.taggeditem": ALL,
}


def codename(action, model):
    return "publish_article" if action == "publish" else f"{action}_{model}"


def create_groups(apps, schema_editor):
    # Permissions are normally created after `migrate` finishes; create them now so the groups
    # can be given them on a fresh database too.
    for label in ("articles", "taggit"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in (("Reporter", REPORTER), ("Editor", EDITOR)):
        group, _ = Group.objects.get_or_create(name=name)
        for model_key, actions in grants.items():
            app_label, model = model_key.split(".")
            for action in actions:
                permission = Permission.objects.get(
                    content_type__app_label=app_label, codename=codename(action, model)
                )
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_search_index"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    # Taking the migration back leaves the groups: people may have been added to them.
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
