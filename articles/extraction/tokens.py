"""Words of a text as tokens, shared by the rules (the Document), the claim forms and the learned
models: the rules own the tokenizer, the models read it (a model's feature fingerprint hashes
:data:`TOKEN`'s pattern, so changing it makes the committed models stale)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text import Quote

TOKEN = re.compile(r"\w+(?:['’]\w+)*|''|\S")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    word: str  # as written
    low: str


def tokenize(text: str, start: int, end: int) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(), m.group().lower()) for m in TOKEN.finditer(text, start, end)]


def sentence_ranges(tokens: list[Token], sentences) -> list[tuple[int, int]]:
    """Token index ranges [s, e) of each sentence (objects with .start/.end offsets)."""
    ranges = []
    ti = 0
    for s in sentences:
        while ti < len(tokens) and tokens[ti].start < s.start:
            ti += 1
        j = ti
        while j < len(tokens) and tokens[j].start < s.end:
            j += 1
        ranges.append((ti, j))
        ti = j
    return ranges


def in_quotes(tokens: list[Token], quotes: list[Quote]) -> list[bool]:
    """Whether each token lies inside a quotation (marks excluded)."""
    out = []
    qi = 0
    qs = sorted(quotes, key=lambda q: q.start)
    for t in tokens:
        while qi < len(qs) and qs[qi].end <= t.start:
            qi += 1
        out.append(qi < len(qs) and qs[qi].start < t.start and t.end < qs[qi].end)
    return out
