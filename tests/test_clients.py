"""Who a request comes from: one address, from one setting, for every limit and the beacon."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from newsroom.clients import client_address, client_network, hit
from tests.factories import ArticleFactory
from tests.test_settings import run_python, settings_value

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "client"),
    [
        # No proxy: X-Forwarded-For is whatever the client made up.
        (0, "192.0.2.1", "", "192.0.2.1"),
        (0, "192.0.2.1", "203.0.113.5", "192.0.2.1"),
        # One proxy (nginx, a load balancer): the entry it appended, not those left of it.
        (1, "10.0.0.1", "203.0.113.5", "203.0.113.5"),
        (1, "10.0.0.1", "198.51.100.66, 203.0.113.5", "203.0.113.5"),
        # A CDN, then nginx: the CDN appended the reader, nginx appended the CDN.
        (2, "10.0.0.2", "198.51.100.66, 203.0.113.5, 10.0.0.1", "203.0.113.5"),
        (2, "10.0.0.2", "203.0.113.5, 10.0.0.1", "203.0.113.5"),
        # Fewer entries than proxies (the inner proxy reached directly): the furthest one seen.
        (2, "10.0.0.2", "203.0.113.5", "203.0.113.5"),
        # Not through the proxy at all (a health check on the machine itself).
        (1, "127.0.0.1", "", "127.0.0.1"),
        # Ports, brackets and IPv4 written as IPv6 are the same address.
        (1, "10.0.0.1", "203.0.113.5:51234", "203.0.113.5"),
        (1, "10.0.0.1", "[2001:db8::7]:443", "2001:db8::7"),
        (0, "::ffff:192.0.2.1", "", "192.0.2.1"),
    ],
)
def test_the_client_is_the_address_our_outermost_proxy_saw(
    rf, settings, proxies, remote, forwarded, client
):
    settings.TRUSTED_PROXIES = proxies
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == client


def test_limits_tell_ipv6_clients_apart_by_their_64_bit_network(rf):
    def network(address):
        return client_network(rf.get("/", REMOTE_ADDR=address))

    assert network("2001:db8:1:2::10") == network("2001:db8:1:2:ffff:ffff:ffff:ffff")
    assert network("2001:db8:1:2::10") == "2001:db8:1:2::/64"
    assert network("2001:db8:1:3::10") != network("2001:db8:1:2::10")
    assert network("192.0.2.1") == "192.0.2.1"  # IPv4 addresses stay one each
    assert network("::ffff:192.0.2.1") == "192.0.2.1"  # not one /64 for every IPv4 client


def test_the_limiter_counts_per_scope_and_client_and_keeps_no_address():
    from django.core.cache import cache

    assert [hit("test", "198.51.100.1", limit=2, window=60) for _ in range(3)] == [
        True,
        True,
        False,
    ]
    assert hit("test", "198.51.100.2", limit=2, window=60)
    assert hit("other", "198.51.100.1", limit=2, window=60)
    assert not any("198.51.100" in key for key in cache._cache)


def test_a_sliding_limit_forgets_each_attempt_an_hour_after_it_and_counts_no_refusal():
    start = datetime(2026, 3, 9, 9, 45, tzinfo=UTC)

    def attempt():
        return hit("test-sliding", "198.51.100.1", limit=2, window=3600, sliding=True)

    with time_machine.travel(start, tick=False) as traveller:
        assert attempt()  # 09:45
        traveller.shift(timedelta(minutes=30))
        assert attempt()  # 10:15: a new clock hour, but still within the hour
        assert not attempt()
        traveller.shift(timedelta(minutes=29))  # 10:44
        assert not attempt()  # 09:45 is not an hour old yet
        traveller.shift(timedelta(minutes=2))  # 10:46: it is, and the refusals never counted
        assert attempt()
        assert not attempt()


def via_two_proxies(reader, forged):
    """A request through a CDN (which appends the reader) and nginx (which appends the CDN)."""
    return {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": f"{forged}, {reader}, 10.0.0.1"}


@pytest.mark.django_db
def test_behind_two_proxies_the_forms_and_the_beacon_see_the_same_readers(settings):
    settings.TRUSTED_PROXIES = 2
    settings.MEMBERSHIPS_SIGN_IN_LIMIT_PER_CLIENT = 2
    settings.BEACON_RATE_LIMIT = 2
    story = ArticleFactory()

    def sign_in(reader, n):
        client = Client(**via_two_proxies(reader, forged=f"192.0.2.{n}"))
        return client.post("/membership/sign-in/", {"email": f"r{n}@example.org"}).status_code

    def beacon(reader, n):
        client = Client(**via_two_proxies(reader, forged=f"192.0.2.{n}"))
        response = client.post(
            reverse("articles:beacon"), {"article": story.pk}, HTTP_USER_AGENT=BROWSER
        )
        return response.status_code

    # A reader who invents another left-most entry every time is still one reader...
    assert [sign_in("203.0.113.5", n) for n in range(3)] == [200, 200, 429]
    assert [beacon("203.0.113.5", n) for n in range(3)] == [204, 204, 429]
    # ...and the next reader behind the same two proxies has limits of their own.
    assert sign_in("203.0.113.6", 9) == 200
    assert beacon("203.0.113.6", 9) == 204


def test_one_setting_says_how_many_proxies_and_the_two_it_replaced_are_refused():
    assert settings_value("s.TRUSTED_PROXIES", DEBUG="1") == "0"
    assert settings_value("s.TRUSTED_PROXIES", DEBUG="1", TRUSTED_PROXIES="2") == "2"
    for replaced in ("BEACON_TRUSTED_PROXIES", "MEMBERSHIPS_TRUST_X_FORWARDED_FOR"):
        result = run_python("from newsroom import settings", DEBUG="1", **{replaced: "1"})
        assert result.returncode != 0
        assert f"{replaced} is no longer read: set TRUSTED_PROXIES" in result.stderr
        # Set to its old default, it changes nothing and is let be.
        assert settings_value("s.TRUSTED_PROXIES", DEBUG="1", **{replaced: "0"}) == "0"
