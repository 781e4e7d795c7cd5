import re

import pytest
from django.core import mail

from newsletter.models import Subscriber
from tests.memberships.helpers import CommittingClient

SIGN_UP = "/newsletter/"


@pytest.fixture
def client():
    """Newsletter tests' requests commit, so the emails they queue are sent."""
    return CommittingClient()


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://news.example.org"


def sign_up(client, email="nino@example.org", **fields):
    return client.post(SIGN_UP, {"email": email, "frequency": "daily", **fields})


def link_in(message, kind):
    """The newsletter link of ``kind`` ("confirm", "unsubscribe") in an email's text part."""
    return re.search(rf"https://news\.example\.org(/newsletter/{kind}/[^/\s]+/)", message.body)[1]


def subscriber(email="nino@example.org", **fields):
    return Subscriber.objects.create(email=email, **fields)


def emails_to(address):
    return [message for message in mail.outbox if message.to == [address]]
