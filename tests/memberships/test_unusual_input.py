"""Input no honest reader or provider sends gets a clear refusal, and nothing is kept.

Each of these once answered with a server error.
"""

import json

import pytest

from memberships.models import Membership, ProviderEvent, Supporter
from tests.memberships import stripe_fake as fake
from tests.memberships.helpers import JOIN_DATA

pytestmark = pytest.mark.django_db

# 254 characters as typed, the most an address may have; each "İ" is two in lower case.
_DOMAIN = ".".join(["\u0130" * 30] * 7) + ".org"
GROWING_ADDRESS = "a" * (254 - len(_DOMAIN) - 1) + "@" + _DOMAIN


def test_an_address_that_lower_case_makes_too_long_is_refused_by_the_join_form(client):
    assert len(GROWING_ADDRESS) == 254 < len(GROWING_ADDRESS.lower())
    response = client.post("/join/", {**JOIN_DATA, "email": GROWING_ADDRESS})
    assert response.status_code == 400
    assert "Enter an email address like name@example.org." in response.text
    assert not Supporter.objects.exists() and not Membership.objects.exists()


def test_an_address_that_lower_case_leaves_valid_still_joins(client):
    response = client.post("/join/", {**JOIN_DATA, "email": "Ani.Petrosyan@Example.ORG"})
    assert response.status_code == 302
    assert Supporter.objects.get().email == "ani.petrosyan@example.org"


@pytest.mark.parametrize("number", ["1e400", "-1e400", "1" + "0" * 400 + ".0"])
def test_a_signed_event_with_a_number_beyond_any_float_is_refused(client, stripe_api, number):
    # Valid JSON, but infinite as a float: no database stores that as JSON.
    event = json.dumps(fake.event("customer.subscription.updated", fake.subscription()))
    payload = event.replace('"livemode": false', f'"livemode": false, "score": {number}')
    response = fake.deliver(client, payload)
    assert response.status_code == 400
    assert not ProviderEvent.objects.exists()
