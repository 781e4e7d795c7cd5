"""Two-factor sign-in is configured from the environment and cannot be left half-installed."""

import grimp
import pytest

from staff.checks import second_factor_middleware
from tests.test_house import circles
from tests.test_settings import run_python, settings_value


def test_an_unknown_policy_stops_the_site_with_a_clear_error():
    assert settings_value("s.STAFF_TWO_FACTOR", DEBUG="1") == "privileged"
    assert settings_value("s.STAFF_TWO_FACTOR", DEBUG="1", STAFF_TWO_FACTOR=" All ") == "all"
    result = run_python("from newsroom import settings", DEBUG="1", STAFF_TWO_FACTOR="editors")
    assert result.returncode != 0
    assert "STAFF_TWO_FACTOR must be privileged or all; got 'editors'" in result.stderr


def test_passkeys_belong_to_the_sites_public_address():
    expression = "(s.OTP_WEBAUTHN_RP_ID, s.OTP_WEBAUTHN_ALLOWED_ORIGINS)"
    public = settings_value(expression, DEBUG="1", SITE_URL="https://news.example.org")
    assert public == "('news.example.org', ['https://news.example.org'])"
    local = settings_value(expression, DEBUG="1")  # SITE_URL http://127.0.0.1:8000
    assert local == "('localhost', ['http://localhost:8000'])"


@pytest.mark.parametrize(
    "remove", ["django_otp.middleware.OTPMiddleware", "staff.middleware.SecondFactorMiddleware"]
)
def test_the_site_refuses_to_run_without_the_second_factor_middleware(settings, remove):
    assert second_factor_middleware(None) == []
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != remove]
    assert [error.id for error in second_factor_middleware(None)] == ["staff.E001"]


def test_the_middleware_in_the_wrong_order_is_refused_too(settings):
    later = [name for name in settings.MIDDLEWARE if name != "django_otp.middleware.OTPMiddleware"]
    settings.MIDDLEWARE = [*later, "django_otp.middleware.OTPMiddleware"]
    assert [error.id for error in second_factor_middleware(None)] == ["staff.E001"]


def test_no_module_of_the_staff_app_imports_itself_through_others():
    assert circles(grimp.build_graph("staff", cache_dir=None)) == []
