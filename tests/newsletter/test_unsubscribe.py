"""The page every newsletter links to: switch between daily and weekly, or unsubscribe, with
no sign-in; and the RFC 8058 one-click unsubscribe that mail clients post to."""

import pytest
from django.test import Client
from django.utils import timezone

from newsletter import tokens
from newsletter.models import Subscriber
from tests.dom import one, parse
from tests.newsletter.conftest import subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    return subscriber("jana@example.org", status="confirmed", confirmed_at=timezone.now())


def manage_path(reader):
    return tokens.unsubscribe_url(reader).removeprefix("https://news.example.org")


def csrf_browser(path):
    """A browser that opened the page, and the page's forms by their action field."""
    browser = Client(enforce_csrf_checks=True)
    page = parse(browser.get(path))
    forms = {
        one(form, "input[name=action]")["value"]: {
            field["name"]: field["value"] for field in form.select("input")
        }
        for form in page.select("main form[method=post]")
    }
    return browser, forms


def test_the_page_shows_the_address_partly_masked_and_two_buttons(client, reader):
    page = client.get(manage_path(reader))
    assert page.status_code == 200
    assert "j•••@example.org" in page.text
    assert "jana@example.org" not in page.text
    buttons = [button.text.strip() for button in parse(page).select("main form button")]
    assert buttons == ["Switch to weekly", "Unsubscribe"]
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]


def test_switching_to_weekly_and_back(reader):
    path = manage_path(reader)
    browser, forms = csrf_browser(path)
    page = browser.post(path, forms["frequency"])
    assert page.status_code == 200
    assert "from now on you get the weekly newsletter" in page.text
    assert Subscriber.objects.get().frequency == "weekly"
    assert "Switch to daily" in page.text

    browser, forms = csrf_browser(path)
    browser.post(path, forms["frequency"])
    assert Subscriber.objects.get().frequency == "daily"


def test_unsubscribing_from_the_page(reader):
    path = manage_path(reader)
    browser, forms = csrf_browser(path)
    page = browser.post(path, forms["unsubscribe"])
    assert page.status_code == 200
    assert "You are unsubscribed" in page.text
    reader.refresh_from_db()
    assert reader.status == "unsubscribed" and reader.unsubscribed_at is not None
    # Opened again later: it says so, and offers to sign up again.
    again = Client().get(path)
    assert "is unsubscribed" in again.text
    assert one(parse(again), "main a.button")["href"] == "/newsletter/"


def test_the_pages_buttons_need_its_csrf_token(reader):
    path = manage_path(reader)
    forged = Client(enforce_csrf_checks=True)
    assert forged.post(path, {"action": "unsubscribe"}).status_code == 403
    assert forged.post(path, {"action": "frequency", "frequency": "weekly"}).status_code == 403
    reader.refresh_from_db()
    assert (reader.status, reader.frequency) == ("confirmed", "daily")


def test_one_click_unsubscribe_needs_no_token_and_answers_200(reader):
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        manage_path(reader),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert Subscriber.objects.get().status == "unsubscribed"


def test_one_click_as_multipart_form_data_works_too(reader):
    response = Client(enforce_csrf_checks=True).post(
        manage_path(reader), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert Subscriber.objects.get().status == "unsubscribed"


def test_unsubscribing_twice_changes_nothing(reader):
    path = manage_path(reader)
    one_click = {"List-Unsubscribe": "One-Click"}
    Client().post(path, one_click)
    first = Subscriber.objects.get().unsubscribed_at
    assert Client().post(path, one_click).status_code == 200
    assert Subscriber.objects.get().unsubscribed_at == first


@pytest.mark.parametrize(
    "body",
    ["List-Unsubscribe=one-click", "List-Unsubscribe=", "Unsubscribe=One-Click", "action=nope"],
)
def test_anything_else_posted_without_a_token_is_refused(reader, body):
    response = Client(enforce_csrf_checks=True).post(
        manage_path(reader), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 403
    assert Subscriber.objects.get().status == "confirmed"


def test_an_unknown_button_is_a_clear_400(reader):
    path = manage_path(reader)
    browser, forms = csrf_browser(path)
    token = forms["unsubscribe"]["csrfmiddlewaretoken"]
    for data in (
        {"action": "delete"},
        {"action": "frequency", "frequency": "hourly"},
        {"action": "frequency"},
    ):
        response = browser.post(path, {**data, "csrfmiddlewaretoken": token})
        assert response.status_code == 400
        assert "Choose one of the buttons" in response.text
    assert Subscriber.objects.get().frequency == "daily"


@pytest.mark.parametrize(
    "token",
    ["forged", "1:abc", "x" * 5000, "%00"],
)
def test_forged_links_are_404(client, reader, token):
    for response in (
        client.get(f"/newsletter/unsubscribe/{token}/"),
        client.post(f"/newsletter/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"}),
    ):
        assert response.status_code == 404
    assert Subscriber.objects.get().status == "confirmed"


def test_a_confirmation_token_unsubscribes_nobody(client, reader):
    token = tokens.confirm_token(reader)
    response = client.post(f"/newsletter/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 404
    assert Subscriber.objects.get().status == "confirmed"


def test_a_link_for_a_subscriber_who_is_gone_is_404(client, reader):
    path = manage_path(reader)
    reader.delete()
    assert client.get(path).status_code == 404
