"""Where a sentence's subject starts (stage 3, sources): past a dateline and the connective adverbs,
prepositional, participial and time phrases a sentence opens with. Such words name nobody.
"""
from __future__ import annotations

import re

from ..lexicon import TIME_NOUNS
from .state import ClaimState

# Not adverbs though in -ly: the nouns and adjectives in -ly that head a subject ("the family said").
LY_NOT_ADVERB = frozenset("""family families supply assembly rally ally anomaly monopoly bully reply daily weekly
monthly quarterly yearly elderly homily folly lily jelly belly gully holly melancholy""".split())


# What may open a sentence before its subject, up to a comma: a connective adverb ("Likewise,",
# "Instead,"), a prepositional, participial or time phrase ("Outside the arena in downtown Washington,",
# "Weighing in on the discussion,", "Absent a strong defense,"); and a dateline ("WASHINGTON — ",
# "BUENA PARK, Calif. - ", "New York (AFP) – "). Such words name nobody.
_OPENER_WORDS = frozenset("""likewise instead therefore thus hence still yet indeed meanwhile moreover furthermore
similarly nonetheless nevertheless otherwise separately again finally ultimately overall now then today yesterday
tonight earlier later recently afterward afterwards eventually already in on at during after before since by for
last this outside inside under amid amidst despite without absent with following like unlike among across throughout
within beyond through upon given asked pressed once when while as if although though because until unless
whether""".split())
_OPENER_PHRASE = re.compile(r"([A-Za-z][\w’'\-]*)[^,;:“”\"()]{0,80}?,\s+")
# A place's continuation after a comma: "N.H.,", "Calif.,", "Iowa,", "on Tuesday,".
_OPENER_MORE = re.compile(r"(?:[A-Z][a-z]{0,5}\.(?:[A-Z]\.)?|[A-Z][a-z]+|(?:on|in|at|last|this)\s+[^,;:]{1,30}),\s+")
_SENTENCE_DATELINE = re.compile(r"[A-Z][A-Za-z.'\-]*(?:[ ,]+[A-Z][A-Za-z.'\-]+){0,3}\s*(?:\([^()]{1,30}\)\s*)?[—―–-]+\s+")
# An agency's name in brackets opening a paragraph, with no place or dash: "(CNN) President ...".
_AGENCY_OPENER = re.compile(r"\([A-Z][\w.\-]{1,20}\)\s+(?=[A-Z“\"])")


def dateline_end(st: ClaimState, pos: int, limit: int) -> int | None:
    """The end of a dateline opening a sentence at pos: a place in capitals and a dash ("WASHINGTON — ",
    "NEW YORK (Reuters) - "); at a paragraph's start also a place in mixed case before a comma or a
    capitalised word ("Sioux Falls, S.D. – ", "Springfield – Several ...") and an agency alone
    ("(CNN) "); a name with no comma is a person's when the tagger says so ("Jo Hale – Democrat – said").
    None when no dateline opens there."""
    text = st.text
    d = _SENTENCE_DATELINE.match(text, pos, limit)
    men = st.mention_at_start.get(pos)
    para = pos == 0 or text[pos - 1] == "\n"
    if d and (text[pos:d.end()].split()[0].isupper() or "(" in text[pos:d.end()]):
        return d.end()
    if d and para and ("," in text[pos:d.end()] or (text[d.end():d.end() + 1].isupper() and (
            men is None or st.entities[men.entity].kind != "person"))):
        return d.end()
    a = _AGENCY_OPENER.match(text, pos, limit) if para else None
    return a.end() if a else None


# A time counted from another ("Hours later, ", "Eight years ago, ", "A week earlier, "): names nobody.
# A unit of time stands before the adverb; else it follows the subject ("The company later, in a filing,").
_TIME_BEFORE = re.compile(r"(?:[\w\-]+\s+){0,2}([\w\-]+)\s+(?:later|earlier|ago),\s+")
_TIME_UNITS = TIME_NOUNS | frozenset("moment moments night nights long while".split())


def _time_before(phrase: str) -> bool:
    t = _TIME_BEFORE.fullmatch(phrase)
    return t is not None and t.group(1).lower() in _TIME_UNITS


def past_openers(st: ClaimState, pos: int, limit: int) -> int:
    """Past a dateline and the adverbial phrases a sentence opens with, when no name starts there."""
    text = st.text
    if pos in st.mention_at_start and dateline_end(st, pos, limit) is None:
        return pos
    if text[pos - 2:pos] == ", ":  # after an opening phrase already passed: its place continues
        pos = _past_place(st, pos, limit)
    pos = dateline_end(st, pos, limit) or pos
    for _ in range(2):
        if pos in st.mention_at_start:
            return pos
        m = _OPENER_PHRASE.match(text, pos, limit)
        if not m:
            return pos
        word = m.group(1)
        low = word.lower()
        if not (low in _OPENER_WORDS or (len(low) > 4 and low.endswith(("ly", "ing"))
                                         and low not in LY_NOT_ADVERB) or (len(low) > 4 and low.endswith("ed"))
                or _time_before(m.group())):
            return pos
        pos = _past_place(st, m.end(), limit)
    return pos


def _past_place(st: ClaimState, pos: int, limit: int) -> int:
    while pos not in st.mention_at_start:
        more = _OPENER_MORE.match(st.text, pos, limit)
        if not more:
            break
        pos = more.end()
    return pos
