"""Reference pages the benchmark measures the real pages against.

Served at /_bench/ only by the benchmark's own URLconf (bench/urls.py, through bench/settings.py),
so the product never exposes them.
"""

from pathlib import Path

from django.http import HttpResponse
from django.template import engines

from articles.models import Article

PLAIN_TEMPLATE = engines["django"].from_string(
    (Path(__file__).resolve().parent / "plain.html").read_text()
)
_fixed_pages = {}


def ceiling(request):
    """The fastest a Django page can be here: a fixed body of the requested size, no work."""
    size = min(int(request.GET.get("bytes", "20000") or 20000), 1_000_000)
    if size not in _fixed_pages:
        _fixed_pages[size] = (b"<!doctype html><title>x</title>" + b"x" * size)[:size]
    return HttpResponse(_fixed_pages[size], content_type="text/html; charset=utf-8")


def plain(request):
    """A plain Django page: a 20-item list from one ORM query, rendered through a template."""
    articles = (
        Article.objects.published()
        .order_by("-published_at")
        .only("headline", "slug", "standfirst", "published_at")[:20]
    )
    return HttpResponse(PLAIN_TEMPLATE.render({"articles": articles}))
