"""Stripe's HTTP API answered in-process, with payloads shaped like the recorded real ones.

The real ``stripe`` library builds and sends every request; only the network is replaced, by an
``HTTPClient`` that the settings point at (STRIPE_HTTP_CLIENT). Webhooks are signed with
Stripe's real scheme and verified by the real library.
"""

import hashlib
import hmac
import json
import secrets
import time
from urllib.parse import parse_qsl, urlsplit

from stripe import HTTPClient

WEBHOOK_SECRET = "whsec_test_" + "k3y" * 10
WEBHOOK = "/memberships/webhooks/stripe/"
API_VERSION = "2026-10-28.endive"


def _id(prefix):
    return f"{prefix}_{secrets.token_hex(12)}"


def nested(pairs):
    """Stripe's form encoding (a[b][0][c]=1) back into dicts and lists."""
    root = {}
    for key, value in pairs:
        parts = key.replace("]", "").split("[")
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return _listify(root)


def _listify(node):
    if not isinstance(node, dict):
        return node
    if node and all(key.isdigit() for key in node):
        return [_listify(node[key]) for key in sorted(node, key=int)]
    return {key: _listify(value) for key, value in node.items()}


# --- Objects, as the API (version 2026-10-28) returns them ---------------------------------


def price(*, unit_amount=500, currency="usd", interval="month", product="prod_Supporter01"):
    return {
        "id": _id("price"),
        "object": "price",
        "active": True,
        "billing_scheme": "per_unit",
        "created": int(time.time()) - 86400,
        "currency": currency,
        "livemode": False,
        "lookup_key": None,
        "metadata": {},
        "nickname": None,
        "product": product,
        "recurring": {
            "interval": interval,
            "interval_count": 1,
            "meter": None,
            "usage_type": "licensed",
        },
        "tax_behavior": "unspecified",
        "type": "recurring",
        "unit_amount": unit_amount,
        "unit_amount_decimal": str(unit_amount),
    }


def subscription(
    *,
    id=None,
    customer="cus_Test0001",
    status="active",
    reference="",
    plan="supporter-monthly",
    unit_amount=500,
    interval="month",
    start=None,
    period_end=None,
    cancel_at_period_end=False,
    canceled_at=None,
    ended_at=None,
):
    start = start or int(time.time())
    period_end = period_end or start + 30 * 86400
    sub_id = id or _id("sub")
    return {
        "id": sub_id,
        "object": "subscription",
        "application": None,
        "automatic_tax": {"disabled_reason": None, "enabled": False, "liability": None},
        "billing_cycle_anchor": start,
        "billing_mode": {"type": "flexible"},
        "cancel_at": period_end if cancel_at_period_end else None,
        "cancel_at_period_end": cancel_at_period_end,
        "canceled_at": canceled_at,
        "cancellation_details": {"comment": None, "feedback": None, "reason": None},
        "collection_method": "charge_automatically",
        "created": start,
        "currency": "usd",
        "customer": customer,
        "default_payment_method": "pm_1Test0000Card",
        "description": None,
        "discounts": [],
        "ended_at": ended_at,
        "items": {
            "object": "list",
            "data": [
                {
                    "id": "si_Test0001",
                    "object": "subscription_item",
                    "created": start,
                    "current_period_end": period_end,
                    "current_period_start": start,
                    "metadata": {},
                    "price": price(unit_amount=unit_amount, interval=interval),
                    "quantity": 1,
                    "subscription": sub_id,
                    "tax_rates": [],
                }
            ],
            "has_more": False,
            "total_count": 1,
            "url": f"/v1/subscription_items?subscription={sub_id}",
        },
        "latest_invoice": _id("in"),
        "livemode": False,
        "metadata": {"membership": reference, "plan": plan},
        "pending_update": None,
        "schedule": None,
        "start_date": start,
        "status": status,
        "trial_end": None,
        "trial_start": None,
    }


def checkout_session(
    *,
    id=None,
    reference,
    customer="cus_Test0001",
    subscription_id=None,
    email="reader@example.org",
    payment_status="paid",
    status="complete",
):
    return {
        "id": id or _id("cs_test"),
        "object": "checkout.session",
        "amount_subtotal": 500,
        "amount_total": 500,
        "client_reference_id": reference,
        "created": int(time.time()),
        "currency": "usd",
        "customer": customer,
        "customer_details": {"email": email, "name": "Ani Petrosyan", "address": None},
        "customer_email": email,
        "expires_at": int(time.time()) + 86400,
        "invoice": _id("in"),
        "livemode": False,
        "metadata": {"membership": reference},
        "mode": "subscription",
        "payment_status": payment_status,
        "status": status,
        "subscription": subscription_id,
        "success_url": "https://news.example.org/join/thanks/?session_id={CHECKOUT_SESSION_ID}",
        "url": None,
    }


def invoice(
    *,
    id=None,
    subscription_id,
    reference,
    customer="cus_Test0001",
    amount=500,
    paid=True,
    billing_reason="subscription_cycle",
    period_start=None,
    period_end=None,
    attempt_count=1,
):
    period_start = period_start or int(time.time())
    period_end = period_end or period_start + 30 * 86400
    return {
        "id": id or _id("in"),
        "object": "invoice",
        "account_country": "US",
        "amount_due": amount,
        "amount_paid": amount if paid else 0,
        "amount_remaining": 0 if paid else amount,
        "attempt_count": attempt_count,
        "attempted": True,
        "billing_reason": billing_reason,
        "collection_method": "charge_automatically",
        "created": period_start,
        "currency": "usd",
        "customer": customer,
        "customer_email": "reader@example.org",
        "hosted_invoice_url": "https://invoice.stripe.com/i/acct_test/test_1",
        "lines": {
            "object": "list",
            "data": [
                {
                    "id": _id("il"),
                    "object": "line_item",
                    "amount": amount,
                    "currency": "usd",
                    "description": "1 × Caucasus Dispatch Supporter (at $5.00 / month)",
                    "period": {"end": period_end, "start": period_start},
                    "pricing": {"price_details": {"price": "price_1", "product": "prod_1"}},
                    "quantity": 1,
                }
            ],
            "has_more": False,
            "total_count": 1,
        },
        "livemode": False,
        "next_payment_attempt": None if paid else period_start + 3 * 86400,
        "number": "ABCD1234-0001",
        "parent": {
            "quote_details": None,
            "subscription_details": {
                "metadata": {"membership": reference, "plan": "supporter-monthly"},
                "subscription": subscription_id,
            },
            "type": "subscription_details",
        },
        "period_end": period_start,
        "period_start": period_start,
        "status": "paid" if paid else "open",
        "status_transitions": {
            "finalized_at": period_start,
            "paid_at": period_start if paid else None,
            "voided_at": None,
        },
        "subtotal": amount,
        "total": amount,
    }


def charge(*, customer="cus_Test0001", amount=500, amount_refunded=500):
    return {
        "id": _id("ch"),
        "object": "charge",
        "amount": amount,
        "amount_captured": amount,
        "amount_refunded": amount_refunded,
        "captured": True,
        "created": int(time.time()),
        "currency": "usd",
        "customer": customer,
        "livemode": False,
        "metadata": {},
        "paid": True,
        "payment_intent": _id("pi"),
        "refunded": amount_refunded == amount,
        "status": "succeeded",
    }


def event(event_type, obj, *, created=None, id=None):
    return {
        "id": id or _id("evt"),
        "object": "event",
        "api_version": API_VERSION,
        "created": created or int(time.time()),
        "data": {"object": obj},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": _id("req"), "idempotency_key": None},
        "type": event_type,
    }


def signature_header(payload: str, *, secret=WEBHOOK_SECRET, timestamp=None):
    """Stripe-Signature: t=<unix time>,v1=<HMAC-SHA256 of "t.payload" with the secret>."""
    timestamp = timestamp or int(time.time())
    signed = f"{timestamp}.{payload}".encode()
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def deliver(client, payload: str, *, signature=None):
    """POST ``payload`` to the webhook as Stripe would, signed unless ``signature`` is given."""
    return client.post(
        WEBHOOK,
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature or signature_header(payload),
    )


# --- The API, in process ---------------------------------------------------------------------


class FakeStripeAPI:
    """Keeps subscriptions it is told about and answers the calls the provider makes."""

    def __init__(self):
        self.requests = []
        self.subscriptions = {}
        self.next_error = None

    def fail_next(self, *, status=402, message="Your card was declined.", code="card_declined"):
        self.next_error = (status, message, code)

    def add_subscription(self, sub):
        self.subscriptions[sub["id"]] = sub
        return sub

    def calls(self, method, path_start):
        return [
            r for r in self.requests if r["method"] == method and r["path"].startswith(path_start)
        ]

    def handle(self, method, url, headers, post_data):
        path = urlsplit(url).path
        params = nested(parse_qsl(post_data or "", keep_blank_values=True))
        self.requests.append(
            {"method": method.upper(), "path": path, "params": params, "headers": dict(headers)}
        )
        if self.next_error:
            status, message, code = self.next_error
            self.next_error = None
            return self._error(status, message, code)
        method = method.upper()
        if method == "POST" and path == "/v1/checkout/sessions":
            session = checkout_session(
                reference=params.get("client_reference_id"),
                customer=params.get("customer"),
                email=params.get("customer_email"),
                payment_status="unpaid",
                status="open",
            )
            session["url"] = f"https://checkout.stripe.com/c/pay/{session['id']}#fid"
            return self._ok(session)
        if method == "POST" and path == "/v1/billing_portal/sessions":
            return self._ok(
                {
                    "id": _id("bps"),
                    "object": "billing_portal.session",
                    "customer": params["customer"],
                    "livemode": False,
                    "return_url": params.get("return_url"),
                    "url": f"https://billing.stripe.com/p/session/test_{secrets.token_hex(8)}",
                }
            )
        if path.startswith("/v1/subscriptions/"):
            sub = self.subscriptions.get(path.rsplit("/", 1)[-1])
            if sub is None:
                return self._error(404, "No such subscription", "resource_missing")
            if method == "GET":
                return self._ok(sub)
            if method == "DELETE":
                now = int(time.time())
                sub.update(
                    status="canceled",
                    canceled_at=now,
                    ended_at=now,
                    cancel_at_period_end=False,
                    cancel_at=None,
                )
                return self._ok(sub)
            if method == "POST":
                return self._ok(self._update(sub, params))
        return self._error(404, f"Unrecognized request URL ({method}: {path})", None)

    def _update(self, sub, params):
        if params.get("cancel_at_period_end") == "true":
            item_end = sub["items"]["data"][0]["current_period_end"]
            sub.update(cancel_at_period_end=True, cancel_at=item_end, canceled_at=int(time.time()))
        for change in params.get("items", []):
            item = sub["items"]["data"][0]
            assert change["id"] == item["id"], "the subscription item must be updated in place"
            if "price_data" in change:
                data = change["price_data"]
                item["price"] = price(
                    unit_amount=int(data["unit_amount"]),
                    currency=data["currency"],
                    interval=data["recurring"]["interval"],
                    product=data["product"],
                )
            elif "price" in change:
                item["price"] = {**item["price"], "id": change["price"]}
        if "metadata" in params:
            sub["metadata"].update(params["metadata"])
        return sub

    def _ok(self, body):
        return json.dumps(body), 200, {"Request-Id": _id("req")}

    def _error(self, status, message, code):
        body = {
            "error": {
                "type": "card_error" if status == 402 else "invalid_request_error",
                "message": message,
                "code": code,
            }
        }
        return json.dumps(body), status, {"Request-Id": _id("req")}


CURRENT = FakeStripeAPI()


class FakeStripeHTTPClient(HTTPClient):
    name = "fake"

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        return CURRENT.handle(method, url, headers or {}, post_data)

    def request_stream(self, method, url, headers, post_data=None, *, _usage=None):
        raise NotImplementedError

    def close(self):
        pass
