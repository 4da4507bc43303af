"""A cue inside a participle phrase a sentence opens with (stage 3, sources): "Besides attacking the
former president, Mr. Trump asserted that ...", "Holding signs calling the mayor “a liar,” the protesters
chanted ...", "Walking in to chants of “Four more years,” the senator said ...". The phrase has no subject
of its own: its understood subject is the main clause's, after the phrase's comma, who is the source of a
cue inside it. The words before the cue ("Besides", "Holding signs") name nobody, and the content ends at
that comma (the main clause is the subject's own claim, not the phrase's content).
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..lexicon import CUE_LEMMA
from ..text import Sentence
from ..types import Speaker
from . import sources
from .openers import LY_NOT_ADVERB
from .state import ClaimState

# The phrase's opening: a participle in "-ing", alone or after a preposition of time or manner ("Besides
# attacking", "After meeting", "While touring"); its first word capitalised, at the sentence's start.
_OPENING = re.compile(r"(?:(?:Besides|After|Before|While|Since|Without|Upon|On|By|Despite|When)\s+)?"
                      r"(?P<ing>[A-Z]?[a-z]{2,}ing)\b")
# A comma that may close the phrase, inside a closing quotation mark or before one ('“a liar,” the').
_COMMA = re.compile(r",(?:[”\"’']|'')?\s+")
# A finite verb after the subject, an adverb allowed before it: "asserted", "also said", "chanted".
_VERB_AFTER = re.compile(r"\s+(?:[a-z]+ly\s+|also\s+|then\s+)?(?P<verb>[a-z]+)\b")
_MAX_COMMAS = 4  # how many commas after the cue are tried: bounded, so linear in the text


def main_subject(st: ClaimState, spk: Speaker, cue: int) -> tuple[Speaker, int] | None:
    """The main clause's subject and where the phrase ends (its closing comma, a closing quotation mark
    kept), when the source words `spk` of the cue at `cue` open the sentence with a participle phrase
    (`_OPENING`) that holds the cue; else None. The subject is the sentence subject read after one of
    the first commas after the cue, past the adverbial phrases there ("while the audience booed,"),
    with a finite verb after it (a verb of saying, or a past form in "-ed")."""
    if spk.resolved or spk.start not in st.sentence_starts or cue <= spk.start:
        return None
    m = _OPENING.match(st.text, spk.start, cue + 30)  # the participle may be the cue ("Besides attacking")
    if m is None or m.group("ing").lower() in LY_NOT_ADVERB or st.mention_at_start.get(spk.start) is not None:
        return None  # "Beijing said ...": a name, not a participle
    k = bisect_right(st.sentence_list, cue)
    end = st.sentence_list[k] if k < len(st.sentence_list) else len(st.text)
    rel = _RELATIVE_BEFORE.search(st.text, max(m.end(), cue - 40), cue)  # bounded: linear in the text
    if rel is not None:  # "Ignoring critics who said X, the mayor ...": the cue's subject is the relative's
        return _relative_holder(st, m.end(), rel.start()), _phrase_end(st, cue, end)
    for n, c in enumerate(_COMMA.finditer(st.text, cue, end)):
        if n >= _MAX_COMMAS:
            break
        subj = sources.sentence_subject(st, Sentence(c.end(), end), end, plain_first=False)
        if subj is None or subj.start < c.end():
            continue
        subj = subj if subj.resolved else _before_verb(subj)  # "the protesters chanted": the words end at the verb
        v = _VERB_AFTER.match(st.text, subj.end, end)
        if v and _finite(v.group("verb")):
            return subj, c.start() + len(c.group().rstrip())  # past the comma and a closing mark
    return None


# A relative pronoun right before the cue, an adverb or auxiliary allowed: "critics who said", "the mayor, who
# has also said".
_RELATIVE_BEFORE = re.compile(r",?\s+(?:who|which)\s+(?:(?:[a-z]+ly|also|have|has|had)\s+){0,2}$")


def _relative_holder(st: ClaimState, start: int, end: int) -> Speaker:
    """The noun phrase a relative clause inside the opening phrase describes ("critics", "the mayor"): the
    person or body a mention there names, else its words."""
    seg = st.text[start:end]
    a = start + len(seg) - len(seg.lstrip())
    men = st.mention_at_start.get(a)
    if men is not None and men.end == end:
        return Speaker(men.entity, st.text[a:end], a, end)
    return Speaker(None, st.text[a:end], a, end)


def _phrase_end(st: ClaimState, cue: int, end: int) -> int:
    """Where the opening phrase holding the cue at `cue` ends: at its first comma after the cue ("..., the
    mayor signed it"), past it when a quotation closes there (',” the'); the sentence's end when it has none."""
    c = _COMMA.search(st.text, cue, end)
    return end if c is None else c.start() + len(c.group().rstrip()) if c.group().rstrip() != "," else c.start()


def _finite(word: str) -> bool:
    return word in CUE_LEMMA or (word.endswith("ed") and len(word) > 3)


def _before_verb(subj: Speaker) -> Speaker:
    """A subject read as words up to its finite verb ("the protesters chanted" -> "the protesters")."""
    words = list(re.finditer(r"\S+", subj.text))
    for w in words[1:]:
        if _finite(w.group()):
            text = subj.text[:w.start()].rstrip()
            return Speaker(None, text, subj.start, subj.start + len(text))
    return subj


_PREPOSITION_LEADS = sources._NOT_A_SOURCE | frozenset({"besides"})


def preposition_led(words: str) -> bool:
    """Whether a phrase opens with a preposition ("Besides", "After meeting", "Despite"): it opens an adjunct,
    not a noun phrase, so it is no subject (the resolver's phrase picks: "Besides" before "attacking")."""
    first = words.split()[:1]
    return bool(first) and first[0].lower() in _PREPOSITION_LEADS
