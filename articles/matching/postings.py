"""BM25 over the stored segments of the library index (``store.StoredLibrary``'s lexical views):
library-wide document frequencies and average length, the same formula as ``bm25.BM25``, terms
found by hash in each segment's sorted term array. Pure Python and numpy, no Django.
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import numpy as np

from .index_build import K1, B, term_hash

if TYPE_CHECKING:
    from .store import Segment


class Postings:
    """BM25 over the segments, with library-wide document frequencies and average length
    (the same formula as ``bm25.BM25``; terms found by hash)."""

    def __init__(self, segments: list[Segment], name: str, starts: np.ndarray, dead: np.ndarray,
                 background: tuple[int, dict[str, int]] | None, live: int):
        self.segments, self.name, self.starts, self.dead = segments, name, starts, dead
        self._dead_at = np.flatnonzero(dead)
        self.n = int(starts[-1])
        self.background = background
        self.docs = live + (background[0] if background else 0)
        total = sum(float(np.asarray(s[f"{name}.len"], dtype=np.float64).sum()) for s in segments)
        self.avg = (total / self.n) if self.n else 1.0
        self._all_norm: np.ndarray | None = None
        self._docs: list[tuple[np.ndarray, np.ndarray]] | None = None

    def _norm(self) -> np.ndarray:
        """Every row's length normalisation, K1 * (1 - B + B * length / average), made on first use
        (float32, 4 bytes a row and view: one gather a posting instead of four steps)."""
        if self._all_norm is None:
            lengths = (np.concatenate([s[f"{self.name}.len"] for s in self.segments]) if self.segments
                       else np.zeros(0, dtype=np.float32))
            self._all_norm = (np.float32(K1) * (np.float32(1 - B) + np.float32(B) * lengths
                                                / np.float32(self.avg or 1.0))).astype(np.float32)
        return self._all_norm

    def _spans(self, query: list[str]) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
        """Each query term's weight (idf with BM25's K1 + 1 in it, as float32) and, a segment at a
        time, the bounds of its postings (lo == hi: not there). Terms in sorted order."""
        terms = sorted(set(query))
        hashes = np.asarray([term_hash(t) for t in terms], dtype=np.uint64)
        spans = []
        df = np.zeros(len(terms), dtype=np.float64)
        for s in self.segments:
            keys, off = s[f"{self.name}.terms"], s[f"{self.name}.offsets"]
            pos = np.minimum(np.searchsorted(keys, hashes), max(len(keys) - 1, 0))
            found = (keys[pos] == hashes) if len(keys) else np.zeros(len(terms), dtype=bool)
            lo = np.where(found, off[pos], 0).astype(np.int64)
            hi = np.where(found, off[np.minimum(pos + 1, len(off) - 1)], 0).astype(np.int64)
            spans.append((lo, hi))
            df += hi - lo
        if self.background:
            df += np.asarray([self.background[1].get(t, 0) if d else 0 for t, d in zip(terms, df, strict=True)])
        # a term's weight with BM25's (K1 + 1) in it: one multiplication a posting less
        weight = (np.log1p((self.docs - df + 0.5) / (df + 0.5)).astype(np.float32) * np.float32(K1 + 1))
        return weight, spans

    def scores(self, query: list[str]) -> np.ndarray:
        """Every row's BM25 score (float32; 0 for a tombstoned row). A segment's postings are scored
        ``_CHUNK`` at a time in reused buffers, each into a float64 sum a row of the segment
        (``np.add.at``, in the terms' order): the same numbers, bit for bit, as one pass with
        temporaries the size of all of them and a ``np.bincount`` (``scores_onepass``), which at
        300,000 rows spent much of its time in fresh pages (a query's character grams touch ~800,000
        postings). A segment at a time: its sums (400 KB at 50,000 rows) stay in the cache."""
        out = np.zeros(self.n, dtype=np.float32)
        if not query or not self.n:
            return out
        weight, spans = self._spans(query)
        if self._docs is None:
            self._docs = [(s[f"{self.name}.docs"], s[f"{self.name}.tf"]) for s in self.segments]
        buf, whole = _SCRATCH, self._norm()
        for k, (lo, hi) in enumerate(spans):
            hit = np.flatnonzero(hi > lo)
            if not len(hit):
                continue
            first, end = int(self.starts[k]), int(self.starts[k + 1])
            (docs, tfs), norm = self._docs[k], whole[first:end]
            acc = buf.acc(end - first)
            # the hit terms' postings in order, in chunks (a long list cut across several)
            pieces: list[tuple[int, int, int]] = []  # (term, first, end) in the segment's arrays
            size = total = 0
            for t, a, b in zip(hit.tolist(), lo[hit].tolist(), hi[hit].tolist(), strict=True):
                total += b - a
                while a < b:
                    e = min(b, a + _CHUNK - size)
                    pieces.append((t, a, e))
                    size += e - a
                    a = e
                    if size == _CHUNK:
                        _score_chunk(pieces, size, docs, tfs, norm, weight, acc, buf)
                        pieces, size = [], 0
            if pieces:
                _score_chunk(pieces, size, docs, tfs, norm, weight, acc, buf)
            seg = out[first:end]
            if total == size and size * 8 <= end - first:
                # one chunk, and few rows in it (a query's words): those rows copied, then zeroed again
                ids = buf.ids[:size]
                seg[ids] = acc[ids]
                acc[ids] = 0.0
                buf.clean = True
            else:
                np.copyto(seg, acc, casting="unsafe")
        out[self._dead_at] = 0.0
        return out

    def scores_onepass(self, query: list[str]) -> np.ndarray:
        """``scores`` as it was before the chunks (kept for tests and ``benchmarks/match_bm25.py``)."""
        out = np.zeros(self.n, dtype=np.float32)
        if not query or not self.n:
            return out
        weight, spans = self._spans(query)
        for k, (s, (lo, hi)) in enumerate(zip(self.segments, spans, strict=True)):
            hit = np.flatnonzero(hi > lo)
            if not len(hit):
                continue
            docs, tfs = s[f"{self.name}.docs"], s[f"{self.name}.tf"]
            ids = np.concatenate([docs[lo[t]:hi[t]] for t in hit]).astype(np.intp)  # one conversion for both uses
            tf = np.concatenate([tfs[lo[t]:hi[t]] for t in hit]).astype(np.float32)
            part = self._norm()[self.starts[k]:self.starts[k + 1]][ids]
            part += tf  # tf + norm
            tf *= np.repeat(weight[hit], (hi - lo)[hit])
            tf /= part  # idf * tf * (K1 + 1) / (tf + norm)
            out[self.starts[k]:self.starts[k + 1]] += np.bincount(ids, weights=tf, minlength=s.n).astype(np.float32)
        out[self._dead_at] = 0.0
        return out


# Postings scored at a time (``Postings.scores``): its buffers (~0.8 MB a thread, and a float64 sum a
# row of the largest segment: 0.4 MB at 50,000 rows) stay in the heap.
_CHUNK = 1 << 15


class _Scratch(threading.local):
    def __init__(self):
        self.ids = np.empty(_CHUNK, dtype=np.intp)
        self.val = np.empty(_CHUNK, dtype=np.float32)
        self.part = np.empty(_CHUNK, dtype=np.float32)
        self.wide = np.empty(_CHUNK, dtype=np.float64)
        self._acc = np.empty(0, dtype=np.float64)
        self.clean = False  # the sums all zero: set by the caller that zeroed the rows it summed

    def acc(self, n: int) -> np.ndarray:
        """A zeroed float64 sum a row of a segment of n rows."""
        if len(self._acc) < n:
            self._acc, self.clean = np.zeros(n, dtype=np.float64), True
        if not self.clean:
            self._acc.fill(0.0)
        self.clean = False
        return self._acc[:n]


_SCRATCH = _Scratch()


def _score_chunk(pieces, size: int, docs, tfs, norm, weight, acc, buf: _Scratch) -> None:
    """Add the pieces' postings (term, first, end) to ``acc``: idf * tf * (K1 + 1) / (tf + norm) in
    float32, the operations and their order as ``Postings.scores_onepass``."""
    ids, val, part, wide = buf.ids[:size], buf.val[:size], buf.part[:size], buf.wide[:size]
    np.concatenate([docs[a:b] for _, a, b in pieces], out=ids, casting="unsafe")
    np.concatenate([tfs[a:b] for _, a, b in pieces], out=val, casting="unsafe")
    np.take(norm, ids, out=part)
    part += val  # tf + norm
    val *= np.repeat(weight[[t for t, _, _ in pieces]], [b - a for _, a, b in pieces])
    val /= part
    wide[...] = val
    np.add.at(acc, ids, wide)
