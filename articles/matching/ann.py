"""The approximate vector indexes (usearch HNSW) of the library index, read side: a build's shared
graphs a view (``AnnGroup``) and the float16 vectors such an index keeps, read like an array
(``AnnRows``). Kept apart from ``store`` (which builds them) so that module stays one job's size.
Pure Python and numpy, no Django."""
from __future__ import annotations

import ctypes
from pathlib import Path

import numpy as np

from . import dense, ranker, semantic

__all__ = ["AnnGroup", "AnnRows", "Int8Rows", "keep_vectors", "quantize", "release_memory"]


class AnnGroup:
    """The approximate index of consecutive segments (a generation's build), memory-mapped; a row's
    key is its position among those segments. ``index``: view -> graph, every view or only
    ``index_build.ANN_JOINT``'s (``search``)."""

    def __init__(self, folder: Path):
        from usearch.index import Index

        self.folder = folder
        # a graph a view (FORMAT 4-6), or only the joint view's, searched for every view (7)
        paths = {v: folder / f"ann.{v}.usearch" for v in ranker.VIEWS}
        self.index = {v: Index.restore(str(p), view=True) for v, p in paths.items() if p.exists()}
        # the encoder's graphs over the same segments (``index_build.build_dense_ann``), once they have
        # the vectors: view -> index, or None (a segment's own graph, or brute force, answers)
        paths = {v: folder / f"dense-ann.{v}.usearch" for v in dense.VIEWS}
        self.dense = {v: Index.restore(str(p), view=True) if p.exists() else None for v, p in paths.items()}


class AnnRows:
    """The float16 vectors a usearch index holds, read like an (n, DIM) array: ``rows[i]``,
    ``rows[positions]``, ``rows @ q`` (in blocks: every row, for a comparison with the search)."""

    BLOCK = 16_384

    def __init__(self, index, n: int):
        self.index, self.n = index, n
        self.shape = (n, semantic.DIM)

    def __len__(self) -> int:
        return self.n

    def _get(self, pos: np.ndarray) -> np.ndarray:
        if not len(pos):
            return np.zeros((0, semantic.DIM), dtype=np.float16)
        got = self.index.get(np.asarray(pos, dtype=np.uint64), dtype=np.float16)
        return np.vstack(got) if isinstance(got, (tuple, list)) else np.asarray(got).reshape(len(pos), -1)

    def __getitem__(self, idx) -> np.ndarray:
        if np.isscalar(idx) or isinstance(idx, (int, np.integer)):
            return self._get(np.asarray([int(idx)]))[0]
        return self._get(np.asarray(idx, dtype=np.int64))

    def __matmul__(self, q: np.ndarray) -> np.ndarray:
        return np.concatenate([self._get(np.arange(k, min(k + self.BLOCK, self.n))).astype(np.float32) @ q
                               for k in range(0, self.n, self.BLOCK)] or [np.zeros(0, dtype=np.float32)])


_QUANTIZE_BLOCK = 8192  # rows ``quantize`` converts at a time


def quantize(vec: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows as int8 codes and a float32 scale a row (its largest magnitude / 127), rounded to the
    nearest code: a component is off by at most half a step (under 0.002 for WordLlama's unit
    vectors, a cosine by about 0.0005), a quarter of float32's bytes. (usearch's own int8 copy is
    unit-scaled and truncated: cosines read from it run ~5% low.)"""
    v = np.asarray(vec)
    codes = np.empty(v.shape, dtype=np.int8)
    scales = np.empty(len(v), dtype=np.float32)
    # a block of rows at a time: a 50,000-row segment's float32 temporaries were ~150 MB at once
    for k in range(0, len(v), _QUANTIZE_BLOCK):
        part = np.asarray(v[k:k + _QUANTIZE_BLOCK], dtype=np.float32)
        top = np.abs(part).max(axis=1)
        s = scales[k:k + _QUANTIZE_BLOCK] = np.where(top > 0, top / 127.0, 1.0).astype(np.float32)
        codes[k:k + _QUANTIZE_BLOCK] = np.rint(part / s[:, None])
    return codes, scales



class Int8Rows:
    """``quantize``'s codes and scales read like an (n, DIM) float32 array: ``rows[i]``,
    ``rows[positions]``, ``rows @ q`` (in blocks: every row, for a comparison with the search)."""

    BLOCK = 16_384

    def __init__(self, codes: np.ndarray, scales: np.ndarray, read=None):
        """``read``: the codes of given rows as float32 (``store._RowFile.read``), used for a gather of
        rows instead of the mapped ``codes``: a few hundred rows read through a mapping fault the
        pages around each one in too (64 KB a row here), so a worker held whole files resident."""
        self.codes, self.scales, self.read = codes, scales, read
        self.n = len(scales)
        self.shape = (self.n, semantic.DIM)
        self.dtype = np.dtype(np.float32)

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, idx) -> np.ndarray:
        if np.isscalar(idx) or isinstance(idx, (int, np.integer)):
            return self.codes[int(idx)].astype(np.float32) * self.scales[int(idx)]
        idx = np.asarray(idx, dtype=np.int64)
        codes = self.read(idx) if self.read is not None else self.codes[idx].astype(np.float32)
        return codes * self.scales[idx, None]

    def __matmul__(self, q: np.ndarray) -> np.ndarray:
        q = np.asarray(q, dtype=np.float32)
        return np.concatenate([(self.codes[k:k + self.BLOCK].astype(np.float32) @ q) * self.scales[k:k + self.BLOCK]
                               for k in range(0, self.n, self.BLOCK)] or [np.zeros(0, dtype=np.float32)])


def keep_vectors(arrays: dict[str, np.ndarray], name: str, vec: np.ndarray, form: str) -> None:
    """Store a float32 block of vectors as ``form`` keeps them: "f32" (``vec.<view>`` / ``weighted``),
    "f16" (the same keys, float16) or "q8" (``q8.<name>`` and ``q8s.<name>``: ``quantize``)."""
    key = name if name == "weighted" else f"vec.{name}"
    if form == "q8":
        arrays[f"q8.{name}"], arrays[f"q8s.{name}"] = quantize(vec)
    else:
        arrays[key] = vec.astype(np.float16) if form == "f16" else vec


def release_memory() -> None:
    """Give the heap the build freed back to the system. glibc keeps freed blocks (and raises its
    threshold for mapping large blocks apart after the first ones are freed), so a segment's
    temporaries stayed resident under the next segment and the graphs (a 100,000-row build: graph
    phase 774 -> 725 MB with it). A no-op where the C library has no ``malloc_trim``."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass
