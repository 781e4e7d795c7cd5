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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

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
    MembershipChangeError,
    SignInLinkInvalid,
    apply_provider_event,
    billing_portal_url,
    cancel_membership,
    change_membership,
    current_membership,
    record_invalid_provider_event,
    redeem_sign_in_link,
    send_sign_in_link,
    start_checkout,
)
from newsroom import attribution, clients, editions

logger = logging.getLogger(__name__)

SESSION_KEY = "membership_supporter_id"
MEMBER_SESSION_SECONDS = 60 * 60 * 24 * 7
WEBHOOK_MAX_BYTES = 512 * 1024
# What the join box under each story posts, with no CSRF token (see ``join``).
JOIN_BOX_STEP = "box"
PROVIDER_OFF_MESSAGE = gettext_lazy(
    "Your membership cannot be changed online at the moment: the payment service that bills it "
    "is switched off on this site. Please write to us and we will make the change for you."
)


def joining_available():
    return settings.MEMBERSHIPS_PROVIDER != "local" or local_checkout_allowed()


def _prefill(values, plans, *, with_email=False):
    """Choices carried over to the join form: the plan and amount from a link (``?plan=``) or
    the join box; the address only from the join box's posted field, never from a URL."""
    initial = {}
    slugs = {plan.slug for plan in plans}
    if values.get("plan") in slugs:
        initial["plan"] = values["plan"]
    else:
        default = next((plan for plan in plans if plan.is_default), plans[0] if plans else None)
        if default:
            initial["plan"] = default.slug
    try:
        amount = Decimal(values.get("amount", ""))
        if amount.is_finite() and 0 < amount < 100000:
            initial["custom_amount"] = amount.quantize(Decimal("0.01"))
    except InvalidOperation:
        pass
    email = values.get("email", "")[:254].strip() if with_email else ""
    try:
        validate_email(email)
        initial["email"] = email
    except ValidationError:
        pass
    return initial


def _source(values):
    """What led the reader to the join form, kept in its hidden fields through every answer:
    the story and placement a link or the join box carried (``?from=&via=``), or the join page
    itself when the reader came with neither. Malformed values are nothing, never an error."""
    story, placement = attribution.read(values)
    carried = attribution.FROM_PARAMETER in values or attribution.VIA_PARAMETER in values
    if not carried:
        placement = attribution.Placement.JOIN_PAGE
    return {"story": story, "placement": placement}


def _without_email(request):
    """This URL without its ``email`` parameter: links from story pages cached before the join
    box posted still carry one, and it should not stay in the address bar and the history."""
    query = request.GET.copy()
    query.pop("email", None)
    return f"{request.path}?{query.urlencode()}" if query else request.path


def _may_send_sign_in_link(request, email):
    """Per connection and per address, so nobody can flood a member's inbox with links."""
    window = settings.MEMBERSHIPS_CHECKOUT_LIMIT_WINDOW
    limit = settings.MEMBERSHIPS_SIGN_IN_LIMIT_PER_CLIENT
    return clients.hit(
        "sign-in", clients.client_network(request), limit=limit, window=window
    ) and clients.hit("sign-in-address", email, limit=3, window=window)


def _may_email_member_joining(email):
    """A few sign-in links an hour to an address someone keeps joining with (the join form's
    own limits cover the connection). Counted for every address that joins, member or not, so
    that the limit cannot tell who is a member either."""
    return clients.hit(
        "join-sign-in-address",
        email,
        limit=3,
        window=settings.MEMBERSHIPS_CHECKOUT_LIMIT_WINDOW,
    )


def _too_many(request, template, context, message):
    return render(request, template, {**context, "rate_limited": message}, status=429)


@csrf_exempt  # for the join box's step alone; every other POST is checked in _join_submitted
@never_cache
@require_http_methods(["GET", "POST"])
def join(request):
    """The join form, reached from a link, from the join box under a story, or submitted.

    The box posts here, never a GET form: a GET would put the reader's address in the URL, and
    so in access logs, the history and Referer headers. Story pages are cached and shared by
    every reader, so the box cannot carry a per-reader CSRF token: its step (``step=box``) is
    accepted without one. That step only answers the join page with the box's choices filled
    in; it stores, sends and counts nothing, so a forged one can at most prefill fields that the
    reader sees and can change. The submission that starts a checkout needs the token as usual.

    Every answer keeps what led the reader here (``_source``) in the form's hidden fields, so
    that the checkout it starts records it.
    """
    plans = list(Plan.objects.offered())
    context = {"plans": plans, "available": joining_available(), "test_mode": False}
    context["test_mode"] = settings.MEMBERSHIPS_PROVIDER == "local"
    if request.method == "GET" and "email" in request.GET:
        return redirect(_without_email(request))
    if request.method == "GET" or request.POST.get("step") == JOIN_BOX_STEP:
        values = request.GET if request.method == "GET" else request.POST
        form = JoinForm(initial=_prefill(values, plans, with_email=request.method == "POST"))
        context["checkout_canceled"] = "canceled" in request.GET
        context["source"] = _source(values)
        return render(request, "memberships/join.html", {**context, "form": form})
    context["source"] = _source(request.POST)
    return _join_submitted(request, context)


def _may_submit_join_form(request):
    """Every submission, valid or not, against a bot flooding the form with nonsense.

    A mistyped form starts no checkout, so the checkout limit below never sees it: a reader
    correcting a typo is never held back by it. That would let a script post invalid forms
    without end, each one validated and checked against the disposable-domains list; this
    limit is far above what a person correcting typos needs
    (MEMBERSHIPS_JOIN_SUBMISSION_LIMIT_PER_CLIENT), and costs one cache round trip more.
    """
    return clients.hit(
        "join-submission",
        clients.client_network(request),
        limit=settings.MEMBERSHIPS_JOIN_SUBMISSION_LIMIT_PER_CLIENT,
        window=settings.MEMBERSHIPS_CHECKOUT_LIMIT_WINDOW,
        sliding=True,
    )


def _may_start_checkout(request):
    """Checkouts started per connection, over the last window (a sliding one: a reader held
    back is let through once their oldest checkout is an hour old, not on the clock hour)."""
    return clients.hit(
        "join",
        clients.client_network(request),
        limit=settings.MEMBERSHIPS_CHECKOUT_LIMIT_PER_CLIENT,
        window=settings.MEMBERSHIPS_CHECKOUT_LIMIT_WINDOW,
        sliding=True,
    )


TOO_MANY_JOINS = gettext_lazy(
    "Too many attempts from your connection. Please wait an hour and try again."
)


@csrf_protect
def _join_submitted(request, context):
    form = JoinForm(request.POST)
    context["form"] = form
    if not _may_submit_join_form(request):
        return _too_many(request, "memberships/join.html", context, TOO_MANY_JOINS)
    if form.is_bot():
        form.add_error(None, _("We could not process this form. Please try again."))
        return render(request, "memberships/join.html", context, status=400)
    if not form.is_valid():
        return render(request, "memberships/join.html", context, status=400)
    # Only a submission that goes on to start a checkout counts from here on.
    if not _may_start_checkout(request):
        return _too_many(request, "memberships/join.html", context, TOO_MANY_JOINS)
    if not clients.hit(
        "join",
        "everyone",
        limit=settings.MEMBERSHIPS_CHECKOUT_LIMIT_GLOBAL,
        window=settings.MEMBERSHIPS_CHECKOUT_LIMIT_WINDOW,
        sliding=True,
    ):
        logger.warning("Site-wide checkout limit reached; new sign-ups are paused for now.")
        return _too_many(
            request,
            "memberships/join.html",
            context,
            _(
                "We are receiving an unusual number of sign-ups and have paused new ones for a "
                "little while. Please try again later today."
            ),
        )
    data = form.cleaned_data
    may_email = _may_email_member_joining(data["email"])
    try:
        started = start_checkout(
            plan=data["plan"],
            amount=data["amount"],
            email=data["email"],
            name=data["name"],
            email_consent=data["email_consent"],
            success_url=request.build_absolute_uri(reverse("memberships:thanks")),
            cancel_url=request.build_absolute_uri(reverse("memberships:join")) + "?canceled",
            source_article_id=context["source"]["story"],
            source_placement=context["source"]["placement"],
            newsletter_opt_in=data["newsletter"],
        )
    except ProviderUnavailable:
        context["available"] = False
        return render(request, "memberships/join.html", context, status=503)
    except ProviderError as error:
        form.add_error(
            None,
            _("We could not start the payment: %(error)s Please try again.") % {"error": error},
        )
        return render(request, "memberships/join.html", context, status=502)
    if started.already_member and may_email:
        # Told by email, where only they read it; the page answers as it does for anyone.
        send_sign_in_link(email=data["email"], joining_again=True, language=editions.current())
    return redirect(started.redirect_url)


def thanks(request):
    return render(request, "memberships/thanks.html")


def _join_again(request, membership):
    """The join form as the reader filled it in for ``membership``, answered in place of a
    redirect so that nothing they typed (their address least of all) goes into a URL."""
    plan, supporter = membership.plan, membership.supporter
    form = JoinForm(
        initial={
            "plan": plan.slug,
            "custom_amount": membership.amount if membership.amount != plan.amount else None,
            "email": supporter.email,
            "name": supporter.name,
            "email_consent": supporter.email_consent,
            "newsletter": membership.newsletter_opt_in,
        }
    )
    context = {
        "source": {
            "story": membership.source_article_id,
            "placement": membership.source_placement,
        },
        "plans": list(Plan.objects.offered()),
        "available": joining_available(),
        "test_mode": settings.MEMBERSHIPS_PROVIDER == "local",
        "form": form,
    }
    return render(request, "memberships/join.html", context)


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
                _(
                    "Your payment did not go through and nothing was charged. Your details are "
                    "still filled in below: check them and try again."
                ),
            )
            return _join_again(request, membership)
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
        record = apply_provider_event(event=event)
    except InvalidEvent as error:
        logger.warning("Rejected a %s webhook: %s", provider_name, error)
        if error.payload is not None:
            # Signed by the provider, so kept (as invalid) for the managers to look into.
            record_invalid_provider_event(
                provider=provider.name, payload=error.payload, reason=str(error)
            )
        return HttpResponseBadRequest(str(error))
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
            messages.info(request, _("Sign in to see your membership."))
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
                _(
                    "Too many sign-in links were asked for. Please use the latest one we sent, "
                    "or wait an hour."
                ),
            )
        if form.is_valid():
            send_sign_in_link(email=form.cleaned_data["email"], language=editions.current())
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
    messages.info(request, _("You are signed out."))
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
    status = 400
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
            form.add_error(None, _("The change did not go through: %(error)s") % {"error": error})
        except ProviderUnavailable:
            form.add_error(None, PROVIDER_OFF_MESSAGE)
            status = 503
        else:
            messages.success(request, _("Your membership is changed. Thank you!"))
            return redirect("memberships:account")
    return render(
        request,
        "memberships/account.html",
        _account_context(supporter, membership, change_form=form),
        status=status,
    )


@member_required
@require_http_methods(["GET", "POST"])
def cancel(request, supporter, membership):
    if membership is None or not membership.is_live or membership.cancel_at_period_end:
        messages.info(request, _("There is no active membership to cancel."))
        return redirect("memberships:account")
    form = CancelForm(request.POST or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            membership = cancel_membership(
                membership=membership, at_period_end=True, reason=form.cleaned_data["reason"]
            )
        except (MembershipChangeError, ProviderError) as error:
            form.add_error(None, str(error))
        except ProviderUnavailable:
            form.add_error(None, PROVIDER_OFF_MESSAGE)
            status = 503
        else:
            messages.success(request, _("Your membership is canceled. Thank you for your support."))
            return redirect("memberships:account")
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
        messages.info(request, _("There are no card details to update."))
        return redirect("memberships:account")
    try:
        url = billing_portal_url(
            membership=membership,
            return_url=request.build_absolute_uri(reverse("memberships:account")),
        )
    except ProviderError as error:
        messages.error(
            request,
            _("The billing page is not available right now: %(error)s") % {"error": error},
        )
        return redirect("memberships:account")
    return redirect(url)
