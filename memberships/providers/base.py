"""The small interface every payment provider implements.

Membership logic speaks only to this interface and to the plain data classes below: it never
knows which provider is in use. A provider turns its own objects and events into these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum


class ProviderError(Exception):
    """The provider could not do what was asked (network trouble, declined request)."""


class InvalidEvent(Exception):
    """An incoming event could not be verified or understood; nothing was changed.

    ``payload`` is the event as the provider sent it, once its signature was verified (so it
    can be kept, as invalid); None when it could not be verified or read.
    """

    def __init__(self, message, *, payload=None):
        super().__init__(message)
        self.payload = payload


class EventKind(StrEnum):
    CHECKOUT_COMPLETED = "checkout_completed"
    CHECKOUT_FAILED = "checkout_failed"
    SUBSCRIPTION_CHANGED = "subscription_changed"
    PAYMENT_SUCCEEDED = "payment_succeeded"
    PAYMENT_FAILED = "payment_failed"
    PAYMENT_REFUNDED = "payment_refunded"
    OTHER = "other"


@dataclass(frozen=True)
class SubscriptionState:
    """What the provider says about a subscription at one moment. None means "not said"."""

    status: str | None = None  # one of MembershipStatus' values
    subscription_id: str | None = None
    customer_id: str | None = None
    started_at: datetime | None = None
    current_period_end: datetime | None = None
    cancel_at_period_end: bool | None = None
    canceled_at: datetime | None = None
    ended_at: datetime | None = None
    amount: Decimal | None = None
    currency: str | None = None
    plan_slug: str | None = None
    # True when this is the provider's whole subscription object: then a missing cancellation
    # date means "not canceled" (the member resumed), not "not said".
    complete: bool = False


@dataclass(frozen=True)
class PaymentInfo:
    payment_id: str
    amount: Decimal
    currency: str
    occurred_at: datetime
    period_end: datetime | None = None


@dataclass(frozen=True)
class ProviderEventData:
    """One provider event, already verified, in our own vocabulary plus the raw payload."""

    provider: str
    event_id: str
    type: str
    kind: EventKind
    occurred_at: datetime
    membership_reference: str | None = None
    checkout_id: str | None = None
    subscription_id: str | None = None
    customer_id: str | None = None
    subscription: SubscriptionState | None = None
    payment: PaymentInfo | None = None
    # What led the reader to join, as the checkout carried it (``newsroom.attribution``).
    source_article_id: int | None = None
    source_placement: str = ""
    raw: dict = field(default_factory=dict)


@dataclass(frozen=True)
class CheckoutRequest:
    membership_reference: str
    email: str
    name: str
    plan_name: str
    plan_slug: str
    provider_price_id: str
    amount: Decimal
    currency: str
    interval: str
    customer_id: str
    success_url: str
    cancel_url: str
    source_article_id: int | None = None
    source_placement: str = ""
    # The supporter's language (an edition's code): the checkout page speaks it if it can.
    language: str = ""


@dataclass(frozen=True)
class CheckoutStart:
    checkout_id: str
    redirect_url: str


class PaymentProvider:
    """Base class: subclasses implement every method."""

    name = ""
    has_billing_portal = False
    accepts_webhooks = False

    def start_checkout(self, request: CheckoutRequest) -> CheckoutStart:
        raise NotImplementedError

    def billing_portal_url(self, *, customer_id: str, return_url: str) -> str:
        raise NotImplementedError

    def parse_event(self, *, payload: bytes, headers) -> ProviderEventData:
        """Verify an incoming webhook and translate it, or raise InvalidEvent."""
        raise NotImplementedError

    def change_subscription(
        self,
        *,
        subscription_id: str,
        amount: Decimal,
        currency: str,
        interval: str,
        plan_slug: str,
        plan_name: str,
        provider_price_id: str,
    ) -> SubscriptionState:
        raise NotImplementedError

    def cancel_subscription(
        self, *, subscription_id: str, at_period_end: bool
    ) -> SubscriptionState:
        raise NotImplementedError


def to_minor_units(amount: Decimal, currency: str) -> int:
    return int((Decimal(amount) * 100).quantize(Decimal("1")))


def from_minor_units(value: int, currency: str) -> Decimal:
    return (Decimal(value) / 100).quantize(Decimal("0.01"))
