"""Claim matching at library sizes beyond the real one: index build time, match latency and memory.

    python benchmarks/match_speed.py [--factchecks ../shared/checkthat-2020-task2/factchecks.jsonl] [--sizes 10000 50000 200000]

The real library is repeated (ids shifted, claims given a varying suffix so the BM25 postings grow
as they would) to reach each size; queries are the CheckThat dev tweets. Pure matcher: no database.
Brute-force cosine over all vectors is the part that grows linearly; this shows where it stops
fitting the 50 ms budget.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.matching import claimreview, ranker  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--factchecks", type=Path, default=ROOT.parent / "shared/checkthat-2020-task2/factchecks.jsonl")
    ap.add_argument("--queries", type=Path, default=ROOT.parent / "shared/checkthat-2020-task2/dev/tweets.queries.tsv")
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 200_000])
    a = ap.parse_args()
    reviews = [r for _, r in claimreview.read(a.factchecks) if isinstance(r, claimreview.Review)]
    queries = [line.split("\t")[1] for line in a.queries.read_text(encoding="utf-8").splitlines()[1:] if "\t" in line]
    base_vecs = ranker.vectors_many([(r.claim_reviewed, r.title) for r in reviews])
    print(f"{'library':>8} {'build s':>8} {'median ms':>10} {'p95 ms':>8} {'peak RSS MB':>12}")
    for size in a.sizes:
        entries = []
        for i in range(size):
            r = reviews[i % len(reviews)]
            copy = i // len(reviews)
            entries.append(ranker.Entry(i, r.claim_reviewed + (f" (variant {copy})" if copy else ""), r.title,
                                        base_vecs[i % len(reviews)]))
        t0 = time.perf_counter()
        lib = ranker.Library(entries)
        build = time.perf_counter() - t0
        lib.match(queries[0])
        times = []
        for q in queries:
            t = time.perf_counter()
            lib.match(q, 5)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{size:>8} {build:>8.1f} {statistics.median(times):>10.1f} {times[int(len(times) * 0.95)]:>8.1f} {rss:>12.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
