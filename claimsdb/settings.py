"""ClaimsDB settings, read from the environment (and from a local `.env` file, see below).

DATABASE_URL  database (default: SQLite file db.sqlite3 in the project root); postgres:// URLs work.
SECRET_KEY    required when DEBUG is off.
DEBUG         "1"/"true" to turn on debugging (default off).
ALLOWED_HOSTS comma-separated host names (default: localhost names when DEBUG is on).
NUM_PROXIES   how many trusted reverse proxies stand before the app (default 0: the client address
              is the connection's, and X-Forwarded-For is ignored by the rate limit).
CACHE_URL     redis://host:port/db for a Redis cache; default: Django's database cache (table
              claimsdb_cache, made by `manage.py createcachetable`), shared by every worker.

`.env` in the project root (written by scripts/serve.sh for development) holds KEY=VALUE lines;
variables already set in the environment win over it.
"""
import os
from pathlib import Path

import dj_database_url

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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a concurrent writer instead of failing at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 30

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
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["articles.api.permissions.ReadAnyoneWriteWithModelPerms"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "articles.api.pagination.PageNumberNoCountPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_ANON_RATE", "600/minute")},
    # The client address comes from the connection unless trusted proxies are declared: a client
    # cannot pick its own address with X-Forwarded-For.
    "NUM_PROXIES": int(os.environ.get("NUM_PROXIES", "0")),
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "ClaimsDB API",
    "DESCRIPTION": "Claims, speakers, organisations and statistics extracted from news articles, "
    "with fact-checkers' verdicts and schema.org ClaimReview.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI served from this site (drf-spectacular-sidecar), never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# The cache behind the rate limit (and the admin's filter lists) is shared by all workers.
_cache_url = os.environ.get("CACHE_URL", "")
if _cache_url.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "claimsdb_cache"}}

# Seed files larger than this are refused: a news article is tens of kilobytes.
CLAIMSDB_MAX_SEED_BYTES = int(os.environ.get("CLAIMSDB_MAX_SEED_BYTES", str(2 * 1024 * 1024)))
# Seconds one file's extraction may take before it is refused with an error line (the others go on).
CLAIMSDB_EXTRACT_SECONDS = float(os.environ.get("CLAIMSDB_EXTRACT_SECONDS", "30"))
# The public site's address for fact-check pages and ClaimReview urls (else the request's host;
# outside a request, http://localhost:8000: `check --deploy` warns when it is unset with DEBUG off).
CLAIMSDB_PUBLIC_URL = os.environ.get("CLAIMSDB_PUBLIC_URL", "")
# Name of the fact-checking organisation that authors ClaimReview records.
CLAIMSDB_REVIEWER_ORG = os.environ.get("CLAIMSDB_REVIEWER_ORG", "ClaimsDB")

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # trafilatura logs each page it finds no text in; the importer reports that page itself.
    "loggers": {"trafilatura": {"level": "ERROR"}, "htmldate": {"level": "ERROR"}},
}
