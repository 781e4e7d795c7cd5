import re
from typing import NamedTuple

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import Count
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.views.generic import ListView
from taggit.models import Tag

from articles import prepared, reader_cache, wording
from articles.models import Article, Author, Region, SlugRedirect
from articles.pagination import CountedPaginator
from articles.reader_cache import is_staff_request
from newsroom import editions

PAGE_SIZE = 20
HOME_LATEST = 7  # the lead story and the six beside and under it
HOME_PER_REGION = 4


def navigation_regions():
    """The regions in the navigation, in order, in the edition's words: kept by the reader
    cache (for each edition)."""
    edition = editions.current()
    return reader_cache.get_or_make(
        "regions:navigation",
        lambda: wording.in_edition(list(Region.objects.navigation()), edition),
    )


def home(request):
    """The front page of the edition being read: its latest stories and each region's (kept by
    the reader cache until the next change), then every prepared card at once."""
    published = Article.objects.published().in_edition(editions.current())
    # Which stories lead the page, like which a list page shows, is kept by the reader cache.
    latest = reader_cache.get_or_make(
        "home:latest",
        lambda: [
            Listed(pk, version)
            for pk, version in published.with_card_version()
            .latest_first()
            .values_list("pk", "card_version")[:HOME_LATEST]
        ],
    )
    # Region sections carry on from the top of the page rather than repeat it. Which stories
    # they show changes only with content or the clock: the reader cache keeps it like a rail.
    shown_above = [story.pk for story in latest]
    sections = reader_cache.get_or_make(
        "home:sections:" + ",".join(map(str, shown_above)),
        lambda: _region_sections(published.exclude(pk__in=shown_above)),
    )
    variants = ["lead", "top", "top", *["river"] * (len(latest) - 3)][: len(latest)]
    wanted = [
        *zip(latest, variants, strict=True),
        *((story, "section") for _region, stories in sections for story in stories),
    ]
    cards = iter(prepared.cards_of(wanted, fresh=is_staff_request(request)))
    top = [next(cards) for _ in latest]
    return render(
        request,
        "articles/home.html",
        {
            "lead": top[:1],
            "top": top[1:3],
            "latest": top[3:],
            "sections": [
                {"region": region, "cards": [next(cards) for _ in stories]}
                for region, stories in sections
            ],
        },
    )


def _region_sections(published):
    """``[(region, [Listed, ...]), ...]``: the newest stories of each region in the navigation."""
    regions = navigation_regions()
    in_each = published.latest_in_each_region(regions, HOME_PER_REGION)
    return [
        (region, [Listed(pk, version) for pk, version in in_each[region.pk]])
        for region in regions
        if in_each.get(region.pk)
    ]


class Listed(NamedTuple):
    """A story as a list knows it: its id and its cards' version (``with_card_version``)."""

    pk: int
    card_version: int | None


# What a story's page needs of its prepared page (articles.prepared.is_current and the parts).
PREPARED_FIELDS = (
    "version",
    "prepared_version",
    "fingerprint",
    "prepared_at",
    "alternates",
    "good_until",
    *prepared.PARTS,
)


def article_detail(request, slug):
    """A story of the edition being read: one query for the story and its prepared parts
    (articles.prepared); the page around them is made of fragments every page shares. A story
    of another edition asked for here is sent on to its own edition's address."""
    edition = editions.current()
    found = (
        Article.objects.published()
        .in_edition(edition)
        .filter(slug=slug)
        .select_related("prepared")
        .only(
            "pk",
            "slug",
            "language",
            "headline",
            "live_since",
            "live_until",
            *(f"prepared__{field}" for field in PREPARED_FIELDS),
        )
        .order_by()[:1]
    )
    article = next(iter(found), None)
    if article is None:
        elsewhere = (
            Article.objects.published()
            .filter(slug=slug)
            .exclude(language=edition)
            .only("pk", "slug", "language")
            .first()
        )
        if elsewhere is not None:
            return redirect(elsewhere, permanent=True)
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
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "parts": parts,
            "live_poll_seconds": settings.LIVE_BLOG_POLL_SECONDS,
            "edition_links": editions.switcher(edition, parts["alternates"]),
        },
    )


# ``after``: the id of the newest update the reader has (a number that fits any database).
UPDATE_ID = re.compile(r"(0|[1-9][0-9]{0,17})")
LIVE_UPDATES_AT_ONCE = 50


def live_updates(request, slug):
    """The updates of a live blog newer than ``?after=<id>``, newest first, as JSON:
    ``{"html", "count", "newest", "live"}`` (``html`` made by the include the page uses).

    What static/js/live-updates.js asks for while a reader has the blog open; cached like
    every reader page, and outdated by any new, changed or removed update. A few queries,
    however many updates there are."""
    after = request.GET.get("after", "0")
    if not UPDATE_ID.fullmatch(after):
        return HttpResponseBadRequest(
            "“after” must be the number of an update.", content_type="text/plain; charset=utf-8"
        )
    article = (
        Article.objects.published()
        .in_edition(editions.current())
        .filter(slug=slug, live_since__isnull=False)
        .only("pk", "slug", "language", "live_since", "live_until")
        .first()
    )
    if article is None:
        raise Http404("No live blog here.")
    # The oldest ones first when there are more than fit in an answer: the next ask, after the
    # newest of these, brings the rest. Shown newest first, as on the page.
    newer = Article.objects.live_updates_shown().filter(article=article, pk__gt=int(after))
    updates = list(newer.order_by("pk")[:LIVE_UPDATES_AT_ONCE])[::-1]
    for update in updates:
        update.article = article  # its anchor link needs the story's address
    html = "".join(
        render_to_string("articles/_live_update.html", {"update": update}) for update in updates
    )
    return JsonResponse(
        {
            "html": html,
            "count": len(updates),
            "newest": updates[0].pk if updates else int(after),
            "live": article.is_live,
        }
    )


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
    """A paginated list of published stories filtered by one object (region, tag, author).

    Which stories a page shows is one query for their ids and versions; their cards are
    prepared (``articles.prepared.cards``). What the page is about, and how many stories it
    lists, are kept by the reader cache until the next content change.
    """

    paginate_by = PAGE_SIZE
    context_object_name = "articles"
    subject_model = None
    # Whether what the page is made of (its subject, counts and each page's stories) goes to
    # the shared cache: a region's or an author's list ranks hundreds of stories, worth one
    # fetch by every worker; a tag usually lists a few, cheaper to list again in each worker
    # than to fetch (``get_or_make(shared=False)``).
    shared_data = True

    def subject_queryset(self):
        return self.subject_model.objects.all()

    @property
    def label(self):
        """What the reader cache names this page's kept parts after (``articles.region``)."""
        return self.subject_model._meta.label_lower

    def filter_articles(self, queryset):
        raise NotImplementedError

    def get_subject(self):
        edition = editions.current()

        def find():
            # A miss raises, so nothing is kept for an address that does not exist.
            subject = get_object_or_404(self.subject_queryset(), slug=self.kwargs["slug"])
            wording.in_edition([subject, getattr(subject, "portrait", None)], edition)
            return subject

        return reader_cache.get_or_make(
            f"subject:{self.label}:{self.kwargs['slug']}", find, shared=self.shared_data
        )

    # Whether a subject with no published story is a page; known from the count, not asked.
    lists_nothing = True

    def counts(self):
        """``{edition: how many published stories the page lists in it}``, for every edition
        in one query (a tag's page links the other editions that list the tag)."""
        return reader_cache.get_or_make(
            f"counts:{self.label}:{self.subject.pk}",
            lambda: dict(
                self.filter_articles(Article.objects.published())
                .order_by()
                .values_list("language")
                .annotate(stories=Count("pk"))
            ),
            shared=self.shared_data,
        )

    def rows(self):
        """The listed stories' ids, card versions and stored cards, newest first: all a page
        shows of them. Built only for a page the reader cache does not keep."""
        return (
            self.filter_articles(Article.objects.published().in_edition(editions.current()))
            .with_card("list", prepared.fingerprint())
            .latest_first()
            .values_list("pk", "card_version", "list_card", named=True)
        )

    def get_queryset(self):
        self.subject = self.get_subject()
        self.count = self.counts().get(editions.current(), 0)
        if not self.count and not self.lists_nothing:
            raise Http404("Nothing published here.")
        return self.rows

    def get_paginator(self, queryset, per_page, **kwargs):
        kept_as = f"list:{self.label}:{self.subject.pk}"
        return CountedPaginator(
            queryset, per_page, count=self.count, kept_as=kept_as, shared=self.shared_data, **kwargs
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(subject=self.subject, **kwargs)
        context["cards"] = prepared.cards(
            context["object_list"], "list", fresh=is_staff_request(self.request)
        )
        return context


class RegionView(ArticleListView):
    template_name = "articles/region_detail.html"
    subject_model = Region

    def filter_articles(self, queryset):
        return queryset.in_region(self.subject)


class TagView(ArticleListView):
    template_name = "articles/tag_detail.html"
    subject_model = Tag
    # A tag only on drafts or scheduled stories must not give them away.
    lists_nothing = False
    shared_data = False

    def filter_articles(self, queryset):
        return queryset.tagged(self.subject)

    def get_context_data(self, **kwargs):
        # The tag's page in an edition with nothing under it is no page: switch to its front.
        context = super().get_context_data(**kwargs)
        addresses = editions.same_page_elsewhere(self.request)
        counts = self.counts()
        for code in editions.others(editions.current()):
            if not counts.get(code):
                addresses.pop(code, None)
        context["edition_links"] = editions.switcher(editions.current(), addresses)
        return context


class AuthorView(ArticleListView):
    template_name = "articles/author_detail.html"
    subject_model = Author

    def subject_queryset(self):
        return Author.objects.select_related("portrait").prefetch_related("portrait__renditions")

    def filter_articles(self, queryset):
        return queryset.by_author(self.subject)
