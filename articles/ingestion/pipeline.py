"""An import run: what to read, extraction in worker processes, storing in batches, and the steps
after (:func:`run_import`). The ``import_seeds`` command parses its arguments, calls this and
prints; jobs and other callers call it the same way.

The one writer is the run's serial stage: files are read and extracted ahead (``jobs`` worker
processes, which never touch the database), in input order, and stored in batches
(:func:`articles.ingestion.persistence.store`); then the steps every import ends with
(:mod:`articles.services.post_import`) reconcile what the run, or an earlier one that stopped, left.
"""
from __future__ import annotations

import multiprocessing
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connections

from articles.entities.selectors import known_people
from articles.ingestion import persistence
from articles.ingestion.persistence import FileResult
from articles.ingestion.run_cache import RunCache
from articles.services import import_runs, inputs, post_import, reader, web
from articles.services.reader import Prepared, WebAddress

__all__ = ["BATCH", "DatabaseNotReady", "ImportReport", "NothingToImport", "run_import", "seed_paths"]

BATCH = 16  # new files stored together (see persistence.store)


class NothingToImport(ValueError):
    """No file or address to import under the paths given."""


class DatabaseNotReady(RuntimeError):
    """The database cannot be read (not migrated, not reachable)."""


@dataclass
class ImportReport:
    files: int  # files and addresses named, refused ones included
    dry_run: bool = False
    statuses: Counter = field(default_factory=Counter)  # created, updated, unchanged, parsed, failed
    totals: Counter = field(default_factory=Counter)  # people, organisations, claims, statistics
    elapsed: float = 0.0
    linked: Counter = field(default_factory=Counter)  # surnames linked / suggested to editors
    errors: list[str] = field(default_factory=list)  # steps after storing that could not finish

    @property
    def failed(self) -> bool:
        """Did a file fail, or a step after storing not finish? (The command exits 1.)"""
        return bool(self.statuses["failed"] or self.errors)


def run_import(paths: Iterable[str], *, jobs: int = 1, dry_run: bool = False,
               on_refused: Callable[[FileResult], None] | None = None,
               on_result: Callable[[FileResult, int, int], None] | None = None) -> ImportReport:
    """Import files, directories and http(s) addresses (``paths``) and extract their claims.

    ``jobs``: extraction worker processes; ``dry_run``: parse and extract, write nothing.
    ``on_refused(result)`` is called for each path refused before the run starts, ``on_result(result,
    n, total)`` for each file stored, in input order. Raises NothingToImport, DatabaseNotReady."""
    paths = list(paths)
    if jobs < 1:
        raise ValueError("jobs must be 1 or more")
    files, refused = seed_paths(paths)
    if not files and not refused:
        raise NothingToImport(f"no *.txt or *.html files under {', '.join(paths)}")
    for result in refused:
        if on_refused is not None:
            on_refused(result)
    try:
        known = known_people()
    except DatabaseError as exc:
        raise DatabaseNotReady(str(exc)) from None
    report = ImportReport(files=len(files) + len(refused), dry_run=dry_run, statuses=Counter(failed=len(refused)))
    started = time.perf_counter()
    run = RunCache()  # publishers and other lookups made once a run
    # Progress and errors for editors (the admin's Import runs), written as the import goes.
    record = import_runs.Recorder("files", " ".join(paths), len(files) + len(refused), off=dry_run)
    record.add(refused)
    n = 0
    for batch in _batches(prepared(files, known, jobs, dry_run), 1 if dry_run else BATCH):
        results = persistence.store(batch, run, dry_run=dry_run)
        record.add(results)
        for result in results:
            n += 1
            report.statuses[result.status] += 1
            report.totals.update(result.counts)
            if on_result is not None:
                on_result(result, n, len(files))
    if not dry_run:
        closing = post_import.run()
        report.linked, report.errors = closing.linked, closing.errors
    record.finish("; ".join(report.errors))
    report.elapsed = time.perf_counter() - started
    return report


def _batches(items: Iterable[Prepared], size: int) -> Iterator[list[Prepared]]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def prepared(files: list, known, jobs: int, dry_run: bool = False) -> Iterator[Prepared]:
    """Prepared files in input order; with ``jobs`` > 1, extracted ahead in worker processes."""
    max_bytes = settings.CLAIMSDB_MAX_SEED_BYTES
    budget = settings.CLAIMSDB_EXTRACT_SECONDS
    if jobs == 1 or len(files) < 2:
        for f in files:
            yield reader.prepare(f, max_bytes, known, budget)
        return
    # Workers never touch the database; close this process's connections so none is forked.
    connections.close_all()
    ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    # The one writer is the pipeline's serial stage: workers yield the CPU to it (a lower
    # priority), so on a machine with as many cores as jobs, storing never waits on extraction.
    initializer = reader.lower_priority if not dry_run else None
    with ctx.Pool(jobs, initializer=initializer) as pool:
        # A window of files in flight, in input order: workers stay ahead of the one writer,
        # but never by more than the window, so memory stays flat on any number of files.
        pending = iter(files)
        window = deque(pool.apply_async(reader.prepare_task, ((f, max_bytes, known, budget),))
                       for f in islice(pending, jobs * 8))
        while window:
            result = window.popleft().get()
            nxt = next(pending, None)
            if nxt is not None:
                window.append(pool.apply_async(reader.prepare_task, ((nxt, max_bytes, known, budget),)))
            yield result


SEED_SUFFIXES = (".txt", ".html", ".htm", ".html.gz", ".htm.gz")


def seed_paths(paths: list[str]) -> tuple[list[Path | WebAddress], list[FileResult]]:
    """What to import, in the order given, from files, directories (*.txt seed files and *.html,
    *.htm, *.html.gz web pages) and http(s) addresses, and errors for paths that do not exist, must
    not be read (a symbolic link leaving its folder, a FIFO or device: see inputs) or addresses refused."""
    items: list[Path | WebAddress] = []
    errors: list[FileResult] = []
    policy = None
    for raw in paths:
        if web.is_web_address(raw):
            try:
                policy = policy or web.fetch_policy()
                items.append(web.web_address(raw, policy))
            except web.fetch.FetchError as exc:
                errors.append(FileResult(raw, "failed", error=str(exc)))
            continue
        if "://" in raw and not Path(raw).exists():
            errors.append(FileResult(raw, "failed", error="only http and https addresses can be imported"))
            continue
        for item in inputs.listing([raw], SEED_SUFFIXES, recursive=False):
            if isinstance(item, inputs.Refused):
                errors.append(FileResult(item.path, "failed", error=item.reason))
            else:
                items.append(item)
    # The same file or address named twice is imported once. Articles are identified by file name,
    # so two different files with one name (a/same.txt, b/same.txt) would overwrite each other: the
    # second is refused with both paths named.
    unique: list[Path | WebAddress] = []
    by_name: dict[str, Path] = {}
    for f in dict.fromkeys(x if isinstance(x, WebAddress) else x.resolve() for x in items):
        if isinstance(f, Path):
            if f.name in by_name:
                errors.append(FileResult(str(f), "failed", error=f"another file in this run has the same name "
                                         f"({by_name[f.name]}); articles are identified by file name: rename one"))
                continue
            by_name[f.name] = f
        unique.append(f)
    return unique, errors
