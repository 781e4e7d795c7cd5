"""The benchmark server's root URLconf: the whole site, plus the reference pages at /_bench/.

Only bench/settings.py names it; the product's URLconf (newsroom/urls.py) never mounts these.
"""

from django.urls import include, path

from bench import views

urlpatterns = [
    path("_bench/ceiling/", views.ceiling),
    path("_bench/plain/", views.plain),
    path("", include("newsroom.urls")),
]
