from django.db import connections, models
from django.db.models import (
    Case,
    F,
    FloatField,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, Round
from django.utils import timezone

from articles.fulltext import search_articles
from articles.reads import weighted_reads
from articles.sanitize import sanitize_html


class RegionQuerySet(models.QuerySet):
    def navigation(self):
        return self.filter(in_navigation=True).order_by("nav_order", "name")


class EditorsPickQuerySet(models.QuerySet):
    def live(self, now):
        """Picks whose time window contains ``now`` (the story is checked separately)."""
        return self.filter(
            (Q(starts_at__isnull=True) | Q(starts_at__lte=now))
            & (Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        )

    def next_change(self, now):
        """The next time after ``now`` that a pick starts or ends, or None."""
        moments = self.aggregate(
            next_start=Min("starts_at", filter=Q(starts_at__gt=now)),
            next_end=Min("ends_at", filter=Q(ends_at__gt=now)),
        )
        return min(filter(None, moments.values()), default=None)


class ArticleQuerySet(models.QuerySet):
    # A story's body is rendered unescaped: whatever path it takes in, only the allowlist
    # (articles.sanitize) is stored. save() and fixtures go through the model's pre_save;
    # these are the paths that send no signal.
    def update(self, **kwargs):
        if isinstance(kwargs.get("body"), str):
            kwargs["body"] = sanitize_html(kwargs["body"])
        return super().update(**kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.body = sanitize_html(obj.body)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if "body" in fields:
            for obj in objs:
                obj.body = sanitize_html(obj.body)
        return super().bulk_update(objs, fields, *args, **kwargs)

    def published(self, at=None):
        """Articles a reader may see: status published and publication time reached.

        Every reader-facing list (pages, feeds, sitemaps, search, rails) starts here, so a
        draft or a scheduled story cannot leak through any of them.
        """
        at = at or timezone.now()
        return self.filter(status=self.model.Status.PUBLISHED, published_at__lte=at)

    def in_edition(self, code):
        """Stories of edition ``code`` (newsroom/editions.py): every reader list is one
        edition's."""
        return self.filter(language=code)

    def translation_group(self, article):
        """The stories of ``article``'s translation group other than itself, in every
        edition (any status: the caller narrows them)."""
        root = article.translation_group_id
        return self.filter(Q(pk=root) | Q(translation_of_id=root)).exclude(pk=article.pk)

    def scheduled(self, at=None):
        at = at or timezone.now()
        return self.filter(status=self.model.Status.PUBLISHED, published_at__gt=at)

    def next_publication(self, now):
        """When the next scheduled story goes live (after ``now``), or None."""
        return (
            self.scheduled(at=now).order_by("published_at").values_list("published_at", flat=True)
        ).first()

    def with_card_version(self):
        """Only what finds a story's prepared cards: its id and its prepared page's version
        (``card_version``, None before its page was first prepared)."""
        return self.only("pk").annotate(card_version=F("prepared__version"))

    def with_card(self, variant, made_with):
        """``with_card_version``, and the ``variant`` card itself as ``<variant>_card`` when
        the story's prepared page holds it at that version, made with ``made_with`` (the
        prepared parts' fingerprint); else None. A list's rows then carry their cards, and
        only the cards of stories not prepared are looked up or made."""
        prepared_card = Case(
            When(
                prepared__prepared_version=F("prepared__version"),
                prepared__fingerprint=made_with,
                then=KeyTextTransform(variant, "prepared__cards"),
            )
        )
        return self.with_card_version().annotate(**{f"{variant}_card": prepared_card})

    def in_region(self, region):
        # A subquery rather than a join on the regions table keeps one row per story without
        # DISTINCT, so ordering, counting and window functions stay cheap.
        also_in_region = self.model.regions.through.objects.filter(region=region).values(
            "article_id"
        )
        return self.filter(Q(primary_region=region) | Q(pk__in=also_in_region))

    def tagged(self, tag):
        return self.filter(tags=tag)

    def by_author(self, author):
        return self.filter(pk__in=author.bylines.values("article_id"))

    def latest_first(self):
        return self.order_by("-published_at", "-pk")

    def with_cards(self, shapes=("3x2",)):
        """What an article card needs: region kicker, lead photo in ``shapes``, bylines.

        Only the renditions of the shapes the page shows are fetched (a card shows 3:2), which
        keeps the prefetch to a third of a photo's renditions.
        """
        return self.select_related("primary_region", "lead_photo").prefetch_related(
            self._lead_photo_renditions(shapes),
            self._bylines(),
        )

    def _bylines(self):
        byline = self.model._meta.get_field("bylines").related_model
        return Prefetch("bylines", queryset=byline.objects.select_related("author"))

    def _lead_photo_renditions(self, shapes):
        photo = self.model._meta.get_field("lead_photo").related_model
        rendition = photo._meta.get_field("renditions").related_model
        return Prefetch(
            "lead_photo__renditions", queryset=rendition.objects.filter(shape__in=shapes)
        )

    def with_story(self):
        """Everything a story's prepared page and its cards show, in a fixed number of
        queries (its link previews use the 16:9 rendition, rail cards the 1:1). A live
        blog's updates come with ``live_updates_shown()`` (``articles.prepared``)."""
        return self.select_related("primary_region", "lead_photo").prefetch_related(
            self._lead_photo_renditions(("3x2", "16x9", "1x1")),
            self._bylines(),
            "tags",
            "regions",
            "corrections",
        )

    def live_updates_shown(self):
        """A live blog's updates as readers see them, newest first, with their authors and
        photos (3:2 renditions): the same few queries for one update or hundreds."""
        update = self.model._meta.get_field("live_updates").related_model
        rendition = update._meta.get_field("photo").related_model.renditions.rel.related_model
        return (
            update.objects.select_related("author", "photo")
            .prefetch_related(
                Prefetch("photo__renditions", queryset=rendition.objects.filter(shape="3x2"))
            )
            .order_by("-posted_at", "-pk")
        )

    def latest_in_each_region(self, regions, per_region=4):
        """``{region id: [(id, card_version), ...]}``: the newest ``per_region`` of these
        stories whose primary region is each of ``regions``, newest first, in one query.

        One small indexed look-up per region rather than ranking every story of every region:
        joined with UNION ALL where the database allows a LIMIT in each part (PostgreSQL),
        else as one IN subquery per region (SQLite).
        """
        if not regions:
            return {}
        columns = ("primary_region_id", "pk", "card_version", "published_at")
        if connections[self.db].features.supports_slicing_ordering_in_compound:
            parts = [
                self.filter(primary_region=region)
                .with_card_version()
                .latest_first()
                .values_list(*columns)[:per_region]
                for region in regions
            ]
            rows = parts[0].union(*parts[1:], all=True)
        else:
            newest = Q()
            for region in regions:
                in_region = self.filter(primary_region=region).latest_first().values("pk")
                newest |= Q(pk__in=in_region[:per_region])
            rows = self.filter(newest).with_card_version().values_list(*columns)
        latest = {region.pk: [] for region in regions}
        for region_id, pk, card_version, _published_at in sorted(
            rows, key=lambda row: (row[3], row[1]), reverse=True
        ):
            latest[region_id].append((pk, card_version))
        return latest

    def with_rail_cards(self):
        """What a compact rail item needs: region kicker and a square lead photo thumbnail
        (never the story's body or search document)."""
        return (
            self.select_related("primary_region", "lead_photo")
            .defer("body", "search_vector")
            .prefetch_related(self._lead_photo_renditions(("1x1",)))
            .annotate(card_version=F("prepared__version"))
        )

    def most_read(self, *, days, region=None, min_reads=1, now=None):
        """Stories ranked by reads in the last ``days`` × 24 hours, most read first, in one query.

        Reads are kept as daily totals by the newsroom's local date, so the window is the
        days from today back to ``days`` days ago, and the oldest day, which is only partly
        inside the window, counts in proportion to its hours still inside it. Each story gets
        ``reads`` (a float). The region test is a subquery rather than ``in_region()`` so the
        join on regions cannot multiply the daily rows being summed.
        """
        rows, reads = weighted_reads(days=days, now=now, through="daily_views__")
        queryset = self
        if region is not None:
            tagged_regions = self.model.regions.through.objects.filter(region=region)
            queryset = queryset.filter(
                Q(primary_region=region) | Q(pk__in=tagged_regions.values("article_id"))
            )
        return (
            queryset.filter(**rows)
            .annotate(reads=reads)
            .filter(reads__gte=min_reads)
            .order_by("-reads", "-published_at", "-pk")
        )

    def with_view_counts(self, now=None):
        """Annotate ``views_24h`` and ``views_7d`` (whole reads) for the editors' lists.

        Correlated subqueries rather than joins, so any filter the admin adds cannot
        multiply the rows being summed; a handful of index lookups per listed story.
        """
        return self.annotate(
            views_24h=self._reads_subquery(days=1, now=now),
            views_7d=self._reads_subquery(days=7, now=now),
        )

    def _reads_subquery(self, *, days, now):
        """Whole reads of the outer story in the window, as an expression (0 when none)."""
        daily_views = self.model._meta.get_field("daily_views").related_model
        rows, reads = weighted_reads(days=days, now=now)
        totals = (
            daily_views.objects.filter(article=OuterRef("pk"), **rows)
            .order_by()
            .values("article")
            .annotate(total=reads)
            .values("total")
        )
        return Coalesce(
            Cast(Round(Subquery(totals, output_field=FloatField())), IntegerField()), Value(0)
        )

    def search(self, query, language):
        """These articles matching a reader's query in ``language``, best first (see
        articles.fulltext)."""
        return search_articles(self, query, language)
