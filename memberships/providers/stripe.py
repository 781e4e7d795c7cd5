"""Stripe: Checkout in subscription mode, the billing portal, signed webhooks.

The only module that imports ``stripe``. Card details go from the reader's browser straight to
Stripe's pages; we only ever see ids, amounts and statuses.
"""

import json
import logging
import math
from datetime import UTC, datetime

import stripe
from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy

from memberships.providers.base import (
    CheckoutRequest,
    CheckoutStart,
    EventKind,
    InvalidEvent,
    PaymentInfo,
    PaymentProvider,
    ProviderError,
    ProviderEventData,
    SubscriptionState,
    from_minor_units,
    to_minor_units,
)
from newsroom import attribution

logger = logging.getLogger(__name__)

# What a supporter reads when Stripe refuses one of our calls without a message of its own,
# by the call (named in English in the log).
REFUSALS = {
    "start the checkout": gettext_lazy("The payment provider could not start the checkout."),
    "open the billing portal": gettext_lazy(
        "The payment provider could not open the billing portal."
    ),
    "find the subscription": gettext_lazy("The payment provider could not find the subscription."),
    "change the subscription": gettext_lazy(
        "The payment provider could not change the subscription."
    ),
    "cancel the subscription": gettext_lazy(
        "The payment provider could not cancel the subscription."
    ),
}

STATUS_MAP = {
    "incomplete": "pending",
    "trialing": "active",
    "active": "active",
    "past_due": "past_due",
    "unpaid": "past_due",
    "paused": "past_due",
    "canceled": "canceled",
    "incomplete_expired": "canceled",
}


# The languages Stripe Checkout speaks (https://docs.stripe.com/api/checkout/sessions/create,
# ``locale``); for any other it chooses from the reader's browser ("auto").
CHECKOUT_LOCALES = {
    *"bg cs da de el en es et fi fil fr hr hu id it ja ko lt lv ms mt nb nl pl pt ro ru sk sl sv"
    " th tr vi zh".split(),
}


def checkout_locale(language):
    """Stripe Checkout's ``locale`` for the supporter's language."""
    return language if language in CHECKOUT_LOCALES else "auto"


def _time(value):
    """A Stripe timestamp (whole seconds since 1970) as a time, or None when not given."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{value!r} is not a timestamp")
    try:
        return datetime.fromtimestamp(value, tz=UTC)
    except (OverflowError, OSError, ValueError) as error:
        raise ValueError(f"timestamp {value} is out of range") from error


def _money(value, currency):
    """An amount in minor units (cents) as a Decimal; ``check_provider_event`` bounds it."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{value!r} is not an amount")
    return from_minor_units(value, currency)


def _refuse_constant(name):
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_float(text):
    # "1e400" is valid JSON, but as a float it is infinite, which no database stores as JSON.
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is too large a number")
    return value


def _storable(value):
    """``value`` with the characters a database refuses (NUL, unpaired surrogates) replaced;
    and whether any were."""
    if isinstance(value, str):
        clean = value.replace("\x00", "\ufffd").encode("utf-8", "replace").decode("utf-8")
        return clean, clean != value
    if isinstance(value, list):
        items = [_storable(item) for item in value]
        return [item for item, _ in items], any(changed for _, changed in items)
    if isinstance(value, dict):
        pairs = [(_storable(key), _storable(item)) for key, item in value.items()]
        return (
            {key: item for (key, _), (item, _) in pairs},
            any(key_changed or changed for (_, key_changed), (_, changed) in pairs),
        )
    return value, False


def _id_of(value):
    """Stripe sends either an id or, when expanded, the object itself."""
    if isinstance(value, dict):
        return value.get("id")
    return value or None


def subscription_state(sub: dict) -> SubscriptionState:
    items = (sub.get("items") or {}).get("data") or []
    period_ends = [
        item.get("current_period_end") for item in items if item.get("current_period_end")
    ]
    # Before API version 2025-03-31 the period lived on the subscription itself.
    period_end = max(period_ends) if period_ends else sub.get("current_period_end")
    amount = currency = None
    if items:
        price = items[0].get("price") or {}
        if price.get("unit_amount") is not None:
            currency = price.get("currency") or sub.get("currency")
            quantity = items[0].get("quantity") or 1
            if isinstance(quantity, bool) or not isinstance(quantity, int):
                raise ValueError(f"{quantity!r} is not a quantity")
            amount = _money(price["unit_amount"] * quantity, currency)
    status = STATUS_MAP.get(sub.get("status"))
    metadata = sub.get("metadata") or {}
    return SubscriptionState(
        status=status,
        subscription_id=sub.get("id"),
        customer_id=_id_of(sub.get("customer")),
        started_at=_time(sub.get("start_date")),
        current_period_end=_time(period_end),
        cancel_at_period_end=bool(sub.get("cancel_at_period_end") or sub.get("cancel_at"))
        and status != "canceled",
        canceled_at=_time(sub.get("canceled_at")),
        ended_at=_time(sub.get("ended_at")),
        amount=amount,
        currency=currency,
        plan_slug=metadata.get("plan") or None,
        complete=True,
    )


def _invoice_subscription(invoice: dict):
    """(subscription id, subscription metadata) of an invoice, in old and new API shapes."""
    details = (invoice.get("parent") or {}).get("subscription_details")
    if not details:
        # Before API version 2025-03-31 these lived on the invoice itself.
        details = {
            "subscription": invoice.get("subscription"),
            "metadata": (invoice.get("subscription_details") or {}).get("metadata"),
        }
    return _id_of(details.get("subscription")), details.get("metadata") or {}


def _invoice_period_end(invoice: dict):
    lines = (invoice.get("lines") or {}).get("data") or []
    ends = [(line.get("period") or {}).get("end") for line in lines]
    ends = [end for end in ends if end]
    return _time(max(ends)) if ends else _time(invoice.get("period_end"))


def _source_metadata(request: CheckoutRequest) -> dict:
    """What led the reader to join, as metadata (Stripe drops keys whose value is empty)."""
    metadata = {}
    if request.source_article_id:
        metadata[attribution.FROM_PARAMETER] = str(request.source_article_id)
    if request.source_placement:
        metadata[attribution.VIA_PARAMETER] = request.source_placement
    return metadata


def _source(metadata) -> dict:
    """The story and placement a Checkout Session or subscription's metadata carries; anything
    that does not parse is nothing (``attribution.read``)."""
    if not isinstance(metadata, dict):
        return {}
    story, placement = attribution.read(metadata)
    return {"source_article_id": story, "source_placement": placement}


def translate_event(event: dict) -> ProviderEventData:
    """Turn a verified Stripe event into our vocabulary."""
    obj = event["data"]["object"]
    kind = EventKind.OTHER
    fields = {}
    event_type = event["type"]
    if (
        event_type in {"checkout.session.completed", "checkout.session.async_payment_succeeded"}
        and obj.get("mode") == "subscription"
    ):
        paid = obj.get("payment_status") in {"paid", "no_payment_required"}
        kind = EventKind.CHECKOUT_COMPLETED if paid else EventKind.OTHER
        fields = {
            "membership_reference": obj.get("client_reference_id")
            or (obj.get("metadata") or {}).get("membership"),
            "checkout_id": obj.get("id"),
            "subscription_id": _id_of(obj.get("subscription")),
            "customer_id": _id_of(obj.get("customer")),
            **_source(obj.get("metadata")),
        }
        if paid:
            fields["subscription"] = SubscriptionState(
                status="active",
                subscription_id=fields["subscription_id"],
                customer_id=fields["customer_id"],
            )
    elif event_type in {"checkout.session.expired", "checkout.session.async_payment_failed"}:
        kind = EventKind.CHECKOUT_FAILED
        fields = {
            "membership_reference": obj.get("client_reference_id")
            or (obj.get("metadata") or {}).get("membership"),
            "checkout_id": obj.get("id"),
        }
    elif event_type.startswith("customer.subscription."):
        state = subscription_state(obj)
        if event_type == "customer.subscription.deleted":
            state = SubscriptionState(
                **{**state.__dict__, "status": "canceled", "cancel_at_period_end": False}
            )
        kind = EventKind.SUBSCRIPTION_CHANGED
        fields = {
            "membership_reference": (obj.get("metadata") or {}).get("membership"),
            "subscription_id": state.subscription_id,
            "customer_id": state.customer_id,
            "subscription": state,
            **_source(obj.get("metadata")),
        }
    elif event_type in {"invoice.paid", "invoice.payment_failed"}:
        subscription_id, metadata = _invoice_subscription(obj)
        period_end = _invoice_period_end(obj)
        first_invoice = obj.get("billing_reason") == "subscription_create"
        fields = {
            "membership_reference": metadata.get("membership"),
            "subscription_id": subscription_id,
            "customer_id": _id_of(obj.get("customer")),
            **_source(metadata),
        }
        if subscription_id is None:
            kind = EventKind.OTHER
        elif event_type == "invoice.paid":
            kind = EventKind.PAYMENT_SUCCEEDED
            paid_at = (obj.get("status_transitions") or {}).get("paid_at") or event["created"]
            fields["payment"] = PaymentInfo(
                payment_id=obj["id"],
                amount=_money(obj.get("amount_paid") or 0, obj.get("currency", "usd")),
                currency=obj.get("currency", "usd"),
                occurred_at=_time(paid_at),
                period_end=period_end,
            )
            fields["subscription"] = SubscriptionState(
                status="active", subscription_id=subscription_id, current_period_end=period_end
            )
        else:
            kind = EventKind.PAYMENT_FAILED
            fields["payment"] = PaymentInfo(
                payment_id=obj["id"],
                amount=_money(obj.get("amount_due") or 0, obj.get("currency", "usd")),
                currency=obj.get("currency", "usd"),
                occurred_at=_time(event["created"]),
                period_end=_time(obj.get("next_payment_attempt")),
            )
            # A first payment that fails leaves the subscription "incomplete" (our pending);
            # a renewal that fails makes it past due while Stripe retries.
            if not first_invoice:
                fields["subscription"] = SubscriptionState(
                    status="past_due", subscription_id=subscription_id
                )
    elif event_type == "charge.refunded":
        kind = EventKind.PAYMENT_REFUNDED
        fields = {
            "customer_id": _id_of(obj.get("customer")),
            "payment": PaymentInfo(
                payment_id=obj["id"],
                amount=_money(obj.get("amount_refunded") or 0, obj.get("currency", "usd")),
                currency=obj.get("currency", "usd"),
                occurred_at=_time(event["created"]),
            ),
        }
    return ProviderEventData(
        provider="stripe",
        event_id=event["id"],
        type=event_type,
        kind=kind,
        occurred_at=_time(event["created"]),
        raw=event,
        **fields,
    )


class StripeProvider(PaymentProvider):
    name = "stripe"
    has_billing_portal = True
    accepts_webhooks = True

    def __init__(self):
        http_client = None
        if settings.STRIPE_HTTP_CLIENT:
            http_client = import_string(settings.STRIPE_HTTP_CLIENT)()
        self.client = stripe.StripeClient(
            settings.STRIPE_SECRET_KEY or "",
            http_client=http_client,
            max_network_retries=2,
        )

    def _call(self, what, function, *args, **kwargs):
        try:
            result = function(*args, **kwargs)
        except stripe.StripeError as error:
            logger.warning("Stripe refused to %s: %s", what, error)
            raise ProviderError(error.user_message or str(REFUSALS[what])) from error
        return result.to_dict()

    def start_checkout(self, request: CheckoutRequest) -> CheckoutStart:
        if request.provider_price_id:
            line_item = {"price": request.provider_price_id, "quantity": 1}
        else:
            line_item = {
                "quantity": 1,
                "price_data": {
                    "currency": request.currency,
                    "unit_amount": to_minor_units(request.amount, request.currency),
                    "recurring": {"interval": request.interval},
                    "product_data": {"name": f"{settings.SITE_NAME} {request.plan_name}"},
                },
            }
        source = _source_metadata(request)
        params = {
            "mode": "subscription",
            "line_items": [line_item],
            "client_reference_id": request.membership_reference,
            "success_url": request.success_url + "?session_id={CHECKOUT_SESSION_ID}",
            "cancel_url": request.cancel_url,
            "metadata": {"membership": request.membership_reference, **source},
            "locale": checkout_locale(request.language),
            "subscription_data": {
                "metadata": {
                    "membership": request.membership_reference,
                    "plan": request.plan_slug,
                    **source,
                }
            },
        }
        if request.customer_id:
            params["customer"] = request.customer_id
        else:
            params["customer_email"] = request.email
        session = self._call(
            "start the checkout",
            self.client.v1.checkout.sessions.create,
            params,
            {"idempotency_key": f"checkout-{request.membership_reference}"},
        )
        return CheckoutStart(checkout_id=session["id"], redirect_url=session["url"])

    def billing_portal_url(self, *, customer_id, return_url):
        session = self._call(
            "open the billing portal",
            self.client.v1.billing_portal.sessions.create,
            {"customer": customer_id, "return_url": return_url},
        )
        return session["url"]

    def parse_event(self, *, payload, headers):
        secret = settings.STRIPE_WEBHOOK_SECRET
        if not secret:
            logger.error("A Stripe webhook arrived but STRIPE_WEBHOOK_SECRET is not set.")
            raise InvalidEvent("Webhook secret not configured.")
        try:
            stripe.WebhookSignature.verify_header(
                payload,
                headers.get("Stripe-Signature"),
                secret,
                tolerance=stripe.Webhook.DEFAULT_TOLERANCE,
            )
            event, changed = _storable(
                json.loads(payload, parse_constant=_refuse_constant, parse_float=_finite_float)
            )
        except stripe.SignatureVerificationError as error:
            raise InvalidEvent("Bad signature.") from error
        except (ValueError, RecursionError) as error:
            raise InvalidEvent("Malformed event.") from error
        # Signed by Stripe from here on: an event we cannot use is refused, and kept as such.
        if not isinstance(event, dict):
            raise InvalidEvent("Malformed event.")
        if changed:
            raise InvalidEvent("Malformed event: characters that cannot be stored.", payload=event)
        try:
            return translate_event(event)
        except (ValueError, KeyError, TypeError, AttributeError, ArithmeticError) as error:
            raise InvalidEvent(f"Malformed event: {error}"[:200], payload=event) from error

    def change_subscription(
        self,
        *,
        subscription_id,
        amount,
        currency,
        interval,
        plan_slug,
        plan_name,
        provider_price_id,
    ):
        current = self._call(
            "find the subscription", self.client.v1.subscriptions.retrieve, subscription_id
        )
        item = current["items"]["data"][0]
        if provider_price_id:
            new_item = {"id": item["id"], "price": provider_price_id}
        else:
            new_item = {
                "id": item["id"],
                "price_data": {
                    "currency": currency,
                    "product": _id_of(item["price"]["product"]),
                    "unit_amount": to_minor_units(amount, currency),
                    "recurring": {"interval": interval},
                },
            }
        updated = self._call(
            "change the subscription",
            self.client.v1.subscriptions.update,
            subscription_id,
            {
                "items": [new_item],
                "proration_behavior": "none",
                "metadata": {"plan": plan_slug},
            },
        )
        return subscription_state(updated)

    def cancel_subscription(self, *, subscription_id, at_period_end):
        if at_period_end:
            result = self._call(
                "cancel the subscription",
                self.client.v1.subscriptions.update,
                subscription_id,
                {"cancel_at_period_end": True},
            )
        else:
            result = self._call(
                "cancel the subscription", self.client.v1.subscriptions.cancel, subscription_id
            )
        return subscription_state(result)
