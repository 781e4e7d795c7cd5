"""Every public address, what it answers, and the hostile requests sent to each.

``TARGETS`` holds one entry per URL pattern a reader, a bot or a payment provider can reach
(``tests/hostile/test_every_address.py`` fails when the URLconf has one that is not here).
``cases(target)`` turns an entry into its requests: hostile path segments, query parameters,
methods, form fields and bodies. The content they aim at is the small newsroom of
``conftest.py`` (``NEWSROOM``), so every case is known before the run and can be counted.
"""

import json
import time
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from tests.hostile.harness import Case
from tests.hostile.values import (
    FIELD_SAMPLE,
    HUGE,
    MANY_DIGITS,
    RAW,
    TEXT,
    encoded,
    path_values,
)
from tests.memberships import stripe_fake

# The small newsroom the requests are aimed at (made by conftest.py's ``newsroom`` fixture).
NEWSROOM = {
    "story": "crossing-reopens",
    "region": "georgia",
    "tag": "borders",
    "author": "nino-beridze",
    "pending reference": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
    "member email": "ani@example.org",
}
UNKNOWN_STORY_ID = "987654321"

FORM = "application/x-www-form-urlencoded"
# Methods sent to addresses that do not answer them (see ``method_cases``).
METHODS = ("GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "HEAD", "TRACE", "PROPFIND")

# Writes a request may make because it is meant to: a valid join starts a checkout.
JOINING = frozenset({"memberships.Supporter", "memberships.Membership"})
# Failed admin sign-ins are counted (django-axes), per username and client.
SIGN_IN_ATTEMPTS = frozenset({"axes"})


@dataclass(frozen=True)
class Target:
    """One URL pattern as its users reach it.

    ``path`` is a good address with ``{}`` where the hostile path segment goes (``good`` is
    the segment that finds the newsroom's content); ``methods`` are those it answers (the
    first is the one it is meant for); ``query`` the parameters it reads; ``form`` a
    submission it expects, each field of which is made hostile in turn.
    """

    route: str
    path: str
    good: str = ""
    methods: tuple = ("GET", "HEAD")
    query: tuple = ()
    form: dict | None = None
    probed_fields: tuple = ()  # fields that get every value of FIELD_SAMPLE; others a few
    may_write: frozenset = frozenset()
    # How many values its path segment gets: "all", a "sample" or a "few" (see PATH_SAMPLES).
    path_values: str = "sample"
    # How many values its first query parameter gets: "all" of them, a "sample" (FIELD_SAMPLE),
    # or a "few" (SECOND_SAMPLE), with the raw bytes; and all or a few shapes of the query.
    query_values: str = "few"
    all_bodies: bool = False  # every kind of body, not only a few (see ``form_cases``)
    fields_read: bool = True  # False: the view never reads the form (a sign-in comes first)
    form_fields_from_page: bool = False  # the page shows the form: its fields are checked
    form_page: str = ""  # the page that shows the form, when not the address itself
    headers_probed: bool = False  # hostile request headers too (see ``header_cases``)
    name: str = ""  # for an address probed as two targets (the join form and the join box)
    # Answered by the same code as another target (an Atom feed beside its RSS feed, a tag's
    # page beside a region's): a few requests of each kind show it is covered.
    light: bool = False

    @property
    def id(self):
        return self.name or self.route or "home"

    def url(self, segment=None):
        return self.path.format(self.good if segment is None else segment)


def _feeds(kind, slug):
    """A region's, tag's or author's feeds: the same code as the whole site's, but for one."""
    return [
        Target(f"{kind}/<slug:slug>/feed/", f"/{kind}/{{}}/feed/", slug, light=kind != "region"),
        Target(f"{kind}/<slug:slug>/feed/atom/", f"/{kind}/{{}}/feed/atom/", slug, light=True),
    ]


JOIN_FORM = {
    "plan": "supporter-monthly",
    "custom_amount": "",
    "email": "giorgi@example.org",
    "name": "Giorgi Kapanadze",
    "email_consent": "on",
    "newsletter": "",
    "from": "",
    "via": "join-page",
    "website": "",
}

# What the join box under every story posts: no CSRF token, and it writes nothing.
JOIN_BOX_FORM = {
    "step": "box",
    "plan": "supporter-monthly",
    "email": "giorgi@example.org",
    "from": "",
    "via": "story",
}

# A valid newsletter sign-up keeps a pending subscriber (its email goes out after commit).
SUBSCRIBING = frozenset({"newsletter.Subscriber"})
SIGN_UP_FORM = {
    "email": "giorgi@example.org",
    "frequency": "daily",
    "edition": "en",
    "from": "1",
    "via": "story",
}

TARGETS = [
    Target("", "/", query=("page", "q", "utm_source"), headers_probed=True),
    Target(
        "news/<slug:slug>/",
        "/news/{}/",
        NEWSROOM["story"],
        query=("page", "fbclid"),
    ),
    Target(
        "news/<slug:slug>/updates/",
        "/news/{}/updates/",
        NEWSROOM["story"],
        query=("after",),
        query_values="sample",
        path_values="few",
    ),
    Target("preview/<int:pk>/", "/preview/{}/", "1"),
    Target(
        "region/<slug:slug>/",
        "/region/{}/",
        NEWSROOM["region"],
        query=("page",),
        query_values="sample",
        path_values="few",
        headers_probed=True,
    ),
    Target("tag/<slug:slug>/", "/tag/{}/", NEWSROOM["tag"], query=("page",), light=True),
    Target("author/<slug:slug>/", "/author/{}/", NEWSROOM["author"], query=("page",), light=True),
    Target(
        "beacon/",
        "/beacon/",
        methods=("POST",),
        form={"article": UNKNOWN_STORY_ID},
        probed_fields=("article",),
        all_bodies=True,
        query=("article",),
    ),
    Target(
        "search/",
        "/search/",
        query=("q", "page", "sort"),
        query_values="all",
    ),
    Target("feed/", "/feed/"),
    Target("feed/atom/", "/feed/atom/", light=True),
    *_feeds("region", NEWSROOM["region"]),
    *_feeds("tag", NEWSROOM["tag"]),
    *_feeds("author", NEWSROOM["author"]),
    Target(
        "join/",
        "/join/",
        methods=("GET", "HEAD", "POST"),
        query=("plan", "amount", "email", "canceled", "from", "via"),
        form=JOIN_FORM,
        probed_fields=("custom_amount", "email", "name", "from", "via"),
        all_bodies=True,
        may_write=JOINING,
        form_fields_from_page=True,
    ),
    Target(
        "join/",
        "/join/",
        methods=("POST",),
        form=JOIN_BOX_FORM,
        probed_fields=("email", "from", "via"),
        form_fields_from_page=True,
        form_page=f"/news/{NEWSROOM['story']}/",
        name="join box",
    ),
    Target("join/thanks/", "/join/thanks/", query=("session_id",)),
    Target(
        "newsletter/",
        "/newsletter/",
        methods=("GET", "HEAD", "POST"),
        query=("from", "via"),
        form=SIGN_UP_FORM,
        probed_fields=("email", "frequency", "edition", "from", "via"),
        all_bodies=True,
        may_write=SUBSCRIBING,
        form_fields_from_page=True,
    ),
    Target(
        "newsletter/",
        "/newsletter/",
        methods=("POST",),
        form=SIGN_UP_FORM,
        probed_fields=("email",),
        may_write=SUBSCRIBING,
        form_fields_from_page=True,
        form_page=f"/news/{NEWSROOM['story']}/",
        name="newsletter box",
    ),
    Target(
        "newsletter/confirm/<str:token>/",
        "/newsletter/confirm/{}/",
        "notatoken",
        # Opening the link only shows a button; its POST is what confirms.
        methods=("POST", "GET", "HEAD"),
        form={},
        path_values="all",
        fields_read=False,
    ),
    Target(
        "newsletter/unsubscribe/<str:token>/",
        "/newsletter/unsubscribe/{}/",
        "notatoken",
        methods=("POST", "GET", "HEAD"),
        form={"List-Unsubscribe": "One-Click"},
        path_values="all",
    ),
    Target(
        "join/test-checkout/<uuid:reference>/",
        "/join/test-checkout/{}/",
        NEWSROOM["pending reference"],
        methods=("GET", "HEAD", "POST"),
        # Neither "complete" nor "fail": each variant is refused, none pays.
        form={"outcome": "later"},
        probed_fields=("outcome",),
    ),
    Target("membership/", "/membership/"),
    Target(
        "membership/sign-in/",
        "/membership/sign-in/",
        methods=("GET", "HEAD", "POST"),
        form={"email": "someone@example.org"},
        probed_fields=("email",),
        all_bodies=True,
        form_fields_from_page=True,
    ),
    Target(
        "membership/sign-in/<str:token>/",
        "/membership/sign-in/{}/",
        "notatoken",
        # Opening the link only shows a button; its POST is what looks the token up.
        methods=("POST", "GET", "HEAD"),
        form={},
        path_values="all",
        fields_read=False,
    ),
    Target(
        "membership/sign-out/",
        "/membership/sign-out/",
        methods=("POST",),
        form={},
        fields_read=False,
    ),
    Target(
        "membership/change/",
        "/membership/change/",
        methods=("POST",),
        form={"plan": "supporter-yearly", "custom_amount": ""},
        fields_read=False,
        light=True,
    ),
    Target(
        "membership/cancel/",
        "/membership/cancel/",
        methods=("GET", "HEAD", "POST"),
        form={"reason": "Too expensive"},
        fields_read=False,
        light=True,
    ),
    Target(
        "membership/billing/",
        "/membership/billing/",
        methods=("POST",),
        form={},
        fields_read=False,
        light=True,
    ),
    Target(
        "memberships/webhooks/<slug:provider_name>/",
        "/memberships/webhooks/{}/",
        "stripe",
        methods=("POST",),
    ),
    Target("sitemap.xml", "/sitemap.xml"),
    Target("sitemap-<section>.xml", "/sitemap-{}.xml", "articles", query=("p",)),
    Target("news-sitemap.xml", "/news-sitemap.xml", light=True),
    Target("robots.txt", "/robots.txt"),
    Target("manifest.webmanifest", "/manifest.webmanifest"),
    Target("icons/icon-<int:size>.png", "/icons/icon-{}.png", "192"),
    Target(
        "admin/login/",
        "/admin/login/",
        methods=("GET", "HEAD", "POST"),
        query=("next",),
        form={"username": "editor", "password": "not the password", "next": "/admin/"},
        probed_fields=("username",),
        may_write=SIGN_IN_ATTEMPTS,
        form_fields_from_page=True,
    ),
]

BY_ROUTE = {target.route: target for target in reversed(TARGETS)}  # the first of a route

RAW_SAMPLE = ["escaped NUL", "escaped surrogate", "encoded traversal"]
# Slugs, numbers and ids are matched by the URL pattern before any view sees them: the address
# whose pattern takes any text gets every path value, the others some of each kind.
PATH_SAMPLES = {
    "sample": [
        "right-to-left override",
        "superscript two",
        "NUL inside",
        "path traversal",
        "4,000-digit number",
        *RAW_SAMPLE,
    ],
    "few": ["superscript two", "NUL inside", "escaped surrogate"],
}
# A few values: for a page's query parameters after its first, for the form fields that are not
# ``probed_fields``, and where ``query_values`` is "few".
SECOND_SAMPLE = ["NUL inside", "letters that grow in lower case", "4,000-digit number"]


def cases(target):
    """Every hostile request for ``target``."""
    if target.light:
        return light_cases(target)
    return [
        *address_cases(target),
        *query_cases(target),
        *method_cases(target),
        *form_cases(target),
        *(header_cases(target) if target.headers_probed else ()),
    ]


def _case(target, method, path, label, *, body=b"", content_type=None, headers=()):
    return Case(
        route=target.route,
        method=method,
        path=path,
        body=body,
        content_type=content_type,
        headers=headers,
        may_write=target.may_write,
        label=label,
    )


def _meant(target):
    """The request ``target`` is meant for: its first method, with its form when it has one."""
    method = target.methods[0]
    if target.form is not None and method == "POST":
        return method, urlencode(target.form, doseq=True).encode(), FORM
    return method, b"", None


def light_cases(target):
    """One or two requests of each kind ``cases`` sends."""
    chosen = [
        *(case for case in address_cases(target) if case.label in LIGHT_ADDRESSES),
        *query_cases(target)[:1],
        *(case for case in query_cases(target) if case.label == "query 2,000 parameters"),
        *method_cases(target)[:2],
        *(case for case in form_cases(target) if case.label in LIGHT_BODIES),
    ]
    return chosen


LIGHT_ADDRESSES = {"a 10,000-character path", "path: NUL inside"}
LIGHT_BODIES = {"JSON where a form is expected", "a 6 MB body"}


# --- The address itself ----------------------------------------------------------------------


def address_cases(target):
    method, body, content_type = _meant(target)
    found = []
    if "{}" in target.path:
        values = list(path_values())
        if target.path_values != "all":
            sample = PATH_SAMPLES[target.path_values]
            values = [(label, segment) for label, segment in values if label in sample]
        for label, segment in values:
            found.append(_case(target, method, target.url(segment), f"path: {label}", body=body))
        good = target.url()
        nul_after = good.rstrip("/") + "%00/"
        found.append(_case(target, method, nul_after, "path: NUL after the value", body=body))
    else:
        good = target.url()
    found += [
        _case(target, method, good + "a" * 10_000 + "/", "a 10,000-character path", body=body),
        _case(target, method, good + "%2e%2e/%2e%2e/etc/passwd", "traversal after it", body=body),
        _case(target, method, good.rstrip("/"), "no trailing slash", body=body),
    ]
    return [replace(case, content_type=content_type) for case in found]


# --- Query parameters ---------------------------------------------------------------------------


def query_cases(target):
    method, body, content_type = _meant(target)
    if not target.query:
        # Read by nobody: how the query string itself is parsed.
        queries = [(f"?unknown: {label}", f"unknown={RAW[label]}") for label in RAW_SAMPLE]
        queries.append(("?unknown: 100 kB", "unknown=" + encoded(HUGE)))
        queries += [(f"query {label}", SHAPES[label].format(name="x")) for label in QUICK_SHAPES]
    else:
        first, *others = target.query
        if target.query_values == "all":
            values = [*((label, encoded(value)) for label, value in TEXT.items()), *RAW.items()]
        else:
            labels = FIELD_SAMPLE if target.query_values == "sample" else SECOND_SAMPLE
            values = [(label, encoded(TEXT[label])) for label in labels]
            values += [(label, RAW[label]) for label in RAW_SAMPLE]
        queries = [(f"?{first}: {label}", f"{first}={value}") for label, value in values]
        queries += [
            (f"?{name}: {label}", f"{name}={encoded(TEXT[label])}")
            for name in others
            for label in SECOND_SAMPLE
        ]
        shapes = SHAPES if target.query_values != "few" else QUICK_SHAPES
        queries += [(f"query {label}", SHAPES[label].format(name=first)) for label in shapes]
    return [
        _case(
            target, method, f"{target.url()}?{query}", label, body=body, content_type=content_type
        )
        for label, query in queries
    ]


SHAPES = {
    "repeated": "{name}=a&{name}=b",
    "as a list": "{name}[]=a&{name}[]=b",
    "as an indexed list": "{name}[0]=a&{name}[1][x]=b",
    "without a value": "{name}",
    "a value without a name": "=a",
    "only separators": "&&;&=&",
    "the NUL and surrogate together": "{name}=%00&{name}=%ED%A0%80",
    "2,000 parameters": "&".join(f"{{name}}{i}=1" for i in range(2000)),
    "a 100 kB name": HUGE + "=1",
}
QUICK_SHAPES = ["repeated", "as a list", "2,000 parameters"]


# --- Methods ------------------------------------------------------------------------------------


def method_cases(target):
    """Methods ``target`` does not answer (those that carry a body, with one): the first three
    of ``METHODS``, and one more of the rest, a different one from address to address."""
    base = target.url()
    json_body = b'{"article": 1, "email": ["a@example.org"]}'
    unanswered = [method for method in METHODS if method not in target.methods]
    rest = unanswered[3:]
    chosen = [*unanswered[:3], rest[TARGETS.index(target) % len(rest)]]
    found = []
    for method in chosen:
        if method in {"POST", "PUT", "PATCH"}:
            found.append(
                _case(
                    target,
                    method,
                    base,
                    f"{method} with a JSON body",
                    body=json_body,
                    content_type="application/json",
                )
            )
        else:
            found.append(_case(target, method, base, method))
    return found


# --- Forms and bodies -------------------------------------------------------------------------


def _form_body(pairs):
    return urlencode(pairs, doseq=True).encode()


def form_cases(target):
    if target.form is None:
        return []
    base = target.url()
    form = target.form

    def post(label, body, content_type=FORM):
        return _case(target, "POST", base, label, body=body, content_type=content_type)

    found = []
    for index, name in enumerate([*form, "unexpected"] if target.fields_read else []):
        labels = FIELD_SAMPLE if name in target.probed_fields else SECOND_SAMPLE
        for label in labels:
            found.append(post(f"{name}: {label}", _form_body({**form, name: TEXT[label]})))
        rest = {key: value for key, value in form.items() if key != name}
        found += [
            post(f"{name}: twice", _form_body([*rest.items(), (name, "a"), (name, "b")])),
            post(f"{name}: as {name}[]", _form_body({**rest, f"{name}[]": "a@example.org"})),
            post(f"{name}: left out", _form_body(rest)),
        ]
        if index == 0:  # bytes that do not decode: the same for every field of a body
            found += [
                post(f"{name}: escaped NUL", (urlencode(rest) + f"&{name}=a%00b").encode()),
                post(
                    f"{name}: escaped surrogate", (urlencode(rest) + f"&{name}=%ED%A0%80").encode()
                ),
            ]
    as_json = json.dumps(form).encode()
    bodies = [
        post("JSON where a form is expected", as_json, "application/json"),
        post("JSON labelled as a form", as_json),
        post("a form labelled as JSON", _form_body(form), "application/json"),
        post("every field twice", _form_body([(k, v) for k, v in form.items() for _ in "ab"])),
        post("multipart", encode_multipart(BOUNDARY, form), MULTIPART_CONTENT),
        post(
            "multipart without a boundary", encode_multipart(BOUNDARY, form), "multipart/form-data"
        ),
        post(
            "multipart cut short",
            b'--x\r\nContent-Disposition: form-data; name="email"\r\n\r\nab',
            "multipart/form-data; boundary=x",
        ),
        post(
            "multipart with a 5,000-character boundary",
            encode_multipart("b" * 5000, form),
            "multipart/form-data; boundary=" + "b" * 5000,
        ),
        post(
            "multipart file where text is expected",
            b'--x\r\nContent-Disposition: form-data; name="email"; filename="../../x.php"\r\n'
            b"Content-Type: application/x-php\r\n\r\n<?php ?>\r\n--x--\r\n",
            "multipart/form-data; boundary=x",
        ),
        post(
            "XML with an external entity",
            b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>",
            "text/xml",
        ),
        post("a charset that is no text encoding", _form_body(form), FORM + "; charset=rot13"),
        post("an unknown charset", _form_body(form), FORM + "; charset=klingon"),
        post("UTF-16", urlencode(form).encode("utf-16"), FORM + "; charset=utf-16"),
        post("binary garbage", b"\xff\xfe\x00\x01\x02garbage\x00"),
        post("no content type", _form_body(form), ""),
        post("an empty body", b""),
        post("2,000 fields", _form_body([(f"f{i}", "1") for i in range(2000)])),
        post("a 6 MB body", b"email=" + b"x" * (6 * 1024 * 1024)),
    ]
    if not target.all_bodies:
        bodies = [case for case in bodies if case.label in FEW_BODIES]
    return found + bodies


# Django parses every body alike: each kind is sent to the forms that matter most
# (``all_bodies``), a few to the others.
FEW_BODIES = {
    "JSON where a form is expected",
    "multipart cut short",
    "a charset that is no text encoding",
    "a 6 MB body",
}


# --- Request headers ---------------------------------------------------------------------------

HEADERS = {
    "Host": ["evil.example", "news.example.org\x00", "a" * 10_000],
    "Cookie": [
        "sessionid=",
        "sessionid=" + "x" * 10_000,
        "sessionid=%00; csrftoken=%ED%A0%80",
        ";;;=;==;",
        "messages=" + "A" * 4000,
    ],
    "If-None-Match": ['W/"x", *, "y"', "\u202e" * 100],
    "If-Modified-Since": ["Mon, 32 Foo 99999 99:99:99 GMT", "9" * 4000],
    "Accept-Language": ["xx-" * 1000, "*;q=abc, \u00b2;q=-1"],
    "Referer": ["javascript:alert(1)"],
    "User-Agent": ["\x00", "Googlebot" * 2000],
    "X-Forwarded-For": ["1.2.3.4, <script>, ::1"],
    "Range": ["bytes=0-0,-1,9999999999999999999-"],
}


def header_cases(target):
    """The request the address is meant for, with one hostile header each time."""
    method, body, content_type = _meant(target)
    return [
        _case(
            target,
            method,
            target.url(),
            f"{name}: {value[:30]!r}",
            body=body,
            content_type=content_type,
            headers=((name, value),),
        )
        for name, values in HEADERS.items()
        for value in values
    ]


# --- The payment provider's webhook -------------------------------------------------------------

WEBHOOK = BY_ROUTE["memberships/webhooks/<slug:provider_name>/"]
# A signed event is kept (Admin → Provider events) even when it is refused: that write is meant.
KEPT_EVENT = frozenset({"memberships.ProviderEvent"})


EVENT_SAMPLE = ["empty", "right-to-left override", "NUL inside", "100 kB"]


def _spoiled_events():
    """``(label, event)``: Stripe events, each with one part made hostile. They name no
    membership of ours, so at most they are kept, never applied."""

    def subscription_event():
        return stripe_fake.event(
            "customer.subscription.updated", stripe_fake.subscription(reference="")
        )

    def spoil(where, value):
        event = subscription_event()
        *parents, last = where
        node = event
        for key in parents:
            node = node[key]
        node[last] = value
        return event

    places = {
        "id": ("id",),
        "type": ("type",),
        "created": ("created",),
        "data": ("data",),
        "object": ("data", "object"),
        "customer": ("data", "object", "customer"),
        "membership reference": ("data", "object", "metadata", "membership"),
        "items": ("data", "object", "items"),
        "start date": ("data", "object", "start_date"),
    }
    wrong_types = {
        "null": None,
        "a list": [1, "2", None],
        "an object": {"id": "x"},
        "a float": 1.5e300,
        "a 4,000-digit number": int(MANY_DIGITS),
    }
    for place, where in places.items():
        for label in EVENT_SAMPLE:
            yield f"{place}: {label}", spoil(where, TEXT[label])
        for label, value in wrong_types.items():
            yield f"{place}: {label}", spoil(where, value)
    yield "a valid event for nobody", subscription_event()
    yield "an unhandled type", spoil(("type",), "customer.created")
    yield "no data", {key: value for key, value in subscription_event().items() if key != "data"}


def _raw_payloads():
    """``(label, bytes)``: bodies that are not a Stripe event at all."""
    yield "empty", b""
    yield "not JSON", b"hello"
    yield "binary garbage", b"\xff\xfe\x00\x01garbage"
    yield "a JSON list", b"[1, 2, 3]"
    yield "a JSON string", b'"evt_1"'
    yield "JSON null", b"null"
    yield "NaN", b'{"id": "evt_1", "created": NaN}'
    yield "1e400", b'{"id": "evt_1", "created": 1e400}'
    yield "a 5,000-digit number", b'{"id": "evt_1", "created": ' + b"9" * 5000 + b"}"
    yield "an escaped NUL", b'{"id": "evt_\\u0000", "type": "x\\u0000"}'
    yield "an escaped lone surrogate", b'{"id": "evt_\\ud800", "type": "\\udfff"}'
    yield "duplicate keys", b'{"id": "evt_1", "id": ["evt_2"], "type": "a", "type": {}}'
    yield "nested 50,000 deep", b"[" * 50_000 + b"]" * 50_000
    yield "a 400 kB string", json.dumps({"id": "evt_1", "padding": "x" * 400_000}).encode()
    yield "too large", json.dumps({"padding": "x" * 600_000}).encode()


def webhook_cases():
    """Signed and unsigned hostile deliveries to the Stripe webhook, signed now (Stripe's
    signatures are good for five minutes, so these are made when they are sent)."""
    path = WEBHOOK.url()
    found = []

    def deliver(label, payload, signature, may_write=frozenset()):
        headers = () if signature is None else (("Stripe-Signature", signature),)
        found.append(
            Case(
                route=WEBHOOK.route,
                method="POST",
                path=path,
                body=payload,
                content_type="application/json",
                headers=headers,
                may_write=may_write,
                label=label,
            )
        )

    def sign(payload, **kwargs):
        # Bodies that are not UTF-8 are refused before their signature matters.
        return stripe_fake.signature_header(payload.decode("utf-8", "replace"), **kwargs)

    for label, event in _spoiled_events():
        payload = json.dumps(event).encode()
        deliver(f"signed, {label}", payload, sign(payload), KEPT_EVENT)
    for label, payload in _raw_payloads():
        deliver(f"signed, {label}", payload, sign(payload), KEPT_EVENT)
        deliver(f"unsigned, {label}", payload, None)
    payload = json.dumps(stripe_fake.event("customer.created", {"id": "cus_X"})).encode()
    signatures = {
        "an attacker's secret": sign(payload, secret="whsec_attacker"),
        "an hour old": sign(payload, timestamp=int(time.time()) - 3600),
        "a 4,000-digit time": f"t={MANY_DIGITS},v1=" + "0" * 64,
        "no time": "v1=" + "0" * 64,
        "text for a time": "t=yesterday,v1=" + "0" * 64,
        "empty": "",
        "only commas": ",,,=,=",
        "a thousand signatures": "t=1," + ",".join(["v1=" + "0" * 64] * 1000),
        "100 kB": "t=1,v1=" + HUGE,
        "unicode": "t=\u00b2,v1=\u202e" + "0" * 64,
        "a NUL": "t=1\x00,v1=0",
    }
    for label, signature in signatures.items():
        deliver(f"signature {label}", payload, signature)
    return found
