"""People and organisations: capitalised-phrase chunking, classification and in-article coreference."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from . import knowledge
from .learned.tagger import Tagger, default_tagger
from .lexicon import (
    AMBIGUOUS_SINGLE_ORGS,
    CAP_STOPWORDS,
    CUE_LEMMA,
    DAY_NAMES,
    DEMONYMS,
    FEMALE_NAMES,
    HONORIFICS,
    KNOWN_ORGS,
    MALE_NAMES,
    MONTH_NAMES,
    NAME_CONNECTORS,
    NEUTRAL_HEADS,
    ORG_HEADS,
    PERSON_PARTICLES,
    PLACES,
    PURE_HONORIFICS,
    _data,
    _words,
)
from .types import Entity, KnownPerson, Mention

# A word of a name: capitalised, an acronym, a hyphenated or apostrophised name, or an initial ("J.").
_INITIAL = re.compile(r"[A-Z]\.")
_TOKEN = re.compile(r"[A-Za-z\u00C0-\u024F0-9][\w\u00C0-\u024F]*(?:[\-'’][\w\u00C0-\u024F]+)*\.?|[’'](?=s\b)s|[^\w\s]")
ROLE_NOUNS = _words(_data("role_nouns"))
ROLE_TITLES = _words(_data("role_titles"))

_ORG_BY_KEY: dict[str, tuple[str, str]] = {}
for _name, (_kind, _aliases) in KNOWN_ORGS.items():
    for _alias in (_name, *_aliases):
        _ORG_BY_KEY[_alias.lower()] = (_name, _kind)


# Last words of broadcast programme titles after a broadcaster's name.
PROGRAMME_WORDS = frozenset("""Sunday Saturday Tonight Today Live Now Morning Evening Hour Show Report Newsnight
Weekend Briefing Daily Nightly""".split())
# Words that may qualify a role without naming anyone: "House Speaker", "Senate Majority Leader".
ROLE_QUALIFIERS = frozenset("""house senate majority minority press white party state federal city county
parliamentary opposition council""".split())
# Descriptors that say what kind an organisation is: "the think tank X", "X, a charity,".
_KIND_DESCRIPTORS = [
    (re.compile(r"think[\s\-]tank", re.IGNORECASE), "think_tank"),
    (re.compile(r"\b(?:charity|nonprofit|non-profit|campaign group|pressure group|advocacy group|"
                r"rights group|watchdog)\b", re.IGNORECASE), "ngo"),
    (re.compile(r"\b(?:government department|ministry|agency)\b", re.IGNORECASE), "government"),
    (re.compile(r"\b(?:company|firm|bank|retailer|manufacturer)\b", re.IGNORECASE), "company"),
    (re.compile(r"\b(?:newspaper|broadcaster|news agency|news site|magazine)\b", re.IGNORECASE), "news"),
]
_SPOKESMAN_FOR = re.compile(r"\bspokes(?:man|woman|person|people|men|women)\s+(?:for|at|of)\s+(?:the\s+)?$",
                            re.IGNORECASE)
_DESCRIPTOR_BEFORE = re.compile(r"\b(?:the|a|an)\s+((?:[\w\-]+\s+){0,2}?(?:think[\s\-]tank|charity|nonprofit|"
                                r"non-profit|campaign group|pressure group|advocacy group|rights group|watchdog|"
                                r"company|firm|newspaper|broadcaster))\s+$", re.IGNORECASE)


def _norm(s: str) -> str:
    return s.lower().replace("’", "'").replace(".", "").strip()


@dataclass
class Chunk:
    words: list[str]
    starts: list[int]
    ends: list[int]
    sentence_initial: bool
    the: bool = False  # preceded by "the"
    possessive: bool = False

    @property
    def start(self):
        return self.starts[0]

    @property
    def end(self):
        return self.ends[-1]

    def text(self, text: str) -> str:
        return text[self.start:self.end]


@dataclass
class _Ent:
    kind: str
    name_words: list[str]
    aliases: list[str] = field(default_factory=list)
    gender: str = ""
    org_kind: str = ""
    roles: list[tuple[str, str | None]] = field(default_factory=list)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    short: bool = False  # known only by one name ("Assad")

    @property
    def name(self):
        return " ".join(self.name_words)

    @property
    def first(self):
        return self.name_words[0]

    @property
    def surname(self):
        return self.name_words[-1]

    @property
    def family(self) -> str:
        """Surname with particles: "Le Pen" for "Marine Le Pen"."""
        w = self.name_words
        i = len(w) - 1
        while i > 1 and w[i - 1].lower() in PERSON_PARTICLES:
            i -= 1
        return " ".join(w[i:])


def _person_like(words: list[str]) -> bool:
    """A first name and more: "Martha Raddatz", "Anderson Cooper"."""
    return len(words) >= 2 and (words[0] in MALE_NAMES or words[0] in FEMALE_NAMES)


def _complete_name(words: list[str]) -> bool:
    """Whether words already name an organisation on their own ("FBI", "Urban Institute"), so that
    "X and Y" is two organisations, not one name ("Securities and Exchange Commission")."""
    while words and words[0] in CAP_STOPWORDS:
        words = words[1:]
    if not words:
        return False
    if len(words) == 1:
        return words[0].isupper() and len(words[0]) >= 2 or words[0].lower() in _ORG_BY_KEY
    return words[-1] in ORG_HEADS or " ".join(words).lower() in _ORG_BY_KEY or _person_like(words)


def _demonym(word: str) -> bool:
    """"Americans", and compounds of them: "African-Americans", "Mexican-American"."""
    return word in DEMONYMS or ("-" in word and all(p in DEMONYMS or p + "s" in DEMONYMS for p in word.split("-")))


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def chunk_block(text: str, start: int, end: int, sentence_starts: set[int]) -> list[Chunk]:
    """Runs of capitalised words in text[start:end], joined by name connectors."""
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    chunks: list[Chunk] = []
    i, n = 0, len(toks)
    while i < n:
        w, s, e = toks[i]
        if not (w[:1].isupper() and (w[:1].isalpha())):
            i += 1
            continue
        words, starts, ends = [w], [s], [e]
        j = i + 1
        while j < n:
            if words[-1].endswith(".") and len(words[-1]) > 3 and words[-1][:-1].lower() not in ("jr", "sr", "st", "gov", "sen", "rep", "gen", "col", "capt", "sgt", "lt", "mrs", "prof", "rev"):
                break  # "Universe. She": a full stop ended the sentence
            if words[-1].endswith(("’s", "'s")) and len(words[-1]) > 3:
                break  # "CNBC's Squawk Box": the owner is a name of its own, the rest another
            w2, s2, e2 = toks[j]
            gap = text[ends[-1]:s2]
            # "G.K. Butterfield": initials written together are one name's.
            joined_initials = gap == "" and _INITIAL.fullmatch(words[-1]) and _INITIAL.fullmatch(w2)
            if gap not in (" ", "\u00a0") and not joined_initials:
                break
            if w2[:1].isupper() and w2[:1].isalpha():
                words.append(w2)
                starts.append(s2)
                ends.append(e2)
                j += 1
                continue
            # Connectors join two capitalised words: "Bank of England", "Marine Le Pen".
            if w2.lower() in NAME_CONNECTORS and j + 1 < n and text[e2:toks[j + 1][1]] == " " \
                    and toks[j + 1][0][:1].isupper():
                words.append(w2)
                starts.append(s2)
                ends.append(e2)
                j += 1
                continue
            break
        # Trailing connectors never end a name.
        while words and words[-1].lower() in NAME_CONNECTORS:
            words.pop(), starts.pop(), ends.pop()
        if words and words[-1].endswith("."):
            # A full stop ends the sentence unless the word is an initial or abbreviation.
            if len(words[-1]) > 2 and words[-1][:-1].lower() not in ("jr", "sr", "st", "co", "inc"):
                words[-1] = words[-1][:-1]
                ends[-1] -= 1
        poss = False
        if j < n and toks[j][0] in ("’s", "'s") and toks[j][1] == ends[-1]:
            poss = True
        elif words and (words[-1].endswith("’s") or words[-1].endswith("'s")) and len(words[-1]) > 2:
            # The possessive is never part of a name: "Donald J. Trump's." names Donald J. Trump.
            words[-1] = words[-1][:-2]
            ends[-1] -= 2
            poss = True
        # "Brexit and Mr Trump": "and" joins two names unless the whole is an organisation's name.
        if "and" in words[1:-1] and (words[-1] not in ORG_HEADS or _complete_name(words[:words.index("and")])
                                     or _person_like(words[words.index("and") + 1:])):
            k = words.index("and")
            prev = text[max(start, starts[0] - 4):starts[0]]
            chunks.append(Chunk(words[:k], starts[:k], ends[:k], sentence_initial=starts[0] in sentence_starts,
                                the=prev.lower().endswith("the "), possessive=False))
            words, starts, ends = words[k + 1:], starts[k + 1:], ends[k + 1:]
        # "Norway Sir Michael Fallon", "Russia Mr Trump": a title inside a run starts a new name.
        for k in range(len(words) - 1, 0, -1):
            if _norm(words[k]) in PURE_HONORIFICS and words[k - 1].lower() not in NAME_CONNECTORS:
                prev = text[max(start, starts[0] - 4):starts[0]]
                chunks.append(Chunk(words[:k], starts[:k], ends[:k], sentence_initial=starts[0] in sentence_starts,
                                    the=prev.lower().endswith("the "), possessive=False))
                words, starts, ends = words[k:], starts[k:], ends[k:]
                break
        if words:
            prev = text[max(start, starts[0] - 4):starts[0]]
            chunks.append(Chunk(words, starts, ends, sentence_initial=starts[0] in sentence_starts,
                                the=prev.lower().endswith("the "), possessive=poss))
        i = max(j, i + 1)
    return chunks


# Party words open a sentence ("Democratic Sen. Claire McCaskill") but belong to an organisation's
# name: "Democratic National Committee", "Republican Party", "Labour Party".
PARTY_WORDS = frozenset("Democratic Democrat Republican Conservative Labour Liberal Independent".split())


def _strip_leading(ch: Chunk) -> list[str]:
    """A chunk's words without the leading sentence words that are not names ("However", "In",
    "The"); notes a leading "the" on the chunk."""
    words = list(ch.words)
    while words and ((words[0] in CAP_STOPWORDS and _norm(words[0]) not in HONORIFICS) and not (
            len(words) > 1 and (words[0] in DAY_NAMES or words[0] in PARTY_WORDS) and words[-1] in ORG_HEADS)
            or words[0].islower()):
        # "But the Republicans", "Republicans and Democrats": neither a leading sentence word nor
        # a leading article or conjunction is ever part of a name.
        if words[0] in ("The", "the") and len(words) > 1:
            ch.the = True
        words = words[1:]
    return words


# Offices one is addressed by ("Mr. President", "Madam Speaker"): after an honorific they are no surname.
ADDRESS_ROLES = frozenset("president speaker chairman chairwoman chair secretary ambassador mayor governor minister "
                          "commissioner justice premier chancellor".split())


def _honorific_surname(words: list[str]) -> bool:
    """"Mr. King", "Ms. Judge": an honorific and a surname that is also a role word."""
    return (len(words) == 2 and _norm(words[0]) in PURE_HONORIFICS and _norm(words[1]) in ROLE_NOUNS
            and _norm(words[1]) not in ADDRESS_ROLES)


def _split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """Split leading honorifics and role titles from a name: "Prime Minister Theresa May",
    "Senate Majority Leader Mitch McConnell", "Democratic Sen. Claire McCaskill"."""
    last_title = -1
    k = 0
    while k < len(words) - 1:
        lw = _norm(words[k])
        if lw in HONORIFICS or lw in ROLE_NOUNS:
            last_title = k
            # "Secretary of State Hillary Clinton": "of" and the office's words belong to the title.
            if words[k + 1] == "of":
                m = k + 2
                while m < len(words) - 1 and _norm(words[m]) in ROLE_TITLES:
                    m += 1
                if m > k + 2:
                    last_title = m - 1
                    k = m
                    continue
        k += 1
    if last_title < 0:
        return [], words
    name = words[last_title + 1:]
    if any(_norm(w) in ROLE_TITLES for w in name[:1]) or len(name) > 4:
        return [], words
    return words[:last_title + 1], name


def _gender_of_title(title: list[str]) -> str:
    for w in title:
        g = HONORIFICS.get(_norm(w), "")
        if g:
            return g
    return ""


TAG_ORDER = ("PER", "ORG", "LOC", "O")


def _vote_key(word: str) -> str:
    """A word as the tagger's votes key it: no possessive, no full stop ("Gingrich’s" -> "Gingrich")."""
    return _POSSESSIVE_END.sub("", word).rstrip(".")


_POSSESSIVE_END = re.compile(r"[’']s$")


def _first_name_gender(word: str) -> str:
    if word in MALE_NAMES and word not in FEMALE_NAMES:
        return "m"
    if word in FEMALE_NAMES and word not in MALE_NAMES:
        return "f"
    return ""


class EntityFinder:
    """Finds people and organisations in an article and resolves their mentions to entities."""

    def __init__(self, text: str, blocks, sentence_starts: set[int], published: date | None,
                 known: list[KnownPerson] | None = None, cue_positions: set[int] | None = None,
                 tagger: Tagger | None = None):
        self.text = text
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

    # -- classification -------------------------------------------------------------------
    def _known_org(self, words: list[str]) -> tuple[str, str] | None:
        phrase = " ".join(words)
        hit = _ORG_BY_KEY.get(phrase.lower())
        if hit:
            name, kind = hit
            # Short acronyms match only in capitals: "IS" the group, not "is"; "AP" not "Ap".
            alias_ok = len(phrase) > 3 or phrase.isupper() or phrase == name
            if alias_ok and not (phrase in AMBIGUOUS_SINGLE_ORGS and phrase != name and phrase not in ("AP",)):
                return name, kind
        return None

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

    def _name_tags(self, ch: Chunk, name: list[str]) -> list[str]:
        """The tagger's tags of a chunk's last len(name) words, here."""
        k = len(ch.words) - len(name)
        return [self.tags.get(s, "O") for s in ch.starts[k:]]

    def _reading(self, name: list[str]) -> str:
        """What the tagger reads a name as across the article: the tag it gave the name's words
        most often wherever they stand ("PER", "ORG", "LOC" or "O"; a tie goes to the name tag).
        One mention in an odd context ("Speaker of the House Newt Gingrich's") is outvoted by the
        others."""
        votes: Counter[str] = Counter()
        for w in name:
            if w.lower() not in NAME_CONNECTORS:
                votes.update(self.votes.get(_vote_key(w), ()))
        return max(TAG_ORDER, key=lambda t: (votes[t], t != "O", t == "PER"))

    def _strip_untagged(self, ch: Chunk, words: list[str]) -> list[str]:
        """A sentence's first word that the tagger keeps out of the name after it is a sentence
        word, not a name ("Injecting Clinton", "Hosting Cook"); titles, honorifics, party words and
        known first names stay."""
        if not ch.sentence_initial or len(words) < 2 or len(words) != len(ch.words):
            return words
        w = words[0]
        if self.tags.get(ch.start, "O") != "O" or "PER" not in self._name_tags(ch, words[1:]):
            return words
        if _norm(w) in HONORIFICS or _norm(w) in ROLE_NOUNS or _norm(w) in ROLE_TITLES or w in PARTY_WORDS \
                or w in MALE_NAMES or w in FEMALE_NAMES or self._reading([w]) != "O":
            return words
        # Only an ordinary word: one the article also writes in lower case, one the tagger learned
        # is always other ("now", "having"), or a participle opening its clause ("Injecting
        # Clinton into ...", "Hosting Cook, ..."); an unfamiliar first name ("Amelize") stays.
        low = w.lower()
        if low in self.lower_words or self.tagger.tagdict.get(low) == "O" or (
                len(low) > 5 and low.endswith(("ing", "ed"))):
            return words[1:]
        return words

    def _check_person(self, ch: Chunk, kind: str, title: list[str], name: list[str]):
        """A name is a person's only if the tagger reads it as one, here or elsewhere in the
        article; otherwise it is what the tagger reads (an organisation), or neutral (a place, a
        programme, a sentence word). A person named with an honorific ("Mr. Xu") stays one."""
        here = [t for t, w in zip(self._name_tags(ch, name), name, strict=True) if w.lower() not in NAME_CONNECTORS]
        if not here or "PER" in here:
            return kind, title, name
        if kind == "person" and any(_norm(t) in PURE_HONORIFICS for t in title):
            return kind, title, name
        if len(name) == 1 and _vote_key(name[0]) in self.tagged_surnames:
            # The surname of a person the tagger found named in full: CoreNLP, its teacher, often
            # leaves a surname opening a sentence untagged ("Trump said"), so this one may be too.
            return kind, title, name
        reading = self._reading(name)
        if reading == "PER":
            return kind, title, name
        if kind == "person" and len(name) >= 2 and (name[0] in MALE_NAMES or name[0] in FEMALE_NAMES) \
                and reading != "LOC":
            return kind, title, name  # a known first name and a surname outweigh the tagger, but for a place
        if reading == "ORG" and len(name) >= 2 and all(t == "ORG" for t in here):
            return "org", [], name
        return "neutral", [], name

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
        # The person of that surname, when the article names one (nobody otherwise: a lone
        # surname makes no person).
        return "person", [], [w.capitalize() for w in words]

    def _classify_rules(self, ch: Chunk, words: list[str]) -> tuple[str, list[str], list[str]]:
        """The capitalisation and lexicon rules' reading of a chunk's words."""
        phrase = " ".join(words)
        low = phrase.lower().rstrip(".")
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
            return "org", [], words
        if _DESCRIPTOR_BEFORE.search(self.text[max(0, ch.start - 50):ch.start]):
            return "org", [], words  # "the charity Oxfam", "the think tank Chatham House"
        if _SPOKESMAN_FOR.search(self.text[max(0, ch.start - 40):ch.start]) and not any(
                w.lower() in PLACES for w in words[:1]):
            return "org", [], words  # "a spokesman for NHS England": a body has spokesmen
        return "unknown", [], words

    # -- resolution ---------------------------------------------------------------------
    def _add_person(self, name: list[str], gender: str, short: bool = False) -> _Ent:
        ent = _Ent("person", name, gender=gender, short=short)
        self.people.append(ent)
        # Two-word and longer endings of the name ("Suu Kyi" of "Aung San Suu Kyi"): a set, so that
        # asking whether a name is already someone's stays constant time however many people.
        self.name_tails.update(tuple(name[k:]) for k in range(len(name) - 1))
        # A family name opening a sentence capitalises its particle: "De Blasio" of "Bill de Blasio".
        self.name_tails.update((name[k].capitalize(), *name[k + 1:]) for k in range(1, len(name) - 1)
                               if name[k] in PERSON_PARTICLES)
        return ent

    def _match_person(self, name: list[str], gender: str, title: list[str], at: int) -> _Ent | None:
        """The person a (possibly short) name refers to, among those seen so far."""
        full_first = name[0]
        if len(name) >= 2:
            family = " ".join(name[1:]) if name[0] not in ("Le", "La") else " ".join(name)
            # Same first and last name, middle initials aside: "Donald J. Trump".
            for p in self.people:
                if not p.short and p.first == full_first and (p.surname == name[-1]):
                    return p
            # A short name seen before ("President Assad") gets its full name now.
            for p in self.people:
                if p.short and (p.name == name[-1] or p.name == family) and (not gender or not p.gender or p.gender == gender):
                    p.name_words = list(name)
                    p.short = False
                    return p
            # "Le Pen" as a family name, with a particle: match on the whole family.
            if name[0].lower() in PERSON_PARTICLES:
                cands = [p for p in self.people if p.family == " ".join(name) or p.surname == name[-1]]
                if cands:
                    return cands[-1]
            return None
        word = name[0]
        cands = [p for p in self.people if (p.surname == word or p.family == word) and
                 (not gender or not p.gender or p.gender == gender)]
        if not cands and title and any(_norm(t) in ("sir", "dame", "lord", "lady") for t in title):
            cands = [p for p in self.people if not p.short and p.first == word]
        if not cands:
            return None
        if len(cands) > 1:
            # Several of one family: the most recently mentioned.
            cands.sort(key=lambda p: max((m[0] for m in p.mentions if m[0] < at), default=-1))
        return cands[-1]

    def _org(self, name: str, kind: str, alias: str) -> _Ent:
        key = _norm(name)
        ent = self.org_index.get(key)
        if ent is None:
            ent = _Ent("organisation", name.split(), org_kind=kind)
            self.orgs.append(ent)
            self.org_index[key] = ent
        if alias not in ent.aliases:
            ent.aliases.append(alias)
        return ent

    def _org_for(self, words: list[str], the: bool) -> _Ent:
        if len(words) >= 2 and all(_INITIAL.fullmatch(w) or (len(w) == 1 and w.isupper()) for w in words):
            # An acronym written with dots is the acronym: "E.P.A." is the EPA, "W.T.O." the WTO.
            words = ["".join(w.rstrip(".") for w in words)]
        known = self._known_org(words)
        if known:
            name, kind = known
            return self._org(name, kind, " ".join(words))
        phrase = " ".join(words)
        kind = ORG_HEADS.get(words[-1], "")
        if len(words) >= 3 and words[1] == "of" and words[0] in ORG_HEADS:
            kind = ORG_HEADS[words[0]]  # "Department of Education" is a department, not a school
        if not kind and phrase.isupper():
            kind = "other"
        key = _norm(phrase)
        ent = self.org_index.get(key)
        if ent is None:
            # An acronym of an organisation already named in full: "EU" for "European Union".
            if phrase.isupper() and len(phrase) <= 6:
                for o in self.orgs:
                    initials = "".join(w[0] for w in o.name_words if w[0].isupper())
                    if initials == phrase:
                        if phrase not in o.aliases:
                            o.aliases.append(phrase)
                        self.org_index[key] = o
                        return o
            else:
                # Full name whose acronym was seen first.
                initials = "".join(w[0] for w in words if w[:1].isupper())
                if len(initials) >= 2 and initials.lower() in self.org_index:
                    o = self.org_index[initials.lower()]
                    if phrase not in o.aliases:
                        o.aliases.append(phrase)
                    self.org_index[key] = o
                    return o
        name = ("The " + phrase) if the and kind == "news" and not phrase.startswith("The ") else phrase
        ent = self._org(phrase, kind or "other", phrase)
        if name != phrase and name not in ent.aliases:
            ent.aliases.append(name)
        return ent

    def run(self):
        text = self.text
        if self.tagger is not None:
            for b in self.blocks:
                run = 0
                for t in self.tagger.tag(text, b.start, b.end):
                    self.tags[t.start] = t.tag
                    run = run + 1 if t.tag == "PER" else 0
                    if run >= 2:
                        self.tagged_surnames.add(_vote_key(t.word))
                    if t.word[:1].isupper():
                        self.votes.setdefault(_vote_key(t.word), Counter())[t.tag] += 1
                    elif t.word[:1].islower():
                        self.lower_words.add(t.word)
        chunks: list[Chunk] = []
        for b in self.blocks:
            chunks.extend(chunk_block(text, b.start, b.end, self.sentence_starts))
        chunks, of_pairs = self._split_of(chunks)
        # Names the article shows as programmes ("on CNBC's Squawk Box") are programmes throughout.
        self.programmes = {" ".join(ch.words) for ch in chunks
                           if self._ON_OWNED.search(text, max(0, ch.start - 60), ch.start)}
        # Pass 1: full names first, so short forms anywhere in the text find them.
        classified = [(ch, *self.classify(ch)) for ch in chunks]
        for ch, kind, title, name in classified:
            if kind == "person" and len(name) >= 2 and name[0].lower() not in PERSON_PARTICLES:
                g = _gender_of_title(title) or _first_name_gender(name[0])
                if self._match_person(name, g, title, ch.start) is None:
                    self._add_person(name, g)
        # Surnames that speak alone somewhere ("Limbaugh added:") make their full form a person
        # wherever it stands ("Rush Limbaugh spoke on his show").
        self.speaking_surnames = {name[0] for ch, kind, _t, name in classified
                                  if kind == "unknown" and len(name) == 1 and self._speaks(ch)}
        # Pass 2: every chunk in order, resolved to an entity.
        self.mentions: list[tuple[int, int, str, _Ent]] = []
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
        self._roles()
        self._role_mentions()
        self._descriptor_kinds()
        self._of_affiliations(of_pairs)
        self.mentions.sort(key=lambda m: m[0])
        self._pronoun_genders()

    # The next pronoun in the clause, or the one opening the next sentence ("Obama said. He ...").
    _NEXT_PRONOUN = re.compile(r"\b(he|his|him|himself|she|her|hers|herself)\b|[.!?][”\"]?\s+(He|His|She|Her)\b|"
                               r"[!?;:“”\"]|\.\s+[A-Z]|\n", re.IGNORECASE)

    _SUBJECT_VERB = re.compile(r"(?:\s*,\s*who\b|\s+(?:[a-z]+ly\s+)?(?:[a-z]{2,}ed|[a-z]{2,}[^s]s|said|told|is|was|has|had|"
                               r"will|would|can|could|did|does|made|took|gave|went|came|wrote|spoke|ran|won|met|put|"
                               r"got|knew|thought|felt|left|became|began|held|kept|brought|sent|saw)\b)")

    def _pronoun_genders(self) -> None:
        """A person the text gives no title or known first name ("Suu Kyi", "Harvey") takes the
        gender of the pronouns that follow their mentions in the same clause ("Harvey said his ...")."""
        votes: dict[int, list[int]] = {}
        for _s, e, _surface, ent in self.mentions:
            if ent.kind != "person" or ent.gender:
                continue
            if not self._SUBJECT_VERB.match(self.text, e):
                continue  # an object's pronouns may well be somebody else's ("met with Biden, ... her")
            m = self._NEXT_PRONOUN.search(self.text, e, min(len(self.text), e + 120))
            pron = m and (m.group(1) or m.group(2))
            if pron:
                v = votes.setdefault(id(ent), [0, 0])
                v[0 if pron.lower() in ("he", "his", "him", "himself") else 1] += 1
        for ent in self.people:
            v = votes.get(id(ent))
            if v and max(v) >= 1 and min(v) == 0:
                ent.gender = "m" if v[0] else "f"

    def _split_of(self, chunks: list[Chunk]) -> tuple[list[Chunk], list[tuple[int, int]]]:
        """"Bill O'Reilly of Fox News", "Bernie Sanders of Vermont": a person, then an affiliation
        or a place; never one name. Returns the chunks and (person start, organisation start) pairs."""
        out: list[Chunk] = []
        pairs: list[tuple[int, int]] = []
        for ch in chunks:
            w = ch.words
            k = w.index("of") if "of" in w[2:-1] else -1
            first = w[1] if _norm(w[0]) in HONORIFICS and len(w) > 1 else w[0]
            if k < 2 or not (first in MALE_NAMES or first in FEMALE_NAMES) or _norm(w[k - 1]) in ROLE_TITLES \
                    or _norm(w[k - 1]) in ROLE_NOUNS:
                out.append(ch)
                continue
            left = Chunk(w[:k], ch.starts[:k], ch.ends[:k], ch.sentence_initial, ch.the, False)
            right = Chunk(w[k + 1:], ch.starts[k + 1:], ch.ends[k + 1:], False, False, ch.possessive)
            out.extend([left, right])
            pairs.append((left.start, right.start))
        return out, pairs

    def _of_affiliations(self, pairs: list[tuple[int, int]]) -> None:
        by_start = {s: ent for s, _e, _t, ent in self.mentions}
        for ps, os_ in pairs:
            person, org = by_start.get(ps), by_start.get(os_)
            if person is not None and org is not None and person.kind == "person" and org.kind == "organisation":
                if not any(o == org.name for _r, o in person.roles):
                    person.roles.append(("", org.name))

    def _descriptor_kinds(self):
        """What the text calls an organisation wins over its head word: "the Brookings Institution,
        a think tank," is a think tank; "the charity Oxfam" an NGO."""
        for s, e, _surface, ent in self.mentions:
            if ent.kind != "organisation":
                continue
            before = self.text[max(0, s - 50):s]
            after = re.match(r",\s+(?:a|an|the)\s+([^,.;]{2,50})", self.text[e:e + 60])
            for where in ([_DESCRIPTOR_BEFORE.search(before)] + [after]):
                if not where:
                    continue
                for pattern, kind in _KIND_DESCRIPTORS:
                    if pattern.search(where.group(1)):
                        ent.org_kind = kind
                        break

    def _person_mention(self, ch: Chunk, title: list[str], name: list[str]):
        g = _gender_of_title(title) or (_first_name_gender(name[0]) if len(name) > 1 else "")
        ent = self._match_person(name, g, title, ch.start)
        if ent is None:
            if len(name) == 1 and not title:
                return
            ent = self._add_person(name, g, short=len(name) == 1)
        if g and not ent.gender:
            ent.gender = g
        if title and not any(_norm(t) in HONORIFICS or _norm(t) in ROLE_NOUNS for t in title):
            title = []  # "Rival Hillary Clinton": a description, not a title
        s = ch.starts[len(ch.words) - len(name) - len(title)]
        surface = self.text[s:ch.end]
        ent.mentions.append((s, ch.end, surface))
        if surface not in ent.aliases:
            ent.aliases.append(surface)
        if title and not all(_norm(t) in PURE_HONORIFICS for t in title):
            role = " ".join(t for t in title if _norm(t) not in PURE_HONORIFICS)
            if role and role.lower() not in (r.lower() for r, _ in ent.roles):
                ent.roles.append((role, None))
        self.mentions.append((s, ch.end, surface, ent))

    # "At a press conference in Chelsea, the mayor said": a name after "in" is a place.
    _AFTER_PLACE_WORD = re.compile(r"\b(?:in|near|across|outside|throughout)\s+$")

    def _unknown_mention(self, ch: Chunk, name: list[str]):
        """A capitalised name that is neither clearly a person nor an organisation."""
        if len(name) > 4:
            return
        g = ""
        ent = None
        if len(name) == 1:
            ent = self._match_person(name, g, [], ch.start)
            word = name[0]
            # "Conway said", and "Christie, who has campaigned ...": "who" is said of people.
            who = self.text[ch.end:ch.end + 6].startswith(", who ")
            if ent is None and (self._speaks(ch) or who) and not word.isupper() and word not in CAP_STOPWORDS \
                    and word.lower() not in PLACES and not _demonym(word) and word not in ORG_HEADS \
                    and word not in NEUTRAL_HEADS and word.lower() not in MONTH_NAMES \
                    and not self._AFTER_PLACE_WORD.search(self.text, max(0, ch.start - 12), ch.start):
                ent = self._add_person(name, "", short=True)
        elif len(name) >= 2:
            # "Kellyanne Conway": a two- or three-word name whose last word the article uses alone
            # or with a title, or who speaks ("Conway said").
            last = name[-1]
            after = self.text[ch.end:ch.end + 40].lstrip(" ,")
            speaks = self._speaks(ch)
            apposition = after.startswith("the ") or after.startswith("a ")
            who = self.text[ch.end:ch.end + 6].startswith(", who ")
            appos_role = apposition and bool(re.match(r"(?:the|a)\s+(?:[\w\-’']+\s+){0,5}?(?:"
                                                        + "|".join(ROLE_NOUNS) + r")\b", after))
            reused = re.search(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sen|Gov|Rep)\.? " + re.escape(last) + r"\b", self.text)
            # A name the article already made a person ("Suu Kyi" again) is that person here too.
            ent = self._match_person(name, g, [], ch.start) if tuple(name) in self.name_tails else None
            surname_speaks = last in self.speaking_surnames
            if ent is None and (speaks or appos_role or reused or who or surname_speaks) and len(name) >= 2:
                if not any(w.lower() in PLACES for w in name) and all(not w.isupper() for w in name):
                    ent = self._match_person(name, g, [], ch.start) or self._add_person(name, "")
        if ent is None:
            return
        s = ch.starts[len(ch.words) - len(name)]
        surface = self.text[s:ch.end]
        ent.mentions.append((s, ch.end, surface))
        if surface not in ent.aliases:
            ent.aliases.append(surface)
        self.mentions.append((s, ch.end, surface, ent))

    _CUE_AFTER = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?(?:,\s+[^,.;:\"“”]{1,100}){0,2},?\s*(?:also\s+|later\s+|then\s+)?(?:said|says|told|tells|added|adds|"
                            r"wrote|writes|argued|argues|tweeted|stated|explained|noted|insisted|warned|claimed|"
                            r"continued|asked|replied|responded|recalled|acknowledged|admitted|declared)\b")
    _CUE_BEFORE = re.compile(r"(?:said|says|according\s+to|added|asked|wrote|told|explained|continued|noted|argued|"
                             r"warned|insisted|stated|observed|recalled|replied|responded|declared|tweeted)\s+"
                             r"(?:[A-Z][\w’'.\-]*[’']s\s+)?(?:[a-z][\w\-]*\s+){0,3}$")

    def _speaks(self, ch: Chunk) -> bool:
        """A name that speaks: "O'Neill said", "said Limbaugh", "according to Limbaugh"."""
        if self._CUE_AFTER.match(self.text, ch.end):
            return True
        return bool(self._CUE_BEFORE.search(self.text[max(0, ch.start - 60):ch.start]))

    # -- roles --------------------------------------------------------------------------
    _APPOSITION = re.compile(r",\s+(?P<role>(?:the|a|an|his|her|their|[A-Z][\w\-]*(?:\s[A-Z][\w\-]*)*[’']s)\s+"
                             r"[^,.;:“”\"()]{2,80}?)(?=,|\.|;|\s+(?:said|says|told|has|had|is|was|will|who))")

    def _roles(self):
        """Roles in apposition: "Boris Johnson, the Foreign Secretary," becomes an affiliation."""
        for _s, e, _surface, ent in list(self.mentions):
            if ent.kind != "person":
                continue
            m = self._APPOSITION.match(self.text, e)
            if not m:
                continue
            role = m["role"]
            words = role.split()
            if not any(w.lower().strip("’'s") in ROLE_NOUNS or w.lower() in ROLE_NOUNS for w in words):
                continue
            if any(w in CUE_LEMMA for w in words):
                continue
            org = None
            for ms, _me, _, oent in self.mentions:
                if m.start("role") <= ms < m.end("role") and oent.kind == "organisation":
                    org = oent.name
            clean = re.sub(r"^(?:the|a|an)\s+", "", role)
            if clean.lower() not in (r.lower() for r, _ in ent.roles):
                ent.roles.append((clean, org))

    def _role_mentions(self):
        """A role used alone ("the Prime Minister") names the person the article or the database
        says holds it, when the article names that person."""
        role_holder: dict[str, _Ent] = {}
        for p in self.people:
            for role, _org in p.roles:
                r = re.sub(r"^(?:the|a|an|his|her)\s+", "", role.lower())
                if len(r.split()) <= 4:
                    role_holder.setdefault(r, p)
        for kp in self.known:
            for role in kp.roles:
                ent = self._find_by_name(kp.name)
                if ent:
                    role_holder.setdefault(role.lower(), ent)
        for role in knowledge.ROLE_NAMES:
            for holder in knowledge.holders(role, self.published):
                ent = self._find_by_name(holder)
                if ent:
                    role_holder.setdefault(role, ent)
        if not role_holder:
            return
        taken = [(m[0], m[1]) for m in self.mentions]
        roles = sorted(role_holder, key=len, reverse=True)
        pattern = re.compile(r"\b(?:the|The)\s+(" + "|".join(
            re.escape(r).replace(r"\-", r"[\- ]").replace(r"\ ", r"[\- ]") for r in roles) + r")\b(?!-\w)",
            re.IGNORECASE)
        for b in self.blocks:
            for m in pattern.finditer(self.text, b.start, b.end):
                role = m.group(1).lower().replace(" elect", "-elect")
                ent = role_holder.get(role) or role_holder.get(m.group(1).lower())
                if ent is None:
                    continue
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                # A lower-case role names someone in general ("the president of a company")
                # unless it is followed by a verb or a comma; a capitalised one is a title.
                if m.group(1)[0].islower() and self.text[m.end():m.end() + 4] == " of ":
                    continue
                # A mention, never an alias: a role names different people over time and across
                # articles ("Prime Minister" would join every holder into one record).
                surface = m.group(0)
                ent.mentions.append((m.start(), m.end(), surface))
                self.mentions.append((m.start(), m.end(), surface, ent))

    def _find_by_name(self, name: str) -> _Ent | None:
        words = name.replace(".", "").split()
        for p in self.people:
            if p.name_words and p.surname == words[-1] and (p.short or p.first == words[0] or len(p.name_words) == 1):
                return p
        return None

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
