"""Transactions retried whole when the database asks for it.

SQLite answers "database is locked" when a writer waited out the busy timeout; PostgreSQL aborts one
side of a deadlock or of a serialization conflict. Either way the transaction rolled back whole and
running it again is right: ``atomic`` runs a function in a transaction and does that, a few times
with a growing pause. Inside an enclosing transaction it is a plain savepoint: only the outermost
transaction can be run again, so the retry is left to it.
"""
from __future__ import annotations

import copy
import functools
import logging
import random
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction
from django.db.models import Model

log = logging.getLogger(__name__)
T = TypeVar("T")

ATTEMPTS = 3
# No new attempt after this many seconds: on SQLite an attempt that failed has already waited out the
# busy timeout, and a web request must answer (503) before gunicorn's timeout ends its worker.
BUDGET = 20.0
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
        on_retry: Callable[[], None] | None = None, instances: Iterable[Model] = (), **kwargs) -> T:
    """``fn(*args, **kwargs)`` in one transaction, run again while the database asks for a retry.
    Raises ``Busy`` after the last attempt.

    A rerun starts where the first run did: model instances among the arguments (and in lists of
    them, and ``instances``) get back the field values they had before the first attempt (what
    the rolled-back attempt set on them is gone, what the caller set stays), and ``on_retry`` runs
    (e.g. to forget rows cached from the rolled-back attempt)."""
    if connections[using].in_atomic_block:
        with transaction.atomic(using=using):
            return fn(*args, **kwargs)
    saved = _snapshot([*args, *kwargs.values(), *instances])
    started = time.monotonic()
    for attempt in range(1, attempts + 1):
        try:
            with transaction.atomic(using=using):
                return fn(*args, **kwargs)
        except OperationalError as exc:
            if not is_transient(exc):
                raise
            if attempt == attempts or time.monotonic() - started > BUDGET:
                raise Busy(f"the database stayed busy through {attempt} attempt(s) ({one_line(exc)})") from exc
            log.info("transaction %s: %s; attempt %d of %d", getattr(fn, "__qualname__", fn), exc, attempt + 1,
                     attempts)
            _restore(saved)
            if on_retry is not None:
                on_retry()
            # A growing pause with jitter, so two writers that collided do not collide again.
            time.sleep(min(2.0, 0.05 * 2 ** attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


def _snapshot(values) -> list[tuple[Model, dict, object]]:
    out = []
    for v in values:
        for obj in (v if isinstance(v, list | tuple | set) else [v]):
            if isinstance(obj, Model):
                state = copy.copy(obj._state)
                state.fields_cache = dict(obj._state.fields_cache)
                out.append((obj, {k: x for k, x in obj.__dict__.items() if k != "_state"}, state))
    return out


def _restore(saved: list[tuple[Model, dict, object]]) -> None:
    for obj, values, state in saved:
        obj.__dict__.clear()
        obj.__dict__.update(values)
        obj._state = copy.copy(state)
        obj._state.fields_cache = dict(state.fields_cache)


def atomic(fn: Callable[..., T]) -> Callable[..., T]:
    """Decorator: ``transaction.atomic``, with the whole transaction retried as ``run`` does."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return run(fn, *args, **kwargs)

    return wrapper


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]
