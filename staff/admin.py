"""Users in the admin show whether they have set up two-factor sign-in, and a superuser can reset
it for someone who has lost their phone (their next sign-in sets up a new one)."""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Exists, OuterRef, Q
from django.template.response import TemplateResponse
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from staff import services

User = get_user_model()


class TwoFactorFilter(admin.SimpleListFilter):
    title = "two-factor sign-in"
    parameter_name = "two_factor"

    def lookups(self, request, model_admin):
        return [("yes", "Set up"), ("no", "Not set up")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(Q(has_authenticator=True) | Q(has_passkey=True))
        if self.value() == "no":
            return queryset.filter(has_authenticator=False, has_passkey=False)
        return queryset


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    list_display = [*UserAdmin.list_display, "two_factor"]
    list_filter = [*UserAdmin.list_filter, TwoFactorFilter]
    actions = ["reset_two_factor"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                has_authenticator=Exists(
                    TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
                ),
                has_passkey=Exists(
                    WebAuthnCredential.objects.filter(user=OuterRef("pk"), confirmed=True)
                ),
            )
        )

    @admin.display(description="Two-factor sign-in")
    def two_factor(self, user):
        kinds = [
            name
            for name, present in (
                ("authenticator app", user.has_authenticator),
                ("passkey", user.has_passkey),
            )
            if present
        ]
        return ", ".join(kinds).capitalize() or "Not set up"

    def has_reset_two_factor_permission(self, request):
        return request.user.is_superuser

    @admin.action(
        description="Reset two-factor sign-in (lost phone) of selected users",
        permissions=["reset_two_factor"],
    )
    def reset_two_factor(self, request, queryset):
        if request.POST.get("post") == "yes":
            for user in queryset:
                removed = services.devices_reset(user=user, by=request.user)
                self.log_change(request, user, f"Reset two-factor sign-in: removed {removed}.")
            self.message_user(
                request,
                f"Two-factor sign-in reset for {', '.join(u.get_username() for u in queryset)}: "
                "each sets up a new authenticator app at their next sign-in.",
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "staff/reset_two_factor.html",
            {
                **self.admin_site.each_context(request),
                "title": "Reset two-factor sign-in?",
                "users": queryset,
                "opts": self.opts,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            },
        )
