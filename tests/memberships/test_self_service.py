"""Members help themselves: emailed sign-in links, the My membership page, change and cancel."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from memberships.models import MagicLink, Membership
from tests.dom import one, parse, text, texts
from tests.factories import MembershipFactory, SupporterFactory
from tests.memberships.helpers import CommittingClient, forms_in

pytestmark = pytest.mark.django_db

SIGN_IN = "/membership/sign-in/"
ACCOUNT = "/membership/"


def link_from(message):
    return re.search(r"https://news\.example\.org(/membership/sign-in/[\w-]+/)", message.body)[1]


@pytest.fixture
def member():
    return MembershipFactory(supporter=SupporterFactory(email="nino@example.org", name="Nino"))


def request_link(client, email="nino@example.org"):
    response = client.post(SIGN_IN, {"email": email})
    assert response.status_code == 200
    assert "Check your email" in response.text
    return response


def test_member_signs_in_with_an_emailed_link_and_sees_their_membership(client, member):
    request_link(client, "Nino@Example.org")
    [message] = mail.outbox
    assert message.to == ["nino@example.org"]
    assert message.alternatives[0][1] == "text/html"
    path = link_from(message)

    confirm = client.get(path)
    assert confirm.status_code == 200
    assert "Press the button" in confirm.text
    assert client.get(ACCOUNT).status_code == 302  # opening the link alone signs nobody in

    signed_in = client.post(path)
    assert signed_in.url == reverse("memberships:account")
    response = client.get(ACCOUNT)
    assert response.status_code == 200
    page = parse(response)
    assert "Signed in as nino@example.org." in texts(page, "main p")
    summary = one(page, "section[aria-labelledby=membership-title] dl.summary-list")
    shown = dict(zip(texts(summary, "dt"), texts(summary, "dd"), strict=True))
    assert shown["Amount"] == "$5 a month"
    assert shown["Status"] == "Active"
    assert shown["Next payment"] == (
        member.current_period_end.astimezone(timezone.get_current_timezone()).strftime("%-d %B %Y")
    )


def test_link_fetched_by_a_mail_scanner_still_works_for_the_member(client, member):
    request_link(client)
    path = link_from(mail.outbox[0])
    scanner = Client()
    for _ in range(3):
        assert scanner.get(path).status_code == 200
        assert scanner.head(path).status_code == 200
    assert client.post(path).status_code == 302
    assert client.get(ACCOUNT).status_code == 200


def test_sign_in_link_works_once(client, member):
    request_link(client)
    path = link_from(mail.outbox[0])
    assert client.post(path).status_code == 302
    other = Client()
    reused = other.post(path)
    assert reused.status_code == 400
    assert "already been used" in reused.text
    assert other.get(ACCOUNT).status_code == 302


def test_expired_sign_in_link_is_refused_with_a_way_forward(client, member):
    request_link(client)
    path = link_from(mail.outbox[0])
    MagicLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(path)
    assert response.status_code == 400
    assert "It has expired" in response.text
    assert "Email me a new link" in response.text
    assert client.get(ACCOUNT).status_code == 302


def test_made_up_or_oversized_tokens_are_refused(client, member):
    for token in ["nope", "x" * 5000]:
        response = client.post(f"/membership/sign-in/{token}/")
        assert response.status_code == 400
        assert "We do not recognise it" in response.text


def test_only_a_hash_of_the_token_is_stored(client, member):
    request_link(client)
    token = link_from(mail.outbox[0]).rstrip("/").rsplit("/", 1)[-1]
    link = MagicLink.objects.get()
    assert token not in link.token_hash and len(link.token_hash) == 64


def test_asking_for_a_link_does_not_reveal_who_is_a_member(client, member):
    known = request_link(client, "nino@example.org")
    unknown = request_link(client, "stranger@example.org")
    assert known.text.replace("nino@example.org", "X") == unknown.text.replace(
        "stranger@example.org", "X"
    )
    assert len(mail.outbox) == 1


def test_sign_in_requests_are_rate_limited(client, member, settings):
    settings.MEMBERSHIPS_SIGN_IN_LIMIT_PER_CLIENT = 2
    request_link(client)
    request_link(client)
    assert client.post(SIGN_IN, {"email": "nino@example.org"}).status_code == 429
    assert len(mail.outbox) == 2


def test_sign_in_form_reports_bad_addresses(client):
    response = client.post(SIGN_IN, {"email": "nino at example"})
    assert response.status_code == 400
    assert "Enter an email address like name@example.org." in response.text


def signed_in(client, membership):
    session = client.session
    session["membership_supporter_id"] = membership.supporter.pk
    session.save()
    return client


def test_member_raises_their_amount_without_a_break(client, member):
    signed_in(client, member)
    response = client.post(
        "/membership/change/", {"plan": "supporter-monthly", "custom_amount": "15"}, follow=True
    )
    assert "Your membership is changed" in response.text
    member.refresh_from_db()
    assert member.amount == 15
    assert member.status == "active"
    assert member.started_at is not None


def test_change_below_the_plan_price_is_refused(client, member):
    signed_in(client, member)
    response = client.post(
        "/membership/change/", {"plan": "supporter-monthly", "custom_amount": "2"}
    )
    assert response.status_code == 400
    assert "at least" in response.text
    member.refresh_from_db()
    assert member.amount == 5


def test_change_to_an_unknown_plan_is_refused(client, member):
    signed_in(client, member)
    response = client.post("/membership/change/", {"plan": "gold", "custom_amount": ""})
    assert response.status_code == 400
    assert "Choose one of the plans listed." in response.text


def test_cancel_asks_for_confirmation_first_then_ends_at_period_end(client, member):
    signed_in(client, member)
    confirm = client.get("/membership/cancel/")
    assert confirm.status_code == 200
    assert "Yes, cancel my membership" in confirm.text
    member.refresh_from_db()
    assert not member.cancel_at_period_end

    done = client.post("/membership/cancel/", {"reason": "Money is tight this year"}, follow=True)
    assert "Your membership is canceled" in done.text
    member.refresh_from_db()
    assert member.status == "active"
    assert member.cancel_at_period_end
    assert member.cancel_reason == "Money is tight this year"
    assert "ends" in done.text
    [email] = mail.outbox
    assert email.subject == "Your Newsroom membership is canceled"
    assert "stays active until" in email.body
    assert "stays active until" in email.alternatives[0][0]

    again = client.post("/membership/cancel/", {"reason": ""}, follow=True)
    assert "no active membership to cancel" in again.text
    assert len(mail.outbox) == 1


def test_cancelling_takes_two_clicks_from_the_membership_page(client, member):
    signed_in(client, member)
    page = client.get(ACCOUNT)
    link = one(parse(page), "a[href='/membership/cancel/']")
    assert text(link) == "Cancel my membership"
    confirm = client.get(link.get("href"))  # first click
    form = next(f for f in forms_in(confirm.text) if f["method"] == "post")
    done = client.post(link.get("href"), form["fields"], follow=True)  # second: "Yes, cancel"
    assert "Your membership is canceled" in done.text
    member.refresh_from_db()
    assert member.cancel_at_period_end


def test_the_join_page_promises_only_what_the_membership_page_does(client):
    promise = client.get("/join/").text
    assert "in two clicks." not in promise
    assert "cancelling takes two clicks" in promise


def test_overlong_cancel_reason_is_refused(client, member):
    signed_in(client, member)
    response = client.post("/membership/cancel/", {"reason": "x" * 3000})
    assert response.status_code == 400
    assert "under 2,000 characters" in response.text
    member.refresh_from_db()
    assert not member.cancel_at_period_end


def test_member_pages_need_sign_in(client, member):
    for url in [ACCOUNT, "/membership/cancel/"]:
        assert client.get(url).url == SIGN_IN
    for url in ["/membership/change/", "/membership/cancel/", "/membership/billing/"]:
        assert client.post(url, {"plan": "supporter-yearly"}).url == SIGN_IN
    member.refresh_from_db()
    assert member.plan.slug == "supporter-monthly"


def test_member_actions_are_csrf_protected(member):
    client = signed_in(Client(enforce_csrf_checks=True), member)
    assert client.post("/membership/cancel/", {"reason": ""}).status_code == 403
    member.refresh_from_db()
    assert not member.cancel_at_period_end


def test_sign_out_ends_the_session(client, member):
    signed_in(client, member)
    client.post("/membership/sign-out/")
    assert client.get(ACCOUNT).status_code == 302


def test_supporter_without_a_completed_membership_is_told_so(client):
    pending = MembershipFactory(pending=True)
    signed_in(client, pending)
    page = client.get(ACCOUNT)
    assert "no completed membership" in page.text


def test_account_page_query_budget(client, django_assert_max_num_queries):
    from memberships.models import Payment

    member = MembershipFactory()
    signed_in(client, member)
    with django_assert_max_num_queries(8):
        client.get(ACCOUNT)
    now = timezone.now()
    for n in range(20):
        Payment.objects.create(
            membership=member,
            provider_payment_id=f"in_{n}",
            amount=5,
            currency="usd",
            occurred_at=now - timedelta(days=30 * n),
        )
    with django_assert_max_num_queries(8):
        page = parse(client.get(ACCOUNT))
    payments = one(page, "section[aria-labelledby=payments-title] table")
    assert texts(payments, "thead th") == ["Date", "What", "Amount"]
    # The latest twelve, newest first.
    assert [text(row.td) for row in payments.select("tbody tr")] == [
        format_date(timezone.localtime(now - timedelta(days=30 * n)), "j M Y") for n in range(12)
    ]


def test_only_the_signed_in_members_data_is_shown(client, member):
    other = MembershipFactory(supporter=SupporterFactory(email="other@example.org"))
    signed_in(client, member)
    page = client.get(ACCOUNT)
    assert "other@example.org" not in page.text
    client.post("/membership/change/", {"plan": "supporter-monthly", "custom_amount": "30"})
    other.refresh_from_db()
    assert other.amount == 5
    assert Membership.objects.get(pk=member.pk).amount == 30


def test_nobody_can_flood_a_members_inbox_with_links_from_many_connections(member):
    for n in range(6):
        CommittingClient(REMOTE_ADDR=f"203.0.113.{n}").post(SIGN_IN, {"email": "nino@example.org"})
    assert len(mail.outbox) == 3


def test_with_the_test_checkout_off_its_members_are_told_why_they_cannot_change_or_cancel(
    client, member, settings
):
    """A staging site that took memberships through the test checkout, then switched it off."""
    settings.DEBUG = False
    settings.MEMBERSHIPS_ALLOW_TEST_CHECKOUT = False
    signed_in(client, member)
    assert client.get(ACCOUNT).status_code == 200
    changed = client.post(
        "/membership/change/", {"plan": "supporter-monthly", "custom_amount": "15"}
    )
    asked = client.get("/membership/cancel/")
    canceled = client.post("/membership/cancel/", {"reason": ""})
    assert asked.status_code == 200
    for response in (changed, canceled):
        assert response.status_code == 503
        assert "cannot be changed online at the moment" in response.text
        assert "Please write to us" in response.text
    member.refresh_from_db()
    assert (member.amount, member.cancel_at_period_end) == (5, False)
    assert mail.outbox == []
