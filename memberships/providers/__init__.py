"""Choosing the payment provider: a setting, never a code change.

``MEMBERSHIPS_PROVIDER`` names the provider for new memberships; each membership remembers the
provider that bills it, so switching providers leaves existing members with theirs.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from memberships.providers.base import (  # noqa: F401
    CheckoutRequest,
    CheckoutStart,
    EventKind,
    InvalidEvent,
    PaymentInfo,
    PaymentProvider,
    ProviderError,
    ProviderEventData,
    SubscriptionState,
)

PROVIDERS = {
    "local": "memberships.providers.local.LocalProvider",
    "stripe": "memberships.providers.stripe.StripeProvider",
}


class ProviderUnavailable(Exception):
    """The provider may not be used in this configuration (e.g. test checkout without DEBUG)."""


def local_checkout_allowed():
    """The offline test checkout is for development: never live with DEBUG off unless asked."""
    return bool(settings.DEBUG or settings.MEMBERSHIPS_ALLOW_TEST_CHECKOUT)


def get_provider(name=None) -> PaymentProvider:
    name = name or settings.MEMBERSHIPS_PROVIDER
    try:
        path = PROVIDERS[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"MEMBERSHIPS_PROVIDER {name!r} is unknown; use one of {', '.join(PROVIDERS)}."
        ) from None
    if name == "local" and not local_checkout_allowed():
        raise ProviderUnavailable(
            "The test checkout is off because DEBUG is off. Configure Stripe keys, or set "
            "MEMBERSHIPS_ALLOW_TEST_CHECKOUT=1 to allow it on purpose."
        )
    return import_string(path)()
