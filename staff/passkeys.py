"""Passkeys and security keys (WebAuthn) as a second factor, through django-otp-webauthn's views.

Two rules of ours on top of the library's: a passkey is only ever a second factor (passwordless
sign-in is off in the settings, so its endpoints refuse anyone not signed in with a password), and
a passkey is added only from a session already confirmed with a second factor, so a password alone
can never add one.
"""

import logging

from django.contrib import messages
from django.urls import path, reverse
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import exceptions
from django_otp_webauthn import views as webauthn

logger = logging.getLogger(__name__)


class ConfirmedSessionsOnly:
    def check_can_register(self):
        if not self.request.user.is_verified():
            raise exceptions.NotVerified(
                detail="Confirm it’s you with your second factor before adding a passkey."
            )


class BeginRegistration(ConfirmedSessionsOnly, webauthn.BeginCredentialRegistrationView):
    pass


class CompleteRegistration(ConfirmedSessionsOnly, webauthn.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        logger.info("Passkey added by %r", self.request.user.get_username())
        messages.success(self.request, "Your passkey was added.")
        return response


class CompleteAuthentication(webauthn.CompleteCredentialAuthenticationView):
    def complete_auth(self, device):
        super().complete_auth(device)
        self.request.session.cycle_key()  # as after a code: the confirmed session gets a new key

    def get_success_url(self):
        return self.get_redirect_url() or reverse("admin:index")


# The names django-otp-webauthn's template tags and scripts look up, answered by the views above.
urlpatterns = [
    path(
        "registration/begin/",
        BeginRegistration.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registration/complete/",
        CompleteRegistration.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        webauthn.BeginCredentialAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        CompleteAuthentication.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]
