"""Throwaway-address domains, refused by every form that keeps an address: the join form and
the newsletter sign-up. The list is a file (MEMBERSHIPS_DISPOSABLE_DOMAINS_FILE), one domain
per line; a subdomain of a listed domain is refused too."""

from functools import lru_cache
from pathlib import Path

from django.conf import settings


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
