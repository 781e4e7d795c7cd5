"""Membership emails: plain text and HTML, each sent once per transition, never in a request.

A change that calls for an email records it in the same transaction (``queue_membership_email``);
once that commits, the task ``send_membership_email`` sends it, and is retried while the mail
server fails (newsroom/tasks.py), so a webhook or a form never waits for, or fails with, SMTP.
Sign-in links go the same way (``send_sign_in_email``): the task makes the link's token and
saves its hash only once the email went out, so a link whose email failed never works.
"""

import dataclasses
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from memberships.models import MagicLink, MembershipEmail
from newsroom import editions
from newsroom.tasks import enqueue_on_commit, retrying_task

logger = logging.getLogger(__name__)

SUBJECTS = {
    "welcome": _("Welcome, and thank you for supporting %(site)s"),
    "receipt": _("Your receipt from %(site)s"),
    "payment_failed": _("Your payment to %(site)s did not go through"),
    "canceled": _("Your %(site)s membership is canceled"),
    "sign_in": _("Your sign-in link for %(site)s"),
}


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def send_email(*, kind, to, context, language):
    """Render and send one email now, in ``language`` (its links to that edition's pages).
    Only the tasks below call it."""
    with translation.override(language):
        _send_email(kind=kind, to=to, context=context)


def _send_email(*, kind, to, context):
    context = {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "account_url": absolute(reverse("memberships:account")),
        "sign_in_url": absolute(reverse("memberships:sign_in")),
        "join_url": absolute(reverse("memberships:join")),
        **context,
    }
    message = EmailMultiAlternatives(
        subject=SUBJECTS[kind] % {"site": settings.SITE_NAME},
        body=render_to_string(f"memberships/email/{kind}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(
        render_to_string(f"memberships/email/{kind}.html", context), "text/html"
    )
    message.send()


# Context values kept as text in the record that the templates show as dates.
DATE_KEYS = {"occurred_at", "period_end", "next_attempt"}


def queue_membership_email(*, membership, kind, key, context=None):
    """Record the email unless this (membership, kind, key) was recorded before; True when new.

    Runs inside the caller's transaction: the record is kept or rolled back with the change
    that calls for it, and its task is queued only once both are committed. ``context`` holds
    what the email shows beyond the membership: plain values and dataclasses (a payment).
    """
    stored = {
        name: dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value
        for name, value in (context or {}).items()
    }
    try:
        with transaction.atomic():
            record = MembershipEmail.objects.create(
                membership=membership, kind=kind, key=key, context=stored
            )
    except IntegrityError:
        return False
    enqueue_on_commit(send_membership_email, record.pk)
    return True


def _with_dates(value):
    if isinstance(value, dict):
        return {
            name: parse_datetime(item)
            if name in DATE_KEYS and isinstance(item, str)
            else _with_dates(item)
            for name, item in value.items()
        }
    return value


@retrying_task()
def send_membership_email(email_id):
    """Send one recorded membership email, unless it went out already.

    The record stays locked while it is sent, so two runs at once send it once. A failure is
    counted on the record (``attempts``, ``last_error``) for the managers, and retried.
    """
    try:
        with transaction.atomic():
            record = (
                # Only this row is locked: a webhook changing the membership never waits.
                MembershipEmail.objects.select_for_update(of=("self",))
                .select_related("membership__supporter", "membership__plan")
                .filter(pk=email_id)
                .first()
            )
            if record is None or record.sent_at is not None:
                return
            membership = record.membership
            send_email(
                kind=record.kind,
                language=membership.supporter.language,
                to=membership.supporter.email,
                context={
                    "membership": membership,
                    "supporter": membership.supporter,
                    **_with_dates(record.context),
                },
            )
            record.sent_at = timezone.now()
            record.attempts = F("attempts") + 1
            record.last_error = ""
            record.save(update_fields=["sent_at", "attempts", "last_error"])
    except Exception as error:
        MembershipEmail.objects.filter(pk=email_id, sent_at__isnull=True).update(
            attempts=F("attempts") + 1,
            last_error=f"{type(error).__name__}: {error}"[:500],
        )
        raise


def queue_sign_in_email(*, supporter, joining_again=False, language=None):
    """Make a sign-in link, not yet usable, and queue the task that makes and emails its token.

    ``joining_again``: the member's address was just used to join, and the email says so.
    ``language``: the edition it was asked from (default: the supporter's).
    """
    link = MagicLink.objects.create(
        supporter=supporter,
        expires_at=timezone.now() + timedelta(minutes=settings.MEMBERSHIPS_SIGN_IN_LINK_MINUTES),
    )
    options = {"joining_again": True} if joining_again else {}
    if language and language != supporter.language and editions.is_edition(language):
        options["language"] = language
    enqueue_on_commit(send_sign_in_email, link.pk, **options)
    return link


@retrying_task(attempts=4)
def send_sign_in_email(link_id, joining_again=False, language=None):
    """Email a sign-in link; its token exists only here and works only once the email went out.

    The queue holds the link's id, never its token. The token's hash is saved, and the link's
    time starts, only after a successful send (the link's row locked throughout, so two runs at
    once send one email): a send that fails leaves a link no token can open, and the retry
    makes a new token. A link not sent within its own lifetime is not sent at all; the reader
    has asked for a new one by then.
    """
    minutes = settings.MEMBERSHIPS_SIGN_IN_LINK_MINUTES
    with transaction.atomic():
        link = (
            MagicLink.objects.select_for_update(of=("self",))
            .select_related("supporter")
            .filter(pk=link_id)
            .first()
        )
        if link is None or link.sent_at is not None:
            return
        if timezone.now() > link.created_at + timedelta(minutes=minutes):
            logger.warning("Sign-in link %s could not be sent in time; it is dropped.", link_id)
            return
        token = secrets.token_urlsafe(32)
        send_email(
            kind="sign_in",
            language=language if editions.is_edition(language) else link.supporter.language,
            to=link.supporter.email,
            context={
                "supporter": link.supporter,
                "link_url": absolute(MagicLink.url_for(token)),
                "minutes": minutes,
                "joining_again": joining_again,
            },
        )
        link.sent_at = timezone.now()
        link.expires_at = link.sent_at + timedelta(minutes=minutes)
        link.token_hash = MagicLink.hash_token(token)
        link.save(update_fields=["sent_at", "expires_at", "token_hash"])
