"""A person's possessed noun phrase as a source: in "Tom Reyes's chief of staff said" the chief of
staff speaks, not Reyes. The rules (``sources``) keep such a phrase as the source's words whatever
its head, before and after a cue ("Tom Reyes's letter said", as the corpus names "X's campaign",
"X's letter"), unless the "'s" is "has" (:func:`has_only`); the source resolver takes no possessor
of a phrase naming a person (``PERSON_NOUNS``) for the speaker, and may give a thing to its owner."""
from __future__ import annotations

import re

from ..entities.words import ROLE_NOUNS
from ..lexicon import SOURCE_NOUNS
from .openers import LY_NOT_ADVERB

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
# After a "'s" that is "has": the caller's gap words, these adverbs and any in "-ly", no noun ("Jo
# Sharp's always said", "'s long argued", "'s repeatedly said").
_HAS_ADVERBS = frozenset("always sometimes ever never long".split())
_POSSESSIVE = re.compile(r"['’]s?\s+")
_LOWER_WORDS = re.compile(r"(?:[a-z][\w\-]*\s*){1,8}")
# Where a phrase after the cue ends before the clause does: "said Jo Sharp's lawyer in a statement",
# "said her husband of 40 years" ("of" before a lower-case word stays: "chief of staff").
_AFTER_PHRASE = frozenset("about after at before by during for from in on over since to under with within".split())


def phrase_end(text: str, name_end: int, limit: int, skip: frozenset[str], not_nouns: frozenset[str],
               open_end: bool = False, any_head: bool = False) -> int | None:
    """Where the noun phrase that a name ending at ``name_end`` possesses ends, when only lower-case
    words stand between the possessive and ``limit`` and they hold a noun phrase (trailing words of
    ``skip`` left out: "has also") headed by a noun that names a person (``PERSON_NOUNS``; any noun
    with ``any_head``); None when a word is in ``not_nouns`` (cue words), a word before the end is in
    ``skip`` or the words are all adverbs ("Jo Sharp's always said": the "'s" is "has"). With ``open_end`` (after the cue) the phrase may end earlier,
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
    if not words or len(words) > 5 or any(w in skip or w in not_nouns for w, _ in words) \
            or has_only(" ".join(w for w, _ in words), skip):
        return None
    # The head: the last word, or the one before "of" ("chief of staff", "director of communications").
    heads = [w for k, (w, _) in enumerate(words) if k + 1 == len(words) or words[k + 1][0] == "of"]
    if not any_head and not any(_names_person(h) for h in heads):
        return None
    return m.end() + words[-1][1]


def has_only(words: str, skip: frozenset[str]) -> bool:
    """Whether the words after a "'s" are all adverbs or auxiliaries (``skip``), so that the "'s" is "has"."""
    return all(w in skip or w in _HAS_ADVERBS or (w.endswith("ly") and w not in LY_NOT_ADVERB) for w in words.split())


def _names_person(word: str) -> bool:
    """A head noun naming a person, plural ("lawyers") or in-law ("sister-in-law") too."""
    word = word.removesuffix("-in-law")
    return word in PERSON_NOUNS or word.rstrip("s") in PERSON_NOUNS
