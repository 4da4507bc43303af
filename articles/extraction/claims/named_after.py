"""The person named right after a quotation that opens its sentence, in an attribution no listed
cue frames: a verb of manner then the name ('“That is wonderful!” beamed Jo Sharp.'), or the name then
a verb ('“Would you raise taxes?” Jo Sharp pressed.'). The quotation is theirs, not the paragraph's
earlier speaker's. Both need the quotation to close as an attribution follows (comma, question or
exclamation mark): after a full stop the next sentence is the writer's.
"""
from __future__ import annotations

import re

from ..text import Quote, Sentence
from ..types import Block, Speaker
from .state import ClaimState

# After a quotation closing on a comma, a question or an exclamation mark: one lower-case verb the
# lexicon does not list (a verb of manner: "beamed", "gushed", "quipped", "laughs") and a person's
# name ending the sentence or opening an apposition ('“That is wonderful!” beamed Jo Sharp.').
_MANNER_VERB = re.compile(r"[ \t]+(?!(?:was|has|is|does|his|its|this|thus|as|us|plus|less|unless)\b)"
                          r"[a-z]+(?:ed|s)[ \t]+")
CLOSES_ATTRIBUTED = re.compile(r"[,!?][”\"]$|[,!?]''$|[”\"],$")


def closes_attributed(text: str, q: Quote) -> int | None:
    """Where the words after a quotation begin when it closes as an attribution follows it (on a comma,
    a question or an exclamation mark: '“...,” Jo Sharp said'); None when a full stop ends its sentence."""
    pos = q.end + 1 if text[q.end:q.end + 1] == "," else q.end
    return pos if CLOSES_ATTRIBUTED.search(text, max(q.start, q.end - 3), pos) else None


def manner_speaker(st: ClaimState, q: Quote, sent: Sentence) -> Speaker | None:
    """The person an inverted attribution with an unlisted verb names after a quotation: the quotation
    is theirs, not the paragraph's earlier speaker's (a paragraph opening with it does not continue
    the paragraph before)."""
    text = st.text
    # The quotation opens its sentence: after a subject of the writer's it is an object, often a
    # title ('The film “Who Wants to Be Rich?” starred Jo Sharp.').
    if q.start > sent.start + 1:
        return None
    pos = closes_attributed(text, q)
    if pos is None:
        return None
    m = _MANNER_VERB.match(text, pos, sent.end)
    if m is None:
        return None
    s = m.end()
    men = st.mention_at_start.get(s)
    # A name the entity finder did not take ("grumbled Jo Sharp, a retired teacher"): the words of a
    # full name, as a dash signature's.
    nm = _FULL_NAME.match(text, s, sent.end) if men is None else None
    end = men.end if men is not None else nm.end() if nm is not None else s
    if end == s or not _ENDS_NAME.match(text, end, sent.end):
        return None
    return Speaker(men.entity if men is not None else None, text[s:end], s, end)


_FULL_NAME = re.compile(r"[A-Z][a-z][\w'’\-]*(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'’\-]+){1,2}")
# The name ends the sentence, opens an apposition or gives a place ("Jo Sharp, a teacher", "of Leeds").
_ENDS_NAME = re.compile(r"\s*(?:[,.!]|$)|\s+of\s+[A-Z]")


# After the name: a verb in the past (no listed cue: no frame took the quotation) and a few words to
# the sentence's end ("pressed.", "shot back at the senator.").
# (A quoted question or exclamation ends its sentence before the name: the block bounds the search.)
_VERB_TO_END = re.compile(r"\s+(?:[a-z]+ed|shot|wrote|spoke|threw|swore|went|began|told)(?:\s+[a-z]+){0,4}\s*[.!](?=\s|$)")


def named_before_verb(st: ClaimState, q: Quote, sent: Sentence, block: Block) -> Speaker | None:
    """'“Would you raise taxes?” Jo Sharp pressed.': the person named right after a quotation that
    opens its sentence, then a verb: the quotation is theirs, not the earlier speaker's (nor does it
    continue the paragraph before)."""
    # A full stop inside the marks ends the sentence: the next one's subject is the writer's narration
    # ('“The ward is finished.” Jo Sharp resigned the next day.'), not an attribution.
    pos = closes_attributed(st.text, q) if q.start <= sent.start + 1 else None
    if pos is None:
        return None
    while pos < block.end and st.text[pos] in " ,":
        pos += 1
    men = st.mention_at_start.get(pos)
    if men is None or st.entities[men.entity].kind != "person" or not _VERB_TO_END.match(st.text, men.end, block.end):
        return None
    return Speaker(men.entity, men.text, men.start, men.end)
