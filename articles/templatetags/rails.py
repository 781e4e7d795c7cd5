"""Template tags for the shared rails; each returns a cached list, so pages pay almost nothing.

A story's Related rail is prepared with the story itself (articles/prepared.py).

{% editors_picks exclude=article as picks %}      picks.articles, picks.source
{% most_popular region=subject as popular %}      popular.articles, popular.label
{% rails_beside article parts.related as beside %} beside.picks, beside.popular, beside.key:
                                                  the rails beside a story (or the home page's,
                                                  with no story), no story shown twice
{% rail_cards rail.articles as items %}            the rail's items, prepared
"""

from django import template

from articles import prepared, reader_cache
from articles.models import Region
from articles.rails import beside, picks, ranking

register = template.Library()


@register.simple_tag
def editors_picks(exclude=None, count=None):
    return picks.editors_picks(exclude=exclude, count=count)


@register.simple_tag
def most_popular(region=None, window=None, count=None):
    if region is not None and not isinstance(region, Region):
        raise template.TemplateSyntaxError("most_popular: region= must be a Region.")
    return ranking.most_popular(region=region, window=window, count=count)


@register.simple_tag
def rails_lifetime():
    """Seconds a page may keep its rendered rails (Most Popular may lag the reads that long):
    {% rails_lifetime as seconds %}."""
    return min(reader_cache.setting("SECONDS"), reader_cache.setting("POPULAR_SECONDS"))


@register.simple_tag
def rail_cards(articles):
    """The prepared rail items of ``articles`` (loaded by ``with_rail_cards``):
    {% rail_cards rail.articles as items %}."""
    return prepared.cards(articles, "rail", loaded=True)


@register.simple_tag
def rails_beside(article=None, related=""):
    """Editor's Picks and Most Popular beside ``article`` and its Related rail (the prepared
    part ``related``), leaving out the story and what the Related rail shows."""
    return beside.rails_beside(story=article, related_ids=prepared.related_ids(related))
