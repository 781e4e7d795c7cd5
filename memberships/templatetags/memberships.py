"""The join box at the foot of articles: plan choices kept by the reader cache."""

from django import template

from articles import reader_cache
from memberships.models import Plan

register = template.Library()


def offered_plans():
    """Slug and label of each plan on offer; a saved or deleted plan (registered with the
    reader cache, see ``memberships.apps``) outdates it with every page showing the box."""
    return reader_cache.get_or_make(
        "join-box-plans",
        lambda: [
            {"slug": plan.slug, "label": plan.price_label, "is_default": plan.is_default}
            for plan in Plan.objects.offered()
        ],
    )


@register.simple_tag
def join_box_plans():
    return offered_plans()
