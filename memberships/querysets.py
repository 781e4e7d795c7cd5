from datetime import timedelta
from decimal import Decimal

from django.db import models
from django.db.models import Case, Count, Q, Sum, Value, When
from django.utils import timezone


class PlanQuerySet(models.QuerySet):
    def offered(self):
        return self.filter(active=True).order_by("order", "amount")


# The live memberships, apart by what the next renewal brings: each is in exactly one.
RENEWING = Q(status="active", cancel_at_period_end=False)
PAST_DUE_RENEWING = Q(status="past_due", cancel_at_period_end=False)
CANCELLING = Q(status__in=["active", "past_due"], cancel_at_period_end=True)


class MembershipQuerySet(models.QuerySet):
    def live(self):
        """Memberships that are being paid for (a failed renewal is still live while retried)."""
        return self.filter(status__in=["active", "past_due"])

    def renewing(self):
        """Active memberships that will be charged again at the end of their paid period."""
        return self.filter(RENEWING)

    def cancelling(self):
        """Live memberships set to end with their paid period: never charged again."""
        return self.filter(CANCELLING)

    def past_due_renewing(self):
        """A failed renewal being retried (and not set to end): charged only if a retry works."""
        return self.filter(PAST_DUE_RENEWING)

    def started_between(self, start, end):
        return self.filter(started_at__gte=start, started_at__lt=end)

    def ended_between(self, start, end):
        """Canceled in the window: either ended, or scheduled to end, during it."""
        return self.filter(canceled_at__gte=start, canceled_at__lt=end).filter(
            Q(status="canceled") | Q(cancel_at_period_end=True)
        )

    def monthly_recurring_revenue(self):
        """Per currency: what these memberships bring in each month (yearly plans / 12).

        The managers' figure is that of ``renewing()``: what will really be charged.
        """
        totals = {}
        rows = (
            self.values("currency", "plan__interval")
            .annotate(total=Sum("amount"))
            .order_by("currency")
        )
        for row in rows:
            total = row["total"] or Decimal("0")
            if row["plan__interval"] == "year":
                total = total / 12
            totals[row["currency"]] = totals.get(row["currency"], Decimal("0")) + total
        return {currency: value.quantize(Decimal("0.01")) for currency, value in totals.items()}

    def _revenue_apart(self):
        """``monthly_recurring_revenue`` of the renewing, past-due and cancelling memberships,
        in one query."""
        kinds = {"mrr": RENEWING, "mrr_past_due": PAST_DUE_RENEWING, "mrr_cancelling": CANCELLING}
        rows = (
            self.live()
            .annotate(kind=Case(*(When(q, then=Value(k)) for k, q in kinds.items())))
            .values("kind", "currency", "plan__interval")
            .annotate(total=Sum("amount"))
            .order_by("kind", "currency")
        )
        totals = {kind: {} for kind in kinds}
        for row in rows:
            total = row["total"] or Decimal("0")
            if row["plan__interval"] == "year":
                total = total / 12
            of_kind = totals[row["kind"]]
            of_kind[row["currency"]] = of_kind.get(row["currency"], Decimal("0")) + total
        return {
            kind: {currency: value.quantize(Decimal("0.01")) for currency, value in of.items()}
            for kind, of in totals.items()
        }

    def summary(self, *, now=None):
        """The managers' numbers: live members, this month's joiners and leavers, and the
        monthly recurring revenue of the memberships that renew, with what past-due and
        cancelling memberships would add shown apart (they are not counted in it)."""
        now = now or timezone.now()
        local = timezone.localtime(now)
        month_start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        next_month = (month_start + timedelta(days=32)).replace(day=1)
        counts = self.aggregate(
            active=Count("pk", filter=Q(status="active")),
            past_due=Count("pk", filter=Q(status="past_due")),
            renewing=Count("pk", filter=RENEWING),
            cancelling=Count("pk", filter=CANCELLING),
            past_due_renewing=Count("pk", filter=PAST_DUE_RENEWING),
        )
        return {
            **counts,
            "new_this_month": self.exclude(status="pending")
            .started_between(month_start, next_month)
            .count(),
            "canceled_this_month": self.ended_between(month_start, next_month).count(),
            **self._revenue_apart(),
            "month": month_start,
        }
