"""Candidate recall of the matcher's first stage: how often a query's gold fact-check is among the
candidates the ranker reranks (nothing outside them can be ranked), and how many candidates it takes.

    python benchmarks/candidate_recall.py [--split train|dev] [--data ../shared/checkthat-2021-task2b]
        [--context] [--k 40]

Text alone (as ``match_eval.py`` asks) unless ``--context`` (the transcript's speaker and lines).
Also prints each list's own recall at its depth (which retriever finds what). Choose on train;
confirm on dev. The library is built in process (the shipped background), as the API's index would.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.matching import claimreview, ranker, train  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "checkthat-2021-task2b")
    ap.add_argument("--split", default="train")
    ap.add_argument("--context", action="store_true")
    ap.add_argument("--k", type=int, default=None, help="candidates a list (default: the shipped model's)")
    a = ap.parse_args(argv)
    reviews = [r for _, r in claimreview.read(a.data / "factchecks.jsonl") if isinstance(r, claimreview.Review)]
    t = time.process_time()
    lib = ranker.Library([ranker.Entry(i, r.claim_reviewed, r.title, claimant=r.claimant, date=r.date_published)
                          for i, r in enumerate(reviews)])
    print(f"library {len(lib)} built in {time.process_time() - t:.1f} s CPU", file=sys.stderr)
    docids = [train.docid(r.url) for r in reviews]
    queries, rel = train.read_split(a.data / a.split)
    queries = [(qid, q) for qid, q in queries if rel.get(qid)]
    contexts = train.read_context(a.data / a.split) if a.context else {}
    k = a.k or ranker.default_model().candidates
    found = sizes = 0
    t = time.process_time()
    for qid, q in queries:
        c, _ = lib.features(q, k, context=contexts.get(qid))
        found += any(docids[i] in rel[qid] for i in c)
        sizes += len(c)
    cpu = (time.process_time() - t) / max(len(queries), 1) * 1000
    n = len(queries)
    print(f"{a.split}{' +context' if a.context else ''}: {n} queries, k={k}: candidate recall "
          f"{found / n:.3f} ({found}/{n}), mean candidates {sizes / n:.1f}, features {cpu:.1f} ms CPU a query")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
