"""Most Popular: counting reads from the article page's beacon, and ranking stories by them.

Counting never needs the article HTML to be uncached: the page is the same for every reader
and, once loaded, posts the story's id to ``beacon`` (static/js/beacon.js). The beacon drops
bots, counts one reader's reloads within 30 minutes once, and adds one to the story's total
for the day. Readers are told apart only by a hash of their address and browser made with a
random salt that lives in the cache for one day, so nothing stored can be traced back to a
reader once the day is over. No address is ever written to the database.

Windows: daily totals are kept by the newsroom's local date (``TIME_ZONE``). "Last 24 hours"
is today's reads plus yesterday's in proportion to the hours of yesterday still inside the
last 24 hours (at 18:00, a quarter of yesterday's); "last 7 days" is today, the six days
before, and the seventh day back in the same proportion. This assumes reads spread evenly
over the oldest day, which is the only day of the window not wholly inside it.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import (
    Case,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Round
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.models import Article, DailyViews
from articles.rails import cached

WINDOW_DAYS = {"24h": 1, "7d": 7}
WINDOW_LABELS = {"24h": "in the last 24 hours", "7d": "in the last 7 days"}
REPEAT_READ_SECONDS = 30 * 60

# Crawlers, link previewers, monitors and scripted clients. "(?<!cu)bot" spares Cubot phones.
BOT_USER_AGENT = re.compile(
    r"(?<!cu)bot|crawl|spider|slurp|archiver|scrap|preview|monitor|uptime|pingdom|lighthouse"
    r"|headless|phantomjs|selenium|puppeteer|playwright|facebookexternalhit|embedly|whatsapp"
    r"|curl/|wget/|python|httpx|aiohttp|go-http-client|java/|okhttp|axios|node-fetch|libwww"
    r"|http_request|feedfetcher|rss|validator|google-inspectiontool|bingpreview",
    re.IGNORECASE,
)
ARTICLE_ID = re.compile(r"[1-9][0-9]{0,17}")
SAME_SITE = {"same-origin", "same-site", "none"}
_PROCESS_SALT = secrets.token_hex(16)


# Windows -------------------------------------------------------------------------------


def reads_window(*, days, now=None):
    """(oldest day, today, share of the oldest day inside the window) by local date."""
    local = timezone.localtime(now or timezone.now())
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    elapsed_share = (local - midnight).total_seconds() / 86400
    today = local.date()
    return today - timedelta(days=days), today, max(0.0, 1.0 - elapsed_share)


def reads_subquery(*, days, now=None):
    """Whole reads of the outer story in the window, as an expression (0 when none)."""
    oldest, today, weight = reads_window(days=days, now=now)
    totals = (
        DailyViews.objects.filter(article=OuterRef("pk"), day__gte=oldest, day__lte=today)
        .order_by()
        .values("article")
        .annotate(
            total=Sum(
                Case(
                    When(day=oldest, then=F("views") * Value(weight)),
                    default=F("views") * Value(1.0),
                    output_field=FloatField(),
                )
            )
        )
        .values("total")
    )
    return Coalesce(
        Cast(Round(Subquery(totals, output_field=FloatField())), IntegerField()), Value(0)
    )


# Counting ------------------------------------------------------------------------------


def count_read(*, article_id, day=None):
    """Add one read to the story's total for ``day`` (today, local date), atomically.

    The UPDATE increments in the database, so parallel beacons cannot overwrite each
    other. The first read of the day inserts the row; if another beacon inserted it in the
    meantime the unique constraint refuses ours, and we increment theirs instead.
    """
    day = day or timezone.localdate()
    rows = DailyViews.objects.filter(article_id=article_id, day=day)
    if rows.update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            DailyViews.objects.create(article_id=article_id, day=day, views=1)
    except IntegrityError:
        rows.update(views=F("views") + 1)


def client_address(request):
    """The reader's address, trusting X-Forwarded-For only as far as our own proxies."""
    hops = settings.BEACON_TRUSTED_PROXIES
    if hops > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def is_bot(request):
    user_agent = request.META.get("HTTP_USER_AGENT", "").strip()
    if not user_agent or BOT_USER_AGENT.search(user_agent):
        return True
    # Prefetches and prerenders that were never shown are not reads.
    purpose = " ".join(
        request.META.get(header, "")
        for header in ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")
    ).lower()
    return "prefetch" in purpose or "preview" in purpose


def _daily_salt(day, *, create=True):
    """A random salt for one local day, forgotten shortly after the day ends."""
    key = f"popularity:salt:{day.isoformat()}"
    salt = cache.get(key)
    if salt is None and create:
        next_midnight = datetime.combine(
            day + timedelta(days=1), time.min, tzinfo=timezone.get_current_timezone()
        )
        end_of_use = next_midnight + timedelta(seconds=REPEAT_READ_SECONDS + 60)
        lifetime = max(60, int((end_of_use - timezone.now()).total_seconds()))
        cache.add(key, secrets.token_hex(16), timeout=lifetime)
        # A cache that keeps nothing (dummy://) cannot share a salt; nothing is kept either.
        salt = cache.get(key) or _PROCESS_SALT
    return salt


def _fingerprint(salt, *parts):
    message = "\n".join([salt, *map(str, parts)]).encode()
    return hashlib.sha256(message).hexdigest()[:32]


def is_repeat_read(request, *, article_id, now):
    """True when this reader already counted for this story in the last 30 minutes.

    Otherwise remember this read (only as a salted hash) for the next 30 minutes.
    """
    local = timezone.localtime(now)
    today = local.date()
    reader = (client_address(request), request.META.get("HTTP_USER_AGENT", ""), article_id)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    if (local - midnight).total_seconds() < REPEAT_READ_SECONDS:
        # A reload just after midnight is looked up under yesterday's salt too.
        yesterday_salt = _daily_salt(today - timedelta(days=1), create=False)
        if yesterday_salt and cache.get(f"popularity:seen:{_fingerprint(yesterday_salt, *reader)}"):
            return True
    key = f"popularity:seen:{_fingerprint(_daily_salt(today), *reader)}"
    return not cache.add(key, 1, timeout=REPEAT_READ_SECONDS)


def is_rate_limited(request, *, now):
    """Fixed-window limit on beacons per client address (kept only as a salted hash)."""
    window = max(1, settings.BEACON_RATE_WINDOW)
    bucket = int(now.timestamp()) // window
    salt = _daily_salt(timezone.localdate(now))
    key = f"popularity:rate:{_fingerprint(salt, client_address(request))}:{bucket}"
    cache.add(key, 0, timeout=window + 5)
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 5)
        hits = 1
    return hits > settings.BEACON_RATE_LIMIT


def _plain(status, text=""):
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


@csrf_exempt  # cached pages carry no token and the beacon changes nothing a reader owns
@require_POST
@never_cache
def beacon(request):
    """Count one read of a published story: POST ``article=<id>``; always a tiny reply."""
    now = timezone.now()
    if is_rate_limited(request, now=now):
        response = _plain(429, "Too many requests.")
        response["Retry-After"] = str(settings.BEACON_RATE_WINDOW)
        return response
    try:
        raw_id = request.POST.get("article", "")
    except MultiPartParserError:
        raw_id = ""
    if not ARTICLE_ID.fullmatch(raw_id):
        return _plain(400, "Unknown article.")
    article_id = int(raw_id)
    if not Article.objects.published(at=now).filter(pk=article_id).exists():
        return _plain(400, "Unknown article.")
    if request.META.get("HTTP_SEC_FETCH_SITE", "same-origin") not in SAME_SITE:
        # Another site's pages posting here would be counting its readers as ours.
        return _plain(403, "Cross-site beacons are not counted.")
    if not is_bot(request) and not is_repeat_read(request, article_id=article_id, now=now):
        count_read(article_id=article_id, day=timezone.localdate(now))
    return HttpResponse(status=204)


# Ranking -------------------------------------------------------------------------------


@dataclass
class PopularList:
    window: str
    articles: list = field(default_factory=list)

    @property
    def label(self):
        return WINDOW_LABELS[self.window]


def rank_most_popular(*, region=None, window=None, count=None, now=None):
    """The most read published stories, site-wide or in one region (uncached).

    Only stories with at least POPULAR_MIN_READS reads in the window are listed. When the
    24-hour window cannot fill the list (a quiet day), the 7-day window is used instead: it
    holds every story the shorter one does, and more.
    """
    window = window or settings.POPULAR_WINDOW
    count = count or settings.POPULAR_COUNT
    windows = [window, "7d"] if window == "24h" else [window]
    articles = []
    for shown in windows:
        articles = list(
            Article.objects.published(at=now)
            .most_read(
                days=WINDOW_DAYS[shown],
                region=region,
                min_reads=settings.POPULAR_MIN_READS,
                now=now,
            )
            .with_rail_cards()[:count]
        )
        if len(articles) >= count:
            break
    return PopularList(window=shown, articles=articles)


def most_popular(*, region=None, window=None, count=None):
    """``rank_most_popular``, cached for POPULAR_CACHE_SECONDS."""
    window = window or settings.POPULAR_WINDOW
    count = count or settings.POPULAR_COUNT
    return cached(
        ["popular", region.pk if region else "all", window, count],
        timeout=settings.POPULAR_CACHE_SECONDS,
        compute=lambda: rank_most_popular(region=region, window=window, count=count),
    )
