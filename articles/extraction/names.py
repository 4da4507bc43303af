"""People's names parsed, not guessed: titles, first, middle, last names and suffixes split by
nameparser's HumanName. A person's matching key is first + last name (+ suffix), so "Donald J.
Trump", "Donald Trump" and "Mr. Donald Trump" share one key; a surname alone keys on the surname."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from nameparser import HumanName
from nameparser.config import Constants

_POSSESSIVE = re.compile(r"[’']s?$")

# The honorifics every matching key drops, declared once: name_key (articles.entities.keys) strips them
# from the front of any name, person_key's parser reads them as titles. nameparser's own, longer list of
# titles ("Secretary", "General" ...) stays with person_key only: as a name's first word it is a role
# before a person ("General Mattis") but part of an organisation's name ("General Motors").
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "prof",
                        "professor", "rev", "president", "senator", "sen", "rep", "gov", "governor"})
_CONSTANTS = Constants()
_CONSTANTS.titles.add(*HONORIFICS)

# Common English short forms of first names, keyed to the full form, so "Joe Biden" and "Joseph R.
# Biden" share a key. Only unambiguous pairs: "Pat" (Patrick, Patricia) is left alone.
NICKNAMES = {
    "joe": "joseph", "bill": "william", "will": "william", "billy": "william", "bob": "robert",
    "bobby": "robert", "rob": "robert", "mike": "michael", "mick": "michael", "jim": "james",
    "jimmy": "james", "tom": "thomas", "tommy": "thomas", "dick": "richard", "rick": "richard",
    "ted": "edward", "ed": "edward", "eddie": "edward", "chuck": "charles", "charlie": "charles",
    "dave": "david", "dan": "daniel", "danny": "daniel", "steve": "stephen", "tony": "anthony",
    "ben": "benjamin", "nick": "nicholas", "andy": "andrew", "jeff": "jeffrey", "greg": "gregory",
    "larry": "lawrence", "jerry": "gerald", "ron": "ronald", "don": "donald", "ken": "kenneth",
    "matt": "matthew", "chris": "christopher", "liz": "elizabeth", "beth": "elizabeth", "kate": "katherine",
    "katie": "katherine", "becky": "rebecca", "jenny": "jennifer", "sue": "susan", "peggy": "margaret",
    "hank": "henry", "harry": "henry", "jack": "john", "johnny": "john", "tim": "timothy", "sam": "samuel",
}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("’", "'")
    return " ".join(re.findall(r"[\w']+", text.replace(".", "")))


# Keys another process already computed (an import's extraction workers send them with each
# article): the writer looks them up instead of parsing every name again.
_GIVEN: dict[str, str] = {}


def remember(keys: dict[str, str]) -> None:
    if len(_GIVEN) < 200_000:
        _GIVEN.update(keys)


def person_key(name: str) -> str:
    """The key that identifies a person across articles (middle names and titles dropped)."""
    given = _GIVEN.get(name)
    return given if given is not None else _person_key(name)


def person_keys(names) -> dict[str, str]:
    """{name: key} for many names, to send along with an extraction."""
    return {n: person_key(n) for n in names}


@lru_cache(maxsize=65536)
def _person_key(name: str) -> str:
    name = _POSSESSIVE.sub("", (name or "").strip())
    h = HumanName(name, constants=_CONSTANTS)
    first, last, suffix = h.first, h.last, h.suffix
    if not last:  # one word: a surname used alone ("Obama"), or a mononym
        parts = [first or h.title or name]
    else:
        parts = [NICKNAMES.get(_fold(first), first), last, suffix]
    return _fold(" ".join(p for p in parts if p))[:200]


def surname(name: str) -> str:
    h = HumanName(_POSSESSIVE.sub("", (name or "").strip()), constants=_CONSTANTS)
    return _fold(h.last or h.first or name)
