"""Transactions retried whole when the database asks for it.

SQLite answers "database is locked" when a writer waited out the busy timeout; PostgreSQL aborts one
side of a deadlock or of a serialization conflict. Either way the transaction rolled back whole and
running it again is right: ``atomic`` runs a function in a transaction and does that, a few times
with a growing pause. Inside an enclosing transaction it is a plain savepoint: only the outermost
transaction can be run again, so the retry is left to it.
"""
from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction

log = logging.getLogger(__name__)
T = TypeVar("T")

ATTEMPTS = 5
_TRANSIENT = ("database is locked", "database table is locked", "database is busy", "deadlock detected",
              "could not serialize access", "could not obtain lock", "lock timeout", "canceling statement due to lock")


class Busy(OperationalError):
    """The database stayed busy through every attempt: the caller says what to do (run it again)."""


def is_transient(exc: BaseException) -> bool:
    """A lock, deadlock or serialization failure: the same transaction may well succeed if run again."""
    if not isinstance(exc, OperationalError):
        return False
    message = str(exc).lower()
    return any(s in message for s in _TRANSIENT)


def run(fn: Callable[..., T], *args, using: str = DEFAULT_DB_ALIAS, attempts: int = ATTEMPTS,
        on_retry: Callable[[], None] | None = None, **kwargs) -> T:
    """``fn(*args, **kwargs)`` in one transaction, run again (after ``on_retry``, e.g. to forget rows
    cached from the rolled-back attempt) while the database asks for a retry. Raises ``Busy`` after
    the last attempt."""
    if connections[using].in_atomic_block:
        with transaction.atomic(using=using):
            return fn(*args, **kwargs)
    for attempt in range(1, attempts + 1):
        try:
            with transaction.atomic(using=using):
                return fn(*args, **kwargs)
        except OperationalError as exc:
            if not is_transient(exc):
                raise
            if attempt == attempts:
                raise Busy(f"the database stayed busy through {attempts} attempts ({one_line(exc)})") from exc
            log.info("transaction %s: %s; attempt %d of %d", getattr(fn, "__qualname__", fn), exc, attempt + 1,
                     attempts)
            if on_retry is not None:
                on_retry()
            # A growing pause with jitter, so two writers that collided do not collide again.
            time.sleep(min(2.0, 0.05 * 2 ** attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


def atomic(fn: Callable[..., T]) -> Callable[..., T]:
    """Decorator: ``transaction.atomic``, with the whole transaction retried as ``run`` does."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return run(fn, *args, **kwargs)

    return wrapper


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]
