"""Settings for the test suite: the production settings with a test-only secret."""
import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ["CLAIMSDB_NO_DOTENV"] = "1"  # a developer's .env (DEBUG=1) must not change what tests see

from .settings import *  # noqa: E402,F403

# Tests talk plain HTTP to the test client and the live server, and need no collectstatic.
SECURE_SSL_REDIRECT = SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast user creation in tests
# Anonymous throttling stays on, at a rate the suite never reaches; its own test lowers it.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {  # noqa: F405
    "anon": "100000/minute", "match_anon": "100000/minute", "match_user": "100000/minute"}}
# A file cache (the SQLite default) in a folder of its own, not the development database's.
if CACHES["default"]["BACKEND"].endswith("FileBasedCache"):  # noqa: F405
    import atexit
    import shutil
    import tempfile

    CACHES = {"default": {**CACHES["default"], "LOCATION": tempfile.mkdtemp(prefix="claimsdb-test-cache-")}}  # noqa: F405
    atexit.register(shutil.rmtree, CACHES["default"]["LOCATION"], True)
CLAIMSDB_FETCH_HOST_DELAY = 0  # the polite pause between two fetches from one host (its own test sets it)
CLAIMSDB_FETCH_BACKOFF = 0.01  # retries after a transient fetch failure, without the production wait
CLAIMSDB_BACKGROUND = "inline"  # after-commit work runs in the test's own thread (its database connection)
CLAIMSDB_ARCHIVE_EVIDENCE = False  # no test fetches an evidence link from the internet unless it asks to
