"""What sign-in methods a staff member has: an authenticator app (at most one), passkeys and
security keys, and recovery codes. Only confirmed devices count for anything."""

from base64 import b32encode
from dataclasses import dataclass

from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential


def authenticator(user):
    """The user's authenticator app, or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").last()


def passkeys(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at")


def recovery_device(user):
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@dataclass(frozen=True)
class Methods:
    """A user's sign-in methods, as the second-factor page and the devices page show them."""

    authenticator: TOTPDevice | None
    passkeys: list
    recovery_codes_left: int

    @property
    def any(self):
        return bool(self.authenticator or self.passkeys or self.recovery_codes_left)


def methods(user):
    return Methods(
        authenticator=authenticator(user),
        passkeys=list(passkeys(user)),
        recovery_codes_left=recovery_codes_left(user),
    )


def secret_text(device):
    """The authenticator app's key as people type it in by hand: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def account_label(user):
    """How the account appears in the authenticator app (django-otp's otpauth:// label)."""
    return f"{settings.OTP_TOTP_ISSUER}: {user.get_username()}"


def shown_code(code):
    """A recovery code as it is shown: two groups of four (typed with or without the dash)."""
    return f"{code[:4]}-{code[4:]}"
