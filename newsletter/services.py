"""Signing up for the newsletter, confirming, changing how often, unsubscribing.

``sign_up`` is the one way in, for the sign-up form and for the join flow alike. It answers
nothing about the address: whether it was new, waiting, subscribed or gone, the caller gets
the same, and only the address's own inbox may learn more (a confirmation request, or a note
that it is subscribed already), at most once per ``EMAIL_AGAIN_AFTER``.
"""

from django.db import transaction
from django.utils import timezone

from articles.models import Article
from newsletter import tokens
from newsletter.emails import (
    ALREADY_SUBSCRIBED,
    CONFIRM,
    EMAIL_AGAIN_AFTER,
    queue_sign_up_email,
)
from newsletter.models import Frequency, Subscriber
from newsroom import editions
from newsroom.attribution import Placement


class SubscriptionLinkInvalid(Exception):
    """A confirmation link that is forged, expired, or no longer names a waiting sign-up."""


def _published_story_id(story_id):
    if story_id is None:
        return None
    return story_id if Article.objects.published().filter(pk=story_id).exists() else None


def sign_up(
    email,
    *,
    frequency=Frequency.DAILY,
    edition=None,
    source_article_id=None,
    source_placement="",
):
    """Ask ``email`` to confirm a subscription (double opt-in); the subscriber.

    A new address, or one that unsubscribed, becomes pending and gets a confirmation link; a
    pending one gets the link again, its choices updated; a subscribed one is left as it is and
    told so. Where a reader came from is kept from their first sign-up only. Emails go out in
    a task once the caller's transaction commits.
    """
    email = email.strip().lower()
    frequency = frequency if frequency in Frequency.values else Frequency.DAILY
    edition = edition if editions.is_edition(edition) else editions.current()
    placement = source_placement if source_placement in Placement.values else ""
    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            email=email,
            defaults={
                "frequency": frequency,
                "edition": edition,
                "source_article_id": _published_story_id(source_article_id),
                "source_placement": placement,
            },
        )
        if created:
            queue_sign_up_email(subscriber, kind=CONFIRM)
            return subscriber
        if subscriber.status == Subscriber.Status.CONFIRMED:
            # Their subscription stays as they chose it: the choices came from whoever typed.
            if _may_email_again(subscriber):
                queue_sign_up_email(subscriber, kind=ALREADY_SUBSCRIBED)
            return subscriber
        if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            subscriber.status = Subscriber.Status.PENDING
            # A new request to confirm: its link goes out now, however recent the last one.
            subscriber.confirmation_sent_at = None
        subscriber.frequency = frequency
        subscriber.edition = edition
        subscriber.save(update_fields=["status", "frequency", "edition", "confirmation_sent_at"])
        if _may_email_again(subscriber):
            queue_sign_up_email(subscriber, kind=CONFIRM)
        return subscriber


def _may_email_again(subscriber, now=None):
    sent = subscriber.confirmation_sent_at
    return sent is None or sent <= (now or timezone.now()) - EMAIL_AGAIN_AFTER


def subscriber_for_confirm_token(token):
    """The subscriber a confirmation link is for, or SubscriptionLinkInvalid."""
    named = tokens.confirmed_subscriber_id(token)
    if named is None:
        raise SubscriptionLinkInvalid
    pk, email = named
    subscriber = Subscriber.objects.filter(pk=pk, email=email).first()
    if subscriber is None or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        raise SubscriptionLinkInvalid
    return subscriber


def confirm_subscription(*, token):
    """Confirm the sign-up a link is for; the subscriber. Confirming twice changes nothing.

    A link sent before the reader unsubscribed does not bring them back: only a new sign-up
    (and its new link) does.
    """
    with transaction.atomic():
        subscriber = subscriber_for_confirm_token(token)
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            raise SubscriptionLinkInvalid
        if subscriber.status == Subscriber.Status.PENDING:
            subscriber.status = Subscriber.Status.CONFIRMED
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["status", "confirmed_at"])
    return subscriber


def subscriber_for_unsubscribe_token(token):
    """The subscriber an unsubscribe link is for, or None (forged, or no such subscriber)."""
    pk = tokens.unsubscribed_subscriber_id(token)
    return None if pk is None else Subscriber.objects.filter(pk=pk).first()


def unsubscribe(*, subscriber):
    """Stop sending to ``subscriber``; doing it again changes nothing. The row stays, marked,
    so that the address is never mailed again by mistake."""
    changed = Subscriber.objects.filter(pk=subscriber.pk).exclude(
        status=Subscriber.Status.UNSUBSCRIBED
    )
    now = timezone.now()
    if changed.update(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=now):
        subscriber.status, subscriber.unsubscribed_at = Subscriber.Status.UNSUBSCRIBED, now
    return subscriber


def change_frequency(*, subscriber, frequency):
    if frequency not in Frequency.values:
        raise ValueError(f"Unknown frequency: {frequency!r}")
    Subscriber.objects.filter(pk=subscriber.pk).update(frequency=frequency)
    subscriber.frequency = frequency
    return subscriber


def unsubscribe_selected(queryset):
    """The admin's action: every selected subscriber who is not unsubscribed yet; how many."""
    return queryset.exclude(status=Subscriber.Status.UNSUBSCRIBED).update(
        status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now()
    )
