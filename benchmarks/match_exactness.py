"""The approximate vector search against exact cosines, through the whole match.

    python benchmarks/match_exactness.py [--size 100000] [--keep DIR | --reuse DIR]

Builds a generation of ``--size`` fact-checks as ``match_scale.py`` does (the real CheckThat!
fact-checks, then generated ones; vectors computed first, as an import stores them), then answers
the dev queries of both tasks twice on the same index: with the approximate search (as a worker
does) and with exact cosines over every row (``ranker.Library.cosines``, no fix-up of the
candidates' cosines) of the float32 vectors the build was given (with ``--reuse``: of the vectors
the index keeps, so an int8 layout's rounding is not counted). Prints how many queries get the same best answer, the same five, and the
largest score difference of an answer both return; and the build's CPU seconds (the graphs' own
share as ``ann s``).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


import match_scale  # noqa: E402
import numpy as np  # noqa: E402

from articles.matching import index_build, ranker, store  # noqa: E402


def build(root: Path, size: int) -> tuple[float, float, list]:
    real = match_scale.real_reviews()
    pairs = real[:size] + match_scale.generated(real, len(real), max(0, size - len(real)), seed=size)
    vecs = ranker.vectors_many(pairs)
    spent = [0.0]
    save = index_build._save_ann

    def timed(*args, **kwargs):
        c = time.process_time()
        save(*args, **kwargs)
        spent[0] += time.process_time() - c

    def chunks():
        for k in range(0, len(pairs), match_scale.CHUNK):
            yield [store.Row(k + 1 + j, c, t, vecs[k + j], 0) for j, (c, t) in enumerate(pairs[k:k + match_scale.CHUNK])]

    index_build._save_ann = timed
    c = time.process_time()
    try:
        store.build_generation(root, 1, chunks)
    finally:
        index_build._save_ann = save
    return time.process_time() - c, spent[0], vecs


def compare(root: Path, vecs: list | None = None) -> dict:
    lib = store.open_generation(root, store.read_manifest(root))
    assert lib.approximate, "the library is under ANN_MIN: nothing approximate to compare"
    qs = match_scale.queries()
    ann = [lib.match(q, 5) for q in qs]
    lib.approximate = False  # ranker.Library.cosines: every row's exact cosine
    if vecs is not None:  # of the vectors given to the build, not those the index keeps
        n = len(lib.ids)
        lib.vectors = {v: store.Rows([np.stack([x[j] for x in vecs]).astype(np.float32)], np.asarray([0, n]),
                                     lib.dead, -1.0) for j, v in enumerate(ranker.VIEWS)}
    exact = [lib.match(q, 5) for q in qs]
    best = sum(bool(a) and bool(e) and a[0].id == e[0].id for a, e in zip(ann, exact, strict=True))
    five = sum([r.id for r in a] == [r.id for r in e] for a, e in zip(ann, exact, strict=True))
    five_set = sum({r.id for r in a} == {r.id for r in e} for a, e in zip(ann, exact, strict=True))
    diff = max((abs(r.score - s) for a, e in zip(ann, exact, strict=True)
                for r in a for i, s in [(x.id, x.score) for x in e] if i == r.id), default=0.0)
    return {"queries": len(qs), "best": best, "five": five, "five_set": five_set, "diff": diff}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--keep", default="", help="build into this folder and keep it")
    ap.add_argument("--reuse", default="", help="compare on an index folder built before (no build)")
    a = ap.parse_args()
    build_s = ann_s = float("nan")
    vecs = None
    if a.reuse:
        root = Path(a.reuse)
    else:
        root = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="match-exactness-"))
        build_s, ann_s, vecs = build(root, a.size)
    r = compare(root, vecs)
    print(f"{a.size if not a.reuse else 'reused'} rows: build {build_s:.1f} s CPU (ann {ann_s:.1f} s; graphs: "
          f"{index_build.ANN_DTYPE}, connectivity {index_build.ANN_CONNECTIVITY}, expansion_add {index_build.ANN_EXPANSION_ADD}); same best answer "
          f"{r['best']}/{r['queries']}, same top 5 {r['five_set']}/{r['queries']} (same order {r['five']}), "
          f"scores within {r['diff']:.3f}  (load average {os.getloadavg()[0]:.1f})")
    if not a.keep and not a.reuse:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
