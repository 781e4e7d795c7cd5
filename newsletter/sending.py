"""Sending a digest in batches that a crash, a retry or a second worker cannot make send twice.

One batch (``send_batch``) is:

1. start the digest if it is due (status ``sending``, its stories frozen: newsletter.digests);
2. claim up to ``NEWSLETTER_BATCH_SIZE`` recipients, in pk order, by inserting their
   ``Delivery`` rows (``claimed``, marked with this run's token) with
   ``bulk_create(ignore_conflicts=True)``: the unique (digest, subscriber) row is the lock, so
   two runs at once never take the same subscriber, and a run sends only the rows it claimed;
3. send each, marking it ``sent`` (time, message id when the backend gives one), ``skipped``
   (unsubscribed since the digest started) or, when the mail backend raises, ``failed`` (the
   error kept); the rest of the batch is released for the next run and the error raised, so
   the task is retried (newsroom.tasks) and a failed row is tried again, up to MAX_ATTEMPTS.

The task (newsletter.tasks.send_digest) runs one batch and enqueues itself for the next, so a
restart resumes where the last committed batch ended. When nobody is left, the digest is
``sent`` with its ``finished_at``.

A ``claimed`` row older than CLAIM_TIMEOUT belongs to a run that died between claiming and
recording the outcome: the message may or may not have left. It is **not** sent again: a
reader getting an issue twice is the visible, irreversible mistake, while one missing issue
is not. Such rows stay ``claimed`` and are counted as "unconfirmed" (``progress``, the admin),
so an editor can see how many readers may have missed it; the digest finishes without them.
A claim younger than CLAIM_TIMEOUT is another run at work: the digest waits for it.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from newsletter.digests import build_issue, digest_message, freeze_stories
from newsletter.models import Delivery, Digest, Subscriber

logger = logging.getLogger(__name__)

CLAIM_TIMEOUT = timedelta(minutes=30)
MAX_ATTEMPTS = 3


def recipients(digest):
    """Who gets the digest: confirmed subscribers of its frequency and edition."""
    return Subscriber.objects.filter(
        status=Subscriber.Status.CONFIRMED, frequency=digest.frequency, edition=digest.edition
    )


@dataclass
class Progress:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    claimed: int = 0
    unconfirmed: int = 0


def progress(digest, now=None):
    """How far the digest got: counts of its deliveries by outcome."""
    stale = (now or timezone.now()) - CLAIM_TIMEOUT
    claimed = Q(state=Delivery.State.CLAIMED)
    counts = Delivery.objects.filter(digest=digest).aggregate(
        sent=Count("pk", filter=Q(state=Delivery.State.SENT)),
        failed=Count("pk", filter=Q(state=Delivery.State.FAILED)),
        skipped=Count("pk", filter=Q(state=Delivery.State.SKIPPED)),
        claimed=Count("pk", filter=claimed & Q(claimed_at__gte=stale)),
        unconfirmed=Count("pk", filter=claimed & Q(claimed_at__lt=stale)),
    )
    return Progress(**counts)


def _start(digest_id, now):
    """Lock the digest and start it if due; the digest when there is work, else None."""
    with transaction.atomic():
        digest = Digest.objects.select_for_update().filter(pk=digest_id).first()
        if digest is None or digest.status in (Digest.Status.SENT, Digest.Status.DRAFT):
            return None
        if digest.status == Digest.Status.SCHEDULED:
            if digest.send_at is None or digest.send_at > now:
                return None  # not yet: its own task, deferred to send_at, starts it
            digest.status = Digest.Status.SENDING
            digest.started_at = now
            freeze_stories(digest)
            digest.save(update_fields=["status", "started_at", "stories"])
        return digest


def _claim(digest, token, now, size):
    """Claim the next recipients for this run; their deliveries, in subscriber pk order."""
    audience = recipients(digest)
    retry = Delivery.objects.filter(
        digest=digest,
        state=Delivery.State.FAILED,
        attempts__lt=MAX_ATTEMPTS,
        subscriber__in=audience,
    ).order_by("subscriber_id")
    retry_ids = list(retry.values_list("pk", flat=True)[:size])
    if retry_ids:
        # The state in the filter makes this the claim: of two runs, one updates each row.
        Delivery.objects.filter(pk__in=retry_ids, state=Delivery.State.FAILED).update(
            state=Delivery.State.CLAIMED, claimed_by=token, claimed_at=now
        )
    room = size - len(retry_ids)
    if room > 0:
        fresh = (
            audience.exclude(deliveries__digest=digest)
            .order_by("pk")
            .values_list("pk", flat=True)[:room]
        )
        Delivery.objects.bulk_create(
            [
                Delivery(digest=digest, subscriber_id=pk, claimed_by=token, claimed_at=now)
                for pk in fresh
            ],
            ignore_conflicts=True,
        )
    return list(
        Delivery.objects.filter(digest=digest, claimed_by=token, state=Delivery.State.CLAIMED)
        .select_related("subscriber")
        .order_by("subscriber_id")
    )


def _finish(digest, now):
    """Mark the digest sent unless someone may still get it; True when it is."""
    with transaction.atomic():
        locked = Digest.objects.select_for_update().get(pk=digest.pk)
        if locked.status == Digest.Status.SENT:
            return True
        left = recipients(locked).exclude(deliveries__digest=locked).exists()
        retrying = Delivery.objects.filter(
            digest=locked, state=Delivery.State.FAILED, attempts__lt=MAX_ATTEMPTS
        ).filter(subscriber__in=recipients(locked))
        working = Delivery.objects.filter(
            digest=locked, state=Delivery.State.CLAIMED, claimed_at__gte=now - CLAIM_TIMEOUT
        )
        if left or retrying.exists() or working.exists():
            return False
        unconfirmed = progress(locked, now).unconfirmed
        if unconfirmed:
            logger.warning(
                "Digest %s: %s deliveries were claimed by a run that stopped; not sent again.",
                locked.pk,
                unconfirmed,
            )
        locked.status = Digest.Status.SENT
        locked.finished_at = now
        locked.save(update_fields=["status", "finished_at"])
        return True


def send_batch(*, digest_id, size=None):
    """Send the digest's next batch; True if there may be more to send."""
    now = timezone.now()
    digest = _start(digest_id, now)
    if digest is None:
        return False
    token = uuid.uuid4().hex
    with transaction.atomic():
        claimed = _claim(digest, token, now, size or settings.NEWSLETTER_BATCH_SIZE)
    if not claimed:
        _finish(digest, now)
        return False
    issue = build_issue(digest)
    audience = recipients(digest)
    connection = get_connection()
    try:
        for done, delivery in enumerate(claimed):
            # Asked right before sending: a reader who just unsubscribed gets nothing more.
            if not audience.filter(pk=delivery.subscriber_id).exists():
                _record(delivery, state=Delivery.State.SKIPPED)
                continue
            try:
                message = digest_message(issue, delivery.subscriber, connection=connection)
                message.send()
            except Exception as error:
                _record(delivery, state=Delivery.State.FAILED, error=error)
                # Nobody after this one was tried: theirs are for the next run, not lost.
                Delivery.objects.filter(
                    pk__in=[later.pk for later in claimed[done + 1 :]],
                    state=Delivery.State.CLAIMED,
                    claimed_by=token,
                ).delete()
                raise
            _record(delivery, state=Delivery.State.SENT, message=message)
    finally:
        connection.close()
    return True


def _record(delivery, *, state, message=None, error=None):
    fields = {"state": state, "attempts": delivery.attempts + (state != "skipped")}
    if state == Delivery.State.SENT:
        fields.update(sent_at=timezone.now(), message_id=_message_id(message), error="")
    elif error is not None:
        fields["error"] = f"{type(error).__name__}: {error}"[:2000]
    Delivery.objects.filter(pk=delivery.pk).update(**fields)


def _message_id(message):
    """The id the mail service gave the message (django-anymail), else the one we set."""
    status = getattr(message, "anymail_status", None)
    if status is not None and getattr(status, "message_id", None):
        return str(status.message_id)[:255]
    return str(message.extra_headers.get("Message-ID", ""))[:255]
