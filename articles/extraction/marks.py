"""Which marks quote: double marks (US style) or single ones (British, Irish, Australian, Indian
outlets: ‘It is a disgrace,’ he said; with “...” inside).

The rules and the learned models read quotations in double marks. For an article that quotes in
single marks, :func:`view` gives a text of the same length in which its single quotation marks are
double and the double marks inside them single, so every frame reads it as it reads a US article;
offsets stay valid, and stored strings are sliced from the original (:func:`restore`).

Apostrophes stay apostrophes: a mark opens a quotation only after a space (or a bracket, a dash, a
comma or colon, the block's start) before a letter, and closes one only after a letter or punctuation before a space,
punctuation or the block's end; elisions ('tis, ’n’, the ’90s) open nothing, and a mark after a
letter before a word (the Joneses’ house, the Tories’ Brexit plan, goin’ home) closes only when nothing surer
closes the quotation before the next one opens.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from .text import find_quotes
from .types import Block, Claim, Mention

_SINGLE_OPEN = "‘'"
_SINGLE_CLOSE = "’'"
_BEFORE_OPEN = "([{—–-/“\"«,:;"
_AFTER_CLOSE = ".,;:!?)]}—–-…”\"»"
# Words an apostrophe opens by eliding their start: 'tis, 'em, rock 'n' roll, the '90s, 'til.
_ELISION = re.compile(r"(?:tis|twas|em|til)\b|n[’']|\d\d(?:s\b|\b)", re.IGNORECASE)
_MARK = re.compile("[‘’']")
# Double marks and their single counterparts, both ways (curly and straight keep their kind).
_TO_DOUBLE = {"‘": "“", "’": "”", "'": '"'}
_TO_SINGLE = {"“": "‘", "”": "’", '"': "'"}


@dataclass(frozen=True)
class Pair:
    open: int
    close: int | None  # None: the quotation runs on to the block's end (news style opens each paragraph again)

    def end(self, block_end: int) -> int:
        return block_end if self.close is None else self.close + 1


def _opens(text: str, i: int, start: int) -> bool:
    if text[i] not in _SINGLE_OPEN or _doubled(text, i):
        return False
    before_ok = i == start or text[i - 1].isspace() or text[i - 1] in _BEFORE_OPEN
    k = i + 1
    if text[i] == "‘":
        while k < len(text) and text[k] == " ":
            k += 1  # '‘ … if the primary were held today': a curly opening mark is never an apostrophe
    nxt = text[k:k + 1]
    return before_ok and nxt != "" and (nxt.isalnum() or nxt in "“\"$£€…([") and not _ELISION.match(text, i + 1)


def _closes(text: str, i: int, end: int) -> str:
    """'strong', 'weak' (a mark after a letter before a word: as often a possessive or an elision as
    a quotation's end) or '' (no closing mark)."""
    if text[i] not in _SINGLE_CLOSE or _doubled(text, i) or i == 0:
        return ""
    alone = i + 1 >= end or text[i + 1].isspace() or text[i + 1] in _AFTER_CLOSE
    if text[i - 1].isspace():
        # A space before a closing mark: after a quotation inside ('... the "two-step" ' he said') or
        # typed loose ('that advice, ’ he said'); a mark between a space and a word elides (the ’90s).
        return "strong" if (i >= 2 and text[i - 2] in "”\"") or alone else ""
    prev = text[i - 1]
    if prev == "n" and i >= 2 and text[i - 2] in "’'‘":
        return ""  # rock ’n’ roll
    if i + 1 >= end or text[i + 1] in _AFTER_CLOSE or (prev in ",.!?" and text[i + 1].isalpha()):
        return "strong"  # (no apostrophe follows a comma: '‘...,’Clinton said' lost its space)
    if not text[i + 1].isspace():
        return ""  # don’t, o'clock, O’Neill
    k = i + 1
    while k < end and text[k].isspace():
        k += 1
    if prev.isalnum() and k < end and text[k].isalnum():
        # Before a word of either case: "the Tories’ Brexit plan", "the Smiths’ 2019 tax bill".
        return "weak"
    return "strong"


def _doubled(text: str, i: int) -> bool:
    """Two apostrophes some wires type for a double mark ('')."""
    return text[i] == "'" and (text[i + 1:i + 2] == "'" or text[i - 1:i] == "'")


def single_pairs(text: str, start: int, end: int) -> list[Pair]:
    """Quotations in single marks in text[start:end], paired left to right. An opening mark while one
    is open means the first was stray; a quotation left open at the block's end runs on (a long
    quotation over paragraphs) only where a quotation may start a paragraph's worth of words."""
    events = []
    for m in _MARK.finditer(text, start, end):
        i = m.start()
        if _opens(text, i, start):
            events.append((i, "open"))
        else:
            kind = _closes(text, i, end)
            if kind:
                events.append((i, kind))
    # After each event, whether a strong close comes before the next opening mark (one pass back).
    surer = [False] * len(events)
    ahead = False
    for n in range(len(events) - 1, -1, -1):
        surer[n] = ahead
        kind = events[n][1]
        ahead = kind == "strong" or (ahead and kind == "weak")
    pairs: list[Pair] = []
    open_at = None
    for n, (i, kind) in enumerate(events):
        if kind == "open":
            open_at = i
        elif open_at is not None and (kind == "strong" or not surer[n]):
            pairs.append(Pair(open_at, i))
            open_at = None
    if open_at is not None and _runs_on(text, start, open_at):
        pairs.append(Pair(open_at, None))
    return pairs


def _runs_on(text: str, start: int, i: int) -> bool:
    """Whether a quotation opening at i and left open at its block's end goes on in the next block:
    it opens the block, a sentence ('..., she said. ‘Whether it is ...') or follows a colon."""
    before = text[start:i].rstrip()
    return not before or before[-1] in ":.!?" or (before[-1] in "’”'\"" and before[-2:-1] in (".", "!", "?"))


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether [s, e) lies inside one of spans (sorted and disjoint, as quotations are)."""
    k = bisect_right(spans, (s, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= s and e <= spans[k][1]


_LOWER_WORD = re.compile(r"\s[a-z]")


def _quotation(quoted: str) -> bool:
    """Words someone says: several words, one in lower case (‘2018 Welcome Festival’ is a title)."""
    return _LOWER_WORD.search(quoted.strip()) is not None


def view(text: str, blocks: list[Block]) -> str:
    """The text as the pipeline reads it: unchanged unless the article's body quotes mostly in
    single marks (more quotations of several words, not titles, in single marks outside double
    ones than in double marks outside single ones); then its single quotation marks read as double
    and the double marks inside them as single. Same length, same offsets."""
    body = [b for b in blocks if b.kind in ("paragraph", "bullet", "headline")]
    singles: list[tuple[Block, list[Pair]]] = []
    n_single = n_double = 0
    for b in body:
        doubles = [(q.start, q.end) for q in find_quotes(text, b.start, b.end)]
        pairs = [p for p in single_pairs(text, b.start, b.end) if not _inside(doubles, p.open, p.end(b.end))]
        singles.append((b, pairs))
        spans = [(p.open, p.end(b.end)) for p in pairs]
        if b.kind != "headline":
            n_single += sum(1 for p in pairs if _quotation(text[p.open:p.end(b.end)]))
            n_double += sum(1 for s, e in doubles if _quotation(text[s:e]) and not _inside(spans, s, e))
    if n_single <= n_double:
        return text
    chars = list(text)
    for b, pairs in singles:
        for p in pairs:
            stop = p.end(b.end)
            for k in range(p.open + 1, stop):
                if text[k] in _TO_SINGLE:
                    chars[k] = _TO_SINGLE[text[k]]
            chars[p.open] = _TO_DOUBLE[text[p.open]]
            if p.close is not None:
                chars[p.close] = _TO_DOUBLE[text[p.close]]
    return "".join(chars)


def restore(original: str, seen: str, claims: list[Claim], mentions: list[Mention]) -> None:
    """Strings the pipeline sliced from the view, sliced again from the original text."""
    def again(s: str, start: int, end: int) -> str:
        return original[start:end] if seen[start:end] == s else s

    for c in claims:
        c.text = again(c.text, c.start, c.end)
        spk = c.source
        if spk is not None and again(spk.text, spk.start, spk.end) != spk.text:
            c.source = replace(spk, text=again(spk.text, spk.start, spk.end))  # a Speaker may be shared
            if c.speaker_text == spk.text:
                c.speaker_text = c.source.text
    for m in mentions:
        m.text = again(m.text, m.start, m.end)
