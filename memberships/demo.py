"""The demo newsroom's members: a dozen readers from the region with a few months of history,
so the members' admin list and its summary have something to show. ``load_demo_members``.

Every member has an address at example.org (which can receive no mail) and a subscription at
the offline test provider, and most say what led them to join (a placement, and for the box
under a story one of the most-read demo stories, once they are loaded), so the editorial
dashboard has joins to show. Safe to run again: a member whose address is already known is
left as it is.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from articles.models import Article
from memberships.models import Membership, MembershipStatus, Payment, Plan, Supporter
from memberships.providers.local import add_interval

MONTHLY, YEARLY = "supporter-monthly", "supporter-yearly"


@dataclass(frozen=True)
class DemoMember:
    name: str
    email: str
    plan: str
    amount: str
    # How long ago they joined, in days.
    joined_days_ago: int
    status: str = MembershipStatus.ACTIVE
    cancelling: bool = False
    # For a canceled membership: how many days ago it ended.
    ended_days_ago: int | None = None
    cancel_reason: str = ""
    # What led them to join (newsroom.attribution.Placement), and for "story" which of the
    # most-read stories (0 for the most read).
    via: str = ""
    story_rank: int | None = None


MEMBERS = [
    DemoMember("Nino Beridze", "nino.beridze@example.org", MONTHLY, "5.00", 160, via="join-page"),
    DemoMember(
        "Armen Hakobyan",
        "armen.hakobyan@example.org",
        MONTHLY,
        "10.00",
        130,
        via="story",
        story_rank=3,
    ),
    DemoMember("Leyla Mammadova", "leyla.mammadova@example.org", YEARLY, "50.00", 200),
    DemoMember(
        "Giorgi Kapanadze", "giorgi.kapanadze@example.org", MONTHLY, "5.00", 95, via="header"
    ),
    DemoMember(
        "Anahit Sargsyan",
        "anahit.sargsyan@example.org",
        YEARLY,
        "80.00",
        75,
        via="newsletter",
        story_rank=1,
    ),
    DemoMember(
        "Rashad Aliyev", "rashad.aliyev@example.org", MONTHLY, "7.50", 64, via="story", story_rank=0
    ),
    DemoMember(
        "Madina Tsechoeva",
        "madina.tsechoeva@example.org",
        MONTHLY,
        "5.00",
        40,
        via="story",
        story_rank=2,
    ),
    DemoMember("Tamar Lomidze", "tamar.lomidze@example.org", MONTHLY, "15.00", 21, via="home"),
    DemoMember(
        "Salome Chkheidze",
        "salome.chkheidze@example.org",
        MONTHLY,
        "5.00",
        0,
        via="story",
        story_rank=0,
    ),
    DemoMember(
        "Davit Grigoryan",
        "davit.grigoryan@example.org",
        MONTHLY,
        "5.00",
        110,
        status=MembershipStatus.PAST_DUE,
    ),
    DemoMember(
        "Aysel Huseynova",
        "aysel.huseynova@example.org",
        MONTHLY,
        "6.00",
        52,
        status=MembershipStatus.PAST_DUE,
    ),
    DemoMember(
        "Zurab Tsiklauri",
        "zurab.tsiklauri@example.org",
        MONTHLY,
        "5.00",
        140,
        cancelling=True,
        cancel_reason="Moving abroad for a year; I will be back.",
    ),
    DemoMember(
        "Lusine Petrosyan",
        "lusine.petrosyan@example.org",
        YEARLY,
        "50.00",
        300,
        cancelling=True,
    ),
    DemoMember(
        "Murad Khalilov",
        "murad.khalilov@example.org",
        MONTHLY,
        "5.00",
        150,
        status=MembershipStatus.CANCELED,
        ended_days_ago=30,
        cancel_reason="Money is tight this year.",
    ),
    # Joined in the last fortnight, mostly from the box under the stories most read then.
    DemoMember(
        "Ani Melikyan", "ani.melikyan@example.org", MONTHLY, "5.00", 2, via="story", story_rank=0
    ),
    DemoMember(
        "Elchin Guliyev",
        "elchin.guliyev@example.org",
        MONTHLY,
        "5.00",
        4,
        via="join-page",
    ),
    DemoMember(
        "Keti Jorjadze", "keti.jorjadze@example.org", YEARLY, "50.00", 6, via="story", story_rank=0
    ),
    DemoMember(
        "Aslan Kokov", "aslan.kokov@example.org", MONTHLY, "8.00", 9, via="newsletter", story_rank=4
    ),
    DemoMember(
        "Gayane Avetisyan",
        "gayane.avetisyan@example.org",
        MONTHLY,
        "5.00",
        11,
        via="story",
        story_rank=2,
    ),
    DemoMember(
        "Levan Gelashvili", "levan.gelashvili@example.org", MONTHLY, "5.00", 13, via="header"
    ),
    DemoMember(
        "Khava Dudayeva",
        "khava.dudayeva@example.org",
        MONTHLY,
        "10.00",
        120,
        status=MembershipStatus.CANCELED,
        ended_days_ago=12,
    ),
]


def _payments(membership, interval, *, until, whole_periods=False):
    """The membership's payments, one per period from its start, each made before ``until``
    (with ``whole_periods``: each for a period over by then). Returns the end of the period
    the last one paid for."""
    paid_at = membership.started_at
    period_end = paid_at
    number = 0
    while paid_at <= until and (not whole_periods or add_interval(paid_at, interval) <= until):
        number += 1
        period_end = add_interval(paid_at, interval)
        Payment.objects.create(
            membership=membership,
            provider_payment_id=f"local_in_demo_{membership.pk}_{number}",
            amount=membership.amount,
            currency=membership.currency,
            occurred_at=paid_at,
            period_end=period_end,
        )
        paid_at = period_end
    return period_end


def most_read_stories(count=10):
    """Ids of the most-read published stories, most read first (none before they are loaded)."""
    return list(
        Article.objects.published()
        .annotate(read=Sum("daily_views__views"))
        .filter(read__gt=0)
        .order_by("-read", "pk")
        .values_list("pk", flat=True)[:count]
    )


def _add(member, plans, now, stories):
    plan = plans[member.plan]
    supporter = Supporter.objects.create(
        email=member.email,
        name=member.name,
        email_consent=True,
        consented_at=now - timedelta(days=member.joined_days_ago),
        provider_customer_id=f"local_cus_demo_{member.email.split('@')[0]}",
    )
    started = now - timedelta(days=member.joined_days_ago)
    membership = Membership.objects.create(
        supporter=supporter,
        plan=plan,
        amount=Decimal(member.amount),
        currency=plan.currency,
        status=member.status,
        provider="local",
        provider_subscription_id=f"local_sub_demo_{supporter.pk}",
        started_at=started,
        cancel_at_period_end=member.cancelling,
        cancel_reason=member.cancel_reason,
        provider_state_at=now,
        source_placement=member.via,
        source_article_id=(
            stories[member.story_rank]
            if member.story_rank is not None and member.story_rank < len(stories)
            else None
        ),
    )
    ended = None
    if member.ended_days_ago is not None:
        ended = now - timedelta(days=member.ended_days_ago)
    # Past due: the renewal at the end of the last paid period failed and is being retried.
    period_end = _payments(
        membership,
        plan.interval,
        until=ended or now,
        whole_periods=member.status == MembershipStatus.PAST_DUE,
    )
    membership.current_period_end = ended or period_end
    if member.cancelling:
        membership.canceled_at = now  # so the summary's "canceled this month" shows them
    if ended is not None:
        membership.canceled_at = ended - timedelta(days=20)
        membership.ended_at = ended
    membership.save()
    return membership


@transaction.atomic
def load_demo_members(*, now=None):
    """Add the demo members that are missing; returns how many were added."""
    now = now or timezone.now()
    plans = {plan.slug: plan for plan in Plan.objects.filter(slug__in={MONTHLY, YEARLY})}
    known = set(
        Supporter.objects.filter(email__in=[m.email for m in MEMBERS]).values_list(
            "email", flat=True
        )
    )
    stories = most_read_stories()
    added = 0
    for member in MEMBERS:
        if member.email in known or member.plan not in plans:
            continue
        _add(member, plans, now, stories)
        added += 1
    return added
