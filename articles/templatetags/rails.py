"""Template tags for the shared rails; each returns a cached list, so pages pay almost nothing.

A story's Related rail is prepared with the story itself (articles/prepared.py).

{% editors_picks exclude=article as picks %}      picks.articles, picks.source
{% most_popular region=subject as popular %}      popular.articles, popular.label
{% picks_shown_beside article as beside %}         the key of the picks rail beside a story
{% rail_cards rail.articles as items %}            the rail's items, prepared
"""

from django import template

from articles import prepared, reader_cache
from articles.models import Region
from articles.rails import picks, ranking

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
def picks_shown_beside(article):
    """``article.pk`` if the story is among the Editor's Picks shown now, else "".

    The picks rail beside a story leaves that story out, so it differs only beside the few
    stories that are picked: this names the variant, so every other story shares one copy.
    The picked ids are kept like a fragment, so asking costs no query and no round trip.
    """
    shown = reader_cache.get_or_make(
        "rails:picks-ids",
        lambda: ",".join(str(story.pk) for story in picks.editors_picks().articles),
    )
    return article.pk if str(article.pk) in shown.split(",") else ""
