"""The noun phrase a relative "who" speaks for (stage 3, sources): "said a board member, who added that
...", "the party's top figures, who have openly expressed concern ...". A name before "who" is read
from the mentions (`sources.antecedent`); a phrase naming nobody by name is read here: a determiner,
at most five words, none a verb (the last determiner's phrase: "fired his aides")."""
from __future__ import annotations

import re

from ..lexicon import CUE_LEMMA
from ..types import Speaker
from .possessed import PERSON_NOUNS

# A determined noun phrase ending the text: "a board member", "the party's top figures", "two aides".
_DETERMINED = re.compile(r"(?:^|[\s,;:(“\"])((?:the|a|an|this|that|these|those|his|her|their|its|our|one|some|many|"
                         r"several|two|three|four|five|other|another)\s+(?:[\w’'.\-]+\s+){0,4}?[\w’'\-]+)$",
                         re.IGNORECASE)
# A determiner inside the phrase opens a noun phrase of its own ("fired his aides"), unless a possessor's
# "'s" is right before it ("the mayor's two top aides").
# A quantity after one is the same phrase's ("the two men", "his many critics", "the other aides").
_INNER_DETERMINER = re.compile(r"\s(?=(?:the|a|an|this|that|these|those|his|her|their|its|our)\s)", re.IGNORECASE)
_POSSESSOR = re.compile(r"(?:[’']s|s[’'])$")
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
# Words of a clause, not of a noun phrase: an auxiliary or modal, a conjunction, a preposition that would
# make the last noun another's ("the fund for which", "a lawsuit in"), a pronoun.
_NOT_IN_PHRASE = frozenset("""is are was were be been being has have had do does did will would can could may might
must shall should and or but if when while as because that which who of in on at for by with from to about into
over under after before than he she they it we i you him them us me""".split())


def phrase_before(text: str, end: int) -> Speaker | None:
    """The determined noun phrase ending at end, a comma after it (a non-restrictive "who": the
    restrictive one's phrase is the subject's, with the clause), or None: a clause, a preposition's
    object or a phrase of more than six words is none."""
    if text[end:end + 1] != ",":
        return None
    lo = max(0, end - 100)
    stops = list(_SENTENCE_END.finditer(text, lo, end))
    if stops:
        lo = stops[-1].end()  # not across a sentence's end ("... its own dangers. Even Republicans, who")
    role = role_of(text, lo, end)
    if role is not None:
        return role
    m = _DETERMINED.search(text[lo:end])
    if m is None:
        return None
    words = [w.strip(".").lower() for w in m.group(1).split()]
    if any(w in _NOT_IN_PHRASE or w in CUE_LEMMA for w in words[1:]):
        return None
    if re.search(r"\b(?:of|in|on|at|for|by|with|from|to|about|into|over|under|after|before|than)\s*$",
                 text[max(0, lo + m.start(1) - 12):lo + m.start(1)], re.IGNORECASE):
        return None  # the object of a preposition ("a report by the bank, which said"): not the subject
    inner = [w for w in _INNER_DETERMINER.finditer(m.group(1)) if not _POSSESSOR.search(m.group(1), 0, w.start())]
    if inner:  # "The mayor fired his aides, who": a determiner opens the last noun phrase, past a verb
        m = _DETERMINED.search(text[lo:end], m.start(1) + inner[-1].start())
        if m is None:
            return None
    start = lo + m.start(1)
    return Speaker(None, m.group(1), start, start + len(m.group(1)))


# A role, a preposition and whom the role is held for, ending the text: "the head of the union", "a spokesman for
# Acme Corp", "an analyst at the bank" (the role's words and its organisation's at most four each).
_ROLE_PREP = re.compile(r"(?:^|[\s,;:(“\"])((?:the|a|an|its|his|her|their|one)\s+(?:[\w’'\-]+\s+){0,3}?)(?:of|for|at)\s+"
                        r"((?:[\w’'\-.&]+\s+){0,3}[\w’'\-.&]+)$", re.IGNORECASE)


def role_of(text: str, lo: int, end: int) -> Speaker | None:
    """The role and its preposition's object ending at end ("said the head of the union, who added ..."): the
    person holding the role is the one a "who" after them speaks for, not the organisation. None when a
    word of either part is a clause's (a verb, a pronoun, another preposition) or a verb of saying, or when
    the role's last word is no person's noun."""
    m = _ROLE_PREP.search(text, lo, end)
    if m is None:
        return None
    role, obj = m.group(1).split(), m.group(2).split()
    head = role[-1].lower() if len(role) >= 2 else ""
    if head not in PERSON_NOUNS and head.removesuffix("s") not in PERSON_NOUNS:
        return None  # a person's role ("the head", "the editors"), not a thing's ("a victory for", "the mouth of")
    if any(w.lower() in _NOT_IN_PHRASE or w.lower() in CUE_LEMMA for w in role[1:] + obj) \
            or _INNER_DETERMINER.search(" " + " ".join(role[1:]) + " "):
        return None  # ("The mayor fired the head of ...": a determiner inside the role opens the phrase)
    start = m.start(1)
    return Speaker(None, text[start:end], start, end)


# A cue opening a non-restrictive relative clause, the pronoun its subject: the pronoun after a comma, at most
# three words (an auxiliary, an adverb, a day) between them (", who said", ", who on Tuesday argued", ", which
# has warned"); not a name or a pronoun, the relative clause's own subject (", which Clinton conceded").
_OPENS_RELATIVE = re.compile(r",\s*(?:who|which)\s+(?:(?:on|last)\s+[A-Z][a-z]+\s+|"
                             r"(?!(?:he|she|they|we|it|I|you)\s)[a-z]+\s+){0,3}$")
# The main clause's verb after the relative clause's closing comma: an inflected verb of saying, an adverb
# allowed before it (", said", ", also told", ", argued").
_MAIN_VERB = re.compile(r",\s+(?:[a-z]+ly\s+)?([a-z]+)\b")
# A participle of saying opening a reduced relative inside the content, no main verb: "the fund, reported to be
# worth $2 billion, was safe", "the strike, said to have cost millions", "the plan, announced by the mayor, ...".
# A "by" of time names no agent: "said by the end of the year inflation would ..." is the main verb.
_PARTICIPLE_AFTER = re.compile(r"\s+(?:to\s+(?:be|have)\b|by\s+(?!the\s+(?:end|time|middle|start|close)\b)"
                               r"(?:the|a|an|his|her|its|their|[A-Z])\b)")
# An auxiliary before a comma: the clause it opens goes on after an aside ("the club had, reportedly, agreed").
_AUXILIARY_BEFORE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|could|should|can|may|might|must|"
                               r"did|does|do)\s*,[^,]*$", re.IGNORECASE)


def main_clause_cut(text: str, cue: int, cstart: int, cend: int) -> int:
    """Where the content of a cue inside a relative clause set off by commas ends: at the comma before the
    main clause's verb of saying ("Jo Sharp, who argued that the plan would fail, said the board had been
    warned": the relative clause's content is "that the plan would fail", the main clause says the rest).
    Else cend. (The learned cues have the same cut, `cues._relative_clause_end`.)"""
    if not _OPENS_RELATIVE.search(text, max(0, cue - 40), cue):
        return cend
    for m in _MAIN_VERB.finditer(text, cstart, cend):
        w = m.group(1)
        if CUE_LEMMA.get(w, w) != w and not w.endswith("ing") and not _PARTICIPLE_AFTER.match(text, m.end()) \
                and not _AUXILIARY_BEFORE.search(text, cstart, m.start()):
            return m.start()
    return cend


# After a source noun, whom the role is held for when no name is there ("said a spokesman for the Treasury",
# "a lawyer for the family of the victim", "an aide to the governor"): a preposition, a determined noun phrase
# of at most five words, then a comma, a stop, the end or the act's time or place ("on Tuesday", "in Houston").
# The phrase is the source's, so what follows it (", who added ...") is read after it, not as the content.
_ROLE_OBJECT = re.compile(r"\s+(?:for|of|at|to)\s+((?:(?i:the|a|an|his|her|its|their|our)|[A-Z][\w.\-]*[’']s)\s+"
                          r"(?:[\w’'\-.&]+\s+){0,4}?(?P<head>[\w’'\-&]+))"
                          r"(?=\s*(?:[,;:]|\.(?:\s|$)|$)|\s+(?:on|in|at|last|this|yesterday|today|earlier|during)\s)")
# A time, not whom the role is held for ("polls at the time", "a source at the start").
_TIME_HEADS = frozenset("time times moment day days week weeks month months year years weekend morning evening night "
                        "end start beginning hour".split())


def role_holder(st, s: int, end: int, limit: int) -> tuple[int, Speaker | None]:
    """Where a source noun's role phrase that starts at s and whose noun ends at end ends: past its preposition's
    object (`_ROLE_OBJECT`), else end; with the person named right after it in apposition (", Tom Reed"), who
    holds the role and speaks. No verb, pronoun, further preposition or verb of saying in the object ("a
    spokesman for the mayor said"), so a clause after the noun is never taken into the source. `st` is the
    claims' state (its text, mentions and records)."""
    m = _ROLE_OBJECT.match(st.text, end, limit)
    if m is None or m.group("head").lower() in _TIME_HEADS \
            or any((w.lower() in _NOT_IN_PHRASE and w.lower() != "of") or w.lower() in CUE_LEMMA
                   for w in m.group(1).split()[1:]):
        return end, None
    men = st.mention_at_start.get(m.end() + 2) if st.text.startswith(", ", m.end()) else None
    if men is not None and st.entities[men.entity].kind == "person":
        return men.end, Speaker(men.entity, st.text[s:men.end], s, men.end)
    return m.end(), None


# A relative pronoun inside an inverted source, after its first word: the clause describes the source and is
# no part of it ("said fans whose team had lost", "said voters who backed him").
_RELATIVE_INSIDE = re.compile(r"\s(?:who|whom|whose|which)\s", re.IGNORECASE)


def before_relative(text: str, s: int, limit: int, clause_end: int) -> tuple[int, int]:
    """The limit and the clause's end for the source read after a cue from s, both cut at a relative pronoun
    after its first word (`_RELATIVE_INSIDE`); unchanged when there is none."""
    m = _RELATIVE_INSIDE.search(text, s + 1, clause_end)
    return (m.start(), m.start()) if m else (limit, clause_end)
