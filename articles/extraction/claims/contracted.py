"""A subject pronoun written with a contracted auxiliary: "He's argued that ...", "she’d warned that ...",
"..., who’s insisted that ...". The apostrophe makes one word of the pronoun and its auxiliary ("has", "is",
"had", "would", "will", "have", "are"), so the word is no pronoun to the speaker search and the source stayed
the words "He's", naming nobody. The pronoun is the subject, resolved as a bare one is.
"""
from __future__ import annotations

import re

from ..text import Sentence
from ..types import Speaker
from . import discourse, sources
from .state import ClaimState

# "it" is left out: "It's been reported that", "It’s implied that" are no one's words.
_CONTRACTED = re.compile(r"(he|she|they|who)['’](?:s|d|ll|ve|re)", re.IGNORECASE)


def pronoun_subject(st: ClaimState, sent: Sentence, spk: Speaker) -> Speaker | None:
    """The speaker a source's words name when they are a pronoun with a contracted auxiliary (None when
    they are not one): the pronoun's person or organisation, "who" the noun phrase it relates to."""
    m = _CONTRACTED.fullmatch(spk.text)
    if m is None:
        return None
    pron = m.group(1).lower()
    if pron == "who":
        return sources.antecedent(st, spk.start)
    return discourse.resolve_pronoun(st, pron, spk.start, sent)
