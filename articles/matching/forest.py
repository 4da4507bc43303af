"""Gradient-boosted regression trees for the match model (``ranker.MatchModel.trees``), numpy only.
Moved out of ranker.py (unchanged) to keep that module under the size gate."""
from __future__ import annotations

import numpy as np


class Forest:
    """Gradient-boosted regression trees (trained by scikit-learn's HistGradientBoostingClassifier,
    stored as plain arrays): every tree walked for every row at once, numpy only. A row goes left
    at a node when its feature is at most the node's threshold; leaves hold the value added."""

    def __init__(self, baseline: float, roots, feature, threshold, left, right, value):
        self.baseline = float(baseline)
        self.roots = np.asarray(roots, dtype=np.int64)
        self.feature = np.asarray(feature, dtype=np.int64)
        self.threshold = np.asarray(threshold, dtype=np.float64)
        self.left = np.asarray(left, dtype=np.int64)
        self.right = np.asarray(right, dtype=np.int64)
        self.value = np.asarray(value, dtype=np.float64)
        self.leaf = self.left < 0
        # how many steps the deepest leaf is from its root
        depth = np.zeros(len(self.feature), dtype=np.int64)
        for n in range(len(self.feature)):  # children come after their parent in each tree
            if not self.leaf[n]:
                depth[self.left[n]] = depth[self.right[n]] = depth[n] + 1
        self.depth = int(depth.max()) if len(depth) else 0

    @classmethod
    def from_json(cls, d: dict) -> Forest:
        return cls(d["baseline"], d["roots"], d["feature"], d["threshold"], d["left"], d["right"], d["value"])

    def to_json(self) -> dict:
        return {"baseline": self.baseline, "roots": self.roots.tolist(), "feature": self.feature.tolist(),
                "threshold": self.threshold.tolist(), "left": self.left.tolist(), "right": self.right.tolist(),
                "value": self.value.tolist()}

    def predict(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        if not len(x):
            return np.zeros(0)
        rows = np.arange(len(x))[None, :]
        node = np.repeat(self.roots[:, None], len(x), axis=1)
        for _ in range(self.depth):
            inner = ~self.leaf[node]
            go_left = x[rows, np.where(inner, self.feature[node], 0)] <= self.threshold[node]
            node = np.where(inner, np.where(go_left, self.left[node], self.right[node]), node)
        return self.baseline + self.value[node].sum(0)
