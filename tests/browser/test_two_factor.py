"""Two-factor sign-in in a real browser: an editor's first sign-in sets up an authenticator app
(the code typed is made from the key the page shows), and a passkey added with Chromium's virtual
authenticator confirms the next sign-in."""

from base64 import b32decode

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import TOTP
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from tests.articles.desk import PASSWORD, desk_user
from tests.browser.conftest import DESKTOP
from tests.staff.sign_in import sign_in_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def enter_password(page, username):
    page.goto("/admin/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")


def test_an_editors_first_sign_in_sets_up_an_authenticator_app(page):
    desk_user("Editor")
    page.set_viewport_size(DESKTOP)
    enter_password(page, "editor")

    expect(page.locator("h1")).to_have_text("Set up two-factor sign-in")
    expect(page.locator("svg.two-factor__qr")).to_be_visible()
    violations = Axe().run(page).response["violations"]
    assert not [v["id"] for v in violations if v["impact"] in {"serious", "critical"}]

    secret = page.locator("#two-factor-secret").inner_text().replace(" ", "")
    code = f"{TOTP(b32decode(secret)).token():06d}"  # what the phone's app would show now
    page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name="Confirm and finish").click()

    expect(page.locator("h1")).to_have_text("Your recovery codes")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="I have saved my codes: continue").click()
    expect(page.locator("#user-tools")).to_contain_text("Two-factor sign-in")
    expect(page.locator("#content h1")).to_have_text("Newsroom desk")


def test_a_passkey_added_in_the_browser_confirms_the_next_sign_in(page, live_server, settings):
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]  # http://localhost:<port>
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    editor = desk_user("Editor")
    page.set_viewport_size(DESKTOP)
    sign_in_page(page, editor, PASSWORD)

    page.get_by_role("link", name="Two-factor sign-in").click()
    # The passkey buttons are the library's script's: pressed once the page has settled.
    expect(page).to_have_url(f"{live_server.url}/admin/two-factor/methods/")
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Add a passkey or security key").click()
    # Two requests and the authenticator's ceremony, then the page again: slow on a busy machine.
    expect(page.locator(".messagelist")).to_contain_text("Your passkey was added.", timeout=15_000)
    expect(page.locator(".two-factor__list li")).to_have_count(1)
    assert WebAuthnCredential.objects.get().user == editor

    page.locator("#logout-form button").click()
    enter_password(page, "editor")
    expect(page.locator("h1")).to_have_text("Confirm it’s you")
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Use your passkey").click()
    # The same ceremony again, then the redirect to the desk: the page says if it went wrong.
    status = page.locator("#passkey-verification-status-message")
    page.wait_for_function(
        "() => location.pathname === '/admin/' || document.querySelector("
        "'#passkey-verification-status-message[data-status-enum]:not([data-status-enum=busy])"
        ":not([data-status-enum=success])')",
        timeout=30_000,
    )
    assert page.url == f"{live_server.url}/admin/", status.inner_text()
    expect(page.locator("#user-tools")).to_contain_text("Two-factor sign-in", timeout=15_000)
