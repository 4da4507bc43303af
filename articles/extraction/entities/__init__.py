"""People and organisations: capitalised-phrase chunking, classification and in-article coreference."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from ..learned.tagger import Tagger, default_tagger
from ..lexicon import CAP_STOPWORDS, FEMALE_NAMES, HONORIFICS, MALE_NAMES, PERSON_PARTICLES, PLACES
from ..types import Block, Entity, KnownPerson, Mention
from .chunks import _TOKEN, chunk_block
from .classify import Classifier
from .firms import Firms
from .headline import Headline
from .organisations import Organisations
from .people import People
from .records import Chunk, _Ent
from .roles import Roles
from .tagging import TAG_ORDER, TaggerVote, _vote_key
from .words import (
    _INITIAL,
    _ORG_BY_KEY,
    ADDRESS_ROLES,
    PARTY_WORDS,
    PROGRAMME_WORDS,
    ROLE_NOUNS,
    ROLE_QUALIFIERS,
    ROLE_TITLES,
    _complete_name,
    _demonym,
    _first_name_gender,
    _gender_of_title,
    _honorific_surname,
    _norm,
    _person_like,
    _split_title,
)

__all__ = [
    "ADDRESS_ROLES", "PARTY_WORDS", "PROGRAMME_WORDS", "ROLE_NOUNS", "ROLE_QUALIFIERS", "ROLE_TITLES", "TAG_ORDER",
    "_INITIAL", "_ORG_BY_KEY", "_TOKEN", "Chunk", "EntityFinder", "Tagger", "_Ent", "_complete_name", "_demonym",
    "_first_name_gender", "_gender_of_title", "_honorific_surname", "_norm", "_person_like", "_split_title",
    "_vote_key", "chunk_block", "default_tagger",
]


class EntityFinder(TaggerVote, Classifier, People, Organisations, Roles, Headline, Firms):
    """Finds people and organisations in an article and resolves their mentions to entities."""

    def __init__(self, text: str, blocks, sentence_starts: set[int], published: date | None,
                 known: list[KnownPerson] | None = None, cue_positions: set[int] | None = None,
                 tagger: Tagger | None = None, headline: Block | None = None):
        self.text = text
        self.headline = headline  # the headline block: names the body gives are found in it too
        # The learned name tagger (person / organisation / place / other) decides what a name is
        # where the capitalisation rules would guess; without one the rules decide alone.
        self.tagger = tagger if tagger is not None else default_tagger()
        # Token start offset -> the tagger's tag ("PER", "ORG", "LOC", "O"), for the body blocks;
        # and per capitalised word, how often each tag was given to it in the article.
        self.tags: dict[int, str] = {}
        self.votes: dict[str, Counter[str]] = {}
        self.lower_words: set[str] = set()  # words the article writes in lower case
        self.tagged_surnames: set[str] = set()  # last words of names of two words or more tagged PER
        self.blocks = blocks
        # where each block opens: asked per word in capitals, a set keeps the question constant-time (#22)
        self.block_starts = frozenset(b.start for b in blocks)
        self.sentence_starts = sentence_starts
        self.published = published
        self.known = known or []
        self.cue_positions = cue_positions or set()
        self.people: list[_Ent] = []
        self.name_tails: set[tuple[str, ...]] = set()
        self.orgs: list[_Ent] = []
        self.org_index: dict[str, _Ent] = {}
        self.unknown: list[Chunk] = []
        self.programmes: set[str] = set()
        self.labels: dict[str, int] = {}  # transcript speaker labels ("WALLACE:") -> how many lines they open
        self.business_names: set[tuple[str, ...]] = set()  # names an apposition shows to be businesses
        self.affiliations: set[int] = set()  # where a name after "<person> of" starts
        self.firm_words: dict[str, bool] = {}  # a word -> whether it may name a firm alone (firms.py)
        self.firms: dict[str, _Ent] = {}  # a one-word name read as a firm's ("Nomura said") -> the firm

    def run(self):
        """Find the article's people and organisations and resolve every name's mentions."""
        text = self.text
        if self.tagger is not None:
            self._read_tags()
        chunks: list[Chunk] = []
        for b in self.blocks:
            chunks.extend(chunk_block(text, b.start, b.end, self.sentence_starts))
        chunks = [c for ch in chunks for c in self._split_dates_and_headings(ch)]
        chunks, of_pairs = self._split_of(self._split_and_by_tags(chunks))
        self.affiliations = {os_ for _ps, os_ in of_pairs}  # "Melissa Cronin of Gawker": Gawker's start
        # Names the article shows as programmes ("on CNBC's Squawk Box") are programmes throughout.
        self.programmes = {" ".join(ch.words) for ch in chunks
                           if self._ON_OWNED.search(text, max(0, ch.start - 60), ch.start)}
        # Pass 1: full names first, so short forms anywhere in the text find them.
        classified = self._described_names([(ch, *self.classify(ch)) for ch in chunks])
        # A name one mention's apposition shows to be a business is one at every mention.
        classified = [(ch, "org", [], name) if kind in ("person", "unknown") and tuple(name) in self.business_names
                      else (ch, kind, title, name) for ch, kind, title, name in classified]
        self._full_names(classified)
        # Surnames that speak alone somewhere ("Limbaugh added:") make their full form a person
        # wherever it stands ("Rush Limbaugh spoke on his show").
        self.speaking_surnames = {name[0] for ch, kind, _t, name in classified
                                  if kind == "unknown" and len(name) == 1 and self._speaks(ch)}
        # Pass 2: every chunk in order, resolved to an entity.
        self.mentions: list[tuple[int, int, str, _Ent]] = []
        self._resolve(classified)
        self._roles()
        self._role_mentions()
        self._descriptor_kinds()
        self._of_affiliations(of_pairs)
        self._headline(self.headline)
        self._place_police()
        self.mentions.sort(key=lambda m: m[0])
        self._pronoun_genders()

    # Weekdays: "Saturday" and "Sunday" also name programmes ("Fox News Sunday"), read elsewhere.
    _WEEKDAYS = frozenset("Monday Tuesday Wednesday Thursday Friday".split())

    def _split_dates_and_headings(self, ch: Chunk) -> list[Chunk]:
        """A run of capitalised words as the names in it, without what only sits next to them: a
        weekday after a name is the date of what the sentence tells ("told CNN Tuesday", "said
        Clinton Friday"), no word of the name, where the word before it is a name's to the tagger or a
        known organisation's, or a known first name ("Morning Joe Monday"; "Super Tuesday", "Black Friday" stay whole); a heading in
        capitals before a name ("PARTY SPLITS OVER BUDGET The Senate") is no part of it, nor a name."""
        w = ch.words
        if len(w) >= 2 and w[-1] in self._WEEKDAYS and self.tags and self.tags.get(ch.starts[-1], "O") == "O" and (
                self.tags.get(ch.starts[-2], "O") in ("PER", "ORG") or self._known_org(w[-2:-1])
                or w[-2] in MALE_NAMES or w[-2] in FEMALE_NAMES) and not self._weekday_surname(w):
            ch = Chunk(w[:-1], ch.starts[:-1], ch.ends[:-1], ch.sentence_initial, ch.the, False)
            w = ch.words
        # Two words in capitals or more, then a word in lower case letters: a heading, then the text.
        k = next((i for i in range(2, len(w)) if w[i][:1].isupper() and not w[i].isupper()
                  and all(x.isupper() and len(x.rstrip(".")) > 1 for x in w[:i])), 0)
        if k and (k == 2 or self._ordinary_capitals(w[:k]) >= 2):
            # A heading of three words or more is a sentence, no name ("DEBBIE WASSERMAN SCHULTZ RESIGNS").
            head = [Chunk(w[:k], ch.starts[:k], ch.ends[:k], ch.sentence_initial, ch.the, False)] if k == 2 else []
            return head + [Chunk(w[k:], ch.starts[k:], ch.ends[k:], False, False, ch.possessive)]
        return [ch]

    @staticmethod
    def _weekday_surname(w: list[str]) -> bool:
        """A first name that opens the name (nothing but a title before it), then a weekday: a person
        whose family name is the weekday ("Peter Friday, a farmer, said"; "Rick Monday"), not a date.
        After a longer name the first name ends it and the weekday is the date ("Morning Joe Monday")."""
        return (w[-2] in MALE_NAMES or w[-2] in FEMALE_NAMES) and all(_norm(x) in HONORIFICS for x in w[:-2])

    def _ordinary_capitals(self, words: list[str]) -> int:
        """How many of the words in capitals are ordinary words (written in lower case in the article,
        or words to the tagger): a heading's are ("FARMERS PROTEST NEW RULES"), an organisation's
        acronyms are not ("US DOD IG Office", "UK MOD DE&S")."""
        return sum(w.lower() in self.lower_words or (self.tagger is not None and self.tagger.tagdict.get(w.lower()) == "O")
                   for w in words)

    # "Tulsa police", "New York City police": a place's name before "police" (in lower case).
    _PLACE_POLICE = re.compile(r"\b((?:[A-Z][a-z]+\s+){1,3})police\b")

    def _place_police(self) -> None:
        """"Tulsa police" is the police of Tulsa: an organisation ("Tulsa Police"), one per place,
        where the words before "police" are a place the tagger or the places list knows."""
        taken = {(s, e) for s, e, _t, _ent in self.mentions}
        for b in self.blocks:
            for m in self._PLACE_POLICE.finditer(self.text, b.start, b.end):
                place = m.group(1).split()
                s = m.start(1)
                if " ".join(place).lower() not in PLACES and not self._place_words(place, s):
                    continue
                if any(ms < m.end() and s < me for ms, me in taken):
                    continue  # inside a name already found ("Springfield Police Department")
                ent = self._org(" ".join(place) + " Police", "government", self.text[s:m.end()])
                ent.mentions.append((s, m.end(), self.text[s:m.end()]))
                self.mentions.append((s, m.end(), self.text[s:m.end()], ent))

    def _place_words(self, words: list[str], start: int) -> bool:
        """Whether capitalised words may be a place's name: tagged a place here, or no ordinary word
        (one the article writes in lower case or the tagger knows as always other), no people."""
        if self.tags.get(start, "O") == "LOC":
            return True
        return not any(w.lower() in self.lower_words or (self.tagger is not None and self.tagger.tagdict.get(w.lower()) == "O")
                       or w in CAP_STOPWORDS or _demonym(w) or w in PARTY_WORDS for w in words)

    def _full_names(self, classified: list[tuple[Chunk, str, list[str], list[str]]]) -> None:
        """Pass 1: a person for every full name (two words or more) not matching one seen before."""
        for ch, kind, title, name in classified:
            if kind == "person" and len(name) >= 2 and name[0].lower() not in PERSON_PARTICLES:
                g = _gender_of_title(title) or _first_name_gender(name[0])
                if self._match_person(name, g, title, ch.start) is None:
                    self._add_person(name, g)

    def _resolve(self, classified: list[tuple[Chunk, str, list[str], list[str]]]) -> None:
        """Pass 2: every chunk in order, resolved to an entity (or to none)."""
        text = self.text
        for ch, kind, title, name in classified:
            if kind == "person":
                self._person_mention(ch, title, name)
            elif kind == "org":
                ent = self._org_for(name, ch.the)
                s = ch.starts[len(ch.words) - len(name)]
                self.mentions.append((s, ch.end, text[s:ch.end], ent))
                ent.mentions.append((s, ch.end, text[s:ch.end]))
            elif kind == "unknown":
                self.unknown.append(ch)
                self._unknown_mention(ch, name)
            elif kind == "neutral" and self._tagged_surname(ch, name):
                self._person_mention(ch, [], name)

    def _tagged_surname(self, ch: Chunk, name: list[str]) -> bool:
        """A word the head rules read as ordinary or a demonym ("Fields", "Cuban", "Day") is a
        person's surname where the article names that person in full ("Michelle Fields", "Mark
        Cuban") and the tagger tags the word a person's here or tagged that full name one."""
        if len(name) != 1 or not name[0][:1].isupper() or name[0].isupper() or not self.tags:
            return False
        if self.tags.get(ch.starts[len(ch.words) - 1], "O") != "PER" and _vote_key(name[0]) not in self.tagged_surnames:
            return False  # (a surname opening a sentence is often left untagged: see _check_person)
        return any(len(p.name_words) >= 2 and p.name_words[-1] == name[0] for p in self.people)

    # -- output -------------------------------------------------------------------------
    def result(self) -> tuple[list[Entity], list[Mention], dict[int, int]]:
        """Entities with at least one mention, their mentions, and a map id(_Ent) -> index."""
        ents: list[Entity] = []
        index: dict[int, int] = {}
        for e in self.people + self.orgs:
            if not e.mentions:
                continue
            index[id(e)] = len(ents)
            aliases = []
            for a in e.aliases:
                if a not in aliases:
                    aliases.append(a)
            ents.append(Entity(kind=e.kind, name=e.name, aliases=aliases, gender=e.gender,
                               org_kind=e.org_kind, roles=list(e.roles)))
        mentions = [Mention(text=t, start=s, end=en, entity=index[id(e)])
                    for s, en, t, e in self.mentions if id(e) in index]
        return ents, mentions, index
