"""Newsletter subscribers in the admin: who signed up, how often they get it, where from.

Addresses are readers' identities: only those given the Subscriber permissions see them (the
"Membership manager" group, newsletter/migrations/0003), never Editors or Reporters. Nobody
adds or re-subscribes an address here, which would skip the reader's own confirmation; a
manager may unsubscribe one, or change how often it gets the newsletter.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.utils.html import format_html

from newsletter import services
from newsletter.models import Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "status",
        "frequency",
        "edition",
        "source_placement",
        "came_from_story",
        "created_at",
        "confirmed_at",
    ]
    list_filter = ["status", "frequency", "edition", "source_placement", "created_at"]
    search_fields = ["email"]
    list_select_related = ["source_article"]
    date_hierarchy = "created_at"
    actions = ["unsubscribe_selected"]
    fieldsets = [
        (None, {"fields": ["email", "status", "frequency", "edition"]}),
        (
            "Dates",
            {
                "fields": [
                    "created_at",
                    "confirmation_sent_at",
                    "confirmed_at",
                    "unsubscribed_at",
                ],
                "description": f"Times are the newsroom's ({settings.TIME_ZONE}).",
            },
        ),
        ("What led them to sign up", {"fields": ["came_from_story", "source_placement"]}),
    ]
    # The status follows the reader's own clicks (or the action below), never a typed value.
    readonly_fields = [
        "email",
        "status",
        "created_at",
        "confirmation_sent_at",
        "confirmed_at",
        "unsubscribed_at",
        "came_from_story",
        "source_placement",
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description="Came from story")
    def came_from_story(self, subscriber):
        story = subscriber.source_article
        if story is None:
            return "—"
        return format_html('<a href="{}">{}</a>', story.get_absolute_url(), story.headline)

    @admin.action(description="Unsubscribe selected", permissions=["change"])
    def unsubscribe_selected(self, request, queryset):
        done = services.unsubscribe_selected(queryset)
        self.message_user(request, f"Unsubscribed {done} subscriber(s).", messages.SUCCESS)
