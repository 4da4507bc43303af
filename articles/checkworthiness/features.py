"""Features of a sentence for the check-worthiness model, shared by training and prediction.

Three blocks, each unit-normalised so no block drowns the others:
- hashed TF-IDF over word 1-2 grams and character 2-5 grams inside words (the lexical evidence);
- WordLlama's sentence vector (what the sentence is about, for words training never saw);
- a few structural cues a fact-checker reads first: a number or quantity word, named things
  (capitalised words past the first), a comparison or superlative, a completed past event,
  first-person intention or opinion, a question, and how long the sentence is.
Hashing keeps the model a fixed-size array (no vocabulary to ship) and makes featurising linear.
"""
from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass

import numpy as np

HASH_BITS = 20
HASH_SIZE = 1 << HASH_BITS
_MASK = HASH_SIZE - 1
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

_NUMBER = re.compile(
    r"\d|\b(percent|per cent|million|billion|trillion|thousand|hundred|dozen|half|twice|double[ds]?|"
    r"triple[ds]?|quadrupled?)\b", re.I)
_COMPARISON = re.compile(
    r"\b(more|less|fewer|most|least|highest|lowest|largest|biggest|smallest|worst|best|first|only|"
    r"record|every|never|no one|nobody|all)\b", re.I)
_PAST_EVENT = re.compile(
    r"\b(was|were|did|had|has been|have been|voted|passed|signed|increased|decreased|went up|went down|"
    r"cut|raised|lost|created|spent|paid|killed|died|grew|fell|rose|doubled|tripled|opposed|supported|"
    r"said|called|wrote|sent|took|gave|made)\b", re.I)
_INTENTION = re.compile(
    r"\b(i think|i believe|i feel|i hope|i want|i will|i'll|we will|we'll|we're going to|i'm going to|"
    r"we need|we must|we should|you should|let me|thank you|i'd like)\b", re.I)
HAND_NAMES = ("length", "named", "number", "question", "intention", "past_event", "comparison", "short")
HAND_SIZE = len(HAND_NAMES)


@dataclass(frozen=True)
class Hashed:
    """Sparse counts: bucket index -> sublinear term frequency (1 + log tf)."""
    index: np.ndarray
    value: np.ndarray


def _bucket(gram: str) -> int:
    return zlib.crc32(gram.encode("utf-8")) & _MASK


def grams(text: str) -> Counter[str]:
    words = WORD.findall(text.lower())
    out: Counter[str] = Counter("w:" + w for w in words)
    out.update("b:" + a + " " + b for a, b in zip(words, words[1:], strict=False))
    for w in words:
        padded = f" {w} "
        for n in range(2, 6):
            for i in range(len(padded) - n + 1):
                out["c:" + padded[i:i + n]] += 1
    return out


def hashed(text: str) -> Hashed:
    buckets: Counter[int] = Counter()
    for gram, count in grams(text).items():
        buckets[_bucket(gram)] += count
    if not buckets:
        return Hashed(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
    index = np.fromiter(buckets.keys(), dtype=np.int64, count=len(buckets))
    value = np.fromiter((1.0 + math.log(c) for c in buckets.values()), dtype=np.float32, count=len(buckets))
    return Hashed(index, value)


def hand(text: str) -> np.ndarray:
    words = text.split()
    named = sum(1 for w in words[1:] if w[:1].isupper())
    return np.array([
        min(len(words), 60) / 30.0,
        min(named, 5) / 5.0,
        float(bool(_NUMBER.search(text))),
        float(text.rstrip().endswith("?")),
        float(bool(_INTENTION.search(text))),
        float(bool(_PAST_EVENT.search(text))),
        float(bool(_COMPARISON.search(text))),
        float(len(words) < 6),
    ], dtype=np.float32)


def tfidf_rows(rows: list[Hashed], idf: np.ndarray) -> list[Hashed]:
    """Each row weighted by idf and unit-normalised."""
    out = []
    for r in rows:
        v = r.value * idf[r.index]
        norm = float(np.linalg.norm(v)) or 1.0
        out.append(Hashed(r.index, (v / norm).astype(np.float32)))
    return out
