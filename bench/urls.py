"""The benchmark server's root URLconf: the whole site, plus the reference pages at /_bench/.

Only bench/settings.py names it; the product's URLconf (newsroom/urls.py) never mounts these.
"""

from django.urls import path

from bench import views
from newsroom import urls as site_urls

# The site's own patterns, not an include: its editions' patterns (i18n_patterns) must stay at
# the root of the URLconf.
urlpatterns = [
    path("_bench/ceiling/", views.ceiling),
    path("_bench/plain/", views.plain),
    *site_urls.urlpatterns,
]
