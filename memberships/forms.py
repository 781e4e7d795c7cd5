from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from memberships.models import Plan
from memberships.services import MembershipChangeError, validate_amount
from newsroom.disposable import KeptAddressField


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, plan):
        return plan.price_label


class MemberForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class AmountMixin:
    """A plan plus an optional higher amount, checked against the plan and the settings."""

    def clean(self):
        cleaned = super().clean()
        plan = cleaned.get("plan")
        custom = cleaned.get("custom_amount")
        if plan is None:
            return cleaned
        amount = custom if custom is not None else plan.amount
        try:
            validate_amount(plan=plan, amount=amount)
        except MembershipChangeError as error:
            self.add_error("custom_amount", str(error))
        cleaned["amount"] = amount
        return cleaned


def amount_field():
    return forms.DecimalField(
        label=_("Or choose your own amount"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=8,
        decimal_places=2,
        help_text=_("Optional. Pay more than the plan’s price if you can; thank you."),
        error_messages={
            "invalid": _("Enter an amount as a number, like 10 or 12.50."),
            "max_digits": _("That amount is too large."),
            "max_decimal_places": _("Use at most two decimal places."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01", "min": "1"}),
    )


def plan_field():
    return PlanChoiceField(
        queryset=Plan.objects.offered(),
        label=_("Plan"),
        to_field_name="slug",
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a plan."),
            "invalid_choice": _("Choose one of the plans listed."),
        },
    )


class JoinForm(AmountMixin, MemberForm):
    plan = plan_field()
    custom_amount = amount_field()
    email = KeptAddressField(
        throwaway=_(
            "Please use an address you will keep: throwaway addresses cannot receive "
            "receipts next month."
        ),
        label=_("Email"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.org."),
        },
        help_text=_("For receipts and to sign in to manage your membership."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        error_messages={
            "required": _("Enter your name."),
            "max_length": _("Keep your name under 120 characters."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email_consent = forms.BooleanField(
        label=_("Email me about my membership: receipts, payment problems and sign-in links."),
        error_messages={
            "required": _("We need to be able to email you receipts and sign-in links."),
        },
    )
    newsletter = forms.BooleanField(
        label=_("Also send me the free newsletter"),
        required=False,
        help_text=_("We email you a link to confirm it; unsubscribe from any issue."),
    )
    # Hidden from people, filled in by bots that complete every field.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if any(ord(char) < 32 for char in name):
            raise ValidationError(_("Enter your name without special characters."))
        return name

    def is_bot(self):
        return bool(self.data.get("website"))


class ChangeForm(AmountMixin, MemberForm):
    plan = plan_field()
    custom_amount = amount_field()


class CancelForm(MemberForm):
    reason = forms.CharField(
        label=_("Would you tell us why? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Please keep it under 2,000 characters.")},
    )


class SignInForm(MemberForm):
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        error_messages={
            "required": _("Enter the email address you joined with."),
            "invalid": _("Enter an email address like name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
