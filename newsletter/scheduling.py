"""When digests go out: the next daily and weekly issue of each edition, in newsroom time.

The daily digest goes out at NEWSLETTER_DAILY_AT and the weekly one on NEWSLETTER_WEEKLY_ON
("monday 08:00"), both wall-clock times in TIME_ZONE: across a change of daylight saving time
the digest still goes out at 07:00 local, so the UTC instant moves. An issue covers the stories
published since the previous issue's time, ``(previous send time, send time]``.

``plan_digests`` (newsletter.tasks) makes sure the next issue of each exists, as a scheduled
Digest whose ``send_at`` is that time; one_digest_per_period keeps that to one row however
often it runs.
"""

import calendar
import datetime as dt

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsletter.models import Digest, Frequency, Subscriber

WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}


def _clock(text, setting):
    try:
        return dt.time.fromisoformat(text.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{setting} must be a time like 07:00; got {text!r}.") from None


def daily_time():
    return _clock(settings.NEWSLETTER_DAILY_AT, "NEWSLETTER_DAILY_AT")


def weekly_time():
    """``(weekday number, time)`` of NEWSLETTER_WEEKLY_ON, Monday being 0."""
    day, _, clock = settings.NEWSLETTER_WEEKLY_ON.strip().partition(" ")
    if day.lower() not in WEEKDAYS:
        raise ImproperlyConfigured(
            f"NEWSLETTER_WEEKLY_ON must be a weekday and a time like 'monday 08:00'; "
            f"got {settings.NEWSLETTER_WEEKLY_ON!r}."
        )
    return WEEKDAYS[day.lower()], _clock(clock, "NEWSLETTER_WEEKLY_ON")


def _at(day, clock):
    """The aware instant of a local wall-clock time on a local date."""
    return timezone.make_aware(dt.datetime.combine(day, clock))


def next_period(frequency, now=None):
    """``(covers_from, send_at)`` of the first issue of ``frequency`` sent after ``now``."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if frequency == Frequency.DAILY:
        clock, step = daily_time(), dt.timedelta(days=1)
        day = today
    else:
        weekday, clock = weekly_time()
        step = dt.timedelta(weeks=1)
        day = today + dt.timedelta(days=(weekday - today.weekday()) % 7)
    if _at(day, clock) <= now:
        day += step
    return _at(day - step, clock), _at(day, clock)


def editions():
    """The editions that have readers to send to (and always the site's own language)."""
    confirmed = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED)
    return sorted({settings.LANGUAGE_CODE, *confirmed.values_list("edition", flat=True)})


def ensure_next_digests(now=None):
    """Make the next scheduled issue of each frequency and edition; the ones made now."""
    made = []
    for frequency in Frequency.values:
        covers_from, send_at = next_period(frequency, now)
        for edition in editions():
            try:
                with transaction.atomic():
                    digest, created = Digest.objects.get_or_create(
                        frequency=frequency,
                        edition=edition,
                        covers_until=send_at,
                        defaults={
                            "covers_from": covers_from,
                            "send_at": send_at,
                            "status": Digest.Status.SCHEDULED,
                        },
                    )
            except IntegrityError:  # made at the same moment by another run
                continue
            if created:
                made.append(digest)
    return made


def waiting():
    """Digests that are scheduled or part-sent: each needs its send task queued."""
    return Digest.objects.filter(
        status__in=[Digest.Status.SCHEDULED, Digest.Status.SENDING], send_at__isnull=False
    ).order_by("send_at", "pk")
