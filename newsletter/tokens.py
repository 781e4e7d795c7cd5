"""The links a subscriber gets by email: one to confirm a sign-up, one to unsubscribe.

Both are signed with SECRET_KEY (django.core.signing), so nothing about them is stored and
nothing in them can be forged or pointed at another address. A confirmation link names the
subscriber and the address it was sent to, and lasts ``CONFIRM_DAYS``; an unsubscribe link
names the subscriber only and never expires: an old digest's link must always work.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

CONFIRM_DAYS = 7
_CONFIRM_SALT = "newsletter.confirm"
_UNSUBSCRIBE_SALT = "newsletter.unsubscribe"


def confirm_token(subscriber):
    return signing.dumps([subscriber.pk, subscriber.email], salt=_CONFIRM_SALT, compress=True)


def confirmed_subscriber_id(token):
    """The subscriber id and address a confirmation token names, or None if it is forged,
    malformed or older than ``CONFIRM_DAYS``."""
    try:
        pk, email = signing.loads(
            str(token), salt=_CONFIRM_SALT, max_age=timedelta(days=CONFIRM_DAYS)
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int) or not isinstance(email, str):
        return None
    return pk, email


def unsubscribe_token(subscriber):
    return signing.dumps(subscriber.pk, salt=_UNSUBSCRIBE_SALT)


def unsubscribed_subscriber_id(token):
    """The subscriber id an unsubscribe token names, or None if it is forged or malformed."""
    try:
        pk = signing.loads(str(token), salt=_UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return pk if isinstance(pk, int) else None


def _absolute(path):
    return f"{settings.SITE_URL}{path}"


def confirm_url(subscriber):
    return _absolute(reverse("newsletter:confirm", args=[confirm_token(subscriber)]))


def unsubscribe_url(subscriber):
    """The page (GET) and one-click endpoint (POST, RFC 8058) that unsubscribes this reader."""
    return _absolute(reverse("newsletter:unsubscribe", args=[unsubscribe_token(subscriber)]))
