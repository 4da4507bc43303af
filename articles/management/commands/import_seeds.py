"""python manage.py import_seeds [PATH ...] [--dry-run] [--jobs N]"""
from __future__ import annotations

import multiprocessing
import sys
import time
from collections import Counter, deque
from itertools import islice

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connections

from articles.services import import_runs, importer, post_import, reader


class Command(BaseCommand):
    help = ("Import articles and extract their claims: seed-format files (*.txt), web pages (*.html, *.htm, "
            "*.html.gz), directories of them, and http(s) addresses.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", default=["seeds"], help="files, directories or http(s) addresses (default: seeds/)")
        parser.add_argument("--dry-run", action="store_true", help="parse and extract, write nothing")
        parser.add_argument("--jobs", type=int, default=1,
                            help="extract in N worker processes; one writer stores the results in order")
        parser.add_argument("--progress-every", type=int, default=25,
                            help="print a progress line every N files (default 25)")

    def handle(self, *args, paths, dry_run, jobs, progress_every, **opts):
        if jobs < 1:
            raise CommandError("--jobs must be 1 or more")
        files, failures = importer.seed_paths(paths)
        if not files and not failures:
            raise CommandError(f"no *.txt or *.html files under {', '.join(paths)}")
        for f in failures:
            self.stderr.write(f"error: {f.path}: {f.error}")
        try:
            known = importer.known_people()
        except DatabaseError as exc:
            raise CommandError(f"the database is not ready ({exc}); run: python manage.py migrate") from None
        statuses: Counter[str] = Counter(failed=len(failures))
        totals: Counter[str] = Counter()
        started = time.perf_counter()
        verbose = opts.get("verbosity", 1)
        publishers = importer.RunCache()  # publishers and other lookups made once a run
        n = 0
        # Progress and errors for editors (the admin's Import runs), written as the import goes.
        run = import_runs.Recorder("files", " ".join(paths), len(files) + len(failures), off=dry_run)
        run.add(failures)
        for batch in self.batches(self.prepared(files, known, jobs, dry_run), dry_run):
            results = ([importer.store_prepared(p, dry_run=True) for p in batch] if dry_run
                       else importer.store_many(batch, publishers))
            run.add(results)
            for result in results:
                n += 1
                statuses[result.status] += 1
                totals.update(result.counts)
                self.progress(result, n, len(files), started, verbose, progress_every)
        closing = post_import.run() if not dry_run else post_import.Closing()
        for line in closing.errors:
            self.stderr.write(f"error: {line}")
        run.finish("; ".join(closing.errors))
        linked, closing_failed = closing.linked, bool(closing.errors)
        self.summary(statuses, totals, len(files) + len(failures), time.perf_counter() - started, dry_run, linked)
        if statuses["failed"] or closing_failed:
            sys.exit(1)

    def progress(self, result, n, total, started, verbose, every):
        if result.status == "failed":
            self.stderr.write(f"error: {result.path}: {result.error}")
        elif verbose >= 2:
            self.stdout.write(f"{result.status}: {result.path}")
        if verbose >= 1 and total > every and n % every == 0:
            self.stdout.write(f"[{n}/{total}] {n / (time.perf_counter() - started):.1f} files/s")

    def summary(self, statuses, totals, n_files, elapsed, dry_run, linked):
        prefix = "dry run: " if dry_run else ""
        self.stdout.write(
            f"{prefix}{n_files} files: {statuses['created']} created, {statuses['updated']} updated, "
            f"{statuses['unchanged']} unchanged, {statuses['parsed']} parsed, {statuses['failed']} failed; "
            f"{totals['people']} people, {totals['organisations']} organisations, {totals['claims']} claims, "
            f"{totals['statistics']} statistics ({elapsed:.1f}s)"
            + (f"; surnames: {linked['linked']} linked, {linked['suggested']} suggested to editors"
               if linked else ""))

    BATCH = 16  # new files stored together (see importer.store_many)

    def batches(self, prepared, dry_run):
        batch = []
        for prep in prepared:
            batch.append(prep)
            if len(batch) >= (1 if dry_run else self.BATCH):
                yield batch
                batch = []
        if batch:
            yield batch

    def prepared(self, files, known, jobs, dry_run=False):
        """Prepared files in input order; with --jobs, extracted ahead in worker processes."""
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
