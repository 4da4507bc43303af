"""The approximate vector indexes (usearch HNSW) of the library index, read side: a build's shared
graphs a view (``AnnGroup``) and the float16 vectors such an index keeps, read like an array
(``AnnRows``). Kept apart from ``store`` (which builds them) so that module stays one job's size.
Pure Python and numpy, no Django."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from . import ranker, semantic

__all__ = ["AnnGroup", "AnnRows"]


class AnnGroup:
    """The approximate index a view of consecutive segments (a generation's build), memory-mapped;
    a row's key is its position among those segments."""

    def __init__(self, folder: Path):
        from usearch.index import Index

        self.folder = folder
        self.index = {v: Index.restore(str(folder / f"ann.{v}.usearch"), view=True) for v in ranker.VIEWS}


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
