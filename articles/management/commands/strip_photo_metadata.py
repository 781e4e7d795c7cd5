import io
import posixpath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Photo
from articles.photos.metadata import metadata_in


class Command(BaseCommand):
    help = (
        "Store again, stripped of their metadata (GPS, camera serials, owner, XMP, IPTC, "
        "comments, thumbnails), the photo originals uploaded before every upload was stripped. "
        "Each gets a new name, its renditions are made again, and the old file goes once the "
        "change commits. Originals with nothing to strip are left alone: safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say which originals carry what; change nothing."
        )

    def handle(self, *args, dry_run, **options):
        counts = {"stripped": 0, "clean": 0, "missing": 0, "unreadable": 0}
        for photo in Photo.objects.exclude(image="").order_by("pk").iterator():
            try:
                with photo.image.storage.open(photo.image.name, "rb") as handle:
                    data = handle.read()
                found = metadata_in(io.BytesIO(data))
            except FileNotFoundError:
                counts["missing"] += 1
                self.stderr.write(f"Photo {photo.pk}: its original {photo.image.name} is missing.")
                continue
            except Exception as exc:  # one bad file must not stop the rest
                counts["unreadable"] += 1
                self.stderr.write(f"Photo {photo.pk}: its original cannot be read ({exc}).")
                continue
            if not found:
                counts["clean"] += 1
                continue
            self.stdout.write(f"Photo {photo.pk} carries {', '.join(found)}.")
            if dry_run:
                counts["stripped"] += 1
                continue
            try:
                with transaction.atomic():
                    photo.image.save(posixpath.basename(photo.image.name), ContentFile(data))
            except ValidationError as exc:
                counts["unreadable"] += 1
                self.stderr.write(f"Photo {photo.pk}: not stripped: {' '.join(exc.messages)}")
                continue
            counts["stripped"] += 1
        verb = "Would strip" if dry_run else "Stripped"
        self.stdout.write(
            f"{verb} {counts['stripped']} originals; {counts['clean']} had nothing to strip, "
            f"{counts['missing']} are missing, {counts['unreadable']} could not be read."
        )
