"""Sending a digest: in batches, in the background, once per reader whatever goes wrong; and
planned by itself at the newsroom's local time, without cron."""

import datetime as dt
import threading
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsletter import scheduling, sending
from newsletter.models import Delivery, Digest, Frequency, Subscriber
from newsletter.tasks import plan_digests, send_digest
from tests.factories import ArticleFactory
from tests.newsletter.helpers import digest, readers, recipients_of, subscriber
from tests.newsletter.mail_backends import FailingBackend

pytestmark = pytest.mark.django_db

FAILING = "tests.newsletter.mail_backends.FailingBackend"


@pytest.fixture(autouse=True)
def small_batches(settings):
    settings.NEWSLETTER_BATCH_SIZE = 10


@pytest.fixture
def failing_mail(settings):
    settings.EMAIL_BACKEND = FAILING
    FailingBackend.fail_after(None)
    yield FailingBackend
    FailingBackend.fail_after(None)


def test_a_due_digest_goes_once_to_each_confirmed_daily_reader_in_batches():
    ArticleFactory(headline="Crossing reopens")
    daily = readers(25)
    subscriber("pending@example.org", status=Subscriber.Status.PENDING)
    subscriber("gone@example.org", status=Subscriber.Status.UNSUBSCRIBED)
    subscriber("weekly@example.org", frequency=Frequency.WEEKLY)
    subscriber("other-edition@example.org", edition="ka")
    issue = digest()

    send_digest.enqueue(issue.pk)

    assert recipients_of(mail.outbox) == {reader.email: 1 for reader in daily}
    issue.refresh_from_db()
    assert issue.status == Digest.Status.SENT
    assert issue.started_at and issue.finished_at
    assert len(issue.stories) == 1
    assert Delivery.objects.filter(digest=issue, state=Delivery.State.SENT).count() == 25
    deliveries = Delivery.objects.filter(digest=issue)
    assert all(delivery.sent_at for delivery in deliveries)
    assert {delivery.message_id for delivery in deliveries} == {
        message.extra_headers["Message-ID"] for message in mail.outbox
    }


def test_a_digest_that_was_sent_is_never_sent_again():
    readers(3)
    issue = digest()
    send_digest.enqueue(issue.pk)
    send_digest.enqueue(issue.pk)
    sending.send_batch(digest_id=issue.pk)

    assert len(mail.outbox) == 3


def test_a_digest_is_not_sent_before_its_time_and_a_draft_not_by_itself():
    readers(2)
    later = digest(send_at=timezone.now() + timedelta(hours=1))
    draft = digest(status=Digest.Status.DRAFT, covers_until=timezone.now() + timedelta(hours=2))

    send_digest.enqueue(later.pk)
    send_digest.enqueue(draft.pk)

    assert mail.outbox == []
    later.refresh_from_db()
    assert later.status == Digest.Status.SCHEDULED and later.stories == []


def test_a_send_stopped_after_two_batches_resumes_without_repeating_or_skipping_anyone():
    everyone = readers(35)
    issue = digest()
    # Two batches go out, then the worker dies before queuing the third.
    assert sending.send_batch(digest_id=issue.pk) is True
    assert sending.send_batch(digest_id=issue.pk) is True
    assert len(mail.outbox) == 20

    send_digest.enqueue(issue.pk)  # the restart: plan_digests queues it again

    assert recipients_of(mail.outbox) == {reader.email: 1 for reader in everyone}
    issue.refresh_from_db()
    assert issue.status == Digest.Status.SENT


def test_a_mail_server_failing_on_the_eighth_message_is_retried_and_nobody_gets_two(
    failing_mail,
):
    everyone = readers(25)
    failing_mail.fail_after(7)
    issue = digest()

    send_digest.enqueue(issue.pk)  # fails on the 8th; the task is retried (at once here)

    assert recipients_of(mail.outbox) == {reader.email: 1 for reader in everyone}
    eighth = Delivery.objects.get(digest=issue, subscriber=everyone[7])
    assert eighth.state == Delivery.State.SENT and eighth.attempts == 2
    issue.refresh_from_db()
    assert issue.status == Digest.Status.SENT


def test_a_mail_server_down_for_good_leaves_the_rest_for_the_next_run(failing_mail):
    everyone = readers(25)
    failing_mail.fail_after(7, once=False)
    issue = digest()

    send_digest.enqueue(issue.pk)  # every attempt fails; the task gives up

    assert len(mail.outbox) == 7
    issue.refresh_from_db()
    assert issue.status == Digest.Status.SENDING
    failed = Delivery.objects.get(digest=issue, subscriber=everyone[7])
    assert failed.state == Delivery.State.FAILED and "421" in failed.error
    # Nobody the failing runs never tried is held up: no claim is left behind.
    assert not Delivery.objects.filter(digest=issue, state=Delivery.State.CLAIMED).exists()

    failing_mail.fail_after(None)  # the mail server is back; the worker runs the digest again
    send_digest.enqueue(issue.pk)

    counts = recipients_of(mail.outbox)
    assert set(counts.values()) == {1}
    assert set(counts) == {reader.email for reader in everyone} - {everyone[7].email}
    issue.refresh_from_db()
    assert issue.status == Digest.Status.SENT
    assert sending.progress(issue).failed == 1  # tried MAX_ATTEMPTS times, shown to editors
    failed.refresh_from_db()
    assert failed.attempts == sending.MAX_ATTEMPTS


def test_claims_left_by_a_run_that_died_mid_batch_are_not_sent_again_but_reported():
    everyone = readers(12)
    issue = digest(status=Digest.Status.SENDING, started_at=timezone.now() - timedelta(hours=1))
    long_ago = timezone.now() - sending.CLAIM_TIMEOUT - timedelta(minutes=1)
    # The dead run had claimed the first two and may or may not have sent them.
    for reader in everyone[:2]:
        Delivery.objects.create(
            digest=issue, subscriber=reader, claimed_by="dead-run", claimed_at=long_ago
        )

    send_digest.enqueue(issue.pk)

    assert recipients_of(mail.outbox) == {reader.email: 1 for reader in everyone[2:]}
    issue.refresh_from_db()
    assert issue.status == Digest.Status.SENT
    assert sending.progress(issue).unconfirmed == 2


def test_a_claim_of_another_run_still_at_work_is_left_to_it():
    everyone = readers(3)
    issue = digest(status=Digest.Status.SENDING, started_at=timezone.now())
    Delivery.objects.create(digest=issue, subscriber=everyone[0], claimed_by="other-run")

    send_digest.enqueue(issue.pk)

    assert recipients_of(mail.outbox) == {everyone[1].email: 1, everyone[2].email: 1}
    issue.refresh_from_db()
    assert issue.status == Digest.Status.SENDING  # the other run finishes it


def test_a_reader_who_unsubscribes_between_batches_gets_nothing_after():
    everyone = readers(25)
    issue = digest()
    sending.send_batch(digest_id=issue.pk)
    leaving = everyone[15]
    Subscriber.objects.filter(pk=leaving.pk).update(
        status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now()
    )

    send_digest.enqueue(issue.pk)

    assert leaving.email not in recipients_of(mail.outbox)
    assert len(mail.outbox) == 24


def test_a_reader_who_unsubscribes_while_their_batch_is_sent_gets_nothing(failing_mail):
    everyone = readers(5)
    leaving = everyone[3]

    def unsubscribe_meanwhile(message):
        Subscriber.objects.filter(pk=leaving.pk).update(status=Subscriber.Status.UNSUBSCRIBED)

    failing_mail.before_each = staticmethod(unsubscribe_meanwhile)
    issue = digest()
    send_digest.enqueue(issue.pk)

    assert recipients_of(mail.outbox) == {
        reader.email: 1 for reader in everyone if reader != leaving
    }
    skipped = Delivery.objects.get(digest=issue, subscriber=leaving)
    assert skipped.state == Delivery.State.SKIPPED and skipped.sent_at is None
    issue.refresh_from_db()
    assert issue.status == Digest.Status.SENT


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises every write, so it cannot show two workers racing.",
)
@pytest.mark.django_db(transaction=True)
def test_workers_sending_one_digest_at_once_never_take_the_same_reader():
    everyone = readers(45)
    issue = digest()
    barrier = threading.Barrier(3)
    errors = []

    def work():
        try:
            barrier.wait()
            while sending.send_batch(digest_id=issue.pk):
                pass
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sending.send_batch(digest_id=issue.pk)  # whoever finishes last marks it sent

    assert errors == []
    assert recipients_of(mail.outbox) == {reader.email: 1 for reader in everyone}
    issue.refresh_from_db()
    assert issue.status == Digest.Status.SENT


# --- Scheduling ------------------------------------------------------------------------------


@pytest.fixture
def london(settings):
    """A newsroom whose clocks change (Asia/Tbilisi keeps one time all year)."""
    settings.TIME_ZONE = "Europe/London"
    settings.NEWSLETTER_DAILY_AT = "07:00"
    settings.NEWSLETTER_WEEKLY_ON = "monday 08:00"
    return ZoneInfo("Europe/London")


def test_the_daily_digest_goes_out_at_seven_local_time_either_side_of_a_clock_change(london):
    # Clocks go forward on Sunday 29 March 2026: 07:00 is 07:00 UTC before, 06:00 UTC after.
    saturday_noon = dt.datetime(2026, 3, 28, 12, 0, tzinfo=dt.UTC)
    covers_from, send_at = scheduling.next_period(Frequency.DAILY, saturday_noon)

    assert send_at == dt.datetime(2026, 3, 29, 6, 0, tzinfo=dt.UTC)
    assert covers_from == dt.datetime(2026, 3, 28, 7, 0, tzinfo=dt.UTC)
    assert send_at.astimezone(london).hour == covers_from.astimezone(london).hour == 7


def test_the_daily_digest_of_today_is_next_until_its_time_has_come(london):
    early = dt.datetime(2026, 7, 1, 5, 59, tzinfo=dt.UTC)  # 06:59 in London
    _from, send_at = scheduling.next_period(Frequency.DAILY, early)
    assert send_at == dt.datetime(2026, 7, 1, 6, 0, tzinfo=dt.UTC)

    _from, send_at = scheduling.next_period(Frequency.DAILY, send_at)
    assert send_at == dt.datetime(2026, 7, 2, 6, 0, tzinfo=dt.UTC)


def test_the_weekly_digest_goes_out_on_its_day_and_covers_the_week(london):
    wednesday = dt.datetime(2026, 10, 21, 12, 0, tzinfo=dt.UTC)
    covers_from, send_at = scheduling.next_period(Frequency.WEEKLY, wednesday)

    # Monday 26 October, the day after the clocks go back: 08:00 GMT.
    assert send_at == dt.datetime(2026, 10, 26, 8, 0, tzinfo=dt.UTC)
    assert covers_from == dt.datetime(2026, 10, 19, 7, 0, tzinfo=dt.UTC)  # 08:00 BST


def test_planning_makes_each_next_digest_once_however_often_it_runs():
    plan_digests.enqueue()
    plan_digests.enqueue()
    call_command("plan_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115

    planned = Digest.objects.all()
    assert sorted(planned.values_list("frequency", flat=True)) == ["daily", "weekly"]
    assert all(digest.status == Digest.Status.SCHEDULED for digest in planned)
    assert all(digest.send_at == digest.covers_until > timezone.now() for digest in planned)
    assert mail.outbox == []


def test_planning_queues_each_send_for_its_time_and_itself_for_the_next(task_queue):
    plan_digests.enqueue()
    task_queue.run_due()

    daily = Digest.objects.get(frequency=Frequency.DAILY)
    sends = task_queue.waiting(send_digest)
    assert {result.run_after for result in sends} == set(
        Digest.objects.values_list("send_at", flat=True)
    )
    assert [result.run_after for result in task_queue.waiting(plan_digests)] == [daily.send_at]


def test_a_digest_whose_time_passed_while_nothing_ran_goes_out_when_the_worker_runs(
    task_queue,
):
    readers(3)
    ArticleFactory()
    overdue = digest(send_at=timezone.now() - timedelta(hours=5))

    call_command("plan_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    task_queue.run_due()

    overdue.refresh_from_db()
    assert overdue.status == Digest.Status.SENT
    assert len(mail.outbox) == 3
    assert DBTaskResult.objects.filter(status="FAILED").count() == 0
