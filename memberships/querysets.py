from datetime import timedelta
from decimal import Decimal

from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone


class PlanQuerySet(models.QuerySet):
    def offered(self):
        return self.filter(active=True).order_by("order", "amount")


class MembershipQuerySet(models.QuerySet):
    def live(self):
        """Memberships that are being paid for (a failed renewal is still live while retried)."""
        return self.filter(status__in=["active", "past_due"])

    def started_between(self, start, end):
        return self.filter(started_at__gte=start, started_at__lt=end)

    def ended_between(self, start, end):
        """Canceled in the window: either ended, or scheduled to end, during it."""
        return self.filter(canceled_at__gte=start, canceled_at__lt=end).filter(
            Q(status="canceled") | Q(cancel_at_period_end=True)
        )

    def monthly_recurring_revenue(self):
        """Per currency: what the live memberships bring in each month (yearly plans / 12)."""
        totals = {}
        rows = (
            self.live()
            .values("currency", "plan__interval")
            .annotate(total=Sum("amount"))
            .order_by("currency")
        )
        for row in rows:
            total = row["total"] or Decimal("0")
            if row["plan__interval"] == "year":
                total = total / 12
            totals[row["currency"]] = totals.get(row["currency"], Decimal("0")) + total
        return {currency: value.quantize(Decimal("0.01")) for currency, value in totals.items()}

    def summary(self, *, now=None):
        """The managers' numbers: live members, this month's joiners and leavers, MRR."""
        now = now or timezone.now()
        local = timezone.localtime(now)
        month_start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        next_month = (month_start + timedelta(days=32)).replace(day=1)
        return {
            "active": self.filter(status="active").count(),
            "past_due": self.filter(status="past_due").count(),
            "new_this_month": self.exclude(status="pending")
            .started_between(month_start, next_month)
            .count(),
            "canceled_this_month": self.ended_between(month_start, next_month).count(),
            "mrr": self.monthly_recurring_revenue(),
            "month": month_start,
        }
