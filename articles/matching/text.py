"""Text normalisation shared by indexing, querying and training (one rule, one place)."""
from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

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
        if w in STOPWORDS:
            continue
        w = f"#{w}#"
        out.extend(w[i:i + n] for i in range(max(1, len(w) - n + 1)))
    return out


def numbers(text: str) -> frozenset[str]:
    return frozenset(n.replace(",", "") for n in _NUMBER.findall(text))


def names(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _CAPITALISED.findall(text))
