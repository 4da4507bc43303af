"""Locks between workers, in the database every worker shares.

``held(key)``: one worker at a time does the work named ``key`` (importing one address, polling one
source). On PostgreSQL a session advisory lock: it needs no table, and when a worker dies its
connection closes and the lock goes with it, so the job run again (late acknowledgement) is not
kept waiting. Elsewhere (SQLite: one machine) a lock row (JobLock) with an expiry, taken over early
when the process holding it is gone.

``in_transaction(key)``: the same, for the rest of the current transaction (PostgreSQL); SQLite's
transactions (``BEGIN IMMEDIATE``) already run one writer at a time.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import time
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from articles.models import JobLock


def _holder() -> str:
    """This process (a worker forked after import has its own pid)."""
    return f"{socket.gethostname()[:80]}:{os.getpid()}"


class Held(Exception):
    """Another worker held the lock for longer than this one would wait."""


def _number(key: str) -> int:
    """A signed 64-bit number for PostgreSQL's advisory locks."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@contextlib.contextmanager
def held(key: str, wait: float = 30.0, poll: float = 0.05):
    """Hold the lock named ``key`` for the block; ``Held`` after ``wait`` seconds of trying."""
    take, give = (_pg_take, _pg_give) if connection.vendor == "postgresql" else (_row_take, _row_give)
    deadline = time.monotonic() + wait
    while not take(key):
        if time.monotonic() >= deadline:
            raise Held(f"another worker is on it ({key[:200]})")
        time.sleep(poll)
    try:
        yield
    finally:
        give(key)


def in_transaction(key: str) -> None:
    """Lock ``key`` until the current transaction ends (PostgreSQL; nothing to do on SQLite)."""
    assert connection.in_atomic_block, "in_transaction needs a transaction"
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_number(key)])


def _pg_take(key: str) -> bool:
    with connection.cursor() as cur:
        cur.execute("SELECT pg_try_advisory_lock(%s)", [_number(key)])
        return bool(cur.fetchone()[0])


def _pg_give(key: str) -> None:
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_unlock(%s)", [_number(key)])
    except DatabaseError:
        pass  # the connection is gone, and its locks with it


def _row_take(key: str) -> bool:
    digest, now = _digest(key), timezone.now()
    expires = now + timedelta(seconds=settings.CLAIMSDB_JOB_LOCK_SECONDS)
    try:
        with transaction.atomic():
            row = JobLock.objects.select_for_update().filter(key=digest).first()
            if row is None:
                JobLock.objects.create(key=digest, holder=_holder(), expires_at=expires)
                return True
            if row.expires_at > now and _alive(row.holder):
                return False
            row.holder, row.expires_at = _holder(), expires  # expired, or its process is gone
            row.save(update_fields=["holder", "expires_at"])
            return True
    except IntegrityError:
        return False  # another worker created it first


def _row_give(key: str) -> None:
    JobLock.objects.filter(key=_digest(key), holder=_holder()).delete()


def _alive(holder: str) -> bool:
    """Whether the process holding a lock may still run: on another host, it is assumed to."""
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname()[:80] or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
