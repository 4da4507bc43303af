"""What kind of source a claim has, for editors: a person or an organisation record, else what its
words name: a pronoun left unresolved ("they"), a group of people ("experts", "40 percent of
voters"), a document ("the poll", "the report"), or words naming no one the extractor can tell
("the Florida senator", "a federal judge"): unresolved.

A claim with neither a speaker nor an organisation is not always a fault: a group or a document
is what the article names. The kind tells which of those claims need an editor's eye.
"""
from __future__ import annotations

import re

PERSON, ORGANISATION, PRONOUN, GROUP, DOCUMENT, UNRESOLVED = (
    "person", "organisation", "pronoun", "group", "document", "unresolved")
KINDS = (PERSON, ORGANISATION, PRONOUN, GROUP, DOCUMENT, UNRESOLVED)

_PRONOUNS = frozenset("i we you he she it they one me us him her them his its their our my your".split())
# Head nouns of writings, broadcasts and figures that say things: "the poll found", "the ad says".
DOCUMENT_NOUNS = frozenset("""poll polls survey surveys report reports study studies statement statements letter
letters email emails memo memos ad ads advert advertisement lawsuit suit complaint filing filings ruling
document documents analysis analyses data figures numbers results editorial column article story book
release tweet tweets post posts video message messages speech transcript record records estimate estimates
polling research review audit investigation indictment affidavit order bill law platform website page
note notes chart projection projections forecast index census""".split())
# Words that make a phrase a group of people: quantities and shares, and plural people nouns.
_QUANTITIES = frozenset("""some many most several few others other another all both majority minority half plurality
handful number dozens hundreds thousands millions percent those these people""".split())
_NUMBER = re.compile(r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozen)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][\w’'\-]*")


def source_kind(has_person: bool, has_organisation: bool, words: str) -> str:
    """The kind of a claim's source, from its records and the words naming it."""
    if has_person:
        return PERSON
    if has_organisation:
        return ORGANISATION
    tokens = [w.lower() for w in _WORD.findall(words or "")]
    if not tokens:
        return UNRESOLVED
    if len(tokens) <= 2 and tokens[0] in _PRONOUNS:
        return PRONOUN
    head = tokens[-1]
    if head in DOCUMENT_NOUNS or (len(tokens) > 2 and any(t in DOCUMENT_NOUNS for t in tokens[1:3])
                                  and tokens[0] in ("the", "a", "an", "this", "that", "its", "his", "her", "their")):
        return DOCUMENT
    raw = _WORD.findall(words)
    plural = head.endswith("s") and not head.endswith(("ss", "us", "is")) and (raw[-1][:1].islower() or len(raw) == 1)
    if tokens[0] in _QUANTITIES or any(t in ("percent", "majority", "handful") for t in tokens) \
            or _NUMBER.match(words.strip()) or plural:
        return GROUP
    return UNRESOLVED
