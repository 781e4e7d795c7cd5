"""The beacon: the story page posts its story's id here once it is read (static/js/beacon.js)."""

import re

from csp.decorators import csp_exempt
from django.conf import settings
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.models import Article
from articles.rails.counting import (
    BEACON_LIMIT_SCOPE,
    LIMITED,
    count_read,
    flush_and_log,
    is_bot,
    is_new_read,
    read_buffer,
)
from newsroom import clients

ARTICLE_ID = re.compile(r"[1-9][0-9]{0,17}")
SAME_SITE = {"same-origin", "same-site", "none"}


def _plain(status, text=""):
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


def _too_many_requests():
    response = _plain(429, "Too many requests.")
    response["Retry-After"] = str(settings.BEACON_RATE_WINDOW)
    return response


def _posted_article_id(request):
    """The posted story id as a number, or None when it is not one."""
    try:
        raw_id = request.POST.get("article", "")
    except MultiPartParserError:
        raw_id = ""
    return int(raw_id) if ARTICLE_ID.fullmatch(raw_id) else None


def _is_same_site(request):
    # Another site's pages posting here would be counting its readers as ours.
    return request.META.get("HTTP_SEC_FETCH_SITE", "same-origin") in SAME_SITE


@csrf_exempt  # cached pages carry no token and the beacon changes nothing a reader owns
@require_POST
@csp_exempt()  # its answers are empty, rendered by no browser: no policy to carry
@csp_exempt(REPORT_ONLY=True)
@never_cache
def beacon(request):
    """Count one read of a published story: POST ``article=<id>``; always a tiny reply."""
    now = timezone.now()
    buffer = read_buffer()
    if buffer is not None:
        return _count_in_redis(request, buffer, now=now)
    if not clients.hit(
        BEACON_LIMIT_SCOPE,
        clients.client_network(request),
        limit=settings.BEACON_RATE_LIMIT,
        window=settings.BEACON_RATE_WINDOW,
    ):
        return _too_many_requests()
    article_id = _posted_article_id(request)
    if article_id is None:
        return _plain(400, "Unknown article.")
    if not Article.objects.published(at=now).filter(pk=article_id).exists():
        return _plain(400, "Unknown article.")
    if not _is_same_site(request):
        return _plain(403, "Cross-site beacons are not counted.")
    if not is_bot(request) and is_new_read(request, article_id=article_id, now=now):
        count_read(article_id=article_id, day=timezone.localdate(now))
    return HttpResponse(status=204)


def _count_in_redis(request, buffer, *, now):
    """The beacon with Redis: one round trip, no database (published is checked on flush)."""
    article_id = _posted_article_id(request)
    same_site = _is_same_site(request)
    outcome, flush = buffer.count(
        request,
        article_id=article_id,
        countable=article_id is not None and same_site and not is_bot(request),
        now=now,
    )
    if outcome == LIMITED:
        return _too_many_requests()
    if article_id is None:
        return _plain(400, "Unknown article.")
    if not same_site:
        return _plain(403, "Cross-site beacons are not counted.")
    if flush:
        flush_and_log()
    return HttpResponse(status=204)
