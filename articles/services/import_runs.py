"""Import runs as editors follow them in the admin (ImportRun): counts, status and the error of each
file or address, written as the work goes by the import jobs and by import_seeds. Every item is
counted once: recording an item a run already has (a job run again) changes nothing."""
from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from articles.models import ImportItem, ImportRun

# A result's status -> the run's counter.
COUNTERS = {"created": "created", "updated": "updated", "unchanged": "unchanged", "duplicate": "duplicates",
            "failed": "failed"}


def start(kind: str, label: str, total: int = 0, source=None, user=None) -> ImportRun:
    """A run; ``user``: who asked for it (a user or a user's id; None for the schedule or a command)."""
    return ImportRun.objects.create(kind=kind, label=label[:500], total=total, source=source,
                                    requested_by_id=getattr(user, "pk", user))


def get(run_id: int | None) -> ImportRun | None:
    return ImportRun.objects.filter(pk=run_id).first() if run_id else None


def has_item(run: ImportRun, target: str) -> bool:
    return ImportItem.objects.filter(run=run, target=target[:1000]).exists()


def record(run: ImportRun, target: str, result) -> bool:
    """Count one item's result (an importer FileResult: path, status, error, article_id); False
    when the run had it already."""
    return record_many(run, [(target, result)]) == 1


def record_many(run: ImportRun, results: Iterable[tuple[str, object]]) -> int:
    """Count items' results in one transaction; those the run has already are skipped. Returns
    how many were new."""
    rows = {}
    for target, r in results:
        rows.setdefault(target[:1000], ImportItem(run=run, target=target[:1000], status=r.status,
                                                  error=(r.error or "")[:5000], article_id=r.article_id))
    if not rows:
        return 0
    try:
        with transaction.atomic():
            seen = set(ImportItem.objects.filter(run=run, target__in=list(rows)).values_list("target", flat=True))
            new = [row for target, row in rows.items() if target not in seen]
            ImportItem.objects.bulk_create(new)
            counts: dict[str, int] = {}
            for row in new:
                field = COUNTERS.get(row.status, "unchanged")
                counts[field] = counts.get(field, 0) + 1
            if new:
                ImportRun.objects.filter(pk=run.pk).update(
                    done=F("done") + len(new), **{k: F(k) + n for k, n in counts.items()})
    except IntegrityError:
        # A job run twice at once recorded one of these first: count them one by one.
        return sum(record_many(run, [(t, r)]) for t, r in results) if len(rows) > 1 else 0
    return len(new)


def add_total(run: ImportRun, n: int) -> None:
    ImportRun.objects.filter(pk=run.pk).update(total=F("total") + n)


def finish_if_done(run: ImportRun) -> str | None:
    """Close the run once every item is counted; the status it closed with, to the one caller that
    closed it (None to every other: the post-import steps are started once)."""
    closing = Case(When(failed=0, then=Value(ImportRun.Status.DONE)), default=Value(ImportRun.Status.DONE_WITH_ERRORS))
    # One statement: the run closes once, with the counts it has when it closes.
    if not ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.RUNNING, done__gte=F("total")).update(
            status=closing, finished_at=timezone.now()):
        return None
    run.refresh_from_db()
    return run.status


def finish(run: ImportRun, message: str = "") -> None:
    """Close a run whose items were all counted by its one caller (import_seeds)."""
    run.refresh_from_db()
    run.status = ImportRun.Status.DONE_WITH_ERRORS if run.failed or message else ImportRun.Status.DONE
    run.message, run.finished_at = message[:5000], timezone.now()
    run.save(update_fields=["status", "message", "finished_at"])


def fail(run: ImportRun, message: str) -> None:
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.FAILED, message=message[:5000],
                                               finished_at=timezone.now())


def changed_anything(run_id: int) -> bool:
    """Whether the run stored anything (then the post-import steps have work)."""
    return ImportRun.objects.filter(pk=run_id).filter(Q(created__gt=0) | Q(updated__gt=0)).exists()


class Recorder:
    """A run written by one process as it goes (import_seeds): results added batch by batch, then
    finished. ``off`` (a dry run) records nothing."""

    def __init__(self, kind: str, label: str, total: int, off: bool = False, user=None):
        self.run = None if off else start(kind, label, total=total, user=user)

    def add(self, results) -> None:
        if self.run is not None and results:
            record_many(self.run, [(r.path, r) for r in results])

    def finish(self, message: str = "") -> None:
        if self.run is not None:
            finish(self.run, message)
