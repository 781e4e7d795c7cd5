"""Factories for the content model; photos are real images drawn with Pillow.

Stories made by ``ArticleFactory`` share one small photo (``shared_photo()``) unless a test gives
a story its own (``lead_photo=PhotoFactory()``): encoding renditions is the costliest thing a
test can do, and most tests are about the story, not its picture.
"""

import io
from datetime import timedelta
from functools import cache

import factory
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles import images
from articles.models import (
    Article,
    Author,
    Byline,
    Correction,
    DailyViews,
    EditorsPick,
    LiveUpdate,
    Photo,
    PinnedRelated,
    Region,
)
from articles.photos.storage import originals


def image_bytes(width=1200, height=800, format="JPEG", color=(180, 90, 40), **save_kwargs):
    """Encode a plain image with Pillow; pass exif=... to embed metadata."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format=format, **save_kwargs)
    return buffer.getvalue()


def image_upload(name="photo.jpg", **kwargs):
    return SimpleUploadedFile(name, image_bytes(**kwargs), content_type="image/jpeg")


# --- The shared photo ---------------------------------------------------------------------------

SHARED_PHOTO_SIZE = (320, 213)
# What every test photo says of itself, the shared one and PhotoFactory's alike.
PHOTO_TEXT = {
    "caption": "Delegates arrive for the summit.",
    "credit": "Press service",
    "alt_text": "Delegates walking up the steps of a government building",
}


@cache
def _shared_photo_files():
    """The shared photo's JPEG and its renditions, encoded once per test process.

    The renditions come from the real pipeline (``images.make_renditions``); each test then
    stores them for its own photo through ``images.store_rendition``, as any upload's are.
    """
    source = image_bytes(*SHARED_PHOTO_SIZE, color=(70, 110, 150))
    return source, tuple(images.make_renditions(io.BytesIO(source)))


class _SharedPhoto:
    """Holds the current test's shared photo; ``conftest.py`` forgets it before every test."""

    photo = None

    @classmethod
    def get(cls):
        if cls.photo is None:
            source, made = _shared_photo_files()
            name = originals.save("originals/shared-photo.jpg", ContentFile(source))
            # bulk_create sends no post_save, so nothing is encoded again for this test.
            (photo,) = Photo.objects.bulk_create(
                [
                    Photo(
                        image=name,
                        width=SHARED_PHOTO_SIZE[0],
                        height=SHARED_PHOTO_SIZE[1],
                        **PHOTO_TEXT,
                    )
                ]
            )
            for rendition in made:
                images.store_rendition(photo, rendition)
            cls.photo = photo
        return cls.photo

    @classmethod
    def forget(cls):
        cls.photo = None


def shared_photo():
    """The small, fully rendered photo that this test's stories share."""
    return _SharedPhoto.get()


def forget_shared_photo():
    _SharedPhoto.forget()


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    description = "A region we cover."


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    bio = "Covers the region."


class PhotoFactory(factory.django.DjangoModelFactory):
    """A saved photo whose renditions are made, as the worker makes them after an upload.

    A save queues its renditions' task on commit, and a test's transaction never commits: the
    factory runs the task itself (the tests' immediate backend runs it at once, retries
    included; a failure is recorded on the task's result, never raised here).
    """

    class Meta:
        model = Photo
        skip_postgeneration_save = True

    image = factory.LazyFunction(lambda: image_upload(width=1200, height=800))
    caption = PHOTO_TEXT["caption"]
    credit = PHOTO_TEXT["credit"]
    alt_text = PHOTO_TEXT["alt_text"]

    @factory.post_generation
    def renditions(self, create, extracted, **kwargs):
        if create and extracted is not False:
            images.make_photo_renditions.enqueue(self.pk)


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article (one minute ago) with the shared lead photo and one author."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Story number {n} from the region")
    slug = factory.Sequence(lambda n: f"story-{n}")
    standfirst = "What happened, and why it matters."
    body = "<p>The first paragraph of the story.</p>"
    primary_region = factory.SubFactory(RegionFactory)
    lead_photo = factory.LazyFunction(shared_photo)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(hours=2))
        )

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        for order, author in enumerate(extracted or [AuthorFactory()]):
            Byline.objects.create(article=self, author=author, order=order)

    @factory.post_generation
    def tag_names(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)


class LiveUpdateFactory(factory.django.DjangoModelFactory):
    """An update of a live blog (the story is made a live blog if it is not one yet)."""

    class Meta:
        model = LiveUpdate

    article = factory.SubFactory(
        "tests.factories.ArticleFactory",
        live_since=factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1)),
    )
    text = factory.Sequence(lambda n: f"<p>Update number {n}: the road is still closed.</p>")
    author = factory.SubFactory(AuthorFactory)


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correction

    article = factory.SubFactory(ArticleFactory)
    text = "An earlier version misspelled the minister's name."


# --- Rails: Editor's Picks, read counts, pinned related stories ------------------------------


class EditorsPickFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EditorsPick

    article = factory.SubFactory(ArticleFactory)
    order = factory.Sequence(lambda n: (n + 1) * 10)


class DailyViewsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DailyViews

    article = factory.SubFactory(ArticleFactory)
    day = factory.LazyFunction(timezone.localdate)
    views = 20


class PinnedRelatedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PinnedRelated

    article = factory.SubFactory(ArticleFactory)
    related = factory.SubFactory(ArticleFactory)
    order = factory.Sequence(lambda n: n)


# --- Memberships -------------------------------------------------------------------------------


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "memberships.Plan"
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Plan {n}")
    slug = factory.Sequence(lambda n: f"plan-{n}")
    amount = "5.00"
    interval = "month"


class SupporterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "memberships.Supporter"

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    name = factory.Sequence(lambda n: f"Reader {n}")
    email_consent = True


class MembershipFactory(factory.django.DjangoModelFactory):
    """An active $5/month membership in the offline test provider."""

    class Meta:
        model = "memberships.Membership"

    supporter = factory.SubFactory(SupporterFactory)
    plan = factory.LazyFunction(
        lambda: PlanFactory(slug="supporter-monthly", name="Supporter", amount="5.00")
    )
    amount = factory.LazyAttribute(lambda m: m.plan.amount)
    currency = "usd"
    provider = "local"
    status = "active"
    provider_subscription_id = factory.Sequence(lambda n: f"local_sub_{n:06d}")
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=3))
    current_period_end = factory.LazyFunction(lambda: timezone.now() + timedelta(days=27))

    class Params:
        pending = factory.Trait(
            status="pending", provider_subscription_id="", started_at=None, current_period_end=None
        )


class SmallPhotoFactory(PhotoFactory):
    """A 320 × 213 photo: one rendition width per shape, so bulk page tests stay fast.

    Every photo the factory saves gets its renditions made at once; use this one where a test
    needs many articles and does not care about the sizes offered.
    """

    image = factory.LazyFunction(lambda: image_upload(width=320, height=213))
