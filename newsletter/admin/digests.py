"""Digests in the admin: editors see what goes out and when, preview it, and send it now.

Editors (the "Editor" group, newsletter/migrations/0002) make, change, preview and send
digests; Reporters have no part in them. A digest's preview is its own admin page showing the
HTML exactly as a subscriber gets it (the site's CSP forbids frames) and its text part. Who got
a digest, by address, is shown only to those who may see subscribers (``view_subscriber``);
editors see the counts.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from newsletter import digests, sending
from newsletter.models import Delivery, Digest, Subscriber
from newsletter.tasks import schedule, send_now
from newsletter.tokens import unsubscribe_url
from newsroom.admin_records import RecordAdmin

# The preview is rendered for this address, an unsaved subscriber: every link but the
# unsubscribe one leads where a reader's would.
SAMPLE_SUBSCRIBER = Subscriber(pk=0, email="reader@example.org")
DONE = (Digest.Status.SENDING, Digest.Status.SENT)


def may_send(user):
    return user.has_perm("newsletter.send_digest")


def may_see_recipients(user):
    return user.has_perm("newsletter.view_subscriber") and user.has_perm("newsletter.view_delivery")


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "frequency",
        "edition",
        "period",
        "status",
        "send_at_local",
        "sent_count",
        "failed_count",
    ]
    list_filter = ["status", "frequency", "edition"]
    date_hierarchy = "covers_until"
    fields = [
        "frequency",
        "edition",
        "covers_from",
        "covers_until",
        "send_at",
        "editor_note",
        "status",
        "progress",
    ]
    readonly_fields = ["status", "progress"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                sent_total=Count("deliveries", filter=Q(deliveries__state=Delivery.State.SENT)),
                failed_total=Count("deliveries", filter=Q(deliveries__state=Delivery.State.FAILED)),
            )
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status in DONE:
            # What went out stays as it went out.
            return [*self.fields]
        return self.readonly_fields

    @admin.display(description="period")
    def period(self, digest):
        start, end = timezone.localtime(digest.covers_from), timezone.localtime(digest.covers_until)
        return f"{start:%-d %b %H:%M} – {end:%-d %b %Y %H:%M}"

    @admin.display(description="sends at (newsroom time)", ordering="send_at")
    def send_at_local(self, digest):
        if digest.send_at is None:
            return "—"
        return f"{timezone.localtime(digest.send_at):%-d %b %Y %H:%M %Z}"

    @admin.display(description="sent", ordering="sent_total")
    def sent_count(self, digest):
        return digest.sent_total

    @admin.display(description="failed", ordering="failed_total")
    def failed_count(self, digest):
        return digest.failed_total

    @admin.display(description="deliveries")
    def progress(self, digest):
        if digest.pk is None:
            return "—"
        counts = sending.progress(digest)
        return (
            f"{counts.sent} sent, {counts.failed} failed, {counts.skipped} skipped "
            f"(unsubscribed meanwhile), {counts.claimed} being sent, {counts.unconfirmed} "
            "unconfirmed (their run stopped: maybe not received, never sent twice)"
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        schedule(obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(
            may_send=obj is not None and may_send(request.user) and obj.status not in DONE,
            recipients_url=reverse("admin:newsletter_delivery_changelist")
            + f"?digest__id__exact={obj.pk}"
            if obj is not None and may_see_recipients(request.user)
            else "",
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path(
                "<path:object_id>/preview/",
                view(self.preview_view),
                name="newsletter_digest_preview",
            ),
            path("<path:object_id>/send/", view(self.send_view), name="newsletter_digest_send"),
            *super().get_urls(),
        ]

    def _digest(self, request, object_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        if not (object_id.isascii() and object_id.isdigit() and len(object_id) <= 18):
            raise Http404("No such digest.")
        return get_object_or_404(Digest, pk=int(object_id))

    def _context(self, request, digest, title):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": digest,
            "title": title,
            "change_url": reverse("admin:newsletter_digest_change", args=[digest.pk]),
        }

    def preview_view(self, request, object_id):
        """The digest as a subscriber gets it: its HTML on this page, its text part under it."""
        digest = self._digest(request, object_id)
        issue = digests.build_issue(digest)
        unsubscribe = unsubscribe_url(SAMPLE_SUBSCRIBER)
        text, _html = digests.render_parts(issue, unsubscribe=unsubscribe)
        context = {
            **self._context(request, digest, f"Preview: {digest}"),
            **digests.email_context(issue, unsubscribe=unsubscribe),
            "sample_email": SAMPLE_SUBSCRIBER.email,
            "text_part": text,
            "may_send": may_send(request.user) and digest.status not in DONE,
        }
        return TemplateResponse(request, "admin/newsletter/digest/preview.html", context)

    def send_view(self, request, object_id):
        """Ask, then queue the digest to go out now: a POST from this page only."""
        if not may_send(request.user):
            raise PermissionDenied
        digest = self._digest(request, object_id)
        change_url = reverse("admin:newsletter_digest_change", args=[digest.pk])
        if digest.status in DONE:
            self.message_user(
                request,
                f"“{digest}” is {digest.get_status_display().lower()} already.",
                messages.ERROR,
            )
            return redirect(change_url)
        if request.method == "POST":
            if send_now(digest, user=request.user):
                self.message_user(
                    request, f"“{digest}” is on its way to its subscribers.", messages.SUCCESS
                )
            else:
                self.message_user(request, f"“{digest}” went out already.", messages.ERROR)
            return redirect(change_url)
        context = {
            **self._context(request, digest, f"Send “{digest}” now"),
            "recipient_count": sending.recipients(digest).count(),
        }
        return TemplateResponse(request, "admin/newsletter/digest/send.html", context)


@admin.register(Delivery)
class DeliveryAdmin(RecordAdmin):
    """Who got which digest: read-only, and only for those who may see subscribers."""

    list_display = ["subscriber", "digest", "state", "claimed_at", "sent_at", "attempts", "error"]
    list_filter = ["state", "digest"]
    list_select_related = ["subscriber", "digest"]
    search_fields = ["subscriber__email"]

    def has_module_permission(self, request):
        return may_see_recipients(request.user)

    def has_view_permission(self, request, obj=None):
        return may_see_recipients(request.user)
