"""Confirming a sign-up: opening the link shows a button, and only pressing it subscribes."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from newsletter import tokens
from newsletter.models import Subscriber
from tests.dom import one, parse
from tests.newsletter.conftest import link_in, sign_up, subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirm_link(client):
    sign_up(client, frequency="weekly")
    return link_in(mail.outbox[-1], "confirm")


def test_opening_the_link_only_shows_a_button_so_link_checkers_subscribe_nobody(
    client, confirm_link
):
    page = client.get(confirm_link)
    assert page.status_code == 200
    assert client.head(confirm_link).status_code == 200
    form = one(parse(page), "main form[method=post]")
    assert "Confirm my subscription" in form.text
    assert form.select("[name=csrfmiddlewaretoken]")
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    assert Subscriber.objects.get().status == "pending"


def test_pressing_the_button_subscribes_with_the_chosen_frequency(client, confirm_link):
    page = client.post(confirm_link)
    assert page.status_code == 200
    assert "You're subscribed" in page.text
    assert "weekly newsletter" in page.text
    reader = Subscriber.objects.get()
    assert reader.status == "confirmed" and reader.confirmed_at is not None
    (manage,) = [a for a in parse(page).select("main a") if "newsletter settings" in a.text]
    token = manage["href"].removeprefix("/newsletter/unsubscribe/").removesuffix("/")
    assert tokens.unsubscribed_subscriber_id(token) == reader.pk


def test_confirming_twice_changes_nothing(client, confirm_link):
    client.post(confirm_link)
    first = Subscriber.objects.get().confirmed_at
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        assert client.post(confirm_link).status_code == 200
    assert Subscriber.objects.get().confirmed_at == first


def test_the_button_needs_the_pages_csrf_token(confirm_link):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(confirm_link).status_code == 403
    assert Subscriber.objects.get().status == "pending"
    page = parse(browser.get(confirm_link))
    token = one(page, "[name=csrfmiddlewaretoken]")["value"]
    assert browser.post(confirm_link, {"csrfmiddlewaretoken": token}).status_code == 200
    assert Subscriber.objects.get().status == "confirmed"


def test_an_expired_link_offers_to_sign_up_again(client, confirm_link):
    with time_machine.travel(timezone.now() + timedelta(days=tokens.CONFIRM_DAYS, minutes=1)):
        for response in (client.get(confirm_link), client.post(confirm_link)):
            assert response.status_code == 400
            assert "This link does not work" in response.text
            assert one(parse(response), "main form")["action"] == "/newsletter/"
    assert Subscriber.objects.get().status == "pending"


@pytest.mark.parametrize(
    "token",
    ["forged", "x" * 5000, "eyJ0ZXN0Ijp0cnVlfQ:1abc:def", "%00", "..%2f..%2f"],
)
def test_forged_links_are_refused(client, token):
    subscriber()
    for response in (
        client.get(f"/newsletter/confirm/{token}/"),
        client.post(f"/newsletter/confirm/{token}/"),
    ):
        assert response.status_code in (400, 404)
    assert Subscriber.objects.get().status == "pending"


def test_an_unsubscribe_token_is_no_confirmation_link(client):
    reader = subscriber()
    token = tokens.unsubscribe_token(reader)
    assert client.post(f"/newsletter/confirm/{token}/").status_code == 400
    assert Subscriber.objects.get().status == "pending"


def test_a_link_for_an_address_that_changed_no_longer_works(client, confirm_link):
    Subscriber.objects.update(email="someone.else@example.org")
    assert client.post(confirm_link).status_code == 400
    assert Subscriber.objects.get().status == "pending"


def test_an_old_link_does_not_bring_back_a_reader_who_unsubscribed(client, confirm_link):
    client.post(confirm_link)
    Subscriber.objects.update(status="unsubscribed", unsubscribed_at=timezone.now())
    assert client.post(confirm_link).status_code == 400
    assert Subscriber.objects.get().status == "unsubscribed"
