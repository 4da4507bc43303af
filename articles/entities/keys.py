"""The matching keys of names: one home for the model, the importer, the admin, the API and the
extractor's workers. Pure Python (no Django), so extraction workers and migrations may use it.

- :data:`HONORIFICS` — the one list of honorifics both keys drop ("Mr", "Dr", "President" ...),
  declared in :mod:`articles.extraction.names`.
- :func:`name_key` — an organisation's key, and the key of a short form ("Mr Trump"): case,
  accents, punctuation, leading honorifics and a leading "the" removed.
- :func:`person_key` — a person's key: first + last name (+ suffix), parsed by nameparser (with
  :data:`HONORIFICS` among its titles), nicknames folded ("Joe" -> "joseph"); it lives in
  :mod:`articles.extraction.names`, which the extractor owns, and is exported from here.
- :func:`is_full_name` — does a surface form identify a person across articles?
"""
from __future__ import annotations

import re
import unicodedata

from articles.extraction.names import HONORIFICS, person_key, person_keys, remember, surname

__all__ = ["HONORIFICS", "ROLE_WORDS", "is_full_name", "name_key", "person_key", "person_keys", "remember",
           "surname"]

# Leading words a name key drops: "Mr Trump" and "trump" share a key; "The Guardian" and "Guardian".
LEADING_WORDS = HONORIFICS | {"the"}
# Words that make a two-word form a role, not a full name ("Prime Minister", "Foreign Secretary").
ROLE_WORDS = frozenset({"minister", "secretary", "president", "president-elect", "leader", "chancellor",
                        "spokesman"})


def name_key(name: str) -> str:
    """The matching key of a name: case, accents, punctuation and leading honorifics removed.

    "Mr Trump" and "trump" share a key; so do "ISIS" and "Isis".
    """
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("’", "'")
    words = re.findall(r"[\w']+", text.replace(".", ""))
    while len(words) > 1 and words[0] in LEADING_WORDS:
        words = words[1:]
    return " ".join(words)[:200]


def is_full_name(alias: str) -> bool:
    """Two words or more, none of them a role word: a name that identifies a person across articles."""
    words = name_key(alias).split()
    return len(words) >= 2 and not any(w in ROLE_WORDS for w in words)
