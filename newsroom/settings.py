"""Newsroom settings, read from the environment (see README.md, "Configuration")."""

import importlib.util
import os
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_noop

from newsroom.editions import NATIVE_NAMES as NATIVE_LANGUAGE_NAMES
from newsroom.editions import check_codes as check_edition_codes
from newsroom.env import (
    FALSE,
    cache_config,
    env_bool,
    env_colour,
    env_handle,
    env_int,
    env_list,
)

BASE_DIR = Path(__file__).resolve().parent.parent

# pytest and `manage.py test` get fast, self-contained defaults.
TESTING = "pytest" in sys.modules or sys.argv[1:2] == ["test"]

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-development-key-never-use-in-production"
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off Newsroom refuses to start without a secret "
            "key: set SECRET_KEY to a long random string (for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`), "
            "or set DEBUG=1 for local development."
        )

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG or TESTING else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The publication's identity: header, footer, page titles and descriptions, feeds, the join page
# and emails. The defaults are deliberately generic; `make run` sets the demo newsroom's.
SITE_NAME = os.environ.get("SITE_NAME", "Newsroom")
# Under the icon on a phone's home screen, where about twelve characters fit.
SITE_SHORT_NAME = os.environ.get("SITE_SHORT_NAME", "").strip() or SITE_NAME
SITE_TAGLINE = os.environ.get("SITE_TAGLINE", "Independent reporting, paid for by its readers")
SITE_DESCRIPTION = os.environ.get(
    "SITE_DESCRIPTION", "Independent reporting, free to read and paid for by its readers."
)
SITE_JOIN_HEADLINE = os.environ.get("SITE_JOIN_HEADLINE", "Keep independent reporting going")
SITE_JOIN_PITCH = os.environ.get(
    "SITE_JOIN_PITCH",
    "We have no owner with an agenda and no paywall. Our reporters are paid by readers like you.",
)
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The logo in the header and the stories' JSON-LD (an SVG or PNG: a static file's path such as
# "img/logo.svg", or a URL); without one the header shows SITE_NAME. Its size is read from the
# file; a logo on another host needs SITE_LOGO_SIZE ("WIDTHxHEIGHT"). See newsroom/identity.py.
SITE_LOGO = os.environ.get("SITE_LOGO", "").strip()
SITE_LOGO_SIZE = os.environ.get("SITE_LOGO_SIZE", "").strip()
# A folder (static path or URL) holding icon-32.png, icon-180.png, icon-192.png and
# icon-512.png; by default a plain icon the site draws itself at /icons/.
SITE_ICONS = os.environ.get("SITE_ICONS", "").strip()
SITE_THEME_COLOUR = env_colour("SITE_THEME_COLOUR", "#171717")
SITE_TWITTER = env_handle("SITE_TWITTER")  # "@name" for twitter:site, or ""

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "taggit",
    "reversion",
    "django_prose_editor",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "articles",
    "memberships",
    "newsletter",
    "insights",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "staff",
    "newsroom",  # the logo's system check (newsroom/identity.py)
]
# Revisions of stories hold their bylines and tags too (articles.revisions).
SERIALIZATION_MODULES = {"story_json": "articles.revision_format"}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsroom.csp.CSPMiddleware",  # django-csp's, building no policy for exempt responses
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.editions.EditionMiddleware",  # the edition the address names, nothing else
    "django.middleware.common.CommonMiddleware",
    # A page this worker keeps for anonymous readers is answered here, before sessions,
    # CSRF and sign-in, which it never needs; everything above shapes its response too.
    "articles.reader_cache.ReaderPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "staff.middleware.SecondFactorMiddleware",  # after OTPMiddleware (staff/checks.py)
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out sign-in into its page
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
                "memberships.context_processors.member",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": cache_config(os.environ.get("CACHE_URL", ""))}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "newsroom.throttling.SignInThrottleBackend",  # first: django-axes, see "Admin sign-in"
    "django.contrib.auth.backends.ModelBackend",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The editions (newsroom/editions.py): EDITIONS="en ru" lists their languages, the first the
# default one at "/", the others under their prefix ("/ru/"). The interface speaks each
# edition's language where a catalogue exists (locale/).
EDITIONS = check_edition_codes(os.environ.get("EDITIONS", "en ru").replace(",", " ").split())
LANGUAGES = [(code, NATIVE_LANGUAGE_NAMES.get(code, code)) for code in EDITIONS]
LANGUAGE_CODE = EDITIONS[0]
# The publication's words in the other editions: SITE_TAGLINE_RU, SITE_DESCRIPTION_RU,
# SITE_JOIN_HEADLINE_RU, SITE_JOIN_PITCH_RU for Russian (newsroom/editions.py, site_words);
# a word not given is the default edition's.
SITE_WORDS = {
    code: {
        word: os.environ[f"SITE_{word.upper()}_{code.upper()}"]
        for word in ("tagline", "description", "join_headline", "join_pitch")
        if os.environ.get(f"SITE_{word.upper()}_{code.upper()}", "").strip()
    }
    for code in EDITIONS[1:]
}
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers as each language writes them, the newsroom's own way (newsroom/formats/).
FORMAT_MODULE_PATH = ["newsroom.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Tbilisi")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# --- Photo originals (README.md, "Photos") ----------------------------------------------------
# The editors' uploads, apart from the public media: a folder outside MEDIA_ROOT whose files
# have no URL (articles.photos.storage), reached only through the admin's staff-only preview.
# Renditions stay in the default storage, public. Files are kept as originals/YYYY/MM/<name>.
ORIGINALS_ROOT = Path(os.environ.get("ORIGINALS_ROOT", BASE_DIR / "private")).resolve()
if ORIGINALS_ROOT == MEDIA_ROOT.resolve() or MEDIA_ROOT.resolve() in ORIGINALS_ROOT.parents:
    raise ImproperlyConfigured(
        f"ORIGINALS_ROOT ({ORIGINALS_ROOT}) is inside MEDIA_ROOT ({MEDIA_ROOT}), which is "
        "served to the public: put the photo originals in a folder of their own."
    )
STORAGES["originals"] = {
    "BACKEND": "articles.photos.storage.PrivateFileSystemStorage",
    "OPTIONS": {"location": ORIGINALS_ROOT},
}

# Uploads: photos can be large, but nothing unbounded reaches Pillow or memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
PHOTO_MAX_UPLOAD_BYTES = env_int("PHOTO_MAX_UPLOAD_BYTES", 40 * 1024 * 1024)

# An email service through django-anymail, without a code change: ANYMAIL_ESP names it
# (amazon_ses, brevo, mailgun, mailjet, postmark, resend, sendgrid, ...) and every other
# ANYMAIL_* variable goes into ANYMAIL without its prefix, e.g. ANYMAIL_MAILGUN_API_KEY,
# ANYMAIL_POSTMARK_SERVER_TOKEN, ANYMAIL_SENDGRID_API_KEY. EMAIL_BACKEND, when set, wins.
ANYMAIL_ESP = os.environ.get("ANYMAIL_ESP", "").strip().lower()
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_") and name != "ANYMAIL_ESP"
}
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    f"anymail.backends.{ANYMAIL_ESP}.EmailBackend"
    if ANYMAIL_ESP
    else "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <members@example.org>")
# Seconds an SMTP connection may take: emails are sent by the task worker, which must not hang.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)

# --- Newsletter digests (README.md, "Newsletter") --------------------------------------------
# Newsroom local time (TIME_ZONE): the daily digest at NEWSLETTER_DAILY_AT, the weekly one on
# NEWSLETTER_WEEKLY_ON ("<weekday> HH:MM"); sent NEWSLETTER_BATCH_SIZE recipients per task.
NEWSLETTER_DAILY_AT = os.environ.get("NEWSLETTER_DAILY_AT", "07:00")
NEWSLETTER_WEEKLY_ON = os.environ.get("NEWSLETTER_WEEKLY_ON", "monday 08:00")
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 200)
NEWSLETTER_FROM_EMAIL = os.environ.get("NEWSLETTER_FROM_EMAIL", DEFAULT_FROM_EMAIL)

# --- Background tasks (README.md, "Background tasks") ----------------------------------------
# Renditions and emails run in tasks, enqueued once the request's transaction commits.
# "database" (the default) queues them in the site's database for `manage.py db_worker`
# (`make worker`), one or more on any machine that reaches the database; "rq" queues them in
# Redis at TASKS_REDIS_URL for `manage.py rqworker` (an optional install, see README.md);
# "immediate" runs each one in the process that enqueued it, with no worker. Tests always run
# them immediately.
TASKS_BACKEND = "immediate" if TESTING else os.environ.get("TASKS_BACKEND", "database").strip()
TASKS_REDIS_URL = os.environ.get("TASKS_REDIS_URL", "redis://127.0.0.1:6379/1")
if TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
elif TASKS_BACKEND == "rq":
    if importlib.util.find_spec("django_tasks_rq") is None:
        raise ImproperlyConfigured(
            "TASKS_BACKEND=rq needs the RQ backend, which is not installed by default: "
            '`.venv/bin/pip install django-tasks-rq==0.12.0` (README.md, "Background tasks").'
        )
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": TASKS_REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be database, rq or immediate; got {TASKS_BACKEND!r}."
    )

# HTTPS hardening: on whenever DEBUG is off, each switch can be turned off behind a proxy.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG and not TESTING)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG or TESTING else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# How many reverse proxies in front of the site (nginx, a load balancer, a CDN) each append the
# address they saw to X-Forwarded-For; 0 trusts only the connecting address, which a client
# cannot forge. Every limit and the read beacon find the client this way (newsroom/clients.py).
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
if TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES must be 0 or more; got {TRUSTED_PROXIES}.")
# The two settings it replaces, which disagreed from two proxies up: refused rather than ignored,
# since ignoring one would put every reader behind the proxy in one rate-limit bucket.
for _replaced in ("BEACON_TRUSTED_PROXIES", "MEMBERSHIPS_TRUST_X_FORWARDED_FOR"):
    if os.environ.get(_replaced, "").strip().lower() not in FALSE:
        raise ImproperlyConfigured(
            f"{_replaced} is no longer read: set TRUSTED_PROXIES to the number of proxies in "
            "front of the site that append to X-Forwarded-For (1 for one nginx or load "
            'balancer, 0 for none), and remove it (README.md, "Production").'
        )

# --- Staff two-factor sign-in (README.md, "Staff two-factor sign-in") ------------------------
# "privileged": editors, membership managers and superusers (and anyone who may publish, see
# members or change accounts) confirm each sign-in with a second factor; "all": every staff
# account. With DEBUG on nobody is asked (staff/policy.py).
STAFF_TWO_FACTOR = os.environ.get("STAFF_TWO_FACTOR", "privileged").strip().lower()
if STAFF_TWO_FACTOR not in {"privileged", "all"}:
    raise ImproperlyConfigured(
        f"STAFF_TWO_FACTOR must be privileged or all; got {STAFF_TWO_FACTOR!r}."
    )
OTP_TOTP_ISSUER = SITE_NAME  # how authenticator apps name the account
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the device admins never show a key or a recovery code
# Passkeys belong to SITE_URL's host name; browsers refuse an IP address, so a loopback address
# (the development default) becomes "localhost". A passkey is only ever a second factor.
_passkey_site = urlsplit(SITE_URL)
_passkey_host = _passkey_site.hostname or "localhost"
if _passkey_host in {"127.0.0.1", "::1"}:
    _passkey_host = "localhost"
OTP_WEBAUTHN_RP_ID = _passkey_host
OTP_WEBAUTHN_RP_NAME = SITE_NAME
OTP_WEBAUTHN_ALLOWED_ORIGINS = [
    f"{_passkey_site.scheme}://{_passkey_host}"
    + (f":{_passkey_site.port}" if _passkey_site.port else "")
]
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

# --- Admin sign-in throttling: django-axes (README.md, "Admin sign-in throttling") ------------
# AXES_FAILURE_LIMIT wrong passwords for one username from one client (found as TRUSTED_PROXIES
# says: an IPv4 address or an IPv6 /64, since a /64 is one connection's to pick from), each
# within AXES_COOLOFF_MINUTES of the one before, lock that username from that client for
# AXES_COOLOFF_MINUTES; other clients and other usernames are not locked. The right password
# resets the count; attempts during a lockout are not counted, so it ends on time. Only
# password sign-ins count (a second factor comes after).
# The locked-out page (429) names ADMIN_LOCKOUT_CONTACT as the one to ask; a superuser clears
# a lock under Admin -> Access attempts.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
_axes_cooloff_minutes = env_int("AXES_COOLOFF_MINUTES", 15)
if AXES_FAILURE_LIMIT < 1 or _axes_cooloff_minutes < 1:
    raise ImproperlyConfigured(
        "AXES_FAILURE_LIMIT and AXES_COOLOFF_MINUTES must be 1 or more; got "
        f"{AXES_FAILURE_LIMIT} and {_axes_cooloff_minutes}."
    )
AXES_COOLOFF_TIME = timedelta(minutes=_axes_cooloff_minutes)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "newsroom.clients.client_network_address"
AXES_LOCKOUT_CALLABLE = "newsroom.throttling.lockout_response"
ADMIN_LOCKOUT_CONTACT = os.environ.get("ADMIN_LOCKOUT_CONTACT", "").strip() or (
    "one of the site's administrators"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Rails: Editor's Picks, Most Popular and Related Articles (README.md, "Rails"), and their
# headings as the newsroom names them (translated where a translation exists).
RAIL_HEADINGS = {
    "related": os.environ.get("RAIL_HEADING_RELATED", "").strip()
    or gettext_noop("Related Articles"),
    "popular": os.environ.get("RAIL_HEADING_POPULAR", "").strip() or gettext_noop("Most Popular"),
    "picks": os.environ.get("RAIL_HEADING_PICKS", "").strip() or gettext_noop("Editor’s Picks"),
}
EDITORS_PICKS_COUNT = env_int("EDITORS_PICKS_COUNT", 4)
RELATED_ARTICLES_COUNT = env_int("RELATED_ARTICLES_COUNT", 4)
# How often a reader's open live blog asks for new updates (static/js/live-updates.js).
LIVE_BLOG_POLL_SECONDS = env_int("LIVE_BLOG_POLL_SECONDS", 30)
POPULAR_COUNT = env_int("POPULAR_COUNT", 5)
# "24h" or "7d": the window Most Popular ranks by; a quiet 24 hours falls back to 7 days.
POPULAR_WINDOW = os.environ.get("POPULAR_WINDOW", "24h").strip()
if POPULAR_WINDOW not in {"24h", "7d"}:
    raise ImproperlyConfigured(f"POPULAR_WINDOW must be 24h or 7d; got {POPULAR_WINDOW!r}.")
# Reads a story needs within the window to be listed at all.
POPULAR_MIN_READS = env_int("POPULAR_MIN_READS", 10)
# Daily totals older than this are deleted by `manage.py prune_views`; the 7-day window
# needs the last 8 days.
POPULARITY_RETENTION_DAYS = env_int("POPULARITY_RETENTION_DAYS", 90)
if POPULARITY_RETENTION_DAYS < 8:
    raise ImproperlyConfigured("POPULARITY_RETENTION_DAYS must be at least 8 (the 7-day window).")
# At most BEACON_RATE_LIMIT read beacons per client (IPv4 address or IPv6 /64, found as
# TRUSTED_PROXIES says) in BEACON_RATE_WINDOW seconds.
BEACON_RATE_LIMIT = env_int("BEACON_RATE_LIMIT", 300)
BEACON_RATE_WINDOW = env_int("BEACON_RATE_WINDOW", 300)
# Different stories one client may add reads to per day (0: no cap), so that one address cannot
# push stories up Most Popular; its reads of further stories are not counted.
BEACON_STORIES_PER_CLIENT = env_int("BEACON_STORIES_PER_CLIENT", 50)
# With Redis as the cache, beacons count reads in Redis (on the cache's LOCATION, its first
# server) and a beacon moves them into the database at most once per this many seconds across
# all workers; 0 leaves that to `manage.py flush_reads` (from cron) and the Most Popular
# ranking. Without Redis every read is written to the database at once.
BEACON_FLUSH_SECONDS = env_int("BEACON_FLUSH_SECONDS", 10)
# --- Memberships and payments (see README.md, "Memberships and payments") ---------------------
# Stripe keys come only from the environment. Without a secret key the offline test checkout is
# used, and that one only works with DEBUG on unless MEMBERSHIPS_ALLOW_TEST_CHECKOUT says so.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
# Dotted path to a stripe.HTTPClient subclass (e.g. one that goes through a proxy); empty = default.
STRIPE_HTTP_CLIENT = os.environ.get("STRIPE_HTTP_CLIENT", "")
MEMBERSHIPS_PROVIDER = os.environ.get(
    "MEMBERSHIPS_PROVIDER", "stripe" if STRIPE_SECRET_KEY else "local"
)
MEMBERSHIPS_ALLOW_TEST_CHECKOUT = env_bool("MEMBERSHIPS_ALLOW_TEST_CHECKOUT", False)
# Readers may pay more than a plan's price; custom amounts are bounded (in the plan's currency).
MEMBERSHIPS_MIN_CUSTOM_AMOUNT = os.environ.get("MEMBERSHIPS_MIN_CUSTOM_AMOUNT", "5")
MEMBERSHIPS_MAX_CUSTOM_AMOUNT = os.environ.get("MEMBERSHIPS_MAX_CUSTOM_AMOUNT", "1000")
# Against card testing and bots: checkout starts per client and for the whole site, over the
# last window (sliding); every join-form submission, valid or not, per client (against floods).
MEMBERSHIPS_CHECKOUT_LIMIT_PER_CLIENT = env_int("MEMBERSHIPS_CHECKOUT_LIMIT_PER_CLIENT", 5)
MEMBERSHIPS_JOIN_SUBMISSION_LIMIT_PER_CLIENT = env_int(
    "MEMBERSHIPS_JOIN_SUBMISSION_LIMIT_PER_CLIENT", 60
)
MEMBERSHIPS_CHECKOUT_LIMIT_GLOBAL = env_int("MEMBERSHIPS_CHECKOUT_LIMIT_GLOBAL", 300)
MEMBERSHIPS_CHECKOUT_LIMIT_WINDOW = env_int("MEMBERSHIPS_CHECKOUT_LIMIT_WINDOW", 3600)
MEMBERSHIPS_SIGN_IN_LIMIT_PER_CLIENT = env_int("MEMBERSHIPS_SIGN_IN_LIMIT_PER_CLIENT", 10)
MEMBERSHIPS_SIGN_IN_LINK_MINUTES = env_int("MEMBERSHIPS_SIGN_IN_LINK_MINUTES", 30)
MEMBERSHIPS_DISPOSABLE_DOMAINS_FILE = os.environ.get(
    "MEMBERSHIPS_DISPOSABLE_DOMAINS_FILE",
    str(BASE_DIR / "memberships" / "data" / "disposable_domains.txt"),
)
# The reader cache (articles/reader_cache): READER_CACHE_<NAME> from the environment when set;
# the defaults, and what each means, are in articles/reader_cache/conf.py.
for _name in (
    "SECONDS",
    "BROWSER_SECONDS",
    "CDN_SECONDS",
    "STALE_SECONDS",
    "LOCAL_SECONDS",
    "LOCAL_BYTES",
    "LOCAL_DATA_BYTES",
    "POPULAR_SECONDS",
    "PREPARED_MAX_AGE",
):
    if f"READER_CACHE_{_name}" in os.environ:
        globals()[f"READER_CACHE_{_name}"] = env_int(f"READER_CACHE_{_name}", 0)
if "READER_CACHE_BYPASS_COOKIES" in os.environ:
    READER_CACHE_BYPASS_COOKIES = env_list("READER_CACHE_BYPASS_COOKIES")
# Hashed static files are cached for a year by browsers and CDNs; the rest for a day.
WHITENOISE_MAX_AGE = env_int("WHITENOISE_MAX_AGE", 0 if DEBUG else 24 * 3600)


# --- Content-Security-Policy (README.md, "Security") ------------------------------------------
# Sent on every response (django-csp's middleware). Scripts run only from this site's own files:
# no inline script, event handler, javascript: address or eval, so markup that slips into a page
# (through a story body, a caption, a name) runs nothing, and nothing a page loads or sends
# reaches a host not named here. Those beyond the site's own come from the settings naming them.
def _origin(url):
    """The origin of an absolute (or protocol-relative) URL; None for a path on this site."""
    parts = urlsplit(url)
    if not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme else parts.netloc


# Photos served from another host (an S3 bucket, a CDN) when MEDIA_URL names one.
_MEDIA_ORIGINS = [origin for origin in [_origin(MEDIA_URL)] if origin]
# The logo and icons, when SITE_LOGO or SITE_ICONS is on another host.
_IDENTITY_ORIGINS = [
    origin
    for origin in {_origin(SITE_LOGO), _origin(SITE_ICONS)} - {None, *_MEDIA_ORIGINS}
    if origin
]
# With Stripe, the join form is answered with a redirect to Stripe Checkout and "Update card"
# with one to its billing portal; browsers hold a form's redirects to form-action too.
_PAYMENT_ORIGINS = (
    ["https://checkout.stripe.com", "https://billing.stripe.com"] if STRIPE_SECRET_KEY else []
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # NONCE is left out of the header unless a response uses it: only the story form's
        # import map does (it cannot be a file), and no page kept for readers ever may.
        "script-src": [SELF, NONCE],
        # Inline styles are allowed: the admin and its widgets write style attributes, and the
        # body editor adds a <style> element of its own. Styles cannot run script, and with
        # images, fonts and requests held to the hosts named here an injected style has
        # nowhere to send what it could read.
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", *_MEDIA_ORIGINS, *_IDENTITY_ORIGINS],
        "manifest-src": [SELF],
        "connect-src": [SELF],  # the read beacon and the admin's autocomplete
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF, *_PAYMENT_ORIGINS],
        "upgrade-insecure-requests": not DEBUG,
    }
}
