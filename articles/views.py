from itertools import groupby

from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.generic import ListView
from taggit.models import Tag

from articles import prepared
from articles.models import Article, Author, Region, SlugRedirect
from articles.reader_cache import is_staff_request

PAGE_SIZE = 20
HOME_LATEST = 7  # the lead story and the six beside and under it
HOME_PER_REGION = 4


def home(request):
    """The front page: two queries for which stories, then all their prepared cards at once."""
    published = Article.objects.published()
    latest = list(published.with_card_version().latest_first()[:HOME_LATEST])
    # Region sections carry on from the top of the page rather than repeat it.
    section_articles = list(
        published.exclude(pk__in=[article.pk for article in latest])
        .filter(primary_region__in_navigation=True)
        .with_card_version()
        .latest_per_region(HOME_PER_REGION)
        .select_related("primary_region")
        .only("pk", "primary_region__name", "primary_region__slug")
    )
    variants = ["lead", "top", "top", *["river"] * (len(latest) - 3)][: len(latest)]
    wanted = [*zip(latest, variants, strict=True), *((a, "section") for a in section_articles)]
    cards = iter(prepared.cards_of(wanted, fresh=is_staff_request(request)))
    top = [next(cards) for _ in latest]
    sections = [
        {"region": group[0].primary_region, "cards": [next(cards) for _ in group]}
        for group in (
            list(group) for _, group in groupby(section_articles, key=lambda a: a.primary_region_id)
        )
    ]
    return render(
        request,
        "articles/home.html",
        {"lead": top[:1], "top": top[1:3], "latest": top[3:], "sections": sections},
    )


# What a story's page needs of its prepared page (articles.prepared.is_current and the parts).
PREPARED_FIELDS = (
    "version",
    "prepared_version",
    "fingerprint",
    "prepared_at",
    *prepared.PARTS,
)


def article_detail(request, slug):
    """A story: one query for the story and its prepared parts (articles.prepared); the page
    around them is made of fragments every page shares."""
    found = (
        Article.objects.published()
        .filter(slug=slug)
        .select_related("prepared")
        .only("pk", "headline", *(f"prepared__{field}" for field in PREPARED_FIELDS))
        .order_by()[:1]
    )
    article = next(iter(found), None)
    if article is None:
        moved = get_object_or_404(
            SlugRedirect.objects.filter(article__in=Article.objects.published()).select_related(
                "article"
            ),
            old_slug=slug,
        )
        return redirect(moved.article, permanent=True)
    if is_staff_request(request):
        # The desk checks what it saved: rendered now from the database, never stored.
        parts = prepared.fresh_parts(Article.objects.with_story().get(pk=article.pk))
    else:
        parts = prepared.page_parts(article)
    return render(request, "articles/article_detail.html", {"article": article, "parts": parts})


@staff_member_required
def article_preview(request, pk):
    """A story exactly as readers will see it, whatever its status; for the desk only."""
    if not request.user.has_perm("articles.view_article"):
        raise Http404
    article = get_object_or_404(Article.objects.with_story(), pk=pk)
    response = render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "parts": prepared.fresh_parts(article),
            "preview": True,
            "noindex": True,
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)
    return response


class ArticleListView(ListView):
    """A paginated list of published stories filtered by one object (region, tag, author)."""

    paginate_by = PAGE_SIZE
    context_object_name = "articles"

    def get_subject(self):
        raise NotImplementedError

    def filter_articles(self, queryset):
        raise NotImplementedError

    def get_queryset(self):
        self.subject = self.get_subject()
        return self.filter_articles(Article.objects.published()).with_card_version().latest_first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(subject=self.subject, **kwargs)
        context["cards"] = prepared.cards(
            context["object_list"], "list", fresh=is_staff_request(self.request)
        )
        return context


class RegionView(ArticleListView):
    template_name = "articles/region_detail.html"

    def get_subject(self):
        return get_object_or_404(Region, slug=self.kwargs["slug"])

    def filter_articles(self, queryset):
        return queryset.in_region(self.subject)


class TagView(ArticleListView):
    template_name = "articles/tag_detail.html"
    # A tag only on drafts or scheduled stories must not give them away.
    allow_empty = False

    def get_subject(self):
        return get_object_or_404(Tag, slug=self.kwargs["slug"])

    def filter_articles(self, queryset):
        return queryset.tagged(self.subject)


class AuthorView(ArticleListView):
    template_name = "articles/author_detail.html"

    def get_subject(self):
        authors = Author.objects.select_related("portrait").prefetch_related("portrait__renditions")
        return get_object_or_404(authors, slug=self.kwargs["slug"])

    def filter_articles(self, queryset):
        return queryset.by_author(self.subject)
