"""Stripe: Checkout, signed webhooks, idempotency, ordering, failures, changes, cancellation.

Stripe's HTTP API is answered by tests/memberships/stripe_fake.py; everything above the network,
including the ``stripe`` library's request building and signature checks, is real.
"""

import json
import time
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.urls import reverse

from memberships.models import Membership, MembershipEmail, Payment, ProviderEvent, Supporter
from tests.factories import MembershipFactory, SupporterFactory
from tests.memberships import stripe_fake as fake
from tests.memberships.helpers import JOIN_DATA

pytestmark = pytest.mark.django_db

WEBHOOK = fake.WEBHOOK
HOUR = 3600


def post_event(client, event, *, secret=fake.WEBHOOK_SECRET, header=None, timestamp=None):
    payload = json.dumps(event)
    signature = header or fake.signature_header(payload, secret=secret, timestamp=timestamp)
    return fake.deliver(client, payload, signature=signature)


def start_join(client, stripe_api, **changes):
    response = client.post("/join/", {**JOIN_DATA, **changes})
    assert response.status_code == 302, response.text
    return response, Membership.objects.latest("created_at")


@pytest.fixture
def pending(client, stripe_api):
    _, membership = start_join(client, stripe_api)
    return membership


def paid_subscription(membership, stripe_api, **kwargs):
    sub = fake.subscription(reference=str(membership.reference), **kwargs)
    return stripe_api.add_subscription(sub)


def complete(client, membership, stripe_api, *, start=None):
    """What Stripe sends when a reader pays on the Checkout page, in the usual order."""
    start = start or int(time.time()) - 60
    sub = paid_subscription(membership, stripe_api, start=start)
    session = fake.checkout_session(
        id=membership.provider_checkout_id,
        reference=str(membership.reference),
        subscription_id=sub["id"],
    )
    first_invoice = fake.invoice(
        subscription_id=sub["id"],
        reference=str(membership.reference),
        billing_reason="subscription_create",
        period_start=start,
    )
    events = [
        fake.event("customer.subscription.created", sub, created=start),
        fake.event("invoice.paid", first_invoice, created=start + 1),
        fake.event("checkout.session.completed", session, created=start + 2),
    ]
    for event in events:
        assert post_event(client, event).status_code == 200
    return sub, events


def test_joining_opens_stripe_checkout_in_subscription_mode_without_touching_card_data(
    client, stripe_api
):
    response, membership = start_join(client, stripe_api, custom_amount="8")
    assert response.url.startswith("https://checkout.stripe.com/c/pay/cs_test_")
    [call] = stripe_api.calls("POST", "/v1/checkout/sessions")
    params = call["params"]
    assert params["mode"] == "subscription"
    assert params["client_reference_id"] == str(membership.reference)
    assert params["customer_email"] == "ani@example.org"
    line = params["line_items"][0]
    assert line["price_data"]["unit_amount"] == "800"
    assert line["price_data"]["recurring"]["interval"] == "month"
    assert params["subscription_data"]["metadata"]["membership"] == str(membership.reference)
    assert params["success_url"].startswith("http://testserver/join/thanks/")
    assert call["headers"]["Authorization"] == "Bearer sk_test_" + "x" * 24
    assert call["headers"]["Idempotency-Key"] == f"checkout-{membership.reference}"
    assert not any("card" in key for key in params)
    assert membership.status == "pending"
    assert membership.provider == "stripe"
    assert membership.provider_checkout_id.startswith("cs_test_")


def test_plan_with_a_stripe_price_id_uses_it_at_the_plan_amount(client, stripe_api):
    from memberships.models import Plan

    Plan.objects.filter(slug="supporter-monthly").update(provider_price_id="price_Monthly5")
    start_join(client, stripe_api)
    start_join(client, stripe_api, email="more@example.org", custom_amount="9")
    first, second = stripe_api.calls("POST", "/v1/checkout/sessions")
    assert first["params"]["line_items"][0] == {"price": "price_Monthly5", "quantity": "1"}
    assert second["params"]["line_items"][0]["price_data"]["unit_amount"] == "900"


def test_stripe_refusing_the_checkout_leaves_nothing_half_written(client, stripe_api):
    stripe_api.fail_next(status=400, message="Invalid currency.", code="parameter_invalid")
    response = client.post("/join/", JOIN_DATA)
    assert response.status_code == 502
    assert "We could not start the payment" in response.text
    assert not Membership.objects.exists()
    assert not Supporter.objects.exists()


def test_completed_checkout_activates_membership_and_sends_welcome_and_receipt(
    client, pending, stripe_api
):
    sub, _ = complete(client, pending, stripe_api)
    pending.refresh_from_db()
    assert pending.status == "active"
    assert pending.provider_subscription_id == sub["id"]
    assert pending.supporter.provider_customer_id == "cus_Test0001"
    period_end = sub["items"]["data"][0]["current_period_end"]
    assert pending.current_period_end == datetime.fromtimestamp(period_end, tz=UTC)
    assert pending.started_at == datetime.fromtimestamp(sub["start_date"], tz=UTC)
    assert Payment.objects.get(membership=pending).amount == 5
    assert sorted(m.subject.split(",")[0] for m in mail.outbox) == [
        "Welcome",
        "Your receipt from Newsroom",
    ]
    assert ProviderEvent.objects.filter(membership=pending).count() == 3


def test_replayed_events_change_nothing(client, pending, stripe_api):
    _, events = complete(client, pending, stripe_api)
    pending.refresh_from_db()
    before = (pending.status, pending.current_period_end, pending.updated_at)
    sent = len(mail.outbox)
    for event in events * 2:
        assert post_event(client, event).status_code == 200
    pending.refresh_from_db()
    assert (pending.status, pending.current_period_end, pending.updated_at) == before
    assert len(mail.outbox) == sent
    assert ProviderEvent.objects.count() == 3
    assert Payment.objects.count() == 1


def test_events_in_any_order_end_in_the_same_state(client, pending, stripe_api):
    start = int(time.time()) - 10 * HOUR
    sub = paid_subscription(pending, stripe_api, start=start)
    ref = str(pending.reference)
    created = fake.event("customer.subscription.created", sub, created=start)
    paid = fake.event(
        "invoice.paid",
        fake.invoice(
            subscription_id=sub["id"],
            reference=ref,
            billing_reason="subscription_create",
            period_start=start,
        ),
        created=start + 1,
    )
    session = fake.event(
        "checkout.session.completed",
        fake.checkout_session(reference=ref, subscription_id=sub["id"]),
        created=start + 2,
    )
    canceled_sub = {
        **sub,
        "cancel_at_period_end": True,
        "canceled_at": start + 5 * HOUR,
        "cancel_at": sub["items"]["data"][0]["current_period_end"],
    }
    cancel_later = fake.event(
        "customer.subscription.updated", canceled_sub, created=start + 5 * HOUR
    )

    # Newest first: the cancellation arrives before the events that came before it.
    for event in [cancel_later, session, paid, created]:
        assert post_event(client, event).status_code == 200
    pending.refresh_from_db()
    assert pending.status == "active"
    assert pending.cancel_at_period_end is True
    assert pending.canceled_at == datetime.fromtimestamp(start + 5 * HOUR, tz=UTC)
    assert pending.started_at == datetime.fromtimestamp(start, tz=UTC)
    assert Payment.objects.filter(membership=pending).count() == 1
    assert [m.subject.split(" ")[0] for m in mail.outbox].count("Welcome,") == 1


def test_deleted_subscription_arriving_before_an_older_update_stays_canceled(
    client, pending, stripe_api
):
    sub, _ = complete(client, pending, stripe_api, start=int(time.time()) - 40 * 86400)
    now = int(time.time())
    gone = {**sub, "status": "canceled", "canceled_at": now, "ended_at": now}
    stale = {**sub, "status": "past_due"}
    assert (
        post_event(
            client, fake.event("customer.subscription.deleted", gone, created=now)
        ).status_code
        == 200
    )
    assert (
        post_event(
            client, fake.event("customer.subscription.updated", stale, created=now - HOUR)
        ).status_code
        == 200
    )
    pending.refresh_from_db()
    assert pending.status == "canceled"
    assert pending.ended_at == datetime.fromtimestamp(now, tz=UTC)
    canceled_mails = [m for m in mail.outbox if "canceled" in m.subject]
    assert len(canceled_mails) == 1 and "has ended" in canceled_mails[0].body


def test_failed_renewal_makes_membership_past_due_and_emails_once_then_recovers(
    client, pending, stripe_api
):
    sub, _ = complete(client, pending, stripe_api, start=int(time.time()) - 31 * 86400)
    mail.outbox.clear()
    ref = str(pending.reference)
    renewal = fake.invoice(subscription_id=sub["id"], reference=ref, paid=False)
    failed = fake.event("invoice.payment_failed", renewal, created=int(time.time()) - 30)
    assert post_event(client, failed).status_code == 200
    assert post_event(client, failed).status_code == 200
    pending.refresh_from_db()
    assert pending.status == "past_due"
    [failure_mail] = mail.outbox
    assert failure_mail.subject == "Your payment to Newsroom did not go through"
    assert "update your card" in failure_mail.body
    assert "did not go through" in failure_mail.alternatives[0][0]

    retried = fake.invoice(id=renewal["id"], subscription_id=sub["id"], reference=ref)
    assert post_event(client, fake.event("invoice.paid", retried)).status_code == 200
    pending.refresh_from_db()
    assert pending.status == "active"
    assert Payment.objects.filter(membership=pending).count() == 2


def test_with_the_mail_server_down_every_webhook_still_answers_and_changes_the_membership(
    client, pending, stripe_api, mail_server
):
    mail_server.down()
    sub, _ = complete(client, pending, stripe_api, start=int(time.time()) - 31 * 86400)
    pending.refresh_from_db()
    assert pending.status == "active"
    renewal = fake.invoice(subscription_id=sub["id"], reference=str(pending.reference), paid=False)
    failed = fake.event("invoice.payment_failed", renewal, created=int(time.time()) - 30)
    assert post_event(client, failed).status_code == 200
    pending.refresh_from_db()
    assert pending.status == "past_due"
    now = int(time.time())
    gone = {**sub, "status": "canceled", "canceled_at": now, "ended_at": now}
    deleted = fake.event("customer.subscription.deleted", gone, created=now)
    assert post_event(client, deleted).status_code == 200
    pending.refresh_from_db()
    assert pending.status == "canceled"
    # Every email is recorded, unsent, to be tried again; none was sent inside a webhook.
    assert mail.outbox == []
    emails = MembershipEmail.objects.filter(membership=pending)
    assert sorted(emails.values_list("kind", flat=True)) == [
        "canceled",
        "payment_failed",
        "receipt",
        "welcome",
    ]
    assert not emails.filter(sent_at__isnull=False).exists()


def test_refund_is_recorded_for_managers(client, pending, stripe_api):
    complete(client, pending, stripe_api)
    refund = fake.event("charge.refunded", fake.charge(amount=500, amount_refunded=500))
    assert post_event(client, refund).status_code == 200
    refund_row = Payment.objects.get(membership=pending, kind="refund")
    assert refund_row.amount == 5
    pending.refresh_from_db()
    assert pending.status == "active"


@pytest.mark.parametrize(
    "tamper",
    ["wrong secret", "edited payload", "no header", "garbage header", "old timestamp"],
)
def test_forged_or_replayed_webhooks_get_400_and_change_nothing(
    client, pending, stripe_api, tamper
):
    sub = paid_subscription(pending, stripe_api)
    event = fake.event("customer.subscription.created", sub)
    payload = json.dumps(event)
    header = fake.signature_header(payload)
    if tamper == "wrong secret":
        header = fake.signature_header(payload, secret="whsec_attacker")
    elif tamper == "edited payload":
        payload = payload.replace('"active"', '"canceled"')
    elif tamper == "old timestamp":
        header = fake.signature_header(payload, timestamp=int(time.time()) - 3600)
    elif tamper == "garbage header":
        header = "t=abc,v1=" + "0" * 64
    kwargs = {} if tamper == "no header" else {"HTTP_STRIPE_SIGNATURE": header}
    response = client.post(WEBHOOK, payload, content_type="application/json", **kwargs)
    assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert not ProviderEvent.objects.exists()
    assert mail.outbox == []


def test_webhook_with_a_valid_signature_but_broken_json_is_refused(client, stripe_api):
    payload = '{"id": "evt_1", "type": '
    response = fake.deliver(client, payload)
    assert response.status_code == 400
    assert not ProviderEvent.objects.exists()


def test_oversized_webhook_is_refused(client, stripe_api):
    payload = json.dumps({"padding": "x" * 600_000})
    response = fake.deliver(client, payload)
    assert response.status_code == 413


def test_webhook_refuses_get_and_unknown_providers(client, stripe_api):
    assert client.get(WEBHOOK).status_code == 405
    assert (
        client.post(
            "/memberships/webhooks/paypal/", "{}", content_type="application/json"
        ).status_code
        == 404
    )
    assert (
        client.post(
            "/memberships/webhooks/local/", "{}", content_type="application/json"
        ).status_code
        == 404
    )


def test_event_for_a_subscription_we_do_not_know_is_kept_but_changes_nothing(client, stripe_api):
    sub = fake.subscription(reference="")
    response = post_event(client, fake.event("customer.subscription.updated", sub))
    assert response.status_code == 200
    assert ProviderEvent.objects.get().outcome == "no matching membership"
    assert not Membership.objects.exists()


def test_unhandled_event_types_are_recorded_and_acknowledged(client, stripe_api):
    event = fake.event("customer.created", {"id": "cus_X", "object": "customer"})
    assert post_event(client, event).status_code == 200
    assert ProviderEvent.objects.get().payload["type"] == "customer.created"


def test_two_paid_checkouts_for_one_reader_leave_one_membership(client, stripe_api):
    _, first = start_join(client, stripe_api)
    _, second = start_join(client, stripe_api)  # a second tab, before the first was paid
    complete(client, first, stripe_api)
    sub, _ = complete(client, second, stripe_api)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "active"
    assert second.status == "canceled"
    assert "duplicate" in second.cancel_reason.lower()
    assert stripe_api.calls("DELETE", f"/v1/subscriptions/{sub['id']}")
    assert Membership.objects.live().count() == 1


# --- Self-service through Stripe -------------------------------------------------------------


def sign_in_as(client, supporter):
    session = client.session
    session["membership_supporter_id"] = supporter.pk
    session.save()


def test_member_changes_amount_through_stripe_without_cancelling(client, pending, stripe_api):
    sub, _ = complete(client, pending, stripe_api)
    sign_in_as(client, pending.supporter)
    response = client.post(
        reverse("memberships:change"), {"plan": "supporter-monthly", "custom_amount": "10"}
    )
    assert response.status_code == 302
    [update] = stripe_api.calls("POST", f"/v1/subscriptions/{sub['id']}")
    item = update["params"]["items"][0]
    assert item["id"] == "si_Test0001"
    assert item["price_data"]["unit_amount"] == "1000"
    assert item["price_data"]["product"] == "prod_Supporter01"
    assert update["params"]["proration_behavior"] == "none"
    pending.refresh_from_db()
    assert pending.amount == 10 and pending.status == "active"


def test_member_switches_to_the_yearly_plan(client, pending, stripe_api):
    sub, _ = complete(client, pending, stripe_api)
    sign_in_as(client, pending.supporter)
    client.post(reverse("memberships:change"), {"plan": "supporter-yearly", "custom_amount": ""})
    [update] = stripe_api.calls("POST", f"/v1/subscriptions/{sub['id']}")
    assert update["params"]["items"][0]["price_data"]["recurring"]["interval"] == "year"
    assert update["params"]["metadata"]["plan"] == "supporter-yearly"
    pending.refresh_from_db()
    assert pending.plan.slug == "supporter-yearly" and pending.amount == 50


def test_member_cancels_at_period_end_through_stripe(client, pending, stripe_api):
    sub, _ = complete(client, pending, stripe_api)
    mail.outbox.clear()
    sign_in_as(client, pending.supporter)
    response = client.post(reverse("memberships:cancel"), {"reason": "Moving abroad"})
    assert response.status_code == 302
    [update] = stripe_api.calls("POST", f"/v1/subscriptions/{sub['id']}")
    assert update["params"] == {"cancel_at_period_end": "true"}
    pending.refresh_from_db()
    assert pending.status == "active" and pending.cancel_at_period_end
    assert pending.cancel_reason == "Moving abroad"
    [canceled] = mail.outbox
    assert "stays active until" in canceled.body
    # Stripe's own confirmation and, a month later, the end: no second email.
    updated = fake.event("customer.subscription.updated", stripe_api.subscriptions[sub["id"]])
    assert post_event(client, updated).status_code == 200
    now = int(time.time()) + 60
    ended = {**stripe_api.subscriptions[sub["id"]], "status": "canceled", "ended_at": now}
    assert (
        post_event(
            client, fake.event("customer.subscription.deleted", ended, created=now)
        ).status_code
        == 200
    )
    pending.refresh_from_db()
    assert pending.status == "canceled"
    assert len(mail.outbox) == 1


def test_billing_portal_button_sends_member_to_stripe(client, pending, stripe_api):
    complete(client, pending, stripe_api)
    sign_in_as(client, pending.supporter)
    page = client.get(reverse("memberships:account"))
    assert "Update card" in page.text
    response = client.post(reverse("memberships:billing"))
    assert response.url.startswith("https://billing.stripe.com/p/session/test_")
    [call] = stripe_api.calls("POST", "/v1/billing_portal/sessions")
    assert call["params"]["customer"] == "cus_Test0001"
    assert call["params"]["return_url"] == "http://testserver/membership/"


def test_stripe_error_during_a_change_is_explained_and_changes_nothing(client, pending, stripe_api):
    complete(client, pending, stripe_api)
    sign_in_as(client, pending.supporter)
    stripe_api.fail_next(status=402, message="Your card was declined.")
    response = client.post(
        reverse("memberships:change"), {"plan": "supporter-monthly", "custom_amount": "20"}
    )
    assert response.status_code == 400
    assert "Your card was declined." in response.text
    pending.refresh_from_db()
    assert pending.amount == 5


def test_member_who_takes_back_a_cancellation_in_the_portal_is_no_longer_leaving(
    client, pending, stripe_api
):
    sub, _ = complete(client, pending, stripe_api)
    now = int(time.time())
    leaving = {
        **sub,
        "cancel_at_period_end": True,
        "canceled_at": now,
        "cancel_at": sub["items"]["data"][0]["current_period_end"],
    }
    post_event(client, fake.event("customer.subscription.updated", leaving, created=now))
    staying = {**sub, "cancel_at_period_end": False, "canceled_at": None, "cancel_at": None}
    post_event(client, fake.event("customer.subscription.updated", staying, created=now + 5))
    pending.refresh_from_db()
    assert pending.status == "active"
    assert not pending.cancel_at_period_end and pending.canceled_at is None
    assert Membership.objects.summary()["canceled_this_month"] == 0


def test_delayed_payment_methods_activate_when_the_payment_arrives(client, pending, stripe_api):
    ref = str(pending.reference)
    sub = paid_subscription(pending, stripe_api)
    waiting = fake.checkout_session(
        reference=ref, subscription_id=sub["id"], payment_status="unpaid"
    )
    post_event(client, fake.event("checkout.session.completed", waiting))
    pending.refresh_from_db()
    assert pending.status == "pending"
    arrived = {**waiting, "payment_status": "paid"}
    post_event(client, fake.event("checkout.session.async_payment_succeeded", arrived))
    pending.refresh_from_db()
    assert pending.status == "active"


def test_returning_member_is_checked_out_as_the_same_stripe_customer(client, pending, stripe_api):
    sub, _ = complete(client, pending, stripe_api)
    now = int(time.time())
    gone = {**sub, "status": "canceled", "canceled_at": now, "ended_at": now}
    post_event(client, fake.event("customer.subscription.deleted", gone, created=now))
    start_join(client, stripe_api)
    latest = stripe_api.calls("POST", "/v1/checkout/sessions")[-1]
    assert latest["params"]["customer"] == "cus_Test0001"
    assert "customer_email" not in latest["params"]


def test_customer_ids_from_another_provider_are_not_sent_to_stripe(client, stripe_api):
    supporter = SupporterFactory(email="ani@example.org", provider_customer_id="local_cus_1")
    MembershipFactory(supporter=supporter, status="canceled", provider="local")
    assert client.post("/join/", JOIN_DATA).status_code == 302
    [call] = stripe_api.calls("POST", "/v1/checkout/sessions")
    assert "customer" not in call["params"]
    assert call["params"]["customer_email"] == "ani@example.org"


def test_binary_garbage_posted_to_the_webhook_is_refused(client, stripe_api):
    response = client.post(
        WEBHOOK,
        b"\xff\xfe\x00garbage",
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE="t=1,v1=abc",
    )
    assert response.status_code == 400
    assert not ProviderEvent.objects.exists()


# --- Signed events with values that cannot be right ------------------------------------------


def _created(event, value):
    event["created"] = value


def _sub(event, name, value):
    event["data"]["object"][name] = value


def _price(event, value, *, currency="usd"):
    price = event["data"]["object"]["items"]["data"][0]["price"]
    price.update(unit_amount=value, currency=currency)


IMPOSSIBLE = {
    "created at 0": lambda event: _created(event, 0),
    "created in 1e20": lambda event: _created(event, 1e20),
    "created as 10**20": lambda event: _created(event, 10**20),
    "created next century": lambda event: _created(event, 4102444800),
    "created as text": lambda event: _created(event, "yesterday"),
    "no id": lambda event: event.update(id=None),
    "a numeric id": lambda event: event.update(id=42),
    "an id longer than its column": lambda event: event.update(id="evt_" + "x" * 300),
    "a type longer than its column": lambda event: event.update(
        type="customer.subscription.updated" + "x" * 100
    ),
    "a subscription id longer than its column": lambda event: _sub(event, "id", "s" * 300),
    "a customer id longer than its column": lambda event: _sub(event, "customer", "c" * 300),
    "a currency longer than its column": lambda event: _price(event, 500, currency="dollars"),
    "a start date as a float": lambda event: _sub(event, "start_date", 1.5e9),
    "an amount of 10**12 cents": lambda event: _price(event, 10**12),
    "an amount as text": lambda event: _price(event, "500"),
    "a negative amount": lambda event: _price(event, -500),
    "a NUL character": lambda event: _sub(event, "metadata", {"membership": "\x00"}),
}


@pytest.mark.parametrize("spoil", IMPOSSIBLE.values(), ids=IMPOSSIBLE.keys())
def test_signed_subscription_events_with_impossible_values_are_refused_and_kept_as_invalid(
    client, pending, stripe_api, spoil
):
    event = fake.event("customer.subscription.created", paid_subscription(pending, stripe_api))
    spoil(event)
    for _ in range(2):  # Stripe delivers it again: refused again, kept once
        response = post_event(client, event)
        assert response.status_code == 400
    record = ProviderEvent.objects.get()
    assert record.outcome.startswith("invalid: ")
    assert record.membership is None
    assert record.payload["data"]["object"]["object"] == "subscription"
    pending.refresh_from_db()
    assert (pending.status, pending.amount, pending.provider_subscription_id) == ("pending", 5, "")
    assert mail.outbox == []


@pytest.mark.parametrize(
    "changes",
    [
        {"amount_paid": 10**12},
        {"amount_paid": 10**12, "amount_due": 10**12},
        {"id": "in_" + "x" * 300},
        {"id": None},
        {"currency": "usdollars"},
        {"status_transitions": {"paid_at": 10**20}},
    ],
    ids=[
        "paid 10**12 cents",
        "due 10**12 cents",
        "long id",
        "no id",
        "long currency",
        "paid at 1e20",
    ],
)
def test_signed_invoices_with_impossible_values_record_no_payment(
    client, pending, stripe_api, changes
):
    sub = paid_subscription(pending, stripe_api)
    invoice = fake.invoice(subscription_id=sub["id"], reference=str(pending.reference))
    event = fake.event("invoice.paid", {**invoice, **changes})
    assert post_event(client, event).status_code == 400
    assert ProviderEvent.objects.get().outcome.startswith("invalid: ")
    assert not Payment.objects.exists()
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert mail.outbox == []


def test_a_valid_event_after_an_invalid_one_with_its_id_is_applied(client, pending, stripe_api):
    sub = paid_subscription(pending, stripe_api)
    spoiled = fake.event("customer.subscription.created", sub, id="evt_Same0001")
    spoiled["created"] = 10**20
    assert post_event(client, spoiled).status_code == 400
    valid = fake.event("customer.subscription.created", sub, id="evt_Same0001")
    assert post_event(client, valid).status_code == 200
    pending.refresh_from_db()
    assert pending.status == "active"
    assert ProviderEvent.objects.filter(event_id="evt_Same0001").get().outcome == "state active"


def test_a_signed_event_that_is_not_an_object_is_refused(client, stripe_api):
    for payload in ["[1, 2]", '"evt"', "null", '{"id": "evt_1", "created": NaN}']:
        response = client.post(
            WEBHOOK,
            payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=fake.signature_header(payload),
        )
        assert response.status_code == 400
    assert not ProviderEvent.objects.exists()


def test_deeply_nested_signed_json_is_refused(client, stripe_api):
    payload = "[" * 100_000 + "]" * 100_000
    response = fake.deliver(client, payload)
    assert response.status_code == 400
