"""The words a fact-check quotes, and the ranker's column of them (match model 2.7, issue #23).

A fact-check's claim often quotes the words it reviews between quotation marks ('Says Trump said
wages "haven't gone up for a long time."'); a tweet or a sentence that says those words is likely
the one checked. ``words`` is the one definition of "the quoted words" (the stems of what the
claim quotes), read by the in-memory library (``ranker.Library.quotes``), written into each index
segment as a ragged field (``index_build.SegmentWriter``: ``quotes.offsets`` / ``quotes.blob``, as
``numbers`` and ``names``) and measured by ``benchmarks/match_reported.py``. A segment written
before the field existed (index FORMAT 7 or older) reads as "quotes nothing": the column is 0 for
its rows until a writer rebuilds the index (``services/match_index.update``). Pure Python, no Django.
"""
from __future__ import annotations

import re

import numpy as np

from . import text

# A quotation between straight or curly double quotes, marks taken in pairs (a straight mark opens and
# closes alike: a short quotation's closing mark must not open the words after it as a quotation). No
# mark inside: an opening mark within an open quotation starts the quotation (the inner one when nested),
# and each mark is scanned from once (linear time on untrusted text: a run of unclosed marks).
_QUOTE = re.compile(r'["“]([^"“”]*)["”]')
# Of at least 8 characters: a shorter one is a word ('a "hoax"'), not the speaker's claim.
_SHORTEST = 8
# A claim that is (nearly) all one quotation quotes nothing beyond itself: its words are the claim's.
_WHOLE = 0.9

# The share of the quoted words' stems the text holds (0 for a check that quotes nothing):
# evidence that the fact-check says what the text says (monotone: ``ranker.EVIDENCE``).
FEATURES = ["quote_words"]


def quoted(claim: str) -> str:
    """The words a fact-check's claim quotes ('Wages "haven't gone up."' -> "haven't gone up."), or ""
    when it quotes nothing or (nearly) only itself. ``claim``: as ``ranker.entry_texts`` cleans it."""
    found = [q for q in _QUOTE.findall(claim) if len(q) >= _SHORTEST]
    return " ".join(found) if found and sum(map(len, found)) < _WHOLE * len(claim.strip('"“” .')) else ""


def words(claim: str) -> frozenset[str]:
    """The stems (``text.words``) of what the claim quotes; empty when it quotes nothing."""
    q = quoted(claim)
    return frozenset(text.words(q)) if q else frozenset()


def cover(query_words, quoted_words: frozenset[str]) -> float:
    """The share of ``quoted_words`` among ``query_words`` (0 when the check quotes nothing)."""
    return len(quoted_words & query_words) / len(quoted_words) if quoted_words else 0.0


def columns(query_words: list[str], library_quotes, c: np.ndarray) -> list[np.ndarray]:
    """``FEATURES`` of the candidates ``c``: ``library_quotes[i]`` is candidate i's quoted stems (a
    list, or ``store.Ragged`` over segments: empty for a segment written without them); a library
    without the field at all (None) gives 0."""
    if library_quotes is None:
        return [np.zeros(len(c), dtype=np.float32)]
    qw = set(query_words)
    return [np.asarray([cover(qw, library_quotes[i]) for i in c], dtype=np.float32)]
