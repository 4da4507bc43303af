"""What a speaker phrase names when it is not a name itself. The sources stage leaves a source it
cannot tie to a name as its words ("the Trump campaign", "his campaign", "Rival Hillary Clinton",
"many Republicans"); these are read here, after the claims are found, by the phrase's head:

- a person's campaign or administration ("the Trump campaign", "Clinton's campaign", "his
  campaign", "the campaign" after one was named) is an organisation of its own, named after the
  person ("Trump campaign"), not the person;
- a phrase ending with a person's name speaks as that person ("Rival Hillary Clinton", "Libertarian
  nominee Gary Johnson", also with where they are from: "Gov. Jane Roe of Springfield");
- a definite description headed by an organisation's head noun ("the agency", "the union",
  "police") is the organisation named before whose name has that head ("the Environmental
  Protection Agency ... the agency said");
- a voice of an organisation named before ("Administration officials", "Fed officials", "lawyers for
  the department", "Democratic leaders"): the latest organisation whose name holds a word of the
  phrase before the voice noun or of its "for/at/of" complement; a place, a people or a person's name
  there tells no organisation ("Arizona officials", "a Clinton spokesman");
- members of a party named by the party's plural ("Republicans", "many Democrats", "House
  Republicans") speak for the group the finder files under that name (an organisation of kind
  party, as it files "the Republicans").

A phrase naming no one ("they", "experts", "the letter") stays words; so do a poll, a report or an
activist that only mentions an organisation ("The Reuters/Ipsos poll", "the poll" after a Quinnipiac
poll, "One BLM activist"): tying them to the organisation lost more speakers than it gained in
cross-validation over the training articles (the annotators name such sources by their words); a
document whose maker is named with it ("a Brennick poll", "a report from the Acme Institute") is
tied later, in org_names.document_authors. So
does a description by a kind of organisation whose head noun is not in the name ("the company" after
"Acme Motors", "the newspaper" after "Orlando Sentinel"): tied to the latest organisation of that kind,
38 training claims gained a record and 35 right sources turned wrong (speaker accuracy 0.9051 -> 0.9020).
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..entities.words import PARTY_WORDS, members_keep_whole
from ..lexicon import DEMONYMS, ORG_HEADS, PLACES
from ..types import Claim, Entity, Mention, Speaker
from . import source_words

# A person's <head> is an organisation of its own: its kind.
OWNED_BODIES = {"campaign": "other", "administration": "government", "team": "other"}
_WORD = re.compile(r"[A-Za-z][\w’'\-]*")
_POSSESSIVE_PRONOUN = {"his": "m", "her": "f", "their": "", "its": ""}
# "Gov. Jane Roe of Springfield", "Jane Roe for Acme Polling": a name, then where the person is from.
_AFFILIATION = re.compile(r"\s+(?:of|for|from|at)\s+(?:the\s+)?[A-Z][^,;:]*")


# Who speaks for an organisation ("Pentagon officials", "a spokeswoman for the union", "a Carrier executive"), and the words
# that may open such a phrase before the organisation's word ("the", "some", "senior").
_VOICES = frozenset("""official officials spokesman spokeswoman spokesperson spokesmen spokeswomen aide aides staff
staffers lawyer lawyers attorney attorneys agents leaders leadership representative representatives
executive executives employee employees adviser advisers advisor advisors strategist strategists analyst analysts
spokespeople operatives source sources""".split())
_LEADS = frozenset("the a an one two three some many several other another top senior this that these those its".split())
_FUNCTION_WORDS = frozenset("of for at from with to in on by and or".split())
# "CNN President On Trump", "a critic of Jane Roe": the name is an object, not the speaker.
_OBJECT_BEFORE = re.compile(r"\b(?:on|about|to|with|for|against|by|at|from|of|over|who|that|and|or)\s+$",
                            re.IGNORECASE)


class _Linker:
    def __init__(self, text: str, entities: list[Entity], mentions: list[Mention]):
        self.text = text
        self.entities = entities
        self.mentions = mentions
        self.order = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.order]
        self.bodies: dict[tuple[str, str], int] = {}  # (surname, head) -> organisation index
        self.last_body: dict[str, int] = {}  # head -> the organisation last linked for it

    def within(self, start: int, end: int) -> list[Mention]:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.order) and self.order[i].start < end:
            if self.order[i].end <= end:
                out.append(self.order[i])
            i += 1
        return out

    def people_before(self, pos: int, gender: str = ""):
        """Person mentions before pos, latest first, of the given gender (any when empty)."""
        for i in range(bisect_left(self.starts, pos) - 1, -1, -1):
            m = self.order[i]
            e = self.entities[m.entity]
            if e.kind == "person" and (not gender or not e.gender or e.gender == gender):
                yield m

    def body_of(self, person: int | str, head: str, phrase: Speaker) -> int:
        """The organisation that is the person's <head> ("Trump campaign"), made once per article
        (the person by entity, or by the name the phrase gives when the article names no one so)."""
        surname = person if isinstance(person, str) else self.entities[person].name.split()[-1]
        key = (surname.lower(), head)
        if key not in self.bodies:
            name = f"{surname} {head}"
            self.entities.append(Entity(kind="organisation", name=name, aliases=[name], org_kind=OWNED_BODIES[head]))
            self.bodies[key] = len(self.entities) - 1
        org = self.bodies[key]
        self.add_mention(Mention(text=phrase.text, start=phrase.start, end=phrase.end, entity=org))
        self.last_body[head] = org
        return org

    def add_mention(self, m: Mention) -> None:
        if any(x.start == m.start and x.end == m.end for x in self.within(m.start, m.end)):
            return
        self.mentions.append(m)
        i = bisect_left(self.starts, m.start)
        self.starts.insert(i, m.start)
        self.order.insert(i, m)

    def owner(self, spk: Speaker, words: list[str], head: str) -> int | str | None:
        """The person whose campaign (administration) the phrase names: named in it ("the Trump
        campaign", "Clinton's campaign"), a possessive pronoun's person ("his campaign"), else the
        one last linked ("the campaign")."""
        people = [m for m in self.within(spk.start, spk.end) if self.entities[m.entity].kind == "person"]
        if people:
            return people[-1].entity
        first = words[0].lower()
        if first in _POSSESSIVE_PRONOUN:
            # The latest person of the pronoun's gender named before, whose <head> the article names.
            return next((m.entity for m in self.people_before(spk.start, _POSSESSIVE_PRONOUN[first])), None)
        if first == "the" and len(words) == 3 and words[1][:1].isupper() and words[1] not in PARTY_WORDS \
                and head != "team" and not self.within(spk.start, spk.end):
            # "the Bush administration" with no Bush named: the body is named after the word.
            return words[1]
        if first == "the" and len(words) == 2 and head in self.last_body:
            return None  # the organisation itself is known: see link()
        if first == "the" and len(words) == 2:
            # "the campaign" before any was named: the latest person the article names with one.
            for m in self.people_before(spk.start):
                surname = re.escape(self.entities[m.entity].name.split()[-1])
                if re.search(surname + r"(?:[’']s)?\s+(?:presidential\s+)?" + head, self.text):
                    return m.entity
        return None

    def owned_body(self, spk: Speaker, words: list[str], head: str) -> Speaker | None:
        """"the Trump campaign", "his campaign", "the campaign": the campaign organisation."""
        person = self.owner(spk, words, head)
        if person is not None:
            return Speaker(None, spk.text, spk.start, spk.end, org=self.body_of(person, head, spk))
        if words[0].lower() == "the" and len(words) == 2 and head in self.last_body:
            return Speaker(None, spk.text, spk.start, spk.end, org=self.last_body[head])
        return None

    def link(self, spk: Speaker) -> Speaker | None:
        words = _WORD.findall(spk.text)
        if not words:
            return None
        head = re.sub(r"[’']s?$", "", words[-1].lower())
        inside = self.within(spk.start, spk.end)
        if head in OWNED_BODIES and not (len(words) > 1 and words[-2].lower() in ("a", "an")):
            return self.owned_body(spk, words, head)
        end = spk.start + len(spk.text.rstrip(" ,.;:"))
        named = [m for m in inside if self.entities[m.entity].kind == "person" and (
            m.end == end or _AFFILIATION.fullmatch(self.text, m.end, end))
            and not _OBJECT_BEFORE.search(self.text, spk.start, m.start)]
        if named and not re.search(r"\band\b|&", spk.text):
            m = named[-1]
            return Speaker(m.entity, spk.text, spk.start, spk.end)
        org = self.party_group(spk)
        if org is not None:
            return Speaker(None, spk.text, spk.start, spk.end, org=org)
        org = self.affiliated_org(words, spk.start, spk.end)
        if org is None:
            org = self.described_org(words, head, spk.start)
        if org is not None:
            return Speaker(None, spk.text, spk.start, spk.end, org=org)
        return None

    _PARTY_GROUP = re.compile(r"(?:(?:the|many|some|most|other|few|several|fellow|top|leading|all|two|three|"
                              r"prominent|senior|moderate|conservative|liberal|progressive)\s+){0,2}"
                              r"(?P<name>(?:[A-Z][\w\-]*\s+){0,2}(?P<head>[A-Z][a-z]+s))$", re.IGNORECASE)

    # A share or a number of a party's members: "percent of Democrats", "a handful of Republicans",
    # "two-thirds of Republicans in New Hampshire", "Republicans who", "some Democrats now".
    _PARTY_SHARE = re.compile(r"(?:(?:[\w\-]+\s+){0,4}of\s+(?:the\s+)?|(?:the\s+)?(?:[a-z][\w\-]*\s+){0,2})"
                              r"(?P<name>(?:[A-Z][\w\-]*\s+){0,2}(?P<head>[A-Z][a-z]+s))"
                              r"(?:\s+(?:who|now|also|themselves|in\s+(?:[A-Z][\w\-]*\s*){1,3}))?$")

    def party_group(self, spk: Speaker) -> int | None:
        """"Republicans", "many Democrats", "House Republicans", "percent of Democrats": the party
        group of that name."""
        text = spk.text.strip()
        m = next((m for m in (self._PARTY_GROUP.match(text), self._PARTY_SHARE.match(text))
                  if m and ORG_HEADS.get(m["head"]) == "party" and m["name"][:1].isupper()), None)
        if m is None:
            return None
        name = _members_name(m["name"])
        org = next((i for i, e in enumerate(self.entities) if e.kind == "organisation" and e.name == name), None)
        if org is None:
            self.entities.append(Entity(kind="organisation", name=name, aliases=[name], org_kind="party"))
            org = len(self.entities) - 1
        start = spk.start + spk.text.index(name)
        self.add_mention(Mention(text=name, start=start, end=start + len(name), entity=org))
        return org

    def described_org(self, words: list[str], head: str, pos: int) -> int | None:
        """"the agency", "the state's teachers union", "police": the latest organisation named before
        pos whose name holds the head noun (an organisation's head word, "Agency", "Union")."""
        if head.capitalize() not in ORG_HEADS or len(words) > 5 or any(w[:1].isupper() for w in words[1:]):
            return None
        if not (words[0].lower() in ("the", "this", "that") or (len(words) == 1 and head == "police")):
            return None
        for i in range(bisect_left(self.starts, pos) - 1, -1, -1):
            e = self.entities[self.order[i].entity]
            if e.kind == "organisation" and head in e.name.lower().split():
                return self.order[i].entity
        return None

    def affiliated_org(self, words: list[str], start: int, end: int) -> int | None:
        """"Administration officials", "Fed officials", "a spokesman for the department", "the
        union's lawyers": a voice of an organisation the article named before, told by a word of
        that organisation's name (its head noun, "administration", or a word of its proper name,
        "Fed") in the phrase before the voice noun or in its "for/at/of/with" complement."""
        low = [re.sub(r"[’']s?$", "", w.lower()) for w in words]
        v = next((i for i, w in enumerate(low) if w in _VOICES), None)
        if v is None or "former" in low[:v] or any(w in ("and", "or") for w in low):
            return None
        if v == len(low) - 1:
            told = range(1 if low[0] in _LEADS else 0, v)
        elif low[v + 1] in ("for", "at", "of", "from", "with", "to") and v + 2 < len(low):
            told = range(v + 2, len(low))
        else:
            return None
        # "a Clinton spokesman" speaks for the person Clinton, not for the Clinton Foundation
        named = {w.lower() for m in self.within(start, end) if self.entities[m.entity].kind == "person"
                 for w in m.text.split()}
        spans = _place_spans(low)
        in_place = {k for i, n, _ in spans for k in range(i, i + n)}
        keys = set()
        for i in told:
            w, lw = words[i], low[i]
            if lw in _LEADS or lw in _FUNCTION_WORDS:
                continue
            # a place or a people ("Arizona officials", "Wall Street analysts", "Jewish leaders")
            # tells no organisation
            if (w[:1].isupper() or lw.capitalize() in ORG_HEADS) and lw not in named \
                    and i not in in_place and w not in DEMONYMS:
                keys.add(lw)
        if not keys:
            return None
        return self.latest_org_told(keys, {p for i, n, p in spans if i + n <= v}, start)

    def latest_org_told(self, keys: set[str], places: set[str], pos: int) -> int | None:
        """The latest organisation named before pos with a word of keys in its name, and not of
        another place than the phrase's ("a Florida Republican strategist" is no voice of the Ohio
        Republican Party)."""
        for i in range(bisect_left(self.starts, pos) - 1, -1, -1):
            m = self.order[i]
            e = self.entities[m.entity]
            if e.kind != "organisation":
                continue
            aliases = [[re.sub(r"[’']s?$", "", w.lower()) for w in _WORD.findall(alias)] for alias in (e.name, *e.aliases)]
            if not keys & {w for a in aliases for w in a}:
                continue
            own = {p for a in aliases for _, _, p in _place_spans(a)}
            if not (places and own and not places & own):
                return m.entity
        return None


def _place_spans(low: list[str]) -> list[tuple[int, int, str]]:
    """The places among lower-cased words, as (first index, length, place), the longest first
    ("new york", "wall street": one place each, whose words are no organisation's)."""
    out = []
    i = 0
    while i < len(low):
        n = next((n for n in (3, 2, 1) if " ".join(low[i:i + n]) in PLACES and i + n <= len(low)), 0)
        if n:
            out.append((i, n, " ".join(low[i:i + n])))
        i += n or 1
    return out


def _members_name(name: str) -> str:
    """The party members' name without the words before it that only describe or count them
    ("Leading Democrats", "We Democrats" -> "Democrats"); a chamber, a place, a people or an
    organisation's head word keeps the whole name ("House Republicans", "Ohio Democrats", "Oversight
    Committee Republicans")."""
    return name if members_keep_whole(name.split()) else name.split()[-1]


def noun_phrase(spk: Speaker) -> Speaker:
    """The source's words without the auxiliaries and adverbs the sources stage kept after the noun
    phrase ("Obama hasn't" before a learned cue "outlined", "Republicans are now": `source_words.after_subject`):
    what the words before them name speaks."""
    toks = list(re.finditer(r"\S+", spk.text))
    k = len(toks)
    while k > 1 and source_words.after_subject(toks[k - 1].group()):
        k -= 1
    if k == len(toks) or (not spk.resolved and source_words.left_bare(toks[k - 1].group())):
        return spk  # ("I later": a bare "I" or "who" would take the nearest name, `source_words.left_bare`)
    end = toks[k - 1].end()
    return Speaker(spk.entity, spk.text[:end], spk.start, spk.start + end, org=spk.org)


# Words that open a verb phrase, not a noun phrase: what the sources stage kept when the cue is a participle
# after the verb's object ("... sent out an email to supporters Tuesday, inviting them to").
_VERB_LED = frozenset("sent issued released blasted posted put has had have thinks made wrote ran out tweeted".split())
_SUBJECT_TAIL = re.compile(r"(?:\s+\([^()]{1,30}\))?(?:\s+[a-z]+ly)?\s*$")  # "(R-Ky.)", "quickly"
_NP_LEAD = frozenset("the a an his her their its this that".split())
_NP_EDGE = re.compile(r"(?:^|[.;:!?“”\"(),\n]|\b(?:and|but|that|who|which|while|when|as|so)\b)\s*$", re.IGNORECASE)


def verb_subject(text: str, spk: Speaker, linker: _Linker) -> Speaker | None:
    """When the words open a verb phrase ("issued a statement", "sent out an email to supporters"), the
    verb's subject right before them speaks: the name ending there ("Mitch McConnell (R-Ky.) issued"),
    else a noun phrase of at most five words back to a clause's edge ("his campaign sent out")."""
    words = spk.text.split()
    if not words or words[0] not in _VERB_LED:
        return None
    tail = _SUBJECT_TAIL.search(text, max(0, spk.start - 60), spk.start)
    end = tail.start() if tail is not None else spk.start
    if text[max(0, end - 1):end] == ",":
        return None  # "Chris Carr, the committee's political director, released": an apposition's end
    i = bisect_left(linker.starts, end)
    for m in linker.order[max(0, i - 3):i]:
        if m.end == end:
            return Speaker(m.entity, m.text, m.start, m.end) if linker.entities[m.entity].kind == "person" \
                else Speaker(None, m.text, m.start, m.end, org=m.entity)
    toks = list(re.finditer(r"[\w’'.\-]+", text[max(0, end - 80):end]))
    base = max(0, end - 80)
    for k in range(len(toks) - 1, max(-1, len(toks) - 6), -1):
        start = base + toks[k].start()
        if _NP_EDGE.search(text, max(0, start - 12), start) is None:
            continue
        np = text[start:end]
        lead = np.split()[0]
        if (lead.lower() in _NP_LEAD or lead[:1].isupper()) and lead.lower() not in ("and", "but", "who", "which") \
                and not source_words.after_subject(np.split()[-1]) and np.split()[-1].lower() not in _NP_LEAD:
            return Speaker(None, np, start, end)
        return None
    return None


def link(text: str, claims: list[Claim], entities: list[Entity], mentions: list[Mention]) -> int:
    """Tie each claim's source phrase to the entity it names, where it names one (see the module's
    doc); appends the organisations and mentions it makes. Returns how many claims it tied."""
    linker = _Linker(text, entities, mentions)
    tied = 0
    for c in sorted(claims, key=lambda c: c.start):
        spk = c.source
        if spk is None or spk.resolved or not spk.text.strip():
            continue
        trimmed = verb_subject(text, spk, linker) or noun_phrase(spk)
        if trimmed is not spk:
            c.source, c.speaker_text, spk = trimmed, trimmed.text, trimmed
            if trimmed.resolved:
                tied += 1
                continue
        new = linker.link(spk)
        if new is not None:
            c.source = new
            tied += 1
    return tied
