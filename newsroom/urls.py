from pathlib import Path

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from articles.reader_cache import cache_reader_page as cached
from articles.sitemaps import SITEMAPS, NewsSitemap, robots_txt, sitemap_index
from newsroom import identity
from newsroom.admin_sign_in import AdminSignInForm

admin.site.site_header = f"{settings.SITE_NAME} newsroom"
admin.site.site_title = f"{settings.SITE_NAME} admin"
admin.site.index_title = "Newsroom desk"
admin.site.login_form = AdminSignInForm

# Every reader page in each edition (newsroom/editions.py): the default edition at "/", the
# others under their language's prefix ("/ru/"), each with its own sitemaps and feeds.
# They come first: a reader page is found in the fewest tries.
urlpatterns = i18n_patterns(
    path("", include("articles.urls")),
    path("", include("memberships.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("sitemap.xml", cached(sitemap_index), name="sitemap_index"),
    path("sitemap-<section>.xml", cached(sitemap), {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path(
        "news-sitemap.xml",
        cached(sitemap),
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemaps/news_sitemap.xml"},
        name="news_sitemap",
    ),
    prefix_default_language=False,
)

urlpatterns += [
    # Staff two-factor sign-in (staff/): ahead of the admin, whose URLs would swallow it.
    path("admin/two-factor/", include("staff.urls")),
    # The editorial dashboard (insights/), behind the admin's sign-in, likewise ahead of it.
    path("admin/insights/", include("insights.urls")),
    path("admin/", admin.site.urls),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("manifest.webmanifest", identity.manifest_view, name="manifest"),
    path("icons/icon-<int:size>.png", identity.icon_view, name="site_icon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Only the renditions are public media. Originals live in their own storage and are never
    # served here, even an old one still lying in MEDIA_ROOT (README.md, "Photos").
    urlpatterns += static(
        f"{settings.MEDIA_URL}renditions/", document_root=Path(settings.MEDIA_ROOT) / "renditions"
    )
    # Besides them, the publication's logo and icons when kept in identity/ (as the demo's).
    urlpatterns += static(
        f"{settings.MEDIA_URL}identity/", document_root=Path(settings.MEDIA_ROOT) / "identity"
    )
