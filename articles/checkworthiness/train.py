"""Train the check-worthiness model (CheckThat! 2024 task 1 English, built on ClaimBuster).

    python -m articles.checkworthiness.train --data ../shared/checkworthy/ct24_en

Needs the `train` extra (scikit-learn: its sparse logistic regression and cross-validation are
well kept and exact; prediction needs numpy only). Deterministic, one core, about two minutes.
Choices: the regularisation by 5-fold cross-validated average precision on train; the temperature
by log-loss on dev (same debates as train); the decision threshold by F1 averaged over dev and
dev_test (later debates, where scores run lower). The sentences are read, never copied: only
the weights are written.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from ..matching import semantic
from .features import HAND_SIZE, HASH_SIZE, hand, hashed, tfidf_rows
from .model import MODEL_PATH, Model

VERSION = "1.0"
C_GRID = (0.5, 1.0, 2.0)


def read(path: Path) -> tuple[list[str], np.ndarray]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["text"] for r in rows], np.array([int(r["label"]) for r in rows])


def idf_of(rows) -> np.ndarray:
    df = np.zeros(HASH_SIZE, dtype=np.float64)
    for r in rows:
        df[r.index] += 1
    return np.log((1 + len(rows)) / (1 + df)).astype(np.float32) + 1.0


def design(texts: list[str], idf: np.ndarray):
    from scipy.sparse import csr_matrix, hstack

    rows = tfidf_rows([hashed(t) for t in texts], idf)
    indptr = np.cumsum([0] + [len(r.index) for r in rows])
    lexical = csr_matrix((np.concatenate([r.value for r in rows]), np.concatenate([r.index for r in rows]),
                          indptr), shape=(len(texts), HASH_SIZE))
    dense = np.hstack([semantic.embed(texts), np.stack([hand(t) for t in texts])])
    return hstack([lexical, csr_matrix(dense)]).tocsr()


def f1_at(p: np.ndarray, y: np.ndarray, t: float) -> float:
    pred = p >= t
    tp = float((pred & (y == 1)).sum())
    return 2 * tp / (pred.sum() + (y == 1).sum()) if tp else 0.0


def average_precision(p: np.ndarray, y: np.ndarray) -> float:
    from sklearn.metrics import average_precision_score

    return float(average_precision_score(y, p))


def choose_c(x, y) -> tuple[float, dict[float, float]]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=13)
    cv = {}
    for c in C_GRID:
        p = cross_val_predict(LogisticRegression(C=c, max_iter=3000), x, y, cv=folds, method="predict_proba")[:, 1]
        cv[c] = average_precision(p, y)
    return max(cv, key=cv.get), cv


def fit_temperature(logit: np.ndarray, y: np.ndarray) -> float:
    best = min(np.arange(0.5, 2.51, 0.05),
               key=lambda t: float(np.mean(np.logaddexp(0, -logit / t) * y + np.logaddexp(0, logit / t) * (1 - y))))
    return round(float(best), 2)


def main(argv=None) -> int:
    from sklearn.linear_model import LogisticRegression

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="folder with train/dev/dev_test.jsonl")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    a = ap.parse_args(argv)
    t0 = time.time()
    texts, y = read(a.data / "train.jsonl")
    idf = idf_of([hashed(t) for t in texts])
    x = design(texts, idf)
    c, cv = choose_c(x, y)
    clf = LogisticRegression(C=c, max_iter=3000).fit(x, y)
    w = clf.coef_[0]
    d = semantic.DIM
    dev_t, dev_y = read(a.data / "dev.jsonl")
    dt_t, dt_y = read(a.data / "dev_test.jsonl")
    model = Model(idf=idf, w_hashed=w[:HASH_SIZE].astype(np.float32), w_embedding=w[HASH_SIZE:HASH_SIZE + d].astype(np.float32),
                  w_hand=w[HASH_SIZE + d:HASH_SIZE + d + HAND_SIZE].astype(np.float32), bias=float(clf.intercept_[0]),
                  temperature=1.0, threshold=0.5, version=VERSION)
    temperature = fit_temperature(model.logits(dev_t), dev_y)
    model = Model(**{**model.__dict__, "temperature": temperature})
    p_dev = np.array([s.score for s in model.score(dev_t)])
    p_dt = np.array([s.score for s in model.score(dt_t)])
    grid = np.round(np.arange(0.15, 0.61, 0.01), 2)
    threshold = float(max(grid, key=lambda t: (f1_at(p_dev, dev_y, t) + f1_at(p_dt, dt_y, t)) / 2))
    np.savez_compressed(a.out, idf=idf, w_hashed=model.w_hashed, w_embedding=model.w_embedding, w_hand=model.w_hand,
                        bias=np.float64(model.bias), temperature=np.float64(temperature),
                        threshold=np.float64(threshold), version=np.str_(VERSION))
    report = {
        "C": c, "cv_average_precision": {str(k): round(v, 4) for k, v in cv.items()},
        "temperature": temperature, "threshold": threshold,
        "dev": {"f1": round(f1_at(p_dev, dev_y, threshold), 4), "ap": round(average_precision(p_dev, dev_y), 4)},
        "dev_test": {"f1": round(f1_at(p_dt, dt_y, threshold), 4), "ap": round(average_precision(p_dt, dt_y), 4)},
        "seconds": round(time.time() - t0, 1), "out": str(a.out),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
