"""Membership emails: plain text and HTML, each sent once per transition."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from memberships.models import MembershipEmail

SUBJECTS = {
    "welcome": "Welcome, and thank you for supporting {site}",
    "receipt": "Your receipt from {site}",
    "payment_failed": "Your payment to {site} did not go through",
    "canceled": "Your {site} membership is canceled",
    "sign_in": "Your sign-in link for {site}",
}


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def send_email(*, kind, to, context):
    context = {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "account_url": absolute(reverse("memberships:account")),
        "sign_in_url": absolute(reverse("memberships:sign_in")),
        **context,
    }
    message = EmailMultiAlternatives(
        subject=SUBJECTS[kind].format(site=settings.SITE_NAME),
        body=render_to_string(f"memberships/email/{kind}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(
        render_to_string(f"memberships/email/{kind}.html", context), "text/html"
    )
    message.send()


def send_membership_email_once(*, membership, kind, key, context=None):
    """Send unless this (membership, kind, key) went out before; True when sent now.

    Runs inside the caller's transaction: if sending fails, the record is rolled back with
    everything else, and the provider's retry sends it again.
    """
    try:
        with transaction.atomic():
            MembershipEmail.objects.create(membership=membership, kind=kind, key=key)
    except IntegrityError:
        return False
    send_email(
        kind=kind,
        to=membership.supporter.email,
        context={"membership": membership, "supporter": membership.supporter, **(context or {})},
    )
    return True
