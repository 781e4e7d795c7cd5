"""Staff sign in to the desk as they do in production: a password, then a second factor.

``sign_in(client, user)`` is the one way tests sign a staff member in. It gives them a confirmed
authenticator app and marks the session verified with ``django_otp.login``, exactly what the
second-factor step does once the code is right; two-factor sign-in stays on for the whole suite.
``code_now(device)`` is what the person's authenticator app would show, made from the device's
key, for tests that type the code in (and the browser's ``sign_in_page``).
"""

import django_otp
from django.http import HttpRequest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential


def authenticator(user):
    """The user's confirmed authenticator app, set up now if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app")


def passkey(user, name="Work laptop"):
    """A passkey as a finished registration leaves it in the database (the browser tests go
    through the real ceremony, with a virtual authenticator)."""
    return WebAuthnCredential.objects.create(
        user=user,
        name=name,
        credential_id=f"{user.pk}-{name}".encode(),
        public_key=b"\xa5\x01\x02",
        aaguid="00000000-0000-0000-0000-000000000000",
    )


def code_now(device):
    """The 6-digit code the authenticator app shows at this moment (the clock tests set)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def sign_in(client, user):
    """``client`` signed in as ``user`` with their second factor confirmed. Returns the client."""
    client.force_login(user)
    request = HttpRequest()
    request.session = client.session
    request.user = user
    django_otp.login(request, authenticator(user))
    request.session.save()
    return client


def sign_in_page(page, user, password):
    """A browser signs ``user`` in through the admin's pages: the password, then the code their
    authenticator app shows (set up beforehand, as for a returning member of staff)."""
    from playwright.sync_api import expect

    device = authenticator(user)
    page.goto("/admin/")
    page.locator("#id_username").fill(user.get_username())
    page.locator("#id_password").fill(password)
    page.locator("#id_password").press("Enter")
    page.locator("#id_otp_token").fill(code_now(device))
    page.locator("#id_otp_token").press("Enter")
    expect(page.locator("#user-tools")).to_be_visible()


def password_step(client, user, password):
    """The admin's sign-in form with the right password: the first factor, nothing more."""
    response = client.post(
        "/admin/login/",
        {"username": user.get_username(), "password": password, "next": "/admin/"},
    )
    assert response.status_code == 302, "the password was not accepted"
    return response


def inline_scripts(page):
    """Script a Content-Security-Policy of ``script-src 'self'`` would block on a parsed page:
    inline ``<script>`` (JSON data blocks are not run) and ``on…=`` handlers."""
    found = [
        str(tag)[:80]
        for tag in page.select("script:not([src])")
        if tag.get("type") != "application/json"
    ]
    found += [
        f"{tag.name} {name}"
        for tag in page.find_all(True)
        for name in tag.attrs
        if name.lower().startswith("on")
    ]
    return found
