"""Stage 1, cues: the reporting verbs the rules know ("said", "told", "according to") outside
quotation marks, and the cues only the learned cue model finds (placed by the same content and
source code the rules use).
"""
from __future__ import annotations

import re

from ..learned.features import cue_features, lemma
from ..lexicon import CUE_LEMMA
from ..text import Quote, Sentence
from ..types import Speaker
from . import content, sources
from .state import ClaimState

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
LEARNED_MAX = 600  # characters: longer than any content the cue model's frames place in news text
_LEARNED_CUT = re.compile(r";|\s--\s|\s—\s|,\s+(?:which|who|even as|despite|while|although|though|but|"
                          r"according|including|adding|saying|as well as)\b|\s\((?!\w+\))")
_FRAME_WORDS = frozenset("about on of for against over with at out that : ,".split())
# A cue whose clause is a condition reports nothing said: "if the president agrees", "unless
# officials say ..." (the subordinator, then the clause's subject, then the cue).
_CONDITION = re.compile(r"\b(?:[Ii]f|[Uu]nless)\s+(?:[\w’'\-.]+\s+){0,6}$")
_CLAUSE_MARK = re.compile(r"[,;:—–“”\"()]")


def learned(st: ClaimState, bi: int, sent: Sentence, tokens, rng: tuple[int, int], quoted: list[bool],
             quotes: list[Quote], used: set[Quote], head: bool = False) -> Speaker | None:
    """Cues the rules left alone, decided in context by the cue model; their content and
    speaker are placed by the same span and speaker code the rules use."""
    found = None
    s, e = rng
    for i in range(s, e):
        tok = tokens[i]
        if quoted[i] or not st.model.is_candidate(tok.low) or tok.start in st.cue_at:
            continue
        if st.in_content(tok.start) or st.in_quote(tok.start) or conditional(st, sent, tok.start):
            continue
        st.deadline.check()
        p_none, p_after, p_before = st.model.predict(cue_features(tokens, i, s, e, quoted, head))
        if 1 - p_none < st.threshold:
            continue
        placed = _learned_span(st, sent, tokens, i, e, p_after >= p_before)
        if placed is None:
            continue
        cstart, cend, spk = placed
        st.cue_pos = tok.start
        n = len(st.claims)
        st.frame = "learned"
        content.add(st, "reported", cstart, cend, spk, tok.low, bi, learned=True)
        st.cue_pos = None
        if len(st.claims) > n:
            st.claims[-1].origin = "model"
            st.claims[-1].cue_probability = 1 - p_none
            content.claim_quotes(st, cstart, cend, quotes, used)
            found = spk or found
    return found


def _learned_span(st: ClaimState, sent: Sentence, tokens, i: int, e: int,
                  after: bool) -> tuple[int, int, Speaker | None] | None:
    """The content and source of learned cue token i: the clause after it, or the sentence before it
    (from the end of the last claim ending there). None when nothing follows the cue."""
    tok = tokens[i]
    if after:
        j = content_start(st, tokens, i, e)
        if j >= e:
            return None
        cstart = tokens[j].start
        # A bounded window: a content runs a sentence, and a run-on "sentence" of thousands of
        # cues must not make each of them scan to its end (extraction stays linear).
        cend = content.content_end(st, cstart, min(sent.end, cstart + LEARNED_MAX))
        # A learned cue's content stops where a new clause is spliced on.
        cut = _LEARNED_CUT.search(st.text, cstart, cend)
        if cut:
            cend = cut.start()
        return cstart, cend, sources.learned_speaker(st, sent, tok.start)
    spk = sources.left_speaker(st, sent, tok.start, None)
    if spk is not None and spk.start >= sent.start and spk.end <= tok.start:
        cend = spk.start
    else:
        spk = sources.right_speaker(st, tok.end, sent.end)
        cend = st.rstrip_end(sent.start, tok.start)
    cstart = sent.start
    prior = st.ends.max_in(sent.start, cend)  # the end of the last claim ending here
    if prior >= 0:
        cstart = prior
    return cstart, cend, spk


def content_start(st: ClaimState, tokens, i: int, e: int) -> int:
    """Index of the first content token after cue token i: past the word the cue's content
    usually follows (learned per lemma), else past an adjacent preposition or "that"."""
    opener = st.model.openers.get(lemma(tokens[i].low))
    if opener:
        for j in range(i + 1, min(e, i + 7)):
            if tokens[j].low == opener:
                return j + 1
            if tokens[j].word in ".;":
                break
    j = i + 1
    while j < e and tokens[j].low in _FRAME_WORDS:
        j += 1
    return j


def conditional(st: ClaimState, sent: Sentence, pos: int) -> bool:
    """Whether the cue at pos stands in a condition ("If the minister says ..."): "if" or "unless"
    opens its clause a few words before it (a bounded window: linear on run-on sentences)."""
    lo = max(sent.start, pos - 80)
    marks = list(_CLAUSE_MARK.finditer(st.text, lo, pos))
    if marks:
        lo = marks[-1].end()
    return _CONDITION.search(st.text, lo, pos) is not None


def rule_cues(st: ClaimState, sent: Sentence) -> list[re.Match]:
    out = []
    for m in _WORD.finditer(st.text, sent.start, sent.end):
        w = m.group().lower()
        if w in CUE_LEMMA and not st.in_quote(m.start()) and not conditional(st, sent, m.start()):
            out.append(m)
        elif w == "according" and st.text[m.end():m.end() + 4] == " to ":
            out.append(m)
    return out
