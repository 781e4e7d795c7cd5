"""The offline test provider: a page in our own site stands in for the payment page.

Used by default in development when no Stripe keys are configured, so the whole flow (join,
pay, welcome email, self-service) works with no network. ``get_provider`` refuses it with DEBUG
off unless MEMBERSHIPS_ALLOW_TEST_CHECKOUT is set.
"""

import calendar
import secrets

from django.urls import reverse
from django.utils import timezone

from memberships.providers.base import (
    CheckoutRequest,
    CheckoutStart,
    EventKind,
    InvalidEvent,
    PaymentInfo,
    PaymentProvider,
    ProviderEventData,
    SubscriptionState,
)


def add_interval(moment, interval):
    if interval == "year":
        months = 12
    else:
        months = 1
    month_index = moment.month - 1 + months
    year = moment.year + month_index // 12
    month = month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def _id(prefix):
    return f"{prefix}_{secrets.token_hex(12)}"


class LocalProvider(PaymentProvider):
    name = "local"
    has_billing_portal = False
    accepts_webhooks = False

    def start_checkout(self, request: CheckoutRequest) -> CheckoutStart:
        return CheckoutStart(
            checkout_id=_id("local_cs"),
            redirect_url=reverse(
                "memberships:test_checkout", kwargs={"reference": request.membership_reference}
            ),
        )

    def billing_portal_url(self, *, customer_id, return_url):
        return return_url

    def parse_event(self, *, payload, headers):
        raise InvalidEvent("The test checkout does not receive webhooks.")

    def completion_events(self, *, reference, checkout_id, amount, currency, interval):
        """What a real provider would send after a successful first payment."""
        now = timezone.now()
        period_end = add_interval(now, interval)
        subscription = SubscriptionState(
            status="active",
            subscription_id=_id("local_sub"),
            customer_id=_id("local_cus"),
            started_at=now,
            current_period_end=period_end,
            cancel_at_period_end=False,
            amount=amount,
            currency=currency,
            complete=True,
        )
        common = {
            "provider": self.name,
            "occurred_at": now,
            "membership_reference": str(reference),
            "checkout_id": checkout_id,
            "subscription_id": subscription.subscription_id,
            "customer_id": subscription.customer_id,
        }
        invoice_id = _id("local_in")
        return [
            ProviderEventData(
                event_id=_id("local_evt"),
                type="checkout.completed",
                kind=EventKind.CHECKOUT_COMPLETED,
                subscription=subscription,
                raw={"type": "checkout.completed", "checkout": checkout_id},
                **common,
            ),
            ProviderEventData(
                event_id=_id("local_evt"),
                type="payment.succeeded",
                kind=EventKind.PAYMENT_SUCCEEDED,
                payment=PaymentInfo(
                    payment_id=invoice_id,
                    amount=amount,
                    currency=currency,
                    occurred_at=now,
                    period_end=period_end,
                ),
                raw={"type": "payment.succeeded", "invoice": invoice_id, "amount": str(amount)},
                **common,
            ),
        ]

    def failure_event(self, *, reference, checkout_id):
        return ProviderEventData(
            provider=self.name,
            event_id=_id("local_evt"),
            type="checkout.failed",
            kind=EventKind.CHECKOUT_FAILED,
            occurred_at=timezone.now(),
            membership_reference=str(reference),
            checkout_id=checkout_id,
            raw={"type": "checkout.failed", "checkout": checkout_id, "reason": "card_declined"},
        )

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
        return SubscriptionState(
            subscription_id=subscription_id, amount=amount, currency=currency, plan_slug=plan_slug
        )

    def cancel_subscription(self, *, subscription_id, at_period_end):
        now = timezone.now()
        if at_period_end:
            return SubscriptionState(
                subscription_id=subscription_id, cancel_at_period_end=True, canceled_at=now
            )
        return SubscriptionState(
            subscription_id=subscription_id,
            status="canceled",
            cancel_at_period_end=False,
            canceled_at=now,
            ended_at=now,
        )
