"""Trailing attributions inside a content ("Eggleston said it could hurt the strategy, people familiar with
the session said."; "'...,' Obama said, according to the White House."). The trailing attribution is no part
of the content; a claim with no speaker of its own takes the trailing source.

A claim that has its own speaker keeps it: the words are Eggleston's, and the people familiar with the
session only report them. PolNeAR's annotators often file such inner claims under the trailing source (h-spk10
counted 24 against 3 in CV, and doing so raised CV speaker accuracy 0.9107 -> 0.9144), but a fact-checker asks
who made the claim, so the inner speaker stays (as h-spk7 decided before).
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..types import Claim, Entity, Mention, Speaker

_VERB = r"(?:said|says|reported|reports|recalled|wrote|writes|added|noted|explained|argued|claimed|told\s+\S+(?:\s+\S+)?)"
_WHEN = r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|last\s+\w+|earlier|later|this\s+\w+))?"
# Where or how the attribution was made, after its verb and time ("said in a statement", "reported in its
# Sunday edition"), then the time again, then what it cited (", citing two officials").
_MEDIUM = r"(?:\s+(?:in|on|during|via)\s+(?:a|an|the|its|his|her|their)\s+(?:(?!that\b|which\b|who\b)[^,;.\"“”]){1,40}?)?"
_CITING = r"(?:,\s+citing\s+[^,;.\"“”]{1,60}?)?"
# The words a content ends in when they are a trailing attribution of the whole sentence: ", Stovall
# said", ", the Sun-Times reported Monday", ", people familiar with the session said", ", according to
# Reuters". The source opens with a capital or a determiner or a source noun, which may be the whole
# source (", sources said", ", officials said"): no pronoun ("he said" is the rules' own).
_TRAILING = re.compile(r",[”\"'’]*\s+(?:according\s+to\s+(?P<acc>[^,;]{2,80}?)|(?P<src>(?:[A-Z]|(?:the|a|an|some|two|three|"
                       r"those|these)\s|(?:people|sources?|officials?|aides?)(?=\s))[^,;\"“”]{0,70}?)\s+" + _VERB + r")" + _WHEN
                       + _MEDIUM + _WHEN + _CITING + r"[.”\"'’]*\s*$")
# What may stand before a name that is the whole trailing source: a determiner, titles, "state", "former".
_BEFORE_NAME = re.compile(r"^(?:(?:the|a|an|former|state|[A-Z][\w.’'-]*)\s+)*$")


def in_quotation(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation its paragraph opened ("... the report says the company
    ''reports having 987 subsidiaries ..., according to its own website.''": the attribution is quoted)."""
    opened = False
    for mark in _QUOTE_MARK.findall(text, text.rfind("\n", 0, pos) + 1, pos):
        opened = True if mark == "“" else False if mark == "”" else not opened  # '' and " open or close
    return opened


_QUOTE_MARK = re.compile(r"''|[“”\"]")


def _own_speaker(c: Claim) -> bool:
    """Whether the claim has a speaker of its own, named by a cue before its words."""
    return c.cue_start is not None and c.cue_start < c.start and (c.speaker is not None or bool(c.speaker_text))


def trailing_sources(text: str, claims: list[Claim], entities: list[Entity], mentions: list[Mention]) -> int:
    """Give each claim whose content ends in a trailing attribution of its sentence (", Stovall said",
    ", the Post reported", ", according to Reuters": the content ran over it, so no claim of its own holds
    the sentence) that attribution's source, named by the mention that is the whole source, else by its
    words; returns how many changed. Not an "according to" claim's own content ("'...,' Hewitt said,
    according to a transcript": its source is the trailing one already)."""
    ms = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ms]
    changed = 0
    for c in claims:
        if c.frame == "according_to" or text[c.start:c.end] != c.text:
            continue
        m = _TRAILING.search(c.text)
        if m is None or (c.cue_start is not None and c.cue_start >= c.start + m.start()):
            continue
        group = "acc" if m.group("acc") else "src"
        if in_quotation(text, c.start + m.start(group)):
            continue
        marks = len(m.group(0)) - 1 - len(m.group(0)[1:].lstrip("”\"'’"))
        cut = c.start + m.start() + (1 + marks if marks else 0)  # a quotation keeps its ",”"
        start, end = c.start + m.start(group), c.start + m.end(group)
        words = text[start:end]
        hit = [x for x in ms[bisect_left(starts, start):bisect_left(starts, end)]
               if x.end == end and _BEFORE_NAME.match(text[start:x.start])]
        c.end, c.text = cut, text[c.start:cut]  # the trailing attribution is no part of the content
        if _own_speaker(c):
            continue  # "Eggleston said X, people familiar ... said": X stays Eggleston's (reported by them)
        ent = hit[-1].entity if hit else None
        if ent is not None and ent == c.speaker or ent is None and c.speaker is None and c.speaker_text == words:
            continue
        person = ent is not None and entities[ent].kind == "person"
        c.source = Speaker(ent if person else None, words, start, end, org=ent if ent is not None and not person
                           else None)
        c.speaker, c.speaker_text = ent, words
        changed += 1
    return changed
