from django.urls import path

from articles import views
from articles.caching import cache_reader_page

app_name = "articles"

urlpatterns = [
    path("", cache_reader_page(views.home), name="home"),
    path("news/<slug:slug>/", cache_reader_page(views.article_detail), name="article"),
    path("region/<slug:slug>/", cache_reader_page(views.RegionView.as_view()), name="region"),
    path("tag/<slug:slug>/", cache_reader_page(views.TagView.as_view()), name="tag"),
    path("author/<slug:slug>/", cache_reader_page(views.AuthorView.as_view()), name="author"),
]
