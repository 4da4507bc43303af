"""The library index on disk: segments of numpy arrays, memory-mapped by every process.

A built index is a directory of segments (``seg-NNNNNN/``: one ``.npy`` file an array) and a
manifest per generation (``gen-NNNNNN.json``: its segments, its tombstones, the library state it
reflects); ``CURRENT`` names the live generation. Writers add a segment for new or changed
fact-checks and tombstone the positions they replace (a changed fact-check is a tombstone plus an
appended row), then publish a new manifest with an atomic rename. Readers load a generation with
``np.load(mmap_mode="r")``: the pages are the operating system's, shared by every worker.

``StoredLibrary`` is a ``ranker.Library`` over those arrays: the ranker's ``features`` and ``match``
run unchanged on it (BM25 scores with library-wide statistics over all segments, cosines by
segment, tombstoned rows never candidates). Pure Python and numpy, no Django.
"""
from __future__ import annotations

import inspect
import json
import os
import shutil
import threading
import weakref
from bisect import bisect_right
from collections.abc import Iterable
from itertools import chain
from pathlib import Path

import numpy as np

from . import dense, encoder, genre, index_build, ranker, semantic, text
from .ann import AnnGroup, AnnRows, Int8Rows, release_memory

# The writing side lives in ``index_build``; these names are the reader's and its callers'.
from .index_build import (  # noqa: F401 (re-exported: store.Row, store.FORMAT, ...)
    _SEP,
    ANN_MIN,
    ANN_TOP,
    FORMAT,
    K1,
    LEXICAL,
    B,
    Row,
    SegmentWriter,
    _uint_for,
    build_ann,
    term_hash,
    token_df,
    token_idf,
    write_segment,
)
from .postings import Postings


class Segment:
    """One segment's arrays, memory-mapped (read-only, shared between processes)."""

    def __init__(self, folder: Path | None, arrays: dict[str, np.ndarray] | None = None,
                 grouped: Iterable[str] = ()):
        """From a folder (memory-mapped), or from ``segment_arrays`` kept in this process. ``grouped``:
        the encoder's views a build's graph searches this segment in (``AnnGroup.dense``)."""
        self.folder = folder
        self._arrays: dict[str, np.ndarray] = dict(arrays or {})
        if folder is not None:  # every file mapped now: a segment removed later stays readable
            for path in folder.glob("*.npy"):
                self[path.stem]
            for view in ranker.VIEWS:
                self.ann(view)
            for view in dense.VIEWS:
                self.dense_ann(view)
        # a view searched by a graph (its own or its build's): its rows read by pread, the descriptor
        # opened now with the mappings (a segment removed once this generation is old stays
        # readable); none for a view searched by brute force (2 descriptors a segment for nothing)
        grouped = set(grouped)
        self._row_files = {v: _RowFile.open(folder / f"dense.{v}.npy") for v in dense.VIEWS
                           if folder is not None and self.has(f"dense.{v}")
                           and (v in grouped or self.dense_ann(v) is not None)}
        # int8 codes (a segment of a generation's shared index, FORMAT 6): gathered by pread too
        self._q8_files = {k: _RowFile.open(folder / f"{k}.npy") for k in list(self._arrays)
                          if folder is not None and k.startswith("q8.")}
        self.ids = self["ids"]
        self.n = len(self.ids)

    def ann(self, view: str):
        """The segment's approximate index for a view (memory-mapped), or None."""
        return self._usearch(f"ann.{view}")

    def dense_ann(self, view: str):
        """The approximate index of the segment's encoder vectors of a view (memory-mapped), or None."""
        return self._usearch(f"dense-ann.{view}")

    def _usearch(self, key: str):
        if key not in self._arrays:
            path = self.folder / f"{key}.usearch" if self.folder else None
            if path is not None and path.exists():
                from usearch.index import Index

                self._arrays[key] = Index.restore(str(path), view=True)
            else:
                self._arrays[key] = None
        return self._arrays[key]

    def q8_rows(self, name: str) -> Int8Rows:
        """``q8.<name>`` and ``q8s.<name>`` as rows, a gather of them read by pread."""
        f = self._q8_files.get(f"q8.{name}")
        return Int8Rows(self[f"q8.{name}"], self[f"q8s.{name}"], read=f.read if f is not None else None)

    def row_file(self, view: str) -> _RowFile | None:
        """The encoder's vectors of a view read by row (``DenseRows``: a segment searched by a graph)."""
        return self._row_files.get(view)

    def vectors(self, view: str):
        """A view's vectors: the ``.npy`` array, or (a segment with the approximate index) the
        vectors that index keeps."""
        if self.has(f"vec.{view}") or self.folder is None:
            return self[f"vec.{view}"]
        return AnnRows(self.ann(view), self.n)

    def has(self, key: str) -> bool:
        return key in self._arrays  # every file of a folder is mapped on opening

    def __getitem__(self, key: str) -> np.ndarray:
        a = self._arrays.get(key)
        if a is None:
            # a plain ndarray over the mapped file (np.memmap's own indexing is slow per call)
            a = self._arrays[key] = np.asarray(np.load(self.folder / f"{key}.npy", mmap_mode="r"))
        return a


class Rows:
    """Per-row vectors over the segments: ``rows @ q`` for every row, ``rows[i]`` / ``rows[array]``."""

    def __init__(self, parts: list[np.ndarray], starts: np.ndarray, dead: np.ndarray, fill: float):
        self.parts, self.starts, self.dead, self.fill = parts, starts, dead, fill
        self._dead_at = np.flatnonzero(dead)
        self._f32: dict[int, np.ndarray] = {}  # float16 parts multiplied whole, kept as float32 (``_cached``)

    def __len__(self) -> int:
        return int(self.starts[-1])

    def __matmul__(self, q: np.ndarray) -> np.ndarray:
        if self.parts and getattr(self.parts[0], "dtype", None) == np.float16:
            out = _matmul16(self.parts, q, self._cached(0, len(self.parts)))
        else:
            out = np.concatenate([p @ q for p in self.parts]) if self.parts else np.zeros(0, dtype=np.float32)
        out[self._dead_at] = self.fill
        return out

    def _cached(self, first: int, end: int) -> list[np.ndarray | None]:
        """Parts first..end - 1 as float32 where kept (made on first use while this object keeps
        fewer than ``_F32_ROWS`` rows), else None: ``_matmul16`` makes those a block at a time."""
        out = []
        for j in range(first, end):
            if j not in self._f32 and sum(map(len, self._f32.values())) + len(self.parts[j]) <= _F32_ROWS:
                self._f32[j] = np.asarray(self.parts[j], dtype=np.float32)
            out.append(self._f32.get(j))
        return out

    def __getitem__(self, idx):
        if np.isscalar(idx) or isinstance(idx, (int, np.integer)):
            k = int(np.searchsorted(self.starts, idx, side="right")) - 1
            return np.asarray(self.parts[k][int(idx) - self.starts[k]])
        idx = np.asarray(idx, dtype=np.int64)
        # the encoder's rows are 384 wide (``dense``), WordLlama's semantic.DIM; parts may be Int8Rows or Rows
        dim = getattr(self.parts[0], "shape", (0, semantic.DIM))[1] if self.parts else semantic.DIM
        out = np.empty((len(idx), dim), dtype=np.float32)
        seg = np.searchsorted(self.starts, idx, side="right") - 1
        for k in np.unique(seg):
            m = seg == k
            out[m] = self.parts[k][idx[m] - self.starts[k]]
        return out


# float16 rows made float32 at a time by ``_matmul16``: their copy (768 KB) stays in the core's L2
# cache for the product, where ``dense.matmul``'s 16,384 rows (25 MB) went to memory and back
_ROWS16 = 512


# float16 rows multiplied whole (a library under ANN_MIN rows, a segment appended after a build) kept
# as float32 once made, up to this many rows a ``Rows`` (a view): their cast to float32 was ~85% of
# the product (10,000 x 384: 4.4 of 5.1 ms a view), kept it costs 1.5 KB a row and view in each
# process (at 10,000 rows 31 MB for the encoder's two views; 61 MB at most).
_F32_ROWS = 20_000


def _matmul16(parts, q: np.ndarray, f32: list[np.ndarray | None] | None = None) -> np.ndarray:
    """``dense.matmul(parts, q)``, the same numbers bit for bit, in blocks of ``_ROWS16`` rows (10,000
    rows x 384: 7.4 -> 5.6 ms a view). Each row's cosine is the same whatever block holds it, but for
    a block of one row (numpy's product of one row is a dot product: its last bits differ): one is
    left only where ``dense.matmul``'s own last block is one row. ``f32``: a part's float32 copy
    (``Rows._cached``) or None: the same blocks multiplied, so the same numbers."""
    out = []
    for j, p in enumerate(parts):
        whole = f32[j] if f32 is not None else None
        n, k = len(p), 0
        while k < n:
            end = min(n, k + _ROWS16)
            if n - end == 1 and n % _DENSE_BLOCK != 1:
                end = n
            out.append((whole[k:end] if whole is not None else np.asarray(p[k:end], dtype=np.float32)) @ q)
            k = end
    return np.concatenate(out) if out else np.zeros(0, dtype=np.float32)


_DENSE_BLOCK = inspect.signature(dense.matmul).parameters["block"].default


class DenseRows(Rows):
    """A view's encoder vectors over the segments (float16): ``rows @ q`` exact for a segment without an
    approximate index; for one with it, exact for the ``ANN_TOP`` rows its search returns and, for the
    others, a value just under the lowest of them (``dense.exact`` gives every candidate its own
    cosine back, ``dense.columns`` its features from it)."""

    def __init__(self, segments: list[Segment], view: str, starts: np.ndarray, dead: np.ndarray,
                 groups: Iterable[tuple[int, int, AnnGroup]] = ()):
        """``groups``: (first segment, segments, ``AnnGroup``) of a build's segments; one with the
        encoder's graph of the view (``AnnGroup.dense``) is searched once over all of them."""
        super().__init__([s[f"dense.{view}"] for s in segments], starts, dead, -1.0)
        # blocks of consecutive segments searched together: (first, end, graph or None: brute force)
        self.blocks, k = [], 0
        first = {g[0]: g for g in groups if g[2].dense.get(view) is not None}
        while k < len(segments):
            if k in first:
                count = first[k][1]
                self.blocks.append((k, k + count, first[k][2].dense[view]))
                k += count
            else:
                self.blocks.append((k, k + 1, segments[k].dense_ann(view) if segments[k].folder is not None else None))
                k += 1
        self.approximate = any(b[2] is not None for b in self.blocks)
        searched = {j for lo, hi, a in self.blocks if a is not None for j in range(lo, hi)}
        # A segment searched by a graph: its rows read by pread, not through the mapping. Here a few
        # hundred rows read through a mapping made the whole file resident in the process (1,000
        # rows of a 300,000-row file: +225 MB RSS; by pread: 2 ms, +0): each worker held both views'
        # files (2 x 230 MB at 300,000 rows) in its resident memory.
        self._files = [s.row_file(view) if j in searched else None for j, s in enumerate(segments)]

    def _rows(self, k: int, pos: np.ndarray) -> np.ndarray:
        f = self._files[k]
        return f.read(pos) if f is not None else np.asarray(self.parts[k][pos], dtype=np.float32)

    def __getitem__(self, idx):
        if np.isscalar(idx) or isinstance(idx, (int, np.integer)) or not self.approximate:
            return super().__getitem__(idx)
        idx = np.asarray(idx, dtype=np.int64)
        out = np.empty((len(idx), self.parts[0].shape[1]), dtype=np.float32)
        seg = np.searchsorted(self.starts, idx, side="right") - 1
        for k in np.unique(seg):
            m = seg == k
            out[m] = self._rows(int(k), idx[m] - self.starts[k])
        return out

    def __matmul__(self, q: np.ndarray) -> np.ndarray:
        if not self.approximate:
            return super().__matmul__(q)
        q = np.asarray(q, dtype=np.float32)
        out = np.empty(len(self), dtype=np.float32)
        for first, end, ann in self.blocks:
            lo, hi = int(self.starts[first]), int(self.starts[end])
            if ann is None:
                out[lo:hi] = _matmul16(self.parts[first:end], q, self._cached(first, end))
                continue
            pos = lo + np.asarray(ann.search(q, ANN_TOP, threads=1).keys, dtype=np.int64)
            exact = self[pos] @ q
            out[lo:hi] = (float(exact.min()) if len(exact) else 0.0) - 1e-3
            out[pos] = exact
        out[self._dead_at] = self.fill
        return out


class _RowFile:
    """Rows of a 2-d ``.npy`` file read by ``os.pread`` (float32 out); the descriptor closed with the object."""

    def __init__(self, path: Path):
        # One open: the header is read through the descriptor that serves the rows, so a compaction
        # removing the file in between cannot fail the library's opening.
        self.fd = os.open(path, os.O_RDONLY)
        weakref.finalize(self, os.close, self.fd)
        with os.fdopen(os.dup(self.fd), "rb") as f:
            version = np.lib.format.read_magic(f)
            shape, _, dtype = (np.lib.format.read_array_header_1_0(f) if version == (1, 0)
                               else np.lib.format.read_array_header_2_0(f))
            self.offset = f.tell()
        self.dtype, self.width, self.rows = np.dtype(dtype), int(shape[1]), int(shape[0])
        self.row = self.dtype.itemsize * self.width

    @classmethod
    def open(cls, path: Path) -> _RowFile | None:
        """The file's rows, or None when it is gone: a segment whose arrays are already mapped may be
        removed by a collection before its descriptors open (a generation just made old); the
        mapping, which outlives the unlink, then serves the rows (``Int8Rows``, ``DenseRows``)."""
        try:
            return cls(path)
        except FileNotFoundError:
            return None

    def read(self, pos: np.ndarray) -> np.ndarray:
        # positions as an array indexes them (a negative one from the end, one past the end an
        # IndexError): a raw offset would read the header's bytes, or short, as a row
        pos = np.asarray(pos, dtype=np.int64)
        if len(pos) and (pos.min() < -self.rows or pos.max() >= self.rows):
            raise IndexError(f"row out of range for {self.rows} rows")
        pos = np.where(pos < 0, pos + self.rows, pos)
        data = b"".join(os.pread(self.fd, self.row, self.offset + int(p) * self.row) for p in pos)
        if len(data) != len(pos) * self.row:
            raise OSError("short read: the file is shorter than its header says")
        return np.frombuffer(data, dtype=self.dtype).reshape(len(pos), self.width).astype(np.float32)


class Ragged:
    """Row i of CSR arrays over the segments: token ids, a frozenset of strings, or (``one``) the
    single string of the row ("" when none)."""

    def __init__(self, segments: list[Segment], key: str, starts: np.ndarray, strings: bool, one: bool = False):
        self.segments, self.key, self.starts, self.strings, self.one = segments, key, starts, strings, one
        self._bounds = [int(b) for b in starts]  # a row's segment by bisection (read per candidate)
        data = "blob" if strings else "ids"
        # a segment of an older format (see FORMAT) has none: None
        self._parts = [(s[f"{key}.offsets"], s[f"{key}.{data}"]) if s.has(f"{key}.offsets") else None
                       for s in segments]

    def __len__(self) -> int:
        return int(self.starts[-1])

    def __getitem__(self, i):
        i = int(i)
        k = bisect_right(self._bounds, i) - 1
        part = self._parts[k]
        if part is None:
            return "" if self.one else frozenset()
        off, data = part
        j = i - self._bounds[k]
        lo, hi = int(off[j]), int(off[j + 1])
        if not self.strings:
            return np.asarray(data[lo:hi], dtype=np.int64)
        if self.one:
            return bytes(data[lo:hi]).decode("utf-8")
        return frozenset(bytes(data[lo:hi]).decode("utf-8").split(_SEP)) if hi > lo else frozenset()


class StoredLibrary(ranker.Library):
    """A ``ranker.Library`` over memory-mapped segments; ``dead``: tombstoned positions; ``groups``:
    (first segment, segments, ``AnnGroup``) of segments sharing an approximate index."""

    def __init__(self, segments: list[Segment], dead_positions=(), background=ranker._DEFAULT,
                 groups: Iterable[tuple[int, int, AnnGroup]] = ()):
        bg = ranker.default_background() if background is ranker._DEFAULT else background
        self.segments = segments
        starts = np.zeros(len(segments) + 1, dtype=np.int64)
        starts[1:] = np.cumsum([s.n for s in segments])
        self.starts = starts
        groups = list(groups)
        self._blocks(groups)
        self.ids = np.concatenate([np.asarray(s.ids) for s in segments]) if segments else np.zeros(0, np.int64)
        self.dead = np.zeros(len(self.ids), dtype=bool)
        self.dead[np.asarray(list(dead_positions), dtype=np.int64)] = True
        self._dead_at = np.flatnonzero(self.dead)
        self._local = threading.local()
        live = int((~self.dead).sum())
        words = bg.for_words() if bg else None
        for_name = {"bigrams": bg.for_bigrams() if bg else None, "chars": (bg.docs, bg.chars) if bg else None}
        idx = {name: Postings(segments, name, starts, self.dead, for_name.get(name, words), live) for name in LEXICAL}
        self.chars = idx.pop("chars")
        self.bm25 = idx
        self.vectors = {v: Rows([b[v][0] for b in self.blocks], self.block_starts, self.dead, -1.0)
                        for v in ranker.VIEWS}
        df = sum((np.asarray(s["token_df"]) for s in segments), np.zeros(len(semantic.unit_token_vectors()), np.int64))
        self.token_idf = token_idf(df, live, bg)
        self.tokens = Ragged(segments, "tokens", starts, strings=False)
        self.weighted = Rows([s.q8_rows("weighted") if s.has("q8.weighted") else s["weighted"]
                              for s in segments], starts, self.dead, 0.0)
        self.numbers = Ragged(segments, "numbers", starts, strings=True)
        self.names = Ragged(segments, "names", starts, strings=True)
        self.claimants = Ragged(segments, "claimants", starts, strings=True, one=True)
        self.proper = Ragged(segments, "proper", starts, strings=True)
        # the stems each claim quotes (FORMAT 8; a segment written before them: none, "quotes nothing")
        self.quotes = Ragged(segments, "quotes", starts, strings=True)
        # a segment written before dates were stored (no ``dates.npy``) reads as undated: no date features
        self.dates = np.concatenate([np.asarray(s["dates"], dtype=np.int64) if s.has("dates")
                                     else np.full(s.n, genre.NO_DATE, dtype=np.int64) for s in segments]
                                    ) if segments else np.zeros(0, np.int64)
        # the sentence encoder's vectors (float16) when every segment has them: else none, and a model
        # scoring them falls back (``ranker.MatchModel.for_library``) until a job fills them in
        has = bool(segments) and all(s.has(f"dense.{v}") for s in segments for v in dense.VIEWS)
        self.dense = {v: DenseRows(segments, v, starts, self.dead, groups) for v in dense.VIEWS} if has else None

    def _blocks(self, groups) -> None:
        """The vector blocks: a group's segments together (one approximate index a view), else a
        segment alone (its own approximate index, or exact cosines). Each block: view -> (vectors, index)."""
        first = {g[0]: g for g in groups}
        self.blocks, bounds, k = [], [0], 0
        while k < len(self.segments):
            if k in first:
                _, count, group = first[k]
                members = self.segments[k:k + count]
                local = self.starts[k:k + count + 1] - self.starts[k]
                # a view without its own graph is searched by the joint view's (FORMAT 7)
                self.blocks.append({v: (self._group_rows(members, v, local, group),
                                        group.index.get(v, group.index.get(index_build.ANN_JOINT)))
                                    for v in ranker.VIEWS})
                k += count
            else:
                s = self.segments[k]
                self.blocks.append({v: (s.vectors(v), s.ann(v)) for v in ranker.VIEWS})
                k += 1
            bounds.append(int(self.starts[k]))
        self.block_starts = np.asarray(bounds, dtype=np.int64)
        self.approximate = any(b["both"][1] is not None for b in self.blocks)

    @staticmethod
    def _group_rows(members: list[Segment], view: str, local: np.ndarray, group: AnnGroup):
        """A view's exact vectors: int8 codes (6), float16 beside the graph (5) or in it (4, "f16")."""
        n = int(local[-1])
        if all(s.has(f"q8.{view}") for s in members):
            return Rows([s.q8_rows(view) for s in members], local, np.zeros(n, bool), -1.0)
        if all(s.has(f"vec.{view}") for s in members):
            return Rows([s[f"vec.{view}"] for s in members], local, np.zeros(n, bool), -1.0)
        return AnnRows(group.index[view], n)

    def live(self) -> int:
        return int((~self.dead).sum())

    def cosines(self, qvec: np.ndarray, views: tuple[str, ...] = ranker.VIEWS) -> dict[str, np.ndarray]:
        """Each view's (of ``views``: no search nor row read for another): exact
        cosines for segments without an approximate index; for those with one, exact
        cosines of the rows it returns and, for the others, a value just under the lowest of them
        (they score lower: their rank is at least the search's depth; ``features`` puts back the
        exact value of any candidate)."""
        if not self.approximate:
            return super().cosines(qvec, views)
        q = np.asarray(qvec, dtype=np.float32)
        if getattr(self._local, "qvec", None) is None:
            # the match's own query (the first call; a rewritten query's follows): ``_exact_cosines``
            # of this match reads it (no second embedding), and its views
            self._local.qvec, self._local.views = q, tuple(views)
        out = {}
        found: dict[int, np.ndarray] = {}  # a graph's rows for this query (the joint one serves 3 views)
        for view in views:
            arr = np.empty(len(self.ids), dtype=np.float32)
            for b, lo, hi in zip(self.blocks, self.block_starts[:-1].tolist(), self.block_starts[1:].tolist(),
                                 strict=True):
                vec, ann = b[view]
                if ann is None:
                    arr[lo:hi] = vec @ q
                    continue
                pos = found.get(id(ann))
                if pos is None:
                    shared = sum(b[v][1] is ann for v in ranker.VIEWS) > 1
                    depth = index_build.ANN_JOINT_TOP if shared else ANN_TOP
                    pos = found[id(ann)] = np.asarray(ann.search(q, depth, threads=1).keys, dtype=np.int64)
                exact = vec[pos].astype(np.float32) @ q
                arr[lo:hi] = (float(exact.min()) if len(exact) else 0.0) - 1e-3
                arr[lo + pos] = exact
            arr[self._dead_at] = -1.0
            out[view] = arr
        return out

    def positions(self, ids) -> set[int]:
        """Live positions of fact-check ids: a search in the sorted ids (no per-row dict in each worker)."""
        ids = np.asarray(list(ids), dtype=np.int64)
        if not len(ids) or not len(self.ids):
            return set()
        if not hasattr(self, "_order"):
            self._order = np.argsort(self.ids, kind="stable")
            self._sorted_ids = self.ids[self._order]
        sorted_ids = self._sorted_ids
        lo = np.searchsorted(sorted_ids, ids, side="left")
        hi = np.searchsorted(sorted_ids, ids, side="right")
        found = [self._order[k] for a, b in zip(lo.tolist(), hi.tolist(), strict=True) for k in range(a, b)]
        return {int(p) for p in found if not self.dead[p]}

    def features(self, query: str, k: int, extra: set[int] = frozenset(),
                 context: ranker.Context | None = None, lists: dict[str, int] | None = None,
                 views: tuple[str, ...] = ranker.VIEWS) -> tuple[np.ndarray, np.ndarray]:
        self._local.qvec, self._local.views = None, ranker.VIEWS  # set by ``cosines`` for this query
        c, x = super().features(query, k, extra, context, lists, views)
        keep = ~self.dead[c]  # a replaced or removed row is never a candidate
        c, x = c[keep], x[keep]
        if len(c) and self.approximate:
            self._exact_cosines(query, c, x, self._local.views)
        return c, x

    def _exact_cosines(self, query: str, c: np.ndarray, x: np.ndarray,
                       views: tuple[str, ...] = ranker.VIEWS) -> None:
        """A candidate the approximate search did not return gets its exact cosine back (the
        ``cos_<view>_abs`` and ``_gap`` features; the gap is to the best row the search found)."""
        qvec = getattr(self._local, "qvec", None)
        if qvec is None:
            qvec = semantic.embed([text.clean_query(query)])[0]
        cols = {name: j for j, name in enumerate(ranker.FEATURES)}
        for view in views:  # the views ``cosines`` computed (another's columns stay 0)
            exact = self.vectors[view][c] @ qvec
            a, g = cols.get(f"cos_{view}_abs"), cols.get(f"cos_{view}_gap")
            if a is None or g is None:
                continue
            best = x[:, a] - x[:, g]  # the maximum the features were computed against
            x[:, a] = exact
            x[:, g] = exact - best


def warm(root: Path | None = None) -> None:
    """Load what a worker's first match would load: the token vectors (mapped from ``root``, the index
    folder), the match model and its background, the sentence encoder's weights (a model that scores
    them) and the check-worthiness model. A server calls it in its master before forking the workers
    (gunicorn.conf.py): they then share those pages copy-on-write instead of each loading its own on
    its first request (the encoder alone is ~90 MB a process)."""
    if root is not None:
        semantic.share(root)
    semantic.model()
    semantic.unit_token_vectors()
    model = ranker.default_model()
    ranker.default_background()
    if model.dense or (model.fallback is not None and model.fallback.dense):
        encoder.encoder()
    ranker.query_checkworthiness("warm")


# --- generations -------------------------------------------------------------------------------

def read_manifest(root: Path) -> dict | None:
    """The live generation's manifest, or None when nothing is built yet."""
    try:
        gen = (root / "CURRENT").read_text().strip()
        return json.loads((root / f"gen-{gen}.json").read_text())
    except (FileNotFoundError, ValueError):
        return None


def publish(root: Path, manifest: dict) -> None:
    """Make ``manifest`` the live generation (atomic: readers see the old or the new one)."""
    gen = f"{manifest['generation']:06d}"
    (root / f"gen-{gen}.tmp").write_text(json.dumps(manifest))
    os.replace(root / f"gen-{gen}.tmp", root / f"gen-{gen}.json")
    (root / "CURRENT.tmp").write_text(gen)
    os.replace(root / "CURRENT.tmp", root / "CURRENT")


def _segmented(blocks: Iterable[list[Row]], size: int | None):
    """(segment number, rows, last part of that segment) over ``blocks``: each block a segment
    (``size`` None), or a segment every ``size`` rows, a block split where a segment ends."""
    k = filled = 0
    for block in blocks:
        if size is None:
            yield k, block, True
            k += 1
            continue
        i = 0
        while i < len(block):
            take = min(len(block) - i, size - filled)
            filled += take
            yield k, block[i:i + take], filled == size
            i += take
            if filled == size:
                k, filled = k + 1, 0
    if size is not None and filled:
        yield k, [], True


def build_generation(root: Path, generation: int, chunks, watermark: int = 0, background=ranker._DEFAULT,
                     ann_min: int = ANN_MIN, segment_rows: int | None = None) -> dict:
    """Write a whole generation and publish it. ``chunks()``: an iterator of lists of rows (called
    twice: first for the library-wide token rarity, then to write the segments): one segment a list,
    or with ``segment_rows``, lists of any length (a few thousand rows: all the build holds of them
    at once) making a segment every ``segment_rows`` rows."""
    bg = ranker.default_background() if background is ranker._DEFAULT else background
    df = np.zeros(semantic.vocab_size(), dtype=np.int64)
    n = 0
    narrow = _uint_for(semantic.vocab_size() - 1)
    packed = []  # the first pass's tokens, a flat array and offsets a segment (no array object a row)
    tokens, lengths = [], []
    for _, rows, last in _segmented(chunks(), segment_rows):
        more, counts = semantic.unpadded_token_ids([ranker.entry_texts(r.claim, r.title)[2] for r in rows])
        tokens += more
        lengths += counts
        n += len(rows)
        del rows, more
        if last:  # padded as one batch of the segment's texts (``semantic.token_ids``)
            tokens = semantic.pad_token_ids(tokens, lengths)
            df += token_df(tokens)
            packed.append((np.concatenate(tokens).astype(narrow) if tokens else np.zeros(0, narrow),
                           np.cumsum([0] + [len(t) for t in tokens])))
            tokens, lengths = [], []
    idf = token_idf(df, n, bg)
    shared = n >= ann_min  # one approximate index a view over all the segments
    # below ann_min every segment is too (no index of its own): exact float32 cosines
    form = ("q8" if index_build.ANN_DTYPE == "i8" else "f16") if shared else "f32"
    segments, writer = [], None
    for k, rows, last in _segmented(chunks(), segment_rows):
        if writer is None:
            name = f"seg-{generation:06d}-{k:03d}"
            # a shared segment's encoder vectors get the build's one graph a view (``build_ann``)
            writer, at = SegmentWriter(idf, form, root / name, dense_ann=not shared), 0
        flat, offsets = packed[k]
        writer.add(rows, [flat[offsets[i]:offsets[i + 1]].astype(np.int64) for i in range(at, at + len(rows))])
        at += len(rows)
        del rows  # a block's rows are not kept past their part of the segment
        if last:
            writer.finish()
            packed[k] = writer = None
            release_memory()
            segments.append(name)
    manifest = {"generation": generation, "segments": segments, "dead": [], "watermark": watermark, "rows": n,
                "format": FORMAT}
    if shared and segments:
        build_ann(root, f"ann-{generation:06d}", segments)
        manifest["ann"] = [{"folder": f"ann-{generation:06d}", "first": 0, "segments": len(segments)}]
    semantic.share(root)  # the token vectors' files written before any worker maps the generation
    publish(root, manifest)
    return manifest


def append_generation(root: Path, manifest: dict, rows: list[Row], dead: Iterable[int], watermark: int,
                      idf: np.ndarray, ann_min: int = ANN_MIN) -> dict:
    """Publish the next generation: ``rows`` in a new segment, ``dead`` positions tombstoned."""
    generation = manifest["generation"] + 1
    segments = list(manifest["segments"])
    if rows:
        name = f"seg-{generation:06d}-a"
        write_segment(root / name, rows, idf, ann_min)
        segments.append(name)
    dead = sorted(set(manifest["dead"]) | set(dead))
    total = sum(len(np.load(root / s / "ids.npy", mmap_mode="r")) for s in segments)
    manifest = {**manifest, "generation": generation, "segments": segments, "dead": dead,
                "watermark": watermark, "rows": total - len(dead)}
    publish(root, manifest)
    return manifest


def open_generation(root: Path, manifest: dict, extra: list[Segment] = (), extra_dead=()) -> StoredLibrary:
    semantic.share(root)  # the model's token vectors mapped beside the index: one copy for all workers
    groups = [(g["first"], g["segments"], AnnGroup(root / g["folder"])) for g in manifest.get("ann", ())]
    # the encoder's views a build's graph searches each of its segments in (``DenseRows``)
    grouped = {k: [v for v in dense.VIEWS if group.dense.get(v) is not None]
               for first, count, group in groups for k in range(first, first + count)}
    segments = [Segment(root / name, grouped=grouped.get(k, ()))
                for k, name in enumerate(manifest["segments"])] + list(extra)
    dead = set(manifest.get("dead", ())) | set(extra_dead)
    return StoredLibrary(segments, dead, groups=groups)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def remove_stale_temp(root: Path) -> list[Path]:
    """Remove the temporary files a fill left in the segments (and a build's graph folder) when it was
    killed (SIGKILL: no cleanup ran), named by who writes them (``dense-fill.<owner>.tmp``,
    ``dense-ann.<view>.<owner>.tmp``, ``index_build.temp_owner``): those of this pid space whose process is gone. A live fill's file
    stays, and so does any file of another machine or container (its pid is not this one's to
    check: the same number may be a live fill there); a compaction removes those. Returns what it removed."""
    gone = []
    mine = index_build.temp_owner().split(".")[0]
    for path in chain(root.glob("seg-*/dense-fill.*.*.tmp"), root.glob("seg-*/dense-ann.*.*.*.tmp"),
                      root.glob("ann-*/dense-ann.*.*.*.tmp")):  # a build's graph (``build_dense_ann``)
        space, pid = path.name.split(".")[-3:-1]
        if space == mine and pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            try:
                path.unlink(missing_ok=True)
            except OSError:  # a worker that may only read the index: the next fill removes it
                continue
            gone.append(path)
    return gone


def collect_garbage(root: Path, manifest: dict, keep_generations: int = 2) -> None:
    """Remove segments and manifests no generation still in use needs (readers that still map an
    old file keep it alive until they let go: unlinking does not pull pages from under them)."""
    current = manifest["generation"]
    needed = set(manifest["segments"]) | {g["folder"] for g in manifest.get("ann", ())}
    for m in root.glob("gen-*.json"):
        try:
            g = int(m.stem.split("-")[1])
        except ValueError:
            continue
        if g < current - keep_generations + 1:
            m.unlink(missing_ok=True)
        else:
            try:
                old = json.loads(m.read_text())
                needed |= set(old["segments"]) | {g["folder"] for g in old.get("ann", ())}
            except (OSError, ValueError, KeyError, TypeError):
                pass
    for seg in chain(root.glob("seg-*"), root.glob("ann-*")):
        if seg.name not in needed and not seg.name.endswith(".tmp"):
            shutil.rmtree(seg, ignore_errors=True)
