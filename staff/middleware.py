"""Until a staff member who must use a second factor has given it, a password alone opens nothing:
every page answers with the way to the second-factor step, and anything else (a form post, the
admin's autocomplete and other scripts' requests) with 403.

It covers the whole site, not only /admin/, because the desk's pages outside it (the story preview)
trust the staff flag too. Only the second-factor step itself, enrolment, the passkey ceremony's
endpoints and signing out stay open. Requests without a session cookie cannot be signed in, so
readers' requests pass untouched (their session is never even read).
"""

from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseForbidden, HttpResponseRedirect
from django.urls import reverse

from staff import policy

OPEN_TO_HALF_SIGNED_IN = (
    "admin:logout",
    "staff:verify",
    "staff:enrol",
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
)


@cache
def open_paths():
    return frozenset(reverse(name) for name in OPEN_TO_HALF_SIGNED_IN)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            refusal = self.refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def refusal(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified() or not policy.asks(user):
            return None
        if request.path in open_paths():
            return None
        is_page = request.method in {"GET", "HEAD"} and not (
            request.headers.get("x-requested-with") == "XMLHttpRequest"
            or "application/json" in request.headers.get("accept", "")
        )
        if not is_page:
            return HttpResponseForbidden(
                "Finish signing in with your second factor first.", content_type="text/plain"
            )
        next_url = request.get_full_path()
        if request.path == reverse("admin:login"):
            next_url = request.GET.get("next") or reverse("admin:index")
        return HttpResponseRedirect(f"{reverse('staff:verify')}?{urlencode({'next': next_url})}")
