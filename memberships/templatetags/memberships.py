"""The join box at the foot of articles: plan choices from the cache, not the database."""

from django import template
from django.core.cache import cache

from memberships.models import Plan

register = template.Library()

PLANS_CACHE_KEY = "memberships:join-box-plans"
PLANS_CACHE_SECONDS = 60 * 60


def offered_plans():
    """Slug and label of each plan on offer; refreshed whenever a plan is saved or deleted."""
    plans = cache.get(PLANS_CACHE_KEY)
    if plans is None:
        plans = [
            {"slug": plan.slug, "label": plan.price_label, "is_default": plan.is_default}
            for plan in Plan.objects.offered()
        ]
        cache.set(PLANS_CACHE_KEY, plans, PLANS_CACHE_SECONDS)
    return plans


def forget_offered_plans(using=None, **kwargs):
    """A plan changed: the list above, and every cached page showing the join box, are stale."""
    from articles.caching import invalidate_reader_pages

    cache.delete(PLANS_CACHE_KEY)
    invalidate_reader_pages(using=using)


@register.simple_tag
def join_box_plans():
    return offered_plans()
