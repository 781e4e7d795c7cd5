"""Membership managers in the admin: what they see, and what editors and reporters do not."""

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core import mail
from django.utils import timezone

from memberships.models import Membership
from tests.dom import one, parse, text, texts
from tests.factories import MembershipFactory, PlanFactory, SupporterFactory
from tests.staff.sign_in import sign_in

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/memberships/membership/"
MEMBER_URLS = [
    CHANGELIST,
    "/admin/memberships/supporter/",
    "/admin/memberships/providerevent/",
    "/admin/memberships/plan/",
]


def staff(username, *, group=None, permissions=()):
    user = User.objects.create_user(username, password="pw", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename__in=permissions)
    )
    return user


@pytest.fixture
def manager(client):
    sign_in(client, staff("manager", group="Membership manager"))
    return client


def test_membership_manager_group_exists_with_membership_permissions_only():
    group = Group.objects.get(name="Membership manager")
    apps = set(group.permissions.values_list("content_type__app_label", flat=True))
    # Besides the members: the newsletter's subscribers and the editorial dashboard (counts only).
    assert apps == {"memberships", "newsletter", "insights"}
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_membership", "view_supporter", "change_plan"} <= codenames
    assert "delete_membership" not in codenames


@pytest.mark.parametrize(
    "permissions",
    [(), ("view_article", "add_article", "change_article", "view_photo", "add_photo")],
    ids=["plain staff", "editor with article permissions"],
)
def test_editors_reporters_and_plain_staff_cannot_see_members(client, permissions):
    member = MembershipFactory(supporter=SupporterFactory(email="secret@example.org"))
    sign_in(client, staff("editor", permissions=permissions))
    for url in MEMBER_URLS + [f"{CHANGELIST}{member.pk}/change/"]:
        assert client.get(url).status_code == 403, url
    index = client.get("/admin/")
    assert "secret@example.org" not in index.text
    assert "Memberships" not in index.text


def test_manager_sees_members_with_filters_and_search(manager):
    MembershipFactory(supporter=SupporterFactory(email="ani@example.org", name="Ani Petrosyan"))
    MembershipFactory(
        supporter=SupporterFactory(email="giorgi@example.org", name="Giorgi"), status="past_due"
    )
    for url in MEMBER_URLS:
        assert manager.get(url).status_code == 200, url
    page = manager.get(CHANGELIST)
    assert "ani@example.org" in page.text and "giorgi@example.org" in page.text
    assert "By status" in page.text and "By plan" in page.text
    assert "giorgi@example.org" not in manager.get(CHANGELIST, {"status__exact": "active"}).text
    found = manager.get(CHANGELIST, {"q": "Petrosyan"})
    assert "ani@example.org" in found.text and "giorgi@example.org" not in found.text


def test_manager_reads_the_cancel_reason(manager):
    member = MembershipFactory(cancel_at_period_end=True, cancel_reason="Too many emails")
    page = manager.get(f"{CHANGELIST}{member.pk}/change/")
    assert page.status_code == 200
    assert "Too many emails" in page.text


def test_summary_counts_members_new_and_canceled_this_month_and_recurring_revenue(manager):
    now = timezone.now()
    yearly = PlanFactory(
        slug="supporter-yearly", name="Supporter for a year", amount="50.00", interval="year"
    )
    MembershipFactory(started_at=now, amount=Decimal("5"))
    MembershipFactory(started_at=now, amount=Decimal("10"))
    MembershipFactory(plan=yearly, amount=Decimal("60"), started_at=now - timedelta(days=400))
    MembershipFactory(status="past_due", started_at=now - timedelta(days=100))
    MembershipFactory(
        status="canceled", started_at=now - timedelta(days=100), canceled_at=now, ended_at=now
    )
    MembershipFactory(pending=True)

    summary = Membership.objects.summary(now=now)
    assert summary["active"] == 3
    assert summary["past_due"] == 1
    assert summary["new_this_month"] == 2
    assert summary["canceled_this_month"] == 1
    # 5 + 10 + 60/12: the past-due $5 is shown apart, not counted
    assert summary["mrr"] == {"usd": Decimal("20.00")}
    assert summary["mrr_past_due"] == {"usd": Decimal("5.00")}

    page = manager.get(CHANGELIST)
    assert "Monthly recurring revenue" in page.text
    assert "$20" in page.text


def test_recurring_revenue_counts_only_what_will_be_charged_and_shows_the_rest_apart(manager):
    """Hand-counted: $5 + $10 + $120/12 renew; $7 is past due; $3 and $24/12 are set to end."""
    yearly = PlanFactory(slug="yearly", name="Yearly", amount="120.00", interval="year")
    MembershipFactory(amount=Decimal("5"))
    MembershipFactory(amount=Decimal("10"))
    MembershipFactory(plan=yearly, amount=Decimal("120"))
    MembershipFactory(status="past_due", amount=Decimal("7"))
    MembershipFactory(amount=Decimal("3"), cancel_at_period_end=True, canceled_at=timezone.now())
    MembershipFactory(
        plan=yearly, amount=Decimal("24"), cancel_at_period_end=True, canceled_at=timezone.now()
    )
    MembershipFactory(
        status="past_due", amount=Decimal("11"), cancel_at_period_end=True
    )  # ending too: never charged again
    MembershipFactory(status="canceled", amount=Decimal("50"), ended_at=timezone.now())
    MembershipFactory(pending=True, amount=Decimal("90"))

    summary = Membership.objects.summary()
    assert summary["mrr"] == {"usd": Decimal("25.00")}
    assert summary["renewing"] == 3
    assert summary["mrr_past_due"] == {"usd": Decimal("7.00")}
    assert summary["past_due_renewing"] == 1
    assert summary["mrr_cancelling"] == {"usd": Decimal("16.00")}  # 3 + 24/12 + 11
    assert summary["cancelling"] == 3

    page = parse(manager.get(CHANGELIST))
    assert text(one(page, "#mrr-renewing td")).startswith("$25 from 3 active memberships")
    assert "Past-due and ending memberships are not included" in text(one(page, "#mrr-renewing"))
    assert text(one(page, "#mrr-past-due th")) == "Not included: past due"
    assert text(one(page, "#mrr-past-due td")).startswith("$7 a month from 1 membership")
    assert text(one(page, "#mrr-cancelling th")) == "Not included: ending"
    assert text(one(page, "#mrr-cancelling td")).startswith("$16 a month from 3 memberships")


def test_members_list_is_five_short_columns_saying_who_what_and_when(manager):
    MembershipFactory(
        supporter=SupporterFactory(email="ani@example.org", name="Ani Petrosyan"),
        cancel_at_period_end=True,
    )
    page = parse(manager.get(CHANGELIST))
    headers = texts(page, "#result_list thead th")[1:]  # after the selection box
    assert headers == ["Member", "Plan", "Status", "Renews or ends", "Since"]
    row = one(page, "#result_list tbody tr")
    assert text(one(row, ".field-member")).startswith("Ani Petrosyan")
    assert text(one(row, ".field-member .quiet")) == "ani@example.org"
    assert text(one(row, ".field-amount_label")).startswith("$5 a month")
    assert text(one(row, ".field-amount_label .quiet")) == "Supporter"
    assert text(one(row, ".field-state")) == "Active, ending"


def test_csv_export_of_selected_members_is_safe_to_open_in_a_spreadsheet(manager):
    safe = MembershipFactory(supporter=SupporterFactory(email="ani@example.org", name="Ani"))
    hostile = MembershipFactory(
        supporter=SupporterFactory(email="x@example.org", name='=HYPERLINK("http://evil")')
    )
    response = manager.post(
        CHANGELIST,
        {"action": "export_csv", "_selected_action": [safe.pk, hostile.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["email", "name", "plan"]
    assert {row[0] for row in rows[1:]} == {"ani@example.org", "x@example.org"}
    names = {row[1] for row in rows[1:]}
    assert '\'=HYPERLINK("http://evil")' in names


def test_csv_export_quotes_every_cell_for_spreadsheets_that_split_on_semicolons(manager):
    carol = MembershipFactory(
        supporter=SupporterFactory(email="carol@example.org", name="Carol;=1+1"),
        cancel_reason='Moving; "far" away\n=2+2',
    )
    hostile = MembershipFactory(
        supporter=SupporterFactory(email="x@example.org", name="@SUM(A1:A9)")
    )
    response = manager.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [carol.pk, hostile.pk]}
    )
    text = response.content.decode()
    quoted = r'"(?:[^"]|"")*"'
    records = re.findall(rf"^{quoted}(?:,{quoted})*\r\n", text, flags=re.MULTILINE)
    assert "".join(records) == text  # nothing but quoted cells
    assert '"Carol;=1+1"' in text
    rows = list(csv.reader(io.StringIO(text)))
    assert {row[1] for row in rows[1:]} == {"Carol;=1+1", "'@SUM(A1:A9)"}
    assert 'Moving; "far" away\n=2+2' in {row[11] for row in rows[1:]}


def test_editor_cannot_export_members(client):
    member = MembershipFactory()
    sign_in(client, staff("editor", permissions=("view_article", "change_article")))
    response = client.post(CHANGELIST, {"action": "export_csv", "_selected_action": [member.pk]})
    assert response.status_code == 403


def test_manager_cancels_a_membership_at_once_and_a_late_stale_event_cannot_revive_it(manager):
    from memberships.providers import EventKind, ProviderEventData, SubscriptionState
    from memberships.services import apply_provider_event

    member = MembershipFactory(provider_state_at=timezone.now() - timedelta(days=3))
    manager.post(CHANGELIST, {"action": "cancel_now_action", "_selected_action": [member.pk]})
    member.refresh_from_db()
    assert member.status == "canceled" and member.ended_at is not None
    assert "Canceled by manager" in member.cancel_reason
    assert len(mail.outbox) == 1

    stale = ProviderEventData(
        provider="local",
        event_id="local_evt_late",
        type="subscription.updated",
        kind=EventKind.SUBSCRIPTION_CHANGED,
        occurred_at=timezone.now() - timedelta(hours=1),
        subscription_id=member.provider_subscription_id,
        subscription=SubscriptionState(status="active"),
    )
    apply_provider_event(event=stale)
    member.refresh_from_db()
    assert member.status == "canceled"


def test_memberships_cannot_be_added_or_deleted_by_hand(manager):
    member = MembershipFactory()
    assert manager.get(f"{CHANGELIST}add/").status_code == 403
    assert manager.get(f"{CHANGELIST}{member.pk}/delete/").status_code == 403


def test_manager_edits_a_plan_and_the_join_form_follows(manager, client):
    from memberships.models import Plan

    plan = Plan.objects.get(slug="supporter-monthly")
    response = manager.post(
        f"/admin/memberships/plan/{plan.pk}/change/",
        {
            "name": "Supporter",
            "slug": "supporter-monthly",
            "amount": "6.00",
            "currency": "usd",
            "interval": "month",
            "active": "on",
            "is_default": "on",
            "pitch": "Six a month.",
            "provider_price_id": "",
            "order": "1",
        },
    )
    assert response.status_code == 302
    assert "$6 a month" in client.get("/join/").text


def test_admin_changelist_query_budget(manager, django_assert_max_num_queries):
    MembershipFactory.create_batch(3)
    with django_assert_max_num_queries(20):
        manager.get(CHANGELIST)
    MembershipFactory.create_batch(30)
    with django_assert_max_num_queries(20):
        manager.get(CHANGELIST)


@pytest.mark.parametrize("group_name", ["Editor", "Reporter"])
def test_editor_and_reporter_groups_cannot_see_members(client, group_name):
    group = Group.objects.get(name=group_name)  # created by the articles migrations
    user = User.objects.create_user("newsroom-" + group_name, password="pw", is_staff=True)
    user.groups.add(group)
    sign_in(client, user)
    MembershipFactory()
    for url in MEMBER_URLS:
        assert client.get(url).status_code == 403, url
