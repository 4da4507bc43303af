"""The fact-check library: ClaimReview files imported by url, and ClaimsDB's own checks kept in it.

An import is a stream of records written in batches of about ``BATCH``: each batch is one short
transaction (``store_batch``; the vectors are computed before it opens, in a worker thread while
the batch before is written), so a concurrent editor waits for one batch at most, and a failure
loses one batch at most, which a rerun completes (the import is idempotent by url). A record the database refuses costs that record only: the batch is
written again record by record and the refused one gets its error line. Every file and every
record is a unit of failure (see ``articles.matching.claimreview``).

ClaimsDB's own checks are never written by an import: a record at the url of an own check, or at
the address of one of our own fact-check pages, is skipped with a note; their entries come from the
claims (``sync_own``), which also takes over a row an older import left at its url.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, OperationalError, connection, models, reset_queries, transaction
from django.utils import timezone

from articles.matching import claimreview, ranker
from articles.matching import dense as mdense
from articles.models import Claim, ClaimMatch, FactCheck
from articles.selectors import claimreview as claimreview_ld
from articles.services import inputs, match_index, retry

BATCH = 1000
FIELDS = ("claim_reviewed", "rating", "publisher", "title", "language", "date_published", "claimant", "raw")
SUFFIXES = (".json", ".jsonl", ".html", ".htm")

Record = tuple[str, claimreview.Review]  # (where it was read: "file:line" or "file#n", the record)


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # records at the url of one of ClaimsDB's own checks
    errors: list[str] = field(default_factory=list)  # "where: why", one a bad record or file
    notes: list[str] = field(default_factory=list)  # "where: why" for each skipped record

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class BatchResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    own: list[Record] = field(default_factory=list)  # at an own check's url: not written


def import_paths(paths: Iterable[str | Path], progress: Callable[[int], None] | None = None, *,
                 max_bytes: int | None = None, batch_size: int = BATCH) -> ImportSummary:
    """Import ClaimReview records; idempotent by url (a changed record is updated in place).
    A bad record or file is reported and skipped; the rest import."""
    max_bytes = max_bytes or settings.CLAIMSDB_MAX_FACTCHECK_BYTES
    FactCheck.objects.exists()  # DatabaseError now (not migrated) rather than an error line a batch
    summary = ImportSummary()
    own_page = _own_page_pattern()
    batch: dict[str, Record] = {}
    seen = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="factcheck-vectors") as pool:
        writer = _Writer(summary, pool)
        for where, rec in _records(paths, summary, max_bytes):
            if own_page.fullmatch(rec.url):
                _skip(summary, where, rec.url)
                continue
            batch[rec.url] = (where, rec)
            seen += 1
            if len(batch) >= batch_size:
                writer.add(batch)
                if progress:
                    progress(seen)
        writer.add(batch)
        writer.finish()
    if progress:
        progress(seen)
    return summary


def _records(paths: Iterable[str | Path], summary: ImportSummary, max_bytes: int) -> Iterable[Record]:
    """The good records of every file, in order; each bad record, bad file or refused path becomes
    an error line in the summary (a file that fails half-way keeps the records read before)."""
    for path in inputs.listing(paths, SUFFIXES):
        if isinstance(path, inputs.Refused):
            summary.errors.append(f"{path.path}: {path.reason}")
            continue
        try:
            for where, rec in claimreview.read_stream(inputs.open_regular(path), str(path), max_bytes):
                if isinstance(rec, claimreview.BadRecord):
                    summary.errors.append(f"{where}: {rec}")
                else:
                    yield where, rec
        except ValueError as exc:  # BadRecord, or a file inputs refuses
            summary.errors.append(f"{path}: {exc}")
        except OSError as exc:
            summary.errors.append(f"{path}: cannot read ({exc.strerror or type(exc).__name__})")


def _own_page_pattern() -> re.Pattern:
    """The address of our own public fact-check pages: their ClaimReview comes from the claims."""
    prefix, _, suffix = claimreview_ld.public_url(0).rpartition("0")
    return re.compile(re.escape(prefix) + r"\d+" + re.escape(suffix.rstrip("/")) + "/?")


def _skip(summary: ImportSummary, where: str, url: str) -> None:
    summary.skipped += 1
    summary.notes.append(f"{where}: {url[:200]} is one of ClaimsDB's own checks; its library entry comes "
                         "from the claim, not from imports (skipped)")


class _Writer:
    """Writes the batches in order, each batch's vectors computed in a worker thread while the batch
    before it is written and the next one read (the tokenizer and numpy let go of the GIL): one batch
    ahead at most. The worker only computes; every query runs in the caller's thread."""

    def __init__(self, summary: ImportSummary, pool: ThreadPoolExecutor):
        self.summary, self.pool = summary, pool
        self.ahead: tuple[list[Record], Future] | None = None

    def add(self, batch: dict[str, Record]) -> None:
        """Empty ``batch`` into the pipeline, and write the batch added before it."""
        records = list(batch.values())
        batch.clear()
        job = None
        if records:
            reset_queries()  # with DEBUG on, Django keeps every statement (with its 1,000 rows) otherwise
            try:
                # before the transaction: it holds the write lock only to write
                job = self.pool.submit(_embed, _needing_vectors(records))
            except (DatabaseError, ValueError, TypeError) as exc:
                job = Future()
                job.set_exception(exc)  # reported with the batch, as if the write had failed
        previous, self.ahead = self.ahead, ((records, job) if records else None)
        if previous:
            _flush(*previous, self.summary)

    def finish(self) -> None:
        """Write the last batch."""
        previous, self.ahead = self.ahead, None
        if previous:
            _flush(*previous, self.summary)


def _flush(records: list[Record], vectors_job: Future, summary: ImportSummary) -> None:
    """Write the batch. A record the database refuses costs that record only; a busy database
    costs the batch, named in the summary with what to do."""
    vectors: dict[str, bytes] = {}
    try:
        vectors = vectors_job.result()
        _count(summary, _store_retrying(records, vectors))
    except OperationalError as exc:
        summary.errors.append(f"{len(records)} records from {records[0][0]} to {records[-1][0]}: not stored, the "
                              f"database was busy ({_one_line(exc)}); run the import again to store them")
    except (DatabaseError, ValueError, TypeError):
        for record in records:  # one at a time: only the refused record is lost
            try:
                _count(summary, _store_retrying([record], vectors))
            except (DatabaseError, ValueError, TypeError) as exc:
                summary.errors.append(f"{record[0]}: the database refused the record ({_one_line(exc)})")


def _store_retrying(records: list[Record], vectors: dict[str, bytes]) -> BatchResult:
    """store_batch, run again whole while the database asks for it (a lock or deadlock with another
    writer: the transaction rolled back, so running it again is safe)."""
    return retry.run(store_batch, records, vectors)


def _count(summary: ImportSummary, result: BatchResult) -> None:
    summary.created += result.created
    summary.updated += result.updated
    summary.unchanged += result.unchanged
    for where, rec in result.own:
        _skip(summary, where, rec.url)


def _needing_vectors(records: list[Record]) -> list[claimreview.Review]:
    """The records whose wording is new to the library (by url): a record whose claim and title are
    unchanged keeps its stored vectors."""
    stored = {u: (c, t) for u, c, t in FactCheck.objects.filter(url__in=[r.url for _, r in records])
              .values_list("url", "claim_reviewed", "title")}
    return [r for _, r in records if stored.get(r.url) != (r.claim_reviewed, r.title)]


def _embed(reviews: list[claimreview.Review]) -> dict[str, bytes]:
    if not reviews:
        return {}
    vecs = ranker.vectors_many([(r.claim_reviewed, r.title) for r in reviews])
    return {r.url: v.tobytes() for r, v in zip(reviews, vecs, strict=True)}


def store_batch(records: list[Record], vectors: dict[str, bytes] | None = None) -> BatchResult:
    """Write one batch of records in one transaction: new urls created, changed records updated
    (``updated_at`` bumped, vectors recomputed when the wording changed), unchanged ones left alone,
    ClaimsDB's own checks never touched. Idempotent: safe to run again whole after a rollback.

    One indexed lookup of the batch's urls, then one prepared INSERT and at most two prepared
    UPDATEs run over every row (``executemany``): no model instance a row (``_Writes``)."""
    vectors = dict(vectors or {})
    result = BatchResult()
    with transaction.atomic():
        existing = {row[0]: row[1:] for row in FactCheck.objects.filter(url__in=[r.url for _, r in records])
                    .values_list("url", "id", "claim_id", *FIELDS)}
        create, update = [], []
        for where, rec in records:
            row = existing.get(rec.url)
            if row is not None and row[1] is not None:
                result.own.append((where, rec))
            elif row is None:
                create.append(rec)
            elif row[2:] != tuple(getattr(rec, name) for name in FIELDS):
                reworded = (row[2], row[6]) != (rec.claim_reviewed, rec.title)
                if reworded and rec.url not in vectors:
                    vectors.update(_embed([rec]))  # changed since _needing_vectors looked (a concurrent import)
                update.append((row[0], rec, reworded))
            else:
                result.unchanged += 1
        missing = [rec for rec in create if rec.url not in vectors]
        if missing:
            vectors.update(_embed(missing))
        writes = _Writes.get()
        now = timezone.now()
        writes.insert([(rec, vectors[rec.url]) for rec in create], now)
        # updated_at bumped on every update (the match index sees the change); rows whose wording
        # is unchanged keep their stored vectors
        writes.update([(pk, rec, vectors[rec.url] if reworded else None) for pk, rec, reworded in update], now)
    result.created, result.updated = len(create), len(update)
    return result


class _Writes:
    """The import's INSERT and UPDATE statements, made once from the model (every concrete column:
    one another branch adds with a default gets it), with each value adapted as Django's fields do
    (only the JSON, date and binary columns need it; text goes as it is)."""

    _cache: dict[str, _Writes] = {}

    @classmethod
    def get(cls) -> _Writes:
        if connection.vendor not in cls._cache:
            cls._cache[connection.vendor] = cls()
        return cls._cache[connection.vendor]

    def __init__(self):
        meta, q = FactCheck._meta, connection.ops.quote_name
        self.table = q(meta.db_table)
        per_row = ("url", *FIELDS, "vectors")
        self.fields = [f for f in meta.concrete_fields if not f.primary_key]
        self.stamped = {f.attname for f in self.fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)}
        self.constant = {f.attname: f.get_db_prep_save(f.get_default(), connection)
                         for f in self.fields if f.attname not in per_row and f.attname not in self.stamped}
        plain = (models.CharField, models.TextField)
        self.adapt = {name: (None if isinstance(meta.get_field(name), plain) else meta.get_field(name))
                      for name in per_row}
        columns = ", ".join(q(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        self.insert_sql = f"INSERT INTO {self.table} ({columns}) VALUES ({marks})"
        touched = [*FIELDS, *(f.attname for f in self.fields if getattr(f, "auto_now", False))]
        self.update_sql = {with_vectors: f"UPDATE {self.table} SET "
                           + ", ".join(f"{q(meta.get_field(n).column)} = %s" for n in
                                       (*touched, *(("vectors",) if with_vectors else ())))
                           + f" WHERE {q(meta.pk.column)} = %s" for with_vectors in (False, True)}
        self.touched = touched

    def _value(self, name: str, value):
        field = self.adapt[name]
        return value if field is None or value is None else field.get_db_prep_save(value, connection)

    def _row(self, rec: claimreview.Review, names, blob: bytes | None, stamp) -> list:
        out = []
        for name in names:
            if name in self.stamped:
                out.append(stamp)
            elif name == "vectors":
                out.append(self._value("vectors", blob))
            elif name in self.constant:
                out.append(self.constant[name])
            else:
                out.append(self._value(name, getattr(rec, name)))
        return out

    def insert(self, rows: list[tuple[claimreview.Review, bytes]], now) -> None:
        if not rows:
            return
        stamp = FactCheck._meta.get_field("updated_at").get_db_prep_save(now, connection)
        names = [f.attname for f in self.fields]
        with connection.cursor() as cursor:
            cursor.executemany(self.insert_sql, [self._row(rec, names, blob, stamp) for rec, blob in rows])

    def update(self, rows: list[tuple[int, claimreview.Review, bytes | None]], now) -> None:
        stamp = FactCheck._meta.get_field("updated_at").get_db_prep_save(now, connection)
        with connection.cursor() as cursor:
            for with_vectors in (False, True):
                names = [*self.touched, *(("vectors",) if with_vectors else ())]
                params = [[*self._row(rec, names, blob, stamp), pk] for pk, rec, blob in rows
                          if (blob is not None) == with_vectors]
                if params:
                    cursor.executemany(self.update_sql[with_vectors], params)


def _one_line(exc: Exception) -> str:
    return re.sub(r"\s+", " ", str(exc))[:200]


def sync_own(claim: Claim) -> FactCheck | None:
    """ClaimsDB's own check of ``claim`` in the library while it is checked with a verdict; out
    otherwise. A row an import left at the check's url is taken over (ours is the authority on our
    own pages), so publishing never collides with it."""
    if not claim.is_published:
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
    foreign = FactCheck.objects.filter(url=values["url"], claim__isnull=True).first()
    if foreign is not None and row is None:
        row = foreign  # an imported copy of our page: it becomes the own entry
        row.claim, row.raw, row.language = claim, {}, ""
        ClaimMatch.objects.filter(claim=claim, factcheck=row).delete()  # never matched with itself
    elif foreign is not None:
        foreign.delete()  # an imported copy at the url our entry moves to
    row = row or FactCheck(claim=claim)
    for k, v in values.items():
        setattr(row, k, v)
    _with_vectors(row)
    row.save()
    _dense_on_commit(row)
    match_index.refresh_on_commit()  # indexed and matched against the stored claims after commit
    return row


def save_edited(row: FactCheck) -> FactCheck:
    """An editor's change of a library entry (the admin's form): saved with the vectors of its
    wording (the encoder's once committed), then indexed and matched against the stored claims
    after commit, as an own check."""
    _with_vectors(row)
    row.save()
    _dense_on_commit(row)
    match_index.refresh_on_commit()
    return row


def delete_edited(rows) -> None:
    """Library entries (a queryset) an editor deletes: out of the index, and out of the claims'
    matches (the rows cascade), after commit."""
    rows.delete()
    match_index.refresh_on_commit()


def _with_vectors(row: FactCheck) -> None:
    """WordLlama's vectors of the row's wording (a lookup of word vectors: cheap inside the save)."""
    row.vectors = ranker.entry_vectors(row.claim_reviewed, row.title).tobytes()


def _dense_on_commit(row: FactCheck) -> None:
    """The sentence encoder's vectors of the row's wording (``FactCheck.dense``) stored after the
    commit, before the refresh reads the row, so that no match request, worker or refresh encodes
    it again; kept when the row holds those of the same wording."""
    if mdense.unpack(row.dense, row.claim_reviewed, row.title) is None:
        match_index.store_dense_on_commit(row.pk, row.claim_reviewed, row.title)
