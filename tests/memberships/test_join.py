"""The join form: plans, validation, and the defences against bots and card testers."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from memberships.models import Membership, Plan, Supporter
from tests.dom import active_content, one, parse, texts
from tests.factories import MembershipFactory, PlanFactory, SupporterFactory
from tests.memberships.helpers import JOIN_DATA, forms_in, render_join_box

pytestmark = pytest.mark.django_db

JOIN = "/join/"


def join(client, **changes):
    return client.post(JOIN, {**JOIN_DATA, **changes})


def test_the_two_plans_exist_from_the_start_with_five_dollars_a_month_as_default():
    monthly = Plan.objects.get(slug="supporter-monthly")
    yearly = Plan.objects.get(slug="supporter-yearly")
    assert (monthly.amount, monthly.currency, monthly.interval, monthly.is_default) == (
        5,
        "usd",
        "month",
        True,
    )
    assert yearly.interval == "year" and yearly.active and not yearly.is_default


def test_join_page_offers_active_plans_with_five_dollars_a_month_preselected(client):
    PlanFactory(slug="retired", name="Retired plan", amount="3.00", active=False)
    page = client.get(reverse("memberships:join"))
    assert page.status_code == 200
    form = next(f for f in forms_in(page.text) if f["method"] == "post")
    assert form["fields"]["plan"] == "supporter-monthly"
    assert texts(parse(page), "form.member-form .plan-option__price") == [
        "$5 a month",
        "$50 a year",
    ]
    assert "Retired plan" not in page.text


def test_join_page_takes_choices_from_the_join_box_and_ignores_nonsense(client):
    box = {"step": "box", "plan": "supporter-yearly", "amount": "75", "email": "a@example.org"}
    page = client.post(JOIN, box)
    assert page.status_code == 200
    form = next(f for f in forms_in(page.text) if f["method"] == "post")
    assert form["fields"]["plan"] == "supporter-yearly"
    assert form["fields"]["custom_amount"] == "75.00"
    assert form["fields"]["email"] == "a@example.org"
    assert not Supporter.objects.exists()

    page = client.post(
        JOIN, {"step": "box", "plan": "no-such-plan", "amount": "NaN", "email": "<script>"}
    )
    form = next(f for f in forms_in(page.text) if f["method"] == "post")
    assert form["fields"]["plan"] == "supporter-monthly"
    assert form["fields"].get("custom_amount", "") == ""
    assert form["fields"].get("email", "") == ""
    assert active_content(parse(page)) == []

    # A link may choose the plan and amount, never the address.
    page = client.get(JOIN, {"plan": "supporter-yearly", "amount": "75"})
    form = next(f for f in forms_in(page.text) if f["method"] == "post")
    assert form["fields"]["plan"] == "supporter-yearly"
    assert form["fields"]["custom_amount"] == "75.00"


def test_missing_fields_get_their_own_clear_messages(client):
    response = client.post(JOIN, {"website": ""})
    assert response.status_code == 400
    assert "Choose a plan." in response.text
    assert "Enter your email address." in response.text
    assert "Enter your name." in response.text
    assert "We need to be able to email you receipts" in response.text
    assert not Membership.objects.exists()


def test_unknown_plan_is_refused(client):
    response = join(client, plan="platinum-forever")
    assert response.status_code == 400
    assert "Choose one of the plans listed." in response.text
    assert not Membership.objects.exists()


def test_inactive_plan_cannot_be_bought_by_posting_its_slug(client):
    PlanFactory(slug="retired", amount="1.00", active=False)
    response = join(client, plan="retired")
    assert response.status_code == 400
    assert not Membership.objects.exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("2", "at least"),
        ("-5", "Ensure this value is greater than or equal to 0.01"),
        ("1e9", "too large"),
        ("5.555", "two decimal places"),
        ("five", "Enter an amount as a number"),
        ("5000", "please write to us"),
    ],
)
def test_custom_amount_must_be_a_sane_number_at_or_above_the_plan(client, amount, message):
    response = join(client, custom_amount=amount)
    assert response.status_code == 400
    assert message in response.text
    assert not Membership.objects.exists()


def test_higher_custom_amount_is_charged(client):
    response = join(client, custom_amount="12.50")
    assert response.status_code == 302
    assert Membership.objects.get().amount == pytest.approx(12.5)


def test_custom_amount_below_the_configured_minimum_is_refused(client, settings):
    settings.MEMBERSHIPS_MIN_CUSTOM_AMOUNT = "10"
    response = join(client, custom_amount="7")
    assert response.status_code == 400
    assert "A custom amount must be at least $10" in response.text


def test_oversized_and_malformed_input_is_refused_without_saving(client):
    response = join(client, name="A" * 5000, email=("x" * 300) + "@example.org")
    assert response.status_code == 400
    assert "Keep your name under 120 characters." in response.text
    assert not Supporter.objects.exists()
    response = join(client, email="not an email", name="Ani\x00Petrosyan")
    assert response.status_code == 400
    assert "Enter an email address like name@example.org." in response.text


def test_disposable_email_domains_are_refused(client):
    for address in ["bot@mailinator.com", "bot@eu.mailinator.com", "x@YOPMAIL.com"]:
        response = join(client, email=address)
        assert response.status_code == 400
        assert "throwaway addresses" in response.text
    assert not Membership.objects.exists()


def test_honeypot_filled_by_a_bot_starts_no_checkout(client):
    response = join(client, website="http://spam.example")
    assert response.status_code == 400
    assert not Membership.objects.exists()


def test_join_form_is_csrf_protected():
    client = Client(enforce_csrf_checks=True)
    response = client.post(JOIN, JOIN_DATA)
    assert response.status_code == 403
    assert not Membership.objects.exists()


def test_one_client_hammering_the_form_is_stopped(client, settings):
    settings.MEMBERSHIPS_CHECKOUT_LIMIT_PER_CLIENT = 3
    for n in range(3):
        assert join(client, email=f"card{n}@example.org").status_code == 302
    blocked = join(client, email="card9@example.org")
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.text
    assert Membership.objects.count() == 3
    # Another reader on another connection is not affected.
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert join(other, email="someone@example.org").status_code == 302


JOINING_AT = datetime(2026, 3, 9, 10, 30, tzinfo=UTC)


def test_a_reader_who_mistypes_several_times_can_still_join(client, settings):
    settings.MEMBERSHIPS_CHECKOUT_LIMIT_PER_CLIENT = 2
    for mistake in ["ani@", "ani@example", "ani example.org", "", "ani@@example.org"]:
        assert join(client, email=mistake).status_code == 400
    assert join(client).status_code == 302
    assert Membership.objects.count() == 1


def test_checkouts_started_within_the_hour_stop_the_next_one_whatever_the_clock_says(
    client, settings
):
    settings.MEMBERSHIPS_CHECKOUT_LIMIT_PER_CLIENT = 3
    # 10:30, 10:50 and 11:29: three checkouts within 59 minutes, across the clock hour.
    with time_machine.travel(JOINING_AT, tick=False) as traveller:
        assert join(client, email="a1@example.org").status_code == 302
        traveller.shift(timedelta(minutes=20))
        assert join(client, email="a2@example.org").status_code == 302
        traveller.shift(timedelta(minutes=39))
        assert join(client, email="a3@example.org").status_code == 302
        refused = join(client, email="a4@example.org")
        assert refused.status_code == 429
        assert "Too many attempts" in refused.text
        # Trying again while held back does not hold the reader back for longer: an hour
        # after the first checkout (10:30) there is room for one more, not before.
        traveller.shift(timedelta(minutes=1, seconds=-30))  # 11:29:30
        assert join(client, email="a4@example.org").status_code == 429
        traveller.shift(timedelta(minutes=2))  # 11:31:30
        assert join(client, email="a4@example.org").status_code == 302
        assert join(client, email="a5@example.org").status_code == 429
    assert Membership.objects.count() == 4


def test_a_bot_flooding_the_form_with_nonsense_is_stopped(client, settings):
    settings.MEMBERSHIPS_JOIN_SUBMISSION_LIMIT_PER_CLIENT = 10
    for _ in range(10):
        assert join(client, email="nonsense").status_code == 400
    assert join(client).status_code == 429
    assert not Membership.objects.exists()
    # Another connection is not affected.
    assert join(Client(REMOTE_ADDR="198.51.100.7")).status_code == 302


def test_many_clients_together_hit_the_site_wide_limit(settings):
    settings.MEMBERSHIPS_CHECKOUT_LIMIT_GLOBAL = 4
    for n in range(4):
        client = Client(REMOTE_ADDR=f"203.0.113.{n}")
        assert join(client, email=f"r{n}@example.org").status_code == 302
    late = join(Client(REMOTE_ADDR="203.0.113.99"), email="late@example.org")
    assert late.status_code == 429
    assert "paused new ones" in late.text
    assert Membership.objects.count() == 4


def test_forwarded_for_header_is_ignored_unless_trusted(settings):
    settings.MEMBERSHIPS_CHECKOUT_LIMIT_PER_CLIENT = 1
    # Behind no proxy, a bot cannot dodge the limit by inventing X-Forwarded-For values.
    first = Client(REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.0.0.1")
    second = Client(REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.0.0.2")
    assert join(first, email="a1@example.org").status_code == 302
    assert join(second, email="a2@example.org").status_code == 429
    # Behind a trusted proxy, readers are told apart by the address the proxy saw.
    settings.TRUSTED_PROXIES = 1
    proxied = Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="1.1.1.1, 192.0.2.50")
    assert join(proxied, email="a3@example.org").status_code == 302
    neighbour = Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="1.1.1.1, 192.0.2.51")
    assert join(neighbour, email="a4@example.org").status_code == 302


def test_client_addresses_are_never_stored(client):
    join(client)
    from django.core.cache import cache

    keys = list(getattr(cache, "_cache", {}).keys())
    assert keys and not any("127.0.0.1" in key for key in keys)


def test_a_member_signing_up_again_is_emailed_a_sign_in_link_and_not_told_on_the_page(client):
    existing = MembershipFactory(supporter=SupporterFactory(email="ani@example.org"))
    response = join(client, email="ANI@example.org ")
    # On to a checkout, as anyone is (tests/memberships/test_privacy.py).
    assert response.status_code == 302
    assert Membership.objects.live().get() == existing
    [message] = mail.outbox
    assert message.to == ["ani@example.org"]
    assert "sign-in link" in message.subject.lower()
    assert "There is no need to pay twice" in message.body


def test_an_earlier_abandoned_checkout_does_not_block_joining(client):
    MembershipFactory(supporter=SupporterFactory(email="ani@example.org"), pending=True)
    assert join(client).status_code == 302
    assert Membership.objects.filter(supporter__email="ani@example.org").count() == 2


def test_join_box_needs_no_database_query_once_cached(django_assert_num_queries):
    render_join_box()
    with django_assert_num_queries(0):
        for _ in range(5):
            html = render_join_box()
    # Posted (no address in a URL) with no per-reader token, so one copy serves everyone.
    form = one(parse(html), "aside.join-box form")
    assert form["method"] == "post"
    assert form.select("[name=csrfmiddlewaretoken]") == []
    assert one(form, "input[name=step]")["value"] == "box"


@pytest.mark.parametrize("extra_plans", [0, 12])
def test_join_box_costs_a_fixed_few_queries_whatever_the_number_of_plans(
    extra_plans, django_assert_max_num_queries
):
    for n in range(extra_plans):
        PlanFactory(slug=f"extra-{n}", amount=f"{10 + n}.00")
    # The plans, and (once per content change, shared by everything the reader cache keeps)
    # when the next scheduled story or pick change is due.
    with django_assert_max_num_queries(3):
        html = render_join_box()
    assert len(parse(html).select('.join-box input[type="radio"][name="plan"]')) == 2 + extra_plans


def test_join_box_shows_plan_changes_made_in_the_admin():
    assert "$5 a month" in render_join_box()
    plan = Plan.objects.get(slug="supporter-monthly")
    plan.amount = 6
    plan.save()
    assert "$6 a month" in render_join_box()


def test_join_page_query_budget_does_not_grow_with_plans(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get(JOIN)
    for n in range(10):
        PlanFactory(slug=f"more-{n}", amount=f"{20 + n}.00")
    with django_assert_max_num_queries(4):
        client.get(JOIN)


def test_with_every_plan_switched_off_the_join_page_says_so_and_the_box_disappears(client):
    Plan.objects.update(active=False, is_default=False)
    page = client.get(JOIN)
    assert "Memberships are not open at the moment" in page.text
    assert "Continue to payment" not in page.text
    assert render_join_box().strip() == ""
    assert join(client).status_code == 400
