from django.db import migrations, models
from django.db.models import F


def outdate_pages(apps, schema_editor):
    """Pages prepared before cards were stored with them are made again, with their cards."""
    ArticlePage = apps.get_model("articles", "ArticlePage")
    ArticlePage.objects.update(version=F("version") + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_edit_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlepage",
            name="cards",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(outdate_pages, migrations.RunPython.noop, elidable=True),
    ]
