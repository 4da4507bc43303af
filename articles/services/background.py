"""Work that follows a commit and must not hold up the request that committed: archiving an
evidence link, a webhook's first attempt. One place to hand such work to a runner, so that a
task queue can take it over: :func:`after_commit` is the seam.

CLAIMSDB_BACKGROUND: "thread" runs it in a daemon thread of this process (its own database
connection, closed at the end); "inline" runs it at once in the committing thread (tests)."""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections, connection, transaction

log = logging.getLogger(__name__)


def after_commit(fn: Callable[..., object], *args) -> None:
    """Run ``fn(*args)`` once the current transaction commits (at once outside one); never if it
    rolls back. A failure is logged, never raised into the committing request."""
    transaction.on_commit(lambda: run(fn, *args))


def run(fn: Callable[..., object], *args) -> None:
    if getattr(settings, "CLAIMSDB_BACKGROUND", "thread") == "inline":
        _guarded(fn, *args)
        return
    threading.Thread(target=_in_thread, args=(fn, *args), daemon=True, name=f"claimsdb-{fn.__name__}").start()


def _guarded(fn, *args) -> None:
    try:
        fn(*args)
    except Exception:  # background work reports, it does not take its caller down
        log.exception("background task %s failed", getattr(fn, "__name__", fn))


def _in_thread(fn, *args) -> None:
    close_old_connections()
    try:
        _guarded(fn, *args)
    finally:
        connection.close()
