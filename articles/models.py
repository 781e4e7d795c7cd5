import re

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, router, transaction
from django.db.models import Q
from django.db.models.fields.files import ImageFieldFile
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import linebreaks, strip_tags
from taggit.managers import TaggableManager
from taggit.models import Tag

from articles.photos.metadata import StrippedImage, strip_metadata
from articles.photos.storage import delete_after_commit, delete_if_rolled_back, originals_storage
from articles.querysets import ArticleQuerySet, EditorsPickQuerySet, RegionQuerySet
from articles.sanitize import sanitize_html
from newsroom import editions


class Worded(models.Model):
    """A row whose reader-facing words the default edition keeps in its own fields and every
    other edition in a row of its ``wording`` (``LanguageWording``; ``articles.wording``).

    Words of another edition put on the row for a page are never saved over its own."""

    class Meta:
        abstract = True

    def save(self, **kwargs):
        if getattr(self, "_wording_language", editions.default()) != editions.default():
            raise ValueError(f"{self!r} carries the {self._wording_language} edition's words.")
        super().save(**kwargs)


class Region(Worded):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(
        blank=True, help_text="One or two sentences shown at the top of the region's page."
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Optional: a wider region this one belongs to.",
    )
    nav_order = models.PositiveSmallIntegerField(
        default=100, help_text="Lower numbers come first in the site navigation."
    )
    in_navigation = models.BooleanField(
        default=True, help_text="Show this region in the site header's navigation."
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["nav_order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:region", kwargs={"slug": self.slug})


class EditTracked(models.Model):
    """Who saved the row last, when, and its count of saves: a form opened at an older version
    is refused rather than overwriting a newer save (``articles.services.check_version``)."""

    version = models.PositiveIntegerField(default=1, editable=False)
    modified_at = models.DateTimeField(null=True, blank=True, editable=False)
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True


class OriginalFieldFile(ImageFieldFile):
    """A photo's original upload: stored only once stripped of everything but its pixels,
    orientation and colour profile (``articles.photos.metadata``), whatever path it comes in by
    (the admin, the demo, a script), and deleted again if the save it was stored for rolls back.
    """

    def save(self, name, content, save=True):
        if not isinstance(content, StrippedImage):
            content = strip_metadata(content, name)  # ValidationError: nothing is stored
            name = content.name
        using = router.db_for_write(type(self.instance), instance=self.instance)
        with transaction.atomic(using=using, savepoint=False):
            super().save(name, content, save=False)
            delete_if_rolled_back(self.storage, self.name, using=using)
            if save:
                self.instance.save()


class OriginalImageField(models.ImageField):
    attr_class = OriginalFieldFile


class Photo(Worded, EditTracked):
    """An uploaded picture with its editorial metadata; readers only ever see renditions.

    The original lives in its own private storage (``STORAGES["originals"]``), which has no
    public address; its files follow the transaction (``articles.photos.storage``).
    """

    image = OriginalImageField(
        upload_to="originals/%Y/%m/",
        storage=originals_storage,
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    caption = models.TextField(
        blank=True, help_text="What the picture shows, in a sentence. Shown under the photo."
    )
    credit = models.CharField(
        max_length=200,
        blank=True,
        help_text="Photographer or agency, e.g. “Anna Petrosyan” or “press service”. "
        "Required before a story with this lead photo can be published.",
    )
    credit_url = models.URLField(blank=True, help_text="Optional link for the credit.")
    licence = models.CharField(
        max_length=200, blank=True, help_text="e.g. “All rights reserved” or “CC BY 4.0”."
    )
    may_redistribute = models.BooleanField(
        default=False,
        help_text="Tick only if partners and aggregators may republish this photo.",
    )
    alt_text = models.CharField(
        max_length=300,
        help_text="Describes the picture for readers who cannot see it. Required.",
    )
    focal_x = models.FloatField(
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Horizontal centre of interest, 0 (left) to 1 (right). Crops keep it in view.",
    )
    focal_y = models.FloatField(
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Vertical centre of interest, 0 (top) to 1 (bottom).",
    )
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    class Meta:
        ordering = ["-uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="photo_focal_point_in_frame",
            )
        ]

    def __str__(self):
        return self.caption[:80] or self.alt_text[:80] or f"Photo {self.pk}"

    def save(self, **kwargs):
        """Save, and once that commits delete the original a new image replaced."""
        using = kwargs.get("using") or router.db_for_write(Photo, instance=self)
        update_fields = kwargs.get("update_fields")
        saves_image = update_fields is None or "image" in update_fields
        with transaction.atomic(using=using, savepoint=False):
            previous = getattr(self, "_stored_image", None)
            if previous is None and saves_image and not self._state.adding:
                stored = Photo.objects.using(using).filter(pk=self.pk)
                previous = stored.values_list("image", flat=True).first()
            super().save(**kwargs)
            if saves_image and previous and previous != self.image.name:
                if not Photo.objects.using(using).filter(image=previous).exists():
                    delete_after_commit(self.image.storage, previous, using=using)
            if saves_image:
                self._stored_image = self.image.name

    @classmethod
    def from_db(cls, db, field_names, values):
        photo = super().from_db(db, field_names, values)
        # The stored original's name (None if not loaded): a save that replaces it deletes it.
        loaded = photo.__dict__.get("image")  # a name, or the file made of it; never a query
        photo._stored_image = getattr(loaded, "name", loaded)
        return photo


class Rendition(models.Model):
    """A resized, metadata-free copy of a photo, made once and reused."""

    class Format(models.TextChoices):
        AVIF = "avif", "AVIF"
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")
    shape = models.CharField(
        max_length=20, help_text="'original' keeps the proportions; '16x9' etc. crop."
    )
    format = models.CharField(max_length=4, choices=Format.choices)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    file = models.ImageField(upload_to="renditions/%Y/%m/", width_field=None, height_field=None)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["photo", "shape", "format", "width"], name="unique_rendition"
            )
        ]

    def __str__(self):
        return f"{self.photo_id} {self.shape} {self.width}w {self.format}"


class Author(Worded):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    role = models.CharField(max_length=120, blank=True, help_text="e.g. “Tbilisi correspondent”.")
    bio = models.TextField(blank=True, help_text="Two or three sentences for the author's page.")
    portrait = models.ForeignKey(
        Photo, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The staff account this byline belongs to, if any.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    headline = models.CharField(max_length=200)
    language = models.CharField(
        "edition",
        max_length=12,
        choices=editions.choices,
        default=editions.default,
        help_text="The edition the story is published in; it is written in its language.",
    )
    # Translations of one story point at it (never at another translation): the story and
    # every story pointing at it are one group, at most one in each edition.
    translation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        editable=False,
    )
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The story's address. Changing it on a published story keeps the old "
        "address working: readers are redirected.",
    )
    standfirst = models.TextField(
        max_length=600,
        blank=True,
        help_text="The summary under the headline, one or two sentences.",
    )
    body = models.TextField(blank=True)
    lead_photo = models.ForeignKey(
        Photo, null=True, blank=True, on_delete=models.PROTECT, related_name="lead_articles"
    )
    lead_photo_caption = models.TextField(
        blank=True, help_text="Optional: replaces the photo's own caption in this story only."
    )
    authors = models.ManyToManyField(Author, through="Byline", related_name="articles")
    primary_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="primary_articles",
        help_text="Shown above the headline and used for the story's section.",
    )
    regions = models.ManyToManyField(
        Region,
        blank=True,
        related_name="articles",
        help_text="Other regions the story concerns.",
    )
    tags = TaggableManager(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When readers can see the story. A future time schedules it.",
    )
    updated_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Set when the story is substantially updated; shown to readers as “Updated”.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # One more with every save through the desk: a form opened at an older version is refused
    # rather than overwriting a newer save (articles.services.check_version).
    version = models.PositiveIntegerField(default=1, editable=False)
    modified_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    related_pinned = models.ManyToManyField(
        "self",
        through="PinnedRelated",
        symmetrical=False,
        blank=True,
        related_name="+",
    )
    # Kept up to date on PostgreSQL for ranked full-text search; unused on SQLite.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)
    # A live blog: timestamped updates above the story from ``live_since`` until the editor
    # closes it (``live_until``); the updates stay (articles.services.live_blog_start).
    live_since = models.DateTimeField(null=True, blank=True, editable=False)
    live_until = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_pub"),
            models.Index(
                fields=["language", "status", "-published_at"], name="article_edition_pub"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_of", "language"], name="one_translation_per_edition"
            ),
            models.CheckConstraint(
                condition=~Q(translation_of=models.F("id")), name="translation_not_of_itself"
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="published_article_has_time",
            ),
            models.CheckConstraint(
                condition=Q(live_until__isnull=True)
                | Q(live_since__isnull=False, live_until__gte=models.F("live_since")),
                name="live_blog_ends_after_start",
            ),
        ]
        permissions = [("publish_article", "Can publish and schedule articles")]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse("articles:article", kwargs={"slug": self.slug})

    @property
    def translation_group_id(self):
        """The story every story of this one's translation group points at (maybe itself)."""
        return self.translation_of_id or self.pk

    @property
    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def is_live_blog(self):
        """A live blog, running or closed: it shows its updates."""
        return self.live_since is not None

    @property
    def is_live(self):
        """A live blog still running: readers see the "Live" label and new updates."""
        return self.live_since is not None and self.live_until is None


def story_relations():
    """The many-to-many tables of a story (regions, bylines, pins, tags): adding to or taking
    from them sends ``m2m_changed`` with these as the sender."""
    return (
        Article.regions.through,
        Article.authors.through,
        Article.related_pinned.through,
        Article.tags.through,
    )


class Byline(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="unique_byline")]

    def __str__(self):
        return f"{self.author} on {self.article}"


class LiveUpdate(models.Model):
    """One timestamped entry of a live blog, shown newest first above the story.

    Its anchor (``update-<id>``) is permanent: links to it keep working whatever is edited.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="live_updates")
    posted_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    text = models.TextField(
        help_text="What is new, in a paragraph or two; formatting as in the body."
    )
    photo = models.ForeignKey(
        Photo,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="live_updates",
        help_text="Optional. It needs a credit and alt text before it can be shown.",
    )
    photo_caption = models.TextField(
        blank=True, help_text="Optional: replaces the photo's own caption in this update only."
    )
    author = models.ForeignKey(
        Author,
        on_delete=models.PROTECT,
        related_name="live_updates",
        help_text="Whose update this is; shown beside it.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    modified_at = models.DateTimeField(null=True, blank=True, editable=False)
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-posted_at", "-pk"]
        indexes = [models.Index(fields=["article", "-posted_at"], name="live_update_newest")]

    def __str__(self):
        words = " ".join(strip_tags(self.text).split()[:10])
        return f"{timezone.localtime(self.posted_at):%H:%M, %-d %b}: {words}…"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        return f"update-{self.pk}"


class SlugRedirect(models.Model):
    """An address a published story used to have; readers are sent on permanently."""

    old_slug = models.SlugField(max_length=200, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.old_slug} → {self.article.slug}"


class Correction(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    made_at = models.DateTimeField(default=timezone.now)
    text = models.TextField(help_text="What was wrong and what is right now.")

    class Meta:
        ordering = ["made_at", "pk"]

    def __str__(self):
        return f"Correction to {self.article} on {self.made_at:%Y-%m-%d}"


class PinnedRelated(models.Model):
    """A related story an editor chose by hand; pinned ones come first in Related Articles."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="pins")
    related = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "pinned related article"
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="unique_pin"),
            models.CheckConstraint(condition=~Q(article=models.F("related")), name="pin_not_self"),
        ]

    def __str__(self):
        return f"{self.related} pinned under {self.article}"


class EditorsPick(EditTracked):
    """One slot in the Editor's Picks rail, in order, optionally limited in time."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="picks")
    order = models.PositiveIntegerField(default=0, db_index=True)
    starts_at = models.DateTimeField(
        null=True, blank=True, help_text="Optional: the pick appears from this time."
    )
    ends_at = models.DateTimeField(
        null=True, blank=True, help_text="Optional: the pick disappears at this time."
    )
    # Moving a pick in the list renumbers ``order`` only and is not counted as a save: no form
    # edits the order.

    objects = EditorsPickQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "editor's pick"
        verbose_name_plural = "editor's picks"
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True)
                | Q(ends_at__isnull=True)
                | Q(ends_at__gt=models.F("starts_at")),
                name="pick_ends_after_start",
            )
        ]

    def __str__(self):
        return str(self.article)


class DailyViews(models.Model):
    """Reads of one article on one day: the whole of what popularity keeps."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="daily_views")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "daily views"
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="unique_daily_views")
        ]
        indexes = [models.Index(fields=["day", "article"], name="daily_views_day")]

    def __str__(self):
        return f"{self.article_id} on {self.day}: {self.views}"


class LanguageWording(models.Model):
    """Another edition's words for a ``Worded`` row: ``words`` name the fields it gives, the
    foreign key ``words_of`` the row. A blank field falls back on the row's own words."""

    language = models.CharField("edition", max_length=12, choices=editions.choices)

    words_of = None
    words = ()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.language == editions.default():
            raise ValidationError(
                {"language": "The default edition's words are the ones above; choose another."}
            )


class RegionWording(LanguageWording):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="wording")
    name = models.CharField(max_length=80)
    description = models.TextField(blank=True)

    words_of = "region"
    words = ("name", "description")

    class Meta:
        verbose_name = "name in another edition"
        verbose_name_plural = "names in other editions"
        constraints = [
            models.UniqueConstraint(fields=["region", "language"], name="one_region_wording")
        ]

    def __str__(self):
        return f"{self.name} ({self.language})"


class AuthorWording(LanguageWording):
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="wording")
    name = models.CharField(max_length=120, help_text="The name as this edition spells it.")
    role = models.CharField(max_length=120, blank=True)
    bio = models.TextField(blank=True)

    words_of = "author"
    words = ("name", "role", "bio")

    class Meta:
        verbose_name = "byline in another edition"
        verbose_name_plural = "bylines in other editions"
        constraints = [
            models.UniqueConstraint(fields=["author", "language"], name="one_author_wording")
        ]

    def __str__(self):
        return f"{self.name} ({self.language})"


class TagWording(LanguageWording):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="wording")
    name = models.CharField(max_length=100)

    words_of = "tag"
    words = ("name",)

    class Meta:
        verbose_name = "tag name in another edition"
        verbose_name_plural = "tag names in other editions"
        constraints = [models.UniqueConstraint(fields=["tag", "language"], name="one_tag_wording")]

    def __str__(self):
        return f"{self.name} ({self.language})"


class PhotoWording(LanguageWording):
    """A photo's caption and alt text in another edition (its credit and licence are the
    photographer's, the same in every language)."""

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="wording")
    caption = models.TextField(blank=True)
    alt_text = models.CharField(max_length=300)

    words_of = "photo"
    words = ("caption", "alt_text")

    class Meta:
        verbose_name = "caption in another edition"
        verbose_name_plural = "captions in other editions"
        constraints = [
            models.UniqueConstraint(fields=["photo", "language"], name="one_photo_wording")
        ]

    def __str__(self):
        return f"{self.caption[:60] or self.alt_text[:60]} ({self.language})"


class ArticlePage(models.Model):
    """The parts of a story's page rendered ahead of its readers: its metadata, the story
    itself and its Related rail (articles/prepared.py).

    Made when the story is saved, and again, by its next reader, once anything it shows has
    changed: every such change adds one to ``version``, and the parts are current only while
    ``prepared_version`` equals it (and the templates and settings they were made with are
    the running ones). ``shows`` lists the stories the Related rail links to, so an edit to
    one of them reaches every rail that shows it.
    """

    article = models.OneToOneField(
        Article, primary_key=True, on_delete=models.CASCADE, related_name="prepared"
    )
    version = models.PositiveIntegerField(default=0)
    prepared_version = models.PositiveIntegerField(null=True)
    fingerprint = models.CharField(max_length=32, blank=True)
    prepared_at = models.DateTimeField(null=True)
    meta = models.TextField(blank=True)
    story = models.TextField(blank=True)
    related = models.TextField(blank=True)
    # Its cards, one per way a list shows the story (``prepared.CARDS``): ``{variant: html}``.
    cards = models.JSONField(default=dict, blank=True)
    # ``{edition: address}`` of the story and its published translations, for the page's
    # language switcher (``prepared.alternates``).
    alternates = models.JSONField(default=dict, blank=True)
    # When a scheduled translation of the story goes live: the parts, which cannot link to it
    # before then, are made again from that moment (``prepared.is_current``).
    good_until = models.DateTimeField(null=True, blank=True)
    shows = models.ManyToManyField(Article, related_name="+", blank=True)

    def __str__(self):
        return f"Page of {self.article_id}"


@receiver(pre_save, sender=Article, dispatch_uid="articles.article.sanitize-body")
def sanitize_body(sender, instance, **kwargs):
    """Whatever path a body takes in (the admin, a script, a fixture loaded raw), only the
    allowlist is stored; bulk paths are covered by ``ArticleQuerySet``."""
    instance.body = sanitize_html(instance.body)


_BLOCKS = re.compile(r"<(p|ul|ol|blockquote|h[2-4]|figure)\b", re.IGNORECASE)


@receiver(pre_save, sender=LiveUpdate, dispatch_uid="articles.liveupdate.sanitize-text")
def sanitize_update_text(sender, instance, **kwargs):
    """A live update's text is rendered unescaped like a body: the same allowlist. Text typed
    without paragraphs of HTML gets them from its blank lines."""
    text = sanitize_html(instance.text)
    if text.strip() and not _BLOCKS.search(text):
        text = linebreaks(text.strip(), autoescape=False)
    instance.text = text
