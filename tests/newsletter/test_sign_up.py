"""Signing up for the free newsletter: double opt-in, one answer for every address, and the
defences against scripts signing strangers up."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.template import Context, Template
from django.utils import timezone

from newsletter import services
from newsletter.models import Subscriber
from tests.dom import active_content, fields_in, one, parse
from tests.factories import ArticleFactory
from tests.newsletter.conftest import SIGN_UP, emails_to, link_in, sign_up, subscriber

pytestmark = pytest.mark.django_db


def test_a_new_address_waits_for_confirmation_and_gets_one_email_with_the_link(client):
    response = sign_up(client, "Nino@Example.org", frequency="weekly")

    assert response.status_code == 200
    assert "Check your inbox" in response.text
    reader = Subscriber.objects.get()
    assert (reader.email, reader.status, reader.frequency) == (
        "nino@example.org",
        "pending",
        "weekly",
    )
    assert reader.confirmed_at is None and reader.confirmation_sent_at is not None
    [email] = mail.outbox
    assert email.to == ["nino@example.org"]
    assert "Confirm your subscription" in email.subject
    message = email.message()
    assert message.get_content_type() == "multipart/alternative"
    text_part, html_part = message.get_payload()
    assert text_part.get_content_type() == "text/plain"
    assert html_part.get_content_type() == "text/html"
    link = link_in(email, "confirm")
    assert link in text_part.get_payload(decode=True).decode()
    assert f'href="https://news.example.org{link}"' in html_part.get_payload(decode=True).decode()
    assert "nino@example.org" not in link


def test_the_sign_up_page_shows_the_form_with_daily_chosen(client):
    page = parse(client.get(SIGN_UP))
    form = one(page, "main form[method=post]")
    assert form["action"] == SIGN_UP
    assert one(form, "input[name=email]")["type"] == "email"
    assert one(form, "input[name=frequency][checked]")["value"] == "daily"
    # The editions (English and Russian), the one being read chosen.
    assert [o["value"] for o in form.select("select[name=edition] option")] == ["en", "ru"]
    assert one(form, "select[name=edition] option[selected]")["value"] == "en"
    russian = parse(client.get("/ru" + SIGN_UP))
    assert one(russian, "select[name=edition] option[selected]")["value"] == "ru"


def test_a_site_with_several_editions_lets_readers_choose_theirs(client, settings):
    settings.LANGUAGES = [("en-gb", "English"), ("ka", "ქართული")]
    page = parse(client.get(SIGN_UP))
    assert [o["value"] for o in page.select("select[name=edition] option")] == ["en-gb", "ka"]

    sign_up(client, edition="ka")
    assert Subscriber.objects.get().edition == "ka"
    response = sign_up(client, "other@example.org", edition="fr")
    assert response.status_code == 400
    assert "Choose one of the editions listed." in response.text


def test_an_edition_posted_to_a_single_edition_site_is_ignored(client, settings):
    settings.LANGUAGES = [("en", "English")]
    sign_up(client, edition="xx")
    assert Subscriber.objects.get().edition == settings.LANGUAGE_CODE


def answer(email, **fields):
    """What the requester sees (the response) and learns (the emails sent to anyone else)."""
    from tests.memberships.helpers import CommittingClient

    before = len(mail.outbox)
    response = sign_up(CommittingClient(), email, **fields)
    others = [m for m in mail.outbox[before:] if m.to != [email]]
    return response.status_code, response.content, tuple(others)


def test_every_address_gets_the_same_answer_whatever_it_is_to_us():
    subscriber("waiting@example.org", confirmation_sent_at=timezone.now())
    subscriber("reader@example.org", status="confirmed", confirmed_at=timezone.now())
    subscriber("gone@example.org", status="unsubscribed", unsubscribed_at=timezone.now())

    answers = {
        email: answer(email)
        for email in [
            "new@example.org",
            "waiting@example.org",
            "reader@example.org",
            "gone@example.org",
        ]
    }

    assert len(set(answers.values())) == 1
    status, content, others = answers["new@example.org"]
    assert status == 200 and others == ()
    assert b"example.org" not in content
    assert b"csrfmiddlewaretoken" not in content


def test_each_state_is_handled_behind_the_same_answer():
    waiting = subscriber("waiting@example.org", confirmation_sent_at=timezone.now())
    reader = subscriber(
        "reader@example.org", status="confirmed", confirmed_at=timezone.now(), frequency="weekly"
    )
    gone = subscriber("gone@example.org", status="unsubscribed", unsubscribed_at=timezone.now())
    for email in ["waiting@example.org", "reader@example.org", "gone@example.org"]:
        answer(email, frequency="daily")

    # Asked a minute ago: no second email yet.
    assert emails_to("waiting@example.org") == []
    # Subscribed: nothing changes but a note in their own inbox.
    reader.refresh_from_db()
    assert (reader.status, reader.frequency) == ("confirmed", "weekly")
    [note] = emails_to("reader@example.org")
    assert "already subscribed" in note.subject
    assert "/newsletter/unsubscribe/" in note.body
    # Unsubscribed earlier: waiting again, with a new link.
    gone.refresh_from_db()
    assert gone.status == "pending"
    [again] = emails_to("gone@example.org")
    assert "/newsletter/confirm/" in again.body
    waiting.refresh_from_db()
    assert waiting.status == "pending"


def test_signing_up_again_resends_the_link_at_most_every_ten_minutes(client):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_up(client)
        sign_up(client)
        assert len(mail.outbox) == 1
        clock.shift(timedelta(minutes=9))
        sign_up(client, frequency="weekly")
        assert len(mail.outbox) == 1
        assert Subscriber.objects.get().frequency == "weekly"  # not confirmed yet: may change
        clock.shift(timedelta(minutes=2))
        sign_up(client)
        assert len(mail.outbox) == 2
    assert Subscriber.objects.count() == 1


def test_a_subscribed_reader_is_told_so_at_most_every_ten_minutes(client):
    subscriber(status="confirmed", confirmed_at=timezone.now() - timedelta(days=3))
    for _ in range(3):
        sign_up(client)
    assert len(mail.outbox) == 1


def test_where_a_reader_came_from_is_kept_from_their_first_sign_up_only(client):
    first, second = ArticleFactory(), ArticleFactory()
    sign_up(client, **{"from": str(first.pk), "via": "story"})
    with time_machine.travel(timezone.now() + timedelta(minutes=30)):
        sign_up(client, **{"from": str(second.pk), "via": "home"})
    reader = Subscriber.objects.get()
    assert (reader.source_article, reader.source_placement) == (first, "story")


@pytest.mark.parametrize(
    "story_from, via",
    [
        ("draft", "story"),
        ("scheduled", "story"),
        ("987654", "story"),
        ("-1", "story"),
        ("1e3", "story"),
        ("٣", "story"),
        ("9" * 40, "nowhere"),
        ("<script>", "'; DROP TABLE"),
    ],
)
def test_attribution_that_does_not_parse_or_names_no_published_story_is_dropped(
    client, story_from, via
):
    stories = {
        "draft": ArticleFactory(draft=True),
        "scheduled": ArticleFactory(scheduled=True),
    }
    value = str(stories[story_from].pk) if story_from in stories else story_from
    response = sign_up(client, **{"from": value, "via": via})
    assert response.status_code == 200
    reader = Subscriber.objects.get()
    assert reader.source_article is None
    assert reader.source_placement == ("story" if via == "story" else "")


def test_the_service_drops_unknown_stories_and_placements_too():
    reader = services.sign_up(
        "a@example.org", source_article_id=10**6, source_placement="banner", frequency="hourly"
    )
    assert (reader.source_article_id, reader.source_placement, reader.frequency) == (
        None,
        "",
        "daily",
    )


@pytest.mark.parametrize(
    "email",
    [
        "",
        "not an address",
        "a@b.org\nBcc: x@y.org",
        "a@b.org\r\nBcc: x@y.org",
        "a@b.org,x@y.org",
        "<a@b.org>",
        "a" * 250 + "@b.org",
        "x@" + "b" * 300 + ".org",
        "a\x00@b.org",
        "İ" * 120 + "@example.org",
    ],
)
def test_bad_addresses_get_the_form_back_with_an_error_and_nothing_is_written(client, email):
    response = sign_up(client, email)
    assert response.status_code == 400
    assert 'class="errorlist' in response.text
    assert not Subscriber.objects.exists()
    assert mail.outbox == []
    assert active_content(parse(response)) == []


def test_unicode_addresses_that_are_valid_are_kept_in_lower_case(client):
    response = sign_up(client, "Nino@Bücher.example")
    assert response.status_code == 200
    assert Subscriber.objects.get().email == "nino@bücher.example"


@pytest.mark.parametrize("frequency", ["", "hourly", "DAILY", "daily\x00", "x" * 5000])
def test_a_bad_frequency_is_a_form_error(client, frequency):
    response = sign_up(client, frequency=frequency)
    assert response.status_code == 400
    assert "Choose daily or weekly." in response.text
    assert not Subscriber.objects.exists()


def test_throwaway_addresses_are_refused(client):
    for address in ["bot@mailinator.com", "bot@eu.mailinator.com", "x@YOPMAIL.com"]:
        response = sign_up(client, address)
        assert response.status_code == 400
        assert "throwaway address" in response.text
    assert not Subscriber.objects.exists()


def test_too_many_sign_ups_from_one_connection_get_a_friendly_429(client):
    for number in range(10):
        assert sign_up(client, f"reader{number}@example.org").status_code == 200
    response = sign_up(client, "one-more@example.org")
    assert response.status_code == 429
    assert "Please wait a little" in response.text
    assert not Subscriber.objects.filter(email="one-more@example.org").exists()
    assert len(mail.outbox) == 10
    # Another connection is not held back.
    other = client.post(
        SIGN_UP, {"email": "else@example.org", "frequency": "daily"}, REMOTE_ADDR="198.51.100.9"
    )
    assert other.status_code == 200


def test_mistyped_sign_ups_do_not_count_against_the_limit(client):
    for _ in range(30):
        assert sign_up(client, "not an address").status_code == 400
    assert sign_up(client, "nino@example.org").status_code == 200


def test_the_limit_forgets_sign_ups_an_hour_old(client):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for number in range(10):
            sign_up(client, f"reader{number}@example.org")
        assert sign_up(client, "late@example.org").status_code == 429
        clock.shift(timedelta(minutes=62))
        assert sign_up(client, "late@example.org").status_code == 200


def test_the_sign_up_takes_no_csrf_token_because_it_only_asks_for_a_confirmation():
    from django.test import Client

    forged = Client(enforce_csrf_checks=True)
    response = forged.post(SIGN_UP, {"email": "victim@example.org", "frequency": "daily"})
    assert response.status_code == 200
    assert Subscriber.objects.get().status == "pending"


def render_box(**context):
    return Template(
        '{% include "newsletter/_signup_box.html" with source_article=story '
        "source_placement=placement %}"
    ).render(Context(context))


def test_the_box_is_the_same_for_every_reader_and_asks_the_database_nothing(
    django_assert_num_queries,
):
    with django_assert_num_queries(0):
        box = parse(render_box(story=42, placement="story"))
    form = one(box, "form")
    assert form["method"] == "post" and form["action"] == SIGN_UP
    assert form.select("[name=csrfmiddlewaretoken]") == []
    assert one(form, "input[name=from]")["value"] == "42"
    assert one(form, "input[name=via]")["value"] == "story"
    assert [i["value"] for i in form.select("input[name=frequency]")] == ["daily", "weekly"]
    assert "The free newsletter" in box.text


@pytest.mark.parametrize(
    "url, placement",
    [("story", "story"), ("/", "home"), ("/join/thanks/", "after-joining")],
)
def test_the_box_is_under_stories_on_the_home_page_and_after_joining(client, url, placement):
    story = ArticleFactory()
    page = client.get(story.get_absolute_url() if url == "story" else url)
    assert page.status_code == 200
    box = one(parse(page), ".signup-box form")
    assert box.select("[name=csrfmiddlewaretoken]") == []
    sent = {field["name"]: field.get("value") for field in fields_in(box)}
    assert sent["via"] == placement
    if placement == "story":
        assert sent["from"] == str(story.pk)
    else:
        assert "from" not in sent
    assert "csrftoken" not in page.cookies


def test_signing_up_from_the_box_under_a_story_records_the_story(client):
    story = ArticleFactory()
    box = one(parse(client.get(story.get_absolute_url())), ".signup-box form")
    hidden = [field for field in fields_in(box) if field["type"] == "hidden"]
    fields = {field["name"]: field["value"] for field in hidden}
    response = client.post(SIGN_UP, {**fields, "email": "box@example.org", "frequency": "weekly"})
    assert response.status_code == 200
    reader = Subscriber.objects.get()
    assert (reader.source_article, reader.source_placement, reader.frequency) == (
        story,
        "story",
        "weekly",
    )
