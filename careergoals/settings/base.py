"""Settings shared by every environment, read from the environment (12-factor).

With nothing set, the *embedded default* runs: SQLite and a file-system Celery
broker under ``var/``, a cache on disk, and emails written to ``var/mail/``.
Set ``DATABASE_URL``, ``REDIS_URL`` and ``EMAIL_URL`` to run on Postgres, Redis
and a real mail server.
"""

import re
import secrets
from pathlib import Path

import bootstrap
import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("CAREERGOALS_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()


def _embedded_secret_key() -> str:
    """A random key kept under var/ so a laptop install keeps its sessions across restarts."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or _embedded_secret_key()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_NAME = "Career Goals"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "csp",
    "ninja",  # the API docs page's Swagger UI from the package, not a CDN
    "careergoals",
    "careergoals.users",
    "careergoals.notifications",
    "goals",
    "accountability",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy on every answer, error pages too
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "careergoals.outage.DatabaseOutageMiddleware",  # a friendly 503 while the database is down
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "careergoals.users.middleware.UserTimezoneMiddleware",
    "careergoals.users.middleware.UserLanguageMiddleware",
]

ROOT_URLCONF = "careergoals.urls"
WSGI_APPLICATION = "careergoals.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "careergoals.context_processors.site",
                "careergoals.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'careergoals.sqlite3'}")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share one file: wait for locks instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis, cache and Celery ----------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            # With Redis away, reads find nothing and writes are dropped: rate limits
            # are off until it is back, sign-in keeps working (docs/architecture.md).
            "BACKEND": "careergoals.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "careergoals",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    # Sessions are read from Redis, written to both: a signed-in page skips a database
    # query, and with Redis away every session is still there, read from the database.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Rate limits need a cache that every process shares: a folder does.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": 3600,
        # A stuck Redis must not hold a request: give up on a connection within seconds.
        "socket_connect_timeout": 2,
        "socket_timeout": 3,
    }
else:
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("queue", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    # The host is only a name here; naming it keeps kombu from warning that it is missing.
    CELERY_BROKER_URL = "filesystem://localhost/"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Queueing an email after commit tries twice, then leaves it to the sweep's resend.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_TASK_IGNORE_RESULT = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- Email ----------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Career Goals <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = "[Career Goals] "
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "careergoals.mail.FolderEmailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
EMAIL_TIMEOUT = 20
# An email whose send task was lost (say, a killed worker) is sent by the sweep after this.
NOTIFICATION_RESEND_AFTER_SECONDS = env.int("NOTIFICATION_RESEND_AFTER_SECONDS", default=120)

# --- The JSON API (/api/v1/) ------------------------------------------------------
# Requests per token (or per signed-in person, for a session), counted in the cache above:
# reads (GET) and writes apart. "120/min", "10/s", "5000/day" (careergoals/api/throttles.py).
API_RATE_LIMITS = {
    "read": env.str("API_RATE_LIMIT_READ", default="300/min"),
    "write": env.str("API_RATE_LIMIT_WRITE", default="60/min"),
}
for _kind, _rate in API_RATE_LIMITS.items():
    if not re.fullmatch(r"[1-9]\d*/(s|sec|min|h|hour|day)", _rate):
        raise ImproperlyConfigured(f"API_RATE_LIMITS[{_kind!r}]: {_rate!r} is not like 120/min")

# --- Accounts -------------------------------------------------------------------
AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "goals:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "landing"
ACCOUNT_ALLOW_SIGNUP = env.bool("ACCOUNT_ALLOW_SIGNUP", default=True)
ACCOUNT_ADAPTER = "careergoals.users.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "careergoals.users.forms.SignupDetailsForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = EMAIL_SUBJECT_PREFIX
# A notice by email when the password, an address or two-step sign-in changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# allauth's forms with the site's labels (templates/account and templates/mfa hold the pages).
ACCOUNT_FORMS = {
    "login": "careergoals.users.account_forms.LoginForm",
    "change_password": "careergoals.users.account_forms.ChangePasswordForm",
    "reset_password_from_key": "careergoals.users.account_forms.ResetPasswordKeyForm",
}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
ACCOUNT_RATE_LIMITS = {
    # Failed sign-ins: 10 a minute per address, 5 per account in 5 minutes.
    "login_failed": "10/m/ip,5/300s/key",
}
MFA_ADAPTER = "careergoals.users.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Internationalisation ---------------------------------------------------------
LANGUAGE_CODE = "en"
# Each name in its own language: it is how a person finds theirs in the list.
LANGUAGES = [("en", "English"), ("de", "Deutsch")]
# One catalogue for the whole site (templates/, every app): careergoals/locale/.
LOCALE_PATHS = [BASE_DIR / "careergoals" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise expects it even before collectstatic
_bootstrap_dir = Path(next(iter(bootstrap.__path__)))  # the bootstrap-wrapper package
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap/css", _bootstrap_dir / "css"),
    ("vendor/bootstrap/js", _bootstrap_dir / "js"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names once `serve` has collected them; plain names before (runserver works).
    "staticfiles": {"BACKEND": "careergoals.staticfiles.ManifestOnceCollected"},
}
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_USE_FINDERS = True

# A step's place is unique per goal, checked at commit (deferred) so that reordering can swap
# places. SQLite can't defer it and skips it: the embedded default relies on the lock that
# micro_goal_create takes. Production and CI run on Postgres, which holds it.
SILENCED_SYSTEM_CHECKS = ["models.W038"]

# --- Security defaults (production.py tightens the rest) ---------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content-Security-Policy (django-csp 4): our own files only, no inline script or style, so
# user text that ever slipped into the page unescaped still could not run. Inline code lives
# in static/js and static/css; Bootstrap and htmx are served from their packages.
# data: images are Bootstrap's own CSS icons (select arrows, close buttons, check marks) and
# the QR code of two-factor set-up. Emails keep inline styles: mail clients need them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # The service worker (/sw.js) and the web app manifest: ours only (careergoals/pwa.py).
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Permissions-Policy (django-permissions-policy): no powerful feature is used, so none is
# allowed, except copying the calendar feed address to the clipboard on our own pages.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "clipboard-write": ["self"],
    "display-capture": [],
    "encrypted-media": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-get": [],
    "usb": [],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
