"""Values hypothesis makes up, sent where readers, bots and the payment provider send theirs.

Each example is one request through ``harness.Probe``: never a server error, never a write it
is not meant to make. Runs are repeatable (``derandomize``, no example database; see conftest.py).
"""

import json
import time
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.hostile.corpus import JOIN_FORM, JOINING, KEPT_EVENT, NEWSROOM, SIGN_IN_ATTEMPTS
from tests.hostile.harness import Case, table_state
from tests.memberships import stripe_fake

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"


def generated(max_examples):
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@pytest.fixture
def probe(probe):
    probe.kind = "hypothesis"
    return probe


# Any text, surrogates included (hypothesis leaves them out of st.text() by default), and any
# bytes: what ends up in a path or a query once percent-decoded.
anything = st.one_of(
    st.text(),
    st.text(st.characters(exclude_categories=())),
    st.binary(),
    st.integers().map(str),
)


def on_the_wire(value):
    """``value`` percent-encoded as a client would send it, whatever it holds."""
    if isinstance(value, str):
        value = value.encode("utf-8", "surrogatepass")
    return quote(value, safe="")


READER_ADDRESSES = [
    "/news/{}/",
    "/region/{}/",
    "/tag/{}/",
    "/author/{}/",
    "/region/{}/feed/",
    "/tag/{}/feed/atom/",
    "/author/{}/feed/",
    "/sitemap-{}.xml",
    "/join/test-checkout/{}/",
    "/membership/sign-in/{}/",
    "/memberships/webhooks/{}/",
    "/preview/{}/",
]


@generated(max_examples=30)
@given(address=st.sampled_from(READER_ADDRESSES), segment=anything)
def test_any_value_in_an_address_is_answered(probe, address, segment):
    method = "POST" if "webhooks" in address else "GET"
    probe.send(Case(address, method, address.format(on_the_wire(segment)), label="generated"))


GET_PAGES = [
    "/",
    f"/news/{NEWSROOM['story']}/",
    f"/region/{NEWSROOM['region']}/",
    f"/tag/{NEWSROOM['tag']}/",
    f"/author/{NEWSROOM['author']}/",
    "/search/",
    "/feed/atom/",
    "/sitemap-articles.xml",
    "/news-sitemap.xml",
    "/join/",
    "/join/thanks/",
    "/membership/",
    "/membership/sign-in/",
    "/admin/login/",
]
parameters = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(["q", "page", "p", "sort", "plan", "amount", "next"]), anything),
        anything,
    ),
    max_size=4,
)


@generated(max_examples=30)
@given(page=st.sampled_from(GET_PAGES), query=parameters)
def test_any_query_string_on_a_page_is_answered(probe, page, query):
    pairs = "&".join(f"{on_the_wire(name)}={on_the_wire(value)}" for name, value in query)
    probe.send(Case(page, "GET", f"{page}?{pairs}", label="generated"))


@generated(max_examples=30)
@given(query=anything, page=anything, newest=st.booleans())
def test_any_search_gets_a_page_of_results(probe, query, page, newest):
    sort = "&sort=newest" if newest else ""
    path = f"/search/?q={on_the_wire(query)}&page={on_the_wire(page)}{sort}"
    response = probe.send(Case("search/", "GET", path, label="generated"))
    assert response.status_code == 200


amounts = st.one_of(
    st.just(""),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(str),
    st.integers().map(str),
    st.text(max_size=40),
)
join_forms = st.fixed_dictionaries(
    {
        "plan": st.one_of(st.sampled_from(["supporter-monthly", "supporter-yearly"]), st.text()),
        "custom_amount": amounts,
        "email": st.one_of(st.emails(), st.text()),
        "name": st.one_of(st.text(min_size=1), st.just(JOIN_FORM["name"])),
        "email_consent": st.one_of(st.just("on"), st.text(max_size=5)),
        "website": st.one_of(st.just(""), st.text(max_size=5)),
    }
)


@generated(max_examples=30)
@given(form=join_forms)
def test_any_join_form_is_answered_and_only_a_checkout_that_starts_writes(probe, form):
    before = table_state()
    case = Case("join/", "POST", "/join/", urlencode(form).encode(), FORM, may_write=JOINING)
    response = probe.send(case, before=before)
    wrote = probe.state != before
    assert wrote == (response.status_code == 302), (response.status_code, form)


@generated(max_examples=25)
@given(email=st.one_of(st.emails(), st.text()))
def test_asking_for_a_sign_in_link_for_anyone_but_a_member_writes_nothing(probe, email):
    assume(email.strip().lower() != NEWSROOM["member email"])
    body = urlencode({"email": email}).encode()
    probe.send(Case("membership/sign-in/", "POST", "/membership/sign-in/", body, FORM))


@generated(max_examples=25)
@given(username=st.text(), password=st.text(), next_page=st.text())
def test_any_admin_sign_in_fails_cleanly(probe, username, password, next_page):
    body = urlencode({"username": username, "password": password, "next": next_page}).encode()
    case = Case("admin/login/", "POST", "/admin/login/", body, FORM, may_write=SIGN_IN_ATTEMPTS)
    assert probe.send(case).status_code == 200  # the form again, with its error


@generated(max_examples=30)
@given(article=anything, site=st.one_of(st.none(), st.text()), agent=st.one_of(st.none(), anything))
def test_any_read_beacon_is_answered_and_counts_only_a_story(probe, newsroom, article, site, agent):
    if isinstance(article, bytes):
        body = b"article=" + quote(article).encode()
    else:
        body = urlencode({"article": article}).encode()
    headers = []
    if site is not None:
        headers.append(("Sec-Fetch-Site", site))
    if agent is not None:
        headers.append(("User-Agent", agent if isinstance(agent, str) else agent.decode("latin-1")))
    counts = {"articles.DailyViews"} if article == str(newsroom.pk) else set()
    probe.send(
        Case(
            "beacon/",
            "POST",
            "/beacon/",
            body,
            FORM,
            headers=tuple(headers),
            may_write=frozenset(counts),
            label="generated",
        )
    )


# --- Signed webhook events -----------------------------------------------------------------------

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(), children, max_size=3)
    ),
    max_leaves=8,
)
times = st.one_of(st.integers(946_684_800, int(time.time())), json_values)
# The names Stripe's objects have, each given any value.
STRIPE_FIELDS = [
    "id",
    "object",
    "mode",
    "payment_status",
    "client_reference_id",
    "metadata",
    "subscription",
    "customer",
    "status",
    "items",
    "start_date",
    "cancel_at_period_end",
    "canceled_at",
    "ended_at",
    "current_period_end",
    "amount_paid",
    "amount_due",
    "amount_refunded",
    "currency",
    "billing_reason",
    "lines",
    "parent",
    "subscription_details",
    "status_transitions",
    "next_payment_attempt",
]
stripe_objects = st.dictionaries(st.sampled_from(STRIPE_FIELDS), json_values, max_size=8)
events = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {
            "id": st.one_of(st.text(max_size=30).map(lambda text: "evt_" + text), json_values),
            "type": st.one_of(
                st.sampled_from(
                    [
                        "checkout.session.completed",
                        "checkout.session.expired",
                        "customer.subscription.created",
                        "customer.subscription.deleted",
                        "invoice.paid",
                        "invoice.payment_failed",
                        "charge.refunded",
                    ]
                ),
                json_values,
            ),
            "created": times,
            "data": st.one_of(st.fixed_dictionaries({"object": stripe_objects}), json_values),
        }
    ),
)


@generated(max_examples=40)
@given(event=events)
def test_any_signed_webhook_event_is_answered_and_at_most_kept(probe, event):
    payload = json.dumps(event)
    signature = stripe_fake.signature_header(payload)
    case = Case(
        "memberships/webhooks/<slug:provider_name>/",
        "POST",
        "/memberships/webhooks/stripe/",
        payload.encode(),
        "application/json",
        headers=(("Stripe-Signature", signature),),
        may_write=KEPT_EVENT,
        label="generated",
    )
    probe.send(case)
