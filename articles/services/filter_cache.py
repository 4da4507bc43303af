"""The cached lists behind the admin's claim filters (publishers, most-quoted speakers). Whatever
changes who published or who said what — an import, a merge, an undo — clears them, so the
filters show the change at once."""
from __future__ import annotations

from django.core.cache import cache

PUBLISHERS_CACHE = "claimsdb:publishers"
TOP_SPEAKERS_CACHE = "claimsdb:top-speakers"


def clear() -> None:
    cache.delete_many([PUBLISHERS_CACHE, TOP_SPEAKERS_CACHE])
