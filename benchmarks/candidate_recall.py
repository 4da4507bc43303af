"""Candidate recall of the matcher's first stage: how often a query's gold fact-check is among the
candidates the ranker reranks (nothing outside them can be ranked), and how many candidates it takes.

    python benchmarks/candidate_recall.py [--split train|dev] [--data ../shared/checkthat-2021-task2b]
        [--context] [--k 40] [--lists chars:20]

Text alone (as ``match_eval.py`` asks) unless ``--context`` (the transcript's speaker and lines).
Also prints each retriever's own recall at the lists' depth and deeper (which one finds what: the
ranker takes its candidates from the lexical "both" and "bigrams" lists and the "both" and "claim"
cosines, and the further lists a model names: ``MatchModel.lists``, ``--lists``). Choose on train;
confirm on dev. The library is built in process (the shipped
background), as the API's index would.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from articles.matching import claimreview, ranker, semantic, text, train  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "checkthat-2021-task2b")
    ap.add_argument("--split", default="train")
    ap.add_argument("--context", action="store_true")
    ap.add_argument("--k", type=int, default=None, help="candidates a list (default: the shipped model's)")
    ap.add_argument("--lists", default=None, help="further lists, name:depth,... (default: the shipped model's)")
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
    lists = (ranker.default_model().lists if a.lists is None
             else {n: int(d) for n, d in (p.split(":") for p in a.lists.split(",") if p)})
    position = {d: i for i, d in enumerate(docids)}
    found = sizes = 0
    cpu = 0.0
    ranks: dict[str, list[int]] = {}
    for qid, q in queries:
        t = time.process_time()
        c, _ = lib.features(q, k, context=contexts.get(qid), lists=lists)
        cpu += time.process_time() - t
        found += any(docids[i] in rel[qid] for i in c)
        sizes += len(c)
        gold = [position[g] for g in rel[qid] if g in position]
        for name, s in _lists(lib, q).items():  # the gold check's rank in each list (best of its golds)
            ranks.setdefault(name, []).append(min(int((s > s[g]).sum()) for g in gold) if gold else len(lib))
    cpu = cpu / max(len(queries), 1) * 1000
    n = len(queries)
    print(f"{a.split}{' +context' if a.context else ''}: {n} queries, k={k} {lists or ''}: candidate recall "
          f"{found / n:.3f} ({found}/{n}), mean candidates {sizes / n:.1f}, features {cpu:.1f} ms CPU a query")
    for name, r in ranks.items():
        r = np.asarray(r)
        print(f"  {name:13s} " + " ".join(f"@{d} {np.mean(r < d):.3f}" for d in (1, 10, k + 1, 100, 200)))
    return 0


def _lists(lib: ranker.Library, query: str) -> dict[str, np.ndarray]:
    """Each retriever's scores of every fact-check for the text alone (as ``Library.features``)."""
    q = text.clean_query(query)
    qwords = text.words(q)
    out = {f"bm25_{name}": idx.scores(text.with_bigrams(qwords) if name == "bigrams" else qwords)
           for name, idx in lib.bm25.items()}
    out.update({f"cos_{view}": s for view, s in lib.cosines(semantic.embed([q])[0]).items()})
    out["chars"] = lib.chars.scores(text.char_grams(q))
    qtok = semantic.token_ids([q])[0]
    out["cos_weighted"] = lib.weighted @ semantic.weighted_vector(qtok, lib.token_idf)
    return out


if __name__ == "__main__":
    raise SystemExit(main())
