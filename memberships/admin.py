"""The membership managers' admin. Only the "Membership manager" group (and superusers) see it."""

from django.conf import settings
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html

from memberships.models import (
    Membership,
    MembershipStatus,
    Payment,
    Plan,
    ProviderEvent,
    Supporter,
    format_money,
)
from memberships.providers import ProviderError, ProviderUnavailable
from memberships.services import MembershipChangeError, cancel_membership
from newsroom.admin_records import RecordAdmin
from newsroom.spreadsheets import csv_response


def _day(moment):
    return timezone.localtime(moment).strftime("%-d %b %Y") if moment else "—"


CSV_COLUMNS = [
    ("email", lambda m: m.supporter.email),
    ("name", lambda m: m.supporter.name),
    ("plan", lambda m: m.plan.name),
    ("amount", lambda m: m.amount),
    ("currency", lambda m: m.currency.upper()),
    ("interval", lambda m: m.plan.interval),
    ("status", lambda m: m.status),
    ("started", lambda m: m.started_at and m.started_at.isoformat()),
    ("next payment or end", lambda m: m.current_period_end and m.current_period_end.isoformat()),
    ("cancels at period end", lambda m: "yes" if m.cancel_at_period_end else "no"),
    ("canceled", lambda m: m.canceled_at and m.canceled_at.isoformat()),
    ("cancel reason", lambda m: m.cancel_reason),
    ("agreed to emails", lambda m: "yes" if m.supporter.email_consent else "no"),
    ("came from story", lambda m: m.source_article and m.source_article.headline),
    ("came through", lambda m: m.get_source_placement_display()),
]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["name", "price", "active", "is_default", "order", "provider_price_id"]
    list_editable = ["active", "order"]
    prepopulated_fields = {"slug": ["name", "interval"]}
    search_fields = ["name"]

    @admin.display(description="Price")
    def price(self, plan):
        return plan.price_label


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0
    can_delete = False
    fields = ["kind", "amount", "currency", "occurred_at", "period_end", "provider_payment_id"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    model = ProviderEvent
    extra = 0
    can_delete = False
    fields = ["type", "occurred_at", "received_at", "outcome", "event_id"]
    readonly_fields = fields
    ordering = ["-occurred_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    change_list_template = "admin/memberships/membership/change_list.html"
    # Five short columns: beside the filters they fit a 1366-pixel screen without scrolling.
    list_display = ["member", "amount_label", "state", "period_end", "since"]
    list_filter = [
        "status",
        "plan",
        "cancel_at_period_end",
        "source_placement",
        "provider",
        "started_at",
    ]
    search_fields = ["supporter__email", "supporter__name"]
    list_select_related = ["supporter", "plan"]
    date_hierarchy = "started_at"
    actions = ["export_csv", "cancel_at_period_end_action", "cancel_now_action"]
    inlines = [PaymentInline, EventInline]
    fieldsets = [
        (None, {"fields": ["supporter", "plan", "amount", "currency", "status"]}),
        (
            "Dates",
            {
                "fields": ["started_at", "current_period_end", "canceled_at", "ended_at"],
                "description": f"Times are the newsroom's ({settings.TIME_ZONE}).",
            },
        ),
        ("Cancellation", {"fields": ["cancel_at_period_end", "cancel_reason"]}),
        (
            "What led them to join",
            {"fields": ["came_from_story", "source_placement", "newsletter_opt_in"]},
        ),
        (
            "Payment provider",
            {
                "classes": ["collapse"],
                "fields": [
                    "provider",
                    "provider_checkout_id",
                    "provider_subscription_id",
                    "reference",
                    "provider_state_at",
                ],
            },
        ),
    ]
    # State comes from the payment provider; managers act through the actions, not by editing.
    readonly_fields = [
        "supporter",
        "plan",
        "amount",
        "currency",
        "status",
        "started_at",
        "current_period_end",
        "canceled_at",
        "ended_at",
        "cancel_at_period_end",
        "cancel_reason",
        "came_from_story",
        "source_placement",
        "newsletter_opt_in",
        "provider",
        "provider_checkout_id",
        "provider_subscription_id",
        "reference",
        "provider_state_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Member", ordering="supporter__email")
    def member(self, membership):
        supporter = membership.supporter
        if not supporter.name:
            return supporter.email
        return format_html('{}<br><span class="quiet">{}</span>', supporter.name, supporter.email)

    @admin.display(description="Plan", ordering="amount")
    def amount_label(self, membership):
        return format_html(
            '{}<br><span class="quiet">{}</span>', membership.price_label, membership.plan.name
        )

    @admin.display(description="Status", ordering="status")
    def state(self, membership):
        if membership.is_live and membership.cancel_at_period_end:
            return f"{membership.get_status_display()}, ending"
        return membership.get_status_display()

    @admin.display(description="Renews or ends", ordering="current_period_end")
    def period_end(self, membership):
        return _day(membership.current_period_end)

    @admin.display(description="Came from story")
    def came_from_story(self, membership):
        story = membership.source_article
        if story is None:
            return "—"
        return format_html('<a href="{}">{}</a>', story.get_absolute_url(), story.headline)

    @admin.display(description="Since", ordering="started_at")
    def since(self, membership):
        return _day(membership.started_at)

    def changelist_view(self, request, extra_context=None):
        summary = Membership.objects.summary(now=timezone.now())
        for key in ("mrr", "mrr_past_due", "mrr_cancelling"):
            summary[f"{key}_labels"] = [
                format_money(value, currency) for currency, value in summary[key].items()
            ] or [format_money(0, "usd")]
        return super().changelist_view(request, {**(extra_context or {}), "summary": summary})

    @admin.action(description="Export selected to CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        members = queryset.select_related("supporter", "plan", "source_article").order_by("pk")
        return csv_response(
            name="members",
            header=[title for title, _ in CSV_COLUMNS],
            rows=([get(membership) for _, get in CSV_COLUMNS] for membership in members),
        )

    def _cancel(self, request, queryset, *, at_period_end):
        done = 0
        for membership in queryset.filter(status__in=[MembershipStatus.ACTIVE, "past_due"]):
            try:
                cancel_membership(
                    membership=membership,
                    at_period_end=at_period_end,
                    reason=f"Canceled by {request.user.get_username()} in the admin.",
                )
                done += 1
            except (MembershipChangeError, ProviderError, ProviderUnavailable) as error:
                self.message_user(request, f"{membership.supporter.email}: {error}", messages.ERROR)
        self.message_user(request, f"Canceled {done} membership(s).", messages.SUCCESS)

    @admin.action(description="Cancel at the end of the paid period", permissions=["change"])
    def cancel_at_period_end_action(self, request, queryset):
        self._cancel(request, queryset, at_period_end=True)

    @admin.action(description="Cancel at once", permissions=["change"])
    def cancel_now_action(self, request, queryset):
        self._cancel(request, queryset, at_period_end=False)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["plan", "amount", "status", "started_at", "current_period_end"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Supporter)
class SupporterAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "email_consent", "created_at"]
    search_fields = ["email", "name"]
    readonly_fields = ["provider_customer_id", "created_at", "consented_at", "email_consent"]
    inlines = [MembershipInline]

    def has_add_permission(self, request):
        return False


@admin.register(ProviderEvent)
class ProviderEventAdmin(RecordAdmin):
    list_display = ["type", "event_id", "provider", "occurred_at", "membership", "outcome"]
    list_filter = ["provider", "type"]
    search_fields = ["event_id", "membership__supporter__email"]
    list_select_related = ["membership__supporter", "membership__plan"]
    readonly_fields = [
        "provider",
        "event_id",
        "type",
        "occurred_at",
        "received_at",
        "membership",
        "outcome",
        "payload",
    ]
