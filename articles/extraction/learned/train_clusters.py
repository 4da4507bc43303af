"""Build the cue model's word classes (``clusters.py``): k-means over WordLlama's token vectors.

    python -m articles.extraction.learned.train_clusters --corpus ../shared/polnear-train

The vocabulary is the training corpus's lower-cased words and WordLlama's whole-word tokens; a word's
vector is the mean of its tokens' vectors (the spelling the corpus uses most: "Trump" for "trump"),
unit-normed; spherical k-means at two granularities (KS), k-means++ seeding with a fixed seed.
Deterministic; under a minute. Training time only: numpy and WordLlama (the installed wheel, downloads off)
are imported here, never by the extraction. Rebuild the map only on purpose: it is an input of the cue
model's training, like the lexicon (then retrain the cue model).
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

from .clusters import CLUSTERS_PATH

KS = (64, 512)
SEED = 13
# A word of the map: letters, with inner apostrophes, hyphens or periods ("he's", "so-called", "u.s").
_WORD = re.compile(r"[a-z][a-z'\-.]*[a-z]|[a-z]")


def _wordllama():
    import os

    import wordllama
    from wordllama import WordLlama

    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def vocabulary(corpus: Path | None, min_corpus_count: int = 1) -> dict[str, str]:
    """Lower-cased word -> the surface form whose tokens stand for it: the corpus's most frequent
    spelling of it ("Trump" for "trump"), else WordLlama's whole-word token (lower-case if it has one)."""
    from ..tokens import TOKEN
    from .corpus import read_corpus
    from .features import norm

    forms: dict[str, Counter[str]] = {}
    if corpus is not None:
        for doc in read_corpus(corpus):
            for m in TOKEN.finditer(doc.article.text):
                w = m.group().replace("\u2019", "'")
                low = norm(w.lower())
                if _WORD.fullmatch(low):
                    forms.setdefault(low, Counter())[w] += 1
    out = {low: c.most_common(1)[0][0] for low, c in forms.items() if sum(c.values()) >= min_corpus_count}
    wl = _wordllama()
    tokens = sorted(wl.tokenizer.get_vocab())
    whole = {}
    for tok in tokens:
        if not tok.startswith("\u2581") or len(tok) < 3:
            continue
        w = tok[1:]
        low = w.lower()
        if _WORD.fullmatch(low) and (low not in whole or w == low):
            whole[low] = w
    for low, w in whole.items():
        out.setdefault(low, w)
    return out


def kmeans(x, k: int, seed: int = SEED, iters: int = 40):
    """Spherical k-means (unit rows, cosine), k-means++ seeding; deterministic for a seed."""
    import numpy as np

    rng = np.random.default_rng(seed)
    n = len(x)
    centres = np.empty((k, x.shape[1]), dtype=x.dtype)
    centres[0] = x[rng.integers(n)]
    best = 1 - x @ centres[0]
    for j in range(1, k):
        p = np.maximum(best, 0) ** 2
        centres[j] = x[rng.choice(n, p=p / p.sum())]
        best = np.minimum(best, 1 - x @ centres[j])
    assign = np.zeros(n, dtype=np.int64)
    for _ in range(iters):
        new = np.argmax(x @ centres.T, axis=1)
        if _ and (new == assign).all():
            break
        assign = new
        for j in range(k):
            members = x[assign == j]
            if len(members):
                c = members.sum(axis=0)
                centres[j] = c / (np.linalg.norm(c) + 1e-9)
    return assign


def build(corpus: Path | None, ks: tuple[int, ...] = KS, seed: int = SEED) -> dict[str, tuple[int, ...]]:
    import numpy as np

    words = vocabulary(corpus)
    wl = _wordllama()
    emb = np.asarray(wl.embedding, dtype=np.float32)
    names = sorted(words)
    vecs = np.zeros((len(names), emb.shape[1]), dtype=np.float32)
    for r, low in enumerate(names):
        ids = wl.tokenizer.encode(words[low], add_special_tokens=False).ids
        ids = [i for i in ids if wl.tokenizer.id_to_token(i) != "\u2581"] or ids
        vecs[r] = emb[ids].mean(axis=0)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    classes = [kmeans(vecs, k, seed) for k in ks]
    return {w: tuple(int(c[r]) for c in classes) for r, w in enumerate(names)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True, help="folder with articles/*.txt (its words join the map)")
    ap.add_argument("--out", type=Path, default=CLUSTERS_PATH)
    ap.add_argument("--ks", type=int, nargs=2, default=KS, metavar=("COARSE", "FINE"))
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    m = build(a.corpus, tuple(a.ks))
    if not m:
        print("error: no words", file=sys.stderr)
        return 1
    a.out.write_text("".join(f"{w} {c[0]} {c[1]}\n" for w, c in sorted(m.items())), encoding="utf-8")
    print(f"{len(m)} words, classes {a.ks} -> {a.out} ({a.out.stat().st_size / 1e6:.1f} MB) "
          f"in {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
