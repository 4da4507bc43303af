"""The entity finder's word lists and word tests: titles, roles, known organisations, first names."""
from __future__ import annotations

import re

from ..lexicon import (
    CAP_STOPWORDS,
    DEMONYMS,
    FEMALE_NAMES,
    HONORIFICS,
    KNOWN_ORGS,
    MALE_NAMES,
    ORG_HEADS,
    PLACES,
    PURE_HONORIFICS,
    _data,
    _words,
)

# An initial: "J.".
_INITIAL = re.compile(r"[A-Z]\.")
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


# Party words open a sentence ("Democratic Sen. Claire McCaskill") but belong to an organisation's
# name: "Democratic National Committee", "Republican Party", "Labour Party".
PARTY_WORDS = frozenset("Democratic Democrat Republican Conservative Labour Liberal Independent".split())
# A party's members named by its plural: people, not a body ("Democrats on the committee").
MEMBERS_WORDS = frozenset("Democrats Republicans Conservatives Tories Liberals".split())


def members_keep_whole(words: list[str]) -> bool:
    """Whether a word before a party's members ("... Democrats") makes the whole their name: a
    chamber or office ("House Republicans"), an organisation's head word ("College Republicans",
    "Oversight Committee Republicans"), a people, or a place ("New Hampshire Democrats"). Words that
    only describe or count them ("Leading Democrats", "We Democrats") do not."""
    return any(_norm(w) in ROLE_QUALIFIERS or w in ORG_HEADS or _demonym(w) or w.lower() == "congressional"
               or any(" ".join(words[k:j]).lower() in PLACES for j in range(k + 1, len(words)))
               for k, w in enumerate(words[:-1]))


# Offices one is addressed by ("Mr. President", "Madam Speaker"): after an honorific they are no surname.
ADDRESS_ROLES = frozenset("president speaker chairman chairwoman chair secretary ambassador mayor governor minister "
                          "commissioner justice premier chancellor".split())


def _honorific_surname(words: list[str]) -> bool:
    """"Mr. King", "Ms. Judge": an honorific and a surname that is also a role word."""
    return (len(words) == 2 and _norm(words[0]) in PURE_HONORIFICS and _norm(words[1]) in ROLE_NOUNS
            and _norm(words[1]) not in ADDRESS_ROLES)


# Titles only when abbreviated with a full stop ("Del. Stacey Plaskett", a delegate; "Tom Del Beccaro").
DOTTED_TITLES = frozenset({"del"})


def _split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """Split leading honorifics and role titles from a name: "Prime Minister Theresa May",
    "Senate Majority Leader Mitch McConnell", "Democratic Sen. Claire McCaskill"."""
    last_title = -1
    k = 0
    while k < len(words) - 1:
        lw = _norm(words[k])
        if lw in HONORIFICS or lw in ROLE_NOUNS or (words[k].endswith(".") and lw in DOTTED_TITLES):
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


def _first_name_gender(word: str) -> str:
    if word in MALE_NAMES and word not in FEMALE_NAMES:
        return "m"
    if word in FEMALE_NAMES and word not in MALE_NAMES:
        return "f"
    return ""
