"""Everything that changes a membership goes through these functions.

Provider events (webhooks, or the test checkout) go through ``apply_provider_event``: each event
is recorded once by its id, then the membership takes the newest provider state by the
provider's own clock, so repeated and out-of-order deliveries end in the same place.
"""

import hashlib
import json
import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from memberships.emails import queue_membership_email, queue_sign_in_email
from memberships.models import (
    MagicLink,
    Membership,
    MembershipStatus,
    Payment,
    Plan,
    ProviderEvent,
    Supporter,
    format_money,
)
from memberships.providers import (
    CheckoutRequest,
    EventKind,
    InvalidEvent,
    ProviderEventData,
    SubscriptionState,
    get_provider,
)
from newsletter.services import sign_up
from newsroom import editions
from newsroom.attribution import Placement

logger = logging.getLogger(__name__)


class MembershipChangeError(Exception):
    """A change the member asked for is not possible; the message says why."""


class SignInLinkInvalid(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason  # "expired", "used" or "unknown"


@dataclass(frozen=True)
class CheckoutStarted:
    membership: Membership
    redirect_url: str
    # The address already has a live membership (for the caller to email, never to show).
    already_member: bool = False


# --- Joining -------------------------------------------------------------------------------


def start_checkout(
    *,
    plan,
    amount,
    email,
    name,
    email_consent,
    success_url,
    cancel_url,
    source_article_id=None,
    source_placement="",
    newsletter_opt_in=False,
    language=None,
) -> CheckoutStarted:
    """Create a pending membership and hand the reader to the provider's checkout.

    The pending membership records what led the reader here (a story only if it is published,
    see ``published_story_id``) and whether they asked for the newsletter; the provider is
    given the source too, and hands it back with its events. ``language`` is the edition the
    reader joins in (default: the one being read): a new supporter's emails and checkout page
    speak it.

    An address that already has a live membership gets its checkout like any other: refusing
    it would tell anyone who types an address whether it is a member's. The caller emails the
    member instead (``already_member``), and should they pay a second time anyway, the second
    subscription is undone when its payment arrives (``_make_room_for_live``).
    """
    provider = get_provider()
    email = email.strip().lower()
    with transaction.atomic():
        supporter = _supporter_for(email=email, name=name)
        already_member = supporter.memberships.live().exists()
        if not supporter.memberships.exclude(status=MembershipStatus.PENDING).exists():
            # Until they have been a member, the latest form says who they are; after, a form
            # anyone can fill in with their address changes nothing about them.
            supporter.name = name
            supporter.language = language or editions.current()
        if email_consent and not supporter.email_consent:
            supporter.email_consent, supporter.consented_at = True, timezone.now()
        supporter.full_clean()
        supporter.save()
        membership = Membership(
            supporter=supporter,
            plan=plan,
            amount=amount,
            currency=plan.currency,
            provider=provider.name,
            source_article_id=published_story_id(source_article_id),
            source_placement=source_placement if source_placement in Placement.values else "",
            newsletter_opt_in=bool(newsletter_opt_in),
        )
        membership.full_clean()
        membership.save()
        start = provider.start_checkout(
            CheckoutRequest(
                membership_reference=str(membership.reference),
                email=email,
                name=supporter.name,
                plan_name=plan.name,
                plan_slug=plan.slug,
                provider_price_id=plan.provider_price_id if amount == plan.amount else "",
                amount=amount,
                currency=plan.currency,
                interval=plan.interval,
                customer_id=_customer_id_at(provider.name, supporter),
                success_url=success_url,
                cancel_url=cancel_url,
                source_article_id=membership.source_article_id,
                source_placement=membership.source_placement,
                language=supporter.language,
            )
        )
        membership.provider_checkout_id = start.checkout_id
        membership.save(update_fields=["provider_checkout_id", "updated_at"])
    return CheckoutStarted(
        membership=membership, redirect_url=start.redirect_url, already_member=already_member
    )


def published_story_id(story_id):
    """``story_id`` if it names a published story, else None: a draft's id, a deleted story's
    or a made-up number in a link is recorded as no story at all."""
    if not isinstance(story_id, int) or isinstance(story_id, bool):
        return None
    return story_id if Article.objects.published().filter(pk=story_id).exists() else None


def _customer_id_at(provider_name, supporter):
    """The supporter's customer id, if it was issued by this provider (providers can change)."""
    billed_here = (
        supporter.memberships.filter(provider=provider_name)
        .exclude(status=MembershipStatus.PENDING)
        .exists()
    )
    return supporter.provider_customer_id if billed_here else ""


def _supporter_for(*, email, name):
    supporter = Supporter.objects.select_for_update().filter(email=email).first()
    if supporter:
        return supporter
    try:
        with transaction.atomic():
            return Supporter.objects.create(email=email, name=name)
    except IntegrityError:
        # The same reader submitted twice at once; both continue with one supporter.
        return Supporter.objects.select_for_update().get(email=email)


# --- Provider events -----------------------------------------------------------------------


def apply_provider_event(*, event: ProviderEventData) -> ProviderEvent:
    """Record the event once and bring its membership up to date. Safe to call repeatedly.

    Raises InvalidEvent, changing nothing, for an event whose values cannot be right or do not
    fit our records (``check_provider_event``).
    """
    check_provider_event(event)
    events = ProviderEvent.objects.filter(provider=event.provider, event_id=event.event_id)
    with transaction.atomic():
        existing = events.first()
        if existing is None:
            try:
                with transaction.atomic():
                    record = ProviderEvent.objects.create(
                        provider=event.provider,
                        event_id=event.event_id,
                        type=event.type,
                        occurred_at=event.occurred_at,
                        payload=event.raw,
                    )
            except IntegrityError:
                # The same event delivered twice at once: the other delivery recorded it first.
                existing = events.first()
                if existing is None:
                    raise
        if existing is not None:
            logger.info("Provider event %s seen before; nothing to do.", event.event_id)
            return existing
        membership = _membership_for(event)
        if membership is None:
            record.outcome = "no matching membership"
        else:
            record.membership = membership
            record.outcome = _apply(membership, event)
        record.save(update_fields=["membership", "outcome"])
    return record


# No provider's event is older than this, nor newer than now beyond a clock's error: a time in
# the future would also keep every later state from applying (``_apply_state``).
EARLIEST_EVENT_TIME = datetime(2000, 1, 1, tzinfo=UTC)
CLOCK_ERROR = timedelta(days=1)
# For the dates a provider plans ahead (the end of a paid period).
LATEST_PLANNED_TIME = datetime(2200, 1, 1, tzinfo=UTC)


def check_provider_event(event: ProviderEventData):
    """Raise InvalidEvent if the event holds values no provider means or our records cannot
    hold: an id or a type longer than its column, no id, a time out of range, an amount too
    large for the field it goes into. A signed event can still carry them (a provider's bug, a
    test tool); refused before anything is written, it never fails half-way with a database
    error, and its sender is told why.
    """
    problems = []

    def fits(label, model, name, value, *, required=False):
        if value is None and not required:
            return
        if model._meta.get_field(name).get_internal_type() == "CharField" and not isinstance(
            value, str
        ):
            problems.append(f"{label} is not text")
            return
        try:
            model._meta.get_field(name).clean(value, None)
        except ValidationError as error:
            problems.append(f"{label}: {' '.join(error.messages)}")

    def in_range(label, value, *, latest=LATEST_PLANNED_TIME, required=False):
        if value is None and not required:
            return
        if not isinstance(value, datetime) or timezone.is_naive(value):
            problems.append(f"{label} is not a time")
        elif not EARLIEST_EVENT_TIME <= value <= latest:
            problems.append(f"{label} is out of range ({value.isoformat()})")

    fits("event id", ProviderEvent, "event_id", event.event_id, required=True)
    fits("event type", ProviderEvent, "type", event.type, required=True)
    in_range("event time", event.occurred_at, latest=timezone.now() + CLOCK_ERROR, required=True)
    if event.membership_reference is not None and not isinstance(event.membership_reference, str):
        problems.append("membership reference is not text")
    fits("checkout id", Membership, "provider_checkout_id", event.checkout_id)
    fits("subscription id", Membership, "provider_subscription_id", event.subscription_id)
    fits("customer id", Supporter, "provider_customer_id", event.customer_id)
    if state := event.subscription:
        if state.status is not None and state.status not in MembershipStatus.values:
            problems.append(f"subscription status {state.status!r} is unknown")
        fits("subscription id", Membership, "provider_subscription_id", state.subscription_id)
        fits("customer id", Supporter, "provider_customer_id", state.customer_id)
        for name in ("started_at", "current_period_end", "canceled_at", "ended_at"):
            in_range(f"subscription {name}", getattr(state, name))
        fits("subscription amount", Membership, "amount", state.amount)
        if isinstance(state.amount, Decimal) and state.amount.is_finite() and state.amount <= 0:
            problems.append("subscription amount is not positive")
        fits("subscription currency", Membership, "currency", state.currency)
        if state.plan_slug is not None and not isinstance(state.plan_slug, str):
            problems.append("plan is not text")
    if payment := event.payment:
        fits("payment id", Payment, "provider_payment_id", payment.payment_id, required=True)
        fits("payment amount", Payment, "amount", payment.amount, required=True)
        fits("payment currency", Payment, "currency", payment.currency, required=True)
        in_range("payment time", payment.occurred_at, required=True)
        in_range("payment period end", payment.period_end)
    if problems:
        raise InvalidEvent("; ".join(problems), payload=event.raw)


def record_invalid_provider_event(*, provider, payload, reason) -> ProviderEvent:
    """Keep a signed event that was refused, for the managers (Admin → Provider events).

    Kept under an id of its own, made from its content, so that its redeliveries are kept
    once and never taken for the valid event its own id might name.
    """
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
    event_type = payload.get("type") if isinstance(payload, dict) else None
    record, _created = ProviderEvent.objects.get_or_create(
        provider=provider,
        event_id=f"invalid:{digest}",
        defaults={
            "type": event_type[:100] if isinstance(event_type, str) else "",
            "occurred_at": timezone.now(),
            "outcome": f"invalid: {reason}"[:255],
            "payload": payload,
        },
    )
    return record


def _membership_for(event):
    memberships = Membership.objects.select_for_update().select_related("supporter", "plan")
    if event.membership_reference:
        try:
            reference = uuid.UUID(str(event.membership_reference))
        except ValueError:
            reference = None
        found = reference and memberships.filter(reference=reference).first()
        if found:
            return found
    if event.subscription_id:
        found = memberships.filter(
            provider=event.provider, provider_subscription_id=event.subscription_id
        ).first()
        if found:
            return found
    if event.checkout_id:
        found = memberships.filter(
            provider=event.provider, provider_checkout_id=event.checkout_id
        ).first()
        if found:
            return found
    if event.customer_id and event.kind == EventKind.PAYMENT_REFUNDED:
        return (
            memberships.filter(
                provider=event.provider, supporter__provider_customer_id=event.customer_id
            )
            .exclude(status=MembershipStatus.PENDING)
            .order_by("-started_at")
            .first()
        )
    return None


def _apply(membership, event):
    before = _snapshot(membership)
    _link_provider_ids(membership, event)
    _record_source(membership, event)
    outcome = event.kind.value
    if event.subscription:
        outcome = _apply_state(membership, event.subscription, version=event.occurred_at)
    if event.payment and event.kind == EventKind.PAYMENT_SUCCEEDED:
        _record_payment(membership, event.payment, kind=Payment.Kind.PAYMENT)
    elif event.payment and event.kind == EventKind.PAYMENT_REFUNDED:
        _record_payment(membership, event.payment, kind=Payment.Kind.REFUND)
    membership.save()
    _notify(membership, before, event)
    return outcome


def _snapshot(membership):
    return {"status": membership.status, "cancel_at_period_end": membership.cancel_at_period_end}


def _link_provider_ids(membership, event):
    if event.subscription_id and not membership.provider_subscription_id:
        membership.provider_subscription_id = event.subscription_id
    if event.checkout_id and not membership.provider_checkout_id:
        membership.provider_checkout_id = event.checkout_id
    supporter = membership.supporter
    if event.customer_id and supporter.provider_customer_id != event.customer_id:
        supporter.provider_customer_id = event.customer_id
        supporter.save(update_fields=["provider_customer_id"])


def _record_source(membership, event):
    """What the provider's event says led to this membership, for one whose checkout did not
    record it. A source once recorded stays: renewals repeat the subscription's metadata, and
    nothing a later event carries replaces what first brought the reader."""
    if membership.source_article_id or membership.source_placement:
        return
    if event.source_placement in Placement.values:
        membership.source_placement = event.source_placement
    membership.source_article_id = published_story_id(event.source_article_id)


def _apply_state(membership, state: SubscriptionState, *, version=None):
    """Merge what the provider said; ``version`` is the provider's time of saying it.

    A state older than the newest one applied only fills gaps. A canceled membership stays
    canceled: providers never revive an ended subscription.
    """
    if membership.status == MembershipStatus.CANCELED:
        _fill_gaps(membership, state)
        return "already canceled"
    if version and membership.provider_state_at and version < membership.provider_state_at:
        _fill_gaps(membership, state)
        return "older than the state we have"
    if state.status and not (
        state.status == MembershipStatus.PENDING and membership.status != MembershipStatus.PENDING
    ):
        if state.status in (MembershipStatus.ACTIVE, MembershipStatus.PAST_DUE):
            state_ok = _make_room_for_live(membership)
            if not state_ok:
                return "duplicate subscription canceled"
        membership.status = state.status
    for name in ("current_period_end", "cancel_at_period_end", "canceled_at", "ended_at"):
        value = getattr(state, name)
        if value is not None:
            setattr(membership, name, value)
    if state.complete and state.status != MembershipStatus.CANCELED:
        # A scheduled cancellation the member took back in the provider's billing portal.
        membership.canceled_at = state.canceled_at if state.cancel_at_period_end else None
    if state.started_at:
        membership.started_at = state.started_at
    if state.amount is not None:
        membership.amount = state.amount
        membership.currency = state.currency or membership.currency
    if state.plan_slug and state.plan_slug != membership.plan.slug:
        plan = Plan.objects.filter(slug=state.plan_slug).first()
        if plan:
            membership.plan = plan
    moment = version or timezone.now()
    if membership.status != MembershipStatus.PENDING and not membership.started_at:
        membership.started_at = moment
    if membership.status == MembershipStatus.CANCELED:
        membership.cancel_at_period_end = False
        membership.ended_at = membership.ended_at or moment
        membership.canceled_at = membership.canceled_at or moment
    if version:
        membership.provider_state_at = max(filter(None, [version, membership.provider_state_at]))
    return f"state {membership.status}"


def _fill_gaps(membership, state):
    for name in ("started_at", "current_period_end", "canceled_at", "ended_at"):
        if getattr(membership, name) is None and getattr(state, name) is not None:
            setattr(membership, name, getattr(state, name))


def _make_room_for_live(membership):
    """One live membership per reader: a second paid subscription (two tabs) is undone."""
    if membership.is_live:
        return True
    other = membership.supporter.memberships.live().exclude(pk=membership.pk).first()
    if other is None:
        return True
    logger.warning(
        "Membership %s duplicates live membership %s; canceling it at the provider.",
        membership.reference,
        other.reference,
    )
    if membership.provider_subscription_id:
        get_provider(membership.provider).cancel_subscription(
            subscription_id=membership.provider_subscription_id, at_period_end=False
        )
    now = timezone.now()
    membership.status = MembershipStatus.CANCELED
    membership.canceled_at = membership.ended_at = now
    membership.cancel_reason = (
        f"Canceled automatically: duplicate of the live membership started "
        f"{other.started_at:%Y-%m-%d}. Refund the first payment if one was taken."
    )
    return False


def _record_payment(membership, payment, *, kind):
    if payment.amount <= 0:
        return
    existing = Payment.objects.filter(
        membership=membership, kind=kind, provider_payment_id=payment.payment_id
    ).first()
    if existing:
        # Refunds report a running total; keep the largest.
        if kind == Payment.Kind.REFUND and payment.amount > existing.amount:
            existing.amount = payment.amount
            existing.save(update_fields=["amount"])
        return
    Payment.objects.create(
        membership=membership,
        kind=kind,
        provider_payment_id=payment.payment_id,
        amount=payment.amount,
        currency=payment.currency,
        occurred_at=payment.occurred_at,
        period_end=payment.period_end,
    )


def _notify(membership, before, event):
    status = membership.status
    if status == MembershipStatus.ACTIVE and before["status"] == MembershipStatus.PENDING:
        queue_membership_email(membership=membership, kind="welcome", key="welcome")
        if membership.newsletter_opt_in:
            transaction.on_commit(partial(_sign_up_for_newsletter, membership))
    if event.kind == EventKind.PAYMENT_SUCCEEDED and event.payment.amount > 0:
        queue_membership_email(
            membership=membership,
            kind="receipt",
            key=event.payment.payment_id,
            context={"payment": event.payment},
        )
    if (
        event.kind == EventKind.PAYMENT_FAILED
        and membership.started_at
        and status != MembershipStatus.CANCELED
    ):
        queue_membership_email(
            membership=membership,
            kind="payment_failed",
            key=event.payment.payment_id,
            context={"payment": event.payment, "next_attempt": event.payment.period_end},
        )
    _notify_cancellation(membership)


def _sign_up_for_newsletter(membership):
    """The newsletter the new member asked for while joining, credited to the same source.

    Run once the membership is committed: the newsletter's own double opt-in follows (it emails
    the confirmation link), and a problem there never undoes or delays the membership.
    """
    try:
        sign_up(
            membership.supporter.email,
            source_article_id=membership.source_article_id,
            source_placement=membership.source_placement,
        )
    except Exception:
        logger.exception("Could not sign membership %s up for the newsletter.", membership.pk)


def _notify_cancellation(membership):
    """One email when a membership is canceled, whether scheduled or at once."""
    if not membership.started_at or "duplicate" in membership.cancel_reason.lower():
        return
    if membership.status == MembershipStatus.CANCELED or membership.cancel_at_period_end:
        moment = membership.canceled_at or membership.ended_at
        queue_membership_email(
            membership=membership,
            kind="canceled",
            key=moment.isoformat() if moment else "canceled",
        )


# --- Self-service --------------------------------------------------------------------------


def current_membership(supporter):
    """The membership a signed-in member manages: the live one, else the latest started one."""
    memberships = supporter.memberships.select_related("plan")
    return (
        memberships.live().first()
        or memberships.exclude(status=MembershipStatus.PENDING).order_by("-started_at").first()
    )


def change_membership(*, membership, plan, amount):
    """Move to another plan or amount without interrupting the membership."""
    if not membership.is_live:
        raise MembershipChangeError(_("Only an active membership can be changed."))
    if not plan.active:
        raise MembershipChangeError(_("That plan is no longer offered."))
    validate_amount(plan=plan, amount=amount)
    if plan == membership.plan and amount == membership.amount:
        raise MembershipChangeError(_("That is already your plan and amount."))
    state = get_provider(membership.provider).change_subscription(
        subscription_id=membership.provider_subscription_id,
        amount=amount,
        currency=plan.currency,
        interval=plan.interval,
        plan_slug=plan.slug,
        plan_name=plan.name,
        provider_price_id=plan.provider_price_id if amount == plan.amount else "",
    )
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        membership.plan = plan
        membership.amount = amount
        membership.currency = plan.currency
        # The provider's webhook confirms this later; its own clock decides what is newest.
        _apply_state(membership, SubscriptionState(**{**state.__dict__, "status": None}))
        membership.full_clean()
        membership.save()
    return membership


def cancel_membership(*, membership, at_period_end=True, reason=""):
    if not membership.is_live:
        raise MembershipChangeError(_("This membership is not active."))
    if at_period_end and membership.cancel_at_period_end:
        raise MembershipChangeError(_("This membership is already set to end."))
    state = get_provider(membership.provider).cancel_subscription(
        subscription_id=membership.provider_subscription_id, at_period_end=at_period_end
    )
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update().select_related("supporter").get(pk=membership.pk)
        )
        before = _snapshot(membership)
        _apply_state(membership, state)
        if at_period_end:
            membership.cancel_at_period_end = True
            membership.canceled_at = membership.canceled_at or timezone.now()
        if reason.strip():
            membership.cancel_reason = reason.strip()
        membership.save()
        if before != _snapshot(membership):
            _notify_cancellation(membership)
    return membership


def billing_portal_url(*, membership, return_url):
    return get_provider(membership.provider).billing_portal_url(
        customer_id=membership.supporter.provider_customer_id, return_url=return_url
    )


def validate_amount(*, plan, amount):
    """Readers may pay more than a plan's price, never less, and not absurdly much."""
    amount = Decimal(amount)
    minimum = max(plan.amount, Decimal(settings.MEMBERSHIPS_MIN_CUSTOM_AMOUNT))
    maximum = Decimal(settings.MEMBERSHIPS_MAX_CUSTOM_AMOUNT)
    if amount < plan.amount:
        raise MembershipChangeError(
            _("The %(plan)s plan is at least %(price)s.")
            % {"plan": plan.name, "price": plan.price_label}
        )
    if amount != plan.amount and amount < minimum:
        raise MembershipChangeError(
            _("A custom amount must be at least %(amount)s.")
            % {"amount": format_money(minimum, plan.currency)}
        )
    if amount > maximum:
        raise MembershipChangeError(
            _("For more than %(amount)s, please write to us: thank you!")
            % {"amount": format_money(maximum, plan.currency)}
        )


# --- Signing in ----------------------------------------------------------------------------


def send_sign_in_link(*, email, joining_again=False, language=None):
    """Email a sign-in link if the address belongs to a member; say nothing either way.

    The email is sent by a task after commit (memberships/emails.py), and the link works only
    once it went out. ``joining_again``: the address was just used to join, so the email also
    says there is no need to pay twice. The email speaks ``language`` (the edition it was
    asked from; default the supporter's own), and its link opens that edition's pages.
    """
    supporter = (
        Supporter.objects.filter(email=email.strip().lower())
        .filter(memberships__status__in=["active", "past_due", "canceled"])
        .distinct()
        .first()
    )
    if supporter is None:
        return None
    return queue_sign_in_email(supporter=supporter, joining_again=joining_again, language=language)


def redeem_sign_in_link(*, token):
    """Use up a sign-in link and return its supporter, or raise SignInLinkInvalid."""
    token_hash = MagicLink.hash_token(token)
    now = timezone.now()
    with transaction.atomic():
        # A single conditional UPDATE: two simultaneous clicks cannot both succeed.
        claimed = MagicLink.objects.filter(
            token_hash=token_hash, sent_at__isnull=False, used_at__isnull=True, expires_at__gt=now
        ).update(used_at=now)
        link = MagicLink.objects.select_related("supporter").filter(token_hash=token_hash).first()
    if link is None:
        raise SignInLinkInvalid("unknown")
    if not claimed:
        raise SignInLinkInvalid("used" if link.used_at else "expired")
    return link.supporter
