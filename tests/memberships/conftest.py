import pytest

from tests.memberships import stripe_fake


@pytest.fixture(autouse=True)
def local_payments(settings):
    """Memberships tests run the offline test checkout unless they ask for Stripe."""
    settings.MEMBERSHIPS_PROVIDER = "local"
    settings.MEMBERSHIPS_ALLOW_TEST_CHECKOUT = True
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.STRIPE_HTTP_CLIENT = ""
    settings.SITE_URL = "https://news.example.org"


@pytest.fixture
def stripe_api(settings):
    """Stripe as the provider, its HTTP API answered by the in-process fake."""
    settings.MEMBERSHIPS_PROVIDER = "stripe"
    settings.MEMBERSHIPS_ALLOW_TEST_CHECKOUT = False
    settings.STRIPE_SECRET_KEY = "sk_test_" + "x" * 24
    settings.STRIPE_WEBHOOK_SECRET = stripe_fake.WEBHOOK_SECRET
    settings.STRIPE_HTTP_CLIENT = "tests.memberships.stripe_fake.FakeStripeHTTPClient"
    stripe_fake.CURRENT = stripe_fake.FakeStripeAPI()
    return stripe_fake.CURRENT
