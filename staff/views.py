"""The second-factor step, enrolment at first sign-in, recovery codes, and each staff member's own
sign-in methods. Server-rendered pages with plain forms; the only script is the passkey ceremony's
(django-otp-webauthn's static files, and static/js/passkeys.js)."""

from urllib.parse import urlencode

import django_otp
from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import user_has_device

from staff import devices, policy, services
from staff.forms import AuthenticatorCodeForm, RecoveryCodeForm
from staff.qr import qr_svg

# Recovery codes just made, kept only until the page that shows them once has been rendered.
FRESH_CODES_SESSION_KEY = "staff_fresh_recovery_codes"


def _next(request):
    """Where to go once the step is done: a page of this site, or the desk's home."""
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("admin:index")


def _with_next(name, next_url):
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _step_context(**context):
    """The admin's look for the steps before the second factor, without its menus or links:
    nothing of the desk shows to a password alone."""
    return {
        "site_header": admin.site.site_header,
        "site_title": admin.site.site_title,
        "has_permission": False,
        "is_nav_sidebar_enabled": False,
        **context,
    }


def _signed_in_as_verified(request, device):
    django_otp.login(request, device)
    # A new session key for the session that now holds more: a key seen before is worth nothing.
    request.session.cycle_key()


def _staff_only(request):
    """Anyone but an active staff member goes to the admin's sign-in page."""
    if policy.is_staff(request.user):
        return None
    return redirect_to_login(request.get_full_path(), reverse("admin:login"))


@never_cache
@sensitive_post_parameters("otp_token", "recovery_code")
def verify(request):
    """After the password: the code from the authenticator app, a passkey, or a recovery code."""
    if refusal := _staff_only(request):
        return refusal
    user, next_url = request.user, _next(request)
    if user.is_verified():
        return redirect(next_url)
    if not user_has_device(user):
        return redirect(_with_next("staff:enrol", next_url) if policy.asks(user) else next_url)

    app_form, recovery_form = AuthenticatorCodeForm(), RecoveryCodeForm()
    if request.method == "POST":
        if "recovery_code" in request.POST:
            form = recovery_form = RecoveryCodeForm(request.POST)
            field, check_code = "recovery_code", services.check_recovery_code
        else:
            form = app_form = AuthenticatorCodeForm(request.POST)
            field, check_code = "otp_token", services.check_authenticator_code
        if form.is_valid():
            check = check_code(user=user, code=form.cleaned_data[field])
            if check.device is not None:
                _signed_in_as_verified(request, check.device)
                if field == "recovery_code":
                    left = devices.recovery_codes_left(user)
                    messages.warning(
                        request,
                        f"You signed in with a recovery code; {left} left. If you have lost your "
                        "phone, set up your authenticator app again now and make new codes.",
                    )
                return redirect(next_url)
            form.add_error(field, check.error)

    methods = devices.methods(user)
    return render(
        request,
        "staff/verify.html",
        _step_context(
            title="Confirm it’s you",
            methods=methods,
            app_form=app_form,
            recovery_form=recovery_form,
            recovery_open=recovery_form.is_bound or not (methods.authenticator or methods.passkeys),
            next=next_url,
        ),
    )


@never_cache
@sensitive_post_parameters("otp_token")
def enrol(request):
    """Setting up an authenticator app: at first sign-in, or again on a new phone."""
    if refusal := _staff_only(request):
        return refusal
    user, next_url = request.user, _next(request)
    if user_has_device(user) and not user.is_verified():
        # Replacing the app needs the second factor that is already set up.
        return redirect(_with_next("staff:verify", next_url))

    device = services.authenticator_pending(user=user, session=request.session)
    form = AuthenticatorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = services.authenticator_confirm(
            user=user, device=device, code=form.cleaned_data["otp_token"]
        )
        if check.device is not None:
            request.session.pop(services.PENDING_SESSION_KEY, None)
            _signed_in_as_verified(request, check.device)
            if check.recovery_codes:
                request.session[FRESH_CODES_SESSION_KEY] = check.recovery_codes
                return redirect(_with_next("staff:recovery-codes", next_url))
            messages.success(request, "Your authenticator app is set up.")
            return redirect(next_url)
        form.add_error("otp_token", check.error)

    return render(
        request,
        "staff/enrol.html",
        _step_context(
            title="Set up two-factor sign-in",
            form=form,
            qr=qr_svg(device.config_url, label="QR code to scan with your authenticator app"),
            secret=devices.secret_text(device),
            account=devices.account_label(user),
            replacing=devices.authenticator(user) is not None,
            required=policy.must_use(user),
            first_time=not user_has_device(user),
            next=next_url,
        ),
    )


@never_cache
def recovery_codes(request):
    """Recovery codes: shown once, right after they are made; made anew on request."""
    if refusal := _staff_only(request):
        return refusal
    user, next_url = request.user, _next(request)
    if request.method == "POST":
        if not user.is_verified():
            return HttpResponseForbidden("Confirm it’s you with your second factor first.")
        request.session[FRESH_CODES_SESSION_KEY] = services.recovery_codes_replace(user=user)
        return redirect(_with_next("staff:recovery-codes", next_url))
    codes = request.session.pop(FRESH_CODES_SESSION_KEY, None) or []
    return render(
        request,
        "staff/recovery_codes.html",
        {
            **admin.site.each_context(request),
            "title": "Your recovery codes" if codes else "Recovery codes",
            "codes": [devices.shown_code(code) for code in codes],
            "left": devices.recovery_codes_left(user),
            "verified": user.is_verified(),
            "next": next_url,
        },
    )


@never_cache
def sign_in_methods(request):
    """A staff member's own sign-in methods: add a passkey, new recovery codes, remove one."""
    if refusal := _staff_only(request):
        return refusal
    user = request.user
    methods = devices.methods(user)
    required = policy.must_use(user) and not policy.is_off()
    removable = len(methods.passkeys) + bool(methods.authenticator) > (1 if required else 0)
    return render(
        request,
        "staff/devices.html",
        {
            **admin.site.each_context(request),
            "title": "Two-factor sign-in",
            "methods": methods,
            "verified": user.is_verified(),
            "required": policy.must_use(user),
            "off": policy.is_off(),
            "removable": removable,
        },
    )


@require_POST
def remove_device(request):
    if refusal := _staff_only(request):
        return refusal
    user = request.user
    if not user.is_verified():
        return HttpResponseForbidden("Confirm it’s you with your second factor first.")
    try:
        pk = int(request.POST.get("pk", ""))
        if not 0 < pk < 2**63:
            raise ValueError(pk)
        removed = services.device_remove(
            user=user,
            kind=request.POST.get("kind", ""),
            pk=pk,
            keep_one=policy.must_use(user) and not policy.is_off(),
        )
    except ValueError:
        messages.error(request, "Choose a sign-in method to remove.")
    except ValidationError as error:
        messages.error(request, error.message)
    else:
        what = "authenticator app" if request.POST["kind"] == "authenticator" else "passkey"
        messages.success(request, f"The {what} “{removed.name or what}” was removed.")
    return redirect("staff:devices")
