"""Who a request comes from, and how often it may come: one client address, one rate limiter.

Every use of the client's address goes through ``client_address``/``client_network``: the
read beacon's flood limit and de-duplication, the join and sign-in forms' limits, and the
admin sign-in lockout (django-axes, through ``client_network_address``). One
setting says how far ``X-Forwarded-For`` can be believed: ``TRUSTED_PROXIES``, the number of
reverse proxies in front of the site (nginx, a load balancer, a CDN) that each append the
address they were connected from. With N of them the client is the N-th entry from the right;
everything left of it came from the client and may be forged. With 0 (no proxy) only the
connecting address counts, which a client cannot forge.

Limits and de-duplication key on ``client_network``: an IPv4 address, or the /64 an IPv6
address belongs to, since one IPv6 connection usually has a whole /64 to pick addresses from.
The limiter keeps only a keyed hash of whom it counts, never an address or an email.
"""

import hashlib
import hmac
import ipaddress
import math
import time

from django.conf import settings
from django.core.cache import cache

IPV6_GROUP_PREFIX = 64


def client_address(request):
    """The client's address, believing ``X-Forwarded-For`` only as far as our own proxies.

    With fewer entries than ``TRUSTED_PROXIES`` (a request that reached an inner proxy
    directly), the left-most entry is the furthest any of our proxies saw.
    """
    hops = settings.TRUSTED_PROXIES
    if hops > 0:
        forwarded = [
            entry.strip()
            for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if entry.strip()
        ]
        if forwarded:
            return _normalised(forwarded[-min(hops, len(forwarded))])
    return _normalised(request.META.get("REMOTE_ADDR", ""))


def client_network(request):
    """What limits and de-duplication tell clients apart by: IPv4 address or IPv6 /64."""
    return address_group(client_address(request))


def client_network_address(request):
    """``client_network`` as one address, for a database column that holds addresses.

    The admin sign-in lockout (``AXES_CLIENT_IP_CALLABLE``) stores it: an IPv6 client is the
    first address of its /64 (``2001:db8:1:2::``), anything that is no address is None.
    """
    group = client_network(request)
    try:
        return str(ipaddress.ip_network(group).network_address)
    except ValueError:
        return None


def address_group(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address  # not an address (a proxy's "unknown"): still one client
    if ip.version == 6:
        network = ipaddress.ip_network(f"{ip}/{IPV6_GROUP_PREFIX}", strict=False)
        return str(network)
    return str(ip)


def _normalised(entry):
    """The address in an entry, without a port or brackets; IPv4-mapped IPv6 as IPv4."""
    entry = entry.strip()[:100]
    if entry.startswith("["):  # "[2001:db8::1]:443"
        entry = entry[1:].partition("]")[0]
    elif entry.count(":") == 1:  # "198.51.100.7:5123"
        entry = entry.partition(":")[0]
    try:
        ip = ipaddress.ip_address(entry)
    except ValueError:
        return entry
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return str(ip)


def keyed_hash(value):
    """A hash of ``value`` that only someone holding SECRET_KEY could test guesses against."""
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


def rate_key(scope, who, *, window):
    """The cache key (before the cache's prefix) counting ``who``'s attempts in this fixed
    window (the beacon's Redis script counts under it too)."""
    bucket = int(time.time() // window)
    return f"rate:{scope}:{keyed_hash(who)}:{bucket}"


# A sliding window is counted in this many steps: an attempt is forgotten between ``window``
# and one step (a sixtieth) later, never sooner.
SLIDING_STEPS = 60


def _add_one(key, timeout):
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


def hit(scope, who, *, limit, window, sliding=False):
    """Count one attempt by ``who`` (a client network, an email…) at ``scope``; False once
    more than ``limit`` were made. Counted in Django's cache, so shared between processes
    with Redis, and only under a keyed hash of ``who``.

    Fixed (the default): per clock window of ``window`` seconds, refused attempts counted too;
    cheap (one key), for floods such as the beacon's. ``sliding=True``: the attempts of the last
    ``window`` seconds, whatever the clock says (a new hour forgives nothing), and a refused
    attempt is not counted, so someone who was held back gets through again once their oldest
    attempt is old enough. For limits a person may meet (the join form).
    """
    window = max(1, window)
    if not sliding:
        return _add_one(rate_key(scope, who, window=window), window + 5) <= limit
    step = max(1, math.ceil(window / SLIDING_STEPS))
    now = time.time()
    current = int(now // step)
    oldest = int((now - window) // step)  # the step partly inside the window still counts
    prefix = f"rate:{scope}:{keyed_hash(who)}:sliding:{step}:"
    key = f"{prefix}{current}"
    count = _add_one(key, window + 2 * step)
    earlier = cache.get_many([f"{prefix}{n}" for n in range(oldest, current)])
    if count + sum(earlier.values()) <= limit:
        return True
    try:
        cache.decr(key)
    except ValueError:
        pass
    return False
