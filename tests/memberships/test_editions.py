"""Supporters in their own language: the edition they join in is theirs, for the join form,
the payment page, every membership email and the pages their links open."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import translation

from memberships.models import Membership, Supporter, format_money
from memberships.providers.stripe import checkout_locale
from tests.factories import MembershipFactory, SupporterFactory
from tests.memberships.helpers import JOIN_DATA
from tests.memberships.test_stripe import complete

pytestmark = pytest.mark.django_db


def join(client, address, **changes):
    response = client.post(address, {**JOIN_DATA, **changes})
    assert response.status_code == 302, response.text
    return response, Membership.objects.latest("created_at")


def test_joining_in_the_russian_edition_opens_a_russian_checkout_and_keeps_the_language(
    client, stripe_api
):
    _, membership = join(client, "/ru/join/")
    [call] = stripe_api.calls("POST", "/v1/checkout/sessions")
    assert call["params"]["locale"] == "ru"
    assert call["params"]["success_url"].startswith("http://testserver/ru/join/thanks/")
    assert call["params"]["cancel_url"].startswith("http://testserver/ru/join/")
    assert membership.supporter.language == "ru"


def test_joining_in_the_default_edition_opens_an_english_checkout(client, stripe_api):
    _, membership = join(client, "/join/")
    [call] = stripe_api.calls("POST", "/v1/checkout/sessions")
    assert call["params"]["locale"] == "en"
    assert membership.supporter.language == "en"


def test_a_language_stripe_does_not_speak_lets_it_choose_from_the_browser():
    assert checkout_locale("ka") == "auto"
    assert checkout_locale("hy") == "auto"
    assert checkout_locale("ru") == "ru"


def test_membership_emails_link_to_the_supporters_own_edition(client, stripe_api):
    _, membership = join(client, "/ru/join/")
    complete(client, membership, stripe_api)
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        links = re.findall(r"https?://[^\s\"<>]+", message.body)
        to_us = [link for link in links if "news.example.org" in link]
        assert to_us and all("news.example.org/ru/" in link for link in to_us), to_us


def test_a_form_filled_in_with_a_members_address_does_not_change_their_language(client):
    supporter = SupporterFactory(email="nino@example.org", language="ru")
    MembershipFactory(supporter=supporter)
    join(client, "/join/", email="nino@example.org")
    assert Supporter.objects.get(pk=supporter.pk).language == "ru"


def test_a_sign_in_link_asked_for_in_an_edition_opens_that_editions_pages(client):
    supporter = SupporterFactory(email="nino@example.org", language="en")
    MembershipFactory(supporter=supporter)
    response = client.post("/ru/membership/sign-in/", {"email": "nino@example.org"})
    assert response.status_code == 200
    [message] = mail.outbox
    assert re.search(r"https://news\.example\.org/ru/membership/sign-in/[\w-]+/", message.body)
    # Asking changed nothing about them: anyone may ask for a member's link.
    assert Supporter.objects.get(pk=supporter.pk).language == "en"


def test_the_join_form_and_its_errors_speak_the_editions_language(client):
    assert "Перейти к оплате" in client.get("/ru/join/").text
    refused = client.post("/ru/join/", {**JOIN_DATA, "email": "not an address"})
    assert refused.status_code == 400
    assert "Введите адрес электронной почты" in refused.text
    assert "Continue to payment" in client.get("/join/").text


def test_money_is_written_as_the_readers_language_writes_it(client):
    with translation.override("en"):
        assert format_money(Decimal("1250.50"), "usd") == "$1,250.50"
        assert format_money(Decimal("5"), "usd") == "$5"
    with translation.override("ru"):
        assert format_money(Decimal("1250.50"), "usd") == "1\xa0250,50\xa0$"
        assert format_money(Decimal("5"), "eur") == "5\xa0€"
    assert "5\xa0$ в месяц" in client.get("/ru/join/").text
    assert "$5 a month" in client.get("/join/").text
