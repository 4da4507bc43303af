"""The fact-check library: ClaimReview files imported by url, and ClaimsDB's own checks kept in it."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, transaction

from articles.matching import claimreview, ranker
from articles.models import Claim, FactCheck
from articles.selectors import claimreview as claimreview_ld
from articles.services import match_index

BATCH = 1000
FIELDS = ("claim_reviewed", "rating", "publisher", "title", "language", "date_published", "claimant", "raw")


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)  # "where: why", one a bad record or file

    @property
    def ok(self) -> bool:
        return not self.errors


def _paths(paths: Iterable[str | Path]) -> Iterable[Path]:
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(q for q in p.rglob("*") if q.suffix.lower() in (".json", ".jsonl", ".html", ".htm"))
        else:
            yield p


def import_paths(paths: Iterable[str | Path], progress: Callable[[int], None] | None = None) -> ImportSummary:
    """Import ClaimReview records; idempotent by url (a changed record is updated in place).
    A bad record or file is reported and skipped; the rest import."""
    summary = ImportSummary()
    batch: dict[str, claimreview.Review] = {}
    seen = 0
    for path in _paths(paths):
        if not path.exists():
            summary.errors.append(f"{path}: no such file")
            continue
        try:
            for where, rec in claimreview.read(path):
                if isinstance(rec, claimreview.BadRecord):
                    summary.errors.append(f"{where}: {rec}")
                    continue
                batch[rec.url] = rec
                seen += 1
                if len(batch) >= BATCH:
                    _flush(batch, summary)
                    if progress:
                        progress(seen)
        except claimreview.BadRecord as exc:
            summary.errors.append(f"{path}: {exc}")
    _flush(batch, summary)
    if progress:
        progress(seen)
    return summary


def _flush(batch: dict[str, claimreview.Review], summary: ImportSummary) -> None:
    """Write and empty the batch; a database error loses this batch only, named in the summary."""
    if not batch:
        return
    try:
        _write(batch, summary)
    except DatabaseError as exc:
        first = next(iter(batch))
        summary.errors.append(f"{len(batch)} records from {first}: database error: {str(exc).splitlines()[0][:200]}")
    batch.clear()


@transaction.atomic
def _write(batch: dict[str, claimreview.Review], summary: ImportSummary) -> None:
    existing = {f.url: f for f in FactCheck.objects.filter(url__in=list(batch)).defer("vectors")}
    create, update = [], []
    todo = [(url, rec) for url, rec in batch.items()]
    changed = []
    for url, rec in todo:
        row = existing.get(url)
        values = {name: getattr(rec, name) for name in FIELDS}
        if row is None:
            create.append(FactCheck(url=url, **values))
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            update.append(row)
            changed.append(row)
        else:
            summary.unchanged += 1
    need = create + changed
    if need:
        vecs = ranker.vectors_many([(r.claim_reviewed, r.title) for r in need])
        for row, v in zip(need, vecs, strict=True):
            row.vectors = v.tobytes()
    FactCheck.objects.bulk_create(create, batch_size=500)
    if update:
        FactCheck.objects.bulk_update(update, [*FIELDS, "vectors", "updated_at"], batch_size=500)
    summary.created += len(create)
    summary.updated += len(update)


def sync_own(claim: Claim) -> FactCheck | None:
    """ClaimsDB's own check of ``claim`` in the library while it is checked with a verdict; out otherwise."""
    if claim.status != Claim.Status.CHECKED or not claim.verdict:
        if FactCheck.objects.filter(claim=claim).delete()[0]:
            match_index.refresh_on_commit()
        return None
    wording = claimreview_ld.wording(claim)
    values = dict(url=claimreview_ld.public_url(claim.pk), claim_reviewed=wording, rating=claim.get_verdict_display(),
                  publisher=settings.CLAIMSDB_REVIEWER_ORG, title=wording[:500],
                  date_published=claim.reviewed_at.date() if claim.reviewed_at else None,
                  claimant=(claim.speaker.name if claim.speaker_id else claim.speaker_text)[:200])
    row = FactCheck.objects.filter(claim=claim).first()
    if row and all(getattr(row, k) == v for k, v in values.items()):
        return row
    row = row or FactCheck(claim=claim)
    for k, v in values.items():
        setattr(row, k, v)
    row.vectors = ranker.entry_vectors(row.claim_reviewed, row.title).tobytes()
    row.save()
    match_index.refresh_on_commit()  # indexed and matched against the stored claims after commit
    return row
