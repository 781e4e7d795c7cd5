"""A stolen password must not open the desk: staff who must use a second factor reach nothing of
the admin (nor the desk's other pages) until they have given it."""

from io import StringIO

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.articles.desk import PASSWORD
from tests.dom import one, parse, text, texts
from tests.factories import ArticleFactory
from tests.staff.sign_in import authenticator, code_now, password_step

pytestmark = pytest.mark.django_db

VERIFY = reverse("staff:verify")
ENROL = reverse("staff:enrol")
DESK = "/admin/"
STORIES = reverse("admin:articles_article_changelist")


def lands_on(client, url):
    """Where the admin sends a browser that asks for ``url``: the path, after every redirect."""
    response = client.get(url, follow=True)
    return response.request["PATH_INFO"], response


def desk_opens(client):
    path, response = lands_on(client, DESK)
    return path == DESK and response.status_code == 200 and one(parse(response), "#user-tools")


@pytest.mark.parametrize("who", ["editor", "manager", "superuser"])
def test_a_password_alone_does_not_open_the_desk_for_those_who_must_use_a_second_factor(
    client, request, who
):
    user = request.getfixturevalue(who)
    password_step(client, user, PASSWORD)
    assert client.session[SESSION_KEY] == str(user.pk)  # the password was right
    path, page = lands_on(client, DESK)
    assert path == ENROL  # no device yet: set one up first
    assert "Set up two-factor sign-in" in text(one(parse(page), "h1"))
    assert not parse(page).select("#user-tools, #nav-sidebar, .app-articles")
    assert not desk_opens(client)


def test_a_returning_editor_is_asked_for_the_code_and_then_let_in(client, editor):
    device = authenticator(editor)
    password_step(client, editor, PASSWORD)
    path, page = lands_on(client, STORIES)
    assert path == VERIFY
    assert one(parse(page), 'input[name="next"]')["value"] == STORIES
    response = client.post(VERIFY, {"otp_token": code_now(device), "next": STORIES})
    assert response.status_code == 302 and response["Location"] == STORIES
    assert client.get(STORIES).status_code == 200
    assert desk_opens(client)


def test_a_reporter_is_let_in_with_a_password_by_default_but_not_when_all_staff_must(
    client, reporter, settings
):
    password_step(client, reporter, PASSWORD)
    assert desk_opens(client)
    settings.STAFF_TWO_FACTOR = "all"
    assert lands_on(client, DESK)[0] == ENROL
    assert client.get(STORIES).status_code == 302


@pytest.mark.parametrize(
    "codename", ["publish_article", "view_supporter", "change_user"], ids=lambda c: c
)
def test_the_power_to_publish_see_members_or_change_accounts_needs_a_second_factor_in_any_group(
    client, reporter, codename
):
    reporter.user_permissions.add(Permission.objects.get(codename=codename))
    password_step(client, reporter, PASSWORD)
    assert lands_on(client, DESK)[0] == ENROL


def test_a_reporter_who_set_up_a_second_factor_anyway_is_asked_for_it(client, reporter):
    authenticator(reporter)
    password_step(client, reporter, PASSWORD)
    assert lands_on(client, DESK)[0] == VERIFY


def test_before_the_second_factor_no_admin_page_preview_or_script_endpoint_answers(client, editor):
    authenticator(editor)
    draft = ArticleFactory(draft=True, headline="Not for anyone yet")
    password_step(client, editor, PASSWORD)
    change_page = reverse("admin:articles_article_change", args=[draft.pk])
    autocomplete = reverse("admin:autocomplete") + (
        "?app_label=articles&model_name=byline&field_name=author&term=a"
    )
    for url in [
        DESK,
        change_page,
        autocomplete,
        reverse("articles:preview", kwargs={"pk": draft.pk}),
        reverse("staff:devices"),
        reverse("staff:recovery-codes"),
        reverse("admin:password_change"),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(VERIFY + "?next="), url
        assert "Not for anyone yet" not in client.get(url, follow=True).text
    # What scripts and forms send gets a refusal, not a page: no data, no change.
    ajax = client.get(autocomplete, headers={"x-requested-with": "XMLHttpRequest"})
    assert ajax.status_code == 403 and "results" not in ajax.text
    assert client.get(autocomplete, headers={"accept": "application/json"}).status_code == 403
    post = client.post(change_page, {"headline": "Taken over", "_save": "Save"})
    assert post.status_code == 403
    draft.refresh_from_db()
    assert draft.headline == "Not for anyone yet"
    assert client.post(reverse("staff:recovery-codes")).status_code == 403


def test_with_a_password_alone_an_editor_can_only_finish_signing_in_or_sign_out(client, editor):
    authenticator(editor)
    password_step(client, editor, PASSWORD)
    assert client.get(reverse("articles:home")).status_code == 302  # finish or sign out first
    client.post(reverse("admin:logout"))
    assert SESSION_KEY not in client.session
    assert client.get(reverse("articles:home")).status_code == 200


def test_a_wrong_code_is_refused_and_further_codes_wait_longer_each_time(client, editor):
    device = authenticator(editor)
    password_step(client, editor, PASSWORD)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        wrong = f"{(int(code_now(device)) + 1) % 1_000_000:06d}"
        refused = client.post(VERIFY, {"otp_token": wrong})
        assert refused.status_code == 200
        assert "That code is not right" in text(one(parse(refused), ".errorlist"))
        # Straight after a wrong code even the right one waits (django-otp's throttling).
        too_soon = client.post(VERIFY, {"otp_token": code_now(device)})
        assert "Too many wrong codes. Wait 1 second" in text(one(parse(too_soon), ".errorlist"))
        clock.shift(2)
        client.post(VERIFY, {"otp_token": wrong})
        clock.shift(1)
        waiting = client.post(VERIFY, {"otp_token": code_now(device)})
        assert "Wait 1 second" in text(one(parse(waiting), ".errorlist"))  # 2 s after the 2nd
        assert lands_on(client, DESK)[0] == VERIFY
        clock.shift(2)
        assert client.post(VERIFY, {"otp_token": code_now(device)}).status_code == 302
    assert desk_opens(client)


def test_a_code_is_accepted_once_and_garbage_gets_a_clear_error(client, editor):
    device = authenticator(editor)
    with time_machine.travel(timezone.now(), tick=False):
        code = code_now(device)
        password_step(client, editor, PASSWORD)
        assert client.post(VERIFY, {"otp_token": code}).status_code == 302
        other = Client()
        password_step(other, editor, PASSWORD)
        replayed = other.post(VERIFY, {"otp_token": code})
        assert "That code is not right" in replayed.text
    for garbage in ["12345", "abcdef", "1" * 500, "12 34 5x"]:
        page = other.post(VERIFY, {"otp_token": garbage})
        assert texts(parse(page), ".errorlist") == [
            "Enter the 6-digit code your authenticator app shows."
        ]


def test_a_recovery_code_signs_in_once(client, editor):
    from staff.services import recovery_codes_replace

    authenticator(editor)
    codes = recovery_codes_replace(user=editor)
    password_step(client, editor, PASSWORD)
    typed = f"{codes[3][:4].upper()}-{codes[3][4:]}"  # as people copy it: dash, capitals
    response = client.post(VERIFY, {"recovery_code": typed}, follow=True)
    assert response.request["PATH_INFO"] == DESK
    assert "recovery code; 9 left" in text(one(parse(response), ".messagelist"))

    again = Client()
    password_step(again, editor, PASSWORD)
    refused = again.post(VERIFY, {"recovery_code": codes[3]})
    assert "That code is not right" in text(one(parse(refused), ".errorlist"))
    assert lands_on(again, DESK)[0] == VERIFY


def test_the_session_gets_a_new_key_once_the_second_factor_is_given(client, editor):
    device = authenticator(editor)
    password_step(client, editor, PASSWORD)
    before = client.session.session_key
    client.post(VERIFY, {"otp_token": code_now(device)})
    assert client.session.session_key != before
    assert desk_opens(client)


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/admin/", "//evil.example/", "javascript:alert(1)"]
)
def test_the_second_factor_step_never_sends_anyone_off_the_site(client, editor, next_url):
    device = authenticator(editor)
    password_step(client, editor, PASSWORD)
    response = client.post(VERIFY, {"otp_token": code_now(device), "next": next_url})
    assert response["Location"] == DESK


def test_with_debug_on_a_password_opens_the_desk_and_every_admin_page_says_so(
    client, editor, settings
):
    authenticator(editor)
    settings.DEBUG = True
    notice = "Two-factor sign-in is off: DEBUG is on."
    sign_in_page = client.get("/admin/login/")
    assert notice in text(one(parse(sign_in_page), ".two-factor-off"))
    password_step(client, editor, PASSWORD)
    assert desk_opens(client)
    for url in [DESK, STORIES, reverse("admin:articles_article_add")]:
        assert notice in text(one(parse(client.get(url)), ".two-factor-off")), url
    settings.DEBUG = False
    assert not parse(client.get("/admin/login/")).select(".two-factor-off")


def test_the_local_development_admin_signs_in_with_its_password_while_debug_is_on(client, settings):
    settings.DEBUG = True
    call_command("local_admin", stdout=StringIO())
    response = client.post(
        "/admin/login/", {"username": "admin", "password": "newsroom-local", "next": DESK}
    )
    assert response.status_code == 302
    assert desk_opens(client)
