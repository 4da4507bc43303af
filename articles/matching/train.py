"""Learn the fusion of lexical and semantic evidence from queries paired with their fact-checks.

    python -m articles.matching.train --factchecks ../shared/checkthat-2020-task2/factchecks.jsonl \
        --train ../shared/checkthat-2020-task2/train --dev ../shared/checkthat-2020-task2/dev

A split folder holds ``tweets.queries.tsv`` (id, text) and ``tweet-vclaim-pairs.qrels`` ("qid 0 docid 1";
a fact-check's docid is the last path segment of its url). The ranker is a pairwise logistic
regression (each relevant candidate against each other candidate of its query); the score is then
calibrated to a probability on the same candidates. Deterministic: the same data give the same file.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from . import claimreview
from .ranker import (
    BACKGROUND_PATH,
    FEATURES,
    MODEL_PATH,
    Entry,
    Library,
    MatchModel,
    background_of,
    entry_texts,
)

VERSION = "1.0"


def read_split(folder: Path) -> tuple[list[tuple[str, str]], dict[str, set[str]]]:
    queries = []
    with open(folder / "tweets.queries.tsv", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                queries.append((parts[0], parts[1]))
    rel: dict[str, set[str]] = {}
    for line in open(folder / "tweet-vclaim-pairs.qrels", encoding="utf-8"):
        p = line.split()
        if len(p) >= 4 and p[3] != "0":
            rel.setdefault(p[0], set()).add(p[2])
    return queries, rel


def docid(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def candidate_sets(lib: Library, queries, rel, docids: list[str], k: int):
    out = []
    for qid, q in queries:
        c, x = lib.features(q, k)
        gold = rel.get(qid, set())
        y = np.asarray([docids[i] in gold for i in c], dtype=np.float32)
        out.append((qid, c, x, y, gold))
    return out


def fit_pairwise(sets, l2: float = 1.0, iters: int = 2000, lr: float = 0.5):
    x_all = np.vstack([s[2] for s in sets]).astype(np.float64)
    mean, scale = x_all.mean(0), x_all.std(0) + 1e-9
    diffs = []
    for _, _, x, y, _ in sets:
        z = (x - mean) / scale
        pos, neg = np.where(y > 0)[0], np.where(y == 0)[0]
        for p in pos:
            diffs.append(z[p] - z[neg])
    d = np.vstack(diffs)
    w = np.zeros(d.shape[1])
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(d @ w)))
        w -= lr * (-(d.T @ (1 - p)) / len(d) + l2 * w / len(d))
    return mean, scale, w


def fit_calibration(raw: np.ndarray, y: np.ndarray, iters: int = 3000, lr: float = 0.5) -> tuple[float, float]:
    a, b = 1.0, 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(a * raw + b)))
        g = p - y
        a -= lr * float((g * raw).mean())
        b -= lr * float(g.mean())
    return a, b


def map_at_5(lib: Library, model: MatchModel, queries, rel, docids) -> float:
    aps = []
    for qid, q in queries:
        ranked = [docids[int(i)] for i, _ in lib.match(q, 5, model)]
        gold = rel.get(qid, set())
        hits, total = 0, 0.0
        for n, d in enumerate(ranked, 1):
            if d in gold:
                hits += 1
                total += hits / n
        aps.append(total / min(len(gold), 5) if gold else 0.0)
    return float(np.mean(aps)) if aps else 0.0


def precision_at(lib, model, queries, rel, docids, threshold: float) -> tuple[float, int]:
    """Share of top answers at or above a threshold that are right, and how many there were."""
    right = n = 0
    for qid, q in queries:
        top = lib.match(q, 1, model)
        if top and top[0][1] >= threshold:
            n += 1
            right += docids[top[0][0]] in rel.get(qid, set())
    return (right / n if n else 0.0), n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--factchecks", required=True, type=Path, help="ClaimReview JSON lines")
    ap.add_argument("--train", required=True, type=Path)
    ap.add_argument("--dev", type=Path, help="measured and recorded in the model file")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--background-out", type=Path, default=BACKGROUND_PATH)
    ap.add_argument("--candidates", type=int, default=40)
    ap.add_argument("--l2", type=float, default=1.0)
    a = ap.parse_args(argv)
    reviews = [r for _, r in claimreview.read(a.factchecks) if isinstance(r, claimreview.Review)]
    docids = [docid(r.url) for r in reviews]
    background = background_of([entry_texts(r.claim_reviewed, r.title)[2] for r in reviews])
    lib = Library([Entry(i, r.claim_reviewed, r.title) for i, r in enumerate(reviews)], background=background)
    print(f"library: {len(lib)} fact-checks", file=sys.stderr)
    queries, rel = read_split(a.train)
    sets = candidate_sets(lib, queries, rel, docids, a.candidates)
    mean, scale, w = fit_pairwise(sets, l2=a.l2)
    model = MatchModel({"version": VERSION, "features": FEATURES, "mean": mean.tolist(),
                        "scale": scale.tolist(), "weights": w.tolist(), "calibration": [1.0, 0.0],
                        "candidates": a.candidates})
    raw = np.concatenate([model.raw(s[2]) for s in sets])
    y = np.concatenate([s[3] for s in sets])
    model.calibration = fit_calibration(raw.astype(np.float64), y.astype(np.float64))
    measured = {"train_map_at_5": round(map_at_5(lib, model, queries, rel, docids), 4)}
    if a.dev:
        dq, drel = read_split(a.dev)
        measured["dev_map_at_5"] = round(map_at_5(lib, model, dq, drel, docids), 4)
        for name, t in model.thresholds.items():
            p, n = precision_at(lib, model, dq, drel, docids, t)
            measured[f"dev_top1_precision_{name}"] = round(p, 4)
            measured[f"dev_top1_count_{name}"] = n
    model.measured = measured
    print(measured, file=sys.stderr)
    import json

    a.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    a.background_out.write_text(json.dumps(background.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
