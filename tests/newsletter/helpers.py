"""Digests and subscribers for the newsletter's sending tests."""

from datetime import timedelta

from django.utils import timezone

from newsletter.models import Digest, Frequency, Subscriber


def subscriber(email, *, status=Subscriber.Status.CONFIRMED, frequency=Frequency.DAILY, **fields):
    return Subscriber.objects.create(
        email=email,
        status=status,
        frequency=frequency,
        confirmed_at=timezone.now() if status == Subscriber.Status.CONFIRMED else None,
        **fields,
    )


def readers(count, *, frequency=Frequency.DAILY):
    return [subscriber(f"reader{n:03}@example.org", frequency=frequency) for n in range(count)]


def digest(*, hours=24, status=Digest.Status.SCHEDULED, frequency=Frequency.DAILY, **fields):
    """A digest of the last ``hours`` hours, due now unless ``send_at`` says otherwise."""
    now = timezone.now()
    fields = {
        "covers_from": now - timedelta(hours=hours),
        "covers_until": now + timedelta(seconds=1),
        "send_at": now,
        **fields,
    }
    return Digest.objects.create(frequency=frequency, status=status, **fields)


def recipients_of(outbox):
    """How many messages each address got."""
    counts = {}
    for message in outbox:
        for address in message.to:
            counts[address] = counts.get(address, 0) + 1
    return counts
