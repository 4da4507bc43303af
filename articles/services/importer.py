"""Moved, by concern: storing files is :mod:`articles.ingestion.persistence` (one entry point,
``store``), the import run is :mod:`articles.ingestion.pipeline` (``run_import``), entity resolution
is :mod:`articles.entities.resolution`, bulk SQL :mod:`articles.ingestion.bulk`.

The old names stay for this round only, so branches merged alongside keep working; new code
imports the modules above. Remove this module once nothing imports ``articles.services.importer``."""
from __future__ import annotations

from articles.entities.keys import ROLE_WORDS, is_full_name  # noqa: F401
from articles.entities.resolution import map_organisations, map_people, publisher_for  # noqa: F401
from articles.entities.selectors import known_people  # noqa: F401
from articles.ingestion.persistence import (  # noqa: F401
    FileResult,
    RunCache,
    clear_filter_caches,
    reextract,
    store,
    text_key,
)
from articles.ingestion.pipeline import SEED_SUFFIXES, seed_paths  # noqa: F401


def store_prepared(prep, *, dry_run: bool = False, publishers: RunCache | None = None) -> FileResult:
    """Old name: ``persistence.store([prep], run, dry_run=...)[0]``."""
    return store([prep], publishers, dry_run=dry_run)[0]


def store_many(preps, publishers: RunCache | None = None) -> list[FileResult]:
    """Old name: ``persistence.store(preps, run)``."""
    return store(preps, publishers)
