"""The admin's sign-in form refuses a username no account can have, before anything else.

Django's own form shows the username's limit (150 characters) but never checks it: a longer
one went on to the password check and into django-axes' record of failed sign-ins, whose
column holds 255 characters (on PostgreSQL, a server error).
"""

import pytest
from axes.models import AccessAttempt
from django.test import Client

from tests.dom import parse, text, texts

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("length", [151, 4000])
def test_a_username_longer_than_any_account_is_refused_and_not_recorded(length):
    response = Client().post(
        "/admin/login/",
        {"username": "e" * length, "password": "a guess", "next": "/admin/"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 200
    assert "at most 150 characters" in " ".join(texts(parse(response), ".errorlist li"))
    assert not AccessAttempt.objects.exists()


def test_a_username_at_the_limit_is_checked_as_usual():
    response = Client().post(
        "/admin/login/",
        {"username": "e" * 150, "password": "a guess", "next": "/admin/"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert "Please enter the correct username and password" in text(parse(response))
    assert AccessAttempt.objects.get().failures_since_start == 1
