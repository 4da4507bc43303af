"""Firms filed as people: a one-word name the tagger reads as an organisation's across the article
("Forbes says it tracks ...", "Nomura said ..."), or the first word of a name it tags an
organisation's ("Peabody Energy ... Peabody said"), is the organisation, never a person (issue #22)."""
from __future__ import annotations

import re
from collections import Counter

from ..lexicon import CUE_LEMMA, FEMALE_NAMES, HONORIFICS, MALE_NAMES, OBJECT_CUES
from .records import Chunk, _Ent
from .tagging import _vote_key
from .words import PARTY_WORDS, ROLE_NOUNS, ROLE_TITLES, _demonym, _norm

# One capitalised word after a name's first word, and no other after it: a firm's name of two words
# ("Peabody Energy", "Drudge Report"); longer runs are as often a title's words ("Hayek Described Her ...").
_ONE_WORD_AFTER = re.compile(r"[ \u00a0]([A-Z][\w&\-]*)(?![\w&\-]|[ \u00a0][A-Z])")
# The capitalised word (a first name, a title) before a word, past a middle initial.
_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+\.?)\s+(?:[A-Z]\.\s+)?$")
# What a clause's subject stands after: the text's or a sentence's start, a comma or other mark, a
# conjunction, and "the" ("..., Nomura cut", "and the Kessington group"); not a verb or a preposition
# ("met with Goodell, which ...": an object, and the "which" may be about the event).
_CLAUSE_OPEN = re.compile(r"(?:^|[.!?:;,(\[\-–—“\"‘']\s*|\n\s*|\b(?:and|but|or|while|as|because|after|when|though|although|"
                          r"since|if|whereas)\s+)(?:[Tt]he\s+)?$")
# Verbs after which "its" is not the subject's own: a verb judging another party ("Warren criticized its
# lending record", "blamed its managers": the OBJECT_CUES with "for", and "accuse"), or a verb of saying
# opening a clause of its own ("Jo Hale said its debts ...": the "its" is in the reported clause).
_OTHERS_VERBS = frozenset(v for v, prep in OBJECT_CUES.items() if prep == "for") | frozenset(
    "accuse say tell add argue claim insist note contend assert allege suggest believe think".split())


class Firms:
    """The firm side of the entity finder (a mixin of EntityFinder: reads self.tags, self.votes,
    self.lower_words, self.tagged_surnames, self.tagger and self.text; fills self.firms, a firm's
    one word -> its record, and self.firm_words, a word -> whether it may be a firm's)."""

    def _firm_word(self, word: str) -> bool:
        """Whether one capitalised word may be a firm's name alone: no known first name, no word in
        capitals (acronyms are read elsewhere), no ordinary word (written in lower case in the article,
        or always other to the tagger), and never a person's surname in the article: not the last
        word of a name the tagger tags a person's, not written after a known first name or a title."""
        key = _vote_key(word)
        if key not in self.firm_words:
            self.firm_words[key] = self._firm_word_uncached(key)  # once per word: the article is read whole
        return self.firm_words[key]

    def _firm_word_uncached(self, key: str) -> bool:
        if not key.isalpha() or key.isupper() or key in MALE_NAMES or key in FEMALE_NAMES:
            return False
        if key.lower() in self.lower_words or self.tagger.tagdict.get(key.lower()) == "O" or key in self.tagged_surnames:
            return False
        if key in PARTY_WORDS or _demonym(key):
            return False  # "Republican", "Cuban": a party's or a people's word
        for m in re.finditer(r"\b" + re.escape(key) + r"\b", self.text):
            prev = _WORD_BEFORE.search(self.text, max(0, m.start() - 30), m.start())
            if prev and (prev.group(1) in MALE_NAMES or prev.group(1) in FEMALE_NAMES or _norm(prev.group(1)) in HONORIFICS
                         or _norm(prev.group(1)) in ROLE_TITLES or _norm(prev.group(1)) in ROLE_NOUNS):
                return False  # "Jane Nomura", "Mr. Nomura", "President Obama": someone's surname
        return True

    def _read_as_firm(self, ch: Chunk, title: list[str], name: list[str]) -> bool:
        """A one-word name, with no title, tagged a person's here, that the tagger tags an
        organisation's more often than a person's across the article, twice at least ("Forbes
        magazine ... Forbes says it tracks"): an organisation, as at its other mentions."""
        if len(name) != 1 or title or not self.tags or self._name_tags(ch, name) != ["PER"]:
            return False
        votes = self.votes.get(_vote_key(name[0]), Counter())
        return votes["ORG"] >= 2 and votes["ORG"] > votes["PER"] and self._firm_word(name[0])

    def _firm_opening(self, word: str) -> list[str] | None:
        """The name of two words a one-word name opens where the tagger tags both an organisation's
        ("Peabody Energy" for "Peabody", "Nomura Holdings" for "Nomura"), when the word is a firm's
        word; None otherwise."""
        if not self.tags or not self._firm_word(word):
            return None
        for m in re.finditer(r"\b" + re.escape(word) + r"\b", self.text):
            nxt = _ONE_WORD_AFTER.match(self.text, m.end())
            if nxt is not None and self.tags.get(m.start(), "O") == "ORG" and self.tags.get(nxt.start(1), "O") == "ORG" \
                    and nxt.group(1) not in MALE_NAMES and nxt.group(1) not in FEMALE_NAMES:
                return [word, nxt.group(1)]
        return None

    def _neuter_subject(self, word: str) -> bool:
        """A name the article makes the subject of "its" ("Nomura cut its forecast", "Peabody kept its
        mines") or the antecedent of "which" ("McClatchy, which owns ..."): a thing, a firm, no person.
        The name opens its clause (no object of a verb or a preposition: "met with Goodell, which
        surprised fans"), and "its" is the object's of the name's own verb (not after a verb acting on
        another party or opening a reported clause: "Warren criticized its lending record")."""
        w = re.escape(word)
        for m in re.finditer(r"\b" + w + r"(?:\s+([a-z]+)\s+its\b|,\s+which\b)", self.text):
            if not _CLAUSE_OPEN.search(self.text, max(0, m.start() - 30), m.start()):
                continue
            if m.group(1) is None or CUE_LEMMA.get(m.group(1), m.group(1)) not in _OTHERS_VERBS:
                return True
        return False

    def _firm_short_form(self, ch: Chunk, name: list[str]) -> _Ent | None:
        """A one-word name the article writes as the first word of a firm's name, or as the subject of
        "its": that firm."""
        if len(name) != 1:
            return None
        full = self._firm_opening(name[0])
        if full is not None:
            ent = self._org_for(full, False)
        elif self._neuter_subject(name[0]) and self._firm_word(name[0]):
            ent = self._org_for(name, ch.the)
        else:
            return None
        self.firms[name[0]] = ent  # its later mentions too
        return ent
