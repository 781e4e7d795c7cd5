from django.urls import path

from articles import popularity, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("news/<slug:slug>/", views.article_detail, name="article"),
    path("preview/<int:pk>/", views.article_preview, name="preview"),
    path("region/<slug:slug>/", views.RegionView.as_view(), name="region"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("beacon/", popularity.beacon, name="beacon"),
]
