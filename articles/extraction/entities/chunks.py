"""Capitalised-phrase chunking: runs of capitalised words joined by name connectors."""
from __future__ import annotations

import re

from ..lexicon import (
    ATTRIBUTION_VERBS,
    CAP_STOPWORDS,
    DAY_NAMES,
    FEMALE_NAMES,
    HONORIFICS,
    MALE_NAMES,
    NAME_CONNECTORS,
    ORG_HEADS,
    PURE_HONORIFICS,
)
from ..text import NUMBERED
from .records import Chunk
from .words import _INITIAL, PARTY_WORDS, _complete_name, _norm, _person_like

# A word of a name: capitalised, an acronym, a hyphenated or apostrophised name, or an initial ("J.").
# ("AT&T", "PG&E": an ampersand between letters is inside the word.)
_TOKEN = re.compile(r"[A-Za-z\u00C0-\u024F0-9][\w\u00C0-\u024F]*(?:[\-'’][\w\u00C0-\u024F]+|&[A-Z]\w*)*\.?"
                    r"|[’'](?=s\b)s|[^\w\s]")


def chunk_block(text: str, start: int, end: int, sentence_starts: set[int]) -> list[Chunk]:
    """Runs of capitalised words in text[start:end], joined by name connectors."""
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    chunks: list[Chunk] = []
    i, n = 0, len(toks)
    while i < n:
        w = toks[i][0]
        if not (w[:1].isupper() and (w[:1].isalpha())):
            i += 1
            continue
        words, starts, ends, j = _run(text, toks, i)
        poss = _trim(words, starts, ends, toks, j)
        chunks.extend(_split_run(text, start, sentence_starts, words, starts, ends, poss))
        i = max(j, i + 1)
    return chunks


def _run(text: str, toks: list[tuple[str, int, int]], i: int) -> tuple[list[str], list[int], list[int], int]:
    """The run of name words opening at token i: its words, their starts and ends, and the token after it."""
    w, s, e = toks[i]
    words, starts, ends = [w], [s], [e]
    j = i + 1
    while j < len(toks):
        if _nickname_at(text, toks, j, words[-1], ends[-1]):
            j += 3  # 'Robert C. "Bobby" Scott': the nickname in quotation marks is no word of the name
        elif not _joins(text, toks, j, words[-1], ends[-1]):
            break
        w2, s2, e2 = toks[j]
        words.append(w2)
        starts.append(s2)
        ends.append(e2)
        j += 1
    return words, starts, ends, j


_OPENING = frozenset("\"“‘'")
_CLOSING = frozenset("\"”’'")


def _nickname_at(text: str, toks: list[tuple[str, int, int]], j: int, last: str, last_end: int) -> bool:
    """Whether tokens j..j+2 are a nickname in quotation marks inside a person's name, after its first
    name or initial and before a capitalised surname ('Marcia "Cia" Price', 'John “Tig” Tiegen')."""
    if j + 3 >= len(toks) or not (last in MALE_NAMES or last in FEMALE_NAMES or _INITIAL.fullmatch(last)):
        return False
    (q1, s1, _e1), (nick, sn, en), (q2, s2, e2), (w, sw, _ew) = toks[j:j + 4]
    return q1 in _OPENING and q2 in _CLOSING and nick[:1].isupper() and nick.isalpha() and sn == s1 + 1 \
        and s2 == en and text[last_end:s1] == " " and text[e2:sw] == " " and w[:1].isupper() and w.isalpha()


def _joins(text: str, toks: list[tuple[str, int, int]], j: int, last: str, last_end: int) -> bool:
    """Whether token j continues the name whose last word so far is last."""
    if last.endswith(".") and len(last) > 3 and last[:-1].lower() not in ("jr", "sr", "st", "gov", "sen", "rep", "del", "gen", "col", "capt", "sgt", "lt", "mrs", "prof", "rev"):
        return False  # "Universe. She": a full stop ended the sentence
    if last.endswith(".") and last[:-1].lower() in NUMBERED:
        return False  # "No. Mark Dalton has money": "No." abbreviates a number or is an answer, no title
    if last.endswith(("’s", "'s")) and len(last) > 3:
        return False  # "CNBC's Squawk Box": the owner is a name of its own, the rest another
    w2, s2, e2 = toks[j]
    gap = text[last_end:s2]
    # "G.K. Butterfield": initials written together are one name's.
    joined_initials = gap == "" and _INITIAL.fullmatch(last) and _INITIAL.fullmatch(w2)
    if gap not in (" ", "\u00a0") and not joined_initials:
        return False
    if w2[:1].isupper() and w2[:1].isalpha():
        return True
    # Connectors join two capitalised words: "Bank of England", "Marine Le Pen", "Johnson & Johnson".
    return (w2.lower() in NAME_CONNECTORS or w2 == "&") and j + 1 < len(toks) and text[e2:toks[j + 1][1]] == " " \
        and toks[j + 1][0][:1].isupper()


def _trim(words: list[str], starts: list[int], ends: list[int], toks: list[tuple[str, int, int]], j: int) -> bool:
    """Drops what never ends a name (a trailing connector, a sentence's full stop, a possessive) from
    the run, in place; returns whether the name was possessive."""
    # Trailing connectors never end a name.
    while words and words[-1].lower() in NAME_CONNECTORS:
        words.pop(), starts.pop(), ends.pop()
    if words and words[-1].endswith("."):
        # A full stop ends the sentence unless the word is an initial or abbreviation.
        if len(words[-1]) > 2 and words[-1][:-1].lower() not in ("jr", "sr", "st", "co", "inc"):
            words[-1] = words[-1][:-1]
            ends[-1] -= 1
    poss = False
    if j < len(toks) and toks[j][0] in ("’s", "'s") and toks[j][1] == ends[-1]:
        poss = True
    elif words and (words[-1].endswith("’s") or words[-1].endswith("'s")) and len(words[-1]) > 2:
        # The possessive is never part of a name: "Donald J. Trump's." names Donald J. Trump.
        words[-1] = words[-1][:-2]
        ends[-1] -= 2
        poss = True
    return poss


def _split_run(text: str, start: int, sentence_starts: set[int], words: list[str], starts: list[int],
               ends: list[int], poss: bool) -> list[Chunk]:
    """A run as the names it holds: two joined by "and", or a title starting a new name inside it."""

    def chunk(ws: list[str], ss: list[int], es: list[int], possessive: bool) -> Chunk:
        prev = text[max(start, ss[0] - 4):ss[0]]
        return Chunk(ws, ss, es, sentence_initial=ss[0] in sentence_starts,
                     the=prev.lower().endswith("the "), possessive=possessive)

    chunks: list[Chunk] = []
    # "Brexit and Mr Trump": "and" joins two names unless the whole is an organisation's name.
    if "and" in words[1:-1] and (words[-1] not in ORG_HEADS or _complete_name(words[:words.index("and")])
                                 or _person_like(words[words.index("and") + 1:])):
        k = words.index("and")
        chunks.append(chunk(words[:k], starts[:k], ends[:k], False))
        words, starts, ends = words[k + 1:], starts[k + 1:], ends[k + 1:]
    # "Norway Sir Michael Fallon", "Russia Mr Trump": a title inside a run starts a new name.
    for k in range(len(words) - 1, 0, -1):
        if _norm(words[k]) in PURE_HONORIFICS and words[k - 1].lower() not in NAME_CONNECTORS:
            chunks.append(chunk(words[:k], starts[:k], ends[:k], False))
            words, starts, ends = words[k:], starts[k:], ends[k:]
            break
    if words:
        chunks.append(chunk(words, starts, ends, poss))
    return chunks


def _strip_leading(ch: Chunk, text: str = "") -> list[str]:
    """A chunk's words without the leading sentence words that are not names ("However", "In",
    "The"); notes a leading "the" on the chunk. ``text``, the article's, tells an inverted verb of
    saying from a name that looks like one."""
    words = list(ch.words)
    if ch.sentence_initial and len(words) > 1 and words[0].lower() in _INVERTED_VERBS \
            and (words[0].endswith("s") or not _own_predicate(text, ch.end)):
        # "Said Reuters:", "Added Smith:": a verb of saying put before its subject opens the
        # sentence; it is no word of the name after it. A verb in the present ("Says Clinton would
        # ...", a deck whose subject is the headline's) is never a first name, even before a predicate.
        words = words[1:]
    while words and ((words[0] in CAP_STOPWORDS and _norm(words[0]) not in HONORIFICS) and not (
            len(words) > 1 and (words[0] in DAY_NAMES or words[0] in PARTY_WORDS) and words[-1] in ORG_HEADS
            and words[1] != "the")  # "Wednesday the Secret Service": a date, then the name
            or words[0].islower() or words[0] == "&"):
        # "But the Republicans", "Republicans and Democrats": neither a leading sentence word nor
        # a leading article or conjunction ("&" left by a stripped "Sun & Mon") is ever part of a name.
        if words[0] in ("The", "the") and len(words) > 1:
            ch.the = True
        words = words[1:]
    # "the Republican-controlled Congress", "a Clinton-run State Department", "United Nations-supervised":
    # a name made an adjective describes what follows it and is no part of its name.
    k = max((i for i, w in enumerate(words) if _NAME_ADJECTIVE.search(w)), default=-1)
    return words[k + 1:]


# A name made an adjective by a participle after a hyphen, lower case ("-controlled", "-trained",
# "-educated", "-run", "-made"): any "-ed" form, and the irregular ones and suffixes news uses.
_NAME_ADJECTIVE = re.compile(r"[\-–](?:[a-z]+ed|run|led|born|bred|made|era|style|type|like|esque|leaning|friendly|supporting|"
                             r"(?:RUN|LED|[A-Z]+ED))$")


# Finite verbs of saying that open a sentence before their subject ("Said Reuters: ...", "Adds
# Smith: ..."): the past forms and the third person singular, not the plural nouns that look like
# the latter ("Reports", "Claims", "Notes").
_INVERTED_VERBS = frozenset(f for f in ATTRIBUTION_VERBS if f.endswith("ed")) | frozenset(
    "said told wrote says adds writes tells asks".split())

# The words that end a run read as an inverted verb's subject: its speech (a colon, a quotation mark)
# or a verb of saying of the run's own ("Said Harwani, the minister, said ...": a name, not a verb).
_SPEECH_OR_OWN_VERB = re.compile(r"[:“\"]|[.!?](?=\s|$)|\b(?:" + "|".join(sorted(ATTRIBUTION_VERBS)) + r")\b")


def _own_predicate(text: str, end: int) -> bool:
    """Whether the capitalised run ending at ``end`` is the subject of its own verb, so that its first
    word is a name ("Said Kouachi was killed", "Said Harwani, the minister, said"), not an inverted
    verb of saying, whose subject is followed by the speech ("Said Reuters:", "Added Holt, \u201c...")."""
    if not text:
        return False
    if re.match(r"\s+[a-z]", text[end:end + 2]):
        return True  # a verb right after the name
    m = _SPEECH_OR_OWN_VERB.search(text, end, end + 400)
    return m is not None and m.group()[:1].isalpha()
