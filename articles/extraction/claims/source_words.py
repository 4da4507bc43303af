"""The words of a source phrase that name nobody (issue #22, pages of other outlets): a dateline before
the subject ("BOISE, Idaho – Farmers across the region"), an aside between dashes after it ("Growers — and
some millers —"), an adverb before or after it ("Now the council", "The mayor instead"), a trailing auxiliary
or negation ("Farmers didn’t"), the relative pronoun after a short noun phrase, its head ("Another neighbour
who"), a contracted auxiliary ("I’ve"), a clause that only places the next in time ("This comes as the
ministry"), and a noun before a subject pronoun it does not head ("In my speech I"). Pure string work on the
phrase; used for learned cues' sources (`cues._subject_phrase`), rule sources left as words (`content.add`)
and the resolver's phrase picks (`resolver._name`).
"""
from __future__ import annotations

import re

from ..lexicon import CUE_LEMMA
from .openers import LY_NOT_ADVERB

# Adverbs of time, sequence and stance that stand before or after a subject, never in a name.
_ADVERBS = frozenset("""now then later instead also still again too first originally initially previously
subsequently eventually finally once today yesterday tonight meanwhile maybe perhaps so yet thus hence
indeed apparently already always never often sometimes""".split())
# Only these open the phrase before its subject: "first", "once", "so" may begin a noun phrase.
_LEADING = frozenset("""now then later instead also still again meanwhile maybe perhaps yet thus hence indeed
apparently""".split())
_RELATIVE = frozenset("who which that".split())
_AUXILIARIES = frozenset("""would will can could should may might must shall do does did has have had is are was were be
been not just even only""".split())
_SUBJECT_PRONOUNS = frozenset("i we you he she they".split())
_BARE = frozenset("i we you who which that".split())
_CONTRACTED = re.compile(r"^(I|we|you|he|she|they)[’'](?:ve|m|re|d|ll)$", re.IGNORECASE)
# A place (capitalised words and abbreviations, commas, an agency in brackets) and a dash: a dateline.
_DATELINE = re.compile(r"(?:[A-Z][\w.’'\-]*,?\s+){0,4}(?:\([^()]{1,30}\)\s*)?[—―–-]+\s+(?=\S)")
_ASIDE_END = re.compile(r"\s[—―–-]+\s*$")  # an aside set off by dashes ends the phrase
# "This comes as ...", "It came after ...": a clause that only places the next one in time.
_PLACING = re.compile(r"^(?:this|that|it|which)\s+(?:comes?|came|follows|followed|happened|happens)\s+"
                      r"(?:as|after|amid|while|when|days?\s+after|weeks?\s+after)\s+", re.IGNORECASE)


def in_name(word: str, first: bool, title: bool = False) -> bool:
    """Whether a word that is an adverb, an auxiliary or a relative pronoun in lower case belongs to a name:
    capitalised after a phrase's first word ("USA Today", "Theresa May", "The Who", "Take That"); the first
    word's capital only opens the sentence ("Now the council"), and in a title-case line every word has one
    ("Hillary Just Vowed ...": see `title_case`)."""
    return not first and not title and word[:1].isupper()


def title_case(text: str, end: int) -> bool:
    """Whether the phrase ending at `end` stands in a title-case line: the word right after it (the cue)
    is capitalised too ("This Panel Just Dismissed ..."); a comma or a period after it tells nothing."""
    m = re.match(r"[ \t]+(\S)", text[end:end + 8])
    return m is not None and m.group(1).isupper() and not modal_name(text, end)


# A modal's word capitalised right before an inflected verb ("Theresa May Says", "Brexit: May Warns", "Jo Will
# Claimed"): a modal takes the bare verb ("May Say"), so the word is a name's (a surname, not the auxiliary).
_MODAL_BEFORE = re.compile(r"(?:^|\s)(?:May|Will|Can|Must|Shall|Might)$")
_INFLECTED = re.compile(r"[ \t]+(?:Said|Told|[A-Z][a-z]+(?<!s)s|[A-Z][a-z]+ed)\b")


def modal_name(text: str, end: int) -> bool:
    """Whether the word ending at `end` is a capitalised modal before an inflected verb (`_MODAL_BEFORE`)."""
    return _MODAL_BEFORE.search(text, max(0, end - 7), end) is not None and _INFLECTED.match(text, end) is not None


# A name that opens with a modal's word ("Can Dundar", "Will Smith"): capitalised words only.
_MODAL_LED = re.compile(r"(?:May|Will|Can|Must|Shall|Might)(?:[ \t]+[A-Z][\w.’'-]*){1,3}")


def modal_named(text: str, start: int, end: int) -> bool:
    """Whether the phrase text[start:end] is a name holding a modal's word before an inflected verb: the modal
    ends it (`modal_name`: "Theresa May Says") or opens a run of capitalised words ("Can Dundar Says", "Will
    Smith Warns": a question's modal takes the bare verb, "Will Voters Say ...?")."""
    return modal_name(text, end) or (_MODAL_LED.fullmatch(text, start, end) is not None
                                     and _INFLECTED.match(text, end) is not None)


def after_subject(word: str, title: bool = False) -> bool:
    """Whether a word after a subject is no part of it: an auxiliary or a modal, also negated, or an adverb
    ("Farmers didn’t", "The mayor instead", "Republicans are now"); not a name's word (`in_name`)."""
    return not in_name(word, False, title) and (_adverb(word) or (title and _title_adverb(word)) or word.lower() in _AUXILIARIES
                                                 or word.endswith(("n’t", "n't")))


def head_before_relative(before: str) -> bool:
    """Whether the words before a "that"/"which" are a short noun phrase it relates to ("People that know
    him", "The club that won the cup"): then they are the subject, not the words after the pronoun. Not a
    clause ("It is clear that", "Officials said that") nor a pronoun ("It seems that")."""
    words = before.split()  # "a lawsuit in which Democrats": after a preposition the clause has its own subject
    return 1 <= len(words) <= 5 and words[0].lower() not in _PRONOUN_LEADS and words[-1].lower() not in _PREPOSITIONS \
        and not any(w.lower() in _AUXILIARIES or w.lower() in CUE_LEMMA or w.lower() in ("according", "by")
                    or not w[:1].isalpha() or w.endswith(",") for w in words)


_PREPOSITIONS = frozenset("in of for by with from to at on under during after through about among".split())
_PRONOUN_LEADS = frozenset("it this there here he she they we i you what so such".split())


def _adverb(word: str) -> bool:
    low = word.strip(".,").lower()
    return low in _ADVERBS or (len(low) > 4 and low.endswith("ly") and word.islower() and low not in LY_NOT_ADVERB)


# The endings of adverbs made from adjectives ("Quietly", "Reportedly", "Publicly", "Openly"); not of the names
# that end in "ly" ("Kelly", "Reilly", "Connolly", "Beverly", "Emily", "Kimberly").
_ADVERB_ENDINGS = ("edly", "ally", "ously", "fully", "ively", "ingly", "lessly", "ately", "ently", "antly", "etly",
                   "enly", "ckly", "ghtly", "arly", "ply", "ctly", "stly", "ndly", "rtly", "ftly", "mly", "ibly", "ably")


def _title_adverb(word: str) -> bool:
    """A capitalised adverb in a title-case line ("Jo Hale Quietly Says ..."): an adjective's "-ly" form,
    which capitals alone do not tell from a name's last word; in a line of capitals too."""
    low = word.strip(".,").lower()
    rest = word[1:].strip(".,")
    return (len(low) > 5 and low.endswith(_ADVERB_ENDINGS) and word[:1].isupper()
            and (rest.islower() or (rest.isupper() and not low.startswith(("mc", "mac", "o'", "o’"))))
            and low not in LY_NOT_ADVERB)  # "QUIETLY" in a line of capitals; not a surname's "MCNALLY"


def _relative_after_head(words: list[re.Match]) -> bool:
    """A relative pronoun after a short noun phrase, its head ("the staff member who"); not after a clause
    ("... ran a piece that", "... backed by voters who"), whose last noun need not be the subject."""
    if words[-1].group().lower() not in _RELATIVE or len(words) > 6:
        return False
    return not any(w.group().lower() in _AUXILIARIES or w.group().lower() in CUE_LEMMA
                   or w.group().lower() in ("according", "by") for w in words[:-1])


def tidy(text: str, start: int, title: bool = False) -> tuple[str, int]:
    """The phrase without the words that name nobody, and its new start offset (the end never moves
    right). The phrase is returned unchanged when nothing would be left. `title`: the line is set in
    title case, so a capital tells no name (`in_name`)."""
    original = text, start
    m = _DATELINE.match(text)
    if m:
        rest = text[m.end():]
        if rest.split() and (all(_adverb(w) for w in rest.split()) or _ASIDE_END.search(rest)):
            # "Jordan - also sharply", "Jo Hale — to her credit —": the words before the dash speak.
            text = text[:m.end()].rstrip(" \t—―–-")
        elif rest[:1].isupper():
            text, start = rest, start + m.end()
    m = _PLACING.match(text)
    if m and m.end() < len(text):
        text, start = text[m.end():], start + m.end()
    words = list(re.finditer(r"\S+", text))
    while len(words) > 1 and words[0].group().lower() in _LEADING:
        words.pop(0)
    while len(words) > 1 and (after_subject(words[-1].group(), title)
                              or (not in_name(words[-1].group(), False, title) and _relative_after_head(words))):
        words.pop()  # ("Farmers didn’t", "The mayor instead", "a neighbour who"; not "USA Today", "The Who")
    if len(words) > 1 and words[-1].group().lower() in _SUBJECT_PRONOUNS \
            and words[-2].group().lower() not in ("and", "or", "nor", "but") and words[-2].group()[-1:] not in ",":
        words = words[-1:]  # "In my speech I": the pronoun is the subject
    if not words:
        return original
    c = _CONTRACTED.match(words[-1].group())
    first, last = words[0].start(), words[-1].end() if c is None else words[-1].start() + len(c.group(1))
    return text[first:last], start + first


def phrase_words(text: str, start: int, title: bool = False) -> tuple[str, int]:
    """A phrase the resolver picked as a source, tidied as a learned cue's is; left whole when only a bare
    pronoun would remain (see `left_bare`)."""
    words, at = tidy(text, start, title)
    return (text, start) if left_bare(words) and words != text else (words, at)


def left_bare(words: str) -> bool:
    """Whether a source phrase is a bare "I", "we" or "you" (outside a quotation: the writer or the reader)
    or a bare relative pronoun: the speaker search reads either as some name before it, so a phrase that
    tidies down to one ("I later", "who have openly") is left whole, as it was."""
    return words.lower() in _BARE


# The reader or the one asked: "you" (not "many of you", a group of readers the writer counts), a question
# ("How do you think ...", "What do you make of ..."), an imperative ("let's hope", "Let me say").
_YOU = re.compile(r"(?<!\bof\s)\byou(?:[’'](?:ve|re|d|ll))?(?=\s|$)", re.IGNORECASE)
_ASKING = re.compile(r"(?:how|what|why|where|when)\s+(?:do|does|did|would|could|can|should|will|I|we)\b|let(?:[’']s)?\b",
                     re.IGNORECASE)


def addressed(words: str) -> bool:
    """Whether a source phrase speaks to the reader or asks rather than names anyone: it holds a "you"
    ("You", "I know you", "everything else you"), or opens a question or an imperative ("How do you",
    "What I don’t", "let's"). No one is said to say the words: the claim has no source."""
    return any(not _named_you(words, m) for m in _YOU.finditer(words)) or _ASKING.match(words) is not None


def _named_you(words: str, m: re.Match) -> bool:
    """A "You" that is a name (the Chinese surname: "You Quan", "Mr You", "Chairman You"): capitalised, before a
    capitalised word no verb ("You Can", "You Know" address the reader) or after a title."""
    return m.group() == "You" and (_NAME_AFTER.match(words, m.end()) is not None
                                   or _TITLE_BEFORE.search(words, 0, m.start()) is not None)


_NAME_AFTER = re.compile(r"\s+(?!(?:Can|Could|Will|Would|Shall|Should|May|Might|Must|Have|Had|Are|Were|Do|Did|Don|Know|"
                         r"Say|See|Think|Get|Need|Want|Make|Go)\b)[A-Z][a-z]")
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Madam|Chairman|President|Premier|Minister|Governor|Secretary|Director|"
                           r"General)\.?\s+$")
