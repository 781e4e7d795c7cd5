from django.conf import settings
from django.utils.functional import SimpleLazyObject, lazy

from articles.views import navigation_regions
from newsroom import editions, identity

# Lazy: only a page that links its icons looks their addresses up.
_icon_url = lazy(identity.icon_url, str)


def site(request):
    """The publication's identity (settings ``SITE_*``: newsroom/identity.py) and the region
    navigation, on every page.

    ``nav_regions`` is only queried when the cached header and footer must be rendered again;
    ``nav_current`` says which of them is the page being shown ("home", a region's slug, "").
    """
    return {
        "site_name": settings.SITE_NAME,
        **{f"site_{word}": text for word, text in editions.site_words().items()},
        "site_logo": identity.logo(),
        "site_favicon": _icon_url(identity.FAVICON_SIZE),
        "site_touch_icon": _icon_url(identity.TOUCH_ICON_SIZE),
        "site_theme_colour": settings.SITE_THEME_COLOUR,
        "site_twitter": settings.SITE_TWITTER,
        "nav_regions": SimpleLazyObject(navigation_regions),
        "nav_current": _current_section(request),
        # The language switcher (only with more than one edition); a page whose translation
        # is not at the same address in each edition (a story) gives its own.
        "edition_links": SimpleLazyObject(
            lambda: editions.switcher(editions.current(), editions.same_page_elsewhere(request))
        ),
    }


def _current_section(request):
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.view_name == "articles:home":
        return "home"
    if match.view_name == "articles:region":
        return "region:" + match.kwargs.get("slug", "")
    return ""
