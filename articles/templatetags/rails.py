"""Template tags for the rails; each returns a cached list, so pages pay almost nothing.

{% editors_picks exclude=article as picks %}      picks.articles, picks.source
{% most_popular region=subject as popular %}      popular.articles, popular.label
{% related_articles article as related %}          a list of stories
"""

from django import template

from articles import picks, popularity, rails, related
from articles.models import Region

register = template.Library()


@register.simple_tag
def editors_picks(exclude=None, count=None):
    return picks.editors_picks(exclude=exclude, count=count)


@register.simple_tag
def most_popular(region=None, window=None, count=None):
    if region is not None and not isinstance(region, Region):
        raise template.TemplateSyntaxError("most_popular: region= must be a Region.")
    return popularity.most_popular(region=region, window=window, count=count)


@register.simple_tag
def related_articles(article, count=None):
    return related.related_articles(article, count=count)


@register.simple_tag
def rails_lifetime():
    """Seconds a page may keep its rendered rails: {% rails_lifetime as seconds %}."""
    return rails.fragment_seconds()
