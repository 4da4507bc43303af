"""The cue model: a multinomial logistic regression over sparse local features.

Classes: 0 = not a cue, 1 = a cue whose content follows it ("said that ...", "wants to ..."),
2 = a cue whose content precedes it ("..., he said"). Weights are plain JSON (no pickle), loaded
once per process; prediction is pure Python (a dict lookup per feature).
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from .features import norm, stem

MODEL_PATH = Path(__file__).with_name("cue_model.json")
CLASSES = ("none", "after", "before")


class CueModel:
    def __init__(self, data: dict):
        self.version: str = data["version"]
        self.vocab: frozenset[str] = frozenset(data["vocab"])
        # stems of the forms that opened cues in training: a form outside the vocabulary whose stem
        # is here ("acknowledges" when training had "acknowledged") is a candidate too
        self.stems: frozenset[str] = frozenset(data.get("stems", ()))
        self.weights: dict[str, list[float]] = data["weights"]
        self.calibration: dict = data.get("calibration", {})
        # cue lemma -> the word its content follows ("talk" -> "about")
        self.openers: dict[str, str] = data.get("openers", {})
        # a candidate is a cue when P(cue) reaches this (chosen on the development split)
        self.cue_threshold: float = data.get("cue_threshold", 0.5)

    @classmethod
    def load(cls, path: Path | str = MODEL_PATH) -> CueModel:
        with open(path, encoding="utf-8") as f:
            return cls(json.load(f))

    def to_json(self) -> dict:
        return {"version": self.version, "vocab": sorted(self.vocab), "stems": sorted(self.stems),
                "weights": self.weights,
                "calibration": self.calibration,
                "openers": self.openers, "cue_threshold": self.cue_threshold}

    def is_candidate(self, low: str) -> bool:
        """Whether a lower-cased token is decided by the model: a form of the vocabulary, or a word
        of five letters or more whose stem is a known cue's (the back-off for unseen inflections)."""
        if "\u2019" in low:
            low = norm(low)
        if low in self.vocab:
            return True
        return len(low) >= 5 and low[0].isalpha() and stem(low) in self.stems

    def predict(self, features: list[str]) -> tuple[float, float, float]:
        """Probabilities of (none, after, before)."""
        s0 = s1 = s2 = 0.0
        w = self.weights
        for f in features:
            v = w.get(f)
            if v is not None:
                s0 += v[0]
                s1 += v[1]
                s2 += v[2]
        m = max(s0, s1, s2)
        e0, e1, e2 = math.exp(s0 - m), math.exp(s1 - m), math.exp(s2 - m)
        z = e0 + e1 + e2
        return e0 / z, e1 / z, e2 / z


@lru_cache(maxsize=4)
def _load(path: str) -> CueModel | None:
    p = Path(path)
    return CueModel.load(p) if p.exists() else None


def default_model() -> CueModel | None:
    """The committed model, loaded once per process (None if the file is absent)."""
    return _load(str(MODEL_PATH))
