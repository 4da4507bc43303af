"""The hearer of a verb of telling ("told reporters ...", "assured voters ...", "reminded the court ..."):
where its content starts past the hearer.

A verb of telling takes two objects: the hearer, then what was said ("told police he had seen nothing",
"told USA Today on Friday that the plant would close", "told the board to wait"). The hearer is no part
of the content. Recognised here: a hearer (an object pronoun, or a short noun phrase without a verb: a
name, "visiting union officials", "investors of Acme Corp"), an optional time or occasion ("on Oct. 31",
"this month", "in an interview"), then what opens a content: "that", a quotation, a subject pronoun, a
determiner's subject before its auxiliary ("the plan would"), a question word ("how", "whether") or a
to-infinitive ("to wait", "not to worry").
"""
from __future__ import annotations

import re

from ..lexicon import DAY_NAMES, MONTH_NAMES

# Lemmas of the verbs of telling whose first object is the hearer.
TELLING = frozenset("tell assure remind inform".split())


def telling(lemma: str) -> bool:
    """Whether a lemma is a verb of telling's, as the rules or the learned features cut it (the learned
    stemmer cuts "assured" and "assures" to "assur")."""
    return lemma in TELLING or lemma + "e" in TELLING

_AUX = (r"(?:is|are|was|were|had|has|have|would|will|could|should|can|may|might|must|did|does|do|"
        r"wo|wasn|isn|hadn|hasn|didn|doesn|won)")
# Words that end a hearer: they open a content, an adjunct or a clause of the hearer's own.
_STOP = (r"(?:that|to|not|never|about|on|in|at|for|with|by|during|after|before|when|whether|if|how|why|what|where|"
         r"who|which|he|she|they|it|we|i|there|and|or|but|as|than|last|this|earlier|later|yesterday|today|"
         r"the|a|an|no|" + _AUX + r")\b")
# Things that are told, not hearers ("told the story that ...", "told a joke that fell flat").
_TOLD_THING = (r"(?:story|stories|tale|tales|truth|lie|lies|joke|jokes|version|versions|anecdote|anecdotes|"
               r"anything|nothing|something|everything|much|more|little|lot)\b")
_WORD = r"(?!" + _STOP + r"|" + _TOLD_THING + r"|[a-z][\w’'\-]*ed\b)[\w’'\-.&#@]+(?![\w’'\-.&#@])"
# A capitalised word continues a name after "of", "at", "from" ("investors of Acme Corp").
_NAME_LINK = r"(?:\s+(?:of|at|from|for)\s+(?:the\s+)?[A-Z][\w’'\-.&]*(?:\s+[A-Z][\w’'\-.&]*){0,3})?"
_HEARER = (r"(?:(?:me|him|her|us|them|you)\b|(?:(?:the|a|an|his|her|their|its|our|my|your)\s+)?"
           r"(?!" + _TOLD_THING + r")" + _WORD + r"(?:\s+(?:and\s+(?=[A-Z]))?" + _WORD + r"){0,4}" + _NAME_LINK + r")")
_DATE = (r"(?:" + "|".join(sorted(DAY_NAMES)) + r"|(?:" + "|".join(sorted(m.capitalize() for m in MONTH_NAMES))
         + r"|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.?(?:\s+\d{1,2})?)")
_TIME = (r"(?:(?:on|in|last|this|early|late|earlier\s+this)\s+)?(?:" + _DATE +
         r"|week|month|year|weekend|morning|afternoon|evening|night|yesterday|today|earlier|recently|later)"
         r"(?:\s+(?:morning|afternoon|evening|night))?")
_OCCASION = (r"(?:in|during|on|at|by|over)\s+(?:a|an|the)\s+(?:[\w’'\-]+\s+){0,2}?(?:interview|statement|"
             r"call|email|phone\s+call|briefing|conference|hearing|meeting|speech|podcast)|by\s+(?:phone|email)")
_ADJUNCT = r"(?:\s*,?\s+(?:" + _TIME + r"|" + _OCCASION + r")\b){0,2}"
# What opens the content after the hearer.
_OPEN = (r"(?P<that>that\b)|(?P<quote>[:,]?\s*[“\"])|"
         r"(?P<clause>(?:he|she|they|it|we|I|there)\b(?!\s*[,.;:])|(?:how|why|what|whether|where|if)\s+\w|"
         r"(?:the|a|an|no|this|these|those|his|her|their|its|our|some|many|most|all)\s+(?:[\w’'\-]+\s+){1,3}?"
         r"(?:" + _AUX + r"|[a-z]+ed)\b|"
         # A name for a subject before its verb ("told reporters Trump was wrong", "told police Jo Obi lied").
         r"[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2}\s+(?:" + _AUX + r"|[a-z]+ed)\b|(?:(?:not|never)\s+)?to\s+(?!(?:the|a|an|his|her|their|its|my|our|your|this|that|these|those|me|him|"
         r"them|us|[A-Z0-9]))[a-z]+\b)")
# An apposition after a named hearer ("investors of Acme, the chain's parent, that ...").
_APPOSITION = r"(?:,\s+(?:the|a|an)\s+[^,;:“”\"]{1,40},)?"
# (A comma before a clause, not before "to": "told the audience, to loud applause, ...".)
PAST_HEARER = re.compile(r"\s+(?:" + _HEARER + r")" + _APPOSITION + _ADJUNCT
                         + r"\s*(?:,\s*(?!(?:(?:not|never)\s+)?to\b))?(?=" + _OPEN + r")")


# A thing told, no hearer, opening the object ("told the story of ...", "told a joke that ...").
TOLD_THING = re.compile(r"\s*(?:(?:the|a|an|his|her|their|its|that|this)\s+)?(?:[\w’'\-]+\s+)?" + _TOLD_THING)


def past_hearer(text: str, start: int, end: int) -> tuple[int, str] | None:
    """Where the content of a verb of telling ending at start opens past its hearer, and how it opens:
    "that" (the position of the "that"), "quote" (of the mark, or the comma or colon before it) or "clause".
    None when no hearer precedes a content (a bare content, "told of the risk", "told a story")."""
    m = PAST_HEARER.match(text, start, min(end, start + 200))
    if m is None:
        return None
    after = re.match(r"\s*(?:(?P<that>that\b)|(?P<quote>[:,]?\s*[“\"]))?", text[m.end():m.end() + 8])
    kind = "that" if after.group("that") else "quote" if after.group("quote") else "clause"
    if kind == "that" and re.match(r"that\s+(?:[a-z]+ed|" + _AUX + r")\b", text[m.end():m.end() + 30]):
        return None  # a relative clause of the hearer's ("told the panel that investigated ...")
    return m.end(), kind
