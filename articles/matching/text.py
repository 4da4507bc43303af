"""Text normalisation shared by indexing, querying and training (one rule, one place)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import snowballstemmer

from articles.extraction.lexicon import CUE_LEMMA  # verbs of saying in all their forms (pure data)

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[a-z0-9]+")
# Function words carry no evidence for "same claim"; dropping them keeps BM25 on content words.
STOPWORDS = frozenset(
    "a an the of to in on and or is are was were be been for with that this it its as at by from has "
    "have had not no but he she they we you i his her their our my your will would can could do does "
    "did than then so if about into over after s t".split()
)
# A tweet's signature line: "— Name (@handle) January 6, 2020" (anywhere: quoted tweets nest).
_SIGNATURE = re.compile(r"[—–]\s*[^—–\n()]{0,80}\(@\w+\)\s*[A-Z][a-z]+ \d{1,2}, \d{4}")
_URL = re.compile(r"https?://\S+|pic\.twitter\.com/\S+|\b\S+\.(?:com|ly|co)/\S+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_CAPITALISED = re.compile(r"\b[A-Z][a-zA-Z]+")
_SPACE = re.compile(r"\s+")


def clean_query(text: str) -> str:
    """A claim or a social-media post as a query: no links or signatures, hashtags as words."""
    text = _SIGNATURE.sub(" ", text)
    text = _URL.sub(" ", text)
    text = re.sub(r"[#@](\w+)", lambda m: " " + _CAMEL.sub(" ", m.group(1)), text)
    return _SPACE.sub(" ", text).strip()


def clean_reviewed(text: str) -> str:
    """ClaimReview wording as published: outer quotes of a CSV export and doubled quotes undone."""
    text = (text or "").strip()
    if len(text) > 1 and text[0] == '"' and text[-1] == '"' and '""' in text:
        text = text[1:-1].replace('""', '"')
    return text


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def words(text: str) -> list[str]:
    """Stemmed content words."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


def with_bigrams(tokens: list[str]) -> list[str]:
    return tokens + [f"{a}_{b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def char_grams(text: str, n: int = 4) -> list[str]:
    """Character n-grams of content words: catch run-together hashtags and misspelt names."""
    out: list[str] = []
    for w in _WORD.findall(text.lower()):
        if w not in STOPWORDS:
            out.extend(_word_grams(w, n))
    return out


@lru_cache(maxsize=100_000)
def _word_grams(word: str, n: int) -> tuple[str, ...]:
    """One word's n-grams (cached: an index build meets the same words again and again)."""
    w = f"#{word}#"
    return tuple(w[i:i + n] for i in range(max(1, len(w) - n + 1)))


def numbers(text: str) -> frozenset[str]:
    return frozenset(n.replace(",", "") for n in _NUMBER.findall(text))


def names(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _CAPITALISED.findall(text))


_VERBS = frozenset(w for line in Path(__file__).with_name("verbs.txt").read_text(encoding="utf-8").splitlines()
                   if not line.startswith("#") for w in line.split()) | frozenset(
    f for f in CUE_LEMMA if not f.endswith("ing"))
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_PRONOUN_S = frozenset("it he she that there what who here which this".split())
_NOT_FINITE_BEFORE = frozenset("to the a an".split())
MIN_CONTENT_WORDS = 2


def _is_verb(word: str, before: str) -> bool:
    w = word.lower().replace("’", "'")
    if before in _NOT_FINITE_BEFORE:  # "to lose", "the cut", "a claim"
        return False
    if "'" in w:
        head, tail = w.split("'", 1)
        return tail in ("t", "re", "ve", "ll", "d", "m") or (tail == "s" and head in _PRONOUN_S)
    return w in _VERBS or (len(w) >= 4 and w.endswith("ed"))


def checkable(text: str) -> bool:
    """A statement that can be checked: a finite verb and at least ``MIN_CONTENT_WORDS`` content
    words. "the remark", "to comment", "Obama", "with Matthews about the winner" are fragments:
    never matched, whatever the library holds."""
    tokens = _TOKEN.findall(clean_query(text))
    if len([t for t in tokens if t.lower() not in STOPWORDS]) < MIN_CONTENT_WORDS:
        return False
    before = ""
    for i, t in enumerate(tokens):
        if _is_verb(t, before) or _subject_infinitive(tokens, i):
            return True
        before = t.lower()
    return False


_OBJECTS = frozenset("him her them us me it".split())


def _subject_infinitive(tokens: list[str], i: int) -> bool:
    """A headline's future or a reported request: "Trump to encourage Nato to withdraw", "urged
    them to leave" (a named subject before "to" and a verb after it)."""
    if tokens[i].lower() != "to" or not 0 < i < len(tokens) - 1 or not tokens[i + 1].islower():
        return False
    prev = tokens[i - 1]
    return prev[0].isupper() or prev.lower() in _OBJECTS


def word_count(text: str) -> int:
    return len(_TOKEN.findall(clean_query(text)))


def proper_names(text: str) -> frozenset[str]:
    """Capitalised words that name someone or something (not a sentence's first word, not a
    function word), lower case, possessive 's dropped: "Obama", "cruz", "fbi"."""
    out = set()
    for m in _CAPITALISED.finditer(text):
        start = m.start()
        head = text[:start].rstrip()
        if not head or head[-1] in ".!?:;\"“‘(—-":
            continue
        w = m.group(0).lower()
        if w not in STOPWORDS and w not in _NOT_NAMES:
            out.add(w)
    return frozenset(out)


# Capitalised inside a sentence without naming anyone (titles, days, months, pronoun I).
_NOT_NAMES = frozenset("""i president senator sen rep governor gov mr mrs ms dr secretary congress
house senate state states united america american americans january february march april may june
july august september october november december monday tuesday wednesday thursday friday saturday
sunday republican republicans democrat democrats democratic party""".split())


def sentence_around(body: str, start: int, end: int) -> str:
    """The sentence (or the line) of a body that holds the span start..end."""
    lo = max(body.rfind("\n", 0, start), body.rfind(". ", 0, max(start - 1, 0)) + 1, 0)
    ends = [i for i in (body.find("\n", end), body.find(". ", end)) if i >= 0]
    hi = min(ends) + 1 if ends else len(body)
    return body[lo:hi].strip()
