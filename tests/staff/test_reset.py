"""Someone lost their phone (and their recovery codes): a superuser resets their two-factor
sign-in from the admin's list of users, the reset is logged, and their next sign-in sets up a new
authenticator app."""

import logging
from io import StringIO

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff.services import recovery_codes_replace
from tests.articles.desk import PASSWORD
from tests.dom import one, parse, text, texts
from tests.staff.sign_in import authenticator, passkey, password_step, sign_in

pytestmark = pytest.mark.django_db

USERS = reverse("admin:auth_user_changelist")


def reset(client, *users, confirmed=True):
    data = {"action": "reset_two_factor", "_selected_action": [user.pk for user in users]}
    if confirmed:
        data["post"] = "yes"
    return client.post(USERS, data)


def test_the_users_list_shows_who_has_set_up_two_factor_sign_in(client, superuser, editor):
    sign_in(client, superuser)
    passkey(editor)
    rows = {
        text(one(row, "th")): text(one(row, "td.field-two_factor"))
        for row in parse(client.get(USERS)).select("#result_list tbody tr")
    }
    assert rows["chief"] == "Authenticator app"
    assert rows["editor"] == "Passkey"
    not_set_up = parse(client.get(USERS, {"two_factor": "no"}))
    assert not [row for row in texts(not_set_up, "#result_list th") if row in {"chief", "editor"}]


def test_a_superuser_resets_a_lost_phone_and_it_is_logged(client, superuser, editor, caplog):
    authenticator(editor)
    passkey(editor)
    recovery_codes_replace(user=editor)
    sign_in(client, superuser)

    asked = parse(reset(client, editor, confirmed=False))
    assert "removes every authenticator app, passkey and recovery code" in text(
        one(asked, "#content-main")
    )
    assert TOTPDevice.objects.filter(user=editor).exists()  # nothing happens before "Yes"

    with caplog.at_level(logging.WARNING, logger="staff"):
        response = reset(client, editor)
    assert response.status_code == 302
    assert "Two-factor sign-in reset for editor" in text(
        one(parse(client.get(response["Location"])), ".messagelist")
    )
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticToken.objects.filter(device__user=editor).exists()
    entry = LogEntry.objects.get(object_id=str(editor.pk))
    assert entry.user == superuser
    assert entry.change_message == (
        "Reset two-factor sign-in: removed 1 authenticator app, 1 passkey, 10 recovery codes."
    )
    assert "Two-factor sign-in of 'editor'" in caplog.text and "reset by 'chief'" in caplog.text

    lost_phone = Client()
    password_step(lost_phone, editor, PASSWORD)
    assert lost_phone.get("/admin/", follow=True).request["PATH_INFO"] == reverse("staff:enrol")


def test_only_superusers_may_reset_even_staff_who_may_change_users(client, editor, manager):
    authenticator(manager)
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    sign_in(client, editor)
    page = parse(client.get(USERS))
    assert not page.select('option[value="reset_two_factor"]')
    reset(client, manager)
    assert TOTPDevice.objects.filter(user=manager).exists()


def test_from_the_shell_one_more_recovery_code_lets_someone_in_to_set_up_again(client, editor):
    authenticator(editor)
    out = StringIO()
    call_command("addstatictoken", "editor", stdout=out)
    password_step(client, editor, PASSWORD)
    assert (
        client.post(reverse("staff:verify"), {"recovery_code": out.getvalue()}).status_code == 302
    )
    assert client.get(reverse("staff:enrol")).status_code == 200  # confirmed: may set up again
