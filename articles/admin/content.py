from django.contrib import admin

from articles.admin.rails import ArticleViewsMixin, PinnedRelatedInline
from articles.models import Article, Author, Photo, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "nav_order", "in_navigation"]
    list_editable = ["nav_order", "in_navigation"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["__str__", "credit", "uploaded_at"]
    search_fields = ["caption", "credit", "alt_text"]


@admin.register(Article)
class ArticleAdmin(ArticleViewsMixin, admin.ModelAdmin):
    list_display = ["headline", "status", "primary_region", "published_at", "views_24h", "views_7d"]
    inlines = [PinnedRelatedInline]
    list_filter = ["status", "primary_region"]
    search_fields = ["headline", "standfirst"]
    prepopulated_fields = {"slug": ["headline"]}
