"""How a segment of the library index is written: the arrays a fact-check's rows make (lexical
postings, token ids, vectors and their int8 codes, claimants and names), built a block of rows at a
time (``SegmentWriter``) so that memory stays flat over a library of any size, and the shared
approximate vector index (usearch HNSW) over a generation's segments. ``store`` reads what this
writes. Pure Python and numpy, no Django.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import chain, islice
from pathlib import Path

import numpy as np

from . import dense, encoder, genre, quotes, ranker, semantic, text
from .ann import keep_vectors, release_memory

LEXICAL = ("claim", "title", "both", "bigrams", "chars")
# A segment this large gets an approximate vector index (usearch HNSW) per view; below it, exact
# cosines over every row cost less than the search (benchmarks/match_scale.py measures both).
ANN_MIN = 20_000
ANN_TOP = 128  # rows an approximate search returns per view and segment (candidates take 40)
# A build's int8 index (FORMAT 7) has one WordLlama graph, of the "both" view (claim and title
# together), searched once a match to this depth; the rows it returns get their exact cosines in
# every view. Three graphs a view were most of a 300,000-record import's CPU (MODEL_CARD.md); on the
# real libraries' rows (29,639) and the 316 dev queries, top 5 shared with exact cosines (claim /
# title / both): three graphs searched to 128 0.966 / 0.968 / 0.958, the joint graph to 384 0.968 /
# 0.946 / 0.989, to 256 0.953 / 0.926 / 0.976 (an inverted-file index scanning a quarter of the
# rows: 0.897 / 0.870 / 0.894, not kept).
ANN_JOINT = "both"
ANN_JOINT_TOP = int(os.environ.get("CLAIMSDB_MATCH_ANN_JOINT_TOP", "384"))
# A segment this large gets an approximate index of the sentence encoder's vectors too (int8 graphs
# searched, the float16 ``dense.<view>.npy`` giving the exact cosines): brute force over float16 rows
# costs ~0.6-1.5 ms a 1,000 rows a view here (a 300,000-row library: 0.4-0.9 s a match), the search
# ~0.3 ms a segment. Match model 2.6 reads those cosines only as features of the candidates other lists find
# (``dense.columns``): the search gives the best rows (the gap's maximum, the ranks near the top), the
# candidates get their exact cosines back (``dense.exact``). Through the store with the index
# forced on every segment, MAP@5 on 2020 dev stayed 0.8843 and on 2B dev went 0.4532 -> 0.4546; the
# search's top 10 held 0.993 / 0.971 of brute force's. Through match_eval (a fresh import: the graphs
# built on two threads, not deterministic) with it from 5,000 rows: 2020 dev 0.8843 -> 0.8847, 2B dev
# 0.4532 -> 0.4521 (one query). So from 20,000 rows, as the other vectors' index: both dev libraries
# (10,389 and 19,250) keep brute force and their figures exactly; at 10,000 rows that costs ~13 ms a
# match of CPU against under 1 ms (CLAIMSDB_MATCH_DENSE_ANN_MIN lowers it). A build's segments (the
# manifest's "ann" groups) share one graph a view, as WordLlama's do (``build_dense_ann``: at 300,000
# rows 2 searches a match instead of 12); a segment appended later gets its own past this size.
DENSE_ANN_MIN = int(os.environ.get("CLAIMSDB_MATCH_DENSE_ANN_MIN", "20000"))
# the graphs' build: edges a node and the breadth of the walk that places a new one
ANN_CONNECTIVITY, ANN_EXPANSION_ADD = 16, 64
K1, B = 1.2, 0.75  # as articles.matching.bm25.BM25
_SEP = "\x1f"
# 2: segments carry each row's claimant surname and proper names (the context features)
# 3: postings and token ids in the narrowest integer types; a segment with the approximate index
# keeps its vectors in that index only
# 4: the segments of a generation's build share one approximate index a view (``ann-NNNNNN/``, the
# manifest's "ann"), keyed by row position over them: one search a view instead of one a segment;
# a format 3 generation (an index a segment) still answers until a writer rebuilds it
# 5: with ANN_DTYPE "i8", int8 graphs (built in 0.6x the CPU time, searched as well:
# ``benchmarks/match_exactness.py``) and float16 vectors beside them in each segment (``vec.<view>.npy``,
# a candidate's exact cosines); "f16": float16 graphs holding the vectors only, as format 4 did
# 6: with "i8" (now the default) each segment keeps its vectors as int8 codes and a scale a row
# (``q8.<view>.npy``, ``q8s.<view>.npy``: ``ann.quantize``; the weighted vectors too) instead: the
# int8 graphs' CPU time with fewer bytes mapped than float16 graphs
# 7: with "i8", the build's one WordLlama graph is the joint view's (``ANN_JOINT``), searched for every
# view; a reader takes every layout above
# 8: segments carry the stems each fact-check's claim quotes (``quotes.offsets`` / ``quotes.blob``:
# ``quotes.words``, model 2.7's ``quote_words``); a segment of 7 or older reads as quoting nothing
# (the column 0 for its rows) until the next writer's update rebuilds the generation
FORMAT = 8
ANN_DTYPE = os.environ.get("CLAIMSDB_MATCH_ANN_DTYPE", "i8")  # "i8" or "f16": see FORMAT 5 and 6


@dataclass(frozen=True)
class Row:
    """One fact-check to index: ``ranker.Entry`` plus the stamp of the version indexed."""

    id: int
    claim: str
    title: str
    vectors: np.ndarray | None
    stamp: int  # updated_at in microseconds: a row whose stamp changed is re-indexed
    claimant: str = ""  # who made the reviewed claim (``ranker.Entry.claimant``)
    published: date | None = None  # when the fact-check was published (``ranker.Entry.date``)
    # (2, 384) float16: the sentence encoder's vectors of claim and title (``ranker.Entry.dense``);
    # a segment keeps them (``dense.<view>.npy``) only when every row of it has them
    dense: np.ndarray | None = None


@lru_cache(maxsize=100_000)
def term_hash(term: str) -> int:
    """A stable 64-bit key for a term (BM25 vocabularies are sorted arrays of these, not dicts)."""
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "little")


def _lexical_docs(texts: list[tuple[str, str, str]]):
    """Each lexical view's documents, a view at a time (``_postings`` reads a block at a time). "both"
    (``entry_texts``) is the claim's words then the title's: two ``text.words`` a row, not four."""
    claims = [text.words(t[0]) for t in texts]
    yield "claim", iter(claims)
    titles = [text.words(t[1]) for t in texts]
    yield "title", iter(titles)
    yield "both", (c + t for c, t in zip(claims, titles, strict=True))
    yield "bigrams", (text.with_bigrams(c + t) for c, t in zip(claims, titles, strict=True))
    del claims, titles
    yield "chars", (text.char_grams(t[2]) for t in texts)


def _postings(docs: Iterable[list[str]], block: int = 4096) -> dict[str, np.ndarray]:
    """CSR postings keyed by sorted term hashes: terms, offsets, docs (local), tf; and doc lengths.
    ``docs`` is read a block at a time, each block's terms turned into integer ids at once."""
    vocab: dict[str, int] = {}
    parts, sizes = [], []
    it = iter(docs)
    while part := list(islice(it, block)):
        terms = list(chain.from_iterable(part))
        new = [t for t in dict.fromkeys(terms) if t not in vocab]
        vocab.update(zip(new, range(len(vocab), len(vocab) + len(new)), strict=True))
        parts.append(np.fromiter(map(vocab.__getitem__, terms), dtype=np.int32, count=len(terms)))
        sizes += [len(d) for d in part]
        del part, terms
    # a segment's grams are millions: 4-byte term ids and owners, one 8-byte key each (the build's peak)
    flat = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
    del parts
    docs = sizes  # only their lengths are needed below
    lengths = np.asarray(docs, dtype=np.float32)
    owner = np.repeat(np.arange(len(docs), dtype=np.int32), lengths.astype(np.int64))
    hashes = np.fromiter((term_hash(t) for t in vocab), dtype=np.uint64, count=len(vocab))
    order_terms = np.argsort(hashes, kind="stable")
    rank = np.empty(len(vocab), dtype=np.int64)
    rank[order_terms] = np.arange(len(vocab))
    # one posting per (term, document), in term order then document order, with its count
    key = rank[flat]
    del flat
    key *= max(len(docs), 1)
    key += owner
    del owner
    # np.unique(key, return_counts=True) without its copy of the keys (48 MB for 50,000 rows' grams)
    key.sort()
    first = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1]))) if len(key) else np.zeros(0, np.intp)
    pairs, tf = key[first], np.diff(np.append(first, len(key)))
    del key, first
    term_ids, doc_ids = np.divmod(pairs, max(len(docs), 1))
    counts = np.bincount(term_ids, minlength=len(vocab))
    offsets = np.zeros(len(vocab) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum(counts)
    # the smallest integer types that hold them: read back as the same values (``Postings.scores``)
    return {"terms": hashes[order_terms], "offsets": offsets.astype(_uint_for(len(pairs))),
            "docs": doc_ids.astype(_uint_for(max(len(docs) - 1, 0))),
            "tf": tf.astype(_uint_for(int(tf.max()) if len(tf) else 0)), "len": lengths}


def _uint_for(largest: int) -> type:
    """The narrowest unsigned type for values up to ``largest`` (a segment's postings are counts and
    positions below its row count: 2 bytes a posting instead of 8)."""
    for t in (np.uint8, np.uint16, np.uint32):
        if largest <= np.iinfo(t).max:
            return t
    return np.uint64


def _blob(sets: list[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    parts = [_SEP.join(sorted(s)).encode("utf-8") for s in sets]
    offsets = np.zeros(len(parts) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(p) for p in parts])
    return np.frombuffer(b"".join(parts), dtype=np.uint8).copy(), offsets


def token_df(tokens: list[np.ndarray]) -> np.ndarray:
    """Per WordLlama token, in how many documents it occurs (tokens are unique per document)."""
    size = semantic.vocab_size()
    flat = np.concatenate(tokens) if tokens else np.zeros(0, dtype=np.int64)
    return np.bincount(flat, minlength=size).astype(np.int64)


def token_idf(df: np.ndarray, docs: int, background: ranker.Background | None) -> np.ndarray:
    """``semantic.idf`` from document frequencies already counted."""
    df = df.astype(np.float32)
    n = max(docs, 1)
    if background:
        n += background.docs
        for token, count in background.tokens.items():
            df[token] += count
    return np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)


def tokens_of(rows: list[Row]) -> list[np.ndarray]:
    return semantic.token_ids([ranker.entry_texts(r.claim, r.title)[2] for r in rows])


BUILD_BLOCK = 5_000  # rows a segment's arrays are made from at a time (``SegmentWriter``)


class SegmentWriter:
    """A segment's arrays made a block of rows at a time (``BUILD_BLOCK``), the same arrays as all
    its rows at once: the arrays of one value a row (vectors, lengths, ids, token ids, names) appended
    as each block makes them, to raw files in the segment's folder (``folder``) or to a list (None:
    ``segment_arrays``, kept in this process); each block's postings kept compact (term hashes, counts,
    narrow document numbers and counts) and merged by term at ``finish``. A 50,000-row segment built
    at once held its character grams' keys, four float32 blocks of vectors and every row's tokens
    (~300-570 MB over the builder's base); by blocks, a block's work and the segment's compact postings.
    ``vectors``: how vectors are kept (``ann.keep_vectors``); ``own_ann``: the segment gets its own
    approximate index a view (float16 vectors kept in it only)."""

    def __init__(self, idf: np.ndarray, vectors: str = "f32", folder: Path | None = None, own_ann: bool = False,
                 dense_ann: bool = True):
        """``dense_ann`` False: no approximate index of the segment's own encoder vectors (a segment
        of a generation's build: the build's one graph a view over its segments, ``build_dense_ann``)."""
        self.idf, self.form, self.folder, self.own_ann = idf, vectors, folder, own_ann
        self.dense_ann = dense_ann
        self.n = 0
        self.blocks = 0
        self._parts: dict[str, list[np.ndarray]] = {}  # in memory: key -> the blocks' arrays
        self._files: dict[str, list] = {}  # on disk: key -> [dtype, shape of a row, rows]
        self._postings: dict[str, list] = {name: [] for name in LEXICAL}
        self._df = np.zeros(semantic.vocab_size(), dtype=np.int64)
        self._ends: dict[str, int] = {}  # ragged arrays: where the next block's data starts
        self._dense = True  # every row so far carried the encoder's vectors
        if folder is not None:
            self._tmp = folder.with_name(folder.name + ".tmp")
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp.mkdir(parents=True)
        for key in ("tokens", "numbers", "names", "claimants", "proper", "quotes"):
            self._put(f"{key}.offsets", np.zeros(1, dtype=np.int64))
            self._ends[key] = 0

    def _put(self, key: str, arr: np.ndarray) -> None:
        if self.folder is None:
            self._parts.setdefault(key, []).append(arr)
            return
        arr = np.ascontiguousarray(arr)
        meta = self._files.setdefault(key, [arr.dtype, arr.shape[1:], 0])
        with open(self._tmp / f"{key}.raw", "ab") as f:
            f.write(arr.tobytes())
        meta[2] += len(arr)

    def _ragged(self, key: str, data: np.ndarray, offsets: np.ndarray) -> None:
        """A block's CSR data and offsets (from 0) appended after the blocks before it."""
        self._put(f"{key}.offsets", offsets[1:] + self._ends[key])
        self._put(f"{key}.{'blob' if key != 'tokens' else 'ids'}", data)
        self._ends[key] += int(offsets[-1])

    def add(self, rows: list[Row], tokens: list[np.ndarray]) -> None:
        """Rows in order, with their token ids (``semantic.token_ids`` of the whole segment: the
        padding id depends on its longest text)."""
        for k in range(0, len(rows), BUILD_BLOCK):
            self._add(rows[k:k + BUILD_BLOCK], tokens[k:k + BUILD_BLOCK])

    def _add(self, rows: list[Row], tokens: list[np.ndarray]) -> None:
        start, self.n, self.blocks = self.n, self.n + len(rows), self.blocks + 1
        texts = [ranker.entry_texts(r.claim, r.title) for r in rows]
        self._put("ids", np.asarray([r.id for r in rows], dtype=np.int64))
        self._put("stamps", np.asarray([r.stamp for r in rows], dtype=np.int64))
        # the date features (genre.py): days since genre.EPOCH, NO_DATE unknown
        self._put("dates", np.asarray([genre.days(r.published) for r in rows], dtype=np.int32))
        for name, docs in _lexical_docs(texts):
            p = _postings(docs)
            self._postings[name].append((start, p["terms"], np.diff(p["offsets"].astype(np.int64)).astype(
                _uint_for(len(rows))), p["docs"], p["tf"]))
            self._put(f"{name}.len", p["len"])
            del docs, p
        missing = [i for i, r in enumerate(rows) if r.vectors is None]
        computed = dict(zip(missing, ranker.vectors_many([(rows[i].claim, rows[i].title) for i in missing]),
                            strict=True)) if missing else {}
        made: dict[str, np.ndarray] = {}
        for j, view in enumerate(ranker.VIEWS):
            vec = np.zeros((len(rows), semantic.DIM), dtype=np.float32)
            for i, r in enumerate(rows):
                vec[i] = computed[i][j] if r.vectors is None else r.vectors[j]
            keep_vectors(made, view, vec, self.form)
        del computed
        ids = (np.concatenate(tokens) if tokens else np.zeros(0)).astype(
            _uint_for(semantic.vocab_size() - 1))
        self._ragged("tokens", ids, np.concatenate([[0], np.cumsum([len(t) for t in tokens])]).astype(np.int64))
        self._df += token_df(tokens)
        weighted = np.zeros((len(tokens), semantic.DIM), dtype=np.float32)
        for i, t in enumerate(tokens):
            weighted[i] = semantic.weighted_vector(t, self.idf)
        keep_vectors(made, "weighted", weighted, self.form)
        for key, arr in made.items():
            self._put(key, arr)
        del made, weighted
        self._dense = self._dense and all(r.dense is not None for r in rows)
        if self._dense and rows:
            d = np.stack([r.dense for r in rows]).astype(np.float16)
            for j, view in enumerate(dense.VIEWS):
                self._put(f"dense.{view}", np.ascontiguousarray(d[:, j]))
        self._ragged("numbers", *_blob([text.numbers(t[2]) for t in texts]))
        self._ragged("names", *_blob([text.names(t[2]) for t in texts]))
        self._ragged("quotes", *_blob([quotes.words(t[0]) for t in texts]))  # as ranker.Library.quotes
        # the context features: each claimant's surname, and the proper names with it (as ranker.Library)
        claimants = [ranker.claimant_surname(r.claimant) for r in rows]
        self._ragged("claimants", *_blob([frozenset({c} - {""}) for c in claimants]))
        self._ragged("proper", *_blob([frozenset(text.proper_names(t[2]) | ({c} if c else set()))
                                       for t, c in zip(texts, claimants, strict=True)]))

    def _drop_dense(self) -> None:
        """Some row came without the encoder's vectors: the segment keeps none (a fill job adds them)."""
        for view in dense.VIEWS:
            self._parts.pop(f"dense.{view}", None)
            if self._files.pop(f"dense.{view}", None) is not None:
                (self._tmp / f"dense.{view}.raw").unlink()

    def finish(self) -> dict[str, np.ndarray] | int:
        """The segment's arrays (in memory), or its folder written (renamed into place) and its rows."""
        if not self.blocks:
            self._add([], [])
        if not self._dense or not self.n:
            self._drop_dense()
        merged = {"token_df": self._df}
        for name in LEXICAL:
            for key, arr in _merge_postings(self._postings.pop(name), self.n).items():
                merged[f"{name}.{key}"] = arr
        if self.folder is None:
            merged.update({key: np.concatenate(parts) for key, parts in self._parts.items()})
            self._parts.clear()
            return merged
        for key, arr in merged.items():
            np.save(self._tmp / f"{key}.npy", arr)
        del merged
        for key, (dtype, shape, rows) in self._files.items():
            raw = self._tmp / f"{key}.raw"
            if self.own_ann and key.startswith("vec."):
                # the index keeps the float16 vectors themselves (``AnnRows`` reads them back): no copy
                vec = np.fromfile(raw, dtype=dtype).reshape((rows, *shape))
                _save_ann(self._tmp / f"ann.{key[4:]}.usearch", [vec])
                del vec
            else:
                with open(self._tmp / f"{key}.npy", "wb") as out, open(raw, "rb") as f:
                    np.lib.format.write_array_header_1_0(out, {"descr": np.lib.format.dtype_to_descr(dtype),
                                                                "fortran_order": False, "shape": (rows, *shape)})
                    shutil.copyfileobj(f, out, 1 << 20)
            raw.unlink()
        if self.dense_ann:
            write_dense_ann(self._tmp)
        os.replace(self._tmp, self.folder)
        return self.n


def write_dense(folder: Path, vectors: np.ndarray, ann_min: int | None = None, ann: bool = True) -> None:
    """Add the encoder's vectors ((rows, 2, 384), in the segment's row order) to a written segment:
    each view's file written aside and renamed into place (a reader maps a segment's files when it
    opens a generation: the next one published sees them; ``services/match_index.fill_dense``), and
    past ``DENSE_ANN_MIN`` rows their approximate index (``write_dense_ann``; ``ann`` False: written
    before, from the same vectors)."""
    for j, view in enumerate(dense.VIEWS):
        tmp = folder / f"dense.{view}.tmp"
        with open(tmp, "wb") as f:
            np.save(f, np.ascontiguousarray(vectors[:, j], dtype=np.float16))
        os.replace(tmp, folder / f"dense.{view}.npy")
    if ann:
        write_dense_ann(folder, ann_min)


def write_dense_ann(folder: Path, ann_min: int | None = None, vectors: np.ndarray | None = None) -> None:
    """The approximate index of each view of a segment's encoder vectors (``dense-ann.<view>.usearch``,
    int8 graphs keyed by row), when the segment has them (or ``vectors``, (rows, 2, 384), are given)
    and at least ``ann_min`` rows (``DENSE_ANN_MIN``); written aside and renamed into place."""
    ann_min = DENSE_ANN_MIN if ann_min is None else ann_min
    for j, view in enumerate(dense.VIEWS):
        path = folder / f"dense.{view}.npy"
        if vectors is None and not path.exists():
            return
        vec = np.load(path, mmap_mode="r") if vectors is None else vectors[:, j]
        if len(vec) < max(ann_min, 1):
            return
        _save_dense_ann(folder, view, [vec])
        del vec
    release_memory()


def _save_dense_ann(folder: Path, view: str, parts: Iterable[np.ndarray]) -> None:
    """One view's int8 graph over ``parts`` (arrays of consecutive rows of encoder vectors, keyed by
    their position from 0), written aside and renamed to ``folder/dense-ann.<view>.usearch``."""
    # imported only here: every segment written may call this, and a small one needs no usearch
    from usearch.index import Index

    ann = Index(ndim=encoder.DIM, metric="ip", dtype="i8", connectivity=ANN_CONNECTIVITY,
                expansion_add=ANN_EXPANSION_ADD, expansion_search=ANN_TOP)
    start = 0
    for vec in parts:
        for k in range(0, len(vec), BUILD_BLOCK):
            block = np.asarray(vec[k:k + BUILD_BLOCK], dtype=np.float16)
            ann.add(np.arange(start, start + len(block), dtype=np.uint64), block, threads=os.cpu_count() or 1)
            start += len(block)
    tmp = folder / f"dense-ann.{view}.{temp_owner()}.tmp"  # a fill running at once writes its own
    try:
        ann.save(str(tmp))
    except RuntimeError:  # usearch's error for any failed write, a folder removed meanwhile too
        tmp.unlink(missing_ok=True)
        if not folder.exists():  # collected meanwhile (a compaction's old build): as ``np.load`` says it
            raise FileNotFoundError(folder) from None
        raise
    del ann
    os.replace(tmp, folder / f"dense-ann.{view}.usearch")


def build_dense_ann(group: Path, segments: list[Path], ann_min: int | None = None,
                    vectors: dict[Path, Path] | None = None) -> bool:
    """One approximate index a view of the encoder's vectors over a build's segments (``group``: the
    build's ``ann-NNNNNN`` folder; keys: positions over ``segments`` in order), as the build's
    WordLlama graphs are: one search a view instead of one a segment (and ``ANN_TOP`` rows read after
    it instead of that many a segment). Built when every segment has the vectors (``dense.<view>.npy``,
    or for a fill, ``vectors``: the file of (rows, 2, 384) it computed for a segment) and they hold at
    least ``ann_min`` rows (``DENSE_ANN_MIN``); whether it was built."""
    ann_min = DENSE_ANN_MIN if ann_min is None else ann_min
    vectors = vectors or {}

    def parts(j: int, view: str):
        for s in segments:
            if s in vectors:
                yield np.load(vectors[s], mmap_mode="r")[:, j]
            else:
                yield np.load(s / f"dense.{view}.npy", mmap_mode="r")

    if not segments or not all(s in vectors or (s / f"dense.{v}.npy").exists() for s in segments for v in dense.VIEWS):
        return False
    if sum(len(p) for p in parts(0, dense.VIEWS[0])) < max(ann_min, 1):
        return False
    for j, view in enumerate(dense.VIEWS):
        _save_dense_ann(group, view, parts(j, view))
    release_memory()
    return True


@lru_cache(maxsize=1)
def _pid_space() -> str:
    """Which pid numbering this process's pid belongs to: the kernel's boot and the pid namespace
    (a container has its own). Workers on other machines or in other containers share the index
    directory; a pid means nothing outside its own numbering."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        space = os.readlink("/proc/self/ns/pid")
    except OSError:  # no /proc (not Linux): the host's name
        import socket

        boot, space = socket.gethostname(), ""
    return hashlib.blake2b(f"{boot}\x1f{space}".encode(), digest_size=4).hexdigest()


def temp_owner() -> str:
    """``<pid space>.<pid>``: the part of a temporary file's name that says who writes it, so that
    only a process of the same pid space judges whether the writer is still alive
    (``store.remove_stale_temp``)."""
    return f"{_pid_space()}.{os.getpid()}"


def _merge_postings(parts: list[tuple], n: int) -> dict[str, np.ndarray]:
    """The blocks' postings (first row, term hashes, postings a term, documents, counts) as
    ``_postings`` of all their rows at once makes them: the union of the terms, each term's
    documents block after block (so in order), in the narrowest types."""
    terms = np.unique(np.concatenate([p[1] for p in parts])) if parts else np.zeros(0, dtype=np.uint64)
    where = [np.searchsorted(terms, p[1]) for p in parts]
    per_term = np.zeros(len(terms), dtype=np.int64)
    for (_, _, counts, _, _), at in zip(parts, where, strict=True):
        per_term[at] += counts  # a block's terms are distinct
    offsets = np.zeros(len(terms) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum(per_term)
    total = int(offsets[-1])
    docs = np.empty(total, dtype=_uint_for(max(n - 1, 0)))
    tf = np.empty(total, dtype=_uint_for(max((int(p[4].max()) for p in parts if len(p[4])), default=0)))
    free = offsets[:-1].copy()  # each term's next free place
    for k, ((start, _, counts, d, t), at) in enumerate(zip(parts, where, strict=True)):
        c = counts.astype(np.int64)
        pos = np.repeat(free[at] - (np.cumsum(c) - c), c) + np.arange(len(d))
        docs[pos] = d.astype(np.int64) + start
        tf[pos] = t
        free[at] += c
        parts[k] = None  # a merged block's postings go at once
        del pos
    return {"terms": terms, "offsets": offsets.astype(_uint_for(total)), "docs": docs, "tf": tf}


def segment_arrays(rows: list[Row], idf: np.ndarray, tokens: list[np.ndarray] | None = None,
                   vectors: str = "f32") -> dict[str, np.ndarray]:
    """Everything the index keeps about ``rows``. ``idf``: the library-wide token rarity the
    weighted vectors are made with; ``vectors``: how the vectors are kept (``ann.keep_vectors``).
    Made a block of rows at a time (``SegmentWriter``)."""
    if tokens is None:
        tokens = tokens_of(rows)
    writer = SegmentWriter(idf, vectors)
    writer.add(rows, tokens)
    return writer.finish()


def write_segment(folder: Path, rows: list[Row], idf: np.ndarray, ann_min: int = ANN_MIN,
                  tokens: list[np.ndarray] | None = None, shared_ann: bool = False) -> int:
    """Index ``rows`` into a new segment folder (written aside, then renamed into place).
    ``shared_ann``: the segment is part of a generation's approximate index (``build_ann``): its
    vectors are kept as int8 codes ("i8", FORMAT 6) or float16, read by that build and by the exact
    cosines of candidates."""
    # a segment with its own approximate index: float16 (only candidates' rows are read past it)
    own = not shared_ann and len(rows) >= ann_min
    form = ("q8" if ANN_DTYPE == "i8" else "f16") if shared_ann else "f16" if own else "f32"
    writer = SegmentWriter(idf, form, folder, own_ann=own)
    writer.add(rows, tokens_of(rows) if tokens is None else tokens)
    return writer.finish()


def _save_ann(path: Path, parts: Iterable[np.ndarray], dtype: str = "f16") -> None:
    """One view's approximate index over ``parts`` (float16 arrays of consecutive rows, keyed by
    their position from 0), built on every core and saved to ``path``; ``dtype``: the index's copy
    of the vectors ("f16": the vectors themselves, "i8": a quarter of float32's bytes, for the
    search only)."""
    from usearch.index import Index

    ann = Index(ndim=semantic.DIM, metric="ip", dtype=dtype, connectivity=ANN_CONNECTIVITY,
                expansion_add=ANN_EXPANSION_ADD,
                expansion_search=ANN_TOP)
    start = 0
    for vec in parts:
        ann.add(np.arange(start, start + len(vec), dtype=np.uint64), np.asarray(vec, dtype=np.float16),
                threads=os.cpu_count() or 1)
        start += len(vec)
    ann.save(str(path))
    del ann
    release_memory()


def build_ann(root: Path, name: str, segments: list[str]) -> None:
    """The approximate index over ``segments`` (written with ``shared_ann``) into ``root/name``, and
    the encoder's (``build_dense_ann``). ``ANN_DTYPE`` "i8": one int8 graph, of ``ANN_JOINT``, for the
    search of every view, the segments keeping their int8 codes for the exact cosines (FORMAT 7);
    "f16": a graph a view, one at a time (the builder holds one graph), the segments' float16
    vectors then living in the index only (FORMAT 5)."""
    tmp = root / f"{name}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    dtype = ANN_DTYPE
    # int8: the joint view's graph alone (``ANN_JOINT``); float16 graphs hold their view's vectors (5)
    for view in (ANN_JOINT,) if dtype == "i8" else ranker.VIEWS:
        _save_ann(tmp / f"ann.{view}.usearch", (part for s in segments for part in _stored_vectors(root / s, view)),
                  dtype=dtype)
    build_dense_ann(tmp, [root / s for s in segments])  # when the rows came with them (else a fill's)
    os.replace(tmp, root / name)
    if dtype != "i8":
        for s in segments:
            for view in ranker.VIEWS:
                (root / s / f"vec.{view}.npy").unlink()


def _stored_vectors(folder: Path, view: str, block: int = 8192):
    """A segment's vectors of a view as written for ``build_ann``, float16 (int8 codes read back), a
    block of rows at a time (a 50,000-row segment's float32 values at once were 51 MB)."""
    if (folder / f"q8.{view}.npy").exists():
        codes = np.load(folder / f"q8.{view}.npy", mmap_mode="r")
        scales = np.load(folder / f"q8s.{view}.npy")
        for k in range(0, len(codes), block):
            yield (codes[k:k + block].astype(np.float32) * scales[k:k + block, None]).astype(np.float16)
        return
    vec = np.load(folder / f"vec.{view}.npy", mmap_mode="r")
    for k in range(0, len(vec), block):
        yield np.asarray(vec[k:k + block])
