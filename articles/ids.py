"""Database ids as every layer checks them: SQLite raises OverflowError on integers past 64 bits,
which Django's fields do not catch, so ids outside 1..2**63-1 are refused before any query."""
from __future__ import annotations

MAX_ID = 2**63 - 1


def id_in_range(value) -> bool:
    try:
        return 1 <= int(value) <= MAX_ID
    except (TypeError, ValueError, OverflowError):
        return False
