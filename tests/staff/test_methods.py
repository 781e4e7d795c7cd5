"""Each member of staff manages their own sign-in methods: new recovery codes, passkeys, removing
one, but never the last one while their account must use a second factor."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from staff.services import recovery_codes_replace
from tests.articles.desk import PASSWORD
from tests.dom import one, parse, text, texts
from tests.staff.sign_in import authenticator, inline_scripts, passkey, password_step, sign_in

pytestmark = pytest.mark.django_db

METHODS = reverse("staff:devices")
RECOVERY = reverse("staff:recovery-codes")
REMOVE = reverse("staff:remove-device")
VERIFY = reverse("staff:verify")


def message(response):
    return text(one(parse(response), ".messagelist"))


def test_the_admin_header_leads_to_ones_own_sign_in_methods(client, editor):
    sign_in(client, editor)
    passkey(editor)
    recovery_codes_replace(user=editor)
    page = parse(client.get("/admin/"))
    assert one(page, f'#user-tools a[href="{METHODS}"]')
    methods = parse(client.get(METHODS))
    content = text(one(methods, "#content-main"))
    assert "Your account must confirm each sign-in with a second factor." in content
    assert "Work laptop, added" in content
    assert "10 unused codes left" in content
    assert inline_scripts(methods) == []
    offer = one(methods, "template#passkey-registration-available-template")  # for the script
    assert 'id="passkey-register-button"' in str(offer)


def test_new_recovery_codes_replace_every_earlier_one_and_are_shown_once(client, editor):
    sign_in(client, editor)
    old = recovery_codes_replace(user=editor)
    response = client.post(RECOVERY, {"next": METHODS}, follow=True)
    shown = [code.replace("-", "") for code in texts(parse(response), "#recovery-codes code")]
    assert len(shown) == 10 and not set(shown) & set(old)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(shown)
    assert not parse(client.get(RECOVERY)).select("#recovery-codes")


def test_the_last_app_or_passkey_stays_while_the_account_must_use_a_second_factor(client, editor):
    sign_in(client, editor)
    app = TOTPDevice.objects.get(user=editor)
    assert not parse(client.get(METHODS)).select(f'form[action="{REMOVE}"]')
    response = client.post(REMOVE, {"kind": "authenticator", "pk": app.pk}, follow=True)
    assert "This is your last authenticator app or passkey" in message(response)
    assert TOTPDevice.objects.filter(pk=app.pk).exists()

    key = passkey(editor)
    assert len(parse(client.get(METHODS)).select(f'form[action="{REMOVE}"]')) == 2
    response = client.post(REMOVE, {"kind": "passkey", "pk": key.pk}, follow=True)
    assert "The passkey “Work laptop” was removed." in message(response)
    assert not WebAuthnCredential.objects.filter(pk=key.pk).exists()
    assert client.get("/admin/").status_code == 200  # signed in with the app, still is


def test_a_reporter_may_remove_their_last_one_and_the_recovery_codes_go_with_it(client, reporter):
    sign_in(client, reporter)
    recovery_codes_replace(user=reporter)
    app = TOTPDevice.objects.get(user=reporter)
    client.post(REMOVE, {"kind": "authenticator", "pk": app.pk})
    assert not TOTPDevice.objects.filter(user=reporter).exists()
    assert not StaticToken.objects.filter(device__user=reporter).exists()
    again = Client()
    password_step(again, reporter, PASSWORD)
    assert again.get("/admin/").status_code == 200  # no longer asked for a second factor


def test_nobody_removes_someone_elses_passkey_and_nonsense_gets_a_clear_answer(
    client, editor, reporter
):
    sign_in(client, editor)
    passkey(editor, "Own key")
    theirs = passkey(reporter, "Their key")
    response = client.post(REMOVE, {"kind": "passkey", "pk": theirs.pk}, follow=True)
    assert "not one of yours" in message(response)
    assert WebAuthnCredential.objects.filter(pk=theirs.pk).exists()
    for data in [
        {"kind": "staticdevice", "pk": 1},
        {"kind": "passkey", "pk": "one"},
        {"kind": "passkey", "pk": 10**30},
        {"kind": "passkey", "pk": -1},
        {},
    ]:
        response = client.post(REMOVE, data, follow=True)
        assert response.status_code == 200, data
        assert "Choose a sign-in method to remove." in message(response), data
    assert WebAuthnCredential.objects.count() == 2
    assert client.get(REMOVE).status_code == 405


def test_changing_methods_needs_a_confirmed_session_even_where_none_is_asked_for(
    client, editor, settings
):
    settings.DEBUG = True  # nobody is asked for a second factor, yet one is set up
    app = authenticator(editor)
    password_step(client, editor, PASSWORD)
    page = parse(client.get(METHODS))
    assert one(page, f'.errornote a[href^="{VERIFY}"]')
    assert not page.select(f'form[action="{REMOVE}"], #passkey-registration-available-template')
    assert client.post(REMOVE, {"kind": "authenticator", "pk": app.pk}).status_code == 403
    assert client.post(RECOVERY).status_code == 403
    assert TOTPDevice.objects.filter(pk=app.pk).exists()
    assert not StaticToken.objects.exists()
