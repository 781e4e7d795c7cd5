"""Subscribers in the admin: Membership managers see and look after them; Editors, Reporters
and other staff never see who subscribed."""

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from newsletter.models import Subscriber
from tests.dom import parse, texts
from tests.factories import ArticleFactory
from tests.newsletter.conftest import subscriber
from tests.staff.sign_in import sign_in

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/newsletter/subscriber/"


def staff(username, *, group=None):
    user = User.objects.create_user(username, password="pw", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def manager(client):
    sign_in(client, staff("manager", group="Membership manager"))
    return client


def test_membership_managers_may_view_and_change_subscribers_but_not_add_or_delete():
    codenames = set(
        Group.objects.get(name="Membership manager")
        .permissions.filter(content_type__app_label="newsletter")
        .values_list("codename", flat=True)
    )
    assert {"view_subscriber", "change_subscriber"} <= codenames
    assert not {"add_subscriber", "delete_subscriber"} & codenames


@pytest.mark.parametrize("group", ["Editor", "Reporter", None])
def test_editors_reporters_and_plain_staff_never_see_subscribers(client, group):
    reader = subscriber("secret@example.org")
    sign_in(client, staff("desk", group=group))
    for url in (CHANGELIST, f"{CHANGELIST}{reader.pk}/change/"):
        assert client.get(url).status_code == 403, url
    assert "secret@example.org" not in client.get("/admin/").text


def test_managers_see_subscribers_with_filters_and_search(manager):
    story = ArticleFactory(headline="The pass reopens")
    subscriber(
        "ani@example.org",
        status="confirmed",
        confirmed_at=timezone.now(),
        source_article=story,
        source_placement="story",
    )
    subscriber("giorgi@example.org", frequency="weekly")
    page = manager.get(CHANGELIST)
    assert page.status_code == 200
    assert "ani@example.org" in page.text and "giorgi@example.org" in page.text
    assert "The pass reopens" in page.text
    headers = texts(parse(page), "#result_list thead th")
    for column in ("Email", "Status", "Frequency", "Edition", "Came through", "Came from story"):
        assert column in " ".join(headers), column
    for title in ("By status", "By frequency", "By edition", "By came through"):
        assert title in page.text, title
    assert "giorgi" not in manager.get(CHANGELIST, {"status__exact": "confirmed"}).text
    found = manager.get(CHANGELIST, {"q": "ani@"})
    assert "ani@example.org" in found.text and "giorgi@example.org" not in found.text


def test_the_change_page_keeps_the_address_status_and_dates_read_only(manager):
    reader = subscriber("ani@example.org", status="confirmed", confirmed_at=timezone.now())
    url = f"{CHANGELIST}{reader.pk}/change/"
    page = parse(manager.get(url))
    assert page.select("input[name=email]") == [] and page.select("[name=status]") == []
    assert page.select("[name=confirmed_at]") == []
    response = manager.post(
        url,
        {"frequency": "weekly", "edition": "en-gb", "email": "x@y.org", "status": "pending"},
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert (reader.email, reader.status, reader.frequency) == (
        "ani@example.org",
        "confirmed",
        "weekly",
    )
    assert manager.get(f"{CHANGELIST}add/").status_code == 403


def test_unsubscribe_selected(manager):
    keep = subscriber("keep@example.org", status="confirmed", confirmed_at=timezone.now())
    chosen = [
        subscriber("a@example.org", status="confirmed", confirmed_at=timezone.now()),
        subscriber("b@example.org"),
    ]
    response = manager.post(
        CHANGELIST,
        {"action": "unsubscribe_selected", "_selected_action": [s.pk for s in chosen]},
        follow=True,
    )
    assert "Unsubscribed 2 subscriber(s)." in response.text
    statuses = dict(Subscriber.objects.values_list("email", "status"))
    assert statuses == {
        "keep@example.org": "confirmed",
        "a@example.org": "unsubscribed",
        "b@example.org": "unsubscribed",
    }
    assert Subscriber.objects.get(pk=keep.pk).unsubscribed_at is None
    assert Subscriber.objects.filter(unsubscribed_at__isnull=False).count() == 2
