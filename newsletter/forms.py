"""The sign-up form: an address, how often, and (on a site with several) which edition.

The same fields come from the box under every story, the home page's box and the sign-up
page; the box never shows an edition, so a missing one means the site's own language.
"""

from django import forms
from django.conf import global_settings, settings

from newsletter.models import Frequency
from newsroom.disposable import KeptAddressField


def editions():
    """The editions a reader may choose from: the site's languages, when it names more than one.

    Django's own default for ``LANGUAGES`` lists every language it has translations for, not
    the editions of this site: a site that did not set it has the one edition of its
    ``LANGUAGE_CODE``.
    """
    if settings.LANGUAGES is global_settings.LANGUAGES:
        return [(settings.LANGUAGE_CODE, settings.LANGUAGE_CODE)]
    return list(settings.LANGUAGES)


class SignUpForm(forms.Form):
    email = KeptAddressField(
        throwaway=(
            "Please use an address you will keep: a throwaway address stops receiving "
            "the newsletter within days."
        ),
        max_length=254,
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter an email address like name@example.org.",
            "max_length": "Enter an email address like name@example.org.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=[
            (Frequency.DAILY, "Daily: the day’s stories, every day"),
            (Frequency.WEEKLY, "Weekly: the week’s stories, once a week"),
        ],
        initial=Frequency.DAILY,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose daily or weekly.",
            "invalid_choice": "Choose daily or weekly.",
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        choices = editions()
        if len(choices) > 1:
            self.fields["edition"] = forms.ChoiceField(
                choices=choices,
                initial=settings.LANGUAGE_CODE,
                error_messages={"invalid_choice": "Choose one of the editions listed."},
            )

    @property
    def chosen_edition(self):
        return self.cleaned_data.get("edition") or settings.LANGUAGE_CODE
