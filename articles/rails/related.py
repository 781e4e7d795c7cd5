"""Related Articles: stories sharing tags and regions with the one being read.

Score = 4 per shared tag + 1 per shared region + a recency bonus (2 within a week, 1 within
three months): a shared tag outweighs a shared region and the recency bonus together, and
among equally close stories the newer one comes first. A story sharing only a region must
be less than a year old. Stories an editor pinned come before all others, in the pins'
order. The whole list is one query (plus the thumbnails' renditions); it is chosen when the
story's page is prepared (articles/prepared.py) and kept with it.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from taggit.models import TaggedItem

from articles.models import Article, PinnedRelated

TAG_WEIGHT = 4
REGION_WEIGHT = 1
RECENT_BONUS = ((timedelta(days=7), 2), (timedelta(days=90), 1))
REGION_ONLY_MAX_AGE = timedelta(days=365)


def _count(queryset, group_by):
    """A correlated COUNT(*) of ``queryset`` as an expression, 0 when it has no rows."""
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def choose_related(article, *, count=None, now=None):
    """Up to ``count`` published stories of ``article``'s edition related to it, never itself
    nor its translations (uncached)."""
    now = now or timezone.now()
    count = count or settings.RELATED_ARTICLES_COUNT
    tag_ids = [tag.pk for tag in article.tags.all()]
    region_ids = {article.primary_region_id, *(region.pk for region in article.regions.all())}
    region_links = Article.regions.through.objects
    article_type = ContentType.objects.get_for_model(Article)
    tagged = TaggedItem.objects.filter(content_type=article_type, tag_id__in=tag_ids)

    pins = PinnedRelated.objects.filter(article=article)
    # A story sharing only a region is worth suggesting while it is recent; this also keeps
    # the number of candidates scored bounded however large the archive grows.
    shares_region = Q(primary_region_id__in=region_ids) | Q(
        pk__in=region_links.filter(region_id__in=region_ids).values("article_id")
    )
    candidates = Q(pk__in=pins.values("related_id")) | (
        shares_region & Q(published_at__gte=now - REGION_ONLY_MAX_AGE)
    )
    shared_tags = Value(0)
    if tag_ids:
        candidates |= Q(pk__in=tagged.values("object_id"))
        shared_tags = _count(tagged.filter(object_id=OuterRef("pk")), "object_id")
    shared_regions = Case(
        When(primary_region_id__in=region_ids, then=Value(1)), default=Value(0)
    ) + _count(
        region_links.filter(article_id=OuterRef("pk"), region_id__in=region_ids).exclude(
            region_id=OuterRef("primary_region_id")
        ),
        "article_id",
    )
    recency = Case(
        *(When(published_at__gte=now - age, then=Value(bonus)) for age, bonus in RECENT_BONUS),
        default=Value(0),
    )
    return list(
        Article.objects.published(at=now)
        .in_edition(article.language)  # the reader's edition; its translations are in others
        .exclude(pk=article.pk)
        .filter(candidates)
        .annotate(
            pin_order=Subquery(pins.filter(related=OuterRef("pk")).values("order")[:1]),
            score=shared_tags * TAG_WEIGHT + shared_regions * REGION_WEIGHT + recency,
        )
        .order_by(F("pin_order").asc(nulls_last=True), "-score", "-published_at", "-pk")
        .with_rail_cards()[:count]
    )
