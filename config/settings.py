"""Settings for the gender action plan app.

One file, read from the environment; production differs only by environment values
(see .env.example). Safe by default: DEBUG is off unless asked for.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

from config.release import code_release

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default="False"):
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=true for local development).")
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core.apps.BackOfficeAdminConfig",  # django.contrib.admin with the back office's guards
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "import_export",
    "simple_history",
    "axes",
    # Two-factor sign-in (accounts/): TOTP devices and one-time recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "organizations",
    "accounts",
    "notifications",
    "sessions_log",
    "actionplans",
    "assessments",
    "dashboard",
    "demo",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
    "exports",
    "django_q",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response (CONTENT_SECURITY_POLICY below).
    "csp.middleware.CSPMiddleware",
    # /healthz before anything reads the database (the session, the signed-in person).
    "config.middleware.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages gzip-compressed when the browser asks (a partner on a slow link): below whitenoise, so static files
    # keep whitenoise's own precompressed copies and never pass through here. Django's GZipMiddleware pads the
    # gzip header with random bytes (since 4.2), which defeats BREACH's length guessing of the CSRF token.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: a signed-in person's saved language wins over the cookie and the browser.
    "core.language.UserLanguageMiddleware",
    # request.user.is_verified() (django-otp's, the device read by a prepared query), then the second-factor
    # requirement (accounts/middleware.py).
    "accounts.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Logs requests a personal access token authenticated (api.authentication marks them).
    "api.middleware.ApiRequestLogMiddleware",
    # Last, as django-axes asks: it turns a lockout into a clear page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "core.context_processors.roles",
                "notifications.context_processors.bell",
            ],
        },
    },
]

# The embedded default is a SQLite file in the project; production sets a postgres:// URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organizations.User"
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out user is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    # The username first, then the e-mail address (accounts/backends.py).
    "accounts.backends.EmailOrUsernameBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Reset mails asked for within the window, per address and per client IP (kept in the database).
PASSWORD_RESET_LIMIT_WINDOW = 3600
PASSWORD_RESET_LIMIT_PER_ADDRESS = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_ADDRESS", "3"))
PASSWORD_RESET_LIMIT_PER_IP = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_IP", "10"))
# The dashboard's cached figures are renewed by any write they count; this expiry catches bulk writes (README).
DASHBOARD_CACHE_SECONDS = int(os.environ.get("DASHBOARD_CACHE_SECONDS", "600"))
# Two-factor sign-in: coordinators, staff and superusers set up and use a second factor before any page but
# the sign-in and set-up ones. On by default in production; the `make run` demo (DEBUG on) leaves it off.
REQUIRE_2FA_FOR_STAFF = env_bool("REQUIRE_2FA_FOR_STAFF", "False" if DEBUG else "True")
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Gender action plans")
# Wrong codes are counted by django-axes like wrong passwords (one rule, one lockout page), not by django-otp.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
INVITATION_VALID_DAYS = 7
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Brute-force protection: five wrong passwords for one user from one address lock that pair
# for a while, not forever, so a partner who mistyped is not locked out for good.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
# Content-Security-Policy (django-csp): scripts and everything else from this site only, no inline script
# (scripts live in static/js/), no third-party origin. Inline style attributes stay allowed: Bootstrap's
# markup and the SVG charts use them, and they cannot run code. Evidence downloads send their own "sandbox".
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Behind nginx every request comes from the proxy: the client's address is read from X-Forwarded-For, as many
# addresses from the right as there are trusted proxies (README: "Running in production"); 0 = no proxy.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
# Attempts made during a lock do not restart it: one request every 15 minutes must not keep an account locked.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("ky", _("Kyrgyz"))]
# The project's own catalogs first (they win), then Kyrgyz (and missing Russian) for the third-party apps'
# strings people see. `make messages` compiles both; makemessages writes only to locale/.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_thirdparty"]
# Remembered for a year, so an anonymous visitor's choice outlives the browser session; signed-in people's
# choice is also kept on their profile (User.language).
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Kyrgyz dates written the Kyrgyz way (config/formats/ky); the other languages use Django's formats.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Bishkek")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploads (evidence files) are served only through permission-checked views, never from MEDIA_URL.
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("PLAIN_STATIC_STORAGE")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Source maps are fetched by a developer's browser tools only: served as they are, not compressed at every
# collectstatic (the API docs' bundles bring 10 MB of them, most of collectstatic's time).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Exporting from the admin needs the model's own "export_<model>" permission, not just staff status.
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Off: it strips only a leading "=" and turns numbers into text. organizations/exports.py escapes every
# formula trigger (= + - @ tab CR) with a leading apostrophe and leaves numbers as numbers.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
# Exports stream rows in chunks; above EXPORT_BACKGROUND_ROWS rows an admin export or report is made by the task
# worker and the person is notified with a download link (files are kept EXPORT_KEEP_DAYS days).
EXPORT_CHUNK_SIZE = 2000
EXPORT_BACKGROUND_ROWS = int(os.environ.get("EXPORT_BACKGROUND_ROWS", "5000"))
EXPORT_KEEP_DAYS = int(os.environ.get("EXPORT_KEEP_DAYS", "7"))
EXPORT_TIMEOUT = int(os.environ.get("EXPORT_TIMEOUT", "1800"))  # seconds one background export may take

# Sessions in the database, read with a query built once per process (core/sessions.py; Django's db backend
# otherwise). With a shared cache (REDIS_CACHE_URL) they are read from the cache: cached_db below.
SESSION_ENGINE = "core.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(60 * 60 * 12)))
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", "True")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "True")
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", "True")
    # Behind a TLS-terminating proxy (nginx) that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Mail and the task queue (notifications/) ------------------------------------------------------------
# Every mail Django or the app sends (password reset, invitations, notifications) goes through the queue:
# EMAIL_BACKEND stores it and enqueues a task; the worker (`manage.py qcluster`) hands it to the delivery
# backend below, retrying with back-off while the SMTP server is down. A request never talks to SMTP.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "notifications.backends.QueuedEmailBackend")
EMAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_DELIVERY_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@localhost")
# The address links in mails point to (no request exists in the worker).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# A failed delivery is tried again after MAIL_RETRY_SECONDS, doubling each time (at most 6 hours), and given up
# after MAIL_MAX_ATTEMPTS (then it shows as failed in the admin).
MAIL_RETRY_SECONDS = int(os.environ.get("MAIL_RETRY_SECONDS", "60"))
MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "12"))
# Digests: daily ones at DIGEST_HOUR, weekly ones (and the coordinators' review digest) on DIGEST_WEEKDAY
# (0 = Monday) at that hour, in TIME_ZONE. Reminders run after midnight there.
DIGEST_HOUR = int(os.environ.get("DIGEST_HOUR", "7"))
DIGEST_WEEKDAY = int(os.environ.get("DIGEST_WEEKDAY", "0"))
# django-q2: the ORM broker on the app's own database by default (no extra server); REDIS_URL moves the queue
# to Redis by settings alone. The scheduler runs in the same `qcluster` process.
Q_CLUSTER = {
    "name": "gap",
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": int(os.environ.get("Q_TIMEOUT", "120")),
    # A task not acknowledged within `retry` seconds (a worker died) is handed out again; must exceed timeout.
    "retry": int(os.environ.get("Q_RETRY", "180")),
    "max_attempts": 3,
    "queue_limit": 50,
    "save_limit": int(os.environ.get("Q_SAVE_LIMIT", "1000")),
    "catch_up": False,
    "label": _("Task queue"),
    "time_zone": TIME_ZONE,
}
if os.environ.get("REDIS_URL"):
    Q_CLUSTER["redis"] = os.environ["REDIS_URL"]
else:
    Q_CLUSTER["orm"] = "default"
if env_bool("Q_SYNC"):
    # Tasks run inside the caller (tests, or a laptop without a worker): nothing waits in the queue.
    Q_CLUSTER["sync"] = True
ADMINS = [("Admin", email) for email in env_list("ADMIN_EMAILS")]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# --- REST API (api/) ---------------------------------------------------------------------------------------
# Tokens first (a request with an Authorization header is a program), then the browser's session.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.PersonalAccessTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated", "api.permissions.TokenScope"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": os.environ.get("API_TOKEN_RATE", "1000/hour")},
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.IdCursorPagination",
    # JSON in: the nested writes (a headcount's levels) have no form encoding.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # JSON out; people explore the API in Swagger UI at /api/docs/ (DRF's browsable pages have no Kyrgyz).
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # `?format=` is the trainings' filter (online, in person, hybrid), not a choice of renderer.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Gender action plans API",
    "DESCRIPTION": (
        "Read what you may see on the pages; partners record measurements, action statuses and headcounts. "
        "Authenticate with a personal access token (`Authorization: Bearer gap_…`, made on /api/tokens/) "
        "or the browser's session. Lists are paged with a cursor: follow `next` until it is null."
    ),
    "VERSION": "1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No validator badge: Swagger UI would fetch it from an outside server.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PlanStatusEnum": "api.schema.PLAN_STATUS",
        "ActionStatusEnum": "api.schema.ACTION_STATUS",
        "TrainingStatusEnum": "api.schema.TRAINING_STATUS",
        "IndicatorKindEnum": "api.schema.INDICATOR_KIND",
        "OrganizationKindEnum": "api.schema.ORGANIZATION_KIND",
        "PeriodReportStatusEnum": "api.schema.REPORT_STATUS",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_answers",
    ],
}

# --- Scale-out: several app hosts (README: "Running in production" → "Several app hosts") ------------------------
# Settings alone switch from the embedded default (one database, the queue in it, a per-process memory cache,
# media on the local disk) to several hosts: PgBouncer in front of PostgreSQL, an optional read replica, Redis for
# the queue (REDIS_URL, above) and the cache, media on S3-compatible storage. Unset, nothing below changes anything.
DATABASE_POOLER = os.environ.get("DATABASE_POOLER", "").strip().lower()


def _behind_pooler(database, pooler):
    """``database`` made safe behind PgBouncer in transaction mode, where nothing may outlive a transaction."""
    if pooler not in {"", "pgbouncer"}:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "DATABASE_POOLER (and DATABASE_REPLICA_POOLER) is 'pgbouncer' (transaction pooling) or empty (direct)."
        )
    if pooler == "" and "postgresql" in database.get("ENGINE", ""):
        # PostgreSQL's JIT compiler starts on a query's cost estimate, not its run time: a report over a few
        # thousand rows whose plan looks costly spent 2.5 of its 2.8 seconds compiling. This app's queries are
        # short and repeated, so the session turns it off. (PgBouncer passes no startup options: behind it, set
        # `jit = off` on the server; README, "Production".)
        database.setdefault("OPTIONS", {})
        database["OPTIONS"]["options"] = (database["OPTIONS"].get("options", "") + " -c jit=off").strip()
    if pooler == "pgbouncer":
        # A server-side cursor (QuerySet.iterator() on PostgreSQL) lives on one server connection across
        # transactions; the pooler may hand the next fetch to another one ("cursor does not exist"). The same goes
        # for a statement prepared on the server (core.prepared reads this setting too).
        database["DISABLE_SERVER_SIDE_CURSORS"] = True
        # The pooler keeps the server connections warm and shares them between hosts; a connection Django kept
        # open would only hold a client slot per worker. CONN_MAX_AGE, when given, still wins.
        if "CONN_MAX_AGE" not in os.environ:
            database["CONN_MAX_AGE"] = 0
    return database


_behind_pooler(DATABASES["default"], DATABASE_POOLER)
if os.environ.get("DATABASE_REPLICA_URL"):
    # The dashboard's figures and the exports read here (core/db.py); writes and every other read stay on the primary.
    DATABASES["replica"] = _behind_pooler(
        dj_database_url.parse(
            os.environ["DATABASE_REPLICA_URL"],
            conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        ),
        os.environ.get("DATABASE_REPLICA_POOLER", DATABASE_POOLER).strip().lower(),
    )
    # A test run under these settings reads what it wrote: the replica is the test database itself.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["core.db.ReplicaRouter"]

# One cache for every host (API throttles, sessions, whatever must hold across processes): Redis when configured,
# else each process's own memory. REDIS_CACHE_URL lets the cache use a Redis of its own (one that may evict keys,
# which the queue's must not); by default it shares the queue's, under its own key prefix.
REDIS_CACHE_URL = os.environ.get("REDIS_CACHE_URL") or os.environ.get("REDIS_URL", "")
CACHES = {
    # Pages and lists drawn once per data stamp (core/stamps.py) live here: up to 1,000 entries per process (Django's
    # default of 300 would evict a partner's page while 2,000 organizations' pages are read), a third of them dropped
    # when full. Several hosts share one with REDIS_CACHE_URL.
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 1000}},
    # The page frame's fixed parts (base.html: the navigation, the language buttons), rendered once per language and
    # role. They follow from the code and the translations alone, so every process keeps its own copy: no round
    # trip to a shared cache, nothing to invalidate but a restart (which a deploy does).
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragments"},
}
if REDIS_CACHE_URL:
    CACHES |= {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_CACHE_URL,
            # Per release of the code (config/release.py): a deploy never serves what the code it replaced cached.
            "KEY_PREFIX": f"gap-{os.environ.get('RELEASE') or code_release(BASE_DIR)}",
        }
    }
    # Sessions stay in the database (they survive a Redis restart) and are read from the shared cache.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Media (evidence files, admin import previews, ...) on S3-compatible storage through django-storages, so that
# every host reads what another wrote. Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or the
# machine's role), read by boto3 itself. Files stay private: the app streams them through permission-checked views.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "default_acl": None,
            "querystring_auth": True,
            # Two uploads of "report.pdf" are two files, as on the local disk.
            "file_overwrite": False,
        },
    }
# --- end of the scale-out block ------------------------------------------------------------------------------------
