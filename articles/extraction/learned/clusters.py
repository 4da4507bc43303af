"""Distributional word classes for the cue model (as Brown clusters are for taggers).

A word seen a few times in training gets little weight of its own, a word never seen none: its class
("believes" beside "thinks", "fumed" beside "seethed") carries what the other words of the class taught
the model. The classes are k-means clusters of WordLlama's 256-dimension token vectors (a word = the mean
of its tokens' vectors), built at TRAINING time only over a broad lower-cased vocabulary (the training
corpus's words and WordLlama's own whole-word tokens, so words PolNeAR never shows get a class too), at two
granularities (``train_clusters.py``). The map is a plain text file beside the cue model
(``word_clusters.txt``: one ``word coarse fine`` line per word); the extraction reads it here with dict
lookups, no numpy, no WordLlama.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

CLUSTERS_PATH = Path(__file__).with_name("word_clusters.txt")
_DEFAULT = str(CLUSTERS_PATH)


@lru_cache(maxsize=4)
def load(path: str = str(CLUSTERS_PATH)) -> dict[str, tuple[str, str]]:
    """word -> (coarse class, fine class), read once per process ({} if the file is absent)."""
    p = Path(path)
    if not p.exists():
        return {}
    out = {}
    pairs: dict[tuple[str, str], tuple[str, str]] = {}  # one tuple per class pair, shared by its words
    with open(p, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                pair = (parts[1], parts[2])
                out[parts[0]] = pairs.setdefault(pair, pair)
    return out


def word_classes() -> dict[str, tuple[str, str]]:
    """The committed map (the cue model's features read it)."""
    return load(_DEFAULT)
