"""Someone trying leaked passwords on /admin/ is stopped after a few: that username, from that
address, is locked for a while. Other addresses, other usernames and the members' own sign-in
are not. Every test posts the admin's real sign-in form."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth import SESSION_KEY, authenticate
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.articles.desk import PASSWORD, desk_user
from tests.dom import one, parse, text, texts
from tests.factories import MembershipFactory, SupporterFactory
from tests.staff.sign_in import sign_in as sign_in_with_second_factor
from tests.test_settings import run_python

pytestmark = pytest.mark.django_db

SIGN_IN = "/admin/login/"
ATTEMPTS = "/admin/axes/accessattempt/"
WRONG = "Tr0ub4dor&3"
READER = "203.0.113.5"


@pytest.fixture
def editor():
    return desk_user("Editor")


def try_password(client, username, password, address=READER, **headers):
    """The admin's sign-in form, posted from ``address`` (the connecting address)."""
    return client.post(
        SIGN_IN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def fail(client, username, times, address=READER, **headers):
    """``times`` wrong passwords; the responses, the last of which may be the lockout."""
    return [try_password(client, username, WRONG, address, **headers) for _ in range(times)]


def let_in(client, response, user):
    """The password was accepted: the admin sends them on, signed in as ``user``."""
    return response.status_code == 302 and client.session.get(SESSION_KEY) == str(user.pk)


def locked_out(response):
    return response.status_code == 429 and "is locked for your address" in response.text


def test_a_few_mistakes_still_let_the_right_password_in(client, editor, settings):
    mistakes = fail(client, editor.username, settings.AXES_FAILURE_LIMIT - 1)
    assert {response.status_code for response in mistakes} == {200}  # the form, with its error
    assert let_in(client, try_password(client, editor.username, PASSWORD), editor)


def test_the_right_password_starts_the_count_again(editor, settings):
    for _ in range(2):
        client = Client()
        fail(client, editor.username, settings.AXES_FAILURE_LIMIT - 1)
        assert let_in(client, try_password(client, editor.username, PASSWORD), editor)
    assert not AccessAttempt.objects.exists()


def test_too_many_wrong_passwords_lock_even_the_right_one_out(client, editor, settings):
    *mistakes, last = fail(client, editor.username, settings.AXES_FAILURE_LIMIT)
    assert all(response.status_code == 200 for response in mistakes)
    assert locked_out(last)

    right = try_password(client, editor.username, PASSWORD)
    assert locked_out(right)
    assert SESSION_KEY not in client.session


def test_the_lockout_page_says_for_how_long_and_whom_to_ask(client, editor, settings):
    settings.ADMIN_LOCKOUT_CONTACT = "Tamar at the IT desk (+995 32 200 00 00)"
    response = fail(client, editor.username, settings.AXES_FAILURE_LIMIT)[-1]
    assert response.status_code == 429
    assert "no-store" in response["Cache-Control"]
    page = parse(response)
    assert "login" in one(page, "body")["class"]  # the admin's sign-in page, styled as such
    assert text(one(page, ".errornote")) == (
        "Too many failed sign-ins: this account is locked for your address for 15 minutes."
    )
    assert texts(page, "#content-main p") == [
        "Try again in 15 minutes with the right password.",
        "Need to sign in sooner? Ask Tamar at the IT desk (+995 32 200 00 00) to unlock it: "
        "they clear the lock under Access attempts in the admin.",
    ]
    assert one(page, "#content-main a")["href"] == SIGN_IN
    assert [script for script in page.select("script") if not script.get("src")] == []
    assert [tag for tag in page.find_all(True) if any(a.startswith("on") for a in tag.attrs)] == []


def test_the_lockout_page_does_not_tell_whether_the_username_exists(editor, settings):
    real = fail(Client(), editor.username, settings.AXES_FAILURE_LIMIT, "192.0.2.10")
    made_up = fail(Client(), "no-such-editor", settings.AXES_FAILURE_LIMIT, "192.0.2.11")
    for response in (real[-1], made_up[-1]):
        assert response.status_code == 429
    assert real[-1].content == made_up[-1].content  # byte for byte


def test_another_username_from_the_same_address_is_not_locked(client, editor, settings):
    reporter = desk_user("Reporter")
    fail(client, editor.username, settings.AXES_FAILURE_LIMIT)
    assert let_in(client, try_password(client, reporter.username, PASSWORD), reporter)


def test_the_same_username_from_another_address_is_not_locked(editor, settings):
    assert locked_out(fail(Client(), editor.username, settings.AXES_FAILURE_LIMIT)[-1])
    elsewhere = Client()
    response = try_password(elsewhere, editor.username, PASSWORD, "198.51.100.7")
    assert let_in(elsewhere, response, editor)


def test_after_the_cool_off_the_right_password_works_again(client, editor, settings, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    fail(client, editor.username, settings.AXES_FAILURE_LIMIT)

    time_machine.shift(timedelta(minutes=14))
    # Still locked; and this try is not counted, so the lock still ends 15 minutes after the last.
    assert locked_out(try_password(client, editor.username, PASSWORD))

    time_machine.shift(timedelta(minutes=1, seconds=1))
    assert let_in(client, try_password(client, editor.username, PASSWORD), editor)


def test_expired_attempts_are_deleted_by_the_next_sign_in(editor, settings, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    fail(Client(), editor.username, settings.AXES_FAILURE_LIMIT, "192.0.2.20")
    fail(Client(), "no-such-editor", 2, "192.0.2.21")
    assert AccessAttempt.objects.count() == 2

    time_machine.shift(settings.AXES_COOLOFF_TIME + timedelta(seconds=1))
    fail(Client(), "someone-else", 1, "192.0.2.22")
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["someone-else"]


def test_behind_a_proxy_readers_are_locked_by_their_own_address(editor, settings):
    settings.TRUSTED_PROXIES = 1
    proxy = "10.0.0.1"
    first, second = Client(), Client()
    mistakes = fail(
        first, editor.username, settings.AXES_FAILURE_LIMIT, proxy, HTTP_X_FORWARDED_FOR=READER
    )
    assert locked_out(mistakes[-1])

    other_reader = try_password(
        second, editor.username, PASSWORD, proxy, HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert let_in(second, other_reader, editor)
    assert AccessAttempt.objects.get().ip_address == READER


def test_a_forged_forwarded_address_does_not_dodge_the_lock(client, editor, settings):
    settings.TRUSTED_PROXIES = 1
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # The client writes a new address each time; the proxy appends the one it saw.
        response = try_password(
            client,
            editor.username,
            WRONG,
            "10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt + 1}, {READER}",
        )
    assert locked_out(response)

    forged = try_password(
        client, editor.username, PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.99, {READER}"
    )
    assert locked_out(forged)


def test_an_ipv6_client_is_locked_by_its_64_bit_network(editor, settings):
    network = "2001:db8:1:2:"
    for attempt in range(settings.AXES_FAILURE_LIMIT):  # a new address from its /64 every time
        response = try_password(Client(), editor.username, WRONG, f"{network}:{attempt + 1}")
    assert locked_out(response)

    same_network = Client()
    assert locked_out(try_password(same_network, editor.username, PASSWORD, f"{network}ffff:1:2:3"))
    next_network = Client()
    response = try_password(next_network, editor.username, PASSWORD, "2001:db8:1:3::1")
    assert let_in(next_network, response, editor)
    assert AccessAttempt.objects.get().ip_address == "2001:db8:1:2::"  # the /64, not an address


def test_a_superuser_sees_the_attempts_and_clearing_one_unlocks(
    client, editor, settings, django_user_model
):
    assert locked_out(fail(client, editor.username, settings.AXES_FAILURE_LIMIT)[-1])
    chief = django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)
    admin = sign_in_with_second_factor(Client(), chief)

    page = parse(admin.get(ATTEMPTS))
    columns = texts(page, "#result_list thead th")
    [row] = page.select("#result_list tbody tr")
    shown = dict(zip(columns, texts(row, "td, th"), strict=True))
    assert shown["Username"] == editor.username
    assert shown["IP Address"] == READER
    assert shown["Failed Logins"] == str(settings.AXES_FAILURE_LIMIT)
    assert shown["Status"] == "Locked Out"
    assert shown["Attempt Time"]

    attempt = AccessAttempt.objects.get()
    cleared = admin.post(f"{ATTEMPTS}{attempt.pk}/delete/", {"post": "yes"})
    assert cleared.status_code == 302
    assert let_in(client, try_password(client, editor.username, PASSWORD), editor)


@pytest.mark.parametrize("group", ["Editor", "Reporter", "Membership manager"])
def test_other_staff_can_neither_see_nor_clear_lockouts(client, editor, settings, group):
    fail(Client(), editor.username, settings.AXES_FAILURE_LIMIT)
    attempt = AccessAttempt.objects.get()
    staff = sign_in_with_second_factor(client, desk_user(group, "colleague"))

    assert staff.get(ATTEMPTS).status_code == 403
    assert staff.post(f"{ATTEMPTS}{attempt.pk}/delete/", {"post": "yes"}).status_code == 403
    assert staff.get("/admin/axes/accesslog/").status_code == 403
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
    assert "Access attempts" not in texts(parse(staff.get("/admin/")), "th a, caption a")


def test_staff_sign_ins_are_logged_until_axes_reset_logs_deletes_them(
    client, editor, settings, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    assert let_in(client, try_password(client, editor.username, PASSWORD, "192.0.2.30"), editor)
    assert list(AccessLog.objects.values_list("username", "ip_address")) == [
        (editor.username, "192.0.2.30")
    ]

    time_machine.shift(timedelta(days=31))
    call_command("axes_reset_logs", "--age", "30", stdout=StringIO())
    assert not AccessLog.objects.exists()


def test_the_members_sign_in_is_not_throttled(
    editor, settings, django_capture_on_commit_callbacks, mailoutbox
):
    """Members sign in with an emailed link, never a password: a locked address still can."""
    settings.SITE_URL = "https://news.example.org"
    member = MembershipFactory(supporter=SupporterFactory(email="nino@example.org")).supporter
    reader = Client()
    fail(reader, "nino@example.org", settings.AXES_FAILURE_LIMIT)
    assert locked_out(fail(reader, editor.username, settings.AXES_FAILURE_LIMIT)[-1])
    attempts = list(AccessAttempt.objects.values())

    with django_capture_on_commit_callbacks(execute=True):
        asked = reader.post("/membership/sign-in/", {"email": member.email}, REMOTE_ADDR=READER)
    assert asked.status_code == 200
    [message] = mailoutbox
    link = re.search(r"https://news\.example\.org(/membership/sign-in/[\w-]+/)", message.body)[1]
    assert reader.post(link, REMOTE_ADDR=READER).url == "/membership/"
    account = reader.get("/membership/", REMOTE_ADDR=READER)
    assert account.status_code == 200
    assert "Signed in as nino@example.org." in texts(parse(account), "main p")
    assert list(AccessAttempt.objects.values()) == attempts  # nothing counted, nothing stored
    assert not AccessLog.objects.exists()  # no reader's address kept for signing in


def test_sign_ins_made_without_a_request_are_not_throttled(editor, settings):
    """The shell and tests' ``Client.login()``: no client, so nothing to lock out."""
    fail(Client(), editor.username, settings.AXES_FAILURE_LIMIT)
    assert authenticate(username=editor.username, password=PASSWORD) == editor
    assert Client().login(username=editor.username, password=PASSWORD)


def test_limits_come_from_the_environment_and_nonsense_is_refused():
    code = "from newsroom import settings as s; print(s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME)"
    configured = run_python(code, DEBUG="1", AXES_FAILURE_LIMIT="3", AXES_COOLOFF_MINUTES="60")
    assert configured.stdout.split() == ["3", "1:00:00"]
    refused = run_python("from newsroom import settings", DEBUG="1", AXES_COOLOFF_MINUTES="0")
    assert refused.returncode != 0
    assert "AXES_FAILURE_LIMIT and AXES_COOLOFF_MINUTES must be 1 or more" in refused.stderr
