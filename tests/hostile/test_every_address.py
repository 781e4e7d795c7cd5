"""Hostile requests to every public address, form and the payment webhook: each is answered
without a server error, and writes nothing it is not meant to.

The addresses come from the URLconf itself: a new one fails
``test_every_public_address_is_probed`` until it is added to ``corpus.TARGETS``. The admin's
own pages are walked too, as an anonymous visitor sees them.
"""

import re
from dataclasses import replace

import pytest
from django.urls import Resolver404, resolve
from django.utils.regex_helper import normalize

from memberships import views as membership_views
from tests.dom import parse
from tests.hostile.corpus import (
    BY_ROUTE,
    NEWSROOM,
    TARGETS,
    cases,
    webhook_cases,
)
from tests.hostile.harness import Case, is_route, url_patterns
from tests.hostile.values import TEXT, encoded

pytestmark = pytest.mark.django_db

ADMIN = "admin/"
ADMIN_LOGIN = "admin/login/"
# Admin pages anyone may open: signing in and out, and the translations of its scripts.
OPEN_ADMIN_PAGES = {ADMIN_LOGIN, "admin/logout/"}


# Besides every change and delete page: the two-factor steps, and each model's list (its
# actions), are posted to as well.
POSTED_ADMIN_PAGES = ("admin/two-factor/", "admin/articles/", "admin/memberships/")


def is_open(route):
    return route in OPEN_ADMIN_PAGES or route.endswith("jsi18n/")


def public_routes():
    """Every URL pattern outside the admin, and the admin's sign-in page."""
    return {route for route, _ in url_patterns() if not route.startswith(ADMIN)} | {ADMIN_LOGIN}


def test_every_public_address_is_probed():
    assert public_routes() - set(BY_ROUTE) == set(), "add these addresses to corpus.TARGETS"
    assert set(BY_ROUTE) - public_routes() == set(), "these addresses are gone from the URLconf"


def test_the_suite_sends_at_least_300_hostile_inputs():
    planned = sum(len(cases(target)) for target in TARGETS) + len(webhook_cases())
    print(f"{planned} hostile requests planned, besides those hypothesis generates")
    assert planned >= 300


def area(target):
    """Addresses are probed in a few groups, each one test (each builds the newsroom once)."""
    route = target.route
    if route.startswith(("join/", "membership/")):
        return "membership pages"
    if route.startswith("memberships/webhooks/"):
        return "webhook"
    if route.startswith("admin/"):
        return "admin sign-in"
    if "feed/" in route or route.endswith((".xml", ".txt")):
        return "feeds and sitemaps"
    return "reader pages"


AREAS = sorted({area(target) for target in TARGETS})


@pytest.mark.parametrize("name", AREAS)
def test_hostile_requests_get_no_server_error_and_write_nothing_unasked(probe, name):
    planned = [case for target in TARGETS if area(target) == name for case in cases(target)]
    if name == "webhook":
        planned += webhook_cases()  # signed and unsigned deliveries, signed just now
    failures = probe.send_all(planned)
    assert not failures, "\n".join(failures)
    assert probe.sent == len(planned)


def test_the_same_hostile_requests_to_another_editions_addresses_fare_the_same(probe):
    """/ru/ takes its edition from the address: every reader and membership case again there."""
    planned = [
        replace(case, path="/ru" + case.path, label=f"{case.label} (/ru/)")
        for target in TARGETS
        if area(target) in {"reader pages", "membership pages"}
        for case in cases(target)
    ]
    failures = probe.send_all(planned)
    assert not failures, "\n".join(failures)
    assert probe.sent == len(planned) > 100


def test_every_field_of_a_public_form_is_probed(newsroom, client):
    """The hostile submissions cover each field the pages' forms have (a new one is noticed)."""
    for target in [target for target in TARGETS if target.form_fields_from_page]:
        page = parse(client.get(target.form_page or target.url()))
        posted = [
            form
            for form in page.select("form")
            if form.get("method", "").lower() == "post"
            and form.get("action", "").partition("?")[0] in {"", target.url()}
        ]
        assert posted, f"{target.id}: the page has no such form"
        names = {field["name"] for form in posted for field in form.select("[name]")}
        unprobed = names - set(target.form) - {"csrfmiddlewaretoken"}
        assert unprobed == set(), f"add these fields to the {target.id} target's form"


# --- The admin, as an anonymous visitor sees it -----------------------------------------------


def _address(route, pattern, value):
    """``route`` with ``value`` for each of its parameters, if that still resolves to it."""
    if is_route(pattern):
        url = "/" + re.sub(r"<(?:\w+:)?\w+>", value, route)
    else:
        template, params = normalize(route.removesuffix("$"))[0]
        url = "/" + template % dict.fromkeys(params, value)
    try:
        return url if resolve(url).route == route else None
    except Resolver404:
        return None


def _admin_addresses(route, pattern):
    """A plain address for ``route`` and, where it has parameters, a hostile one."""
    plain = ("1", "articles")
    hostile = (encoded(TEXT["NUL inside"]), encoded(TEXT["emoji"]), "%ED%A0%80")
    found = []
    for values in (plain, hostile):
        url = next(filter(None, (_address(route, pattern, value) for value in values)), None)
        if url and url not in found:
            found.append(url)
    assert found and found[0].count("%") == 0, f"no plain address could be made for {route}"
    return found


def admin_cases():
    found = []
    for route, pattern in url_patterns():
        if not route.startswith(ADMIN) or route == ADMIN_LOGIN:
            continue
        plain, *hostile = _admin_addresses(route, pattern)
        query = f"?q={encoded(TEXT['markup'])}&_popup=1&o=%00&p={TEXT['4,000-digit number']}"
        asked = hostile[0] if hostile else plain + query
        found.append(Case(route, "GET", asked, label=f"{asked[:60]} asked"))
        if route.startswith(POSTED_ADMIN_PAGES) or route.endswith(("/delete/", "/change/")):
            found.append(
                Case(
                    route,
                    "POST",
                    plain,
                    b"action=delete_selected&_selected_action=1&post=yes&otp_token=000000",
                    "application/x-www-form-urlencoded",
                    label=f"{plain} posted",
                )
            )
    return found


def test_the_admin_shows_anonymous_visitors_nothing_but_the_sign_in_page(probe):
    planned = admin_cases()
    failures = []
    for case in planned:
        try:
            response = probe.send(case)
        except AssertionError as failure:
            failures.append(str(failure).splitlines()[0])
            continue
        if is_open(case.route):
            continue
        if response.status_code == 302:
            if not response["Location"].startswith("/admin/login/"):
                failures.append(f"{case.id}: sent to {response['Location']}")
        elif response.status_code not in (403, 404, 405):
            failures.append(f"{case.id}: answered {response.status_code}")
    assert not failures, "\n".join(failures)
    assert probe.sent == len(planned)


# --- The harness itself -----------------------------------------------------------------------


def test_the_probe_catches_a_write_nobody_asked_for_and_a_server_error(probe, monkeypatch):
    # Asking for a member's sign-in link writes (the link): sent as if nothing were meant to.
    sign_in = BY_ROUTE["membership/sign-in/"]
    member = Case(
        sign_in.route,
        "POST",
        sign_in.url(),
        f"email={NEWSROOM['member email']}".encode(),
        "application/x-www-form-urlencoded",
    )
    with pytest.raises(AssertionError, match="memberships.magiclink"):
        probe.send(member)

    def broken():
        raise RuntimeError("the join page is broken")

    monkeypatch.setattr(membership_views, "joining_available", broken)
    with pytest.raises(AssertionError, match="the join page is broken"):
        probe.send(Case("join/", "GET", "/join/"))
