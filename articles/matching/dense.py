"""The sentence encoder's vectors of fact-checks (encoder.py) as the ranker uses them: computed for
many at once, gathered from entries, and turned into the ``DENSE_FEATURES`` columns of candidates.
Pure numpy, no Django."""
from __future__ import annotations

import numpy as np

from . import encoder, text

# The sentence encoder's cosines (encoder.py, MiniLM-L6): of the claim and of the title with the
# text, and of the claim with the text rewritten by its context; each absolute, as the gap to the
# library's best and as a rank. All 0 in a library without the encoder's vectors (a model using
# them then scores with its fallback: ``ranker.MatchModel.for_library``).
VIEWS = ("claim", "title")
FEATURES = ([f"dense_{v}_{k}" for v in VIEWS for k in ("abs", "gap", "rank")]
            + ["rewritten_dense_gap", "rewritten_dense_rank"])


def columns(dense: dict[str, np.ndarray], c: np.ndarray, rank) -> list[np.ndarray]:
    """``FEATURES`` of the candidates ``c`` (``rank``: the features' cached rank of a score array)."""
    if not dense:
        return [np.zeros(len(c), np.float32)] * len(FEATURES)
    cols = []
    for s in [dense[v] for v in VIEWS]:
        v = s[c]
        cols += [v, v - s.max(), rank(s, v)]
    s = dense["rewritten"]
    return [*cols, s[c] - s.max(), rank(s, s[c])]


def many(pairs: list[tuple[str, str]]) -> np.ndarray | None:
    """The encoder's vectors of many (claim, title) pairs: (n, 2, 384) float16, or None without the
    encoder. The claim cleaned as ``ranker.entry_texts`` cleans it."""
    flat = [t for c, ti in pairs for t in (text.clean_reviewed(c), ti)]
    v = encoder.encode(flat)
    return None if v is None else v.astype(np.float16).reshape(len(pairs), 2, encoder.DIM)


def of(vectors: list[np.ndarray | None], pairs) -> dict[str, np.ndarray] | None:
    """Each view's vectors (float32) of entries whose vectors are ``vectors`` (None: computed from
    ``pairs()``, their (claim, title)); None when the encoder is not installed and some are missing."""
    vecs = np.zeros((len(vectors), 2, encoder.DIM), dtype=np.float32)
    missing = [i for i, v in enumerate(vectors) if v is None]
    for i, v in enumerate(vectors):
        if v is not None:
            vecs[i] = v
    if missing:
        every = pairs()
        made = many([every[i] for i in missing])
        if made is None:
            return None
        vecs[missing] = made
    return {v: np.ascontiguousarray(vecs[:, j]) for j, v in enumerate(VIEWS)}


def matmul(parts, q: np.ndarray, block: int = 16_384) -> np.ndarray:
    """``part @ q`` over float16 arrays a block of rows at a time (a 50,000-row segment at once would
    be a 77 MB float32 copy a query)."""
    out = []
    for p in parts:
        for k in range(0, len(p), block):
            out.append(np.asarray(p[k:k + block], dtype=np.float32) @ q)
    return np.concatenate(out) if out else np.zeros(0, dtype=np.float32)
