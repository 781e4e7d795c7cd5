"""The demo newsroom's newsletter: readers who signed up over the last weeks (most confirmed,
some still to confirm, a few gone), where they signed up, and yesterday's daily digest as
sent to them, so the subscribers' and digests' admin and the editorial dashboard have
something to show. ``load_demo_newsletter``.

Every address is at example.org (which can receive no mail). Safe to run again: nothing is
added once the demo subscribers are there.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from memberships.demo import most_read_stories
from newsletter.digests import freeze_stories
from newsletter.models import Delivery, Digest, Frequency, Subscriber
from newsletter.scheduling import next_period
from newsroom.attribution import Placement

FIRST_NAMES = [
    "nana", "ashot", "gunel", "irakli", "mariam", "samir", "lia", "timur", "elene", "hayk",
    "sevinj", "zaur", "tako", "narek", "aida", "beslan", "eka", "vugar", "marine", "ruslan",
    "natia", "gor", "lala", "islam", "sopho", "tigran", "ulviyya", "akhmed", "ketevan", "samvel",
]  # fmt: skip
# Where each one signed up, in turn: mostly under stories, then the home page and the rest.
PLACEMENTS = [
    Placement.STORY, Placement.STORY, Placement.HOME, Placement.STORY, Placement.AFTER_JOINING,
    Placement.STORY, Placement.HOME, Placement.NEWSLETTER, Placement.STORY, Placement.STORY,
]  # fmt: skip


def _subscriber(index, name, now, stories):
    days_ago = (index * 5) % 28 + 1
    placement = PLACEMENTS[index % len(PLACEMENTS)]
    status = Subscriber.Status.CONFIRMED
    if index % 9 == 4:
        status = Subscriber.Status.PENDING
    elif index % 13 == 7:
        status = Subscriber.Status.UNSUBSCRIBED
    created = now - timedelta(days=days_ago, hours=index % 11)
    return Subscriber(
        email=f"{name}.reader@example.org",
        frequency=Frequency.WEEKLY if index % 4 == 3 else Frequency.DAILY,
        status=status,
        created_at=created,
        confirmation_sent_at=created,
        confirmed_at=None if status == Subscriber.Status.PENDING else created + timedelta(hours=1),
        unsubscribed_at=now - timedelta(days=1)
        if status == Subscriber.Status.UNSUBSCRIBED
        else None,
        source_placement=placement,
        source_article_id=(
            stories[index % min(len(stories), 6)]
            if placement == Placement.STORY and stories
            else None
        ),
    )


def _sent_digest(now):
    """Yesterday's daily digest, sent to every confirmed daily reader at the time it was due."""
    covers_from, send_at = next_period(Frequency.DAILY, now - timedelta(days=1))
    digest, created = Digest.objects.get_or_create(
        frequency=Frequency.DAILY,
        edition=Digest._meta.get_field("edition").get_default(),
        covers_until=send_at,
        defaults={"covers_from": covers_from, "send_at": send_at, "status": Digest.Status.SENT},
    )
    if not created:
        return digest
    freeze_stories(digest)
    digest.started_at = send_at
    digest.finished_at = send_at + timedelta(minutes=2)
    digest.editor_note = "Good morning. A quieter day on the roads, a busier one in parliament."
    digest.save()
    readers = Subscriber.objects.filter(
        status=Subscriber.Status.CONFIRMED,
        frequency=Frequency.DAILY,
        confirmed_at__lte=send_at,
    )
    Delivery.objects.bulk_create(
        Delivery(
            digest=digest,
            subscriber=reader,
            state=Delivery.State.SENT,
            claimed_at=send_at,
            sent_at=send_at + timedelta(seconds=2 * number),
        )
        for number, reader in enumerate(readers)
    )
    return digest


@transaction.atomic
def load_demo_newsletter(*, now=None):
    """Add the demo subscribers and yesterday's digest if they are missing; how many readers
    were added (0 when they were there already)."""
    now = now or timezone.now()
    emails = [f"{name}.reader@example.org" for name in FIRST_NAMES]
    if Subscriber.objects.filter(email__in=emails).exists():
        return 0
    stories = most_read_stories()
    Subscriber.objects.bulk_create(
        _subscriber(index, name, now, stories) for index, name in enumerate(FIRST_NAMES)
    )
    _sent_digest(now)
    return len(FIRST_NAMES)
