"""A person's possessed noun phrase as a source: in "Tom Reyes's chief of staff said" the chief of
staff speaks, not Reyes. Used by the rules (``sources``) before and after a cue, and by the source
resolver, which takes no possessor of the rules' words for the speaker."""
from __future__ import annotations

import re

from ..entities.words import ROLE_NOUNS
from ..lexicon import SOURCE_NOUNS

# What a person is called: roles, the source nouns that name people, kin ("his wife"). Not a thing
# ("Jo Sharp's remarks suggest", "her statement", "his campaign": the possessor speaks through them).
_THINGS = frozenset("analyses analysis audit campaign data documents estimates figures findings poll polls report "
                    "reports research review statement studies study survey surveys team".split())
PERSON_NOUNS = (ROLE_NOUNS | (SOURCE_NOUNS - _THINGS) | frozenset(
    "wife husband son daughter brother sister mother father spouse partner friend colleague staff".split()))
_POSSESSIVE = re.compile(r"['’]s?\s+")
_LOWER_WORDS = re.compile(r"(?:[a-z][\w\-]*\s*){1,8}")


def phrase_end(text: str, name_end: int, limit: int, skip: frozenset[str], not_nouns: frozenset[str]) -> int | None:
    """Where the noun phrase that a name ending at ``name_end`` possesses ends, when only lower-case
    words stand between the possessive and ``limit`` and they hold a noun phrase (trailing words of
    ``skip`` left out: "has also") headed by a noun that names a person (``PERSON_NOUNS``); None when
    a word is in ``not_nouns`` (cue words) or a word before the end is in ``skip`` ("Jo Sharp's
    always said": the "'s" is "has")."""
    m = _POSSESSIVE.match(text, name_end, limit)
    if m is None:
        return None
    rest = _LOWER_WORDS.fullmatch(text, m.end(), limit)
    if rest is None:
        return None
    words = [(w.group(), w.end()) for w in re.finditer(r"\S+", rest.group())]
    while words and words[-1][0] in skip:
        words.pop()
    if not words or len(words) > 5 or any(w in skip or w in not_nouns for w, _ in words):
        return None
    # The head: the last word, or the one before "of" ("chief of staff", "director of communications").
    heads = [w for k, (w, _) in enumerate(words) if k + 1 == len(words) or words[k + 1][0] == "of"]
    if not any(h in PERSON_NOUNS or h.rstrip("s") in PERSON_NOUNS for h in heads):
        return None
    return m.end() + words[-1][1]
