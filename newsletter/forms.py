"""The sign-up form: an address, how often, and (on a site with several) which edition.

The same fields come from the box under every story, the home page's box and the sign-up
page; the box never shows an edition, so a missing one means the edition being read.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from newsletter.models import Frequency
from newsroom import editions
from newsroom.disposable import KeptAddressField


class SignUpForm(forms.Form):
    email = KeptAddressField(
        throwaway=_(
            "Please use an address you will keep: a throwaway address stops receiving "
            "the newsletter within days."
        ),
        label=_("Email"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.org."),
            "max_length": _("Enter an email address like name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=[
            (Frequency.DAILY, _("Daily: the day’s stories, every day")),
            (Frequency.WEEKLY, _("Weekly: the week’s stories, once a week")),
        ],
        initial=Frequency.DAILY,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose daily or weekly."),
            "invalid_choice": _("Choose daily or weekly."),
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        choices = editions.choices()
        if len(choices) > 1:
            self.fields["edition"] = forms.ChoiceField(
                label=_("Edition"),
                choices=choices,
                initial=editions.current(),
                required=False,  # the box under a story has none: the edition being read
                error_messages={"invalid_choice": _("Choose one of the editions listed.")},
            )

    @property
    def chosen_edition(self):
        return self.cleaned_data.get("edition") or editions.current()
