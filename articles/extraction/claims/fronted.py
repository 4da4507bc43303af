"""A cue inside a fronted subordinate clause ("Although the examiner concluded that the fall killed him,
the family doubts it"; "While she says she will not vote for him, she likes his message on trade"):
its content ends where the subordinate clause does, at the comma before the main clause. The main
clause is the writer's (or another speaker's) sentence, not the cue's content.

Only for a sentence that opens with a subordinator and holds no comma before the cue (so the cue stands
in that first clause). "As" is left out: "As the mayor told reporters, the budget is tight" attributes
the main clause. A comma does not end the clause inside a quotation, before a quotation ("saying, “...”"),
before a conjunction, relative or list word, an auxiliary (the verb after an aside: "the yard, and the
mill, are closed"), a number, or a state or region after a town ("Louisville, Ky.,").
"""
from __future__ import annotations

import re

_SUBORDINATOR = re.compile(r"(?:Although|Though|Even\s+though|Even\s+as|Even\s+if|While|Whilst|Whereas|When|"
                           r"Whenever|After|Because|Since|If|Once|Until|Unless|Before|Despite)\b")
# What a comma inside the clause comes before (the clause goes on).
_GOES_ON = re.compile(r"\s*(?:[“\"‘']|(?:and|or|but|nor|which|who|whom|whose|where|including|such|especially|"
                      r"notably|like|as|than|then|too|either|not|even|is|are|was|were|has|have|had|will|would|could|can|should|"
                      r"may|might|must|did|does|do|[a-z]+ing|[a-z]+ly)\b|\d|"
                      r"[A-Z][a-z]{0,4}\.,|[A-Z]{2}[,.])")
# A main clause's opening after a quotation closes with its comma: not its attribution ("“...,” she said").
# A lower-case subject too ('he had “no idea,” records show ...'), not a word that goes on with the clause.
_CLAUSE_AFTER = re.compile(r"\s+(?:the|a|an|his|her|its|their|this|these|those|[A-Z]\w*|(?!(?:and|or|but|nor|which|who|"
                           r"whom|whose|where|when|while|if|then|not|so|yet|to|in|on|at|of|for|with|by|from|as|than|"
                           r"said|says|added|told|wrote|asked|[a-z]+ing|[a-z]+ly|[a-z]+ed)\b)[a-z]+)\b"
                           r"(?!\s+(?:said|says|added|told|wrote|asked|explained|continued|noted)\b)")
# The sentence's start before the cue: a paragraph, or a stop and a space (a bounded look back).
# (Not after a title, a month or an initial: "Mr. Trump's", "Oct. 11", "U.S. officials".)
_SENTENCE_END = re.compile(r"(?:(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bGen)"
                           r"(?<!\bLt)(?<!\bCol)(?<!\bJr)(?<!\bNo)(?<!\bJan)(?<!\bFeb)(?<!\bAug)(?<!\bSept)(?<!\bOct)(?<!\bNov)"
                           r"(?<!\bDec)(?<!\b[A-Z])[.!?][”\"’']?\s+|\n)(?=\S)")


def sentence_start(text: str, pos: int) -> int:
    base = max(0, pos - 400)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, base, pos)]
    return ends[-1] if ends else base


def clause_end(text: str, in_quote, cue: int, start: int, end: int) -> int:
    """Where reported content from start to end ends when its cue (at cue, before start) stands in a
    fronted subordinate clause: the clause's closing comma; else end. in_quote(pos) tells whether pos is
    inside a quotation."""
    s = sentence_start(text, cue)
    if not _SUBORDINATOR.match(text, s) or any(c == "," and not in_quote(s + i) for i, c in enumerate(text[s:cue])):
        return end
    for m in re.finditer(r",", text[start:end]):
        pos = start + m.start()
        if text[pos + 1:pos + 2] in ("”", '"') and _CLAUSE_AFTER.match(text, pos + 2):
            return pos + 2  # a quotation closing the clause: 'she expects “a hard winter,” the shop ...'
        if in_quote(pos) or _GOES_ON.match(text, pos + 1):
            continue
        return pos
    return end
