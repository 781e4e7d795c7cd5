"""The demo newsroom's members: enough of every kind for the members' admin to show."""

from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from memberships.demo import MEMBERS
from memberships.models import Membership, Payment
from tests.staff.sign_in import sign_in

pytestmark = pytest.mark.django_db


def load():
    out = StringIO()
    call_command("load_demo_members", stdout=out)
    return out.getvalue()


def test_demo_members_of_every_kind_with_months_of_payments_and_loading_twice_adds_nothing():
    assert f"Added {len(MEMBERS)}" in load()
    assert Membership.objects.count() == len(MEMBERS) >= 12
    summary = Membership.objects.summary()
    assert summary["renewing"] >= 6
    assert summary["past_due"] >= 2
    assert summary["cancelling"] >= 2
    assert Membership.objects.filter(status="canceled", ended_at__isnull=False).count() >= 2
    assert summary["mrr"]["usd"] > Decimal("40")
    assert {m.plan.interval for m in Membership.objects.select_related("plan")} == {
        "month",
        "year",
    }
    # A few months of history, and nobody paid for time after their membership ended.
    assert Payment.objects.count() > 2 * len(MEMBERS)
    for membership in Membership.objects.exclude(status="canceled"):
        assert membership.payments.exists()
    for membership in Membership.objects.filter(status="past_due"):
        assert membership.current_period_end < membership.updated_at  # the renewal is overdue
    for membership in Membership.objects.filter(status="active", cancel_at_period_end=False):
        assert membership.current_period_end > membership.updated_at

    assert "nothing to add" in load()
    assert Membership.objects.count() == len(MEMBERS)


def test_the_members_admin_shows_the_demo_members_and_their_revenue(client):
    load()
    manager = User.objects.create_user("manager", password="pw", is_staff=True)
    manager.groups.add(Group.objects.get(name="Membership manager"))
    sign_in(client, manager)
    page = client.get("/admin/memberships/membership/")
    assert page.status_code == 200
    assert "Nino Beridze" in page.text
    assert "Monthly recurring revenue" in page.text
