"""Membership and sign-in emails are sent by tasks after commit, retried, and never lost.

The mail server that is down (the ``mail_server`` fixture) is real SMTP to a local port nobody
listens on, so every connection is refused at once.
"""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from memberships.emails import queue_membership_email, send_membership_email, send_sign_in_email
from memberships.models import MagicLink, Membership, MembershipEmail
from tests.factories import MembershipFactory, SupporterFactory
from tests.memberships.helpers import JOIN_DATA

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("memberships:sign_in")


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False)
    return time_machine


@pytest.fixture
def member():
    return MembershipFactory(supporter=SupporterFactory(email="nino@example.org", name="Nino"))


def join_and_pay(client):
    """The offline checkout: join, then complete the test payment; the membership."""
    assert client.post(reverse("memberships:join"), JOIN_DATA).status_code == 302
    membership = Membership.objects.get(supporter__email=JOIN_DATA["email"])
    url = reverse("memberships:test_checkout", kwargs={"reference": membership.reference})
    assert client.post(url, {"outcome": "complete"}).url == reverse("memberships:thanks")
    membership.refresh_from_db()
    return membership


def link_from(message):
    return re.search(r"https://news\.example\.org(/membership/sign-in/[\w-]+/)", message.body)[1]


def task_failures(caplog):
    return [r for r in caplog.records if r.name == "newsroom.tasks"]


# --- Membership emails -------------------------------------------------------------------


def test_the_payment_is_committed_before_its_emails_are_sent(django_capture_on_commit_callbacks):
    client = Client()  # requests that do not run what their commit sets off, until told
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        membership = join_and_pay(client)
    assert membership.status == "active"
    assert mail.outbox == []
    emails = MembershipEmail.objects.filter(membership=membership)
    assert sorted(emails.values_list("kind", "sent_at")) == [("receipt", None), ("welcome", None)]

    for run_once_committed in after_commit:
        run_once_committed()
    assert sorted(m.subject.split(",")[0] for m in mail.outbox) == [
        "Welcome",
        "Your receipt from Newsroom",
    ]
    assert all(email.sent_at and email.attempts == 1 for email in emails.all())


def test_with_the_mail_server_down_joining_and_paying_still_work(client, mail_server, caplog):
    mail_server.down()
    membership = join_and_pay(client)  # each step answered as usual: no error page
    assert client.get(reverse("memberships:thanks")).status_code == 200
    assert membership.status == "active"
    assert mail.outbox == []
    # Each email was tried five times (at once, in tests) and the reason kept for managers.
    for email in MembershipEmail.objects.filter(membership=membership):
        assert email.sent_at is None
        assert email.attempts == 5
        assert email.last_error.startswith("ConnectionRefusedError")
    assert len(task_failures(caplog)) == 2 * 5


def test_emails_that_failed_go_out_once_when_the_mail_server_is_back(
    client, mail_server, task_queue, clock
):
    membership = join_and_pay(client)
    mail_server.down()
    assert task_queue.run_due() == 2
    assert mail.outbox == []
    assert len(task_queue.waiting(send_membership_email)) == 2  # retries, in 30 seconds

    mail_server.up()
    clock.shift(timedelta(seconds=30))
    assert task_queue.run_due() == 2
    assert len(mail.outbox) == 2
    emails = MembershipEmail.objects.filter(membership=membership)
    assert all(e.sent_at and e.attempts == 2 and e.last_error == "" for e in emails)
    clock.shift(timedelta(hours=2))
    assert task_queue.run_due() == 0
    assert len(mail.outbox) == 2


def test_an_email_task_that_runs_twice_sends_one_email(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_membership_email(membership=member, kind="welcome", key="welcome")
    assert not queue_membership_email(membership=member, kind="welcome", key="welcome")
    email = MembershipEmail.objects.get()
    send_membership_email.enqueue(email.pk)  # a worker running it again: nothing to do
    assert [m.subject.split(",")[0] for m in mail.outbox] == ["Welcome"]


# --- Sign-in links ---------------------------------------------------------------------------


def test_with_the_mail_server_down_signing_in_answers_as_usual_and_no_link_can_work(
    client, member, mail_server, caplog
):
    mail_server.down()
    response = client.post(SIGN_IN, {"email": "nino@example.org"})
    assert response.status_code == 200
    assert "Check your email" in response.text
    link = MagicLink.objects.get()
    # Its email never went out, so its token was never kept: no link to it can sign anyone in.
    assert (link.token_hash, link.sent_at) == (None, None)
    assert [r.getMessage() for r in task_failures(caplog)][-1] == (
        "Task memberships.emails.send_sign_in_email failed on its last attempt (4 of 4); giving up."
    )


def test_with_the_mail_server_down_a_member_joining_again_gets_the_usual_answer(
    client, member, mail_server
):
    mail_server.down()
    response = client.post(reverse("memberships:join"), {**JOIN_DATA, "email": "nino@example.org"})
    assert response.status_code == 302
    assert response.url.startswith("/join/test-checkout/")
    assert MagicLink.objects.get().token_hash is None


def test_a_sign_in_link_works_once_its_email_went_out_after_a_retry(
    client, member, mail_server, task_queue, clock
):
    client.post(SIGN_IN, {"email": "nino@example.org"})
    mail_server.down()
    task_queue.run_due()
    assert MagicLink.objects.get().token_hash is None

    mail_server.up()
    clock.shift(timedelta(seconds=30))
    task_queue.run_due()
    [message] = mail.outbox
    assert "It works once, for 30 minutes." in message.body
    link = MagicLink.objects.get()
    assert link.expires_at == link.sent_at + timedelta(minutes=30)  # from when it was sent
    signed_in = client.post(link_from(message))
    assert signed_in.url == reverse("memberships:account")


def test_a_sign_in_email_that_could_not_go_out_in_time_is_never_sent(
    client, member, mail_server, task_queue, clock, caplog
):
    client.post(SIGN_IN, {"email": "nino@example.org"})
    mail_server.down()
    task_queue.run_due()
    clock.shift(timedelta(minutes=31))  # the worker was stopped; the reader has moved on
    mail_server.up()
    task_queue.run_due()
    assert mail.outbox == []
    assert MagicLink.objects.get().token_hash is None
    assert "could not be sent in time" in caplog.text


def test_neither_the_queue_nor_the_database_ever_holds_a_sign_in_token(client, member, task_queue):
    from django_tasks_db.models import DBTaskResult

    client.post(SIGN_IN, {"email": "nino@example.org"})
    [queued] = task_queue.waiting(send_sign_in_email)
    assert queued.args_kwargs == {"args": [MagicLink.objects.get().pk], "kwargs": {}}
    task_queue.run_due()
    token = link_from(mail.outbox[0]).rstrip("/").rsplit("/", 1)[-1]
    stored = json.dumps(list(DBTaskResult.objects.values("args_kwargs", "return_value")))
    assert token not in stored
    assert MagicLink.objects.get().token_hash == MagicLink.hash_token(token) != token


def test_a_sign_in_task_that_runs_twice_sends_one_link(client, member):
    client.post(SIGN_IN, {"email": "nino@example.org"})
    send_sign_in_email.enqueue(MagicLink.objects.get().pk)
    assert len(mail.outbox) == 1
