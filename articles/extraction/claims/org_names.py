"""A source left as words that is an organisation's name: "Congress has three ways to ...", "The
nonpartisan Commission on Presidential Debates says ...", "Zero Hedge asked ...". The entity finder
missed the name where it stands (a sentence's first words, a name it did not know); the words are the
name, so the claim speaks for that organisation: the one the article already files under the name,
else a new one named by the words (the annotators write such a source as the name, so the record's
name is the words they wrote). Words that only describe ("the company", "The Florida senator"), a
place or a dateline ("WASHINGTON"), and a name the tagger reads as a person's stay words.
"""
from __future__ import annotations

import re

from ..entities.words import _ORG_BY_KEY
from ..lexicon import DEMONYMS, ORG_HEADS, PLACES
from ..types import Claim, Entity, Mention, Speaker
from .source_kinds import DOCUMENT_NOUNS

# A name ending the source's words: capitalised words, "of/on/for/and/at" between them.
_NAME = re.compile(r"[A-Z][\w&’'\-]*(?:\s+(?:(?:of|on|for|and|at|the)\s+)*[A-Z][\w&’'\-]*)*$")
# What may stand before the name: a determiner and one lower-case word ("The nonpartisan").
_BEFORE = re.compile(r"(?:(?:[Tt]he|[Aa]n?)\s+)?(?:[a-z][\w\-]*\s+)?$")
_NOT_BEFORE = frozenset("of for at from with to in on by and or but as according".split())
# The words right before the source that show the name goes on to their left ("... Engineering and
# Medicine", "Organization for Economic Cooperation and Development"): the source holds part of a name.
_NAME_GOES_ON = re.compile(r"(?:\b(?:of|for|and|on|&)|[A-Z][\w’'\-]*)\s+$")
# Members of a party are people, not a body ("Democrats on the House Select Committee").
_MEMBERS = frozenset("Democrats Republicans Conservatives Tories Liberals".split())


def name_org_sources(text: str, claims: list[Claim], entities: list[Entity], mentions: list[Mention],
                     tags: dict[int, str]) -> int:
    """Tie each source left as words that is an organisation's name to that organisation (see the
    module's doc); appends the organisations and mentions it makes. Returns how many claims it tied."""
    known = {alias.lower(): i for i, e in enumerate(entities) if e.kind == "organisation"
             for alias in (e.name, *e.aliases)}
    tied = 0
    for c in claims:
        spk = c.source
        if c.speaker is not None or spk is None or spk.resolved or text[spk.start:spk.end] != spk.text:
            continue
        words = spk.text.rstrip(" ,.;:")
        m = _NAME.search(words)
        if m is None or not _BEFORE.fullmatch(words[:m.start()]) \
                or any(w.lower() in _NOT_BEFORE for w in words[:m.start()].split()):
            continue
        name, start = m.group(), spk.start + m.start()
        if start == spk.start and _NAME_GOES_ON.search(text, max(0, start - 40), start):
            continue
        org = _organisation(name, start, known, entities, tags, bare=not words[:m.start()].strip())
        if org is None:
            continue
        mentions.append(Mention(text=name, start=start, end=start + len(name), entity=org))
        c.source = Speaker(None, spk.text, spk.start, spk.end, org=org)
        c.speaker = org
        tied += 1
    return tied


def _organisation(name: str, start: int, known: dict[str, int], entities: list[Entity],
                  tags: dict[int, str], bare: bool) -> int | None:
    """The organisation a name names: one the article files under it, else a new one when the name
    is a known organisation's, ends in or opens with an organisation's head word ("Congress",
    "Commission on ...") or the name tagger tags every word of it an organisation's (``bare``: no
    determiner before it)."""
    low = name.lower()
    if low in known:
        return known[low]
    seen = [tags.get(start + w.start(), "O") for w in re.finditer(r"\S+", name)]
    words = name.split()
    caps = [w for w in words if w[:1].isupper()]
    if "PER" in seen or low in PLACES or name in DEMONYMS or (name.isupper() and low not in _ORG_BY_KEY):
        return None  # a person's name, a place or a people, a dateline ("WASHINGTON", "MYRTLE BEACH")
    if words[-1].lower() in DOCUMENT_NOUNS or caps[0] in _MEMBERS or " and " in name:
        return None  # a poll or a report ("the Vote Millennial Poll"), members, two bodies
    if len(words) == 1 and name in ORG_HEADS and name.endswith("s") and not name.endswith(("ss", "Times", "News")):
        return None  # a plural head word alone is a group: "Newspapers said", "Unions warned"
    hit = _ORG_BY_KEY.get(low)
    if hit is not None:
        canonical, kind = hit
        if canonical.lower() in known:
            return known[canonical.lower()]
        return _new(entities, known, canonical, kind, name)
    # the head ends the name ("Business Council") or opens it before "of/on/for" ("Commission on ...")
    head = ORG_HEADS.get(caps[-1]) or (ORG_HEADS.get(caps[0]) if len(words) > 2 and words[1] in ("of", "on", "for")
                                       else None)
    if head is not None and (len(caps) > 1 or "ORG" in seen):
        return _new(entities, known, name, head, name)
    # by the tagger alone: a bare name ("ProPublica reported"), or two words or more ("the Texan" is a person)
    if seen and all(t == "ORG" for t in seen) and (bare or len(words) > 1):
        return _new(entities, known, name, "other", name)
    return None


def _new(entities: list[Entity], known: dict[str, int], name: str, kind: str, alias: str) -> int:
    entities.append(Entity(kind="organisation", name=name, aliases=sorted({name, alias}), org_kind=kind))
    known[name.lower()] = known[alias.lower()] = len(entities) - 1
    return len(entities) - 1
