"""The match index on disk, shared by every worker, built and updated off the request path.

Writers (``manage.py build_match_index``, the fact-check import, an own check published or withdrawn
or an entry changed or deleted in the admin, after its transaction commits) add a segment for the fact-checks new or changed since the live
generation, tombstone what they replace or what was deleted, and publish the next generation
(``articles/matching/store.py``); now and then they compact everything into fresh segments.
Readers (``library()``, on the request path) map the live generation, noticing a new one by one
``stat`` of its ``CURRENT`` file, and never build it: rows changed since the generation was
published (at most ``CLAIMSDB_MATCH_INDEX_PENDING`` of them, newest first) are indexed in memory
on top of it and replace their old versions, so a corrected fact-check is never matched by its
old text, even before a writer caught up. They take the sentence encoder's vectors stored with the
rows (``FactCheck.dense``, computed at an editor's save or once by a writer): a request never encodes.
"""
from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import connection, transaction

from articles.extraction.text import statement
from articles.matching import dense, encoder, index_build, ranker, semantic, store
from articles.matching import text as mtext
from articles.matching.bm25 import BM25
from articles.models import Claim, ClaimMatch, FactCheck

log = logging.getLogger(__name__)

CHUNK = 50_000  # fact-checks a segment of a full build
READ = 5_000  # fact-checks a full build reads (and holds) at a time: its memory, not the segment's
MARGIN = timedelta(seconds=120)  # rows committed late with an older updated_at are still caught
MAX_SEGMENTS = 12  # more (or a fifth of the rows tombstoned) and the next update compacts
# Rows of the encoder's vectors ``refresh`` (after an editor's save, on commit) fills itself: an edit
# is one row (2 texts, ~20-100 ms); 1,000 new rows took 53 s at a load of 10 on this machine (~19
# claims/s): those go to the job ``claimsdb.fill_match_vectors``.
REFRESH_DENSE = 200
FILL_BLOCK = 2_000  # rows the fill job reads and encodes at a time
_lock = threading.Lock()
_state: dict = {}


def index_dir() -> Path:
    """CLAIMSDB_MATCH_INDEX_DIR, by default next to the database (SQLite: beside its file)."""
    configured = getattr(settings, "CLAIMSDB_MATCH_INDEX_DIR", "")
    if configured:
        return Path(configured)
    db = settings.DATABASES["default"]
    name = str(db.get("NAME") or "claimsdb")
    if db["ENGINE"].endswith("sqlite3") and name != ":memory:" and not name.startswith("file:"):
        return Path(name).with_name(Path(name).name + ".match-index")
    return Path(settings.BASE_DIR) / f"match-index-{Path(name).name}"


def pending_cap() -> int:
    return int(getattr(settings, "CLAIMSDB_MATCH_INDEX_PENDING", 2000))


def stamp(dt: datetime) -> int:
    return int(dt.timestamp() * 1_000_000)


def from_stamp(us: int) -> datetime:
    return datetime.fromtimestamp(us / 1_000_000, tz=UTC)


def _rows(ids: Iterable[int], vectors: bool = True) -> list[store.Row]:
    """The rows to index, read 2,000 at a time, with the encoder's vectors stored with them when
    they are those of the current wording (``dense.unpack``); ``vectors=False``: without any
    vectors (a build's first pass reads only the wording)."""
    from articles.services.matching import decode_vectors

    ids = list(ids)
    out: list[store.Row] = []
    for k in range(0, len(ids), 2000):
        part = ids[k:k + 2000]
        qs, extra = _by_ids(part)
        if vectors:
            rows = [store.Row(i, c, t, decode_vectors(v), stamp(u), claimant=a, published=d,
                              dense=dense.unpack(e, c, t))
                    for i, c, t, v, e, u, a, d in qs.values_list("id", "claim_reviewed", "title", "vectors", "dense",
                                                                 "updated_at", "claimant", "date_published")
                    if not extra or i in extra]
        else:
            rows = [store.Row(i, c, t, None, stamp(u), claimant=a, published=d)
                    for i, c, t, u, a, d in qs.values_list("id", "claim_reviewed", "title", "updated_at", "claimant",
                                                           "date_published")
                    if not extra or i in extra]
        out += rows
    return out


def _by_ids(part: list[int]):
    """The query of the rows of ``part`` in id order, and the ids it must keep (None: all it reads).
    A run of ascending ids with few gaps (a full build's, read in id order) is read as a range of the
    primary key, without ``id__in``'s 2,000 bound parameters (Django prepared each one: ~1.5 s of CPU a
    100,000-row build, which reads its rows twice); a row in the range but not in ``part`` (written
    since the ids were listed) is left out here, as ``id__in`` leaves it. Any other list: ``id__in``."""
    qs = FactCheck.objects.order_by("id")
    if len(part) > 1 and part[-1] - part[0] < 2 * len(part) and all(a < b for a, b in zip(part, part[1:], strict=False)):
        keep = None if part[-1] - part[0] + 1 == len(part) else set(part)
        return qs.filter(id__gte=part[0], id__lte=part[-1]), keep
    return qs.filter(id__in=part), None


# --- the request path: map the live generation, never build it ---------------------------------

def _manifest(root: Path) -> dict | None:
    try:
        st = os.stat(root / "CURRENT")
    except FileNotFoundError:
        return None
    key = (st.st_mtime_ns, st.st_size, st.st_ino)
    if _state.get("manifest_key") != key:
        _state["manifest"], _state["manifest_key"] = store.read_manifest(root), key
    return _state["manifest"]


def library() -> ranker.Library:
    """The live generation plus the rows changed since it was published (see the module doc)."""
    root = index_dir()
    manifest = _manifest(root)
    qs = FactCheck.objects.order_by("-updated_at", "-id")
    if manifest:
        qs = qs.filter(updated_at__gt=from_stamp(manifest["watermark"]))
    pending = tuple(qs.values_list("id", "updated_at")[: pending_cap() + 1])
    if manifest is None and len(pending) > pending_cap():
        # Nothing built yet (a library loaded by other means than import): the one case of a build
        # before an answer; every later change goes through the writers.
        log.warning("match index: none at %s; building it now (run manage.py build_match_index)", root)
        update()
        return library()
    if len(pending) > pending_cap():
        log.warning("match index: over %d rows changed since generation %s; run manage.py build_match_index",
                    pending_cap(), manifest["generation"])
        pending = pending[: pending_cap()]
    key = (str(root), manifest and manifest["generation"], pending)
    cached = _state.get("library")
    if cached and cached[0] == key:
        return cached[1]
    with _lock:
        cached = _state.get("library")
        if cached and cached[0] == key:
            return cached[1]
        lib = _open(root, manifest, [i for i, _ in pending])
        _state["library"] = (key, lib)
        return lib


def _open(root: Path, manifest: dict | None, pending_ids: list[int]) -> store.StoredLibrary:
    if manifest and _state.get("swept") != manifest["generation"]:
        # a fill killed since left its file in a segment (a few ``glob`` a generation, not a match)
        store.remove_stale_temp(root)
        _state["swept"] = manifest["generation"]
    base = store.open_generation(root, manifest) if manifest else store.StoredLibrary([])
    if not pending_ids:
        return base
    rows = _pending_dense(_rows(pending_ids), base)
    if manifest:
        idf = base.token_idf
    else:
        idf = index_build.token_idf(index_build.token_df(index_build.tokens_of(rows)), len(rows), ranker.default_background())
    extra = store.Segment(None, index_build.segment_arrays(rows, idf)) if rows else None
    replaced = np.flatnonzero(np.isin(base.ids, np.asarray(pending_ids, dtype=np.int64)))
    if manifest is None:
        return store.StoredLibrary([extra] if extra else [])
    return store.open_generation(root, manifest, [extra] if extra else [], replaced.tolist())


def _pending_dense(rows: list[store.Row], base: store.StoredLibrary) -> list[store.Row]:
    """The pending rows as the in-memory segment takes them: with the encoder's vectors stored with
    each (``FactCheck.dense``: an editor's save computes them, ``store_dense``), never encoded here
    (a match request only reads vectors). When the live generation has none, none (the segment
    would drop them). A row with none stored (written by a path that computes none, an import
    before its own update) leaves the segment without them: the fallback weights until the refresh
    or the fill job stores them, as a segment without them does."""
    if base.dense is None:
        return [replace(r, dense=None) for r in rows]
    return rows


def warm() -> None:
    """Load the matcher's models (``store.warm``) in a server's master before it forks its workers
    (gunicorn.conf.py ``when_ready``): every worker shares one copy. A failure only logs: a worker
    then loads them on its first match, as without this."""
    try:
        root = index_dir()
        store.warm(root if root.is_dir() else None)
    except Exception:
        log.warning("match index: could not load the matcher before the workers started", exc_info=True)


# --- writers ---------------------------------------------------------------------------------

@contextmanager
def _writer(root: Path):
    root.mkdir(parents=True, exist_ok=True)
    with open(root / "LOCK", "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def update(full: bool = False) -> dict:
    """Bring the index up to the library: append what changed, tombstone what went (or rebuild
    everything: ``full``, nothing built yet, an older format, or too many segments or tombstones). Returns what it
    did: ``{"generation", "rows", "appended": [fact-check ids new or changed], "removed", "seconds"}``."""
    root = index_dir()
    t0 = time.perf_counter()
    with _writer(root):
        manifest = store.read_manifest(root)
        if manifest and not full and manifest.get("format") == store.FORMAT:
            done = _append(root, manifest)
        else:
            done = _rebuild(root, manifest)
        store.collect_garbage(root, store.read_manifest(root))
    done["seconds"] = round(time.perf_counter() - t0, 2)
    return done


def _db_watermark() -> int:
    last = FactCheck.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    return stamp(last) if last else 0


def _rebuild(root: Path, old: dict | None) -> dict:
    generation = (old["generation"] + 1) if old else 1
    watermark = _db_watermark()  # read first: a row written during the build is caught next time
    ids = list(FactCheck.objects.order_by("id").values_list("id", flat=True))

    passes = []
    carry = _dense_carrier(root, old)

    def chunks():  # store.build_generation reads them twice: the first pass needs only the wording
        # (the second: with the encoder's vectors stored with the rows, or carried from the old generation)
        passes.append(len(passes))
        for k in range(0, len(ids), READ):
            rows = _rows(ids[k:k + READ], vectors=len(passes) > 1)
            yield carry(rows) if len(passes) > 1 else rows

    store.build_generation(root, generation, chunks, watermark, segment_rows=CHUNK)
    return {"generation": generation, "rows": len(ids), "appended": ids, "removed": 0, "full": True}


def _dense_carrier(root: Path, old: dict | None):
    """Rows without the encoder's vectors stored given those the old generation holds for the same
    version of them (id and stamp; an index filled before ``FactCheck.dense`` existed): a rebuild
    keeps what a fill job computed instead of dropping the segments to none."""
    try:
        lib = store.open_generation(root, old) if old and old.get("segments") else None
    except (OSError, ValueError, KeyError):  # a broken or old-format index: the rebuild repairs it
        lib = None
    at = {}  # (id, stamp) -> (segment, row) over the segments that have the vectors
    for k, seg in enumerate(lib.segments if lib is not None else ()):
        if seg.has("dense.claim") and seg.has("dense.title"):
            at.update(((int(i), int(t)), (k, j)) for j, (i, t) in enumerate(zip(
                np.asarray(seg.ids).tolist(), np.asarray(seg["stamps"]).tolist(), strict=True)))
    budget = [REFRESH_DENSE if dense_wanted() else 0]
    if not at:  # nothing filled before: the rows' stored vectors, the rest left to the fill
        return lambda rows: rows

    def carry(rows: list[store.Row]) -> list[store.Row]:
        out = []
        for r in rows:
            p = at.get((r.id, r.stamp)) if r.dense is None else None
            if p is not None:
                seg = lib.segments[p[0]]
                r = replace(r, dense=np.stack([seg["dense.claim"][p[1]], seg["dense.title"][p[1]]]))
            out.append(r)
        return _encode_few(out, budget)

    return carry


def _encode_few(rows: list[store.Row], budget: list[int]) -> list[store.Row]:
    """The rows changed since the old generation (an editor's saves before a compaction) encoded, up
    to ``budget`` in all: the rebuilt segment keeps its vectors instead of dropping the whole library
    to the fallback weights. More are left to the fill job. Those encoded are stored with the rows
    (``store_dense``): never encoded again."""
    todo = [k for k, r in enumerate(rows) if r.dense is None]
    if not todo or len(todo) > budget[0]:
        return rows
    vecs = dense.many([(rows[k].claim, rows[k].title) for k in todo])
    if vecs is not None:
        budget[0] -= len(todo)
        for k, v in zip(todo, vecs, strict=True):
            rows[k] = replace(rows[k], dense=v)
        store_dense([(rows[k].id, rows[k].claim, rows[k].title, rows[k].dense) for k in todo])
    return rows


def store_dense_on_commit(pk: int, claim: str, title: str) -> None:
    """The encoder's vectors of a row an editor saved (an own check, an edit in the admin), computed
    once the save's transaction commits and stored with the row (``store_dense``), before the
    refresh registered after this reads them (callbacks run in order): two texts, ~20-100 ms (a
    second or more under load or when the process first loads the encoder), never inside the
    transaction, whose write lock (SQLite's ``BEGIN IMMEDIATE``: the whole database's) every other
    writer would wait on meanwhile. Nothing when the match model does not read them or the encoder
    is missing; a failure leaves the row to the refresh's fill and never fails the save."""

    def encode_and_store():
        try:
            if not dense_wanted():
                return
            # a refresh of the same commit that ran first (saves of several rows in one transaction:
            # one refresh each) may have stored them already; a row reworded since has its own
            now = FactCheck.objects.filter(pk=pk).values_list("claim_reviewed", "title", "dense").first()
            if now is None or now[:2] != (claim, title) or dense.unpack(now[2], claim, title) is not None:
                return
            v = dense.many([(claim, title)])
            if v is not None:  # ``updated_at`` bumped: a worker that opened the row pending without
                # them in the meantime opens it again with them, refresh or not (CLAIMSDB_MATCH_INDEX_AUTO=0)
                FactCheck.objects.filter(pk=pk, claim_reviewed=claim, title=title).update(
                    dense=dense.pack(claim, title, v[0]))
        except Exception:
            log.exception("encoding fact-check %s failed; the refresh's fill or the job encodes it", pk)

    transaction.on_commit(encode_and_store)


def store_dense(rows: list[tuple[int, str, str, np.ndarray]]) -> None:
    """Keep encoded vectors with their fact-checks ((id, claim, title, (2, 384)) each), leaving
    ``updated_at`` as it is (no change of the library: nothing to index again). Only into a row
    still worded as they were made from: a row reworded meanwhile (an editor's save while a fill
    encoded for minutes) keeps the vectors of its new wording instead of losing them to old ones."""
    if not rows:
        return
    meta, q = FactCheck._meta, connection.ops.quote_name
    sql = (f"UPDATE {q(meta.db_table)} SET {q(meta.get_field('dense').column)} = %s "
           f"WHERE {q(meta.pk.column)} = %s AND {q(meta.get_field('claim_reviewed').column)} = %s "
           f"AND {q(meta.get_field('title').column)} = %s")
    field = meta.get_field("dense")
    params = [(field.get_db_prep_save(dense.pack(c, t, v), connection), i, c, t) for i, c, t, v in rows]
    for k in range(0, len(params), 500):
        with transaction.atomic(), connection.cursor() as cur:  # short transactions: editors write meanwhile
            cur.executemany(sql, params[k:k + 500])


def missing_dense(root: Path | None = None) -> int:
    """Rows of the live generation in segments without the encoder's vectors (0 without the encoder:
    nothing can fill them, and the matcher uses the model's fallback)."""
    root = root or index_dir()
    manifest = store.read_manifest(root)
    if not manifest or not encoder.available():
        return 0
    return sum(len(np.load(root / s / "ids.npy", mmap_mode="r")) for s in manifest["segments"]
               if not (root / s / "dense.claim.npy").exists() or not (root / s / "dense.title.npy").exists())


def fill_dense() -> dict:
    """The encoder's vectors for every segment of the live generation that lacks them, then the same
    segments published as the next generation (readers map the new files). Slow (a core encodes
    ~30-200 texts/s, two a fact-check): run off the request path, by ``refresh``, the import (a
    library of up to CLAIMSDB_MATCH_DENSE_INLINE rows) or the job ``claimsdb.fill_match_vectors``."""
    root = index_dir()
    t0 = time.perf_counter()
    done = {"rows": 0, "segments": 0}
    if not encoder.available():
        return {**done, "seconds": 0.0}
    store.remove_stale_temp(root)  # a fill killed before (SIGKILL: no ``finally``) left its file
    # Encoded without the write lock (minutes for a large segment: an update must not wait on it);
    # the lock is taken only to add the files to segments still live and still without them.
    computed = {}
    try:  # a failure on a later segment leaves no earlier segment's encoded file behind
        current = store.read_manifest(root) or {}
        names = list(current.get("segments", ()))
        # a build's segments (the manifest's "ann" groups) get one graph a view over them all
        # (``index_build.build_dense_ann``), not one a segment: built below, before publishing
        grouped = {n for g in current.get("ann", ()) for n in names[g["first"]:g["first"] + g["segments"]]}
        for name in names:
            folder = root / name
            if (folder / "dense.claim.npy").exists() and (folder / "dense.title.npy").exists():
                continue
            try:
                computed[name] = _encode_segment(folder, ann=name not in grouped)
            except FileNotFoundError:  # compacted away meanwhile: the next fill sees its successor
                continue
        _group_graphs(root, current, computed)
        if computed:
            with _writer(root):
                manifest = store.read_manifest(root)
                for name in (manifest or {}).get("segments", ()):
                    folder = root / name
                    if name not in computed or ((folder / "dense.claim.npy").exists()
                                                and (folder / "dense.title.npy").exists()):
                        continue
                    index_build.write_dense(folder, np.load(computed[name][1], mmap_mode="r"), ann=False)
                    done["rows"] += computed[name][0]
                    done["segments"] += 1
                if done["segments"]:
                    store.publish(root, {**manifest, "generation": manifest["generation"] + 1})
    finally:
        for _, path in computed.values():
            path.unlink(missing_ok=True)
    done["seconds"] = round(time.perf_counter() - t0, 2)
    return done


def _group_graphs(root: Path, manifest: dict, computed: dict[str, tuple[int, Path]]) -> None:
    """The encoder's graphs of each build (the manifest's "ann" groups) a fill just gave vectors:
    built outside the write lock (minutes at 300,000 rows), seen by readers once the fill publishes."""
    names = manifest.get("segments", [])
    for g in manifest.get("ann", ()):
        members = names[g["first"]:g["first"] + g["segments"]]
        if not any(m in computed for m in members):
            continue
        try:
            index_build.build_dense_ann(root / g["folder"], [root / m for m in members],
                                        vectors={root / m: computed[m][1] for m in members if m in computed})
        except FileNotFoundError:  # compacted away meanwhile: the next build makes its own
            continue


def fill_and_rematch() -> dict:
    """``fill_dense``, then, when it completed a library that lacked vectors, every stored claim matched
    again: while any segment lacked them the matches were the fallback model's (the job
    ``claimsdb.fill_match_vectors`` and ``build_match_index --vectors``; an editor's inline fill is
    followed by its own re-matching)."""
    missing = missing_dense()
    done = fill_dense()
    done["matched"] = 0
    if missing and done["rows"] and not missing_dense():
        from articles.services.rematch import match_all_claims

        done["matched"] = match_all_claims()
    return done


def _encode_segment(folder: Path, ann: bool = True) -> tuple[int, Path]:
    """A segment's encoder vectors, ``FILL_BLOCK`` rows at a time into a file beside it (memory flat
    whatever the segment's size), and (``ann``) their approximate index past ``DENSE_ANN_MIN`` rows:
    (rows, file)."""
    ids = np.load(folder / "ids.npy").tolist()
    # not ``.npy``: a reader maps every ``.npy`` of a segment; a fill running at once has its own file
    path = folder / f"dense-fill.{index_build.temp_owner()}.tmp"
    out = np.lib.format.open_memmap(path, mode="w+", dtype=np.float16, shape=(len(ids), 2, encoder.DIM))
    try:
        for k in range(0, len(ids), FILL_BLOCK):
            part = ids[k:k + FILL_BLOCK]
            found = {i: (c, t, dense.unpack(e, c, t)) for i, c, t, e in FactCheck.objects.filter(id__in=part)
                     .values_list("id", "claim_reviewed", "title", "dense")}
            # only rows without vectors stored (an editor's save stored its own) are encoded, then
            # stored: the next rebuild, fill or worker reads them
            todo = [i for i in part if i in found and found[i][2] is None]
            made = dict(zip(todo, dense.many([found[i][:2] for i in todo]), strict=True)) if todo else {}
            store_dense([(i, *found[i][:2], made[i]) for i in todo])
            # a row deleted since (tombstoned) gets a zero vector: never a candidate
            out[k:k + len(part)] = [made[i] if i in made else found[i][2] if i in found
                                    else np.zeros((2, encoder.DIM), np.float16) for i in part]
        out.flush()
        del out
        if ann:  # the graphs built here, outside the write lock (~20-40 s a 50,000-row segment)
            index_build.write_dense_ann(folder, vectors=np.load(path, mmap_mode="r"))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return len(ids), path


def dense_wanted() -> bool:
    """Whether updates fill the encoder's vectors: the encoder is installed and the match model scores
    them (no encoding for a model that would not read it)."""
    return encoder.available() and ranker.default_model().dense


def dense_inline() -> int:
    """Rows an update fills with the encoder's vectors at once; more are left to the job."""
    return int(getattr(settings, "CLAIMSDB_MATCH_DENSE_INLINE", 25_000))


def _append(root: Path, manifest: dict) -> dict:
    lib = store.open_generation(root, manifest)
    stamps = np.concatenate([np.asarray(s["stamps"]) for s in lib.segments]) if lib.segments else np.zeros(0, np.int64)
    live = ~lib.dead
    indexed = dict(zip(lib.ids[live].tolist(), stamps[live].tolist(), strict=True))
    since = from_stamp(manifest["watermark"]) - MARGIN
    recent = list(FactCheck.objects.filter(updated_at__gt=since).values_list("id", "updated_at"))
    todo = sorted(i for i, u in recent if indexed.get(i) != stamp(u))
    watermark = max([manifest["watermark"], *(stamp(u) for _, u in recent)])
    new_ids = [i for i in todo if i not in indexed]
    gone: list[int] = []
    if FactCheck.objects.count() != len(indexed) + len(new_ids):
        present = set(FactCheck.objects.values_list("id", flat=True))
        gone = [i for i in indexed if i not in present]
    if not todo and not gone:
        return {"generation": manifest["generation"], "rows": len(indexed), "appended": [], "removed": 0,
                "full": False}
    dead = set(manifest["dead"])
    dead.update(np.flatnonzero(live & np.isin(lib.ids, np.asarray(todo + gone, dtype=np.int64))).tolist())
    # compaction: too many segments, too many tombstones, or more new rows than a segment holds
    if len(manifest["segments"]) >= MAX_SEGMENTS or len(todo) > CHUNK or len(dead) > 0.2 * max(len(lib.ids), 1):
        done = _rebuild(root, manifest)
        done["appended"] = todo
        return done
    rows = _rows(todo)
    new = store.append_generation(root, manifest, rows, dead, watermark, lib.token_idf)
    return {"generation": new["generation"], "rows": new["rows"], "appended": [r.id for r in rows],
            "removed": len(gone), "full": False}


# --- incremental re-matching ---------------------------------------------------------------------

def claims_to_rematch(factcheck_ids: list[int], claims: list[Claim], per_factcheck: int = 20) -> list[Claim]:
    """The stored claims a new or changed fact-check may now match (or no longer match): those
    already matched to it, and the closest claims to it by words and by meaning."""
    if not factcheck_ids or not claims:
        return []
    ids = set(ClaimMatch.objects.filter(factcheck_id__in=factcheck_ids).values_list("claim_id", flat=True))
    if len(factcheck_ids) * per_factcheck * 2 >= len(claims):
        return claims
    k = min(per_factcheck, len(claims) - 1)
    texts = [mtext.clean_query(statement(c.text)) for c in claims]
    vec = semantic.embed(texts)
    lex = BM25([mtext.words(t) for t in texts])
    rows = FactCheck.objects.filter(id__in=factcheck_ids).values_list("claim_reviewed", "title")
    for claim_reviewed, title in rows:
        both = ranker.entry_texts(claim_reviewed, title)[2]
        for s in (vec @ semantic.embed([both])[0], lex.scores(mtext.words(both))):
            ids.update(claims[j].pk for j in np.argpartition(-s, k)[: k + 1] if s[j] > 0)
    return [c for c in claims if c.pk in ids]


def rematch(factcheck_ids: list[int]) -> int:
    """Match the claims these fact-checks concern again (not every claim); what they newly match
    is stored as ClaimMatch rows, which the desk shows. Returns how many matches were stored."""
    from articles.services.matching import match_claims

    claims = list(Claim.objects.filter(in_text=True).only("id", "text", "checkworthiness", "checkworthiness_version"))
    todo = claims_to_rematch(list(factcheck_ids), claims)
    return (match_claims(todo) or 0) if todo else 0


def refresh() -> dict:
    """The background job after a library change: update the index, then re-match what it concerns."""
    done = update()
    missing = missing_dense() if dense_wanted() else 0
    if 0 < missing <= REFRESH_DENSE:  # the new rows' vectors, before matching with them
        fill_dense()
    done["matched"] = rematch(done["appended"]) if done["appended"] else 0
    if missing > REFRESH_DENSE:  # more: the job (fallback weights meanwhile), not this commit's thread
        queue_fill()
    return done


def queue_fill() -> bool:
    """Queue the job that fills the encoder's vectors; whether it was queued. Without a broker a job
    runs in the calling process (an editor's request, an import of 300,000 rows: hours of encoding):
    then it is left to ``build_match_index --vectors``."""
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        log.warning("match index: segments without the encoder's vectors (fallback weights until "
                    "`manage.py build_match_index --vectors` runs; no job queue is configured)")
        return False
    from articles.ingestion import jobs

    try:
        jobs.fill_match_vectors.delay()
    except Exception:  # a broker down must not fail the refresh; the next update queues it again
        log.warning("match index: could not queue claimsdb.fill_match_vectors", exc_info=True)
        return False
    return True


def refresh_on_commit() -> None:
    """Schedule ``refresh`` after the current transaction commits (off the match request's path).
    Set CLAIMSDB_MATCH_INDEX_AUTO=0 where a separate job (cron, a queue) runs build_match_index."""
    if not getattr(settings, "CLAIMSDB_MATCH_INDEX_AUTO", True):
        return

    def run():
        try:
            refresh()
        except Exception:  # an index update must never fail the editor's save; requests stay correct
            log.exception("match index update failed; the next update or build_match_index catches up")

    transaction.on_commit(run)
