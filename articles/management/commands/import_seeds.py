"""python manage.py import_seeds [PATH ...] [--dry-run] [--jobs N]: parses its arguments, runs
articles.ingestion.pipeline.run_import and prints what it did."""
from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from articles.ingestion import pipeline


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
        refused, progress = self.printers(opts.get("verbosity", 1), progress_every)
        try:
            report = pipeline.run_import(paths, jobs=jobs, dry_run=dry_run, on_refused=refused, on_result=progress)
        except pipeline.NothingToImport as exc:
            raise CommandError(str(exc)) from None
        except pipeline.DatabaseNotReady as exc:
            raise CommandError(f"the database is not ready ({exc}); run: python manage.py migrate") from None
        for line in report.errors:
            self.stderr.write(f"error: {line}")
        self.stdout.write(self.summary(report))
        if report.failed:
            sys.exit(1)

    def printers(self, verbose: int, every: int):
        """What is printed for a refused path, and for each file stored."""
        started = time.perf_counter()

        def refused(result):
            self.stderr.write(f"error: {result.path}: {result.error}")

        def progress(result, n, total):
            if result.status == "failed":
                self.stderr.write(f"error: {result.path}: {result.error}")
            elif verbose >= 2:
                self.stdout.write(f"{result.status}: {result.path}")
            if verbose >= 1 and total > every and n % every == 0:
                self.stdout.write(f"[{n}/{total}] {n / (time.perf_counter() - started):.1f} files/s")

        return refused, progress

    @staticmethod
    def summary(report: pipeline.ImportReport) -> str:
        statuses, totals, linked = report.statuses, report.totals, report.linked
        prefix = "dry run: " if report.dry_run else ""
        return (f"{prefix}{report.files} files: {statuses['created']} created, {statuses['updated']} updated, "
                f"{statuses['unchanged']} unchanged, {statuses['parsed']} parsed, {statuses['failed']} failed; "
                f"{totals['people']} people, {totals['organisations']} organisations, {totals['claims']} claims, "
                f"{totals['statistics']} statistics ({report.elapsed:.1f}s)"
                + (f"; surnames: {linked['linked']} linked, {linked['suggested']} suggested to editors"
                   if linked else ""))
