"""ClaimsDB settings, read from the environment (and from a local `.env` file, see below).

DATABASE_URL  database (default: SQLite file db.sqlite3 in the project root); postgres:// URLs work.
SECRET_KEY    required when DEBUG is off.
DEBUG         "1"/"true" to turn on debugging (default off).
ALLOWED_HOSTS comma-separated host names (default: localhost names when DEBUG is on).
NUM_PROXIES   how many trusted reverse proxies stand before the app (default 0: the client address
              is the connection's, and X-Forwarded-For is ignored by the rate limit).
CACHE_URL     redis://host:port/db for a Redis cache; file:///folder for files in a folder; db:// for
              Django's database cache (table claimsdb_cache, made by `migrate`). Default: on SQLite,
              files in the folder `<database file>-cache`; on a server database, the database cache.
              Whatever it is, it is shared by every worker.
SQLITE_BUSY_TIMEOUT seconds a SQLite writer waits for another's transaction (default 30).
CELERY_BROKER_URL (or REDIS_URL) the job queue's Redis broker; unset: jobs run in process.
CLAIMSDB_QUEUE_VISIBILITY_TIMEOUT, CLAIMSDB_QUEUE_NAME, CLAIMSDB_JOB_LOCK_SECONDS: see the README's
              Production section (background jobs).

`.env` in the project root (written by scripts/serve.sh for development) holds KEY=VALUE lines;
variables already set in the environment win over it.
"""
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent


def load_dotenv(path: Path) -> None:
    """KEY=VALUE lines into os.environ, never overriding what the environment already says."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip("'\""))


if os.environ.get("CLAIMSDB_NO_DOTENV") != "1":
    load_dotenv(BASE_DIR / ".env")


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        # One line, not a traceback: manage.py and the WSGI entry point print it and exit.
        raise SystemExit("error: SECRET_KEY must be set when DEBUG is off (set it in the environment or in "
                         ".env; scripts/serve.sh writes a development .env)")
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "articles.apps.ClaimsDBAdminConfig",  # django.contrib.admin with the editors' desk as front page
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # The job queue's schedule in the database, editable in the admin (Periodic tasks).
    "django_celery_beat",
    "articles",
    "public",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves collected static files (admin, API docs) from the app server: no separate web server needed.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "claimsdb.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "public.context_processors.organisation",
            ],
        },
    },
]

WSGI_APPLICATION = "claimsdb.wsgi.application"
ASGI_APPLICATION = "claimsdb.asgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
_SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
if _SQLITE:
    # SQLite as an embedded database for a server with several workers and imports running:
    # - WAL journal: readers never block the writer, nor the writer readers;
    # - IMMEDIATE transactions: a transaction takes the write lock when it begins, so writers queue
    #   for it (for up to ``timeout`` seconds) instead of failing at once with "database is locked"
    #   when a transaction that began by reading wants to write;
    # - synchronous=NORMAL: in WAL mode, durable at every checkpoint and never corrupt, without an
    #   fsync a commit.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "30")),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    })

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files with far-future cache headers; needs `manage.py collectstatic`.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Production hardening: on whenever DEBUG is off, each switch overridable from the environment.
_secure = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _secure)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", _secure)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", _secure)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000 if _secure else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", _secure)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", _secure)
if env_bool("BEHIND_TLS_PROXY", False):
    # A reverse proxy terminates TLS and says so in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REST_FRAMEWORK = {
    # DEFAULT_AUTHENTICATION_CLASSES: in the accounts block below (hashed tokens, then sessions).
    "DEFAULT_PERMISSION_CLASSES": ["articles.api.permissions.ReadAnyoneWriteWithModelPerms"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "articles.api.pagination.PageNumberNoCountPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "articles.api.schema.APIAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_ANON_RATE", "600/minute")},
    # The client address comes from the connection unless trusted proxies are declared: a client
    # cannot pick its own address with X-Forwarded-For.
    "NUM_PROXIES": int(os.environ.get("NUM_PROXIES", "0")),
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    # The API reads JSON only: one request format a client (and a generated client) can rely on. The
    # browsable API's raw-data form posts JSON too.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Every error in one envelope: {"detail", "code", "errors"?} (articles/api/errors.py).
    "EXCEPTION_HANDLER": "articles.api.errors.exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "ClaimsDB API",
    "DESCRIPTION": "Claims, speakers, organisations and statistics extracted from news articles, "
    "with fact-checkers' verdicts and schema.org ClaimReview.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Request bodies get components of their own (no read-only fields in them): what a generated
    # client sends is what the API reads.
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "articles.api.schema.add_links"],
    # Swagger UI served from this site (drf-spectacular-sidecar), never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# The cache behind the rate limit (and the admin's filter lists) is shared by all workers. Every
# anonymous API read writes its throttle counter there, so on SQLite it is kept out of the database
# (a write there would queue behind an import for the write lock): files in a folder beside the
# database file, shared by the workers of the one machine SQLite serves. On a server database the
# database cache stays the default (shared by every machine); Redis is the production choice.
_cache_url = os.environ.get("CACHE_URL", "")
if _cache_url.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}}
elif _cache_url.startswith("file://") or (_SQLITE and not _cache_url):
    _cache_dir = _cache_url.removeprefix("file://") or f"{DATABASES['default']['NAME']}-cache"
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": _cache_dir}}
else:  # CACHE_URL=db:// or a server database
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "claimsdb_cache"}}

# Seed files larger than this are refused: a news article is tens of kilobytes.
CLAIMSDB_MAX_SEED_BYTES = int(os.environ.get("CLAIMSDB_MAX_SEED_BYTES", str(2 * 1024 * 1024)))
# Fact-check files (import_factchecks): a JSON or HTML file is read whole and refused past this size
# (memory is about 20 times the file); JSON lines are streamed, with this limit on each line.
CLAIMSDB_MAX_FACTCHECK_BYTES = int(os.environ.get("CLAIMSDB_MAX_FACTCHECK_BYTES", str(32 * 1024 * 1024)))
# Seconds one file's extraction may take before it is refused with an error line (the others go on).
CLAIMSDB_EXTRACT_SECONDS = float(os.environ.get("CLAIMSDB_EXTRACT_SECONDS", "30"))
# The public site's address for fact-check pages and ClaimReview urls (else the request's host;
# outside a request, http://localhost:8000: `check --deploy` warns when it is unset with DEBUG off).
CLAIMSDB_PUBLIC_URL = os.environ.get("CLAIMSDB_PUBLIC_URL", "")
# Name of the fact-checking organisation that authors ClaimReview records.
CLAIMSDB_REVIEWER_ORG = os.environ.get("CLAIMSDB_REVIEWER_ORG", "ClaimsDB")
# The shared match index (services/match_index.py): a directory of memory-mapped segments; empty =
# next to the database (SQLite: <db file>.match-index). AUTO=0 leaves updates to build_match_index
# (cron, a queue); PENDING: rows changed since the live generation that readers index in memory.
CLAIMSDB_MATCH_INDEX_DIR = os.environ.get("CLAIMSDB_MATCH_INDEX_DIR", "")
CLAIMSDB_MATCH_INDEX_AUTO = os.environ.get("CLAIMSDB_MATCH_INDEX_AUTO", "1") != "0"
CLAIMSDB_MATCH_INDEX_PENDING = int(os.environ.get("CLAIMSDB_MATCH_INDEX_PENDING", "2000"))
# The sentence encoder's vectors (match model 2.6's dense columns): an update or import encodes up to
# this many rows at once; more are left to the job claimsdb.fill_match_vectors (fallback weights meanwhile).
CLAIMSDB_MATCH_DENSE_INLINE = int(os.environ.get("CLAIMSDB_MATCH_DENSE_INLINE", "25000"))

# --- Accounts and security (hardening issue: accounts that can publish) ---------------------------
# Kept in one block: login throttling (django-axes), hashed API tokens with expiry (django-rest-knox),
# TOTP two-factor authentication for staff (django-otp), a Content-Security-Policy (django-csp) and
# a cost-aware limit on the match endpoint.
INSTALLED_APPS += ["axes", "knox", "django_otp", "django_otp.plugins.otp_totp"]
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
                  "django_otp.middleware.OTPMiddleware")
MIDDLEWARE += [
    "csp.middleware.CSPMiddleware",
    # Last: turns a login refused during a lockout into the lockout answer (429).
    "axes.middleware.AxesMiddleware",
]
# Axes first: it refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# Failed logins (admin form, API token login) are counted per account and per address; past the limit
# the account, or the address, waits out the cool-off. Failures are stored (admin: Axes) and logged.
AXES_FAILURE_LIMIT = int(os.environ.get("CLAIMSDB_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=float(os.environ.get("CLAIMSDB_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The log names the address (for an operator or fail2ban); usernames, which may hold a mistyped
# password, are masked there and kept in the admin's failure log only.
AXES_SENSITIVE_PARAMETERS = ["username"]
# The client address by the rate limit's rule (the connection's, or X-Forwarded-For past NUM_PROXIES).
AXES_CLIENT_IP_CALLABLE = "claimsdb.security.client_address"
AXES_LOCKOUT_CALLABLE = "claimsdb.security.lockout_response"

# Two-factor authentication (TOTP, django-otp): with CLAIMSDB_REQUIRE_2FA=1 staff sign in to the admin
# and get API tokens only with a code from an enrolled authenticator app (manage.py enrol_totp USER).
# Off by default, so that scripts/serve.sh stays one command.
CLAIMSDB_REQUIRE_2FA = env_bool("CLAIMSDB_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = CLAIMSDB_REVIEWER_ORG  # the name the authenticator app shows

# API tokens are stored hashed (knox: SHA-512 digest) and expire; clients still send "Token <secret>".
# Token authentication comes first, so a missing or bad token on a write is a 401 naming the scheme
# (WWW-Authenticate: Token). rest_framework.authtoken stays installed only so that code written for
# DRF's Token keeps working: articles.services.api_tokens turns each such token into a hashed one.
REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    "knox.auth.TokenAuthentication",
    "rest_framework.authentication.SessionAuthentication",
]
# The match endpoint counts each started 1,000 characters of text as one request (articles/api/throttles.py):
# anonymous clients get a tenth of the anonymous API rate per address (60 a minute: 60 short texts, or
# 3 of 20,000 characters), signed-in users API_MATCH_USER_RATE per account.
_anon_count, _anon_period = REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"].split("/")
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    **REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
    "match_anon": os.environ.get("API_MATCH_ANON_RATE", f"{max(1, int(_anon_count) // 10)}/{_anon_period}"),
    "match_user": os.environ.get("API_MATCH_USER_RATE", "600/minute"),
}
# Content-Security-Policy (django-csp; Django's own arrives in 6.0): scripts only from this site, so
# injected markup cannot run. JSON-LD blocks are data, not script, and are unaffected. The admin and
# Swagger UI set inline style attributes; the public pages allow only their own nonce'd <style> block
# (public/views.py). The API docs load their script from a URL (SpectacularSwaggerSplitView).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=float(os.environ.get("CLAIMSDB_API_TOKEN_DAYS", "30"))),
    "AUTH_HEADER_PREFIX": "Token",
}

# Web pages in (articles/ingestion/web): who we are when fetching (a contact address lets a site's
# operator reach us), loopback and private networks refused unless CLAIMSDB_FETCH_ALLOW_PRIVATE=1
# (tests and local tools), a page's size cap and (connect, read) timeouts in seconds.
CLAIMSDB_FETCH_CONTACT = os.environ.get("CLAIMSDB_FETCH_CONTACT", "")
CLAIMSDB_FETCH_USER_AGENT = "ClaimsDB/0.1"
CLAIMSDB_FETCH_ALLOW_PRIVATE = os.environ.get("CLAIMSDB_FETCH_ALLOW_PRIVATE", "") == "1"
CLAIMSDB_FETCH_MAX_BYTES = int(os.environ.get("CLAIMSDB_FETCH_MAX_BYTES", str(5 * 1024 * 1024)))
CLAIMSDB_FETCH_TIMEOUT = (5.0, 15.0)
# Polling sources: seconds between two requests to one host (robots.txt is obeyed as well).
CLAIMSDB_FETCH_HOST_DELAY = float(os.environ.get("CLAIMSDB_FETCH_HOST_DELAY", "1"))
# Polling sources: a transient failure (timeout, dropped connection, HTTP 429/5xx) is tried again
# twice, after this many seconds and then twice as many.
CLAIMSDB_FETCH_BACKOFF = float(os.environ.get("CLAIMSDB_FETCH_BACKOFF", "1"))

# Work done after a commit, off the request (archiving evidence, a webhook's first attempt):
# "thread" (a thread of this process) or "inline" (at once, in the committing thread: tests).
CLAIMSDB_BACKGROUND = os.environ.get("CLAIMSDB_BACKGROUND", "thread")
# Evidence links: archived when added (0: only by manage.py check_evidence_links), and days between
# two rot checks of one address.
CLAIMSDB_ARCHIVE_EVIDENCE = os.environ.get("CLAIMSDB_ARCHIVE_EVIDENCE", "1") != "0"
CLAIMSDB_EVIDENCE_CHECK_DAYS = float(os.environ.get("CLAIMSDB_EVIDENCE_CHECK_DAYS", "7"))
# Outbound webhooks: attempts before a delivery is given up, and the first retry's wait in seconds
# (doubling after each failure; manage.py deliver_webhooks sends the due ones).
CLAIMSDB_WEBHOOK_ATTEMPTS = int(os.environ.get("CLAIMSDB_WEBHOOK_ATTEMPTS", "8"))
CLAIMSDB_WEBHOOK_BACKOFF = float(os.environ.get("CLAIMSDB_WEBHOOK_BACKOFF", "60"))

# The job queue (claimsdb/celery.py, articles/ingestion/jobs.py). A Redis broker shared by every
# worker: CELERY_BROKER_URL (or REDIS_URL), e.g. redis://queue.example.org:6379/0. Without one, jobs
# run in the process that asks for them (the embedded default: nothing else to start).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL") or "memory://"
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
# Late acknowledgement: a job is acknowledged when it has finished, so a job whose worker died
# (killed, out of memory, the machine lost) is delivered again; the jobs are idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # a worker reserves one job at a time: long jobs do not queue behind it
CELERY_TASK_IGNORE_RESULT = True  # progress and results are in the database (ImportRun), not a result backend
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Seconds after which Redis hands a job no worker acknowledged to another worker (a whole worker
# machine lost); longer than any one job takes.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": int(os.environ.get("CLAIMSDB_QUEUE_VISIBILITY_TIMEOUT", "3600"))}
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CLAIMSDB_QUEUE_NAME", "claimsdb")
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# A lock row (SQLite) is taken over after this many seconds when its worker did not release it.
CLAIMSDB_JOB_LOCK_SECONDS = int(os.environ.get("CLAIMSDB_JOB_LOCK_SECONDS", "600"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # trafilatura logs each page it finds no text in; the importer reports that page itself.
    "loggers": {"trafilatura": {"level": "ERROR"}, "htmldate": {"level": "ERROR"}},
}
