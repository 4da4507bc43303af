"""The sentence encoder's vectors of fact-checks (encoder.py) as the ranker uses them: computed for
many at once, gathered from entries, and turned into the ``DENSE_FEATURES`` columns of candidates.
Pure numpy, no Django."""
from __future__ import annotations

import hashlib
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

import numpy as np

from . import encoder, text

# The sentence encoder's cosines (encoder.py, MiniLM-L6): of the claim and of the title with the
# text, and of the claim with the text rewritten by its context; each absolute, as the gap to the
# library's best and as a rank. All 0 in a library without the encoder's vectors (a model using
# them then scores with its fallback: ``ranker.MatchModel.for_library``).
VIEWS = ("claim", "title")
FEATURES = ([f"dense_{v}_{k}" for v in VIEWS for k in ("abs", "gap", "rank")]
            + ["rewritten_dense_gap", "rewritten_dense_rank"])


def query(q: str, rq: str) -> np.ndarray | None:
    """The encoder's vectors of the text and, when it differs, of the text rewritten by its context
    ((1 or 2, 384)); None without the encoder."""
    return encoder.encode([q] if rq == q else [q, rq])


# A query's encoding beside the lexical stage (``query_later``, ``Pending``): the encoder's pass is matrix
# products, which numpy runs without the GIL, so on a second core it overlaps BM25, the character grams,
# WordLlama's search and the columns that do not need the encoder. CLAIMSDB_MATCH_ENCODE_THREAD: "auto" (default) when this process may use more than
# one core and one is free now (``_spare_core``), "1" (on, true, yes) whenever it may use more than one, "0"
# (off, false, no) never. The cores: its CPU affinity, capped by its container's CPU quota (``_quota``).
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _reset_after_fork() -> None:
    # a forked worker has no thread of its parent's pool: it starts its own on its first match
    global _pool, _pool_lock
    _pool, _pool_lock = None, threading.Lock()


os.register_at_fork(after_in_child=_reset_after_fork)

# A core counts as free while the kernel's CPU pressure (the share of the last 10 s in which a runnable
# task waited for a core) is under this: on a saturated machine (95-99% here) a second thread only
# competes for the same cores, and a thread holding the GIL taken off its core stalls the other
# (measured ~2-3% slower there); at 35-80% it still gained (MODEL_CARD.md, mp95e).
PRESSURE_FILE = "/proc/pressure/cpu"
FREE_PRESSURE = 90.0
_spare = [-10.0, False]  # when last read (time.monotonic), and its answer: read at most once a second


# A container's CPU quota (cgroup v2 ``cpu.max``, v1 ``cpu.cfs_quota_us`` / ``cpu.cfs_period_us``): a pod limited
# to one CPU on a many-core node sees every core in its affinity and the node's pressure, yet a second thread
# only shares its one CPU's quota with the first (rv24).
CPU_MAX = ("/sys/fs/cgroup/cpu.max", "/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu/cpu.cfs_period_us")


@lru_cache(maxsize=1)
def _quota() -> float | None:
    """The CPUs this process's cgroup may use (quota / period; read once a process), None without a limit."""
    return read_quota(*CPU_MAX)


def read_quota(v2: str, v1q: str, v1p: str) -> float | None:
    try:
        with open(v2) as f:
            quota, period = f.read().split()[:2]
    except (OSError, ValueError):
        try:
            with open(v1q) as f, open(v1p) as g:
                quota, period = f.read().strip(), g.read().strip()
        except OSError:
            return None
    try:
        return None if quota in ("max", "-1") else int(quota) / int(period)
    except (ValueError, ZeroDivisionError):
        return None


def _cores() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    quota = _quota()
    return cores if quota is None else min(cores, max(1, int(quota)))


def _spare_core() -> bool:
    now = time.monotonic()
    if now - _spare[0] < 1.0:
        return bool(_spare[1])
    try:
        with open(PRESSURE_FILE, "rb") as f:
            free = float(f.readline().split(b"avg10=")[1].split()[0]) < FREE_PRESSURE
    except (OSError, ValueError, IndexError):  # no pressure accounting: the load average instead
        try:
            free = os.getloadavg()[0] < _cores() - 0.5
        except OSError:  # no load average either (a container without /proc/loadavg): in line
            free = False
    _spare[:] = [now, free]
    return free


# The switch's spellings (rv24: "off" or "false" was read as "auto" and could turn the thread on)
_NEVER, _ALWAYS = {"0", "off", "false", "no"}, {"1", "on", "true", "yes"}


def _overlap() -> bool:
    how = os.environ.get("CLAIMSDB_MATCH_ENCODE_THREAD", "auto").strip().lower()
    if how in _NEVER or _cores() < 2:
        return False
    return how in _ALWAYS or _spare_core()


def query_later(q: str, rq: str):
    """``query(q, rq)`` started now: a function that returns it (computed in a thread of this
    process while the caller works, or on the call when no second core is free: ``_overlap``)."""
    return _later(query, q, rq)


def _later(fn, *args):
    global _pool
    if not _overlap():
        return lambda: fn(*args)
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="claimsdb-encode")
        job = _pool.submit(fn, *args)
    return job.result


def _query_and_cosines(rows: dict, q: str, rq: str) -> tuple[np.ndarray | None, dict[str, np.ndarray]]:
    qv = query(q, rq)
    return qv, (cosines(rows, qv) if qv is not None else {})


class Pending:
    """A query's encoder vectors and their cosines over ``rows`` (``cosines``: the encoder's graph searched
    past a size) being computed by ``_later``: the first call of ``vectors`` or ``cosines`` waits for them."""

    def __init__(self, rows: dict, q: str, rq: str):
        self._later = _later(_query_and_cosines, rows, q, rq)
        self._done: tuple[np.ndarray | None, dict[str, np.ndarray]] | None = None

    def _get(self) -> tuple[np.ndarray | None, dict[str, np.ndarray]]:
        if self._done is None:
            self._done = self._later()
        return self._done

    def vectors(self) -> np.ndarray | None:
        return self._get()[0]

    def cosines(self) -> dict[str, np.ndarray]:
        """``cosines(rows, vectors)``; {} without the encoder."""
        return self._get()[1]


def cosines(rows: dict, qv: np.ndarray) -> dict[str, np.ndarray]:
    """Each view's cosines over ``rows`` (a view's vectors, ``rows[v] @ q``) and the claim's with the
    rewritten text ("rewritten": the claim's own array when ``qv`` holds the text alone)."""
    out = {v: rows[v] @ qv[0] for v in VIEWS}
    out["rewritten"] = out["claim"] if len(qv) == 1 else rows["claim"] @ qv[1]
    return out


def exact(rows: dict, qv: np.ndarray, c: np.ndarray) -> dict[str, np.ndarray] | None:
    """The candidates' own cosines, read from their rows, where ``rows`` answers ``@`` approximately
    (``store.DenseRows`` past an approximate index: a row the search did not return holds a value
    under those it did); None where ``cosines`` is exact for every row."""
    if not any(getattr(rows[v], "approximate", False) for v in VIEWS):
        return None
    claim = rows["claim"][c]
    return {"claim": claim @ qv[0], "title": rows["title"][c] @ qv[0], "rewritten": claim @ qv[-1]}


def columns(dense: dict[str, np.ndarray], c: np.ndarray, rank,
            exact: dict[str, np.ndarray] | None = None) -> list[np.ndarray]:
    """``FEATURES`` of the candidates ``c`` (``rank``: the features' cached rank of a score array).
    ``exact``: the candidates' own cosines where ``dense`` is approximate (``exact``): the absolute
    value and the gap to the best row are then theirs, as brute force gives them, and so is the rank
    within the search's depth (past it: that depth, the rows it returned counted)."""
    if not dense:
        return [np.zeros(len(c), np.float32)] * len(FEATURES)
    cols = []
    for key in (*VIEWS, "rewritten"):
        s = dense[key]
        v = at = s[c]
        if exact is not None:
            v = np.asarray(exact[key], dtype=s.dtype)
            # ranked by its own cosine among the rows the search returned, never under the rows it
            # did not (they all hold the value under those: its depth is the rank's floor)
            at = np.maximum(v, at)
        cols += [v, v - s.max(), rank(s, at)] if key != "rewritten" else [v - s.max(), rank(s, at)]
    return cols


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


# The encoder a stored vector was made by: part of its key (``pack``), so vectors of another model
# are never read as this one's.
MODEL = "all-MiniLM-L6-v2"
_KEY = 8  # bytes of the key before the vectors


def key(claim: str, title: str) -> bytes:
    """What a fact-check's stored vectors were computed from: the encoder and the two texts (the
    claim's length first: a separator inside a text must not make two wordings one key)."""
    return hashlib.blake2b(f"{MODEL}\x1f{len(claim)}\x1f{claim}\x1f{title}".encode(), digest_size=_KEY).digest()


def pack(claim: str, title: str, vectors: np.ndarray) -> bytes:
    """A fact-check's vectors ((2, 384), ``many``) as stored with it: the key of their texts, then
    the float16 values. Whatever later writes the row (an import, the admin, an update by SQL),
    vectors of an older wording never pass ``unpack``."""
    return key(claim, title) + np.ascontiguousarray(vectors, dtype=np.float16).tobytes()


def unpack(blob, claim: str, title: str) -> np.ndarray | None:
    """The stored vectors ((2, 384) float16) when they were computed from these texts, else None."""
    if not blob:
        return None
    blob = bytes(blob)
    if len(blob) != _KEY + 2 * encoder.DIM * 2 or blob[:_KEY] != key(claim, title):
        return None
    return np.frombuffer(blob, dtype=np.float16, offset=_KEY).reshape(2, encoder.DIM)


def matmul(parts, q: np.ndarray, block: int = 16_384) -> np.ndarray:
    """``part @ q`` over float16 arrays a block of rows at a time (a 50,000-row segment at once would
    be a 77 MB float32 copy a query)."""
    out = []
    for p in parts:
        for k in range(0, len(p), block):
            out.append(np.asarray(p[k:k + block], dtype=np.float32) @ q)
    return np.concatenate(out) if out else np.zeros(0, dtype=np.float32)
