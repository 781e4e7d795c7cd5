"""Throwaway-address domains, refused by every form that keeps an address: the join form and
the newsletter sign-up. The list is a file (MEMBERSHIPS_DISPOSABLE_DOMAINS_FILE), one domain
per line; a subdomain of a listed domain is refused too."""

from functools import lru_cache
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError


@lru_cache(maxsize=4)
def _disposable_domains(path):
    try:
        lines = Path(path).read_text().splitlines()
    except FileNotFoundError:
        return frozenset()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )


def is_disposable(email):
    domain = email.rsplit("@", 1)[-1].lower().rstrip(".")
    blocked = _disposable_domains(settings.MEMBERSHIPS_DISPOSABLE_DOMAINS_FILE)
    parts = domain.split(".")
    return any(".".join(parts[i:]) in blocked for i in range(len(parts) - 1))


class KeptAddressField(forms.EmailField):
    """An email address kept in lower case, refused if it is a throwaway one.

    ``throwaway`` is the error that says why the form needs an address its reader keeps.
    Lower case can make an address longer ("İ" is two characters in lower case), so what is
    kept is validated again: it must still be an address that fits.
    """

    def __init__(self, *, throwaway, **kwargs):
        self.throwaway = throwaway
        super().__init__(**kwargs)

    def clean(self, value):
        email = super().clean(value).strip().lower()
        if not email:
            return email
        try:
            self.run_validators(email)
        except ValidationError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if is_disposable(email):
            raise ValidationError(self.throwaway, code="throwaway")
        return email
