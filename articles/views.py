from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import ListView
from taggit.models import Tag

from articles.models import Article, Author, Region, SlugRedirect

PAGE_SIZE = 20


def home(request):
    latest = list(Article.objects.published().with_cards().latest_first()[:13])
    return render(
        request,
        "articles/home.html",
        {"lead": latest[0] if latest else None, "latest": latest[1:]},
    )


def article_detail(request, slug):
    article = (
        Article.objects.published()
        .select_related("primary_region", "lead_photo")
        .prefetch_related(
            "lead_photo__renditions", "bylines__author", "tags", "regions", "corrections"
        )
        .filter(slug=slug)
        .first()
    )
    if article is None:
        moved = get_object_or_404(
            SlugRedirect.objects.filter(article__in=Article.objects.published()), old_slug=slug
        )
        return redirect(moved.article, permanent=True)
    return render(request, "articles/article_detail.html", {"article": article})


class ArticleListView(ListView):
    """A paginated list of published stories filtered by one object (region, tag, author)."""

    template_name = "articles/article_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "articles"

    def get_subject(self):
        raise NotImplementedError

    def filter_articles(self, queryset):
        raise NotImplementedError

    def get_queryset(self):
        self.subject = self.get_subject()
        return self.filter_articles(Article.objects.published()).with_cards().latest_first()

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject=self.subject, **kwargs)


class RegionView(ArticleListView):
    def get_subject(self):
        return get_object_or_404(Region, slug=self.kwargs["slug"])

    def filter_articles(self, queryset):
        return queryset.in_region(self.subject)


class TagView(ArticleListView):
    def get_subject(self):
        return get_object_or_404(Tag, slug=self.kwargs["slug"])

    def filter_articles(self, queryset):
        return queryset.tagged(self.subject)


class AuthorView(ArticleListView):
    def get_subject(self):
        return get_object_or_404(Author, slug=self.kwargs["slug"])

    def filter_articles(self, queryset):
        return queryset.by_author(self.subject)
