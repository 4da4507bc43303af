"""A person's possessed noun phrase as a source: in "Tom Reyes's chief of staff said" the chief of
staff speaks, not Reyes. Used by the rules (``sources``) before and after a cue, and by the source
resolver, which takes no possessor of the rules' words for the speaker."""
from __future__ import annotations

import re

from ..entities.words import ROLE_NOUNS
from ..lexicon import SOURCE_NOUNS

# What a person is called: roles, the source nouns that name people, and the people one has: kin
# ("his widow", "her niece", "their family") and ties of work and life ("his coach", "her successor",
# "his neighbour"). Not a thing ("Jo Sharp's remarks suggest", "her statement", "his campaign": the
# possessor speaks through them).
_THINGS = frozenset("analyses analysis audit campaign data documents estimates figures findings poll polls report "
                    "reports research review statement studies study survey surveys team".split())
_KIN = frozenset("""wife husband spouse partner widow widower son daughter child children parent parents brother
sister sibling siblings mother father grandmother grandfather grandparents grandson granddaughter grandchildren
niece nephew cousin uncle aunt fiance fiancé fiancee fiancée boyfriend girlfriend family relative relatives""".split())
_TIES = frozenset("""friend colleague staff assistant deputy successor predecessor rival opponent boss employer
employee mentor coach agent manager physician publicist biographer neighbour neighbor teammate classmate
roommate landlord tenant client patient ally""".split())
PERSON_NOUNS = ROLE_NOUNS | (SOURCE_NOUNS - _THINGS) | _KIN | _TIES
_POSSESSIVE = re.compile(r"['’]s?\s+")
_LOWER_WORDS = re.compile(r"(?:[a-z][\w\-]*\s*){1,8}")
# Where a phrase after the cue ends before the clause does: "said Jo Sharp's lawyer in a statement",
# "said her husband of 40 years" ("of" before a lower-case word stays: "chief of staff").
_AFTER_PHRASE = frozenset("about after at before by during for from in on over since to under with within".split())


def phrase_end(text: str, name_end: int, limit: int, skip: frozenset[str], not_nouns: frozenset[str],
               open_end: bool = False) -> int | None:
    """Where the noun phrase that a name ending at ``name_end`` possesses ends, when only lower-case
    words stand between the possessive and ``limit`` and they hold a noun phrase (trailing words of
    ``skip`` left out: "has also") headed by a noun that names a person (``PERSON_NOUNS``); None when
    a word is in ``not_nouns`` (cue words) or a word before the end is in ``skip`` ("Jo Sharp's
    always said": the "'s" is "has"). With ``open_end`` (after the cue) the phrase may end earlier,
    before a capitalised word, a number or a preposition ("said Jo Sharp's lawyer on Monday")."""
    m = _POSSESSIVE.match(text, name_end, limit)
    if m is None:
        return None
    rest = (_LOWER_WORDS.match if open_end else _LOWER_WORDS.fullmatch)(text, m.end(), limit)
    if rest is None:
        return None
    words = [(w.group(), w.end()) for w in re.finditer(r"\S+", rest.group())]
    if open_end:
        if rest.end() < limit and not text[rest.end() - 1].isspace():
            words.pop()  # a word cut short ("said Jo Sharp's lawyer's aide"): not the phrase's
        cut = next((k for k, (w, _) in enumerate(words) if w in _AFTER_PHRASE), len(words))
        words = words[:cut]
        while words and words[-1][0] == "of":
            words.pop()
    while words and words[-1][0] in skip:
        words.pop()
    if not words or len(words) > 5 or any(w in skip or w in not_nouns for w, _ in words):
        return None
    # The head: the last word, or the one before "of" ("chief of staff", "director of communications").
    heads = [w for k, (w, _) in enumerate(words) if k + 1 == len(words) or words[k + 1][0] == "of"]
    if not any(_names_person(h) for h in heads):
        return None
    return m.end() + words[-1][1]


def _names_person(word: str) -> bool:
    """A head noun naming a person, plural ("lawyers") or in-law ("sister-in-law") too."""
    word = word.removesuffix("-in-law")
    return word in PERSON_NOUNS or word.rstrip("s") in PERSON_NOUNS
