"""The check-worthiness model at run time: numpy over committed weights (npz, no pickle).

score(texts) -> one CheckWorthiness a text, in order: a calibrated probability that a fact-checker
would call the sentence a check-worthy factual claim, and the decision at the threshold chosen in
training (see MODEL_CARD.md).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..matching import semantic
from .features import hand, hashed, tfidf_rows

MODEL_PATH = Path(__file__).with_name("model.npz")


@dataclass(frozen=True)
class CheckWorthiness:
    score: float
    checkworthy: bool


@dataclass(frozen=True)
class Model:
    idf: np.ndarray
    w_hashed: np.ndarray
    w_embedding: np.ndarray
    w_hand: np.ndarray
    bias: float
    temperature: float
    threshold: float
    version: str
    # The weights' own hash: stored with every score, so a retrained model re-scores stored claims.
    fingerprint: str = ""

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> Model:
        with np.load(path, allow_pickle=False) as z:
            return cls(idf=z["idf"], w_hashed=z["w_hashed"], w_embedding=z["w_embedding"], w_hand=z["w_hand"],
                       bias=float(z["bias"]), temperature=float(z["temperature"]),
                       threshold=float(z["threshold"]), version=str(z["version"]),
                       fingerprint=hashlib.sha256(path.read_bytes()).hexdigest()[:12])

    def logits(self, texts: list[str]) -> np.ndarray:
        rows = tfidf_rows([hashed(t) for t in texts], self.idf)
        lexical = np.array([float(r.value @ self.w_hashed[r.index]) for r in rows], dtype=np.float64)
        emb = semantic.embed(list(texts)) @ self.w_embedding
        structure = np.stack([hand(t) for t in texts]) @ self.w_hand if texts else np.zeros(0)
        return lexical + emb + structure + self.bias

    def score(self, texts: list[str]) -> list[CheckWorthiness]:
        if not texts:
            return []
        p = 1.0 / (1.0 + np.exp(-self.logits(texts) / self.temperature))
        return [CheckWorthiness(round(float(x), 4), bool(x >= self.threshold)) for x in p]


@lru_cache(maxsize=1)
def default_model() -> Model:
    return Model.load()


def score(texts: list[str]) -> list[CheckWorthiness]:
    return default_model().score(list(texts))
