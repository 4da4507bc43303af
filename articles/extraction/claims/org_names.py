"""A source left as words that is an organisation's name: "Congress has three ways to ...", "The
nonpartisan Commission on Presidential Debates says ...", "Zero Hedge asked ...". The entity finder
missed the name where it stands (a sentence's first words, a name it did not know); the words are the
name, so the claim speaks for that organisation: the one the article already files under the name,
else a new one named by the words (the annotators write such a source as the name, so the record's
name is the words they wrote). Words that only describe ("the company", "The Florida senator"), a
place or a dateline ("WASHINGTON"), and a name the tagger reads as a person's stay words.

Two more readings of a source left as words name an organisation the text gives: a document whose
maker it names ("a report from the Acme Institute", "a Brennick poll": ``document_authors``), and
"according to <name>" where the whole phrase is the name ("according to Factcheck.org":
``according_to_names``). A document named by its noun alone ("the poll") stays words.
"""
from __future__ import annotations

import re

from ..entities.words import _ORG_BY_KEY, MEMBERS_WORDS
from ..learned.tagger import default_tagger
from ..lexicon import (
    DAY_NAMES,
    DEMONYMS,
    MONTH_NAMES,
    NOT_ACRONYMS,
    NOT_MADE_BY_NOUNS,
    ORG_HEADS,
    PLACES,
    PUBLISHED_IN_NOUNS,
    TIME_NOUNS,
)
from ..types import Claim, Entity, Mention, Speaker
from .source_kinds import DOCUMENT_NOUNS

# A name ending the source's words: capitalised words, "of/on/for/and/at" between them.
_NAME = re.compile(r"[A-Z][\w&’'\-]*(?:\s+(?:(?:of|on|for|and|at|the)\s+)*[A-Z][\w&’'\-]*)*$")
# What may stand before the name: a determiner and one lower-case word ("The nonpartisan").
_BEFORE = re.compile(r"(?:(?:[Tt]he|[Aa]n?)\s+)?(?:[a-z][\w\-]*\s+)?$")
_NOT_BEFORE = frozenset("of for at from with to in on by and or but as according".split())
# The words right before the source that show the name goes on to their left ("... Engineering and
# Medicine", "Organization for Economic Cooperation and Development"): the source holds part of a name.
_JOINERS = ("of", "for", "and", "on", "&")
_NAME_GOES_ON = re.compile(r"(?:\b(?:" + "|".join(_JOINERS) + r")|[A-Z][\w’'\-]*)\s+$")


def name_org_sources(text: str, claims: list[Claim], entities: list[Entity], mentions: list[Mention],
                     tags: dict[int, str]) -> int:
    """Tie each source left as words that is an organisation's name to that organisation (see the
    module's doc); appends the organisations and mentions it makes. Returns how many claims it tied."""
    known = {alias.lower(): i for i, e in enumerate(entities) if e.kind == "organisation"
             for alias in (e.name, *e.aliases)}
    tied = 0
    for c in claims:
        spk = c.words_source(text)
        if spk is None:
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
    if words[-1].lower() in DOCUMENT_NOUNS or caps[0] in MEMBERS_WORDS or " and " in name:
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


def _filed_names(entities: list[Entity]) -> tuple[dict[str, int], set[str]]:
    """The organisations the article files, by each lower-cased alias, and every word of a person's name."""
    known = {alias.lower(): i for i, e in enumerate(entities) if e.kind == "organisation"
             for alias in (e.name, *e.aliases)}
    people = {w for e in entities if e.kind == "person" for alias in (e.name, *e.aliases) for w in alias.split()}
    return known, people


def _new(entities: list[Entity], known: dict[str, int], name: str, kind: str, alias: str) -> int:
    entities.append(Entity(kind="organisation", name=name, aliases=sorted({name, alias}), org_kind=kind))
    known[name.lower()] = known[alias.lower()] = len(entities) - 1
    return len(entities) - 1


# A document's author after its noun: "a report from the Acme Institute", "an analysis by the Pew
# Research Center", "the average of polls compiled by Real Clear Politics", "an editorial in The Daily
# Example". "of" names what the document is about ("a poll of Ohio voters"), not who made it.
# A time phrase a participle may carry before its author: "released Monday by", "published last week by".
_WHEN = (r"(?:(?:on|in|last|this|earlier|early|late)\s+)?(?:" + "|".join(sorted(DAY_NAMES)) + r"|[A-Z][a-z]+\s+\d{1,2}|"
         + "|".join(sorted({w for w in TIME_NOUNS if w.isalpha()}, key=len, reverse=True)) + r"|\d{4})")
# A document's author after its noun: "a report from the Acme Institute", "an analysis by the Pew
# Research Center", "the average of polls compiled by Real Clear Politics", "a report released Monday by
# the Acme Institute", "an editorial in The Daily Example". "of" names what the document is about ("a
# poll of Ohio voters"), not who made it.
_AUTHOR_AFTER = re.compile(r"\s+(?:(?:[a-z]+ed|run|written|done|drawn|made|put\s+out)\s+(?:" + _WHEN + r"\s+)?)?"
                           r"(?P<prep>by|from|in)\s+(?:the\s+)?"
                           r"(?P<name>[A-Z][\w&’'.\-]*(?:\s+(?:(?:of|for|on|at|the)\s+)*[A-Z][\w&’'.\-]*)*)")
# A document's author before its noun: "a new Harwood poll", "A 2014 House Budget Committee report",
# "an internal March Acme Institute memo": a determiner, any lower-case modifiers, years and months.
_AUTHOR_BEFORE = re.compile(r"(?:(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Oo]ne|[Aa]nother)\s+)?"
                            r"(?:(?:[a-z][\w\-]*|\d{4}|" + "|".join(sorted(w.capitalize() for w in MONTH_NAMES)) + r")\s+)*"
                            r"(?P<name>[A-Z][\w&’'.\-]*(?:\s+(?:of\s+)?[A-Z][\w&’'.\-]*)*)\s+"
                            r"(?:[a-z][\w\-]*\s+)?(?P<head>[A-Za-z]+)$")
# What may follow a document's noun and its maker before it, and is no part of either: when it came
# out ("a Harwood poll released Monday", "A Brennick poll out this week", "a Harwood survey in June").
_AFTER_NOUN = re.compile(r"\s+(?:(?:released|published|conducted|issued|commissioned|taken|out)\b.*|in\s+(?:"
                         + "|".join(sorted(w.capitalize() for w in MONTH_NAMES)) + r"|" + _WHEN + r")\b.*)$")
_JOINT = re.compile(r"[/\-–](?=[A-Z])| and ")  # "the NBC/Journal poll", "an AP-Harwood survey": two makers


def document_authors(text: str, claims: list[Claim], entities: list[Entity], mentions: list[Mention],
                     tags: dict[int, str]) -> int:
    """Tie each source left as words that is a document an organisation made ("a Harwood poll", "a
    report from the Acme Institute", "according to an analysis by the Pew Research Center") to that
    organisation: the text names its maker, so the claim speaks for it. The maker is the name right
    before the document's noun, or after it behind "by", "from" (or "in" for a writing in a
    publication), inside the source's words or just past them. A person's name ("one Clinton ad"), a
    place ("a New Hampshire poll"), two makers ("the NBC/Journal poll") and a document named only by
    its noun ("the poll", even after a Harwood poll: the annotators name such a source by its words)
    stay words. Returns how many claims it tied."""
    known, people = _filed_names(entities)
    spans = _MentionSpans(mentions)
    tied = 0
    for c in claims:
        spk = c.words_source(text)
        if spk is None:
            continue
        found = _maker(text, spk)
        if found is None:
            continue
        name, start, titled = found
        if _JOINT.search(name) or text[start - 1:start] in ("/", "-", "–") or people & set(name.split()) \
                or re.search(r"[’'](?:s|$)", name) or _name_goes_on(text, start):
            continue  # two makers (also one cut at "Times/"), a person, a possessor ("the Acme Institute's director"), part of a name
        org = _maker_org(name, start, known, entities, spans, tags, new=not titled)
        if org is None:
            continue
        if (start, org) not in spans.starts:
            spans.add(Mention(text=name, start=start, end=start + len(name), entity=org))
        c.source = Speaker(None, spk.text, spk.start, spk.end, org=org)
        c.speaker = org
        tied += 1
    return tied


def _maker(text: str, spk: Speaker) -> tuple[str, int, bool] | None:
    """The name of the document's maker, where it starts and whether the document has a name of its
    own ("the Harwood Civic Poll": its words may be the poll's title, not a maker's name), or None."""
    words = spk.text.rstrip(" ,.;:")
    # the document's noun, then its maker: in the words ("a report from X") or just past them
    for m in re.finditer(r"[A-Za-z]+", words):
        if m.group().lower() not in DOCUMENT_NOUNS:
            continue
        after = _AUTHOR_AFTER.match(text, spk.start + m.end())
        if after is None or (after["prep"] == "in" and m.group().lower() not in PUBLISHED_IN_NOUNS):
            continue
        # the words before the noun: a determiner and modifiers only ("a recent report from X")
        if not _MODIFIERS.fullmatch(words[:m.start()]):
            return None
        return after["name"].rstrip("."), after.start("name"), False
    b = _AUTHOR_BEFORE.fullmatch(_AFTER_NOUN.sub("", words))
    if b is not None and b["head"].lower() in DOCUMENT_NOUNS and b["head"].lower() not in NOT_MADE_BY_NOUNS:
        return b["name"], spk.start + b.start("name"), b["head"][:1].isupper()
    return None


# The words before a document's noun whose maker follows it: a determiner and lower-case modifiers
# only ("a recent internal report from X", "the 2015 draft analysis by X"), not a name of its own.
_MODIFIERS = re.compile(r"(?:[Tt]he\s+|[Aa]n?\s+|[Tt]his\s+|[Tt]hat\s+|[Oo]ne\s+|[Aa]nother\s+)?"
                        r"(?:(?:[a-z][\w\-]*|\d{4})\s+)*(?:results\s+of\s+)?")


def _name_goes_on(text: str, start: int) -> bool:
    """Whether the name starting at ``start`` is the end of a longer one ("the Wall Street Journal
    poll" cut to "Street Journal poll", "Rock the Vote Poll" to "the Vote Poll")."""
    before = re.sub(r"(?:\b(?:[Tt]he|[Aa]n?)\s+)?$", "", text[max(0, start - 40):start], count=1)
    m = re.search(r"(\S+)\s+$", before)
    if m is None:
        return False
    word = m.group(1)
    if word[-1] in ",;:.!?)”\"":
        return False  # a clause or a sentence ends before the name
    # the joiners of _NAME_GOES_ON, and "the" inside a name ("Rock the | Vote Poll") once the
    # source's own determiner is stripped
    return word in (*_JOINERS, "the") or (word[:1].isupper() and word.lower() not in _NOT_BEFORE
                                                                and word.lower() not in ("the", "a", "an"))


class _MentionSpans:
    """The mentions by their span and by (start, entity), kept up to date as mentions are added: one
    look-up per claim instead of a scan of every mention (claims x mentions)."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = mentions
        self.by_span: dict[tuple[int, int], int] = {}
        self.starts: set[tuple[int, int | None]] = set()
        for m in mentions:
            self._index(m)

    def _index(self, m: Mention) -> None:
        self.by_span.setdefault((m.start, m.end), m.entity)  # the first mention of a span, as a scan finds
        self.starts.add((m.start, m.entity))

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        self._index(m)


def _maker_org(name: str, start: int, known: dict[str, int], entities: list[Entity], spans: _MentionSpans,
               tags: dict[int, str], new: bool = True) -> int | None:
    """The organisation a maker's name names: a mention of one there, one the article files under
    the name, a known organisation's, else (``new``) one the name tagger tags so or ending in an
    organisation's head word (see ``_organisation``)."""
    here = spans.by_span.get((start, start + len(name)))
    if here is not None:
        return here if entities[here].kind == "organisation" else None
    if name.lower() in known:
        return known[name.lower()]
    low = name.lower()
    seen = [tags.get(start + w.start(), "O") for w in re.finditer(r"\S+", name)]
    if "PER" in seen or "LOC" in seen or low in PLACES or name in DEMONYMS:
        return None
    hit = _ORG_BY_KEY.get(low)
    if hit is not None:
        canonical, kind = hit
        return known[canonical.lower()] if canonical.lower() in known else _new(entities, known, canonical, kind, name)
    words = name.split()
    head = ORG_HEADS.get(words[-1])
    if not new:
        return None
    if head is not None and len(words) > 1:
        return _new(entities, known, name, head, name)
    if seen and all(t == "ORG" for t in seen):
        return _new(entities, known, name, "other", name)
    return None


# What "according to" names when it names no one the article files: a publication, a site, a body
# ("according to Variety", "according to Factcheck.org", "according to the U.S. Judicial Conference,").
_ACCORDING_NAME = re.compile(r"(?:[Tt]he )?(?P<name>[A-Z][\w&’'\-]*(?:\.[A-Z])*\.?(?:\.(?:com|org|net|gov|fr|de|co\.uk))?"
                             r"(?: (?:(?:of|for|on|the) )*[A-Z][\w&’'\-]*(?:\.[a-z]{2,3})?)*)"
                             r"(?= ?(?:[,.;:)!?]|$))")


def according_to_names(text: str, claims: list[Claim], entities: list[Entity], mentions: list[Mention],
                       tags: dict[int, str]) -> int:
    """Tie each claim cued by "according to <name>" whose source was left as words to the body the
    name names: the text gives the claim to a publication or a body by its name ("according to
    Variety", "according to Factcheck.org", "according to the U.S. Judicial Conference, the court's
    policy arm"). The whole phrase must be the name, up to a clause break: "according to U.S. Census
    data" is a document. A person's name, a place and a pronoun stay words. Returns how many claims
    it tied."""
    known, people = _filed_names(entities)
    spans = _MentionSpans(mentions)
    tied = 0
    for c in claims:
        spk = c.source
        if c.frame != "according_to" or c.speaker is not None or spk is None or spk.resolved:
            continue
        m = _ACCORDING_NAME.match(text, spk.start, min(len(text), spk.start + 120))
        if m is None or m.start("name") >= spk.end:
            continue
        name, start = m["name"].rstrip("."), m.start("name")
        words = name.split()
        if people & set(words) or name.lower() in PLACES or name in DEMONYMS or name in NOT_ACRONYMS:
            continue
        seen = [tags.get(start + w.start(), "O") for w in re.finditer(r"\S+", name)]
        if "PER" in seen or all(t == "LOC" for t in seen):
            continue  # a person's name; a place ("according to Ohio") speaks for its government, not told here
        org = _maker_org(name, start, known, entities, spans, tags, new=False)
        if org is None:
            hit = _ORG_BY_KEY.get(name.lower())
            if hit is None and not _looks_like_org(name, seen, the=m.start("name") > m.start()):
                continue  # "according to Mnuchin": a surname the article did not file stays words
            org = _new(entities, known, hit[0] if hit else name, hit[1] if hit else "other", name)
        spans.add(Mention(text=name, start=start, end=start + len(name), entity=org))
        c.source = Speaker(None, name, start, start + len(name), org=org)
        c.speaker = org
        tied += 1
    return tied


def _looks_like_org(name: str, seen: list[str], the: bool) -> bool:
    """Whether a name no list knows has an organisation's marks: a determiner before it ("the
    Harwood Civic Institute"), an organisation's head word, a web domain ("Factcheck.org"), capitals
    alone ("GAO"), a capital inside a word ("RealClearPolitics", "HuffPo"), two words or more (the
    tagger read none a person's), an ordinary English word as a title ("Variety": the name tagger's
    dictionary knows its lower case as no name), or the tagger tagging every word an organisation's.
    A single word without them ("Mnuchin", "Kowalczyk") may be anyone's surname: it stays words."""
    words = name.split()
    if the or words[-1] in ORG_HEADS or _DOMAIN.search(name) or len(words) > 1 \
            or (name.isupper() and name.isalpha() and len(name) >= 2) or _INNER_CAPITAL.search(name) \
            or (seen and all(t == "ORG" for t in seen)):
        return True
    tagger = default_tagger()
    return tagger is not None and tagger.tagdict.get(name.lower()) == "O"


_DOMAIN = re.compile(r"\.(?:com|org|net|gov|[a-z]{2}|co\.uk)$")
# A capital after a lower-case letter, not a surname's prefix ("McCain", "MacLeod", "DeSantis", "LaHood").
_INNER_CAPITAL = re.compile(r"^(?!(?:Mc|Mac|De|Di|Da|La|Le|Van|Von|O’|O')[A-Z])\S*[a-z][A-Z]")
