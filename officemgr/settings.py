"""officemgr settings: one env object, typed reads, defaults that work on a laptop.

No DATABASE_URL → a SQLite file; no CELERY_BROKER_URL/REDIS_URL → tasks run eagerly; no EMAIL_URL →
e-mails printed on the console. With DEBUG off, SECRET_KEY and ALLOWED_HOSTS must be set.
"""

import datetime as dt
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(str(BASE_DIR / ".env"))

# Off unless the environment turns it on (`make run` does, for the laptop; pytest.ini for the tests).
DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
else:
    try:
        SECRET_KEY = env.str("SECRET_KEY")
        ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
    except ImproperlyConfigured as exc:
        raise ImproperlyConfigured(
            f"DEBUG is off: {exc}. Production needs SECRET_KEY and ALLOWED_HOSTS (see README)."
        ) from exc
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DEBUG is off: ALLOWED_HOSTS must name at least one host.")

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    "axes",
    "apps.core",
    "apps.accounts",
    "apps.notifications",
    "apps.leave",
    "apps.dashboard",
    "apps.agenda",
    "apps.premises",
    "apps.supplies",
    "apps.suppliers",
    "apps.purchasing",
    "apps.quotes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "apps.core.request_limits.RequestSizeLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads the database but the user: the read cache notes what each request reads.
    "apps.core.cache.RequestScopeMiddleware",
    "apps.core.memo.RequestMemoMiddleware",
    "apps.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "apps.accounts.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "officemgr.urls"
WSGI_APPLICATION = "officemgr.wsgi.application"

# Every page, partial and e-mail is a Jinja2 template (officemgr/jinja2.py says what they find);
# the Django template language stays second, for the admin's own templates only.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "officemgr.jinja2.environment",
            "context_processors": ["apps.core.context_processors.layout"],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]
# Form widgets are rendered by Django's Jinja2 widget templates (django/forms/jinja2/); the admin's own
# widgets, which exist only as Django templates, by Django's renderer (officemgr/jinja2.py).
FORM_RENDERER = "officemgr.jinja2.FormRenderer"

# An empty DATABASE_URL counts as unset, like every URL setting below.
DATABASES = {
    "default": env.db_url_config(env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite serialises writers; a busy timeout and IMMEDIATE transactions make concurrent
    # requests wait for the lock instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Model choice fields (filter forms' team and site lists) read through .iterator(): a server-side
    # cursor costs DECLARE + FETCH + CLOSE round trips for a handful of rows, and breaks behind a
    # transaction-pooling PgBouncer. Every result set here is small enough to fetch at once.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool("DISABLE_SERVER_SIDE_CURSORS", default=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked-out e-mail + IP pair before the password is even checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "apps.accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = env.list(
    "PASSWORD_HASHERS",
    default=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    ],
)

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates in day-month-year order and 24-hour times (officemgr/formats/en/formats.py), never US order.
FORMAT_MODULE_PATH = ["officemgr.formats"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# The whole request body, files included (DATA_UPLOAD_MAX_MEMORY_SIZE leaves files out): a larger one
# is answered 413 before it is read (apps/core/request_limits.py). The largest form takes 10 MB.
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=12 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "apps.core.request_limits.RequestSizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Redis answers in well under a millisecond: one that does not is treated as down, and the read
    # cache (apps/core/cache.py) runs the reads uncached for a while rather than wait.
    CACHES = {
        "default": {
            "BACKEND": "apps.core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_timeout": 0.2, "socket_connect_timeout": 0.2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Reads cached until the tables they read are written to (apps/core/cache.py). The table versions
# must be shared by every process, so this is on by default only with Redis. READ_CACHE_SECONDS
# bounds how long an entry lives.
READ_CACHE = env.bool("READ_CACHE", default=bool(REDIS_URL))
READ_CACHE_SECONDS = env.int("READ_CACHE_SECONDS", default=300)

# Sessions are read on every signed-in request: with a shared cache (Redis) they come from it and
# the database is written through. A per-process local-memory cache would keep a logged-out
# session alive in the other workers, so without Redis they stay in the database only.
SESSION_ENGINE = env.str(
    "SESSION_ENGINE",
    default="django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db",
)
# A signed-in session ends after SESSION_IDLE_SECONDS without a request, and SESSION_ABSOLUTE_SECONDS
# after the sign-in however active it is (apps/accounts/sessions.py). The cookie lives no longer.
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=8 * 3600)
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 3600)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS

# Sign-in throttling (django-axes): the pair e-mail + IP address is locked after AXES_FAILURE_LIMIT
# failures for AXES_COOLOFF_MINUTES, so nobody can lock a colleague out from their own machine. The
# office manager can unlock an account from its page. The e-mail is compared whatever its case.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "apps.accounts.throttle.axes_username"
AXES_CLIENT_IP_CALLABLE = "apps.accounts.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "apps.accounts.security_views.locked_out"
AXES_RESET_ON_SUCCESS = True
# No table of every successful sign-in (IP address, browser): personal data nothing here reads or purges.
AXES_DISABLE_ACCESS_LOG = True
# Password-reset requests allowed per hour for one e-mail address and for one IP address.
PASSWORD_RESET_LIMIT_PER_EMAIL = env.int("PASSWORD_RESET_LIMIT_PER_EMAIL", default=3)
PASSWORD_RESET_LIMIT_PER_IP = env.int("PASSWORD_RESET_LIMIT_PER_IP", default=20)

# E-mail: EMAIL_URL such as smtp+tls://user:password@smtp.example.com:587; console by default.
EMAIL_CONFIG = env.email_url_config(env.str("EMAIL_URL", default="") or "consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="officemgr <noreply@officemgr.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# Celery. No broker configured → tasks run eagerly in the calling process (the embedded default).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if CELERY_TASK_ALWAYS_EAGER:
    # An in-process transport that is never used (tasks run inline). It names a host: a bare
    # "memory://" makes kombu warn "No hostname was supplied" whenever a task is sent.
    CELERY_BROKER_URL = "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Retries are capped far under this, so a task is never redelivered while it still waits.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# Supporting documents of leave (medical and death certificates: health data, GDPR art. 5(1)(e))
# are deleted this many days after the leave ended. Three years by default: the limitation period
# of salary claims (Code du travail, art. L3245-1), during which a certificate may still have to
# justify a paid absence or the salary kept during sick leave; nothing needs them after that.
LEAVE_DOCUMENT_RETENTION_DAYS = env.int("LEAVE_DOCUMENT_RETENTION_DAYS", default=3 * 365)

CELERY_BEAT_SCHEDULE = {
    "leave-accrue-previous-month": {
        "task": "apps.leave.tasks.leave_accrue_previous_month",
        "schedule": crontab(minute=10, hour=1, day_of_month=1),
        "options": {"expires": 6 * 3600},
    },
    "leave-period-rollover": {
        "task": "apps.leave.tasks.leave_period_rollover",
        "schedule": crontab(minute=30, hour=1),
        "options": {"expires": 6 * 3600},
    },
    "leave-pending-reminders": {
        "task": "apps.leave.tasks.leave_pending_reminders",
        "schedule": crontab(minute=0, hour=8, day_of_week="mon-fri"),
        "options": {"expires": 3600},
    },
    "leave-tomorrow-absences": {
        "task": "apps.leave.tasks.leave_tomorrow_absences",
        "schedule": crontab(minute=0, hour=16),
        "options": {"expires": 3600},
    },
    "leave-documents-purge": {
        "task": "apps.leave.tasks.leave_documents_purge",
        "schedule": crontab(minute=45, hour=2),
        "options": {"expires": 6 * 3600},
    },
    "notifications-resend-unsent-email": {
        "task": "apps.notifications.tasks.email_outbox_flush",
        "schedule": crontab(minute="*/5"),
        "options": {"expires": 240},
    },
    "notifications-dispatch-due-reminders": {
        "task": "apps.notifications.tasks.reminders_dispatch",
        "schedule": crontab(),  # every minute
        "options": {"expires": 50},
    },
    "premises-register-reminders": {
        "task": "apps.premises.tasks.register_send_reminders",
        "schedule": crontab(hour=7, minute=30),
        "options": {"expires": 6 * 3600},
    },
    "supplies-equipment-warranty-reminders": {
        "task": "apps.supplies.tasks.equipment_warranty_reminders",
        "schedule": crontab(hour=7, minute=40),
        "options": {"expires": 6 * 3600},
    },
    "purchasing-invoice-due-reminders": {
        "task": "apps.purchasing.tasks.invoice_due_reminders",
        "schedule": crontab(hour=7, minute=45),
        "options": {"expires": 6 * 3600},
    },
    "suppliers-compliance-reminders": {
        "task": "apps.suppliers.tasks.compliance_reminders",
        "schedule": crontab(hour=7, minute=50),
        "options": {"expires": 6 * 3600},
    },
    "quotes-expire-and-remind": {
        "task": "apps.quotes.tasks.quotes_daily",
        "schedule": crontab(hour=7, minute=55),
        "options": {"expires": 6 * 3600},
    },
}

# Security: strict by default when DEBUG is off; each can be relaxed behind a TLS proxy.
# Only a proxy we trust may say the request came over HTTPS, or which address it came from
# (X-Forwarded-For, for the sign-in throttling): without one, anybody could send those headers.
TRUSTED_PROXY = env.bool("TRUSTED_PROXY", default=False)
if TRUSTED_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): no inline script, no eval, no style="" attribute. Scripts and
# stylesheets are static files; computed styles are set through the CSSOM (static/js/app.js).
# style-src has a nonce only on the pages that ask for one (request.csp_nonce): the leave calendar,
# whose FullCalendar adds its stylesheet as a <style> element carrying that nonce. img-src allows
# data: for Bootstrap's form controls (their arrows and ticks are data: SVGs in its CSS), font-src
# for FullCalendar's arrow icons (a data: font in that stylesheet).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Permissions-Policy: the browser features no page here uses are refused to every origin. (The ticket
# form's photo input opens the phone's camera app through capture="environment", not getUserMedia.)
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}
SILENCED_SYSTEM_CHECKS = env.list("SILENCED_SYSTEM_CHECKS", default=[])

# The benchmark's framework-floor views (/bench/floor/); only `make bench` turns them on.
BENCHMARK_VIEWS = env.bool("BENCHMARK_VIEWS", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint (the register's PDF) logs each step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
    },
}
