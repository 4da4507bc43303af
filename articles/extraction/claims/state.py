"""The explicit document state the claim stages share: the article, its entities and quotations,
the claims found so far with their indexes, and what discourse carries from one claim to the next
(the last speaker, the last anonymous source's organisation, a pending "He said:").

Stages read it and add claims through :func:`content.add`; nothing else holds state between them.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..budget import NO_DEADLINE, Deadline
from ..document import Document
from ..indexes import OffsetMax, SentenceQuotes, SpanIndex
from ..learned.model import CueModel, default_model
from ..lexicon import CUE_LEMMA
from ..text import QUOTE_CHARS, Quote, Sentence
from ..types import Block, Claim, Entity, Mention, Speaker
from . import antecedent

_PREPOSITIONS = frozenset("of for with by to from about against on in at into over under after before than like as".split())
_NON_SPACE = re.compile(r"\S+")
# The word before a noun: a determiner, a possessive, a preposition (short_lead).
_NOUN_BEFORE = re.compile(r"^(?:the|a|an|this|that|these|those|his|her|their|its|our|my|your|of|for|with|by|from|"
                          r"about|against|on|in|at|into|over|under|after|before|than)$|[’']s$")
_TITLE_SMALL = frozenset("of the a an and to in on for with at by from".split())


def cue_verb_in(words: list[str]) -> bool:
    """Whether a cue word stands among words as a verb: not after a determiner, a possessive or a
    preposition, where it is a noun ("the secretary of state", "Trump's remarks", "the new rule")."""
    return any(w.lower() in CUE_LEMMA and not (k and _NOUN_BEFORE.search(words[k - 1].lower()))
               for k, w in enumerate(words))


def _start(c: Claim | Quote) -> int:
    return c.start


@dataclass
class Site:
    """One cue in its sentence, and what the frames learn about it as they go."""

    bi: int
    block: Block
    sent: Sentence
    quotes: list[Quote]
    used: set[Quote]
    sent_quotes: list[Quote]
    sq: SentenceQuotes  # the sentence's quotations, indexed
    word: str
    lemma: str
    cs: int
    ce: int
    text: str  # the article text (a reference: the sentence up to the cue is sliced only on demand)
    spk: Speaker | None = None
    inverted: bool = False  # the speaker follows the cue ("said Mr Smith")
    subject_start: int = 0
    after: int = 0  # where the text after the cue (and an inverted speaker) begins
    tail: str = ""
    pre_end: int = 0  # the quotations before the subject: sq.quotes[:pre_end] (the unused ones, no titles)
    rest: str = ""  # the text after the cue, past time adjuncts and the object of "told X"
    rest_start: int = 0

    @property
    def near(self) -> str:
        # The sentence up to the cue, its last 80 characters: what the end-anchored patterns need.
        return self.text[max(self.sent.start, self.cs - 80):self.cs]

    @property
    def left(self) -> str:
        return self.text[self.sent.start:self.cs]  # the sentence up to the cue


class ClaimState:
    def __init__(self, doc: Document, entities: list[Entity], mentions: list[Mention],
                 model: CueModel | None = None, threshold: float | None = None, deadline: Deadline | None = None):
        self.doc = doc
        self.deadline = deadline or NO_DEADLINE
        self.model = model if model is not None else default_model()
        self.threshold = threshold if threshold is not None else (self.model.cue_threshold if self.model else 1.0)
        self.cue_at: set[int] = set()  # offsets of cues the rules used
        text = doc.text
        self.text = text
        self.entities = entities
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.mention_at_end = {m.end: m for m in self.mentions}
        self.mention_at_start = {m.start: m for m in self.mentions}
        self.claims: list[Claim] = []
        self.labels: dict[str, int] | None = None  # transcript labels -> how many paragraphs they open (forms)
        # The claims in self.claims, indexed: by start (value: end) for "already covered", and by end.
        self.cover = OffsetMax(len(text))
        self.ends = OffsetMax(len(text))
        self.live_ids: set[int] = set()  # ids of the claims in self.claims
        self.sorted_n = 0  # self.claims[:sorted_n] is sorted by start (the last merge's result)
        self._facts: dict[tuple[int, int], tuple[bool, bool]] = {}  # (title, full) per quotation
        self._static: dict[str, tuple[list[int], list[Mention]]] = {}  # see _static_mentions
        self._names: tuple[dict[str, int], dict[tuple[str, ...], int], dict[str, set[int]]] | None = None  # see entity_named
        self.content_spans = SpanIndex(len(text))  # claims' content spans, each with its claim
        self.spent = SpanIndex(len(text))  # content spans of cues that found no source (no claim made)
        self.last: Speaker | None = None  # speaker of the latest claim
        self.last_block = -10
        self.last_source_org: int | None = None  # organisation of the latest anonymous source
        self.source_bodies: dict[str, int | None] = {}  # the same, per source noun ("official", "source")
        self.pending_colon: Speaker | None = None  # "He said:" at a paragraph's end
        self.last_person: Speaker | None = None  # speaker of the latest claim made by a person
        self.last_claim_start = -1  # start of the latest claim made by a person
        self.cue_pos: int | None = None  # the cue being placed (recorded in cue_at when it makes a claim)
        self.frame = ""  # the frame placing content now: every claim records it
        self.quoted = [(q.start, q.end) for qs in doc.quotes for q in qs]  # spans inside quotation marks
        self.quoted_index = SpanIndex(len(text))
        for qs_, qe_ in self.quoted:
            self.quoted_index.add(qs_, qe_, (qs_, qe_))
        self.sentence_starts = {s.start for sents in doc.sentences for s in sents}
        self.sentence_list = sorted(self.sentence_starts)
        # The learned pronoun ranker (antecedent.py) and its index of the article, built when first asked.
        self.antecedent_model = antecedent.default_model()
        self.antecedent_context: antecedent.Context | None = None
        self.speech_words: list[tuple[int, int]] | None = None  # inflected verbs of saying (content._reports_speech)

    def in_quote(self, pos: int) -> bool:
        return pos in self.quoted_index

    def entity(self, i: int | None) -> Entity | None:
        return self.entities[i] if i is not None else None

    def mention_ending(self, pos: int) -> Mention | None:
        """The mention ending at pos, allowing a possessive-free trailing space."""
        return self.mention_at_end.get(pos)

    def mentions_within(self, start: int, end: int) -> list[Mention]:
        """The mentions with start <= m.start and m.end <= end, in order (bisected, not scanned)."""
        ms = self.mentions
        return [ms[i] for i in range(bisect_left(self.mention_starts, start), bisect_right(self.mention_starts, end))
                if ms[i].end <= end]

    def mentions_back(self, start: int, end: int):
        """The same mentions, latest first, one at a time (a caller that stops early reads few)."""
        ms = self.mentions
        for i in range(bisect_right(self.mention_starts, end) - 1, bisect_left(self.mention_starts, start) - 1, -1):
            if ms[i].end <= end:
                yield ms[i]

    def in_content(self, pos: int) -> bool:
        return pos in self.content_spans

    def static_mentions(self, kind: str) -> tuple[list[int], list[Mention]]:
        """Mentions outside quotations (in order, with their starts) of organisations ("org") or of
        people a pronoun of a gender may name ("m", "f", "any"): filtered once, then bisected."""
        cache = self._static
        if kind not in cache:
            def keep(ent: Entity) -> bool:
                if kind == "org":
                    return ent.kind == "organisation"
                return ent.kind == "person" and (kind == "any" or not ent.gender or ent.gender == kind)

            kept = [men for men in self.mentions if keep(self.entities[men.entity]) and not self.in_quote(men.start)]
            cache[kind] = ([men.start for men in kept], kept)
        return cache[kind]

    def is_subject(self, men: Mention) -> bool:
        """Whether a mention opens its sentence (after at most a few title words)."""
        i = bisect_right(self.sentence_list, men.start) - 1
        if i < 0:
            return False
        lead = self.text[self.sentence_list[i]:men.start]
        # "At the hearing, presidential nominee Hillary Clinton was ...": a fronted phrase, then the subject.
        lead = lead.rsplit(",", 1)[-1]
        words = lead.lower().split()
        if len(words) > 3 or (words and words[-1] in _PREPOSITIONS):
            return False
        return not re.match(r"['’]s\b", self.text[men.end:men.end + 3])

    def live_add(self, c: Claim) -> None:
        self.cover.add(c.start, c.end, c)
        self.ends.add(c.end, c.end, c)
        self.live_ids.add(id(c))

    def live_remove(self, c: Claim) -> None:
        self.cover.remove(c.start, c.end, c)
        self.ends.remove(c.end, c.end, c)
        self.live_ids.discard(id(c))

    def set_end(self, c: Claim, end: int) -> None:
        """Move a claim's end (its text follows), keeping the indexes of self.claims in step."""
        live = id(c) in self.live_ids
        if live:
            self.live_remove(c)
        c.end = end
        c.text = self.text[c.start:end]
        if live:
            self.live_add(c)

    def quote_facts(self, q: Quote) -> tuple[bool, bool]:
        """Whether a quotation is a title and whether it is a full quotation, worked out once each."""
        key = (q.start, q.end)
        facts = self._facts.get(key)
        if facts is None:
            facts = self._facts[key] = (self.title_quote(q), self.full_quote(q))
        return facts

    def is_title(self, q: Quote) -> bool:
        return self.quote_facts(q)[0]

    def is_full(self, q: Quote) -> bool:
        return self.quote_facts(q)[1]

    def title_quote(self, q: Quote) -> bool:
        """A quoted title, not words said: 'On this weekend's broadcast of "Fox News Sunday," Pence
        said ...': a few capitalised words after "of", "on", "titled" or a possessive."""
        s, e = q.inner(self.text)
        words = re.findall(r"[\w’'\-]+", self.text[s:e])
        if not 1 <= len(words) <= 6 or not words[0][:1].isupper() or re.search(r"[.!?]", self.text[s:e]):
            return False
        if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL for w in words):
            return False
        return bool(re.search(r"(?:\b(?:of|on|in|titled|called|named|dubbed)|[’']s)\s*$", self.text[max(0, q.start - 12):q.start]))

    def full_quote(self, q: Quote) -> bool:
        """A quotation of its own (a sentence or more), not a scare-quoted word."""
        s, e = q.inner(self.text)
        inner = self.text[s:e]
        n = len(re.findall(r"\w+", inner))
        return n >= 4 or (n >= 2 and inner.rstrip()[-1:] in ".!?,")

    def entity_named(self, words: str) -> int | None:
        """The entity a headline's name refers to: a full name or alias, else a person's surname;
        a person's full name the body gives only in part ("Ann Coulter:" for the body's "Coulter");
        a first name only one person of the article bears ("Hillary:" for Hillary Clinton)."""
        if self._names is None:  # built once: a transcript asks for every paragraph
            self._names = self._name_index()
        low = words.lower()
        full, surnames, firsts = self._names
        if low in full:
            return full[low]
        parts = tuple(low.split())
        if parts in surnames:
            return surnames[parts]
        if len(parts) >= 2:
            # The body knows the person by the surname alone (a one-word record): the full name is theirs.
            last = full.get(parts[-1])
            if last is not None and self.entities[last].kind == "person" and len(self.entities[last].name.split()) == 1:
                return last
        if len(parts) == 1 and len(firsts.get(parts[0], ())) == 1:
            return next(iter(firsts[parts[0]]))
        return None

    def _name_index(self) -> tuple[dict[str, int], dict[tuple[str, ...], int], dict[str, set[int]]]:
        """Full names and aliases, people's surnames, and people's first names -> entity indexes."""
        full: dict[str, int] = {}
        surnames: dict[tuple[str, ...], int] = {}
        firsts: dict[str, set[int]] = {}
        for i, e in enumerate(self.entities):
            for name in (e.name, *e.aliases):
                full.setdefault(name.lower(), i)
            parts = e.name.lower().split()
            if e.kind == "person":
                # A surname of one word, or of several ("De Blasio" for Bill de Blasio).
                for n in range(1, len(parts)):
                    surnames.setdefault(tuple(parts[-n:]), i)
                if len(parts) >= 2:
                    firsts.setdefault(parts[0], set()).add(i)
        return full, surnames, firsts

    def sort_claims(self) -> None:
        """Sort self.claims by start (stably), as sorted() would: the claims up to sorted_n already
        are, so only the new ones are sorted and put in place (linear over an article)."""
        claims, n0 = self.claims, self.sorted_n
        new = sorted(claims[n0:], key=_start)
        if new:
            i = bisect_right(claims, new[0].start, 0, n0, key=_start)  # older claims starting later
            if i < n0:
                new = sorted(claims[i:n0] + new, key=_start)
            del claims[i:]
            claims.extend(new)
        self.sorted_n = len(claims)

    def last_was_quote(self) -> bool:
        """Whether the rules' latest claim is a quotation: a cue only the model found after it (often in
        the attribution's tail: '“...,” she said, referring to ...') does not end the speaker's voice,
        as it names no speaker for what follows (:func:`content.add`)."""
        for c in self.claims[:-4:-1]:
            if c.kind == "quote" or self.text[c.end - 1:c.end] in QUOTE_CHARS:
                return True
            if c.origin != "model":
                return False
        return False

    def short_lead(self, start: int, end: int) -> bool:
        """Whether text[start:end] has 1 to 40 words and no cue word used as a verb among them (reads
        at most 41): a cue noun makes no attribution of its own."""
        words = []
        for m in _NON_SPACE.finditer(self.text, start, end):
            words.append(m.group())
            if len(words) > 40:
                return False
        return bool(words) and not cue_verb_in(words)

    def comma_before(self, start: int, end: int, the: bool = False) -> bool:
        r"""re.search(r",\s*$", text[start:end]) (with the: r",\s*(?:[Tt]he\s+)?$"), without the copy."""
        text = self.text
        e = self.rstrip_end(start, end)
        if e > start and text[e - 1] == ",":
            return True
        if the and e < end and e - start >= 3 and text[e - 3:e] in ("the", "The"):
            e = self.rstrip_end(start, e - 3)
            return e > start and text[e - 1] == ","
        return False

    def rstrip_end(self, start: int, end: int) -> int:
        """len(text[start:end].rstrip()) + start, without the copy."""
        text = self.text
        while end > start and text[end - 1].isspace():
            end -= 1
        return end
