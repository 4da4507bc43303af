"""Production server settings: `gunicorn -c gunicorn.conf.py claimsdb.wsgi` (see README, Production).

Every value can be overridden from the environment (GUNICORN_WORKERS, PORT, ...)."""
import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# The usual sizing for a CPU-bound app: two workers per core, plus one.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Load the app once in the master: workers share its memory pages copy-on-write.
preload_app = True
# The longest request line gunicorn reads (its maximum): GET /factchecks/match/?text= takes up to 600
# characters, 7,200 bytes percent-encoded at worst (the schema's limit); longer texts are POSTed.
limit_request_line = 8190
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'


def when_ready(server):
    # In the master, after the app is loaded and before any worker forks: the matcher's models (the
    # sentence encoder's weights, ~90 MB) loaded once and shared copy-on-write by every worker, instead
    # of each loading its own on its first match (benchmarks/match_scale.py measures both).
    if server.cfg.preload_app:
        from articles.services import match_index

        match_index.warm()


def post_fork(server, worker):
    # Objects loaded before the fork (Django, the app, the cue model) are frozen out of the
    # collector: full collections no longer walk them, and their pages stay shared.
    gc.freeze()
