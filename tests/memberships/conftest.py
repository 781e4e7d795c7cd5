import socket

import pytest

from tests.memberships import stripe_fake
from tests.memberships.helpers import CommittingClient


@pytest.fixture
def client():
    """Memberships tests' requests commit, so the emails they queue are sent."""
    return CommittingClient()


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


@pytest.fixture
def mail_server(settings):
    """The mail server, switched off and on: off is SMTP to a port that refuses connections."""

    class MailServer:
        def down(self):
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                closed_port = probe.getsockname()[1]
            settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
            settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
            settings.EMAIL_USE_TLS = False

        def up(self):
            settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    return MailServer()
