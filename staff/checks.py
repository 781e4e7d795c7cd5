from django.conf import settings
from django.core.checks import Error, Tags, register

IN_ORDER = (
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "staff.middleware.SecondFactorMiddleware",
)


@register(Tags.security)
def second_factor_middleware(app_configs, **kwargs):
    """Without these three in this order a password alone would open the desk."""
    middleware = list(settings.MIDDLEWARE)
    positions = [middleware.index(name) if name in middleware else -1 for name in IN_ORDER]
    if -1 in positions or positions != sorted(positions):
        return [
            Error(
                "Staff two-factor sign-in needs these middleware, in this order: "
                + ", ".join(IN_ORDER)
                + ".",
                id="staff.E001",
            )
        ]
    return []
