"""The sign-up's emails: the link that confirms a subscription, and the note to an address
that signed up while subscribed already. Plain text and HTML, sent from a task, never in a
request (newsroom/tasks.py).

``queue_sign_up_email`` runs in the sign-up's transaction and queues the task for after its
commit, with the subscriber's id only: the task makes the link itself. The task locks the
subscriber and sends only while the email still applies and none went out in the last
``EMAIL_AGAIN_AFTER`` (``confirmation_sent_at``, set once the email went out), so a task run
twice, or two sign-ups in a row, send one email.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from newsletter import tokens
from newsletter.models import Subscriber
from newsroom.tasks import enqueue_on_commit, retrying_task

CONFIRM = "confirm"
ALREADY_SUBSCRIBED = "already_subscribed"
SUBJECTS = {
    CONFIRM: _("Confirm your subscription to the %(site)s newsletter"),
    ALREADY_SUBSCRIBED: _("You are already subscribed to the %(site)s newsletter"),
}
# The status a subscriber must still have for each email to make sense when it is sent.
STATUS_FOR = {
    CONFIRM: Subscriber.Status.PENDING,
    ALREADY_SUBSCRIBED: Subscriber.Status.CONFIRMED,
}
# A reader who signs up again, or a script that signs their address up over and over, gets
# one email per this much time.
EMAIL_AGAIN_AFTER = timedelta(minutes=10)


def queue_sign_up_email(subscriber, *, kind):
    enqueue_on_commit(send_sign_up_email, subscriber.pk, kind)


def _render(kind, subscriber):
    """The email, in the subscriber's edition's language, its links to that edition."""
    with translation.override(subscriber.edition):
        return _render_in_language(kind, subscriber)


def _render_in_language(kind, subscriber):
    context = {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "subscriber": subscriber,
        "confirm_url": tokens.confirm_url(subscriber),
        "manage_url": tokens.unsubscribe_url(subscriber),
        "sign_up_url": f"{settings.SITE_URL}{reverse('newsletter:sign_up')}",
        "confirm_days": tokens.CONFIRM_DAYS,
    }
    message = EmailMultiAlternatives(
        subject=SUBJECTS[kind] % {"site": settings.SITE_NAME},
        body=render_to_string(f"newsletter/email/{kind}.txt", context),
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[subscriber.email],
    )
    message.attach_alternative(
        render_to_string(f"newsletter/email/{kind}.html", context), "text/html"
    )
    return message


@retrying_task()
def send_sign_up_email(subscriber_id, kind):
    """Send one sign-up email to the subscriber, unless it no longer applies or was just sent."""
    if kind not in SUBJECTS:
        return
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=subscriber_id).first()
        if subscriber is None or subscriber.status != STATUS_FOR[kind]:
            return
        now = timezone.now()
        sent = subscriber.confirmation_sent_at
        if sent is not None and sent > now - EMAIL_AGAIN_AFTER:
            return
        _render(kind, subscriber).send()
        subscriber.confirmation_sent_at = now
        subscriber.save(update_fields=["confirmation_sent_at"])
