from django.urls import path

from articles import feeds, search, views
from articles.rails import beacon
from articles.reader_cache import cache_reader_page as cached

app_name = "articles"

# Reader pages and feeds are cached for anonymous readers (articles.reader_cache); the beacon and
# the staff-only preview never are.
urlpatterns = [
    # First: the most asked-for address, by every story page read (fewest patterns tried).
    path("beacon/", beacon.beacon, name="beacon"),
    # Pages made of prepared parts, cards and kept lists (which stories a page shows, a
    # search's ranking) cost hardly more to make than to fetch from Redis: each worker keeps
    # its own copies (shared=False).
    path("", cached(views.home, shared=False), name="home"),
    path("news/<slug:slug>/", cached(views.article_detail, shared=False), name="article"),
    # A live blog's new updates, asked for every LIVE_BLOG_POLL_SECONDS by each open page.
    path(
        "news/<slug:slug>/updates/",
        cached(views.live_updates, timeout=60, shared=False),
        name="live_updates",
    ),
    path("preview/<int:pk>/", views.article_preview, name="preview"),
    path("region/<slug:slug>/", cached(views.RegionView.as_view(), shared=False), name="region"),
    path("tag/<slug:slug>/", cached(views.TagView.as_view(), shared=False), name="tag"),
    path("author/<slug:slug>/", cached(views.AuthorView.as_view(), shared=False), name="author"),
    path(
        "search/", cached(search.search, timeout=search.KEPT_SECONDS, shared=False), name="search"
    ),
    path("feed/", cached(feeds.LatestStoriesFeed()), name="feed"),
    path("feed/atom/", cached(feeds.LatestStoriesAtomFeed()), name="feed_atom"),
    path("region/<slug:slug>/feed/", cached(feeds.RegionFeed()), name="region_feed"),
    path("region/<slug:slug>/feed/atom/", cached(feeds.RegionAtomFeed()), name="region_feed_atom"),
    path("tag/<slug:slug>/feed/", cached(feeds.TagFeed()), name="tag_feed"),
    path("tag/<slug:slug>/feed/atom/", cached(feeds.TagAtomFeed()), name="tag_feed_atom"),
    path("author/<slug:slug>/feed/", cached(feeds.AuthorFeed()), name="author_feed"),
    path("author/<slug:slug>/feed/atom/", cached(feeds.AuthorAtomFeed()), name="author_feed_atom"),
]
