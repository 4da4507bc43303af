"""Choose trafilatura's mode for web pages by cross-validation over the shared benchmark pages.

    python benchmarks/web_extraction_cv.py [--pages ../shared/html-articles] [--folds 5]

Each page is read by articles.ingestion.web.page.read_page under each candidate option set; the
score is html_eval's (4-word shingle precision and recall averaged over pages, then F1). In each
fold the options with the best F1 on the other folds are scored on the held-out pages; the
held-out F1s are averaged, and the options most folds chose are the ones to ship.
"""
from __future__ import annotations

import argparse
import gzip
import json
import pathlib
import random
import re
import sys
from collections import Counter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from articles.ingestion.web import page  # noqa: E402

CANDIDATES = {
    "balanced": dict(favor_recall=False, favor_precision=False),
    "recall": dict(favor_recall=True, favor_precision=False),
    "precision": dict(favor_recall=False, favor_precision=True),
    "balanced+tables": dict(favor_recall=False, favor_precision=False, include_tables=True),
}
TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter:
    toks = TOKEN.findall(text or "")
    return Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i:i + n])


def page_pr(true: str, pred: str) -> tuple[float | None, float | None]:
    t, p = shingles(true), shingles(pred)
    tp = sum(min(t[k], p[k]) for k in t.keys() & p.keys())
    fp, fn = sum(p.values()) - tp, sum(t.values()) - tp
    if fp == fn == 0:
        return 1.0, 1.0
    return (tp / (tp + fp) if tp + fp else None), (tp / (tp + fn) if tp + fn else None)


def f1(rows) -> float:
    ps = [p for p, _ in rows if p is not None]
    rs = [r for _, r in rows if r is not None]
    p, r = sum(ps) / len(ps), sum(rs) / len(rs)
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", default="../shared/html-articles")
    ap.add_argument("--folds", type=int, default=5)
    a = ap.parse_args()
    root = pathlib.Path(a.pages)
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)
    scores: dict[str, dict[str, tuple]] = {name: {} for name in CANDIDATES}
    for k in keys:
        html = gzip.decompress((root / "html" / f"{k}.html.gz").read_bytes())
        for name, opts in CANDIDATES.items():
            try:
                art = page.read_page(html, None, options=opts)
                pred = "\n\n".join(t for _, t in art.blocks)
            except page.PageError:
                pred = ""
            scores[name][k] = page_pr(truth[k]["articleBody"], pred)
    for name in CANDIDATES:
        print(f"{name:16s} all pages F1 {f1(scores[name].values()):.4f}")
    random.Random(0).shuffle(keys)
    held, chosen = [], Counter()
    for i in range(a.folds):
        test = keys[i::a.folds]
        train = [k for k in keys if k not in set(test)]
        best = max(CANDIDATES, key=lambda n: f1([scores[n][k] for k in train]))
        chosen[best] += 1
        held.append(f1([scores[best][k] for k in test]))
        print(f"fold {i + 1}: chose {best}, held-out F1 {held[-1]:.4f}")
    print(json.dumps({"cv_f1": round(sum(held) / len(held), 4), "chosen": dict(chosen)}))


if __name__ == "__main__":
    main()
