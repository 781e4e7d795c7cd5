from django.db import models
from django.db.models import Q
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
        return self.filter(Q(primary_region=region) | Q(regions=region)).distinct()

    def tagged(self, tag):
        return self.filter(tags=tag)

    def by_author(self, author):
        return self.filter(authors=author)

    def latest_first(self):
        return self.order_by("-published_at", "-pk")

    def with_cards(self):
        """What an article card needs: region kicker, lead photo with its renditions, bylines."""
        return self.select_related("primary_region", "lead_photo").prefetch_related(
            "lead_photo__renditions", "bylines__author"
        )

    def search(self, query):
        """These articles matching a reader's query, best first (see articles.search)."""
        from articles.search import search_articles  # articles.search needs the models loaded

        return search_articles(self, query)
