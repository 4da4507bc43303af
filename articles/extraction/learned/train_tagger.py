"""Train the name tagger on CoreNLP's silver tags, and measure it.

    python -m articles.extraction.learned.train_tagger --corpus ../shared/polnear-train \
        [--dev ../shared/polnear-dev] [--folds 5] [--out articles/extraction/learned/tagger_model.json]

Deterministic (articles in name order, a fixed shuffle seed): the same corpus gives byte-identical
weights. Pure Python. ``--folds 5`` also prints 5-fold cross-validated span F1 over the training
articles; ``--dev`` prints span F1 per class on the development articles. The corpus texts are read,
never copied: only the weights are written.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from ..seedformat import SeedFormatError, parse
from ..tokens import Token, tokenize
from .tagger import (
    CORENLP_TAG,
    FINGERPRINT,
    MODEL_PATH,
    TAGS,
    TaggedToken,
    Tagger,
    sentence_openers,
    static_features,
    tag_features,
    tag_spans,
)

EPOCHS = 6
SEED = 7
MIN_WEIGHT = 0.1  # averaged weights under this (in absolute value) are dropped
TAGDICT_MIN_COUNT = 20
TAGDICT_MIN_SHARE = 0.995


def read_silver(root: Path) -> list[tuple[str, list[list[Token]], list[list[str]]]]:
    """(doc, blocks of tokens, their silver tags) for each article with CoreNLP annotation.

    A token takes the tag of the CoreNLP token that covers its first character ("Trump's" is one
    token here, two for CoreNLP: it takes "Trump"'s tag)."""
    out = []
    with open(root / "corenlp.jsonl", encoding="utf-8") as f:
        annotations = [json.loads(line) for line in f if line.strip()]
    for ann in sorted(annotations, key=lambda a: a["doc"]):
        path = root / "articles" / f"{ann['doc']}.txt"
        try:
            article = parse(path.read_text(encoding="utf-8"))
        except (OSError, SeedFormatError, UnicodeDecodeError):
            continue
        by_char: dict[int, str] = {}
        for s, e, _pos, ner in ann["tokens"]:
            tag = CORENLP_TAG.get(ner, "O")
            for c in range(s, e):
                by_char[c] = tag
        blocks, tags = [], []
        for b in article.blocks:
            if b.kind not in ("headline", "paragraph", "bullet"):
                continue
            toks = tokenize(article.text, b.start, b.end)
            if toks:
                blocks.append(toks)
                tags.append([by_char.get(t.start, "O") for t in toks])
        out.append((ann["doc"], blocks, tags))
    return out


def make_tagdict(docs) -> dict[str, str]:
    """Word forms frequent enough and of one tag often enough to skip scoring."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for _doc, blocks, tags in docs:
        for toks, tg in zip(blocks, tags, strict=True):
            for t, g in zip(toks, tg, strict=True):
                counts[t.word][g] += 1
    out = {}
    for w, c in counts.items():
        tag, n = c.most_common(1)[0]
        total = sum(c.values())
        if total >= TAGDICT_MIN_COUNT and n / total >= TAGDICT_MIN_SHARE:
            out[w] = tag
    return out


class _Perceptron:
    """Multiclass perceptron weights with lazily updated running totals for averaging."""

    def __init__(self, ntags: int):
        self.n = ntags
        self.weights: dict[str, list[float]] = {}
        self.totals: dict[str, list[float]] = {}
        self.stamps: dict[str, list[int]] = {}
        self.step = 0

    def best(self, feats: list[str]) -> int:
        scores = [0.0] * self.n
        for f in feats:
            w = self.weights.get(f)
            if w is not None:
                for k in range(self.n):
                    scores[k] += w[k]
        return max(range(self.n), key=scores.__getitem__)

    def update(self, feats: list[str], truth: int, guess: int) -> None:
        for f in feats:
            w = self.weights.get(f)
            if w is None:
                w = self.weights[f] = [0.0] * self.n
                self.totals[f] = [0.0] * self.n
                self.stamps[f] = [0] * self.n
            tot, st = self.totals[f], self.stamps[f]
            for k, d in ((truth, 1.0), (guess, -1.0)):
                tot[k] += (self.step - st[k]) * w[k]
                st[k] = self.step
                w[k] += d

    def averaged(self, min_weight: float) -> tuple[list[str], list[float]]:
        """Features (sorted) and their averaged weights, one row of n a feature; weights under
        min_weight are zero, features left all zero are dropped."""
        features, flat = [], []
        for f in sorted(self.weights):
            w, tot, st = self.weights[f], self.totals[f], self.stamps[f]
            row = []
            for k in range(self.n):
                avg = (tot[k] + (self.step - st[k]) * w[k]) / self.step
                row.append(round(avg, 3) if abs(avg) >= min_weight else 0.0)
            if any(row):
                features.append(f)
                flat.extend(row)
        return features, flat


def train(docs, epochs: int = EPOCHS, seed: int = SEED) -> Tagger:
    """An averaged perceptron, greedy left to right, the previous tags as the model gave them."""
    tagdict = make_tagdict(docs)
    index = {t: k for k, t in enumerate(TAGS)}
    model = _Perceptron(len(TAGS))
    blocks = [(toks, [index[g] for g in tg]) for _doc, bl, tgs in docs for toks, tg in zip(bl, tgs, strict=True)]
    statics: list[list | None] = [None] * len(blocks)
    order = list(range(len(blocks)))
    rng = random.Random(seed)
    for _epoch in range(epochs):
        rng.shuffle(order)
        for b in order:
            toks, gold = blocks[b]
            if statics[b] is None:
                opens = sentence_openers(toks)
                statics[b] = [None if t.word in tagdict else static_features(toks, i, opens)
                              for i, t in enumerate(toks)]
            st = statics[b]
            prev, prev2 = "<s>", "<s>"
            for i, t in enumerate(toks):
                model.step += 1
                tag = tagdict.get(t.word)
                if tag is None:
                    feats = tag_features(st[i], prev, prev2, t.low)
                    guess = model.best(feats)
                    if guess != gold[i]:
                        model.update(feats, gold[i], guess)
                    tag = TAGS[guess]
                prev2, prev = prev, tag
    features, flat = model.averaged(MIN_WEIGHT)
    return Tagger({"fingerprint": FINGERPRINT, "tags": list(TAGS), "tagdict": tagdict,
                   "features": features, "weights": flat,
                   "info": {"articles": len(docs), "epochs": epochs,
                            "tokens": sum(len(t) for t, _ in blocks)}})


def span_scores(model: Tagger, docs) -> dict[str, tuple[int, int, int]]:
    """(true positives, predicted, gold) exact-span counts per tag over the documents."""
    counts = {t: [0, 0, 0] for t in TAGS[1:]}
    for _doc, blocks, tags in docs:
        for toks, gold in zip(blocks, tags, strict=True):
            pred = model.tag_tokens(toks)
            ps = set(tag_spans([TaggedToken(t.start, t.end, t.word, g) for t, g in zip(toks, pred, strict=True)]))
            gs = set(tag_spans([TaggedToken(t.start, t.end, t.word, g) for t, g in zip(toks, gold, strict=True)]))
            for s in ps:
                counts[s[2]][1] += 1
                counts[s[2]][0] += s in gs
            for s in gs:
                counts[s[2]][2] += 1
    return {t: tuple(c) for t, c in counts.items()}


def report(label: str, counts: dict[str, tuple[int, int, int]]) -> str:
    parts = []
    tp_all = pr_all = go_all = 0
    for t, (tp, pr, go) in counts.items():
        p = tp / pr if pr else 0.0
        r = tp / go if go else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        parts.append(f"{t} P {p:.3f} R {r:.3f} F1 {f:.3f} (n={go})")
        tp_all, pr_all, go_all = tp_all + tp, pr_all + pr, go_all + go
    p, r = tp_all / max(pr_all, 1), tp_all / max(go_all, 1)
    parts.append(f"all F1 {2 * p * r / (p + r) if p + r else 0:.3f}")
    return f"{label}: " + "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True, type=Path, help="folder with articles/*.txt and corenlp.jsonl")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--dev", type=Path, help="a second annotated folder to measure on")
    ap.add_argument("--folds", type=int, default=0, help="also print k-fold cross-validated span F1")
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    if not (a.corpus / "corenlp.jsonl").exists():
        print(f"error: {a.corpus}: no corenlp.jsonl", file=sys.stderr)
        return 1
    docs = read_silver(a.corpus)
    if not docs:
        print(f"error: {a.corpus}: no readable articles", file=sys.stderr)
        return 1
    if a.folds > 1:
        total: dict[str, list[int]] = {t: [0, 0, 0] for t in TAGS[1:]}
        for k in range(a.folds):
            held = [d for i, d in enumerate(docs) if i % a.folds == k]
            fold = train([d for i, d in enumerate(docs) if i % a.folds != k], a.epochs)
            for t, c in span_scores(fold, held).items():
                total[t] = [x + y for x, y in zip(total[t], c, strict=True)]
        print(report(f"{a.folds}-fold cross-validation ({len(docs)} articles)", {t: tuple(c) for t, c in total.items()}))
    model = train(docs, a.epochs)
    a.out.write_text(json.dumps(model.to_json(), separators=(",", ":"), sort_keys=True), encoding="utf-8")
    print(f"{len(docs)} articles, {model.info['tokens']} tokens, {len(model.index)} features, "
          f"{len(model.tagdict)} tag-dictionary words -> {a.out} ({a.out.stat().st_size / 1e6:.1f} MB) "
          f"in {time.perf_counter() - t0:.0f} s")
    if a.dev:
        print(report(f"dev ({a.dev})", span_scores(Tagger.load(a.out), read_silver(a.dev))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
