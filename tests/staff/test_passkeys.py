"""The server side of passkeys and security keys (WebAuthn): the ceremonies' endpoints answer only
someone signed in with a password, a passkey is added only from a confirmed session, and only the
person's own passkey confirms their session. (The ceremony itself, with a virtual authenticator,
is in tests/browser/test_two_factor.py.)"""

import json
from base64 import urlsafe_b64encode

import pytest
from django.urls import reverse

from tests.articles.desk import PASSWORD
from tests.dom import one, parse
from tests.staff.sign_in import inline_scripts, passkey, password_step, sign_in

pytestmark = pytest.mark.django_db

REGISTER = reverse("otp_webauthn:credential-registration-begin")
REGISTERED = reverse("otp_webauthn:credential-registration-complete")
AUTHENTICATE = reverse("otp_webauthn:credential-authentication-begin")
AUTHENTICATED = reverse("otp_webauthn:credential-authentication-complete")


def b64(data):
    return urlsafe_b64encode(data).rstrip(b"=").decode()


def post_json(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def test_nobody_signed_out_gets_a_passkey_ceremony_started(client, editor):
    passkey(editor)
    for url in [REGISTER, REGISTERED, AUTHENTICATE, AUTHENTICATED]:
        response = post_json(client, url)
        assert response.status_code == 403, url
        assert "challenge" not in response.json(), url
    assert post_json(client, AUTHENTICATE).json()["code"] == "passwordless_login_disabled"


def test_after_the_password_a_passkey_check_starts_for_that_persons_own_keys(client, editor):
    own = passkey(editor)
    password_step(client, editor, PASSWORD)
    response = post_json(client, AUTHENTICATE)
    assert response.status_code == 200
    options = response.json()
    assert options["rpId"] == "localhost"  # SITE_URL's host; a loopback address cannot be one
    assert options["challenge"]
    assert [c["id"] for c in options["allowCredentials"]] == [b64(own.credential_id)]
    page = parse(client.get(reverse("staff:verify")))
    assert one(page, "template#passkey-verification-available-template")
    assert inline_scripts(page) == []
    # A password alone cannot add a passkey.
    refused = post_json(client, REGISTER)
    assert refused.status_code == 403 and "challenge" not in refused.text


def test_someone_elses_passkey_never_confirms_this_session(client, editor, reporter):
    passkey(editor)
    theirs = passkey(reporter, "Their key")
    password_step(client, editor, PASSWORD)
    post_json(client, AUTHENTICATE)
    assertion = {
        "id": b64(theirs.credential_id),
        "rawId": b64(theirs.credential_id),
        "type": "public-key",
        "response": {
            "clientDataJSON": b64(b"{}"),
            "authenticatorData": b64(b"\x00" * 37),
            "signature": b64(b"\x00"),
        },
    }
    response = post_json(client, AUTHENTICATED, assertion)
    assert response.status_code == 403
    assert response.json()["code"] == "credential_user_mismatch"
    assert client.get("/admin/")["Location"].startswith(reverse("staff:verify"))


def test_a_garbled_passkey_answer_gets_an_error_and_confirms_nothing(client, editor):
    passkey(editor)
    password_step(client, editor, PASSWORD)
    post_json(client, AUTHENTICATE)
    for body in ["not json", json.dumps({"id": "x"}), json.dumps([1, 2])]:
        response = client.post(AUTHENTICATED, body, content_type="application/json")
        assert 400 <= response.status_code < 500, body
    assert client.get("/admin/")["Location"].startswith(reverse("staff:verify"))


def test_a_confirmed_session_gets_the_options_to_add_a_passkey(client, editor, settings):
    existing = passkey(editor)
    sign_in(client, editor)
    response = post_json(client, REGISTER)
    assert response.status_code == 200
    options = response.json()
    assert options["rp"] == {"id": "localhost", "name": settings.SITE_NAME}
    assert options["user"]["name"] == "editor"
    assert [c["id"] for c in options["excludeCredentials"]] == [b64(existing.credential_id)]
    assert options["authenticatorSelection"]["residentKey"] == "preferred"


def test_with_debug_on_a_password_still_does_not_add_a_passkey(client, editor, settings):
    settings.DEBUG = True  # and no second factor set up, which the library alone would allow
    password_step(client, editor, PASSWORD)
    assert client.get("/admin/").status_code == 200  # two-factor sign-in is off
    refused = post_json(client, REGISTER)
    assert refused.status_code == 403
    assert refused.json()["code"] == "user_not_verified"
