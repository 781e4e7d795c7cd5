"""Which story and placement led a reader to join: carried without cookies from the link or the
join box, through the join form and the checkout, onto the membership the managers see.

The local test checkout and Stripe (its HTTP API answered by tests/memberships/stripe_fake.py)
both carry it; a newsletter asked for while joining is credited to the same source.
"""

import csv
import io
import json
import time

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from memberships.models import Membership
from newsletter.models import Subscriber
from newsroom.attribution import Placement
from tests.dom import one, parse, text
from tests.factories import ArticleFactory, MembershipFactory, SupporterFactory
from tests.memberships import stripe_fake as fake
from tests.memberships.helpers import JOIN_DATA, forms_in
from tests.memberships.test_admin import CHANGELIST, staff
from tests.staff.sign_in import sign_in

pytestmark = pytest.mark.django_db

JOIN = "/join/"


def join_box_under(story):
    """The join box as a reader gets it, on the story's page (shared by every reader)."""
    page = Client().get(story.get_absolute_url())
    assert page.status_code == 200
    return next(form for form in forms_in(page.text) if form["fields"].get("step") == "box")


def join_form(page):
    return next(form for form in forms_in(page.text) if "csrfmiddlewaretoken" in form["fields"])


def submit(client, page, **changes):
    """The join form as the reader's browser sends it: every field it renders, filled in."""
    fields = join_form(page)["fields"]
    return client.post(JOIN, {**fields, **JOIN_DATA, "plan": fields["plan"], **changes})


def pay_at_test_checkout(client, response):
    assert response.status_code == 302, response.text
    return client.post(response.url, {"outcome": "complete"})


def membership_of(email="ani@example.org"):
    return Membership.objects.filter(supporter__email=email).latest("created_at")


@pytest.fixture
def story():
    return ArticleFactory(headline="The river that ran dry")


# --- Through the local checkout --------------------------------------------------------------


def test_reader_joining_from_the_box_under_a_story_is_recorded_as_that_story(client, story):
    box = join_box_under(story)
    assert box["fields"]["from"] == str(story.pk)
    assert box["fields"]["via"] == "story"

    page = client.post(box["action"], {**box["fields"], "email": "ani@example.org"})
    assert join_form(page)["fields"]["from"] == str(story.pk)
    assert join_form(page)["fields"]["via"] == "story"

    pay_at_test_checkout(client, submit(client, page))
    membership = membership_of()
    assert membership.status == "active"
    assert membership.source_article == story
    assert membership.source_placement == Placement.STORY


def test_the_header_join_button_says_it_came_from_the_header(client):
    home = client.get("/")
    assert f'href="{reverse("memberships:join")}?via=header"' in home.text

    page = client.get(JOIN, {"via": "header"})
    pay_at_test_checkout(client, submit(client, page))
    membership = membership_of()
    assert membership.source_article is None
    assert membership.source_placement == Placement.HEADER


def test_a_join_page_reached_with_no_source_is_the_join_page_itself(client):
    page = client.get(JOIN)
    assert join_form(page)["fields"]["via"] == "join-page"
    pay_at_test_checkout(client, submit(client, page))
    assert membership_of().source_placement == Placement.JOIN_PAGE


def test_a_digest_link_carries_its_story_and_the_newsletter(client, story):
    page = client.get(JOIN, {"from": story.pk, "via": "newsletter"})
    pay_at_test_checkout(client, submit(client, page))
    membership = membership_of()
    assert (membership.source_article, membership.source_placement) == (story, "newsletter")


def test_the_source_stays_through_a_form_error_and_a_failed_payment(client, story):
    page = client.post(
        JOIN, {"step": "box", "plan": "supporter-monthly", "from": story.pk, "via": "story"}
    )
    with_error = submit(client, page, email="not an address")
    assert with_error.status_code == 400
    assert join_form(with_error)["fields"]["from"] == str(story.pk)
    assert join_form(with_error)["fields"]["via"] == "story"

    to_checkout = submit(client, with_error)
    failed = client.post(to_checkout.url, {"outcome": "fail"})
    assert "did not go through" in failed.text
    assert join_form(failed)["fields"]["from"] == str(story.pk)
    assert join_form(failed)["fields"]["via"] == "story"

    pay_at_test_checkout(client, submit(client, failed))
    membership = membership_of()
    assert membership.status == "active"
    assert (membership.source_article, membership.source_placement) == (story, "story")


def test_the_source_stays_on_the_too_many_attempts_page(client, settings, story):
    settings.MEMBERSHIPS_CHECKOUT_LIMIT_PER_CLIENT = 0
    page = client.get(JOIN, {"from": story.pk, "via": "newsletter"})
    held_back = submit(client, page)
    assert held_back.status_code == 429
    assert join_form(held_back)["fields"]["from"] == str(story.pk)
    assert join_form(held_back)["fields"]["via"] == "newsletter"


@pytest.mark.parametrize(
    ("story_value", "placement_value"),
    [
        ("9" * 400, "story"),
        ("-3", "header"),
        ("twelve", "newsletter"),
        ("4\u0662", "story"),
        ("0", "x" * 5000),
        ("", "'; DROP TABLE memberships_membership; --"),
        ("2147483648", "home"),
    ],
    ids=[
        "huge",
        "negative",
        "not a number",
        "not ascii",
        "unknown placement",
        "injection",
        "beyond the column",
    ],
)
def test_hostile_sources_are_recorded_as_nothing_and_never_refused(
    client, story_value, placement_value
):
    page = client.get(JOIN, {"from": story_value, "via": placement_value})
    assert page.status_code == 200
    response = submit(client, page)
    assert response.status_code == 302
    # Posted straight to the form, past what the page rendered, too.
    pay_at_test_checkout(client, response)
    membership = membership_of()
    assert membership.status == "active"
    assert membership.source_article is None
    assert membership.source_placement in {"", *Placement.values}
    assert membership.source_placement == (
        placement_value if placement_value in Placement.values else ""
    )


def test_hostile_values_posted_with_the_form_itself_start_a_checkout_recording_nothing(client):
    page = client.get(JOIN)
    response = submit(client, page, **{"from": "1e9999", "via": ["story", "header"]})
    pay_at_test_checkout(client, response)
    membership = membership_of()
    assert membership.source_article is None
    assert membership.source_placement in {"story", "header"}


@pytest.mark.parametrize("kind", ["draft", "scheduled", "deleted"])
def test_a_story_readers_cannot_see_is_no_story_but_the_placement_counts(client, kind):
    hidden = ArticleFactory(**{kind: True} if kind != "deleted" else {})
    story_id = hidden.pk
    if kind == "deleted":
        hidden.delete()
    page = client.get(JOIN, {"from": story_id, "via": "story"})
    pay_at_test_checkout(client, submit(client, page))
    membership = membership_of()
    assert membership.source_article is None
    assert membership.source_placement == "story"


def test_a_re_join_keeps_what_first_brought_the_reader(client, story):
    first = MembershipFactory(
        supporter=SupporterFactory(email="ani@example.org"),
        status="canceled",
        source_article=story,
        source_placement="story",
    )
    page = client.get(JOIN, {"via": "header"})
    pay_at_test_checkout(client, submit(client, page))
    first.refresh_from_db()
    assert (first.source_article, first.source_placement) == (story, "story")
    assert membership_of().source_placement == "header"  # the new membership has its own


# --- Through Stripe ---------------------------------------------------------------------------


def post_event(client, event):
    response = fake.deliver(client, json.dumps(event))
    assert response.status_code == 200, response.text
    return response


def stripe_completion(client, stripe_api, membership, *, metadata):
    """Stripe's events after a payment, with the metadata the Checkout Session was given."""
    start = int(time.time()) - 60
    sub = fake.subscription(reference=str(membership.reference), start=start)
    sub["metadata"].update(metadata)
    stripe_api.add_subscription(sub)
    session = fake.checkout_session(
        id=membership.provider_checkout_id,
        reference=str(membership.reference),
        subscription_id=sub["id"],
    )
    session["metadata"].update(metadata)
    post_event(client, fake.event("customer.subscription.created", sub, created=start))
    post_event(client, fake.event("checkout.session.completed", session, created=start + 2))
    return sub


def test_the_stripe_checkout_session_carries_the_source_as_metadata(client, stripe_api, story):
    page = client.get(JOIN, {"from": story.pk, "via": "newsletter"})
    response = submit(client, page)
    assert response.url.startswith("https://checkout.stripe.com/")
    [call] = stripe_api.calls("POST", "/v1/checkout/sessions")
    params = call["params"]
    membership = membership_of()
    assert params["metadata"] == {
        "membership": str(membership.reference),
        "from": str(story.pk),
        "via": "newsletter",
    }
    assert params["subscription_data"]["metadata"]["from"] == str(story.pk)
    assert params["subscription_data"]["metadata"]["via"] == "newsletter"

    stripe_completion(
        client, stripe_api, membership, metadata={"from": str(story.pk), "via": "newsletter"}
    )
    membership.refresh_from_db()
    assert membership.status == "active"
    assert (membership.source_article, membership.source_placement) == (story, "newsletter")


def test_a_checkout_with_no_story_sends_only_its_placement(client, stripe_api):
    submit(client, client.get(JOIN))
    [call] = stripe_api.calls("POST", "/v1/checkout/sessions")
    assert call["params"]["metadata"]["via"] == "join-page"
    assert "from" not in call["params"]["metadata"]


def test_the_stripe_webhook_records_the_source_its_metadata_carries(client, stripe_api, story):
    # A checkout started before its membership kept a source: the events tell it.
    membership = MembershipFactory(pending=True, provider="stripe", provider_checkout_id="cs_1")
    stripe_completion(
        client, stripe_api, membership, metadata={"from": str(story.pk), "via": "story"}
    )
    membership.refresh_from_db()
    assert membership.status == "active"
    assert (membership.source_article, membership.source_placement) == (story, "story")


def test_hostile_stripe_metadata_is_recorded_as_nothing(client, stripe_api):
    draft = ArticleFactory(draft=True)
    membership = MembershipFactory(pending=True, provider="stripe", provider_checkout_id="cs_2")
    stripe_completion(
        client, stripe_api, membership, metadata={"from": str(draft.pk), "via": "<script>"}
    )
    membership.refresh_from_db()
    assert membership.status == "active"
    assert membership.source_article is None
    assert membership.source_placement == ""


def test_a_renewal_never_overwrites_the_first_source(client, stripe_api, story):
    page = client.get(JOIN, {"from": story.pk, "via": "story"})
    submit(client, page)
    membership = membership_of()
    sub = stripe_completion(
        client, stripe_api, membership, metadata={"from": str(story.pk), "via": "story"}
    )
    other = ArticleFactory()
    renewal = fake.invoice(subscription_id=sub["id"], reference=str(membership.reference))
    renewal["parent"]["subscription_details"]["metadata"].update(
        {"from": str(other.pk), "via": "header"}
    )
    post_event(client, fake.event("invoice.paid", renewal))
    membership.refresh_from_db()
    assert (membership.source_article, membership.source_placement) == (story, "story")


# --- The newsletter, asked for while joining --------------------------------------------------


def confirmation_emails(to):
    return [
        message
        for message in mail.outbox
        if message.to == [to] and message.subject.startswith("Confirm your subscription")
    ]


def test_the_newsletter_box_is_off_until_the_reader_ticks_it(client):
    page = client.get(JOIN)
    form = join_form(page)
    assert "newsletter" in form["names"] and "newsletter" not in form["fields"]
    assert "Also send me the free newsletter" in page.text
    pay_at_test_checkout(client, submit(client, page))
    assert not Subscriber.objects.exists()
    assert not confirmation_emails("ani@example.org")


def test_asking_for_the_newsletter_through_the_test_checkout_asks_to_confirm_it(client, story):
    page = client.get(JOIN, {"from": story.pk, "via": "story"})
    to_checkout = submit(client, page, newsletter="on")
    assert not Subscriber.objects.exists()  # not before the membership is active
    pay_at_test_checkout(client, to_checkout)

    subscriber = Subscriber.objects.get(email="ani@example.org")
    assert subscriber.status == Subscriber.Status.PENDING  # double opt-in still applies
    assert (subscriber.source_article, subscriber.source_placement) == (story, "story")
    [message] = confirmation_emails("ani@example.org")
    mime = message.message()
    assert mime.is_multipart()
    assert {part.get_content_type() for part in mime.walk()} >= {"text/plain", "text/html"}


def test_the_newsletter_choice_stays_ticked_after_a_failed_payment(client):
    to_checkout = submit(client, client.get(JOIN), newsletter="on")
    failed = client.post(to_checkout.url, {"outcome": "fail"})
    assert join_form(failed)["fields"]["newsletter"] == "on"


def test_asking_for_the_newsletter_through_stripe_asks_once_the_webhook_activates(
    client, stripe_api
):
    submit(client, client.get(JOIN, {"via": "header"}), newsletter="on")
    membership = membership_of()
    assert membership.newsletter_opt_in
    stripe_completion(client, stripe_api, membership, metadata={"via": "header"})
    subscriber = Subscriber.objects.get(email="ani@example.org")
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.source_placement == "header"
    assert len(confirmation_emails("ani@example.org")) == 1


# --- What the managers see ----------------------------------------------------------------------


@pytest.fixture
def manager(client):
    sign_in(client, staff("manager", group="Membership manager"))
    return client


def test_the_membership_page_shows_the_story_and_the_placement(manager, story):
    membership = MembershipFactory(source_article=story, source_placement="story")
    page = manager.get(f"{CHANGELIST}{membership.pk}/change/")
    assert page.status_code == 200
    html = parse(page)
    story_field = one(html, ".field-came_from_story")
    assert "Came from story" in text(story_field)
    link = one(story_field, "a")
    assert link["href"] == story.get_absolute_url()
    assert text(link) == "The river that ran dry"
    assert "Box under a story" in text(one(html, ".field-source_placement"))


def test_managers_filter_members_by_what_brought_them(manager, story):
    MembershipFactory(supporter=SupporterFactory(email="box@example.org"), source_placement="story")
    MembershipFactory(
        supporter=SupporterFactory(email="header@example.org"), source_placement="header"
    )
    page = manager.get(CHANGELIST, {"source_placement__exact": "header"})
    assert "header@example.org" in page.text
    assert "box@example.org" not in page.text
    assert "Header button" in page.text  # the filter's choice


def test_the_members_export_has_the_story_and_the_placement(manager, story):
    with_story = MembershipFactory(
        supporter=SupporterFactory(email="ani@example.org"),
        source_article=story,
        source_placement="story",
    )
    without = MembershipFactory(supporter=SupporterFactory(email="aram@example.org"))
    response = manager.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [with_story.pk, without.pk]}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header = rows[0]
    assert header[-2:] == ["came from story", "came through"]
    by_email = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_email["ani@example.org"]["came from story"] == "The river that ran dry"
    assert by_email["ani@example.org"]["came through"] == "Box under a story"
    assert by_email["aram@example.org"]["came from story"] == ""
    assert by_email["aram@example.org"]["came through"] == ""
