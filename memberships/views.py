"""Joining, the test checkout, webhooks and the members' own pages. Thin: services do the work."""

import logging
from decimal import Decimal, InvalidOperation
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from memberships import ratelimit
from memberships.forms import CancelForm, ChangeForm, JoinForm, SignInForm
from memberships.models import Membership, MembershipStatus, Plan, Supporter
from memberships.providers import (
    PROVIDERS,
    InvalidEvent,
    ProviderError,
    ProviderUnavailable,
    get_provider,
    local_checkout_allowed,
)
from memberships.services import (
    AlreadyMember,
    MembershipChangeError,
    SignInLinkInvalid,
    apply_provider_event,
    billing_portal_url,
    cancel_membership,
    change_membership,
    current_membership,
    redeem_sign_in_link,
    send_sign_in_link,
    start_checkout,
)

logger = logging.getLogger(__name__)

SESSION_KEY = "membership_supporter_id"
MEMBER_SESSION_SECONDS = 60 * 60 * 24 * 7
WEBHOOK_MAX_BYTES = 512 * 1024


def joining_available():
    return settings.MEMBERSHIPS_PROVIDER != "local" or local_checkout_allowed()


def _prefill(query, plans):
    """Values carried over from the join box at the foot of an article (a plain GET form)."""
    initial = {}
    slugs = {plan.slug for plan in plans}
    if query.get("plan") in slugs:
        initial["plan"] = query["plan"]
    else:
        default = next((plan for plan in plans if plan.is_default), plans[0] if plans else None)
        if default:
            initial["plan"] = default.slug
    try:
        amount = Decimal(query.get("amount", ""))
        if amount.is_finite() and 0 < amount < 100000:
            initial["custom_amount"] = amount.quantize(Decimal("0.01"))
    except InvalidOperation:
        pass
    email = query.get("email", "")[:254]
    try:
        validate_email(email)
        initial["email"] = email
    except ValidationError:
        pass
    return initial


def _may_send_sign_in_link(request, email):
    """Per connection and per address, so nobody can flood a member's inbox with links."""
    window = settings.MEMBERSHIPS_CHECKOUT_LIMIT_WINDOW
    limit = settings.MEMBERSHIPS_SIGN_IN_LIMIT_PER_CLIENT
    return ratelimit.hit(
        "sign-in", ratelimit.client_id(request), limit=limit, window=window
    ) and ratelimit.hit("sign-in-address", ratelimit.keyed_hash(email), limit=3, window=window)


def _too_many(request, template, context, message):
    return render(request, template, {**context, "rate_limited": message}, status=429)


@never_cache
@require_http_methods(["GET", "POST"])
def join(request):
    plans = list(Plan.objects.offered())
    context = {"plans": plans, "available": joining_available(), "test_mode": False}
    context["test_mode"] = settings.MEMBERSHIPS_PROVIDER == "local"
    if request.method == "GET":
        form = JoinForm(initial=_prefill(request.GET, plans))
        context["checkout_canceled"] = "canceled" in request.GET
        return render(request, "memberships/join.html", {**context, "form": form})

    form = JoinForm(request.POST)
    context["form"] = form
    if not ratelimit.hit(
        "join",
        ratelimit.client_id(request),
        limit=settings.MEMBERSHIPS_CHECKOUT_LIMIT_PER_CLIENT,
        window=settings.MEMBERSHIPS_CHECKOUT_LIMIT_WINDOW,
    ):
        return _too_many(
            request,
            "memberships/join.html",
            context,
            "Too many attempts from your connection. Please wait an hour and try again.",
        )
    if form.is_bot():
        form.add_error(None, "We could not process this form. Please try again.")
        return render(request, "memberships/join.html", context, status=400)
    if not form.is_valid():
        return render(request, "memberships/join.html", context, status=400)
    if not ratelimit.hit(
        "join",
        "everyone",
        limit=settings.MEMBERSHIPS_CHECKOUT_LIMIT_GLOBAL,
        window=settings.MEMBERSHIPS_CHECKOUT_LIMIT_WINDOW,
    ):
        logger.warning("Site-wide checkout limit reached; new sign-ups are paused for now.")
        return _too_many(
            request,
            "memberships/join.html",
            context,
            "We are receiving an unusual number of sign-ups and have paused new ones for a "
            "little while. Please try again later today.",
        )
    data = form.cleaned_data
    try:
        started = start_checkout(
            plan=data["plan"],
            amount=data["amount"],
            email=data["email"],
            name=data["name"],
            email_consent=data["email_consent"],
            success_url=request.build_absolute_uri(reverse("memberships:thanks")),
            cancel_url=request.build_absolute_uri(reverse("memberships:join")) + "?canceled",
        )
    except AlreadyMember:
        if _may_send_sign_in_link(request, data["email"]):
            send_sign_in_link(email=data["email"])
        form.add_error(
            "email",
            "This address already has a membership, so we have not started a second one. "
            "We have emailed it a sign-in link: open it to change your amount or plan.",
        )
        return render(request, "memberships/join.html", {**context, "already_member": True})
    except ProviderUnavailable:
        context["available"] = False
        return render(request, "memberships/join.html", context, status=503)
    except ProviderError as error:
        form.add_error(None, f"We could not start the payment: {error} Please try again.")
        return render(request, "memberships/join.html", context, status=502)
    return redirect(started.redirect_url)


def thanks(request):
    return render(request, "memberships/thanks.html")


@never_cache
@require_http_methods(["GET", "POST"])
def test_checkout(request, reference):
    """The stand-in payment page for development. Never reachable with DEBUG off by accident."""
    if not local_checkout_allowed():
        raise Http404("The test checkout is off.")
    membership = get_object_or_404(
        Membership.objects.select_related("plan", "supporter"),
        reference=reference,
        provider="local",
    )
    if request.method == "POST":
        if membership.status != MembershipStatus.PENDING:
            return redirect("memberships:thanks")
        provider = get_provider("local")
        outcome = request.POST.get("outcome")
        if outcome == "complete":
            for event in provider.completion_events(
                reference=membership.reference,
                checkout_id=membership.provider_checkout_id,
                amount=membership.amount,
                currency=membership.currency,
                interval=membership.plan.interval,
            ):
                apply_provider_event(event=event)
            return redirect("memberships:thanks")
        if outcome == "fail":
            apply_provider_event(
                event=provider.failure_event(
                    reference=membership.reference, checkout_id=membership.provider_checkout_id
                )
            )
            messages.error(
                request,
                "Your payment did not go through and nothing was charged. You can try again.",
            )
            return redirect(f"{reverse('memberships:join')}?plan={membership.plan.slug}")
        return HttpResponseBadRequest("Choose Complete or Fail.")
    return render(request, "memberships/test_checkout.html", {"membership": membership})


@csrf_exempt
@require_POST
def webhook(request, provider_name):
    """The provider's events. Bad signatures get 400 and change nothing."""
    if provider_name not in PROVIDERS:
        raise Http404
    try:
        provider = get_provider(provider_name)
    except ProviderUnavailable:
        raise Http404 from None
    if not provider.accepts_webhooks:
        raise Http404
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = WEBHOOK_MAX_BYTES + 1
    if length > WEBHOOK_MAX_BYTES:
        return HttpResponse("Too large.", status=413)
    try:
        event = provider.parse_event(payload=request.body, headers=request.headers)
    except InvalidEvent as error:
        logger.warning("Rejected a %s webhook: %s", provider_name, error)
        return HttpResponseBadRequest(str(error))
    record = apply_provider_event(event=event)
    return HttpResponse(record.outcome or "ok", content_type="text/plain")


# --- Members' own pages --------------------------------------------------------------------


def signed_in_supporter(request):
    supporter_id = request.session.get(SESSION_KEY)
    if supporter_id is None:
        return None
    return Supporter.objects.filter(pk=supporter_id).first()


def member_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        supporter = signed_in_supporter(request)
        if supporter is None:
            messages.info(request, "Sign in to see your membership.")
            return redirect("memberships:sign_in")
        membership = current_membership(supporter)
        return view(request, supporter, membership, *args, **kwargs)

    return never_cache(wrapper)


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request):
    form = SignInForm(request.POST or None)
    if request.method == "POST":
        email = request.POST.get("email", "")[:254].strip().lower()
        if not _may_send_sign_in_link(request, email):
            return _too_many(
                request,
                "memberships/sign_in.html",
                {"form": form},
                "Too many sign-in links were asked for. Please use the latest one we sent, "
                "or wait an hour.",
            )
        if form.is_valid():
            send_sign_in_link(email=form.cleaned_data["email"])
            return render(
                request, "memberships/sign_in_sent.html", {"email": form.cleaned_data["email"]}
            )
        return render(request, "memberships/sign_in.html", {"form": form}, status=400)
    return render(request, "memberships/sign_in.html", {"form": form})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def sign_in_confirm(request, token):
    """Opening the link only shows a button: mail scanners that fetch links sign nobody in."""
    if request.method != "POST":
        return render(request, "memberships/sign_in_confirm.html")
    try:
        supporter = redeem_sign_in_link(token=token[:100])
    except SignInLinkInvalid as error:
        return render(
            request,
            "memberships/sign_in_invalid.html",
            {"reason": error.reason, "form": SignInForm()},
            status=400,
        )
    request.session.cycle_key()
    request.session[SESSION_KEY] = supporter.pk
    request.session.set_expiry(MEMBER_SESSION_SECONDS)
    return redirect("memberships:account")


@require_POST
def sign_out(request):
    request.session.flush()
    messages.info(request, "You are signed out.")
    return redirect("memberships:sign_in")


def _account_context(supporter, membership, **extra):
    context = {"supporter": supporter, "membership": membership}
    if membership:
        context["payments"] = membership.payments.all()[:12]
        context["has_billing_portal"] = _has_portal(membership)
        if "change_form" not in extra:
            extra["change_form"] = ChangeForm(
                initial={
                    "plan": membership.plan.slug,
                    "custom_amount": membership.amount
                    if membership.amount != membership.plan.amount
                    else None,
                }
            )
    return {**context, **extra}


def _has_portal(membership):
    try:
        return get_provider(membership.provider).has_billing_portal
    except ProviderUnavailable:
        return False


@member_required
@require_http_methods(["GET"])
def account(request, supporter, membership):
    return render(request, "memberships/account.html", _account_context(supporter, membership))


@member_required
@require_POST
def change(request, supporter, membership):
    form = ChangeForm(request.POST)
    if membership is None:
        return redirect("memberships:account")
    if form.is_valid():
        try:
            change_membership(
                membership=membership,
                plan=form.cleaned_data["plan"],
                amount=form.cleaned_data["amount"],
            )
        except MembershipChangeError as error:
            form.add_error(None, str(error))
        except ProviderError as error:
            form.add_error(None, f"The change did not go through: {error}")
        else:
            messages.success(request, "Your membership is changed. Thank you!")
            return redirect("memberships:account")
    return render(
        request,
        "memberships/account.html",
        _account_context(supporter, membership, change_form=form),
        status=400,
    )


@member_required
@require_http_methods(["GET", "POST"])
def cancel(request, supporter, membership):
    if membership is None or not membership.is_live or membership.cancel_at_period_end:
        messages.info(request, "There is no active membership to cancel.")
        return redirect("memberships:account")
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = cancel_membership(
                membership=membership, at_period_end=True, reason=form.cleaned_data["reason"]
            )
        except (MembershipChangeError, ProviderError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your membership is canceled. Thank you for your support.")
            return redirect("memberships:account")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "memberships/cancel.html",
        {"membership": membership, "form": form},
        status=status,
    )


@member_required
@require_POST
def billing(request, supporter, membership):
    if membership is None or not supporter.provider_customer_id or not _has_portal(membership):
        messages.info(request, "There are no card details to update.")
        return redirect("memberships:account")
    try:
        url = billing_portal_url(
            membership=membership,
            return_url=request.build_absolute_uri(reverse("memberships:account")),
        )
    except ProviderError as error:
        messages.error(request, f"The billing page is not available right now: {error}")
        return redirect("memberships:account")
    return redirect(url)
