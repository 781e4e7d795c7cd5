"""Admin sign-in throttling: the two pieces of django-axes the settings point at.

Repeated wrong passwords for one username from one client (``newsroom.clients``: an IPv4
address or an IPv6 /64) lock that username from that client for ``AXES_COOLOFF_TIME``
(README.md, "Admin sign-in throttling").
"""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers


class SignInThrottleBackend(AxesStandaloneBackend):
    """Refuses a password sign-in while its username is locked out from the client's address.

    Only a sign-in made from a request can come from a client and be throttled; one made
    without (``Client.login()`` in tests, the shell) is left to the next backend, as axes
    itself records no failure without a request, instead of failing with an error.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The admin's sign-in page saying that sign-in is locked (``AXES_LOCKOUT_CALLABLE``).

    The same page whatever the username, so it never tells whether that account exists.
    """
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        **admin.site.each_context(request),
        "title": "Sign-in locked",
        "minutes": minutes,
        "contact": settings.ADMIN_LOCKOUT_CONTACT,
    }
    response = render(
        request, "admin/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    add_never_cache_headers(response)
    return response
