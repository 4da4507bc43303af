"""The production settings plus the benchmarks' minimal view (for gunicorn in api_load.py)."""
from claimsdb.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
