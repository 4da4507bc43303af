"""Classification of a chunk: person, organisation, neutral (places, roles, programmes) or unknown."""
from __future__ import annotations

import re

from ..lexicon import (
    DEMONYMS,
    FEMALE_NAMES,
    HONORIFICS,
    MALE_NAMES,
    MONTH_NAMES,
    NEUTRAL_HEADS,
    ORG_HEADS,
    PLACES,
)
from .chunks import _strip_leading
from .records import Chunk
from .words import (
    _DESCRIPTOR_BEFORE,
    _INITIAL,
    _SPOKESMAN_FOR,
    PROGRAMME_WORDS,
    ROLE_NOUNS,
    ROLE_QUALIFIERS,
    ROLE_TITLES,
    _demonym,
    _honorific_surname,
    _norm,
    _split_title,
)


class Classifier:
    """The rules' reading of a chunk, checked against the tagger's (a mixin of EntityFinder)."""

    def classify(self, ch: Chunk) -> tuple[str, list[str], list[str]]:
        """("person"|"org"|"neutral"|"unknown", title words, name words): the rules' reading,
        checked against the learned tagger's where one is loaded."""
        words = _strip_leading(ch)
        if not words:
            return "neutral", [], []
        label = self._speaker_label(ch, words)
        if label is not None:
            return label
        if self.tags:
            words = self._strip_untagged(ch, words)
        if all(_INITIAL.fullmatch(w) or (len(w) == 1 and w.isupper()) for w in words) and len(words) >= 2:
            # Initials alone are an acronym written with dots ("E. P. A."), no one's name; a place's
            # ("U. S.", "D. C.") names nobody.
            here = self._name_tags(ch, words)
            return ("neutral" if here.count("LOC") * 2 > len(here) else "org"), [], words
        kind, title, name = self._classify_rules(ch, words)
        if kind in ("person", "unknown") and " ".join(name) in self.programmes:
            return "neutral", [], name  # "on CNBC's Squawk Box", "on ABC's This Week": a programme
        if self.tags and kind in ("person", "unknown"):
            return self._check_person(ch, kind, title, name)
        return kind, title, name

    # "on <name>'s" just before a name: one appears on a programme, a day or a place that someone
    # owns, never on a person (in the 840 training articles: programmes, holidays, districts, laws).
    _ON_OWNED = re.compile(r"\bon\s+(?:[A-Z][\w.&\-]*\s+){0,3}[A-Z][\w.&\-]*[’']s\s+$")

    # A block opening with a name in capitals and a colon ("PENCE: Well, look, ...") is a transcript.
    _LABEL_END = re.compile(r":\s")

    def _speaker_label(self, ch: Chunk, words: list[str]) -> tuple[str, list[str], list[str]] | None:
        """A transcript's speaker label names the person of that surname the article names, else
        nobody; never an organisation. None when the chunk is no label."""
        if not all(w.isupper() and w.isalpha() for w in words) or not self._LABEL_END.match(self.text, ch.end):
            return None
        if not any(ch.start == b.start or (ch.start == b.start + 1 and self.text[b.start] in "“\"")
                   for b in self.blocks):
            return None
        if self._known_org(words):
            return None  # "NATO: ..." is the organisation's statement
        if all(len(w) == 1 or _norm(w) in ROLE_NOUNS or _norm(w) in ROLE_TITLES or (
                self.tags and self.tagger.tagdict.get(w.lower()) == "O") for w in words):
            # "Q:", "MODERATOR:", "AUDIENCE MEMBER:": a letter, a role or a word, no one's name
            return "neutral", [], words
        # The person of that surname, when the article names one; a label that opens two lines
        # or more of a transcript is a person's even when the article names no one else so.
        name = [w.capitalize() for w in words]
        self.labels[" ".join(name)] = self.labels.get(" ".join(name), 0) + 1
        return "person", [], name

    def _classify_rules(self, ch: Chunk, words: list[str]) -> tuple[str, list[str], list[str]]:
        """The capitalisation and lexicon rules' reading of a chunk's words: the first of the rule
        groups below, in this order, that decides; "unknown" when none does."""
        for rules in (self._rules_roles_and_known, self._rules_title, self._rules_heads, self._rules_names_and_context):
            reading = rules(ch, words)
            if reading is not None:
                return reading
        return "unknown", [], words

    def _rules_roles_and_known(self, ch: Chunk, words: list[str]) -> tuple[str, list[str], list[str]] | None:
        """Roles alone, programmes and known organisations."""
        if _honorific_surname(words):
            return "person", words[:1], words[1:]
        if all(_norm(w) in ROLE_TITLES or _norm(w) in ROLE_NOUNS or _norm(w) in HONORIFICS for w in words):
            return "neutral", [], words  # a role alone ("the Defence Secretary") names no one by itself
        if len(words) >= 2 and _norm(words[-1]) in ROLE_NOUNS and all(
                _norm(w) in ROLE_TITLES or _norm(w) in ROLE_QUALIFIERS for w in words[:-1]):
            return "neutral", [], words  # "House Speaker", "Senate Majority Leader", "White House Press Secretary"
        if len(words) >= 2 and words[-1] in PROGRAMME_WORDS and (
                self._known_org(words[:-1]) or self._known_org(words[:1]) or words[-2] in ORG_HEADS):
            return "neutral", [], words  # a programme: "Fox News Sunday", "CBS This Morning", "BBC Newsnight"
        known = self._known_org(words)
        if known:
            return "org", [], words
        if len(words) > 1 and self._known_org(words[:1]) and words[0].isupper():
            return "org", [], words  # "BBC One", "CNN International"
        return None

    def _rules_title(self, ch: Chunk, words: list[str]) -> tuple[str, list[str], list[str]] | None:
        """A title or role before a name: a person, unless what follows is an organisation or place."""
        title, name = _split_title(words)
        if title and name and all(_norm(w) in HONORIFICS or _norm(w) in ROLE_NOUNS or _norm(w) in ROLE_TITLES
                                  for w in name):
            return "neutral", [], words
        if title and name:
            if any(_norm(w) in HONORIFICS for w in title) or any(_norm(w) in ROLE_NOUNS for w in title):
                lname = " ".join(name).lower()
                if len(name) == 1 and name[-1] in ORG_HEADS and not ch.possessive:
                    return "org", [], words  # "Justice Department", "Defense Ministry"
                if lname in PLACES or name[-1] in NEUTRAL_HEADS or name[-1] in ORG_HEADS:
                    return "neutral", [], words
                return "person", title, name
        return None

    def _rules_heads(self, ch: Chunk, words: list[str]) -> tuple[str, list[str], list[str]] | None:
        """Places, demonyms, organisation and neutral head words, laws and creeds, months."""
        low = " ".join(words).lower().rstrip(".")
        if low in PLACES or low.replace("the ", "") in PLACES:
            return "neutral", [], words
        if all(_demonym(w) for w in words):
            return "neutral", [], words
        if len(words) >= 3 and words[0] in ORG_HEADS and words[1] == "of" and words[0] not in ("Post", "Times", "Star", "Sun"):
            return "org", [], words  # "Association of Flight Attendants", "Department of Justice"
        if words[-1] in ORG_HEADS and not (len(words) == 1 and words[0] in ("Sun", "Star", "Post", "Mail",
                                                                            "Independent", "Express", "Standard", "Mirror", "Times", "Daily")):
            if len(words) == 1 and not ch.the:
                return "neutral", [], words
            return "org", [], words
        if words[-1] in NEUTRAL_HEADS:
            return "neutral", [], words
        if len(words) == 1 and re.search(r"(?:care|gate|ism|ists?|ites?)$", words[0]) and words[0] not in MALE_NAMES \
                and words[0] not in FEMALE_NAMES:
            return "neutral", [], words  # "Obamacare", "Pizzagate", "Trumpism": a law, scandal or creed
        if words[0].lower() in MONTH_NAMES or all(w.lower() in MONTH_NAMES for w in words):
            return "neutral", [], words
        if len(words) >= 2 and words[0] in DEMONYMS and words[-1] in ORG_HEADS:
            return "org", [], words
        return None

    def _rules_names_and_context(self, ch: Chunk, words: list[str]) -> tuple[str, list[str], list[str]] | None:
        """First names and initials make people; acronyms, descriptors and spokesmen make organisations."""
        # "Rival Hillary Clinton", "Republican Donald Trump": a descriptive word before a first name.
        for k in range(1, len(words) - 1):
            if (words[k] in MALE_NAMES or words[k] in FEMALE_NAMES) and words[k + 1][:1].isupper() \
                    and not any(w in ORG_HEADS or w.lower() in PLACES for w in words[k:]):
                return "person", words[:k], words[k:]
        if len(words) >= 2 and (words[0] in MALE_NAMES or words[0] in FEMALE_NAMES):
            if not any(w.lower() in PLACES for w in words[1:2]):
                return "person", [], words
        if len(words) >= 2 and re.fullmatch(r"[A-Z]\.", words[1]) and len(words) >= 3:
            return "person", [], words  # "George W. Bush"
        if len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 6 and words[0].isalpha():
            if self._shouted(ch, words[0]):
                return "neutral", [], words
            return "org", [], words
        if _DESCRIPTOR_BEFORE.search(self.text[max(0, ch.start - 50):ch.start]):
            return "org", [], words  # "the charity Oxfam", "the think tank Chatham House"
        if _SPOKESMAN_FOR.search(self.text[max(0, ch.start - 40):ch.start]) and not any(
                w.lower() in PLACES for w in words[:1]):
            return "org", [], words  # "a spokesman for NHS England": a body has spokesmen
        return None

    def _shouted(self, ch: Chunk, word: str) -> bool:
        """A word in capitals that is no acronym: an ordinary word shouted ("WHAT?", "ALL of them"),
        which the tagger's dictionary knows as always other in lower case, or a place ("FLINT,
        Mich."), which the tagger tags as one here."""
        if not self.tags:
            return False
        here = self.tags.get(ch.starts[len(ch.words) - 1], "O")
        return here == "LOC" or (here == "O" and self.tagger.tagdict.get(word.lower()) == "O")
