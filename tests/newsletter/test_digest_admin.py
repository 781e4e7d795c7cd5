"""Digests in the admin: editors list, preview and send them; reporters cannot; who got one, by
address, only for those who may see subscribers."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.utils import timezone

from newsletter.models import Delivery, Digest
from tests.dom import one, parse, text, texts
from tests.factories import ArticleFactory
from tests.newsletter.helpers import digest, readers
from tests.staff.sign_in import sign_in

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/newsletter/digest/"


def staff(client, username, group=None):
    user = User.objects.create_user(username, password="pw", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    sign_in(client, user)
    return user


@pytest.fixture
def editor(client):
    staff(client, "editor", "Editor")
    return client


@pytest.fixture
def scheduled():
    ArticleFactory(headline="Crossing reopens", standfirst="Trucks wait for hours.")
    return digest(
        send_at=timezone.now() + timedelta(hours=3),
        covers_until=timezone.now() + timedelta(hours=3),
        editor_note="Good morning from the desk.",
    )


def test_editors_group_may_manage_and_send_digests_and_reporters_may_not():
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    reporter = Group.objects.get(name="Reporter").permissions
    assert {"add_digest", "change_digest", "view_digest", "send_digest"} <= editor
    assert "view_subscriber" not in editor
    assert not reporter.filter(content_type__app_label="newsletter").exists()


def test_editors_see_each_digest_with_its_local_send_time_and_counts(editor, scheduled, settings):
    readers(2)
    sent = digest(covers_until=timezone.now() - timedelta(days=1), hours=48)
    from newsletter.tasks import send_digest

    send_digest.enqueue(sent.pk)
    page = parse(editor.get(CHANGELIST))

    # Sending one planned the next issues too: they are listed with it.
    rows = page.select("#result_list tbody tr")
    assert len(rows) == Digest.objects.count() >= 2
    local = timezone.localtime(scheduled.send_at)
    assert f"{local:%-d %b %Y %H:%M}" in text(page)
    sent_row = next(row for row in rows if "Sent" in text(row))
    assert text(one(sent_row, "td.field-sent_count")) == "2"
    assert text(one(sent_row, "td.field-failed_count")) == "0"


def test_the_preview_shows_the_email_as_a_subscriber_gets_it_and_its_text(editor, scheduled):
    response = editor.get(f"{CHANGELIST}{scheduled.pk}/preview/")
    page = parse(response)

    assert response.status_code == 200
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert page.select("iframe") == []
    preview = one(page, ".digest-preview")
    assert text(one(preview, "h1")) == "Crossing reopens"
    assert "Good morning from the desk." in text(preview)
    assert one(preview, "h1 a")["href"].startswith("http")
    assert "Crossing reopens" in text(one(page, "pre"))
    assert "Unsubscribe:" in text(one(page, "pre"))


def test_send_now_asks_first_then_sends_in_the_background(
    editor, scheduled, django_capture_on_commit_callbacks
):
    everyone = readers(3)
    confirm = parse(editor.get(f"{CHANGELIST}{scheduled.pk}/send/"))
    assert "3 confirmed subscribers" in text(confirm)
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(f"{CHANGELIST}{scheduled.pk}/send/")

    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == [r.email for r in everyone]
    scheduled.refresh_from_db()
    assert scheduled.status == Digest.Status.SENT


def test_send_now_refuses_a_digest_that_is_sent_or_sending(editor, scheduled):
    Digest.objects.filter(pk=scheduled.pk).update(status=Digest.Status.SENDING)
    response = editor.post(f"{CHANGELIST}{scheduled.pk}/send/", follow=True)

    assert "already" in text(parse(response))
    assert mail.outbox == []
    # Its change page offers no "Send now" and nothing to change.
    tools = texts(parse(editor.get(f"{CHANGELIST}{scheduled.pk}/change/")), ".object-tools a")
    assert "Preview" in tools and "Send now" not in tools


def test_reporters_may_not_see_or_send_digests(client, scheduled):
    staff(client, "reporter", "Reporter")

    assert client.get(CHANGELIST).status_code == 403
    assert client.get(f"{CHANGELIST}{scheduled.pk}/preview/").status_code == 403
    assert client.post(f"{CHANGELIST}{scheduled.pk}/send/").status_code == 403
    scheduled.refresh_from_db()
    assert scheduled.status == Digest.Status.SCHEDULED


def test_editors_see_delivery_counts_but_never_a_readers_address(editor, scheduled):
    readers(2)
    Digest.objects.filter(pk=scheduled.pk).update(send_at=timezone.now())
    from newsletter.tasks import send_digest

    send_digest.enqueue(scheduled.pk)
    page = editor.get(f"{CHANGELIST}{scheduled.pk}/change/")

    assert "2 sent, 0 failed" in text(parse(page))
    assert "@example.org" not in page.content.decode()
    assert editor.get("/admin/newsletter/delivery/").status_code == 403


def test_membership_managers_see_who_got_a_digest_read_only(client, scheduled):
    everyone = readers(2)
    Digest.objects.filter(pk=scheduled.pk).update(send_at=timezone.now())
    from newsletter.tasks import send_digest

    send_digest.enqueue(scheduled.pk)
    staff(client, "manager", "Membership manager")

    page = parse(client.get(f"/admin/newsletter/delivery/?digest__id__exact={scheduled.pk}"))
    assert sorted(texts(page, "td.field-subscriber, th.field-subscriber")) == [
        reader.email for reader in everyone
    ]
    delivery = Delivery.objects.first()
    change = client.get(f"/admin/newsletter/delivery/{delivery.pk}/change/")
    assert change.status_code == 200 and b'name="_save"' not in change.content


@pytest.mark.parametrize("tail", ["preview/", "send/"])
@pytest.mark.parametrize("object_id", ["999999", "abc", "1" * 40, "%00"])
def test_unknown_or_malformed_digests_are_not_found(editor, tail, object_id):
    assert editor.get(f"{CHANGELIST}{object_id}/{tail}").status_code == 404


def test_editors_may_write_a_digest_by_hand(editor):
    response = editor.post(
        f"{CHANGELIST}add/",
        {
            "frequency": "daily",
            "edition": "en-gb",
            "covers_from_0": "2026-11-01",
            "covers_from_1": "07:00:00",
            "covers_until_0": "2026-11-02",
            "covers_until_1": "07:00:00",
            "send_at_0": "",
            "send_at_1": "",
            "editor_note": "A special edition.",
        },
    )
    assert response.status_code == 302
    made = Digest.objects.get()
    assert made.status == Digest.Status.DRAFT and made.created_by.username == "editor"


def test_a_digest_given_a_send_time_by_hand_goes_out_at_that_time(editor, task_queue):
    send_at = timezone.localtime() + timedelta(hours=2)
    response = editor.post(
        f"{CHANGELIST}add/",
        {
            "frequency": "weekly",
            "edition": "en-gb",
            "covers_from_0": "2026-11-01",
            "covers_from_1": "07:00:00",
            "covers_until_0": "2026-11-08",
            "covers_until_1": "07:00:00",
            "send_at_0": f"{send_at:%Y-%m-%d}",
            "send_at_1": f"{send_at:%H:%M:%S}",
        },
    )
    assert response.status_code == 302
    made = Digest.objects.get()
    assert made.status == Digest.Status.SCHEDULED
    from newsletter.tasks import send_digest

    (queued,) = task_queue.waiting(send_digest)
    assert queued.run_after == made.send_at


def test_a_digest_whose_period_ends_before_it_starts_is_a_form_error(editor):
    response = editor.post(
        f"{CHANGELIST}add/",
        {
            "frequency": "daily",
            "edition": "en-gb",
            "covers_from_0": "2026-11-02",
            "covers_from_1": "07:00:00",
            "covers_until_0": "2026-11-01",
            "covers_until_1": "07:00:00",
        },
    )
    assert response.status_code == 200
    assert not Digest.objects.exists()
