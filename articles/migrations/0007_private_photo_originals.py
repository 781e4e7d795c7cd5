"""Photo originals move out of the public media into their own storage, STORAGES["originals"].

Each original keeps its name (``originals/YYYY/MM/…``), so its renditions stay current. A file
is copied, the copy checked, and only then is the public one deleted: a migration cut short and
run again finishes the job, and no photo is lost. Migrating back moves them back.
"""

import logging

from django.core.files.storage import storages
from django.db import migrations

import articles.models
import articles.photos.storage

logger = logging.getLogger(__name__)


def move(name, source, target):
    """Move one file between storages by copy, check and delete; True when it was moved."""
    if not source.exists(name):
        return False  # moved already, or missing in any case
    size = source.size(name)
    if target.exists(name) and target.size(name) != size:
        target.delete(name)  # a copy an earlier run did not finish
    if not target.exists(name):
        with source.open(name, "rb") as content:
            saved = target.save(name, content)
        if saved != name:
            target.delete(saved)
            raise RuntimeError(f"Could not copy {name}: the copy was stored as {saved}.")
    if target.size(name) != size:
        raise RuntimeError(f"Could not copy {name}: the copy is not the same size.")
    source.delete(name)
    return True


def move_all(apps, source, target):
    Photo = apps.get_model("articles", "Photo")
    names = Photo.objects.exclude(image="").values_list("image", flat=True).distinct()
    moved = sum(move(name, source, target) for name in names.iterator())
    if moved:
        logger.warning("Moved %d photo originals.", moved)


def to_private(apps, schema_editor):
    move_all(apps, storages["default"], storages["originals"])


def to_public(apps, schema_editor):
    move_all(apps, storages["originals"], storages["default"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_article_page_cards"),
    ]

    operations = [
        migrations.AlterField(
            model_name="photo",
            name="image",
            field=articles.models.OriginalImageField(
                height_field="height",
                storage=articles.photos.storage.originals_storage,
                upload_to="originals/%Y/%m/",
                width_field="width",
            ),
        ),
        migrations.RunPython(to_private, to_public),
    ]
