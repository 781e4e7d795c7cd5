"""The offline test checkout: the whole way from an article's join box to a welcome email."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from memberships.models import Membership, Payment, ProviderEvent
from tests.memberships.helpers import JOIN_DATA, forms_in, render_join_box

pytestmark = pytest.mark.django_db


def test_reader_joins_from_the_article_box_and_gets_an_active_membership_and_welcome(client):
    box = forms_in(render_join_box())[0]
    assert box["method"] == "post" and box["action"] == reverse("memberships:join")
    assert box["fields"]["plan"] == "supporter-monthly"  # $5 a month preselected

    # The box's first step carries the choice and the email over to the real, CSRF-protected
    # form, in its fields (never in a URL).
    join_page = client.post(box["action"], {**box["fields"], "email": "ani@example.org"})
    assert join_page.status_code == 200
    join_form = next(f for f in forms_in(join_page.text) if f["method"] == "post")
    assert join_form["fields"]["plan"] == "supporter-monthly"
    assert join_form["fields"]["email"] == "ani@example.org"
    assert "csrfmiddlewaretoken" in join_form["fields"]

    submitted = {**join_form["fields"], "name": "Ani Petrosyan", "email_consent": "on"}
    to_checkout = client.post(reverse("memberships:join"), submitted)
    membership = Membership.objects.get(supporter__email="ani@example.org")
    assert membership.status == "pending"
    assert to_checkout.status_code == 302
    assert to_checkout.url == reverse(
        "memberships:test_checkout", kwargs={"reference": membership.reference}
    )

    checkout = client.get(to_checkout.url)
    assert "Test checkout — no real payment" in checkout.text
    assert "$5 a month" in checkout.text

    done = client.post(to_checkout.url, {"outcome": "complete"})
    assert done.url == reverse("memberships:thanks")
    membership.refresh_from_db()
    assert membership.status == "active"
    assert membership.started_at is not None
    assert membership.current_period_end > membership.started_at
    assert Payment.objects.get(membership=membership).amount == 5

    subjects = [message.subject for message in mail.outbox]
    assert any(subject.startswith("Welcome") for subject in subjects)
    assert any(subject.startswith("Your receipt") for subject in subjects)
    welcome = next(m for m in mail.outbox if m.subject.startswith("Welcome"))
    assert welcome.to == ["ani@example.org"]
    assert "$5 a month" in welcome.body
    html = welcome.alternatives[0]
    assert html[1] == "text/html" and "Ani Petrosyan" in html[0]


def test_completing_the_same_test_checkout_twice_sends_one_welcome(client):
    client.post(reverse("memberships:join"), JOIN_DATA)
    membership = Membership.objects.get()
    url = reverse("memberships:test_checkout", kwargs={"reference": membership.reference})
    client.post(url, {"outcome": "complete"})
    client.post(url, {"outcome": "complete"})
    assert Membership.objects.get().status == "active"
    assert [m.subject for m in mail.outbox].count(
        "Welcome, and thank you for supporting Newsroom"
    ) == 1
    assert Payment.objects.count() == 1


def test_failed_test_payment_leaves_membership_pending_and_says_so(client):
    client.post(reverse("memberships:join"), JOIN_DATA)
    membership = Membership.objects.get()
    url = reverse("memberships:test_checkout", kwargs={"reference": membership.reference})
    response = client.post(url, {"outcome": "fail"}, follow=True)
    membership.refresh_from_db()
    assert membership.status == "pending"
    assert "did not go through" in response.text
    assert ProviderEvent.objects.filter(type="checkout.failed", membership=membership).exists()
    assert mail.outbox == []
    # And the reader can try again with the same address.
    again = client.post(reverse("memberships:join"), JOIN_DATA)
    assert again.status_code == 302
    assert Membership.objects.count() == 2


def test_failed_test_payment_returns_to_the_join_form_still_filled_in(client):
    client.post(
        reverse("memberships:join"),
        {**JOIN_DATA, "plan": "supporter-yearly", "custom_amount": "75", "name": "Ani Petrosyan"},
    )
    membership = Membership.objects.get()
    url = reverse("memberships:test_checkout", kwargs={"reference": membership.reference})
    failed = client.post(url, {"outcome": "fail"})
    # Answered in place, not redirected: nothing the reader typed goes into a URL.
    assert failed.status_code == 200
    assert "did not go through" in failed.text
    form = next(f for f in forms_in(failed.text) if f["method"] == "post")
    assert form["action"] == reverse("memberships:join")
    assert form["fields"]["plan"] == "supporter-yearly"
    assert form["fields"]["custom_amount"] == "75.00"
    assert form["fields"]["email"] == "ani@example.org"
    assert form["fields"]["name"] == "Ani Petrosyan"
    assert form["fields"]["email_consent"] == "on"
    # One click to try again.
    again = client.post(form["action"], form["fields"])
    assert again.status_code == 302
    assert Membership.objects.filter(amount=75, plan__slug="supporter-yearly").count() == 2


def test_test_checkout_is_unreachable_with_debug_off_unless_explicitly_allowed(client, settings):
    client.post(reverse("memberships:join"), JOIN_DATA)
    membership = Membership.objects.get()
    url = reverse("memberships:test_checkout", kwargs={"reference": membership.reference})

    settings.DEBUG = False
    settings.MEMBERSHIPS_ALLOW_TEST_CHECKOUT = False
    assert client.get(url).status_code == 404
    assert client.post(url, {"outcome": "complete"}).status_code == 404
    membership.refresh_from_db()
    assert membership.status == "pending"

    settings.MEMBERSHIPS_ALLOW_TEST_CHECKOUT = True
    assert client.get(url).status_code == 200


def test_test_checkout_works_with_debug_on_without_the_setting(client, settings):
    client.post(reverse("memberships:join"), JOIN_DATA)
    membership = Membership.objects.get()
    settings.DEBUG = True
    settings.MEMBERSHIPS_ALLOW_TEST_CHECKOUT = False
    url = reverse("memberships:test_checkout", kwargs={"reference": membership.reference})
    assert client.get(url).status_code == 200


def test_without_payment_keys_and_debug_off_joining_is_paused_not_faked(client, settings):
    settings.DEBUG = False
    settings.MEMBERSHIPS_ALLOW_TEST_CHECKOUT = False
    page = client.get(reverse("memberships:join"))
    assert "Joining online is paused" in page.text
    response = client.post(reverse("memberships:join"), JOIN_DATA)
    assert response.status_code == 503
    assert not Membership.objects.exists()


def test_unknown_test_checkout_reference_is_not_found(client):
    url = "/join/test-checkout/9b2f8f0e-5d2c-4c55-9a55-0d8d4f3c1e11/"
    assert client.get(url).status_code == 404


def test_test_checkout_rejects_unknown_outcome(client):
    client.post(reverse("memberships:join"), JOIN_DATA)
    membership = Membership.objects.get()
    url = reverse("memberships:test_checkout", kwargs={"reference": membership.reference})
    assert client.post(url, {"outcome": "refund-everything"}).status_code == 400
    membership.refresh_from_db()
    assert membership.status == "pending"


def test_welcome_email_links_to_sign_in_not_to_a_session(client):
    client.post(reverse("memberships:join"), JOIN_DATA)
    membership = Membership.objects.get()
    client.post(
        reverse("memberships:test_checkout", kwargs={"reference": membership.reference}),
        {"outcome": "complete"},
    )
    welcome = next(m for m in mail.outbox if m.subject.startswith("Welcome"))
    assert re.search(r"https://news\.example\.org/membership/sign-in/\s", welcome.body + " ")
