"""Counting attempts per client and site-wide, in Django's cache (local memory or Redis).

Clients are identified by a keyed hash of their address: the raw address is never stored.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache


def client_address(request):
    if settings.MEMBERSHIPS_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        # The right-most entry is the one our own proxy added; the rest can be forged.
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def keyed_hash(value):
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


def client_id(request):
    return keyed_hash(client_address(request))


def hit(scope, who, *, limit, window):
    """Count one attempt; False once more than ``limit`` were made in this window."""
    bucket = int(time.time() // window)
    key = f"memberships:rate:{scope}:{who}:{bucket}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:
        # The key expired between add and incr.
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return count <= limit
