"""Settings for the test suite: the production settings with a test-only secret."""
import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast user creation in tests
# Anonymous throttling stays on, at a rate the suite never reaches; its own test lowers it.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"}}  # noqa: F405
