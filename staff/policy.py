"""Who must sign in to the desk with a second factor.

``STAFF_TWO_FACTOR = "privileged"`` (the default) asks it of Editors, Membership managers and
superusers, and of anyone holding the powers that make those accounts worth stealing: publishing,
the members' data, or the accounts and sign-in devices themselves (a staff member who may change
users could make themselves a superuser). ``"all"`` asks it of every staff account. Anyone else
who has set up a second factor anyway is asked for it too. With DEBUG on nobody is asked.
"""

from django.conf import settings
from django_otp import user_has_device

PRIVILEGED_GROUPS = ("Editor", "Membership manager")
PRIVILEGED_PERMISSION = "articles.publish_article"
PRIVILEGED_APPS = ("memberships", "auth", "otp_totp", "otp_static", "django_otp_webauthn")
POLICIES = ("privileged", "all")


def is_off():
    """Two-factor sign-in is off while DEBUG is on (the local development admin)."""
    return settings.DEBUG


def is_staff(user):
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def must_use(user):
    """Whether the policy requires this account to use a second factor (DEBUG aside)."""
    if not is_staff(user):
        return False
    if settings.STAFF_TWO_FACTOR == "all" or user.is_superuser:
        return True
    return (
        user.has_perm(PRIVILEGED_PERMISSION)
        or any(user.has_module_perms(app) for app in PRIVILEGED_APPS)
        or user.groups.filter(name__in=PRIVILEGED_GROUPS).exists()
    )


def asks(user):
    """Whether signing in asks this account for its second factor now: when the policy requires
    one or the account has one set up, never while two-factor sign-in is off."""
    if is_off() or not is_staff(user):
        return False
    return must_use(user) or user_has_device(user)
