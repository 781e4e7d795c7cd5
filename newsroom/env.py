"""Reading configuration from the environment, with clear errors for bad values."""

import os
import re
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}."
    )


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None


def cache_config(url):
    """Turn CACHE_URL into a CACHES entry.

    ``locmem://`` (or nothing) keeps the cache in the process, ``redis://host:port/db`` uses
    Django's built-in Redis backend, ``dummy://`` disables caching.
    """
    if not url:
        url = "locmem://"
    parts = urlsplit(url)
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    key_prefix = options.pop("prefix", "newsroom")
    if parts.scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": parts.netloc or "newsroom",
            "KEY_PREFIX": key_prefix,
        }
    if parts.scheme in {"redis", "rediss"}:
        return {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": f"{parts.scheme}://{parts.netloc}{parts.path}",
            "KEY_PREFIX": key_prefix,
        }
    if parts.scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL scheme {parts.scheme!r} is not supported; use locmem://, redis:// or dummy://."
    )


_HANDLE = re.compile(r"@?([A-Za-z0-9_]{1,15})")
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


def env_handle(name):
    """An X (Twitter) account as "@name", from "@name" or "name"; "" when unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return ""
    match = _HANDLE.fullmatch(raw)
    if not match:
        raise ImproperlyConfigured(
            f"{name} must be an X (Twitter) account name: up to 15 letters, digits or "
            f"underscores, with or without the @, like @newsroom_desk; got {raw!r}."
        )
    return "@" + match[1]


def env_colour(name, default):
    """A CSS hex colour, like #a4161a."""
    raw = os.environ.get(name, "").strip() or default
    if not _COLOUR.fullmatch(raw):
        raise ImproperlyConfigured(f"{name} must be a hex colour like #a4161a; got {raw!r}.")
    return raw.lower()
