"""Signing up for the newsletter, confirming by the emailed link, and the page every digest
links to for changing how often or unsubscribing. Thin: newsletter.services does the work."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from newsletter import services, tokens
from newsletter.forms import SignUpForm
from newsletter.models import Frequency, Subscriber
from newsroom import attribution, clients

# Sign-ups per connection that go on to an inbox, over the last hour (sliding).
SIGN_UP_LIMIT_PER_CLIENT = 10
SIGN_UP_LIMIT_WINDOW = 3600
# Long enough for a confirmation link naming the longest address; anything longer is not one.
TOKEN_MAX_LENGTH = 1000
# RFC 8058: what a mail client posts to the List-Unsubscribe-Post address to unsubscribe.
ONE_CLICK_FIELD, ONE_CLICK_VALUE = "List-Unsubscribe", "One-Click"
TOO_MANY_SIGN_UPS = gettext_lazy(
    "That is a lot of sign-ups from your connection. Please wait a little and try again; "
    "if you signed up already, the email we sent is on its way."
)


def _may_sign_up(request):
    """Sign-ups that go on to the address's inbox, per connection, over a sliding window: a
    reader correcting a typo is not counted, a script signing up strangers soon is."""
    return clients.hit(
        "newsletter-sign-up",
        clients.client_network(request),
        limit=SIGN_UP_LIMIT_PER_CLIENT,
        window=SIGN_UP_LIMIT_WINDOW,
        sliding=True,
    )


def _sign_up_page(request, form, *, status=200, rate_limited=""):
    story, placement = attribution.read(request.POST if request.method == "POST" else request.GET)
    context = {
        "form": form,
        "source_article": story or "",
        "source_placement": placement,
        "rate_limited": rate_limited,
    }
    return render(request, "newsletter/sign_up.html", context, status=status)


# The box under every story, on the home page and after joining posts here without a CSRF
# token: those pages are cached and shared by every reader, so they cannot carry one. It is
# safe because of the double opt-in: a forged submission can only ask an address to confirm
# a subscription (once per ten minutes), and only the address's owner can confirm it; the
# answer is the same whatever the address, so it tells a forger nothing either.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def sign_up(request):
    if request.method != "POST":
        return _sign_up_page(request, SignUpForm())
    form = SignUpForm(request.POST)
    if not form.is_valid():
        return _sign_up_page(request, form, status=400)
    if not _may_sign_up(request):
        return _sign_up_page(request, form, status=429, rate_limited=TOO_MANY_SIGN_UPS)
    story, placement = attribution.read(request.POST)
    services.sign_up(
        form.cleaned_data["email"],
        frequency=form.cleaned_data["frequency"],
        edition=form.chosen_edition,
        source_article_id=story,
        source_placement=placement,
    )
    # Nothing of the address, nor of what became of it: every sign-up reads alike.
    return render(request, "newsletter/check_inbox.html")


def _link_invalid(request, *, status):
    return render(
        request,
        "newsletter/link_invalid.html",
        {"form": SignUpForm(), "source_placement": attribution.Placement.NEWSLETTER},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """Opening the link only shows a button: mail scanners that fetch links subscribe nobody."""
    token = token[:TOKEN_MAX_LENGTH]
    try:
        if request.method != "POST":
            services.subscriber_for_confirm_token(token)
            return render(request, "newsletter/confirm.html")
        subscriber = services.confirm_subscription(token=token)
    except services.SubscriptionLinkInvalid:
        return _link_invalid(request, status=400)
    return render(request, "newsletter/subscribed.html", _manage_context(subscriber))


def mask(email):
    """``j•••@example.org``: enough for its owner to recognise, little for anyone else."""
    local, _at, domain = email.rpartition("@")
    return f"{local[:1]}•••@{domain}"


def _manage_context(subscriber, **extra):
    return {
        "subscriber": subscriber,
        "masked_email": mask(subscriber.email),
        "manage_path": reverse(
            "newsletter:unsubscribe", args=[tokens.unsubscribe_token(subscriber)]
        ),
        "other_frequency": Frequency.WEEKLY
        if subscriber.frequency == Frequency.DAILY
        else Frequency.DAILY,
        **extra,
    }


def is_one_click(request):
    return request.POST.get(ONE_CLICK_FIELD) == ONE_CLICK_VALUE


@csrf_exempt  # for the RFC 8058 one-click POST alone; every other POST is checked in _manage
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """The page each digest links to (change how often, or unsubscribe), and the address mail
    clients post ``List-Unsubscribe=One-Click`` to. No sign-in: the signed link is the key.

    A mail client's one-click POST carries no CSRF token, and needs none: all it can do is
    unsubscribe the address the link was made for, which is what the link is for.
    """
    subscriber = services.subscriber_for_unsubscribe_token(token[:TOKEN_MAX_LENGTH])
    if subscriber is None:
        return _link_invalid(request, status=404)
    if request.method == "POST" and is_one_click(request):
        services.unsubscribe(subscriber=subscriber)
        return render(request, "newsletter/unsubscribed.html", _manage_context(subscriber))
    if request.method == "POST":
        return _manage(request, subscriber)
    return render(request, "newsletter/manage.html", _manage_context(subscriber))


@csrf_protect
def _manage(request, subscriber):
    action = request.POST.get("action")
    if action == "unsubscribe":
        services.unsubscribe(subscriber=subscriber)
        return render(request, "newsletter/unsubscribed.html", _manage_context(subscriber))
    frequency = request.POST.get("frequency")
    if (
        action == "frequency"
        and frequency in Frequency.values
        and subscriber.status != Subscriber.Status.UNSUBSCRIBED
    ):
        services.change_frequency(subscriber=subscriber, frequency=frequency)
        return render(
            request, "newsletter/manage.html", _manage_context(subscriber, frequency_changed=True)
        )
    return render(
        request,
        "newsletter/manage.html",
        _manage_context(subscriber, error=_("Choose one of the buttons below.")),
        status=400,
    )
