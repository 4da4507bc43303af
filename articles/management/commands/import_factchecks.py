"""python manage.py import_factchecks PATH [PATH ...] [--no-match]"""
from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from articles.services import factchecks, match_index, rematch

NOTES = 20  # "skipped:" lines printed at most


def _queue_fill() -> bool:
    # never the job inside this command without a broker (eager: hours of encoding for a large import)
    return match_index.queue_fill()


class Command(BaseCommand):
    help = ("Import fact-checks (schema.org ClaimReview: JSON, JSON lines, HTML with JSON-LD, or a Google "
            "Fact Check Tools claims:search response) into the matching library; then match the claims.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or directories")
        parser.add_argument("--no-match", action="store_true",
                            help="do not re-match the stored claims against the updated library")
        parser.add_argument("--defer-vectors", action="store_true",
                            help="leave the sentence encoder's vectors of the new fact-checks to the job "
                                 "claimsdb.fill_match_vectors (or build_match_index --vectors); matching uses the "
                                 "model's fallback until they are all filled. Without it, up to "
                                 "CLAIMSDB_MATCH_DENSE_INLINE rows (25,000) are encoded here and more are queued")

    def handle(self, *args, paths, no_match, defer_vectors=False, **opts):
        t0 = time.perf_counter()
        last = [t0]

        def progress(n: int) -> None:
            now = time.perf_counter()
            if now - last[0] >= 5:
                last[0] = now
                self.stderr.write(f"… {n} records read ({now - t0:.0f} s)")

        try:
            summary = factchecks.import_paths(paths, progress)
        except DatabaseError as exc:
            raise CommandError(f"the database is not ready ({str(exc).splitlines()[0]}); run: python manage.py migrate") from None
        for line in summary.notes[:NOTES]:
            self.stderr.write(f"skipped: {line}")
        if len(summary.notes) > NOTES:
            self.stderr.write(f"skipped: … and {len(summary.notes) - NOTES} more of ClaimsDB's own checks")
        for line in summary.errors:
            self.stderr.write(f"error: {line}")
        # The shared match index catches up here, off any request (services/match_index.py).
        stored_cpu, stored_s = time.process_time(), time.perf_counter() - t0
        done = match_index.update()
        self.stdout.write(f"stored in {stored_s:.1f} s ({stored_cpu:.1f} s CPU); match index generation "
                          f"{done['generation']} ({done['rows']} rows, {'rebuilt' if done.get('full') else 'updated'}) "
                          f"in {done['seconds']:.1f} s ({time.process_time() - stored_cpu:.1f} s CPU)")
        self._vectors(defer_vectors)
        matched = 0
        # Whenever the library changed since the claims were last matched, also after a run that
        # stopped before matching (rematch reads that from the database, not from this run): only
        # the claims the changed fact-checks concern, or every claim when that cannot be told.
        if not no_match and rematch.pending():
            try:
                matched = rematch.catch_up()
            except DatabaseError as exc:
                summary.errors.append(f"matching the claims against the library could not finish "
                                      f"({str(exc).splitlines()[0][:200]}); the fact-checks are stored: "
                                      f"run the import again to finish it")
                self.stderr.write(f"error: {summary.errors[-1]}")
        skipped = f"{summary.skipped} skipped (ClaimsDB's own checks), " if summary.skipped else ""
        self.stdout.write(f"fact-checks: {summary.created} created, {summary.updated} updated, "
                          f"{summary.unchanged} unchanged, {skipped}{len(summary.errors)} errors; "
                          f"{matched} claim matches stored; {time.perf_counter() - t0:.1f} s")
        if not summary.ok:
            raise CommandError(f"{len(summary.errors)} record(s) or file(s) could not be imported (see the error lines)",
                               returncode=1)

    def _vectors(self, defer: bool) -> None:
        """The sentence encoder's vectors of the rows just indexed (the match model's dense columns;
        ``match_index.fill_dense``): here for a library-sized import, else by the job queue."""
        missing = match_index.missing_dense() if match_index.dense_wanted() else 0
        if not missing:
            return
        if defer or missing > match_index.dense_inline():
            queued = not defer and _queue_fill()
            self.stdout.write(f"encoder vectors: {missing} rows left to "
                              f"{'claimsdb.fill_match_vectors' if queued else 'build_match_index --vectors'}; "
                              "matching uses the fallback weights until then")
            return
        filled = match_index.fill_dense()
        self.stdout.write(f"encoder vectors: {filled['rows']} rows in {filled['seconds']:.1f} s")
