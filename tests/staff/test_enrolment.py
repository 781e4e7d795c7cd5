"""First sign-in of someone who must use a second factor: a page explains, shows a QR code and the
key as text, asks for a code to confirm, then shows recovery codes once."""

from base64 import b32decode

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.articles.desk import PASSWORD
from tests.dom import one, parse, text, texts
from tests.staff.sign_in import authenticator, code_now, inline_scripts, password_step, sign_in

pytestmark = pytest.mark.django_db

ENROL = reverse("staff:enrol")
VERIFY = reverse("staff:verify")
RECOVERY = reverse("staff:recovery-codes")
DESK = "/admin/"


def code_from_page(page, offset=0):
    """What an authenticator app makes from the key the page shows (``offset`` steps later)."""
    key = b32decode(text(one(page, "#two-factor-secret")).replace(" ", ""))
    totp = TOTP(key)
    totp.time += offset * totp.step
    return f"{totp.token():06d}"


def test_first_sign_in_sets_up_an_authenticator_app_and_shows_recovery_codes_once(client, editor):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        password_step(client, editor, PASSWORD)
        response = client.get(DESK, follow=True)
        assert response.request["PATH_INFO"] == ENROL
        page = parse(response)
        assert "a stolen password alone must not open it" in text(one(page, ".two-factor__intro"))
        qr = one(page, "svg.two-factor__qr")
        assert qr["role"] == "img" and qr["aria-label"]
        assert len(text(one(page, "#two-factor-secret")).replace(" ", "")) == 32
        assert "Newsroom: editor" in text(page.select_one("#content-main"))
        assert inline_scripts(page) == []

        confirmed = client.post(ENROL, {"otp_token": code_from_page(page), "next": DESK})
        assert confirmed["Location"] == f"{RECOVERY}?next=%2Fadmin%2F"
        codes_page = parse(client.get(confirmed["Location"]))
        codes = texts(codes_page, "#recovery-codes code")
        assert len(codes) == len(set(codes)) == 10
        assert all(len(code) == 9 and code[4] == "-" for code in codes)
        assert one(codes_page, "a.button.default")["href"] == DESK
        # Shown once: coming back shows how many are left, never the codes.
        again = parse(client.get(RECOVERY))
        assert not again.select("#recovery-codes")
        assert "10 unused recovery codes" in text(one(again, "#content-main"))
        assert client.get(DESK).status_code == 200

        # From now on the password is followed by the code, never by enrolment again.
        clock.shift(30)
        later = Client()
        password_step(later, editor, PASSWORD)
        assert later.get(DESK, follow=True).request["PATH_INFO"] == VERIFY
        device = TOTPDevice.objects.get(user=editor)
        assert device.confirmed
        assert later.post(VERIFY, {"otp_token": code_now(device)}).status_code == 302
        assert later.get(DESK).status_code == 200


def test_a_wrong_code_leaves_the_app_unconfirmed_and_the_desk_closed(client, editor):
    password_step(client, editor, PASSWORD)
    page = parse(client.get(ENROL))
    right = code_from_page(page)
    wrong = f"{(int(right) + 500_000) % 1_000_000:06d}"
    response = client.post(ENROL, {"otp_token": wrong})
    assert response.status_code == 200
    assert "That code is not right" in text(one(parse(response), ".errorlist"))
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    assert client.get(DESK)["Location"].startswith(VERIFY)
    # The page keeps the same key while this session sets it up.
    assert text(one(parse(client.get(ENROL)), "#two-factor-secret")) == text(
        one(page, "#two-factor-secret")
    )


def test_each_session_is_shown_a_key_of_its_own(editor):
    """Someone else with the password who opened the page must not learn the key that gets
    confirmed later in the real person's session."""
    intruder, owner = Client(), Client()
    password_step(intruder, editor, PASSWORD)
    seen = text(one(parse(intruder.get(ENROL)), "#two-factor-secret"))
    password_step(owner, editor, PASSWORD)
    page = parse(owner.get(ENROL))
    assert text(one(page, "#two-factor-secret")) != seen
    assert owner.post(ENROL, {"otp_token": code_from_page(page)}).status_code == 302
    device = TOTPDevice.objects.get(user=editor)
    assert device.confirmed and text(one(page, "#two-factor-secret")).replace(" ", "") != seen


def test_a_password_alone_cannot_replace_an_app_already_set_up(client, editor):
    original = authenticator(editor)
    password_step(client, editor, PASSWORD)
    response = client.get(ENROL)
    assert response["Location"].startswith(VERIFY)
    assert client.post(ENROL, {"otp_token": "123456"})["Location"].startswith(VERIFY)
    assert list(TOTPDevice.objects.filter(user=editor)) == [original]


def test_setting_up_again_on_a_new_phone_replaces_the_old_app_and_keeps_the_recovery_codes(
    client, editor
):
    from staff.services import recovery_codes_replace

    old = authenticator(editor)
    codes = recovery_codes_replace(user=editor)
    sign_in(client, editor)
    page = parse(client.get(ENROL))
    assert "Your old app stops working" in text(one(page, "#content-main"))
    response = client.post(ENROL, {"otp_token": code_from_page(page, offset=1)}, follow=True)
    assert "Your authenticator app is set up." in text(one(parse(response), ".messagelist"))
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    new = TOTPDevice.objects.get(user=editor)
    assert new.confirmed
    assert client.get(DESK).status_code == 200  # confirmed with the new app
    other = Client()
    password_step(other, editor, PASSWORD)
    assert other.post(VERIFY, {"recovery_code": codes[0]}).status_code == 302


def test_a_reporter_may_set_up_a_second_factor_though_not_asked_to(client, reporter):
    password_step(client, reporter, PASSWORD)
    assert client.get(DESK).status_code == 200
    methods = parse(client.get(reverse("staff:devices")))
    assert "does not have to use a second factor" in text(one(methods, "#content-main"))
    page = parse(client.get(one(methods, f'a[href^="{ENROL}"]')["href"]))
    assert "keeps your account safe" in text(one(page, ".two-factor__intro"))
    assert client.post(ENROL, {"otp_token": code_from_page(page)}).status_code == 302
    assert TOTPDevice.objects.get(user=reporter).confirmed
