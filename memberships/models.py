"""Plans, supporters and their memberships, the payment provider's events, sign-in links."""

import hashlib
import uuid
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from memberships.querysets import MembershipQuerySet, PlanQuerySet
from newsroom import editions
from newsroom.attribution import Attributed


class Interval(models.TextChoices):
    MONTHLY = "month", _("Monthly")
    YEARLY = "year", _("Yearly")


class Plan(models.Model):
    name = models.CharField(max_length=80, help_text="Shown to readers, e.g. “Supporter”.")
    slug = models.SlugField(
        unique=True, help_text="Used in links to the join form; keep it stable."
    )
    amount = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.50"))],
        help_text="Price per interval, e.g. 5.00. Readers may choose to pay more, never less.",
    )
    currency = models.CharField(
        max_length=3, default="usd", help_text="Three-letter ISO code in lower case, e.g. usd."
    )
    interval = models.CharField(max_length=5, choices=Interval, default=Interval.MONTHLY)
    active = models.BooleanField(
        default=True, help_text="Only active plans are offered on the join form."
    )
    is_default = models.BooleanField(
        default=False, help_text="Preselected on the join form. Only one plan can be the default."
    )
    pitch = models.TextField(
        blank=True, help_text="One or two sentences shown with this plan on the join form."
    )
    provider_price_id = models.CharField(
        "payment provider price id",
        max_length=255,
        blank=True,
        help_text="Optional: the provider's price for this plan (Stripe: price_…). When empty, "
        "the price is sent with each checkout.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["order", "amount"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="plan_amount_positive"),
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_plan"
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.price_label}"

    @property
    def price_label(self):
        return money_per_interval(self.amount, self.currency, self.interval)


def money_per_interval(amount, currency, interval):
    """The price as the language being read writes it: "$5 a month", «5 $ в месяц»."""
    money = {"amount": format_money(amount, currency)}
    if interval == Interval.MONTHLY:
        return gettext("%(amount)s a month") % money
    return gettext("%(amount)s a year") % money


def format_money(amount, currency):
    """An amount as the language being read writes money: "$1,250.50", «1 250,50 $»."""
    symbols = {"usd": "$", "eur": "€", "gbp": "£"}
    amount = Decimal(amount)
    places = 0 if amount == amount.to_integral() else 2
    text = formats.number_format(amount, places, use_l10n=True, force_grouping=True)
    symbol = symbols.get(currency.lower())
    if symbol is None:
        return f"{text}\xa0{currency.upper()}"
    # Translators: where the currency's symbol goes, as in "$5".
    return pgettext("money", "%(symbol)s%(amount)s") % {"symbol": symbol, "amount": text}


class Supporter(models.Model):
    """A reader who has started to join; identified by their email address."""

    email = models.EmailField(unique=True)
    name = models.CharField(max_length=120)
    email_consent = models.BooleanField(
        "agreed to membership emails",
        default=False,
        help_text="Receipts, payment problems and sign-in links.",
    )
    consented_at = models.DateTimeField(null=True, blank=True)
    provider_customer_id = models.CharField(max_length=255, blank=True, db_index=True)
    language = models.CharField(
        max_length=12,
        choices=editions.choices,
        default=editions.default,
        help_text="The edition they joined in: their emails and the payment page speak its "
        "language.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Pending payment")
    ACTIVE = "active", _("Active")
    PAST_DUE = "past_due", _("Past due")
    CANCELED = "canceled", _("Canceled")


LIVE_STATUSES = (MembershipStatus.ACTIVE, MembershipStatus.PAST_DUE)


class Membership(Attributed):
    """One subscription at the payment provider, from checkout to its end.

    A pending membership is the record of a started checkout: it keeps what led the reader to
    join (``source_article``, ``source_placement``) and whether they asked for the newsletter,
    from the join form until the provider reports the payment.
    """

    Status = MembershipStatus

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    supporter = models.ForeignKey(Supporter, on_delete=models.PROTECT, related_name="memberships")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="memberships")
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    currency = models.CharField(max_length=3, default="usd")
    status = models.CharField(
        max_length=10, choices=MembershipStatus, default=MembershipStatus.PENDING, db_index=True
    )
    provider = models.CharField(max_length=20, help_text="The payment provider that bills it.")
    provider_checkout_id = models.CharField(max_length=255, blank=True, db_index=True)
    provider_subscription_id = models.CharField(max_length=255, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    current_period_end = models.DateTimeField(
        null=True, blank=True, help_text="The next payment date, or the end of a canceled period."
    )
    cancel_at_period_end = models.BooleanField(default=False)
    canceled_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(
        blank=True, help_text="What the member told us when they canceled (optional)."
    )
    newsletter_opt_in = models.BooleanField(
        "asked for the newsletter",
        default=False,
        help_text="Ticked “Also send me the free newsletter” when joining; they are signed up "
        "(and asked to confirm) once the membership is active.",
    )
    provider_state_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="The provider's time of the newest state applied; older events cannot undo it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="membership_amount_positive"),
            models.UniqueConstraint(
                fields=["supporter"],
                condition=Q(status__in=["active", "past_due"]),
                name="one_live_membership_per_supporter",
            ),
            models.UniqueConstraint(
                fields=["provider", "provider_subscription_id"],
                condition=~Q(provider_subscription_id=""),
                name="unique_provider_subscription",
            ),
        ]

    def __str__(self):
        return f"{self.supporter.email}: {self.plan.name} ({self.get_status_display()})"

    @property
    def is_live(self):
        return self.status in LIVE_STATUSES

    @property
    def interval(self):
        return self.plan.interval

    @property
    def price_label(self):
        return money_per_interval(self.amount, self.currency, self.plan.interval)

    @property
    def monthly_amount(self):
        if self.plan.interval == Interval.YEARLY:
            return (self.amount / 12).quantize(Decimal("0.01"))
        return self.amount


class Payment(models.Model):
    """Money received or refunded, as the provider reported it."""

    class Kind(models.TextChoices):
        PAYMENT = "payment", _("Payment")
        REFUND = "refund", _("Refund")

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="payments")
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.PAYMENT)
    provider_payment_id = models.CharField(max_length=255)
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    currency = models.CharField(max_length=3)
    occurred_at = models.DateTimeField()
    period_end = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "kind", "provider_payment_id"], name="payment_recorded_once"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount_label}"

    @property
    def amount_label(self):
        return format_money(self.amount, self.currency)


class ProviderEvent(models.Model):
    """Every event the payment provider sent, kept raw, recorded once by its id."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255)
    type = models.CharField(max_length=100)
    occurred_at = models.DateTimeField(help_text="When the provider says it happened.")
    received_at = models.DateTimeField(auto_now_add=True)
    membership = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    outcome = models.CharField(max_length=255, blank=True)
    payload = models.JSONField()

    class Meta:
        ordering = ["-occurred_at"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="provider_event_once")
        ]

    def __str__(self):
        return f"{self.type} {self.event_id}"


class MembershipEmail(models.Model):
    """One email per transition however often events repeat: recorded with the change that
    calls for it, sent by a task once that change is committed (memberships/emails.py)."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=30)
    key = models.CharField(max_length=255)
    context = models.JSONField(
        default=dict,
        blank=True,
        encoder=DjangoJSONEncoder,
        help_text="What the email shows beyond the membership, e.g. the payment of a receipt.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, help_text="Empty until it went out.")
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Tries to send it so far.")
    last_error = models.CharField(
        max_length=500, blank=True, help_text="Why the latest try failed, if it did."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["membership", "kind", "key"], name="email_sent_once")
        ]

    def __str__(self):
        return f"{self.kind} to {self.membership.supporter.email}"


class MagicLink(models.Model):
    """A single-use, expiring sign-in link; only a hash of its token is stored.

    The token is made by the task that emails it, and its hash saved only once the email went
    out: until then (and for good, if it never goes out) there is no token that could work.
    """

    supporter = models.ForeignKey(Supporter, on_delete=models.CASCADE, related_name="magic_links")
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Sign-in link for {self.supporter.email}"

    @staticmethod
    def url_for(token):
        return reverse("memberships:sign_in_confirm", kwargs={"token": token})

    @staticmethod
    def hash_token(token):
        return hashlib.sha256(token.encode()).hexdigest()
