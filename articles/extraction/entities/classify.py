"""Classification of a chunk: person, organisation, neutral (places, roles, programmes) or unknown."""
from __future__ import annotations

import re

from ..lexicon import (
    AP_STATES,
    DEMONYMS,
    FEMALE_NAMES,
    HONORIFICS,
    MALE_NAMES,
    MONTH_NAMES,
    NEUTRAL_HEADS,
    NOT_ACRONYMS,
    ORG_HEADS,
    PLACES,
    PURE_HONORIFICS,
    STATE_CODES,
)
from .chunks import _strip_leading
from .records import Chunk
from .words import (
    _DESCRIPTOR_BEFORE,
    _INITIAL,
    _SPOKESMAN_FOR,
    DOTTED_TITLES,
    MEMBERS_WORDS,
    PARTY_WORDS,
    PROGRAMME_WORDS,
    ROLE_NOUNS,
    ROLE_QUALIFIERS,
    ROLE_TITLES,
    _demonym,
    _honorific_surname,
    _norm,
    _split_title,
    members_keep_whole,
)

# A party's letter and a state or district after a member's name: "(D-Newport News)", "(R-Texas)".
_PARTY_STATE = re.compile(r"[DRI][\-–][A-Z]")
# Where such a label stands: in brackets or between commas right after the name. Elsewhere the same
# shape is a name ("D-Wave Systems sold ...", "shares of D-Wave").
_AFTER_NAME = re.compile(r"[(,][ \t]*$")

_EXECUTIVES = frozenset("ceo cfo coo cto chief founder co-founder".split())

# A town's state after it ("Berea, OH said", "Hilo, HI,"): a comma, a state's code, no word in capitals after.
_STATE_AFTER = re.compile(r",[ \t]*(?:" + "|".join(sorted(STATE_CODES)) + r")(?=[,.;:)]|[ \t]+[a-z(]|[ \t]*$)", re.M)
# A comma and one or two capitalised words, a postal code or an abbreviation with dots after a name.
_REGION_AFTER = re.compile(r",[ \t]*([A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?\b\.?|[A-Z]\.(?:[A-Z]\.)+|[A-Z]{2}\b)(?![’'\w])")
_PLACE_COMMA = re.compile(r"\b[A-Z][a-z]+,[ \t]*$")

# The outlets' and courts' head words people bear as surnames ("Bill Press", "Anita Hill", "Jane Sun"): a
# first name before any other ("Austin Chronicle", "Lincoln Journal", "Tyler Courier") is its town's.
_SURNAME_HEADS = frozenset("Bloomberg Court Hill Post Press Star Sun Slate Herald Daily Courier Standard".split())
# Place heads people bear as surnames ("Lisa Park", "Tom Field", "Ann Lake"): a known first name the tagger
# tags a person's before one is a person's name, not a place's ("Lincoln Park", "Hyde Park").
_SURNAME_PLACE_HEADS = frozenset("Park Field Lake Hall".split())

# A company's designator written as initials with dots after its name ("L.P.", "L.L.C.", "N.V.").
_DOTTED_DESIGNATORS = frozenset("LP LLC LLP NV SA AG PC BV PLC".split())

# Head words of bodies that take a complement inside the name ("X Institute for Y", "X School of Y"),
# the name a person's before them: no newspaper heads ("Washington Post of ...").
_HEADS_WITH_COMPLEMENT = frozenset(h for h, kind in ORG_HEADS.items() if kind in ("education", "ngo", "government", "international"))


# An ampersand inside a word makes a firm's name only with more than one letter on a side ("AT&T",
# "PG&E"): a letter on each side is as often a common abbreviation ("R&D", "Q&A", "M&A") as a firm.
_FIRM_AMPERSAND = re.compile(r"\w{2,}&\w+|\w+&\w{2,}")


class Classifier:
    """The rules' reading of a chunk, checked against the tagger's (a mixin of EntityFinder)."""

    def classify(self, ch: Chunk) -> tuple[str, list[str], list[str]]:
        """("person"|"org"|"neutral"|"unknown", title words, name words): the rules' reading,
        checked against the learned tagger's where one is loaded."""
        words = _strip_leading(ch, self.text)
        if not words:
            return "neutral", [], []
        label = self._speaker_label(ch, words)
        if label is not None:
            return label
        if self._no_name(ch, words):
            return "neutral", [], words
        if self.tags:
            words = self._strip_untagged(ch, words)
            words = self._members_qualifiers(words)
        if all(_INITIAL.fullmatch(w) or (len(w) == 1 and w.isupper()) for w in words) and len(words) >= 2:
            # Initials alone are an acronym written with dots ("E. P. A."), no one's name; a place's
            # ("U. S.", "D. C.") names nobody.
            here = self._name_tags(ch, words)
            return ("neutral" if here.count("LOC") * 2 > len(here) else "org"), [], words
        kind, title, name = self._classify_rules(ch, words)
        if kind == "neutral" and self.tags:
            kind, title, name = self._tagged_full_name(ch, words, kind, title, name)
        if kind in ("person", "unknown") and " ".join(name) in self.programmes:
            return "neutral", [], name  # "on CNBC's Squawk Box", "on ABC's This Week": a programme
        context = self._context_reading(ch, kind, name)
        if context is not None:
            return context
        if self.tags and kind in ("person", "unknown"):
            kind, title, name = self._tagger_reading(ch, kind, title, name)
        return self._title_words(ch, kind, title, name)

    def _tagger_reading(self, ch: Chunk, kind: str, title: list[str], name: list[str]) -> tuple[str, list[str], list[str]]:
        """A person's or an unknown name checked against the tagger: a firm's word ("Forbes says it"
        where one mention is tagged a person's), the tagger's reading, a name in a quoted title."""
        if self._read_as_firm(ch, title, name):
            return "org", [], name  # "Forbes magazine ... Forbes says it": the article's vote outweighs one mention
        if len(name) == len(ch.words) and re.search(r"\b(?:of|from)\s+$", self.text[max(0, ch.start - 6):ch.start]) \
                and self._region_after(ch.end):
            return "neutral", [], name  # "Smith, of Des Moines, Iowa, said": a town, in its state
        if ch.start in self.affiliations and len(name) == len(ch.words) and not self._surname_here(name) and not any(
                w.lower() in self.lower_words or self.tagger.tagdict.get(w.lower()) == "O" for w in name):
            # "Melissa Cronin of Gawker": what a person is "of" is their employer, or their place
            # ("Bernie Sanders of Vermont"), never another person (nor an ordinary word: "House of Delegates").
            place = " ".join(name).lower() in PLACES or "LOC" in self._name_tags(ch, name) or self._reading(name) == "LOC" \
                or self._region_after(ch.end)  # "Kai Akana of Hilo, HI", "John Roe of Ames, Iowa"
            return ("neutral" if place else "org"), [], name
        kind, title, name = self._check_person(ch, kind, title, name)
        if kind in ("person", "unknown") and self._in_quoted_title(ch):
            kind, title, name = self._person_in_title(ch, kind, title, name)
        return kind, title, name

    def _person_in_title(self, ch: Chunk, kind: str, title: list[str], name: list[str]) -> tuple[str, list[str], list[str]]:
        """A name in a quoted title in title case runs on into the title's words ("Paul Ryan Joins
        Growing List of ...", "Mr. Sanders Is Not a ...", "... Conservatives Rebuking Trump as He"): the
        person is the words the tagger tags a person's there (the first run of them); none, nobody."""
        tags = self._name_tags(ch, name)
        k = next((i for i, t in enumerate(tags) if t == "PER"), None)
        if k is None:
            return "neutral", [], name
        j = k
        while j < len(tags) and tags[j] == "PER":
            j += 1
        if k == 0 and j == len(name):
            return kind, title, name
        return kind, (title if k == 0 else []), name[k:j]

    def _title_words(self, ch: Chunk, kind: str, title: list[str], name: list[str]) -> tuple[str, list[str], list[str]]:
        """An organisation read from words of a quoted title (''Make Your Kid a Millionaire'') is none;
        a head word ("Institute") or a known name keeps it."""
        if kind == "org" and name[-1] not in ORG_HEADS and not self._known_org(name) and self._in_quoted_title(ch):
            return "neutral", [], name
        if kind == "org" and name and name[0].islower():
            # What a title leaves of "Head of Research at Acme", "Director of Policy": a department of
            # the employer named after it, no organisation of its own (a name opens capitalised).
            return "neutral", title, name
        return kind, title, name

    # A quotation around a name: an opening mark (after a space, a colon or the block's start),
    # then no closing mark before the name, and a closing mark after it.
    _QUOTE_OPEN = re.compile(r"(?:^|(?<=[\s(:]))(?:“|''|\")([^“”\"\n]{0,100})$")
    _QUOTE_CLOSE = re.compile(r"([^“”\"\n]{0,100}?)(?:”|''|\")")
    _TITLE_SMALL = frozenset("a an the to of or and in on for with at from by as nor but vs".split())

    def _in_quoted_title(self, ch: Chunk) -> bool:
        """Whether a name stands in a quoted title, one in title case with a small word in lower case
        outside the name ("How Societies Choose to Fail", "Make Your Kid a Millionaire"): the title of
        a book, a film or an article, whose capitals make no name."""
        before = self._QUOTE_OPEN.search(self.text, max(0, ch.start - 100), ch.start)
        after = self._QUOTE_CLOSE.match(self.text, ch.end, ch.end + 100)
        if not before or not after or "''" in before.group(1):
            return False
        outside = (before.group(1) + " " + after.group(1)).split()
        words = [w.strip(".,:;!?") for w in outside]
        words = [w for w in words if w]
        return any(w in self._TITLE_SMALL for w in words) and all(
            w in self._TITLE_SMALL or w[:1].isupper() or not w[:1].isalpha() for w in words)

    def _no_name(self, ch: Chunk, words: list[str]) -> bool:
        """Capitalised words that are no one's name: a member's party and state ("(D-Newport News)",
        "(R-Texas)"), or a heading in capitals with ordinary words in it ("TALIBAN CLOSING RANKS
        AROUND NEW LEADER"; "NATO", "UNITED NATIONS" are names)."""
        if _PARTY_STATE.match(words[0]) and words[0] == ch.words[0] \
                and _AFTER_NAME.search(self.text, max(0, ch.start - 3), ch.start):
            return True
        return len(words) >= 3 and all(w.isupper() for w in words) and bool(self.tags) \
            and not self._known_org(words) and sum(self.tagger.tagdict.get(w.lower()) == "O"
                                                   or w.lower() in self.lower_words for w in words) >= 2

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
        if not (ch.start in self.block_starts
                or (ch.start - 1 in self.block_starts and self.text[ch.start - 1] in "“\"")):
            return None
        if self._known_org(words):
            return None  # "NATO: ..." is the organisation's statement
        if " ".join(words).lower() in PLACES and ch.start == min(
                (b.start for b in self.blocks if b.kind == "paragraph"), default=-1):
            return "neutral", [], words  # "NEW DELHI: ..." opening the story: its dateline, no speaker
        if all(len(w) == 1 or _norm(w) in ROLE_NOUNS or _norm(w) in ROLE_TITLES or (
                self.tags and self.tagger.tagdict.get(w.lower()) == "O") for w in words):
            # "Q:", "MODERATOR:", "AUDIENCE MEMBER:": a letter, a role or a word, no one's name
            return "neutral", [], words
        # The person of that surname, when the article names one; a label that opens two lines
        # or more of a transcript is a person's even when the article names no one else so.
        name = [w.capitalize() for w in words]
        self.labels[" ".join(name)] = self.labels.get(" ".join(name), 0) + 1
        return "person", [], name

    def _tagged_full_name(self, ch: Chunk, words: list[str], kind: str, title: list[str],
                          name: list[str]) -> tuple[str, list[str], list[str]]:
        """A first name and a surname the head rules read as an ordinary word ("Kristen Day", "Gov.
        Jane Fields", "John Deal") are a person's name where the tagger tags every word of it a
        person's here and the first name is a known one: the name outweighs the surname's other sense."""
        t, rest = _split_title(words)
        if not t:
            rest = words
        if len(rest) < 2 or len(rest) > 3 or not rest[0][:1].isupper():
            return kind, title, name
        if not (rest[0] in MALE_NAMES or rest[0] in FEMALE_NAMES):
            return kind, title, name  # ("Bagram Airfield" may be tagged a person's: no first name)
        if any(w.lower() in PLACES or w in ORG_HEADS or w in PROGRAMME_WORDS for w in rest):
            return kind, title, name
        tags = [self.tags.get(s, "O") for s in ch.starts[len(ch.words) - len(rest):]]
        if all(tag == "PER" for tag in tags):
            return "person", (t if t else []), rest
        return kind, title, name

    def _classify_rules(self, ch: Chunk, words: list[str]) -> tuple[str, list[str], list[str]]:
        """The capitalisation and lexicon rules' reading of a chunk's words: the first of the rule
        groups below, in this order, that decides; "unknown" when none does."""
        if any(w == "&" or _FIRM_AMPERSAND.fullmatch(w) for w in words) and words[0] != "&" and words[-1] != "&":
            return "org", [], words  # "Johnson & Johnson", "AT&T", "Baker & Sons": a firm's name, no one's
        k = len(words)
        while k > 1 and _INITIAL.fullmatch(words[k - 1]):
            k -= 1
        if k < len(words) - 1 and "".join(w[0] for w in words[k:]) in _DOTTED_DESIGNATORS:
            return "org", [], words  # "Bloomberg L.P.", "Acme L.L.C.": a company's designator written with dots
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
        if len(words) > 1 and self._known_org(words[:1]) and words[0].isupper() and not (
                len(words) > 2 and any(_norm(w) in ROLE_NOUNS or _norm(w) in ROLE_TITLES or _norm(w) in HONORIFICS
                                   for w in words[1:-1])):
            # "BBC One", "CNN International"; not a role and a name after the acronym ("FBI Director
            # Jane Roe" is a person with her employer, read by the title rules below)
            return "org", [], words
        return None

    def _rules_title(self, ch: Chunk, words: list[str]) -> tuple[str, list[str], list[str]] | None:
        """A title or role before a name: a person, unless what follows is an organisation or place."""
        title, name = _split_title(words)
        if title and name and all(_norm(w) in HONORIFICS or _norm(w) in ROLE_NOUNS or _norm(w) in ROLE_TITLES
                                  for w in name):
            return "neutral", [], words
        if title and name:
            if any(_norm(w) in HONORIFICS or _norm(w) in ROLE_NOUNS or (w.endswith(".") and _norm(w) in DOTTED_TITLES)
                   for w in title):
                lname = " ".join(name).lower()
                if all(_norm(w) in PURE_HONORIFICS for w in title) and name[-1] not in NEUTRAL_HEADS:
                    return "person", title, name  # "Mr. Bloomberg", "Ms. Post": an honorific names a person
                if len(name) == 1 and name[-1] in ORG_HEADS and not ch.possessive:
                    return "org", [], words  # "Justice Department", "Defense Ministry"
                if lname in PLACES or name[-1] in NEUTRAL_HEADS or name[-1] in ORG_HEADS and not self._head_surname(ch, name):
                    return "neutral", [], words
                self._employer(title)
                return "person", title, name
        return None

    def _employer(self, title: list[str]) -> None:
        """The name before a role in a title is the organisation the person serves ("Wells Fargo
        CEO John Stumpf"), an organisation wherever the article writes it: two words or more, none
        a title, a place, a party word or a first name ("Texas Gov.", "Democratic Sen.")."""
        k = next((i for i, w in enumerate(title) if _norm(w) in HONORIFICS or _norm(w) in ROLE_NOUNS
                  or _norm(w) in _EXECUTIVES), 0)
        prefix = title[:k]
        if len(prefix) < 2 or " ".join(prefix).lower() in PLACES or any(
                not w.isalpha() or not w[:1].isupper() or _norm(w) in ROLE_TITLES or _norm(w) in ROLE_QUALIFIERS
                or w in PARTY_WORDS or w in MALE_NAMES or w in FEMALE_NAMES or w.lower() in PLACES or _demonym(w)
                for w in prefix):
            return
        self.business_names.add(tuple(prefix))

    def _rules_heads(self, ch: Chunk, words: list[str]) -> tuple[str, list[str], list[str]] | None:
        """Places, demonyms, organisation and neutral head words, laws and creeds, months."""
        low = " ".join(words).lower().rstrip(".")
        if low in PLACES or low.replace("the ", "") in PLACES:
            return "neutral", [], words
        if all(_demonym(w) for w in words):
            return "neutral", [], words
        if self._head_with_complement(words):
            return "org", [], words
        if words[-1] in ORG_HEADS and not self._head_surname(ch, words) and not (len(words) == 1 and words[0] in ("Sun", "Star", "Post", "Mail",
                                                                            "Independent", "Express", "Standard", "Mirror", "Times", "Daily")):
            if len(words) == 1 and (not ch.the or words[0].isupper() and self._no_acronym(words[0])):
                return "neutral", [], words  # "Guardian" alone, "the TV ad"
            return "org", [], words
        if words[-1] in NEUTRAL_HEADS and not self._place_surname(ch, words):
            return "neutral", [], words
        if len(words) == 1 and re.search(r"(?:care|gate|ism|ists?|ites?)$", words[0]) and words[0] not in MALE_NAMES \
                and words[0] not in FEMALE_NAMES:
            return "neutral", [], words  # "Obamacare", "Pizzagate", "Trumpism": a law, scandal or creed
        if words[0].lower() in MONTH_NAMES or all(w.lower() in MONTH_NAMES for w in words):
            return "neutral", [], words
        if len(words) >= 2 and words[0] in DEMONYMS and words[-1] in ORG_HEADS:
            return "org", [], words
        return None

    def _head_surname(self, ch: Chunk, words: list[str]) -> bool:
        """A first name and a surname that is also a head word: a person's name whatever its last word,
        a known first name with a middle initial ("Michael R. Bloomberg", "John Q. Post"; a body never
        carries one), or a surname that is an outlet's or a court's one word after a first name the
        tagger tags a person's here, no place's, and a known one or the surname tagged a person's too
        ("Michael Bloomberg", "Bill Press", "Anita Hill", "Margaret Court"; not "Charlotte Observer"),
        when people bear it (`_SURNAME_HEADS`: not "Austin Chronicle")."""
        known = bool(words) and (words[0] in MALE_NAMES or words[0] in FEMALE_NAMES)
        if len(words) == 3 and known and _INITIAL.fullmatch(words[1]):
            return True
        if len(words) != 2 or words[1] not in _SURNAME_HEADS or words[0].lower() in PLACES or not self.tags:
            return False
        tags = self._name_tags(ch, words)
        return tags[0] == "PER" and (known or tags[1] == "PER")

    def _place_surname(self, ch: Chunk, words: list[str]) -> bool:
        """A known first name and a place head people bear as a surname, both tagged a person's here."""
        if len(words) != 2 or words[1] not in _SURNAME_PLACE_HEADS or not self.tags:
            return False
        if not (words[0] in MALE_NAMES or words[0] in FEMALE_NAMES) or words[0].lower() in PLACES:
            return False
        return self._name_tags(ch, words)[0] == "PER"

    @staticmethod
    def _head_with_complement(words: list[str]) -> bool:
        """A body's head word and its complement: opening the name ("Association of Flight Attendants",
        "Department of Justice"), or after a person's name it is named for ("Peter G. Peterson
        Institute for International Economics", "Maurer School of Law")."""
        if len(words) >= 3 and words[0] in ORG_HEADS and words[1] == "of" and words[0] not in ("Post", "Times", "Star", "Sun"):
            return True
        return any(words[k] in _HEADS_WITH_COMPLEMENT and words[k + 1] in ("of", "for") for k in range(1, len(words) - 2))

    def _rules_names_and_context(self, ch: Chunk, words: list[str]) -> tuple[str, list[str], list[str]] | None:
        """First names and initials make people; acronyms, descriptors and spokesmen make organisations."""
        # "Rival Hillary Clinton", "Republican Donald Trump": a descriptive word before a first name.
        for k in range(1, len(words) - 1):
            if (words[k] in MALE_NAMES or words[k] in FEMALE_NAMES) and words[k + 1][:1].isupper() \
                    and not any(w in ORG_HEADS or w.lower() in PLACES for w in words[k:]):
                self._employer(words[:k])
                return "person", words[:k], words[k:]
        if len(words) >= 2 and (words[0] in MALE_NAMES or words[0] in FEMALE_NAMES):
            if not any(w.lower() in PLACES for w in words[1:2]):
                return "person", [], words
        if len(words) >= 2 and re.fullmatch(r"[A-Z]\.", words[1]) and len(words) >= 3:
            return "person", [], words  # "George W. Bush"
        if len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 6 and words[0].isalpha():
            if self._shouted(ch, words[0]) or self._no_acronym(words[0]) or self._state_after_place(ch, words[0]):
                return "neutral", [], words
            return "org", [], words
        if _DESCRIPTOR_BEFORE.search(self.text[max(0, ch.start - 50):ch.start]):
            return "org", [], words  # "the charity Oxfam", "the think tank Chatham House"
        if _SPOKESMAN_FOR.search(self.text[max(0, ch.start - 40):ch.start]) and not any(
                w.lower() in PLACES for w in words[:1]) and not self._surname_here(words):
            # (A person has spokesmen too: "a spokesman for Ryan" in an article naming Paul Ryan.)
            return "org", [], words  # "a spokesman for NHS England": a body has spokesmen
        return None

    # -- what the words around a name say it is ----------------------------------------------
    # "FLINT, Mich., Oct. 4 (UPI) —", "BRUSSELS -": a dateline's place opening the first paragraph.
    _DATELINE_AFTER = re.compile(r"(?:,\s+[^,\n—–]{1,30}){0,3},?\s*(?:\([A-Za-z.\s]{1,20}\)\s*)?[—–-]\s")
    # "7 p.m. EDT", "(all times ET)": a time zone after a clock time or "times".
    _TIME_BEFORE = re.compile(r"(?:\d|\b[ap]\.?m\.?|\btimes) +$", re.IGNORECASE)
    # "six Orthodox", "14 Catholics": a number counts members of a group, never a person's name.
    _COUNT_BEFORE = re.compile(r"\b(?:\d(?:[\d,]*\d)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                               r"dozens?|hundreds?|thousands?|millions?) +$", re.IGNORECASE)
    # "CNN's Wolf Blitzer", "Fox News' Chris Wallace": a broadcaster's or paper's person (a host, a
    # reporter), not the organisation; "on CNBC's Squawk Box" (a programme) is read before.
    _OUTLET_POSSESSIVE = re.compile(r"(?<![\w.])((?:[A-Z][\w.&\-]*\s+){0,3}[A-Z][\w.&\-]*?)(?:[’']s|s[’'])\s+$")
    # "Walter Energy, another mining company"; "one of his companies, Lenox Healthcare": the
    # apposition says it is a business; "Debating The Donald, a book": a work's title.
    _BUSINESS_NOUNS = (r"(?:company|companies|firm|firms|corporation|corporations|business|businesses|"
                       r"conglomerate|insurer|retailer|lender|manufacturer|producer|operator|subsidiary|utility)")
    _BUSINESS_AFTER = re.compile(r",\s+(?:(?:a|an|another|the|its)\s+|one\s+of\s+(?:the|its|his|her|their|[\w’']+)\s+)"
                                 r"(?:(?!(?:for|of|at|with|from|by|in|to|on)\b)[\w’'\-]+\s+){0,4}?" + _BUSINESS_NOUNS + r"\b")
    # "Martin Shkreli, the drug company executive": the business noun describes a person's work.
    _PERSON_NOUN_AFTER = re.compile(r"\s+(?:executive|executives|founder|co-founder|owner|boss|chief|official|"
                                    r"spokesman|spokeswoman|spokesperson|lawyer|employee|worker|analyst|director|"
                                    r"manager|president|chairman|chairwoman)\b")
    _BUSINESS_BEFORE = re.compile(r"\b" + _BUSINESS_NOUNS + r",\s+$")
    # A person's work at a place named after "at" in their apposition ("Matt Hale, equity strategist at
    # Dunmore Tabak", "Ann Cole, senior vice president of sales at Kestrel"): the employer, a business.
    # (A description, not a clause: no verb or adverb in "-ed"/"-ly", and a role noun among its words:
    # not "Bill, effectively hurled the kitchen sink at Sanders".)
    _EMPLOYER_BEFORE = re.compile(r"[A-Z][\w’'\-.]*,\s+(?P<desc>(?:(?!(?:who|which|was|is|were|are|had|has|and)\b)"
                                  r"(?![a-z]+(?:ed|ly)\s)[a-z][\w\-]*\s+){1,6})at\s+$")
    _WORK_AFTER = re.compile(r",\s+(?:a|an|the|his|her|their)\s+(?:[\w’'\-]+\s+){0,2}?(?:book|film|movie|novel|"
                             r"memoir|documentary|series|programme|program|podcast|song|album|play|musical)\b")

    def _context_reading(self, ch: Chunk, kind: str, name: list[str]) -> tuple[str, list[str], list[str]] | None:
        """What the words around a name say it is, where they decide against the name's own words:
        a dateline's place, a time zone, a counted group, a nickname in quotation marks, a work's
        title or a business (by its apposition), an outlet's host. None when they say nothing."""
        if not name:
            return None
        start = ch.starts[len(ch.words) - len(name)]
        if kind == "org" and len(name) == 1 and name[0].isupper() and self._date_or_time(ch, start):
            return "neutral", [], name
        if kind != "neutral" and self._market_index(ch, name, start):
            return "neutral", [], name
        if kind in ("person", "unknown"):
            reading = self._described_reading(ch, kind, name, start)
            if reading is not None:
                return reading
        return self._outlet_person(ch, kind, name, start)

    # A stock market index ("the Kospi Index", "the Shanghai Composite", "the Dow Jones Industrial Average"),
    # and the code in brackets after one or after "ticker:" ("Kospi Index (KOSPI)", "Acme (ticker: ACM)"):
    # a measure or a security, no organisation.
    _INDEX_HEADS = frozenset("Index Composite Average".split())
    # (A number only after the index's name, "FTSE 100 (UKX)", "Russell 2000 (RUT)": not a source after a
    # year, "deaths rose in 2020 (WHO)", "in May 2021 (ONS)".)
    _CODE_BEFORE = re.compile(r"(?:\b(?:Index|Composite|Average|(?P<word>[A-Z][\w&]*)\s+\d{2,4})\s*\(|"
                              r"\((?:ticker|NYSE|Nasdaq|NASDAQ|LSE|TSX)\s*:\s*)$")

    def _market_index(self, ch: Chunk, name: list[str], start: int) -> bool:
        if name[-1] in self._INDEX_HEADS and len(name) >= 2:
            return True
        if not (len(name) == 1 and name[0].isupper() and self.text[ch.end:ch.end + 1] == ")"):
            return False
        code = self._CODE_BEFORE.search(self.text, max(0, start - 30), start)
        return code is not None and (code["word"] or "").lower() not in MONTH_NAMES

    def _date_or_time(self, ch: Chunk, start: int) -> bool:
        """A word in capitals that is a dateline's place or a time zone."""
        if ch.start in self.block_starts and self._DATELINE_AFTER.match(self.text, ch.end):
            return True
        return bool(self._TIME_BEFORE.search(self.text, max(0, start - 12), start))

    def _described_reading(self, ch: Chunk, kind: str, name: list[str], start: int) -> tuple[str, list[str], list[str]] | None:
        """A counted group, a nickname, a work's title or a business, as the words around say."""
        text = self.text
        if len(name) == 1 and self._COUNT_BEFORE.search(text, max(0, start - 14), start):
            return "neutral", [], name
        if self._nickname(ch, name, start):
            return "neutral", [], name
        if len(name) == 1 and ch.sentence_initial:
            return None  # "Ironically, one of the firms ...": a sentence word and its clause
        employer = self._EMPLOYER_BEFORE.search(text, max(0, start - 80), start)
        if employer and any(_norm(w) in ROLE_NOUNS or w in ("vp", "ceo") for w in employer["desc"].split()) \
                and not self._first_name_or_place(name) and not self._surname_here(name):
            self.business_names.add(tuple(name))
            return "org", [], name
        after = text[ch.end:ch.end + 90]
        if self._WORK_AFTER.match(after):
            return "neutral", [], name
        business = self._BUSINESS_AFTER.match(after)
        if business and not self._PERSON_NOUN_AFTER.match(after, business.end()):
            self.business_names.add(tuple(name))
            return "org", [], name
        # Before the name only in an apposition it closes ("a new company, Kissito (...)"): "At a law
        # firm, Jane Roe said" names a person after a fronted phrase.
        if kind == "unknown" and self._BUSINESS_BEFORE.search(text, max(0, start - 20), start) \
                and re.match(r"\s*[,(;]", after):
            self.business_names.add(tuple(name))
            return "org", [], name
        return None

    def _surname_here(self, name: list[str]) -> bool:
        """One word the article writes after a known first name: a person's surname ("Donald Trump ... a
        senior adviser at Trump's campaign", "an aide at Johnson's side"), no employer ("a senior
        executive at Carrier's parent company" stays one)."""
        return len(name) == 1 and any(
            w in MALE_NAMES or w in FEMALE_NAMES
            for w in re.findall(r"\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?" + re.escape(name[0]) + r"\b", self.text))

    @staticmethod
    def _first_name_or_place(name: list[str]) -> bool:
        """A known first name opening the name, or a place: a person or a place after "at", no business."""
        return name[0] in MALE_NAMES or name[0] in FEMALE_NAMES or " ".join(name).lower() in PLACES \
            or name[-1].lower() in PLACES

    def _nickname(self, ch: Chunk, name: list[str], start: int) -> bool:
        """A name that is a whole quotation ("called her “Miss Piggy”") is a nickname, unless the
        article also writes it outside quotation marks."""
        text = self.text
        if not (start > 0 and text[ch.start - 1] in "“\"‘" and text[ch.end:ch.end + 1] in "”\"’"):
            return False
        written = text[ch.start:ch.end]
        return not any(text[m.start() - 1:m.start()] not in "“\"‘" for m in re.finditer(re.escape(written), text)
                       if m.start() > 0)

    def _outlet_person(self, ch: Chunk, kind: str, name: list[str], start: int) -> tuple[str, list[str], list[str]] | None:
        if not 2 <= len(name) <= 3 or ch.start != start or kind == "neutral" or ch.the:
            return None  # ("Fox News' The Kelly File": a programme, no host)
        m = self._OUTLET_POSSESSIVE.search(self.text, max(0, start - 40), start)
        if not m or re.search(r"\bon\s+$", self.text[max(0, m.start() - 4):m.start()]):
            return None
        owner = self._known_org(m.group(1).split())
        if owner is None or owner[1] != "news":
            return None
        if any(not w.isalpha() or w.isupper() or w in ORG_HEADS or w in NEUTRAL_HEADS or w in PROGRAMME_WORDS
               or (self.tags and (self.tagger.tagdict.get(w.lower()) == "O" or w.lower() in self.lower_words))
               for w in name):
            return None
        return "person", [], name

    def _members_qualifiers(self, words: list[str]) -> list[str]:
        """A party's members ("Democrats") after ordinary words that only describe or count them
        ("Leading Democrats", "Majorities of Democrats", "We Democrats"): the name is the members'
        alone. A chamber, a place or a people ("House Republicans", "Ohio Democrats") and an
        organisation's head word ("College Republicans") stay part of it."""
        if len(words) < 2 or words[-1] not in MEMBERS_WORDS:
            return words
        if members_keep_whole(words):
            return words  # "House Republicans", "Oversight Committee Republicans", "New Hampshire Democrats"
        k = 0
        while k < len(words) - 1:
            w, low = words[k], words[k].lower()
            if not (low == "of" or "’" in w or "'" in w or low in self.lower_words
                    or self.tagger.tagdict.get(low) == "O"):
                break
            k += 1
        return words[k:]

    def _no_acronym(self, word: str) -> bool:
        """A word in capitals no organisation goes by: a place ("DC"), or one of the words in capitals
        that name things, titles and measures ("CEO", "TV", "LGBT", "POTUS", "CPI": the lexicon's
        ``NOT_ACRONYMS``) that the name tagger tags an organisation's nowhere in the article. Positive
        evidence only: an acronym the lists do not know ("GAO", "CAIR") stays an organisation's.
        Set look-ups, so the cost per word does not grow with the article (issue #22)."""
        if word.lower() in PLACES:
            return True
        # (A state's postal code, "Berea, OH", "(R-SC)", "a nutty VT socialist", is a place's too.)
        return (word in NOT_ACRONYMS or word in STATE_CODES) and not self.votes.get(word, {}).get("ORG", 0)

    def _region_after(self, end: int) -> bool:
        """Whether a comma and a region follow a name's end ("Ames, Iowa", "Berea, Ky.", "Hilo, HI"): the
        name is a town's."""
        m = _REGION_AFTER.match(self.text, end)
        return m is not None and (m.group(1) in AP_STATES or m.group(1) in STATE_CODES or m.group(1).rstrip(".").lower() in PLACES)

    def _state_after_place(self, ch: Chunk, word: str) -> bool:
        """A state's postal code after a town and a comma ("Jane Doe of Berea, OH said", "Hilo, HI"): the
        town's state, a place, whatever the tagger reads the code as there."""
        if word not in STATE_CODES:
            return False
        m = _PLACE_COMMA.search(self.text, max(0, ch.start - 40), ch.start)
        return m is not None and _STATE_AFTER.match(self.text, self.text.rindex(",", m.start(), ch.start)) is not None

    def _shouted(self, ch: Chunk, word: str) -> bool:
        """A word in capitals that is no acronym: an ordinary word shouted ("WHAT?", "ALL of them"),
        which the tagger's dictionary knows as always other in lower case, or a place ("FLINT,
        Mich."), which the tagger tags as one here."""
        if not self.tags:
            return False
        here = self.tags.get(ch.starts[len(ch.words) - 1], "O")
        return here == "LOC" or (here == "O" and self.tagger.tagdict.get(word.lower()) == "O")
