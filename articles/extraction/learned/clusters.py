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

import logging
from functools import lru_cache
from pathlib import Path

CLUSTERS_PATH = Path(__file__).with_name("word_clusters.txt")
log = logging.getLogger(__name__)
_DEFAULT = str(CLUSTERS_PATH)


@lru_cache(maxsize=4)
def load(path: str = str(CLUSTERS_PATH)) -> dict[str, tuple[str, str]]:
    """word -> (coarse class, fine class), read once per process. A map that is absent or unreadable
    (an install without it, a Git LFS pointer, bytes that are not UTF-8) gives {} and a warning naming
    the file: extraction goes on without the classes, at lower recall, rather than stopping."""
    p = Path(path)
    out: dict[str, tuple[str, str]] = {}
    pairs: dict[tuple[str, str], tuple[str, str]] = {}  # one tuple per class pair, shared by its words
    try:
        with open(p, encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 3:
                    pair = (parts[1], parts[2])
                    out[parts[0]] = pairs.setdefault(pair, pair)
    except (OSError, UnicodeDecodeError) as e:
        _warn(p, f"cannot be read ({e.__class__.__name__}: {e})")
        return {}
    if not out:
        _warn(p, "holds no 'word coarse fine' line (a Git LFS pointer or an empty file?)")
    return out


def _warn(path: Path, reason: str) -> None:
    log.warning("word classes %s %s: the cue model runs without them (lower recall); "
                "rebuild with python -m articles.extraction.learned.train_clusters", path, reason)


def word_classes() -> dict[str, tuple[str, str]]:
    """The committed map (the cue model's features read it)."""
    return load(_DEFAULT)
