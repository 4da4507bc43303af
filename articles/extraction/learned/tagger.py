"""A learned name tagger: person / organisation / place / other for every token of a block.

A greedy averaged perceptron over IO tags (``O``, ``PER``, ``ORG``, ``LOC``), trained on Stanford
CoreNLP's automatic named-entity tags of the PolNeAR training articles (see ``train_tagger.py`` and
MODEL_CARD.md). It reads the same tokens as the cue model (:func:`articles.extraction.tokens.tokenize`) and, per token,
the word, its shape, affixes, its neighbours, whether it opens a sentence and the tags it gave the
two tokens before. Frequent words whose tag never varies in training (``the``, ``said``) take that
tag without scoring (a tag dictionary), so most tokens cost one dict lookup.

Weights are JSON (no pickle); prediction is pure Python. The model file records a fingerprint of the
feature code (:data:`FINGERPRINT`), and a test fails when the committed model is stale.
"""
from __future__ import annotations

import hashlib
import inspect
import json
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..lexicon import FEMALE_NAMES, HONORIFICS, MALE_NAMES, ORG_HEADS, PLACES
from ..tokens import Token, tokenize

MODEL_PATH = Path(__file__).with_name("tagger_model.json")
TAGS = ("O", "PER", "ORG", "LOC")
# CoreNLP's named-entity classes, collapsed to the tagger's.
CORENLP_TAG = {"PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC", "CITY": "LOC",
               "STATE_OR_PROVINCE": "LOC", "COUNTRY": "LOC", "NATIONALITY": "O"}

_SENTENCE_END = frozenset(".!?")
_CLOSERS = frozenset("”\"’')")


@lru_cache(maxsize=50_000)
def shape(word: str) -> str:
    """Character classes with repeats collapsed: "McCain" -> "XxXx", "E" -> "X", "2016" -> "d"."""
    out = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def sentence_openers(tokens: list[Token]) -> list[bool]:
    """Whether each token opens a sentence: the block's first, or after ``.``/``!``/``?`` (and the
    quotation marks or brackets closing after them), or after a colon ending a label."""
    out = []
    after_end = True
    for t in tokens:
        out.append(after_end)
        w = t.word
        if w in _SENTENCE_END:
            after_end = True
        elif after_end and (w in _CLOSERS or w in ("“", "‘", "(")):
            pass  # quotation marks between sentences keep the next word a sentence opener
        else:
            after_end = False
    return out


def static_features(tokens: list[Token], i: int, opens: list[bool]) -> list[str]:
    """Features of token i that do not depend on the tags given before it."""
    t = tokens[i]
    w = t.word
    low = t.low
    n = len(tokens)
    p1 = tokens[i - 1] if i >= 1 else None
    p2 = tokens[i - 2] if i >= 2 else None
    n1 = tokens[i + 1] if i + 1 < n else None
    n2 = tokens[i + 2] if i + 2 < n else None
    sh = shape(w)
    p1w = p1.low if p1 else "<s>"
    n1w = n1.low if n1 else "</s>"
    n1s = shape(n1.word) if n1 else "</s>"
    p1s = shape(p1.word) if p1 else "<s>"
    first = opens[i]
    f = [
        "b", "w=" + w, "l=" + low, "sh=" + sh, "s3=" + low[-3:], "p3=" + low[:3],
        "p1=" + p1w, "n1=" + n1w, "p2=" + (p2.low if p2 else "<s>"), "n2=" + (n2.low if n2 else "</s>"),
        "p1s=" + p1s, "n1s=" + n1s, "p1|l=" + p1w + "|" + low, "l|n1=" + low + "|" + n1w,
        "sh|n1s=" + sh + "|" + n1s, "p1s|sh=" + p1s + "|" + sh,
    ]
    # What the lexicon knows of the word and the one before: a first name, an organisation's head
    # word ("Committee"), a place, a title before a name.
    if w in MALE_NAMES or w in FEMALE_NAMES:
        f.append("lex=first")
    if w in ORG_HEADS:
        f.append("lex=orghead")
    if low in PLACES:
        f.append("lex=place")
    if p1 is not None and p1.low.rstrip(".") in HONORIFICS:
        f.append("lex=after_title")
    if first:
        f.append("first")
        f.append("first|l=" + low)
    if len(w) > 1 and w.isupper():
        f.append("caps|n1=" + n1w)
    return f


def tag_features(static: list[str], prev: str, prev2: str, low: str) -> list[str]:
    return [*static, "t1=" + prev, "t12=" + prev2 + "|" + prev, "t1|l=" + prev + "|" + low]


def _fingerprint() -> str:
    """A hash of the code that turns text into features: a model trained against other code is stale."""
    from .. import tokens

    parts = [tokens.TOKEN.pattern, inspect.getsource(shape), inspect.getsource(sentence_openers),
             inspect.getsource(static_features), inspect.getsource(tag_features), repr(TAGS)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


FINGERPRINT = _fingerprint()


@dataclass(frozen=True)
class TaggedToken:
    start: int
    end: int
    word: str
    tag: str  # one of TAGS


class Tagger:
    def __init__(self, data: dict):
        self.fingerprint: str = data["fingerprint"]
        self.tags: tuple[str, ...] = tuple(data["tags"])
        # feature -> its row in one flat array of len(tags) weights a row: the file holds the
        # features and the rows as two flat lists (nested objects took 58 MB to load, these 12)
        self.index: dict[str, int] = {f: k for k, f in enumerate(data["features"])}
        self.flat = array("d", data["weights"])
        self.tagdict: dict[str, str] = data["tagdict"]
        self.info: dict = data.get("info", {})

    @classmethod
    def load(cls, path: Path | str = MODEL_PATH) -> Tagger:
        with open(path, encoding="utf-8") as f:
            return cls(json.load(f))

    def to_json(self) -> dict:
        return {"fingerprint": self.fingerprint, "tags": list(self.tags), "tagdict": self.tagdict,
                "info": self.info, "features": sorted(self.index, key=self.index.get),
                "weights": [int(v) if v == int(v) else v for v in self.flat]}

    def best(self, features: list[str]) -> int:
        """The index of the best-scoring tag (four tags, unrolled)."""
        index, w = self.index, self.flat
        s0 = s1 = s2 = s3 = 0.0
        for f in features:
            k = index.get(f)
            if k is not None:
                k *= 4
                s0 += w[k]
                s1 += w[k + 1]
                s2 += w[k + 2]
                s3 += w[k + 3]
        best, top = 0, s0
        if s1 > top:
            best, top = 1, s1
        if s2 > top:
            best, top = 2, s2
        if s3 > top:
            best = 3
        return best

    def tag_tokens(self, tokens: list[Token]) -> list[str]:
        """A tag for each token (greedy, left to right)."""
        opens = sentence_openers(tokens)
        out: list[str] = []
        prev, prev2 = "<s>", "<s>"
        tagdict = self.tagdict
        tags = self.tags
        for i, t in enumerate(tokens):
            tag = tagdict.get(t.word)
            if tag is None:
                tag = tags[self.best(tag_features(static_features(tokens, i, opens), prev, prev2, t.low))]
            out.append(tag)
            prev2, prev = prev, tag
        return out

    def tag(self, text: str, start: int = 0, end: int | None = None) -> list[TaggedToken]:
        """Tokens of text[start:end] (one block: a headline or a paragraph) with their tags."""
        tokens = tokenize(text, start, len(text) if end is None else end)
        return [TaggedToken(t.start, t.end, t.word, g) for t, g in zip(tokens, self.tag_tokens(tokens), strict=True)]

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """Names as (start, end, tag) character spans: runs of tokens with one tag other than O."""
        return tag_spans(self.tag(text, start, end))


def tag_spans(tagged: list[TaggedToken]) -> list[tuple[int, int, str]]:
    """Join adjacent tokens of one tag other than O into (start, end, tag) spans."""
    out: list[tuple[int, int, str]] = []
    prev_tag = "O"
    for t in tagged:
        if t.tag != "O" and t.tag == prev_tag:
            out[-1] = (out[-1][0], t.end, t.tag)
        elif t.tag != "O":
            out.append((t.start, t.end, t.tag))
        prev_tag = t.tag
    return out


@lru_cache(maxsize=4)
def _load(path: str) -> Tagger | None:
    p = Path(path)
    return Tagger.load(p) if p.exists() else None


def default_tagger() -> Tagger | None:
    """The committed tagger, loaded once per process (None if the file is absent)."""
    return _load(str(MODEL_PATH))
