"""Stripe may deliver the same event twice at the same moment; the second must change nothing."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections

from memberships.emails import (
    queue_membership_email,
    queue_sign_in_email,
    send_membership_email,
    send_sign_in_email,
)
from memberships.models import MagicLink, MembershipEmail, Payment, ProviderEvent
from memberships.providers.stripe import translate_event
from memberships.services import apply_provider_event
from tests.factories import MembershipFactory
from tests.memberships import stripe_fake as fake


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises every write, so it cannot show two deliveries racing.",
)
@pytest.mark.django_db(transaction=True)
def test_simultaneous_deliveries_of_one_event_are_applied_once():
    membership = MembershipFactory(pending=True, provider="stripe")
    sub = fake.subscription(reference=str(membership.reference))
    invoice = fake.invoice(
        subscription_id=sub["id"],
        reference=str(membership.reference),
        billing_reason="subscription_create",
    )
    event = translate_event(fake.event("invoice.paid", invoice))
    barrier = threading.Barrier(4)
    errors = []

    def deliver():
        try:
            barrier.wait()
            apply_provider_event(event=event)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert ProviderEvent.objects.count() == 1
    assert Payment.objects.count() == 1
    membership.refresh_from_db()
    assert membership.status == "active"
    subjects = [message.subject for message in mail.outbox]
    assert sum(subject.startswith("Welcome") for subject in subjects) == 1
    assert sum(subject.startswith("Your receipt") for subject in subjects) == 1


def run_at_once(function, times=2):
    barrier = threading.Barrier(times)
    errors = []

    def run():
        try:
            barrier.wait()
            function()
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises every write, so it cannot show two workers racing.",
)
@pytest.mark.django_db(transaction=True)
def test_two_workers_running_one_email_task_at_once_send_one_email():
    membership = MembershipFactory()
    queue_membership_email(membership=membership, kind="welcome", key="welcome")  # sent once
    email = MembershipEmail.objects.get()
    MembershipEmail.objects.filter(pk=email.pk).update(sent_at=None)  # as if it had failed
    mail.outbox.clear()
    run_at_once(lambda: send_membership_email.call(email.pk))
    assert len(mail.outbox) == 1
    link = queue_sign_in_email(supporter=membership.supporter)  # sent once, at commit
    MagicLink.objects.filter(pk=link.pk).update(sent_at=None, token_hash=None)
    mail.outbox.clear()
    run_at_once(lambda: send_sign_in_email.call(link.pk))
    assert len(mail.outbox) == 1
    assert MagicLink.objects.get(pk=link.pk).token_hash is not None
