"""Everything that changes a staff member's second factor: checking a code, setting up an
authenticator app, replacing recovery codes, removing a device, and a superuser's reset.

Wrong codes are throttled by django-otp itself (``ThrottlingMixin`` on both the authenticator app
and the recovery codes): after each wrong code that device refuses every code, right or wrong,
for 1, 2, 4, 8 … seconds (``OTP_TOTP_THROTTLE_FACTOR``, ``OTP_STATIC_THROTTLE_FACTOR``); a right
code resets it. Each check locks the device's row, so two requests cannot race one code in twice.
"""

import logging
import math
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

logger = logging.getLogger(__name__)

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"
# The authenticator app being set up in this session (its key is shown only to this session).
PENDING_SESSION_KEY = "staff_pending_authenticator"


@dataclass(frozen=True)
class Check:
    """The outcome of a code: the device that accepted it, or why none did."""

    device: object = None
    wait_until: datetime | None = None
    recovery_codes: list = field(default_factory=list)

    @property
    def error(self):
        if self.device is not None:
            return ""
        if self.wait_until is not None:
            seconds = max(1, math.ceil((self.wait_until - timezone.now()).total_seconds()))
            unit = "second" if seconds == 1 else "seconds"
            return f"Too many wrong codes. Wait {seconds} {unit}, then try again."
        return (
            "That code is not right. Enter the code shown now (check that your phone sets its "
            "clock automatically)."
        )


def _first_accepting(devices, code):
    """The first of ``devices`` (locked for update) that accepts ``code``, honouring throttling."""
    wait_until = None
    for device in devices:
        allowed, details = device.verify_is_allowed()
        if not allowed:
            locked_until = (details or {}).get("locked_until")
            if locked_until and (wait_until is None or locked_until > wait_until):
                wait_until = locked_until
            continue
        if device.verify_token(code):
            return Check(device=device)
    return Check(wait_until=wait_until)


def check_authenticator_code(*, user, code):
    with transaction.atomic():
        devices = TOTPDevice.objects.filter(user=user, confirmed=True).select_for_update()
        return _first_accepting(devices, code)


def check_recovery_code(*, user, code):
    """A recovery code works once: the accepted code is deleted."""
    with transaction.atomic():
        devices = StaticDevice.objects.filter(user=user, confirmed=True).select_for_update()
        return _first_accepting(devices, code)


def authenticator_pending(*, user, session):
    """The authenticator app this session is setting up: a new key for each session, so a key
    someone else saw on their screen is never the one that gets confirmed here."""
    pending = None
    if isinstance(session.get(PENDING_SESSION_KEY), int):
        pending = TOTPDevice.objects.filter(
            user=user, confirmed=False, pk=session[PENDING_SESSION_KEY]
        ).first()
    if pending is None:
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            pending = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
        session[PENDING_SESSION_KEY] = pending.pk
    return pending


def authenticator_confirm(*, user, device, code):
    """Confirm the app being set up with the code it shows. It replaces any earlier app; the first
    time someone sets up a second factor they also get recovery codes (``Check.recovery_codes``)."""
    with transaction.atomic():
        pending = (
            TOTPDevice.objects.select_for_update()
            .filter(pk=device.pk, user=user, confirmed=False)
            .first()
        )
        if pending is None:
            return Check()
        check = _first_accepting([pending], code)
        if check.device is None:
            return check
        pending.confirmed = True
        pending.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=pending.pk).delete()
        codes = []
        if not StaticToken.objects.filter(device__user=user).exists():
            codes = recovery_codes_replace(user=user)
    return Check(device=pending, recovery_codes=codes)


def recovery_codes_replace(*, user):
    """New recovery codes for ``user``, every earlier one stops working. Returns the codes, which
    are shown once and never again."""
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    with transaction.atomic():
        device = StaticDevice.objects.filter(user=user).select_for_update().first()
        if device is None:
            device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME)
        device.token_set.all().delete()
        StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
        device.confirmed = True
        device.throttle_reset(commit=False)
        device.save()
    return codes


REMOVABLE = {"authenticator": TOTPDevice, "passkey": WebAuthnCredential}


def device_remove(*, user, kind, pk, keep_one):
    """Remove one of ``user``'s own authenticator apps or passkeys. With ``keep_one`` (two-factor
    sign-in required) the last one stays: removing it would leave only recovery codes. When no
    app or passkey is left, the recovery codes go too. Raises ValidationError with the reason."""
    model = REMOVABLE.get(kind)
    if model is None:
        raise ValidationError("Choose a sign-in method to remove.")
    with transaction.atomic():
        # One removal at a time per person, so two at once cannot both take "the other one".
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        device = model.objects.filter(user=user, confirmed=True, pk=pk).first()
        if device is None:
            raise ValidationError("That sign-in method is not one of yours, or is already gone.")
        apps = TOTPDevice.objects.filter(user=user, confirmed=True)
        keys = WebAuthnCredential.objects.filter(user=user, confirmed=True)
        if model is TOTPDevice:
            apps = apps.exclude(pk=device.pk)
        else:
            keys = keys.exclude(pk=device.pk)
        others = apps.count() + keys.count()
        if keep_one and others == 0:
            raise ValidationError(
                "This is your last authenticator app or passkey, and your account must use "
                "two-factor sign-in: add another one before removing this one."
            )
        device.delete()
        if others == 0:
            StaticDevice.objects.filter(user=user).delete()
    return device


def devices_reset(*, user, by):
    """A superuser's reset of ``user``'s second factor (a lost phone): every app, passkey and
    recovery code is removed, so the next sign-in sets up a new one. Logged. Returns what was
    removed, e.g. ``"1 authenticator app, 2 passkeys, 7 recovery codes"``."""
    with transaction.atomic():
        codes = StaticToken.objects.filter(device__user=user).count()
        apps = TOTPDevice.objects.filter(user=user, confirmed=True).count()
        keys = WebAuthnCredential.objects.filter(user=user).count()
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        WebAuthnCredential.objects.filter(user=user).delete()
    removed = (
        ", ".join(
            f"{count} {name}{'' if count == 1 else 's'}"
            for count, name in (
                (apps, "authenticator app"),
                (keys, "passkey"),
                (codes, "recovery code"),
            )
            if count
        )
        or "nothing was set up"
    )
    logger.warning(
        "Two-factor sign-in of %r (id %s) reset by %r (id %s): %s",
        user.get_username(),
        user.pk,
        by.get_username(),
        by.pk,
        removed,
    )
    return removed
