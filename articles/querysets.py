from django.db import models
from django.db.models import F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone


class RegionQuerySet(models.QuerySet):
    def navigation(self):
        return self.filter(in_navigation=True).order_by("nav_order", "name")


class ArticleQuerySet(models.QuerySet):
    def published(self, at=None):
        """Articles a reader may see: status published and publication time reached.

        Every reader-facing list (pages, feeds, sitemaps, search, rails) starts here, so a
        draft or a scheduled story cannot leak through any of them.
        """
        at = at or timezone.now()
        return self.filter(status=self.model.Status.PUBLISHED, published_at__lte=at)

    def scheduled(self, at=None):
        at = at or timezone.now()
        return self.filter(status=self.model.Status.PUBLISHED, published_at__gt=at)

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
        from articles.models import Byline

        return self.select_related("primary_region", "lead_photo").prefetch_related(
            _lead_photo_renditions(shapes),
            Prefetch("bylines", queryset=Byline.objects.select_related("author")),
        )

    def with_story(self):
        """Everything a story's prepared page shows, in a fixed number of queries (its link
        previews use the 16:9 rendition)."""
        from articles.models import Byline

        return self.select_related("primary_region", "lead_photo").prefetch_related(
            _lead_photo_renditions(("3x2", "16x9")),
            Prefetch("bylines", queryset=Byline.objects.select_related("author")),
            "tags",
            "regions",
            "corrections",
        )

    def latest_per_region(self, per_region=4):
        """The newest ``per_region`` stories of each primary region, in one query.

        Ordered by region (navigation order) then newest first, ready for ``regroup``.
        """
        ranked = self.annotate(
            region_rank=Window(
                RowNumber(),
                partition_by=[F("primary_region")],
                order_by=[F("published_at").desc(), F("pk").desc()],
            )
        )
        return ranked.filter(region_rank__lte=per_region).order_by(
            "primary_region__nav_order", "primary_region__name", "region_rank"
        )

    def with_rail_cards(self):
        """What a compact rail item needs: region kicker and a square lead photo thumbnail
        (never the story's body or search document)."""
        return (
            self.select_related("primary_region", "lead_photo")
            .defer("body", "search_vector")
            .prefetch_related(_lead_photo_renditions(("1x1",)))
        )

    def most_read(self, *, days, region=None, min_reads=1, now=None):
        """Stories ranked by reads in the last ``days`` × 24 hours, most read first, in one query.

        Reads are kept as daily totals by the newsroom's local date, so the window is the
        days from today back to ``days`` days ago, and the oldest day, which is only partly
        inside the window, counts in proportion to its hours still inside it. Each story gets
        ``reads`` (a float). The region test is a subquery rather than ``in_region()`` so the
        join on regions cannot multiply the daily rows being summed.
        """
        from django.db.models import Case, F, FloatField, Sum, Value, When

        from articles.popularity import reads_window

        oldest, today, weight = reads_window(days=days, now=now)
        queryset = self
        if region is not None:
            tagged_regions = self.model.regions.through.objects.filter(region=region)
            queryset = queryset.filter(
                Q(primary_region=region) | Q(pk__in=tagged_regions.values("article_id"))
            )
        return (
            queryset.filter(daily_views__day__gte=oldest, daily_views__day__lte=today)
            .annotate(
                reads=Sum(
                    Case(
                        When(
                            daily_views__day=oldest,
                            then=F("daily_views__views") * Value(weight),
                        ),
                        default=F("daily_views__views") * Value(1.0),
                        output_field=FloatField(),
                    )
                )
            )
            .filter(reads__gte=min_reads)
            .order_by("-reads", "-published_at", "-pk")
        )

    def with_view_counts(self, now=None):
        """Annotate ``views_24h`` and ``views_7d`` (whole reads) for the editors' lists.

        Correlated subqueries rather than joins, so any filter the admin adds cannot
        multiply the rows being summed; a handful of index lookups per listed story.
        """
        from articles.popularity import reads_subquery

        return self.annotate(
            views_24h=reads_subquery(days=1, now=now),
            views_7d=reads_subquery(days=7, now=now),
        )

    def search(self, query):
        """These articles matching a reader's query, best first (see articles.search)."""
        from articles.search import search_articles  # articles.search needs the models loaded

        return search_articles(self, query)


def _lead_photo_renditions(shapes):
    from articles.models import Rendition

    return Prefetch("lead_photo__renditions", queryset=Rendition.objects.filter(shape__in=shapes))
