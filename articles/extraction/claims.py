"""Claims: direct quotes, reported speech and mixed forms, each with its speaker and cue.

The rules read one block (paragraph or bullet) at a time, sentence by sentence:

1. every reporting verb ("said", "told", "warned", "according to") outside quotation marks is a
   candidate cue; its speaker is the noun phrase before it (a name, a pronoun, an anonymous
   source, "who", a coordinated "and said") or, inverted, after it ("said Mr Smith");
2. the cue's content is the quotation before it ("...," he said), the quotation after a colon or
   comma (he said: "..."), or the clause after it (he said that ...; X accused Y of ...);
3. quotations no cue claims are attributed to the speaker of the previous quotation when they
   continue it (the next sentence, or a paragraph that opens with a quotation mark).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .budget import NO_DEADLINE, Deadline
from .document import Document
from .indexes import OffsetMax, SentenceQuotes, SpanIndex
from .learned.features import cue_features, in_quotes, lemma, sentence_ranges, tokenize
from .learned.model import CueModel, default_model
from .lexicon import (
    CUE_LEMMA,
    DAY_NAMES,
    OBJECT_CUES,
    PRONOUNS,
    QUOTE_CUES,
    SOURCE_NOUNS,
    SPEECH_CUES,
    THAT_ONLY_CUES,
)
from .text import (
    CLOSE_QUOTES,
    OPEN_QUOTES,
    QUOTE_CHARS,
    Quote,
    Sentence,
    find_quotes,
)
from .types import Block, Claim, Entity, Mention, Speaker

_DAYS = "|".join(sorted(DAY_NAMES))
# When it was said, between the cue and the rest of the sentence: "said last week", "said Friday afternoon".
_WHEN = r"(?:last|this|on|in|earlier|late|early|yesterday|today|" + _DAYS + r")\b[^,.;:“”\"]{0,30}"
# "..., a new analysis shows.": evidence, not speech, but it attributes the clause before it all the same.
EVIDENTIAL = frozenset("show find suggest indicate estimate conclude predict project".split())
_DATELINE = re.compile(r"[A-Z][A-Z.'\-]+(?:[ ,]+[A-Z][A-Za-z.'\-]+){0,3}\s*(?:\([^()]{1,30}\)\s*)?[—―–-]+\s+")
_PREPOSITIONS = frozenset("of for with by to from about against on in at into over under after before than like as".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
# Words that may stand between a speaker and the cue: "has previously said", "will on Monday say".
GAP_WORDS = frozenset("""has have had will would shall should could can may might must also previously
later then again further repeatedly publicly privately reportedly recently once already simply only just
even still not never quickly flatly yesterday today tonight earlier last week this month year monday
tuesday wednesday thursday friday saturday sunday on morning afternoon evening night is was are were be
been being expected to apparently initially first originally long often frequently subsequently herself
himself themselves itself openly loudly angrily bluntly privately tearfully proudly cheerfully
sarcastically emphatically flatly explicitly directly specifically separately elsewhere""".split())
SPEAKER_STOP = frozenset("""the a an this that these those his her their its our your my and or but of in on
at by for with from to as""".split())
# A trailing adjunct naming the occasion of speaking: "in a statement on Thursday", "during a campaign
# stop in Flint", "in an interview with CNN", "on Twitter".
_SPEECH_EVENT = re.compile(
    r"\s+(?:(?:in|during|at|on|via)\s+(?:a|an|his|her|their|its|the|one|Monday's|Tuesday's|Wednesday's|"
    r"Thursday's|Friday's|Saturday's|Sunday's)\s+(?:[\w’'\-]+\s+){0,3}?(?:statement|interview|speech|rally|"
    r"press\s+conference|news\s+conference|conference\s+call|briefing|appearance|campaign\s+stop|tweet|"
    r"Facebook\s+post|blog\s+post|op-ed|town\s+hall|broadcast|podcast)s?\b|on\s+Twitter\b)"
    r"(?:[\s,]+(?!because|while|and|but|that|which|who|when|although|if|to)[\w’'\-]+){0,8}$")

TIME_ADJUNCT = re.compile(
    r"^(?:\s*,)?\s*(?:(?:on|in|at|during|after|before|via|over|to|with|from|through|late|early|last|this|"
    r"earlier|later|yesterday|today|tonight|recently|previously|repeatedly|again|also|then|once|publicly|"
    r"privately|bluntly|flatly|simply|in\s+a\s+statement|in\s+an\s+interview|in\s+a\s+speech|"
    r"in\s+a\s+tweet)\b[^,:;“”\"]*?)?(?=\s*(?:that\b|:|,\s*[“\"]|[“\"]))")
CLAUSE_START = re.compile(r"^\s*(?:that\s+)?(?:he|she|it|they|we|i|you|there|this|these|those|the|a|an|his|"
                          r"her|their|its|our|[A-Z0-9]|“|\")", re.IGNORECASE)
CONTENT_TAIL = re.compile(r"(?:,\s*(?:and\s+)?(?:adding|saying|noting|arguing|claiming|insisting|warning|"
                          r"explaining|stressing|suggesting|according)\b|\s+as\s+(?:he|she|they)\s+\w+ed\b|"
                          r",?\s+(?:and|but)\s+(?:has\s+|had\s+|also\s+)?(?:" + "|".join(
                              sorted(f for f in SPEECH_CUES if f.endswith("ed") or f in ("said", "told", "wrote")))
                          + r")\b|[,;]\s*(?:he|she|they|the\s+\w+)\s+(?:said|added|says)\b)")


_SOURCE_NOUN_END = re.compile(r"(?:" + "|".join(SOURCE_NOUNS) + r")$", re.IGNORECASE)
_SOURCE_NOUN_LONGEST = max(map(len, SOURCE_NOUNS)) + 1  # "$" also matches before a final newline
# Compiled for match(text, pos, endpos): the same answers as on a slice, without copying it.
_BETWEEN = re.compile(r"[\s,]*(?:[\w’'\-./]+\s+){0,6}$")  # between a quotation and its speaker
_PUNCTUATION = re.compile(r"[\s,.:;—–-]*$")
_BLANK_OR_STOPS = re.compile(r"[\s.]*$")
_NAME_COLON = re.compile(r"[^:]{1,80}:\s*")
_NON_SPACE = re.compile(r"\S+")
_WORDS_THEN_END = re.compile(r"\s*(?:[\w’'\-]+\s+){1,6}$")


@dataclass
class _Site:
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


class ClaimFinder:
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
        # The claims in self.claims, indexed: by start (value: end) for "already covered", and by end.
        self._cover = OffsetMax(len(text))
        self._ends = OffsetMax(len(text))
        self._live: set[int] = set()  # ids of the claims in self.claims
        self._sorted_n = 0  # self.claims[:_sorted_n] is sorted by start (the last merge's result)
        self._facts: dict[tuple[int, int], tuple[bool, bool]] = {}  # (title, full) per quotation
        self._static: dict[str, tuple[list[int], list[Mention]]] = {}  # see _static_mentions
        self._names: tuple[dict[str, int], dict[tuple[str, ...], int]] | None = None  # see _entity_named
        self.quoted: list[tuple[int, int]] = []  # spans inside quotation marks
        self.content_spans = SpanIndex(len(text))  # claims' content spans, each with its claim
        self.spent = SpanIndex(len(text))  # content spans of cues that found no source (no claim made)
        self.last: Speaker | None = None  # speaker of the latest claim
        self.last_block = -10
        self.last_source_org: int | None = None  # organisation of the latest anonymous source
        self.sentence_starts: set[int] = set()
        self.pending_colon: Speaker | None = None  # "He said:" at a paragraph's end
        self.last_person: Speaker | None = None  # speaker of the latest claim made by a person

    # -- helpers --------------------------------------------------------------------------
    def _in_quote(self, pos: int) -> bool:
        return pos in self.quoted_index

    def _entity(self, i: int | None) -> Entity | None:
        return self.entities[i] if i is not None else None

    def _mention_ending(self, pos: int) -> Mention | None:
        """The mention ending at pos, allowing a possessive-free trailing space."""
        return self.mention_at_end.get(pos)

    # -- speakers -------------------------------------------------------------------------
    # How far left of a cue its speaker is looked for: the regular expressions below scan this window,
    # not the whole sentence so far, so a sentence of a thousand cues costs linear time.
    LEFT_WINDOW = 300

    def _left_speaker(self, sent: Sentence, cue_start: int, prev: Speaker | None) -> Speaker | None:
        text = self.text
        whole = sent
        if cue_start - sent.start > self.LEFT_WINDOW:
            sent = Sentence(cue_start - self.LEFT_WINDOW, sent.end)
        raw_before = text[sent.start:cue_start].rstrip()
        cue_word = text[cue_start:cue_start + 20].split()[0].lower()
        # "after saying": the subject of the main clause; "to indicate": the nearest person before.
        if cue_word.endswith("ing") and (re.search(r"(?:^|\W)(?:after|before|while|when|by|without|in|despite|for)$",
                                                   raw_before) or raw_before.endswith(",")):
            if prev is not None:
                return prev  # "..., he said, adding that ..."
            return self._sentence_subject(whole, cue_start) or self._recent_person_in(sent.start, cue_start)
        if re.search(r"(?:^|\W)to$", raw_before) and not re.search(r"(?:expected|going|likely|set|due|able|about|"
                                                                      r"used|seemed|appeared|wanted|tried|has|have|had)\s+to$", raw_before):
            return self._recent_person_in(sent.start, cue_start) or self._sentence_subject(whole, cue_start)
        pos = cue_start
        # Walk left over gap words ("has previously", "will on Monday evening").
        while True:
            seg = text[sent.start:pos].rstrip()
            m = re.search(r"([A-Za-z][\w’'\-]*)$", seg)
            if m and m.group(1).lower() in GAP_WORDS and not self._mention_ending(m.end() + sent.start):
                pos = sent.start + m.start()
                continue
            break
        seg = text[sent.start:pos].rstrip()
        # "Rep. John Mica (R-Fla.) said", "who in 2010 said", "Trump on Tuesday said".
        while True:
            m = re.search(r"\s*(?:\([^()]{1,40}\)|,?\s*\b(?:in|on|during|since|at)\s+(?:\d{4}|(?:the\s+)?(?:"
                          + _DAYS + r"|morning|evening|night|interview|"
                          r"statement|speech|rally|debate|letter|tweet)),?|,?\s*\b(?:last|this|next)\s+(?:week|month|"
                          r"year|night|weekend|" + _DAYS + r"),?)$", seg)
            if not m or m.start() == 0:
                break
            seg = seg[:m.start()].rstrip()
        seg_end = sent.start + len(seg)
        before = text[sent.start:seg_end]
        # "Two officials, speaking on condition of anonymity, said": the apposition says how, not who.
        mp = re.search(r",\s*(?:speaking|talking|writing|who\s+(?:spoke|asked|requested|declined)|declining|"
                       r"requesting|asking)\b[^,]{0,80},?$", before)
        if mp and mp.start() > 0:
            seg_end = sent.start + mp.start()
            before = text[sent.start:seg_end]
        # "..., and said": the speaker of the previous cue in the sentence, or the sentence subject.
        if re.search(r"(?:^|\W)(?:and|but|then|or)$", before):
            return prev if prev is not None else self._sentence_subject(whole, cue_start)

        # A name right before the cue.
        men = self._mention_ending(seg_end)
        if men is not None and self.entities[men.entity].kind == "organisation":
            # "Mr. Morgan of the Sierra Club said": the person speaks.
            mp = re.search(r"\s+(?:of|at|from|with)\s+(?:the\s+)?$", text[sent.start:men.start])
            if mp:
                person = self._mention_ending(sent.start + mp.start())
                if person is not None and self.entities[person.entity].kind == "person":
                    return Speaker(person.entity, text[person.start:men.end], person.start, men.end)
        if men is not None:
            return self._source_or_entity(sent, men)
        # "Mr. Morgan of the Sierra Club said" when the body is no organisation the finder knows.
        mp = re.search(r"\s+(?:of|at|from|with)\s+(?:the\s+)?(?:[A-Z][\w’'&\-.]*\s+){0,4}[A-Z][\w’'&\-.]*$", before)
        if mp:
            person = self._mention_ending(sent.start + mp.start())
            if person is not None and self.entities[person.entity].kind == "person":
                return Speaker(person.entity, text[person.start:seg_end], person.start, seg_end)
        # A pronoun.
        m = re.search(r"(?:^|[\s,;(“\"])(he|she|they|it|who|which|He|She|They|It|Who|I|We)$", before)
        if m:
            pron = m.group(1).lower()
            if pron in ("who", "which"):
                return self._antecedent(sent.start + m.start(1))
            if pron in ("i", "we"):
                return None
            return self._resolve_pronoun(pron, sent.start + m.start(1), sent)
        # An apposition before the cue: "Boris Johnson, the Foreign Secretary, has accused".
        m = re.search(r",\s+[^,]{2,160},(?:\s+[^,]{2,80},)?$", before)
        if m:
            men = self._mention_ending(sent.start + m.start())
            if men is not None and self.entities[men.entity].kind == "person":
                return Speaker(men.entity, men.text, men.start, men.end)
        # An anonymous source: "the official", "Another Foreign Office source", "aides".
        # (Only when a source noun ends the text: the full search tries every position of the window.)
        m = re.search(r"(?:^|[\s,;(“\"])((?:[A-Za-z][\w’'\-]*\s+){0,5}?(" + "|".join(SOURCE_NOUNS)
                      + r"))$", before, re.IGNORECASE) if _SOURCE_NOUN_END.search(before[-_SOURCE_NOUN_LONGEST:]) else None
        if m:
            phrase_start = sent.start + m.start(1)
            return self._source(phrase_start, seg_end, m.group(2))
        # Any short noun phrase after a quotation or at the sentence start: "the book", "the announcer".
        m = re.search(r"(?:^|[,”\"']\s*)((?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ne|[Ss]ome|[Mm]any)\s+"
                      r"(?:[\w’'\-]+\s+){0,3}[a-z][\w’'\-]+)$", before)
        if m and not any(w in CUE_LEMMA for w in m.group(1).lower().split()):
            return Speaker(None, m.group(1), sent.start + m.start(1), seg_end)
        return None

    def _sentence_subject(self, sent: Sentence, limit: int) -> Speaker | None:
        """The noun phrase a sentence opens with, when it names a speaker."""
        pos = sent.start
        # A sentence opening with a quotation: its subject comes after it.
        q = self.quoted_index.find(pos)
        if q is not None:
            pos = q[1]
            m = re.match(r"[\s,]*", self.text[pos:limit])
            pos += m.end()
        while pos < limit and self.text[pos] in " “\"‘'(":
            pos += 1
        m = re.match(r"(?:(?:However|But|And|Meanwhile|Then|Now|Yesterday|Today|Earlier|Later|Also),?\s+)?"
                     r"(?:(?:In|On|At|During|After|Before|Since|By|For|Last|This|Earlier)\s+[^,]{1,40},\s+)?",
                     self.text[pos:limit])
        pos += m.end()
        men = self.mention_at_start.get(pos)
        if men is None and self.text[pos:pos + 4].lower() == "the ":
            men = self.mention_at_start.get(pos + 4)
        if men is not None:
            return self._source_or_entity(sent, men)
        m = re.match(r"(he|she|they|it)\b", self.text[pos:limit], re.IGNORECASE)
        if m:
            return self._resolve_pronoun(m.group(1).lower(), pos, sent)
        m = re.match(r"(?:[Tt]he\s+)?(?:[A-Z][\w’'\-.]*\s+){0,3}[A-Z][\w’'\-]+(?=[\s,])", self.text[pos:limit])
        if m:
            return Speaker(None, m.group().strip(), pos, pos + len(m.group().strip()))
        m = re.match(r"(?:the|a|an|several|many|some|most|other|both|two|three|four|five)\s+(?:[\w’'\-]+\s+){0,2}"
                     r"[a-z][\w’'\-]+", self.text[pos:limit], re.IGNORECASE)
        if m:
            return Speaker(None, m.group(), pos, pos + len(m.group()))
        return None

    def _recent_person_in(self, start: int, end: int) -> Speaker | None:
        for men in self._mentions_back(start, end):
            if self.entities[men.entity].kind == "person" \
                    and not self._in_quote(men.start) and not self._in_content(men.start):
                return Speaker(men.entity, men.text, men.start, men.end)
        return None

    def _source_or_entity(self, sent: Sentence, men: Mention) -> Speaker:
        ent = self.entities[men.entity]
        # "a spokesman for the Foreign Office": the organisation speaks through its spokesman.
        pre = self.text[max(sent.start, men.start - 40):men.start]
        m = re.search(r"(?:^|\s)((?:a|an|the|one)\s+(?:\w+\s+)?(" + "|".join(SOURCE_NOUNS) + r")\s+(?:for|at|of|from|in)\s+(?:the\s+)?)$",
                      pre, re.IGNORECASE)
        if ent.kind == "organisation":
            start = men.start - len(m.group(1)) if m else men.start
            self.last_source_org = men.entity
            return Speaker(None, self.text[start:men.end], start, men.end, org=men.entity)
        return Speaker(men.entity, men.text, men.start, men.end)

    def _source(self, start: int, end: int, noun: str) -> Speaker:
        phrase = self.text[start:end]
        words = phrase.split()
        # Trim leading words that are not part of the noun phrase ("and the official").
        while words and words[0].lower() in ("and", "but", "as", "while", "because", "so", "where"):
            start += len(words[0]) + 1
            words = words[1:]
        phrase = self.text[start:end].strip()
        org = None
        for men in self._mentions_within(start, end):
            if self.entities[men.entity].kind == "organisation":
                org = men.entity
        if org is not None:
            self.last_source_org = org
        elif re.match(r"(?:the|this|that|another)\s", phrase, re.IGNORECASE) and noun.lower() in (
                "official", "source", "spokesman", "spokeswoman", "spokesperson", "aide", "officials", "sources"):
            org = self.last_source_org  # "the official" refers back to the last source's body
            if org is None:
                # "... Ministry of Defence officials are worried. ... the official said"
                for men in (self.mentions[i] for i in range(bisect_left(self.mention_starts, start) - 1, -1, -1)):
                    if men.end <= start and self.entities[men.entity].kind == "organisation" and re.match(
                            r"\s+(?:officials?|sources?|spokes(?:man|woman|person)|aides?|insiders?)\b",
                            self.text[men.end:men.end + 20]):
                        org = men.entity
                        break
        elif phrase.lower() in ("officials", "sources"):
            org = None
        # A role noun alone ("the Indiana governor") stays as the words: the article's roles and the
        # reference table already resolved the ones they can (as mentions); a guess would be worse.
        return Speaker(None, phrase, start, end, org=org)

    def _antecedent(self, who_pos: int) -> Speaker | None:
        before = self.text[:who_pos].rstrip().rstrip(",").rstrip()
        men = self._mention_ending(len(before))
        if men is not None:
            return Speaker(men.entity, men.text, men.start, men.end)
        # "Theresa May, the Prime Minister, who": skip one apposition.
        m = re.search(r",\s+[^,]{2,80}$", before)
        if m:
            men = self._mention_ending(m.start())
            if men is not None:
                return Speaker(men.entity, men.text, men.start, men.end)
        return None

    def _mentions_within(self, start: int, end: int) -> list[Mention]:
        """The mentions with start <= m.start and m.end <= end, in order (bisected, not scanned)."""
        ms = self.mentions
        return [ms[i] for i in range(bisect_left(self.mention_starts, start), bisect_right(self.mention_starts, end))
                if ms[i].end <= end]

    def _mentions_back(self, start: int, end: int):
        """The same mentions, latest first, one at a time (a caller that stops early reads few)."""
        ms = self.mentions
        for i in range(bisect_right(self.mention_starts, end) - 1, bisect_left(self.mention_starts, start) - 1, -1):
            if ms[i].end <= end:
                yield ms[i]

    def _in_content(self, pos: int) -> bool:
        return pos in self.content_spans

    def _resolve_pronoun(self, pron: str, pos: int, sent: Sentence) -> Speaker:
        gender = PRONOUNS.get(pron, "")
        span = (pos, pos + len(pron))
        surface = self.text[span[0]:span[1]]
        if pron in ("it", "they"):
            # "It said" is an organisation; "they" an organisation or the last plural source.
            if self.last is not None and self.last.org is not None and self.last.entity is None:
                return Speaker(None, surface, *span, org=self.last.org)
            # The latest organisation mention before, outside quotations ("it" takes it, "they" stops).
            orgs = self._static_mentions("org")
            i = bisect_left(orgs[0], pos) - 1
            if i >= 0 and pron == "it":
                return Speaker(None, surface, *span, org=orgs[1][i].entity)
            return Speaker(None, surface, *span)

        def compatible(i: int) -> bool:
            ent = self.entities[i]
            return ent.kind == "person" and (not gender or not ent.gender or ent.gender == gender)

        # The candidates, latest first: people of the pronoun's gender outside quotations (a list made
        # once per gender), and outside the claims' contents so far. Only the first ones are looked at.
        starts, people = self._static_mentions(gender or "any")
        cands = (people[j] for j in range(bisect_left(starts, pos) - 1, -1, -1) if not self._in_content(people[j].start))
        latest = next(cands, None)
        if latest is None:
            if self.last_person is not None and compatible(self.last_person.entity):
                return Speaker(self.last_person.entity, surface, *span)
            return Speaker(None, surface, *span)
        # A person earlier in the same sentence: "Trump said he ...".
        if latest.start >= sent.start:
            return Speaker(latest.entity, surface, *span)
        # Otherwise the latest of: the last claim's speaker, and the subject of a recent sentence.
        subject = latest if self._is_subject(latest) else next((men for men in cands if self._is_subject(men)), None)
        last = self.last_person if (self.last_person is not None and compatible(self.last_person.entity)) else None
        if subject is not None and (last is None or subject.start > self.last_claim_start):
            return Speaker(subject.entity, surface, *span)
        if last is not None:
            return Speaker(last.entity, surface, *span)
        return Speaker(latest.entity, surface, *span)

    def _static_mentions(self, kind: str) -> tuple[list[int], list[Mention]]:
        """Mentions outside quotations (in order, with their starts) of organisations ("org") or of
        people a pronoun of a gender may name ("m", "f", "any"): filtered once, then bisected."""
        cache = self._static
        if kind not in cache:
            def keep(ent: Entity) -> bool:
                if kind == "org":
                    return ent.kind == "organisation"
                return ent.kind == "person" and (kind == "any" or not ent.gender or ent.gender == kind)

            kept = [men for men in self.mentions if keep(self.entities[men.entity]) and not self._in_quote(men.start)]
            cache[kind] = ([men.start for men in kept], kept)
        return cache[kind]

    def _is_subject(self, men: Mention) -> bool:
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

    def _right_speaker(self, after_start: int, limit: int) -> Speaker | None:
        """Inverted order: "said Mr Smith", "said the official", "according to the report"."""
        limit = min(limit, after_start + 300)  # a speaker follows within a few words: linear on run-ons
        seg = self.text[after_start:limit]
        lead = len(seg) - len(seg.lstrip())
        s = after_start + lead
        men = self.mention_at_start.get(s)
        if men is not None and self.entities[men.entity].kind == "organisation":
            # "NBC's Dante Chinni": the person, not the organisation.
            mp = re.match(r"[’']s\s+(?:[\w\-]+\s+){0,4}?", self.text[men.end:limit])
            if mp:
                nxt = self.mention_at_start.get(men.end + mp.end())
                if nxt is not None and self.entities[nxt.entity].kind == "person":
                    return Speaker(nxt.entity, self.text[s:nxt.end], s, nxt.end)
        if men is not None:
            return self._source_or_entity(Sentence(s, limit), men)
        m = re.match(r"(?:the|a|an|one|another|two|three|several|senior|some)?\s*(?:[\w’'\-]+\s+){0,4}?("
                     + "|".join(SOURCE_NOUNS) + r")\b", self.text[s:limit], re.IGNORECASE)
        if m and m.start() == 0:
            # A name right after the source noun, "spokesman Sean Spicer", is the person.
            men2 = self.mention_at_start.get(s + m.end() + 1)
            if men2 is not None and self.entities[men2.entity].kind == "person":
                return Speaker(men2.entity, self.text[s:men2.end], s, men2.end)
            men_in = [x for x in self._mentions_within(s, s + m.end() + 40)
                      if self.text[s + m.end():x.start].strip().lower() in ("for", "at", "of", "for the", "at the", "of the", "")]
            if men_in:
                x = men_in[0]
                return self._source_or_entity(Sentence(s, limit), x) if self.entities[x.entity].kind == "organisation" \
                    else Speaker(x.entity, self.text[s:x.end], s, x.end)
            return self._source(s, s + m.end(), m.group(1))
        m = re.match(r"(he|she|they|it)\b", self.text[s:limit], re.IGNORECASE)
        if m:
            return self._resolve_pronoun(m.group(1).lower(), s, Sentence(s, limit))
        # "said 9/11 widow Terry Strada", "said former state Sen. Jane Doe": a few words, then a name.
        stop = re.search(r"[,.;:!?]", self.text[s:limit])
        clause_end = s + stop.start() if stop else limit
        first = bisect_right(self.mention_starts, s)  # the first mention after s: the loop below stops there
        for men in self.mentions[first:first + 1]:
            if s < men.start < clause_end and men.start - s < 60:
                between = self.text[s:men.start]
                if re.fullmatch(r"(?:[a-z0-9/\-’']+\s+){1,5}", between) and not re.search(r"\b(?:that|to|and|in|on|of)\s", between):
                    return Speaker(men.entity, self.text[s:men.end], s, men.end) \
                        if self.entities[men.entity].kind == "person" else self._source_or_entity(Sentence(s, limit), men)
                break
        # A short phrase up to the comma: "According to conservative talk radio host Rush Limbaugh, ..."
        phrase = self.text[s:clause_end].strip()
        if phrase and 1 <= len(phrase.split()) <= 8 and not any(w.lower() in CUE_LEMMA for w in phrase.split()):
            return Speaker(None, phrase, s, s + len(phrase))
        return None

    # -- claims ---------------------------------------------------------------------------
    def _add(self, kind: str, start: int, end: int, spk: Speaker | None, cue: str, block_i: int,
             learned: bool = False):
        text = self.text
        # Trim spaces and a trailing full stop or comma outside quotation marks.
        while start < end and text[start] in " \t\n,:;":
            start += 1
        m = _DATELINE.match(text, start, end)
        if m:
            start = m.end()  # "WASHINGTON (AFP) ― ..." places the story; it is nobody's words
        while end > start and text[end - 1] in " \t\n,;.:—–-" and not (kind == "quote"):
            end -= 1
        if kind == "reported":
            # "... more school investment in a statement on Thursday": where it was said is not what.
            # The adjunct is a few words: a bounded window keeps a run-on span linear.
            m = _SPEECH_EVENT.search(text, max(start, end - 160), end)
            if m:
                end = m.start()
        if end - start < 3 or len(re.findall(r"\w+", text[start:min(end, start + 200)])) < 2:
            return
        spk = self._source_phrase(spk)
        if spk is None or not spk.text.strip():
            # An attribution names its source: words nobody is said to say are no claim. The span is
            # still spent, so cues inside it are not tried again (which kept extraction linear).
            self.spent.add(start, end, None)
            return
        if self._cover.max_in(0, start) >= end:
            return  # already covered by a claim
        self.claims.append(Claim(kind=kind, text=text[start:end], start=start, end=end,
                                 speaker=None, speaker_text=spk.text if spk else "", cue=cue))
        self._live_add(self.claims[-1])
        if self._cue_pos is not None:
            self.cue_at.add(self._cue_pos)
        self.claims[-1].source = spk
        self.content_spans.add(start, end, self.claims[-1])
        # A cue only the model found is less sure: it names no speaker for the pronouns after it.
        if spk is not None and not learned:
            self.last = spk
            self.last_block = block_i
            if spk.entity is not None and self.entities[spk.entity].kind == "person":
                self.last_person = spk
                self.last_claim_start = start

    def _live_add(self, c: Claim) -> None:
        self._cover.add(c.start, c.end, c)
        self._ends.add(c.end, c.end, c)
        self._live.add(id(c))

    def _live_remove(self, c: Claim) -> None:
        self._cover.remove(c.start, c.end, c)
        self._ends.remove(c.end, c.end, c)
        self._live.discard(id(c))

    def _set_end(self, c: Claim, end: int) -> None:
        """Move a claim's end (its text follows), keeping the indexes of self.claims in step."""
        live = id(c) in self._live
        if live:
            self._live_remove(c)
        c.end = end
        c.text = self.text[c.start:end]
        if live:
            self._live_add(c)

    # Words that open a clause, not a noun phrase: "But environmentalists worry ..." names
    # "environmentalists"; "In a statement", "When the poll asked", "Deeply divided" name nobody.
    _CLAUSE_OPENERS = frozenset("but and or so yet although though while whereas when whenever after before since as "
                                "if because once until".split())
    _NOT_A_SOURCE = _PREPOSITIONS | frozenset("during contrary having despite without through per following amid".split())

    _VERBAL = frozenset("have has had is was were are be been being do does did having".split())
    _CLAUSE_WORDS = frozenset("can could will would shall should may might must which".split())
    _ADVERBS = frozenset("all also long just still even only now then already never enough".split())
    _DETERMINERS = frozenset("the a an this that these those".split())

    def _source_phrase(self, spk: Speaker | None) -> Speaker | None:
        """A source named only by words must be a noun phrase: leading conjunctions are dropped, and a
        phrase that opens with a preposition or is a lone adverb or participle is no source."""
        if spk is None or spk.resolved:
            return spk
        text, start = spk.text, spk.start
        while True:
            m = re.match(r"([A-Za-z]+)\s+", text)
            if not m or m.group(1).lower() not in self._CLAUSE_OPENERS:
                break
            text, start = text[m.end():], start + m.end()
        words = text.split()
        low = [w.lower() for w in words]
        if not words or low[0] in self._CLAUSE_OPENERS | self._NOT_A_SOURCE or low[-1] in self._NOT_A_SOURCE \
                or low[0] in self._VERBAL or any(w in self._CLAUSE_WORDS for w in low) \
                or (len(low) == 1 and low[0] in self._ADVERBS | self._DETERMINERS) \
                or re.match(r"(?:it|there|that)(?:['’]s|\s+(?:is|was)\b)", text, re.IGNORECASE):
            return None  # "have also", "much of which can be", "the government could reverse the", "long", "It's"
        # "Deeply", "Chastened" (not "-ing": "Beijing said it would retaliate", "Manning said").
        if len(words) == 1 and words[0][:1].isupper() and re.search(r"(?:ly|ed)$", words[0]):
            return None
        if text == spk.text:
            return spk
        return Speaker(None, text, start, start + len(text))

    def _content_end(self, start: int, sent_end: int) -> int:
        m = CONTENT_TAIL.search(self.text, start, sent_end)
        end = m.start() if m else sent_end
        return end

    @staticmethod
    def _quotes_in(quotes: list[Quote], start: int, end: int) -> list[Quote]:
        """The quotations inside [start, end + 1]: a block's quotations are sorted and disjoint, so
        their ends are sorted too and the answer is one slice."""
        lo = bisect_left(quotes, start, key=_start)
        hi = bisect_right(quotes, end + 1, key=_end)
        return quotes[lo:hi]

    _TITLE_SMALL = frozenset("of the a an and to in on for with at by from".split())

    def _quote_facts(self, q: Quote) -> tuple[bool, bool]:
        """Whether a quotation is a title and whether it is a full quotation, worked out once each."""
        key = (q.start, q.end)
        facts = self._facts.get(key)
        if facts is None:
            facts = self._facts[key] = (self._title_quote(q), self._full_quote(q))
        return facts

    def _is_title(self, q: Quote) -> bool:
        return self._quote_facts(q)[0]

    def _is_full(self, q: Quote) -> bool:
        return self._quote_facts(q)[1]

    def _title_quote(self, q: Quote) -> bool:
        """A quoted title, not words said: 'On this weekend's broadcast of "Fox News Sunday," Pence
        said ...': a few capitalised words after "of", "on", "titled" or a possessive."""
        s, e = q.inner(self.text)
        words = re.findall(r"[\w’'\-]+", self.text[s:e])
        if not 1 <= len(words) <= 6 or not words[0][:1].isupper() or re.search(r"[.!?]", self.text[s:e]):
            return False
        if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in self._TITLE_SMALL for w in words):
            return False
        return bool(re.search(r"(?:\b(?:of|on|in|titled|called|named|dubbed)|[’']s)\s*$", self.text[max(0, q.start - 12):q.start]))

    def _full_quote(self, q: Quote) -> bool:
        """A quotation of its own (a sentence or more), not a scare-quoted word."""
        s, e = q.inner(self.text)
        inner = self.text[s:e]
        n = len(re.findall(r"\w+", inner))
        return n >= 4 or (n >= 2 and inner.rstrip()[-1:] in ".!?,")

    def run(self) -> list[Claim]:
        doc = self.doc
        for qs in doc.quotes:
            for q in qs:
                self.quoted.append((q.start, q.end))
        self.quoted_list = list(self.quoted)
        self.quoted_index = SpanIndex(len(self.text))
        for qs_, qe_ in self.quoted:
            self.quoted_index.add(qs_, qe_, (qs_, qe_))
        for sents in doc.sentences:
            for s in sents:
                self.sentence_starts.add(s.start)
        self.sentence_list = sorted(self.sentence_starts)
        self.last_claim_start = -1
        self._cue_pos = None
        for bi, (block, quotes, sents) in enumerate(zip(doc.body, doc.quotes, doc.sentences, strict=True)):
            tokens = doc.tokens(bi) if self.model is not None else []
            quoted = in_quotes(tokens, quotes)
            ranges = sentence_ranges(tokens, sents)
            used_quotes: set[Quote] = set()
            prev_sentence_speaker: Speaker | None = None
            block_speaker: Speaker | None = None
            if self._transcript(bi, block):
                continue
            colon = self.pending_colon if self.last_block == bi - 1 else None
            n_before = len(self.claims)
            for si, sent in enumerate(sents):
                self.deadline.check()
                self._cue_pos = None
                spk_here = self._sentence(bi, block, sent, quotes, used_quotes)
                self._cue_pos = None
                if self.model is not None:
                    spk_here = self._learned(bi, sent, tokens, ranges[si], quoted, quotes, used_quotes) or spk_here
                # Quotations in this sentence no cue claimed: a continuation of the last speaker.
                for q in self._quotes_in(quotes, sent.start, sent.end):
                    self.deadline.check()
                    if q in used_quotes or not self._is_full(q) or self._is_title(q):
                        continue
                    cont = None
                    at_block_start = q.start == block.start
                    if spk_here is not None:
                        cont = spk_here
                    elif prev_sentence_speaker is not None or block_speaker is not None:
                        cont = prev_sentence_speaker or block_speaker
                    elif at_block_start and self.pending_colon is not None and bi - self.last_block <= 1:
                        cont = self.pending_colon
                    elif at_block_start and self.last is not None and bi - self.last_block <= 1 \
                            and self._last_was_quote():
                        cont = self.last
                    dash = self._dash_speaker(q, block)
                    if dash is not None:
                        cont = dash
                    if cont is not None:
                        used_quotes.add(q)
                        self._add("quote", q.start, q.end, cont, "", bi)
                        self.pending_colon = None
                if spk_here is not None:
                    prev_sentence_speaker = spk_here
                    block_speaker = spk_here
                else:
                    prev_sentence_speaker = None
            # "Limbaugh added:" and then a paragraph without quotation marks: the paragraph is what he said.
            if colon is not None and self.pending_colon is colon and self.text[block.start] not in QUOTE_CHARS + "'" \
                    and all(c.origin == "model" for c in self.claims[n_before:]):
                for gone in self.claims[n_before:]:
                    self._live_remove(gone)
                del self.claims[n_before:]  # the model's guesses inside it are part of the quotation
                self._add("quote", block.start, block.end, colon, ":", bi)
                self.pending_colon = None
            self._merge_continuations(block)
        if self.model is not None and doc.headline is not None:
            self._headline(doc.headline)
        return self.claims

    def _headline(self, block: Block) -> None:
        """Headlines state attributions too ("Grassley Compares Trump's ... To ..."): the cue model
        reads them; the rules, written for running text, do not."""
        if self._headline_rule(block):
            return
        quotes = find_quotes(self.text, block.start, block.end)
        tokens = tokenize(self.text, block.start, block.end)
        sent = Sentence(block.start, block.end)
        self._learned(-1, sent, tokens, (0, len(tokens)), in_quotes(tokens, quotes), quotes, set(), head=True)

    _HEAD_COLON = re.compile(r"(?P<who>[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3})\s*:\s+(?=\S)")
    _HEAD_SAYS = re.compile(r",\s+(?P<who>(?:[A-Z][\w.'’\-]*\s+){0,4}?[A-Z][\w.'’\-]*)\s+(?P<cue>Says|Said|Warns|Claims|"
                            r"Insists|Argues|Admits|Predicts|Suggests|Contends|Tells\s+\w+)\W*$")
    _NOT_SOURCES = frozenset("the latest update exclusive breaking watch analysis opinion editorial review live "
                             "video photos explainer correction fact check q&a".split())

    def _headline_rule(self, block: Block) -> bool:
        """"Pence: Flowers Won't Be at Debate." and "Trump Could Address Clean Energy, Lindsey Graham
        Says.": the two headline forms that name a source outright."""
        text = self.text
        m = self._HEAD_COLON.match(text, block.start, block.end)
        if m and m["who"].lower() not in self._NOT_SOURCES and m["who"].split()[0].lower() not in self._NOT_SOURCES:
            who, ws, we = m["who"], m.start("who"), m.end("who")
            cstart, cend = m.end(), block.end
            cue = ":"
        else:
            m = self._HEAD_SAYS.search(text, block.start, block.end)
            if not m:
                return False
            who, ws, we = m["who"], m.start("who"), m.end("who")
            cstart, cend, cue = block.start, m.start(), m["cue"].split()[0].lower()
        ent = self._entity_named(who)
        spk = Speaker(ent, who, ws, we)
        n = len(self.claims)
        self._add("reported", cstart, cend, spk, cue, -1)
        return len(self.claims) > n

    def _entity_named(self, words: str) -> int | None:
        """The entity a headline's name refers to: a full name or alias, else a person's surname."""
        if self._names is None:  # built once: a transcript asks for every paragraph
            full: dict[str, int] = {}
            surnames: dict[tuple[str, ...], int] = {}
            for i, e in enumerate(self.entities):
                for name in (e.name, *e.aliases):
                    full.setdefault(name.lower(), i)
                parts = e.name.lower().split()
                if e.kind == "person":
                    # A surname of one word, or of several ("De Blasio" for Bill de Blasio).
                    for n in range(1, len(parts)):
                        surnames.setdefault(tuple(parts[-n:]), i)
            self._names = (full, surnames)
        low = words.lower()
        full, surnames = self._names
        return full[low] if low in full else surnames.get(tuple(low.split()))

    def _learned(self, bi: int, sent: Sentence, tokens, rng: tuple[int, int], quoted: list[bool],
                 quotes: list[Quote], used: set[Quote], head: bool = False) -> Speaker | None:
        """Cues the rules left alone, decided in context by the cue model; their content and
        speaker are placed by the same span and speaker code the rules use."""
        found = None
        s, e = rng
        for i in range(s, e):
            tok = tokens[i]
            if quoted[i] or not self.model.is_candidate(tok.low) or tok.start in self.cue_at:
                continue
            if self._in_content(tok.start) or self._in_quote(tok.start):
                continue
            self.deadline.check()
            p_none, p_after, p_before = self.model.predict(cue_features(tokens, i, s, e, quoted, head))
            if 1 - p_none < self.threshold:
                continue
            if p_after >= p_before:
                j = self._content_start(tokens, i, e)
                if j >= e:
                    continue
                cstart = tokens[j].start
                # A bounded window: a content runs a sentence, and a run-on "sentence" of thousands of
                # cues must not make each of them scan to its end (extraction stays linear).
                cend = self._content_end(cstart, min(sent.end, cstart + self.LEARNED_MAX))
                # A learned cue's content stops where a new clause is spliced on.
                cut = self._LEARNED_CUT.search(self.text, cstart, cend)
                if cut:
                    cend = cut.start()
                spk = self._learned_speaker(sent, tok.start)
            else:
                spk = self._left_speaker(sent, tok.start, None)
                if spk is not None and spk.start >= sent.start and spk.end <= tok.start:
                    cend = spk.start
                else:
                    spk = self._right_speaker(tok.end, sent.end)
                    cend = self._rstrip_end(sent.start, tok.start)
                cstart = sent.start
                prior = self._ends.max_in(sent.start, cend)  # the end of the last claim ending here
                if prior >= 0:
                    cstart = prior
            self._cue_pos = tok.start
            n = len(self.claims)
            self._add("reported", cstart, cend, spk, tok.low, bi, learned=True)
            self._cue_pos = None
            if len(self.claims) > n:
                self.claims[-1].origin = "model"
                self.claims[-1].cue_probability = 1 - p_none
                self._claim_quotes(cstart, cend, quotes, used)
                found = spk or found
        return found

    LEARNED_MAX = 600  # characters: longer than any content the cue model's frames place in news text

    _LEARNED_CUT = re.compile(r";|\s--\s|\s—\s|,\s+(?:which|who|even as|despite|while|although|though|but|"
                              r"according|including|adding|saying|as well as)\b|\s\((?!\w+\))")

    _FRAME_WORDS = frozenset("about on of for against over with at out that : ,".split())

    def _content_start(self, tokens, i: int, e: int) -> int:
        """Index of the first content token after cue token i: past the word the cue's content
        usually follows (learned per lemma), else past an adjacent preposition or "that"."""
        opener = self.model.openers.get(lemma(tokens[i].low))
        if opener:
            for j in range(i + 1, min(e, i + 7)):
                if tokens[j].low == opener:
                    return j + 1
                if tokens[j].word in ".;":
                    break
        j = i + 1
        while j < e and tokens[j].low in self._FRAME_WORDS:
            j += 1
        return j

    def _learned_speaker(self, sent: Sentence, cue_start: int) -> Speaker | None:
        """The source of a learned cue: the rules' left speaker, else the nearest name before the
        cue in its sentence, else the noun phrase the clause opens with."""
        spk = self._left_speaker(sent, cue_start, None)
        if spk is not None:
            return spk
        for men in self._mentions_back(sent.start, cue_start):
            if not self._in_quote(men.start) and not self._in_content(men.start):
                if not re.search(r"[;:]|\b(?:that|because|if|when|while|whether)\b", self.text[men.end:cue_start]):
                    return self._source_or_entity(sent, men)
                break
        # The last 120 characters hold any clause subject of up to 80: a bounded search stays linear.
        lo = max(sent.start, cue_start - 120)
        clause = re.search(r"(?:^|[,;:(]\s*|\b(?:that|and|but|while|as|because|if|when)\s+)([^,;:()]{2,80}?)\s*$",
                           self.text[lo:cue_start])
        if clause and (clause.start() > 0 or lo == sent.start):
            phrase = clause.group(1).strip(" “\"")
            words = phrase.split()
            if 1 <= len(words) <= 8 and not any(w.lower() in CUE_LEMMA for w in words):
                start = lo + clause.start(1)
                return Speaker(None, phrase, start, start + len(phrase))
        return None

    _TRANSCRIPT = re.compile(r"[\"“]?(?P<name>[A-Z][A-Z.'\- ]{1,30}[A-Z]):\s+(?=\S)")

    def _transcript(self, bi: int, block: Block) -> bool:
        """A transcript line, "PENCE: Well, look, ...": the whole paragraph is the speaker's."""
        m = self._TRANSCRIPT.match(self.text, block.start, block.end)
        if not m or m["name"].split()[0] in ("Q", "A", "AP", "UPDATE", "NOTE", "EDITOR"):
            return False
        ent = self._entity_named(m["name"].title())
        if ent is None:  # "MIKE PENCE" for a Pence the article names otherwise: his surname
            ent = self._entity_named(m["name"].split()[-1].title())
        spk = Speaker(ent, m["name"], block.start + m.start("name"), block.start + m.end("name"))
        self._add("quote", m.end(), block.end, spk, ":", bi)
        return True

    def _sort_claims(self) -> None:
        """Sort self.claims by start (stably), as sorted() would: the claims up to _sorted_n already
        are, so only the new ones are sorted and put in place (linear over an article)."""
        claims, n0 = self.claims, self._sorted_n
        new = sorted(claims[n0:], key=_start)
        if new:
            i = bisect_right(claims, new[0].start, 0, n0, key=_start)  # older claims starting later
            if i < n0:
                new = sorted(claims[i:n0] + new, key=_start)
            del claims[i:]
            claims.extend(new)
        self._sorted_n = len(claims)

    def _merge_continuations(self, block: Block):
        """A cued quotation and the quotations that continue it in the same paragraph are one
        claim: "...," she said. "..." (the attribution in between stays in the text)."""
        self._sort_claims()
        claims = self.claims
        first = bisect_left(claims, block.start, key=_start)  # the claims before stay as they are
        merged: list[Claim] = []
        for c in claims[first:]:
            self.deadline.check()
            if c.kind != "quote" or c.cue != "":
                merged.append(c)
                continue
            # The latest quote of this paragraph; claims in between must share its speaker.
            k = len(merged) - 1
            while k >= 0 and merged[k].kind != "quote" and self._same_speaker(merged[k], c):
                k -= 1
            host = merged[k] if k >= 0 else None
            if host is not None and host.kind == "quote" and self._same_speaker(host, c):
                for gone in (*merged[k + 1:], c):
                    self._live_remove(gone)
                self._set_end(host, c.end)
                del merged[k + 1:]
                continue
            merged.append(c)
        del claims[first:]
        claims.extend(merged)
        self._sorted_n = len(claims)

    @staticmethod
    def _same_speaker(a: Claim, b: Claim) -> bool:
        sa, sb = a.source, b.source
        if sa is None or sb is None:
            return False
        if sa.entity is not None or sb.entity is not None:
            return sa.entity == sb.entity
        if sa.org is not None or sb.org is not None:
            return sa.org == sb.org
        return sa.text.lower() == sb.text.lower()

    _DASH = re.compile(r"\s*[―—–]\s*(?=[A-Z])")

    def _dash_speaker(self, q: Quote, block: Block) -> Speaker | None:
        """“Quote.” ― Jorge Falcon"""
        m = self._DASH.match(self.text, q.end, block.end)
        if not m:
            return None
        s = m.end()
        men = self.mention_at_start.get(s)
        if men is not None:
            return self._source_or_entity(Sentence(s, block.end), men)
        nm = re.match(r"[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,3}", self.text[s:block.end])
        if nm:
            return Speaker(None, nm.group(), s, s + nm.end())
        return None

    def _last_was_quote(self) -> bool:
        return bool(self.claims) and (self.claims[-1].kind == "quote" or self.text[self.claims[-1].end - 1:self.claims[-1].end] in QUOTE_CHARS)

    def _cues(self, sent: Sentence) -> list[re.Match]:
        out = []
        for m in _WORD.finditer(self.text, sent.start, sent.end):
            w = m.group().lower()
            if w in CUE_LEMMA and not self._in_quote(m.start()):
                out.append(m)
            elif w == "according" and self.text[m.end():m.end() + 4] == " to ":
                out.append(m)
        return out

    def _sentence(self, bi: int, block: Block, sent: Sentence, quotes: list[Quote], used: set[Quote]) -> Speaker | None:
        """Claims cued in one sentence; returns the sentence's speaker when it has one.

        Each cue is tried against the frames below in order (content before the cue, then after it);
        the first frame that places the content makes the claim."""
        text = self.text
        prev: Speaker | None = None
        found: Speaker | None = None
        sent_quotes = self._quotes_in(quotes, sent.start, sent.end)
        sq = SentenceQuotes(sent_quotes, used, self._is_title, self._is_full)
        # Past the last cue's content, later cues in the sentence start their own.
        for m in self._cues(sent):
            self.deadline.check()  # a sentence may be a whole file: the budget holds cue by cue
            word = m.group().lower()
            cs, ce = m.start(), m.end()
            self._cue_pos = cs
            if cs in self.spent:
                continue
            host = self.content_spans.find(cs)
            if host is not None and not self._split_host(host, sent, cs):
                continue
            site = _Site(bi, block, sent, quotes, used, sent_quotes, sq, word, CUE_LEMMA.get(word, word), cs, ce, text)
            if word == "according":
                found = self._frame_according_to(site) or found
                continue
            if word == "said" and cs - sent.start < 8 and not site.left.strip(" “\"") and text[cs:cs + 1] == "S":
                spk = self._frame_said_name_colon(site)
                if spk is not None:
                    found = prev = spk
                continue
            if not self._cue_speaker(site, prev):
                continue
            self._place(site)
            if any(frame(site) for frame in self._frames()):
                found = prev = site.spk
        return found

    def _frames(self):
        return (self._frame_inverted_clause, self._frame_quotes_before, self._frame_quote_then_words,
                self._frame_clause_before, self._frame_parenthetical, self._frame_told_object_clause, self._skip_object,
                self._frame_colon_quote, self._frame_pending_colon, self._frame_called, self._frame_that,
                self._frame_to_infinitive, self._frame_object_preposition, self._frame_bare_clause)

    # -- the cue's speaker and the text around it ----------------------------------------------
    def _cue_speaker(self, site: _Site, prev: Speaker | None) -> bool:
        """The speaker: after the cue when a quotation closes before it ("...," said Mr Smith), else
        before it; False when there is none."""
        word, near = site.word, site.near
        spk, inverted = None, False
        closing = re.search(r"[,!?.—–-]?\s*(?:[" + CLOSE_QUOTES + '"' + r"]|'')\s*,?\s*$", near)
        if closing and word in QUOTE_CUES:
            spk = self._right_speaker(site.ce, site.sent.end)
            inverted = spk is not None
        if spk is None:
            spk = self._left_speaker(site.sent, site.cs, prev)
        if spk is None and re.search(r",\s*$", near) and word in QUOTE_CUES:
            spk = self._right_speaker(site.ce, site.sent.end)
            inverted = spk is not None
        site.spk, site.inverted = spk, inverted
        return spk is not None

    def _place(self, site: _Site) -> None:
        spk, text = site.spk, self.text
        site.subject_start = spk.start if not site.inverted else site.cs
        site.pre_end = site.sq.ending_by(site.subject_start + 1)
        site.after = site.ce if not site.inverted else max(site.ce, spk.end)
        site.tail = text[site.after:site.sent.end]
        m_adj = TIME_ADJUNCT.match(site.tail)
        skip = m_adj.end() if m_adj else 0
        site.rest = site.tail[skip:]
        site.rest_start = site.after + skip

    def _claim_after(self, site: _Site, cstart: int, cue: str | None = None) -> bool:
        self._reported(cstart, site.sent, site.spk, cue or site.word, site.bi, site.sent_quotes, site.used)
        return True

    def _long_source(self, start: int, limit: int) -> Speaker | None:
        """"According to a 52-count complaint filed by the SEC and a 15-count complaint by Vermont, ...":
        the whole phrase up to the comma is the source; the organisation it names speaks."""
        comma = self.text.find(",", start, limit)
        if comma < 0:
            return None
        while start < comma and self.text[start].isspace():
            start += 1
        phrase = self.text[start:comma]
        if not 1 <= len(phrase.split()) <= 30:
            return None
        orgs = [m for m in self._mentions_within(start, comma) if self.entities[m.entity].kind == "organisation"]
        return Speaker(None, phrase, start, comma, org=orgs[0].entity if orgs else None)

    def _rest_lstart(self, site: _Site) -> int:
        return site.rest_start + len(site.rest) - len(site.rest.lstrip())

    # -- frames without a speaker search of their own ------------------------------------------
    def _frame_according_to(self, site: _Site) -> Speaker | None:
        """"..., according to X." and "According to X, ..."."""
        text, sent, bi, used = self.text, site.sent, site.bi, site.used
        spk = self._right_speaker(site.ce + 3, sent.end)
        before_end = self._rstrip_end(sent.start, site.cs)  # the sentence so far, without trailing spaces
        opening = before_end == sent.start or (before_end - sent.start == 3 and text[sent.start:before_end] in ("But", "And"))
        if spk is None and opening:
            spk = self._long_source(site.ce + 3, sent.end)
        if spk is None:
            return None
        if before_end > sent.start and text[before_end - 1] == ",":
            sq = site.sq
            k = sq.ending_by(site.cs)  # the unused quotations before the cue: sq.quotes[:k]
            last = sq.unused.prev(k - 1)
            if last >= 0 and self._is_full(sq.quotes[last]):
                for i in sq.walk(sq.unused, 0, k):
                    q = sq.quotes[i]
                    used.add(q)
                    self._add("quote", q.start, q.end, spk, "according to", bi)
            else:
                self._add("reported", sent.start, before_end - 1, spk, "according to", bi)
            return spk
        if opening:
            comma = text.find(",", spk.end, sent.end)
            if comma > 0:
                self._add("reported", comma + 1, self._content_end(comma + 1, sent.end), spk, "according to", bi)
                return spk
        return None

    def _frame_said_name_colon(self, site: _Site) -> Speaker | None:
        """"Said Ellis: “...”": the speaker follows the cue at the sentence start."""
        text, ce, sent = self.text, site.ce, site.sent
        spk = self._right_speaker(ce, sent.end)
        mq = _NAME_COLON.match(text, ce, sent.end) if spk else None
        if not mq:
            return None
        sq = site.sq
        qs = [sq.quotes[i] for i in sq.walk(sq.unused, sq.first_from(mq.end()), len(sq.quotes))]
        if not qs:
            return None
        site.used.update(qs)
        self._add("quote", qs[0].start, qs[-1].end, spk, "said", site.bi)
        return spk

    # -- content before the cue ----------------------------------------------------------------
    def _frame_inverted_clause(self, site: _Site) -> bool:
        """"The economy is growing, said Mr Smith." with no quotation."""
        if not (site.inverted and not site.sent_quotes and re.search(r",\s*$", site.near)
                and _BLANK_OR_STOPS.match(self.text, site.spk.end, max(site.spk.end, site.sent.end))
                and site.word in SPEECH_CUES):
            return False
        end = self._rstrip_end(site.sent.start, site.cs)
        while end > site.sent.start and self.text[end - 1] == ",":
            end -= 1
        self._add("reported", site.sent.start, end, site.spk, site.word, site.bi)
        return True

    def _frame_quotes_before(self, site: _Site) -> bool:
        """"...," he said (and "...," he said, "second part.")."""
        # The quotations before the subject are the unused ones (no titles) of sq.quotes[:pre_end]:
        # found through the index, so a sentence of thousands of quotations stays linear.
        text, used, spk, sq, k = self.text, site.used, site.spk, site.sq, site.pre_end
        last = sq.eligible.prev(k - 1)
        if last < 0:
            return False
        pre_last = sq.quotes[last]
        between = _BETWEEN.match(text, pre_last.end, max(pre_last.end, site.subject_start))
        if not (between and site.word in QUOTE_CUES
                and not any(w.lower() in CUE_LEMMA for w in between.group().split())):
            return False
        pre_first = sq.quotes[sq.eligible.next(0)]
        # "With thousands of systems, “there is no single point of failure,” he said."
        if self._short_lead(site.sent.start, pre_first.start):
            used.update([sq.quotes[i] for i in sq.walk(sq.eligible, 0, k)])
            self._add("quote", site.sent.start, pre_last.end, spk, site.word, site.bi)
        else:
            for i in sq.walk(sq.eligible_full, 0, last):  # the full quotations, then the last one
                q = sq.quotes[i]
                used.add(q)
                self._add("quote", q.start, q.end, spk, site.word, site.bi)
            used.add(pre_last)
            self._add("quote", pre_last.start, pre_last.end, spk, site.word, site.bi)
        # The quotation right after the cue ("...," he said, "second part."): only the first one
        # after it can follow with nothing but punctuation between (a later one has its marks between).
        i = sq.first_from(site.after)
        if i < len(sq.quotes) and sq.quotes[i] not in used and _PUNCTUATION.match(text, site.after,
                                                                                   sq.quotes[i].start):
            q = sq.quotes[i]
            used.add(q)
            self._add("quote", q.start, q.end, spk, "", site.bi)  # merged with the first part
        return True

    def _short_lead(self, start: int, end: int) -> bool:
        """Whether text[start:end] has 1 to 40 words and no cue word among them (reads at most 41)."""
        words = []
        for m in _NON_SPACE.finditer(self.text, start, end):
            words.append(m.group())
            if len(words) > 40:
                return False
        return bool(words) and not any(w.lower() in CUE_LEMMA for w in words)

    def _comma_before(self, start: int, end: int, the: bool = False) -> bool:
        r"""re.search(r",\s*$", text[start:end]) (with the: r",\s*(?:[Tt]he\s+)?$"), without the copy."""
        text = self.text
        e = self._rstrip_end(start, end)
        if e > start and text[e - 1] == ",":
            return True
        if the and e < end and e - start >= 3 and text[e - 3:e] in ("the", "The"):
            e = self._rstrip_end(start, e - 3)
            return e > start and text[e - 1] == ","
        return False

    def _rstrip_end(self, start: int, end: int) -> int:
        """len(text[start:end].rstrip()) + start, without the copy."""
        text = self.text
        while end > start and text[end - 1].isspace():
            end -= 1
        return end

    def _frame_quote_then_words(self, site: _Site) -> bool:
        """"''I admire the mechanics'' of the proposals, Mr. Holtz-Eakin said.": a quotation and the
        words that finish its sentence."""
        text, sent = self.text, site.sent
        sq, qi = site.sent_quotes, site.sq
        if not (not site.inverted and sq and sq[0].start <= sent.start + 1 and qi.eligible.prev(site.pre_end - 1) >= 0
                and self._comma_before(sent.start, site.subject_start) and re.match(r"^[\s.]*$", site.tail)
                and site.word in QUOTE_CUES):
            return False
        site.used.update([qi.quotes[i] for i in qi.walk(qi.eligible, 0, site.pre_end)])
        self._add("quote", sent.start, text.rfind(",", sent.start, site.subject_start), site.spk, site.word, site.bi)
        return True

    def _frame_clause_before(self, site: _Site) -> bool:
        """"The economy is growing, Obama said." (or "..., the Commerce Department said last month")."""
        text, sent = self.text, site.sent
        if not (not site.inverted and self._comma_before(sent.start, site.subject_start, the=True)
                and re.match(r"(?:\s+" + _WHEN + r")?"
                             r"(?:[\s.]*$|\s*,\s*(?:adding|and|as|while|after|before|because|when|citing|noting|"
                             r"in\s+an?|during)\b)", site.tail)
                and site.subject_start > sent.start + 10 and (site.word in SPEECH_CUES or site.lemma in EVIDENTIAL)
                and site.lemma not in ("ask",)):
            return False
        cstart, cend = sent.start, text.rfind(",", sent.start, site.subject_start)
        sq = site.sent_quotes  # sorted and disjoint: only the first can start at the sentence start
        if sq and sq[0].start <= cstart < sq[0].end:
            return False
        self._add("reported", cstart, cend, site.spk, site.word, site.bi)
        return True

    def _frame_parenthetical(self, site: _Site) -> bool:
        """"Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt in 1999.": the speaker sits
        inside the sentence, and the content is the sentence around it (offsets stay one span)."""
        text, sent = self.text, site.sent
        if site.inverted or site.word not in SPEECH_CUES or site.lemma == "ask":
            return False
        # End-anchored tests on bounded windows: a run-on sentence of many cues stays linear.
        left = text[max(sent.start, site.subject_start - 80):site.subject_start]
        if not re.search(r",\s*(?:[Tt]he\s+)?$", left) or not re.match(r"\W*\w", text[sent.start:sent.start + 20]) \
                or any(q.start < site.subject_start for q in site.sent_quotes[:1]):
            return False
        m = re.match(r"(?:\s+" + _WHEN + r")?,\s+(?!that\b|and\b|adding\b|but\b|though\b)(?=[a-z])", site.tail[:200])
        rest = site.tail[m.end():m.end() + 200] if m else ""
        # "Trump said, however, that ...": an aside, then the cue's own clause; other frames take it.
        if not m or any(ch in site.tail[:400] for ch in QUOTE_CHARS) or len(re.findall(r"\w+", rest)) < 3 \
                or re.match(r"\w+,|(?:\w+\s+){0,2}that\b", rest):
            return False
        self._add("reported", sent.start, sent.end, site.spk, site.word, site.bi)
        return True

    # -- content after the cue -----------------------------------------------------------------
    def _frame_told_object_clause(self, site: _Site) -> bool:
        """"told the Wall Street Journal he would ...": an object, then the clause."""
        if site.lemma != "tell":
            return False
        mo = re.match(r"\s*(?:(?:the|a|an|his|her|their)\s+(?:[\w’'\-]+\s+){0,3}?|(?:[A-Z][\w’'\-.]*\s+){1,4}|"
                      r"(?:reporters|me|him|her|us|them|voters|supporters|members|lawmakers)\s+)"
                      r"(?=(?:he|she|they|it|we|I|there|his|her|their)\b)", site.rest)
        return bool(mo) and self._claim_after(site, site.rest_start + mo.end())

    def _skip_object(self, site: _Site) -> bool:
        """Past the object of "told X that", "warned X:", "asked X whether" (never places content)."""
        rest, lemma = site.rest, site.lemma
        mt = re.match(r"[^.;:!?]{1,80}?\bthat\b", rest) if lemma == "tell" else None
        if mt and not re.match(r"\s*(?:that|:|,)", rest) and not re.search(r"\b(?:said|says|told|added)\b", mt.group()):
            site.rest, site.rest_start = rest[mt.end() - 4:], site.rest_start + mt.end() - 4
        elif lemma in ("tell", "ask", "warn", "remind", "assure", "inform") and not re.match(r"\s*(?:that|:|,)", rest):
            mo = re.match(r"(?:\s*[\w’'\-.]+){0,6}?\s*(?=(?:that\b|:|,\s*[“\"]|[“\"]))", rest)
            if mo and not re.search(r"\b(?:to|of|about|for)\b", mo.group()) or (mo and lemma == "tell"):
                site.rest, site.rest_start = rest[mo.end():], site.rest_start + mo.end()
        return False

    def _frame_colon_quote(self, site: _Site) -> bool:
        """He said: “...” (or , — before the quotation)."""
        mcolon = re.match(r"\s*(?:[:,]|—|–)?\s*(?=[" + OPEN_QUOTES + '"' + "]|'')", site.rest)
        if not (mcolon and site.word in QUOTE_CUES | {"said", "says", "say"}):
            return False
        qpos = site.rest_start + mcolon.end()
        # The first unused quotation from qpos on must start at qpos: the block's quotations are sorted
        # and disjoint, so it is the one starting there, when it is unused.
        i = bisect_left(site.quotes, qpos, key=_start)
        q = site.quotes[i] if i < len(site.quotes) else None
        if not (q is not None and q.start == qpos and q not in site.used and self._is_full(q)):
            return False
        site.used.add(q)
        self._add("quote", q.start, q.end, site.spk, site.word, site.bi)
        return True

    def _frame_pending_colon(self, site: _Site) -> bool:
        """"He said:" ending a paragraph: the next paragraph's quotation is his."""
        if not (re.fullmatch(r"\s*:\s*", site.rest) and site.sent.end >= site.block.end - 1
                and site.word in QUOTE_CUES | {"said", "says"}):
            return False
        self.pending_colon = site.spk
        self.last_block = site.bi
        return True

    def _frame_called(self, site: _Site) -> bool:
        """"called for ...", "called the holiday “a celebration ...”"."""
        if site.lemma not in ("call", "describe", "blast", "label", "brand", "dub", "slam", "praise", "attack",
                              "criticise"):
            return False
        mq = re.match(r"\s*(on|for)\s+", site.rest) if site.lemma == "call" else None
        if mq:
            return self._claim_after(site, site.rest_start + mq.end(), f"{site.word} {mq.group(1)}")
        sq = site.sq
        i = sq.unused.next(bisect_right(sq.starts, site.rest_start))  # the first unused quotation after
        if i < len(sq.quotes) and _WORDS_THEN_END.match(self.text, site.rest_start, sq.quotes[i].start):
            return self._claim_after(site, self._rest_lstart(site))
        return False

    def _frame_that(self, site: _Site) -> bool:
        """"said that ...", "said: ..."."""
        mthat = re.match(r"\s*(?::\s*|that\s+)", site.rest)
        return bool(mthat) and self._claim_after(site, site.rest_start + mthat.end())

    def _frame_to_infinitive(self, site: _Site) -> bool:
        """"vowed to ...", "refused to ..."."""
        if site.lemma in ("vow", "pledge", "promise", "threaten", "refuse", "decline", "agree", "offer") and \
                re.match(r"\s*to\s+\w", site.rest):
            return self._claim_after(site, self._rest_lstart(site))
        return False

    def _frame_object_preposition(self, site: _Site) -> bool:
        """"accused X of ...", "urged X to ..."."""
        obj_prep = OBJECT_CUES.get(site.lemma)
        if not obj_prep:
            return False
        mo = re.match(r"\s*(?:[\w’'\-.]+\s+){1,8}?" + obj_prep + r"\b", site.rest)
        if mo and not re.match(r"\s*(?:to|for|of)\b", site.rest):
            return self._claim_after(site, self._rest_lstart(site))
        return False

    def _frame_bare_clause(self, site: _Site) -> bool:
        """"said the economy was growing": a clause with no "that"."""
        rest, word = site.rest, site.word
        if word in SPEECH_CUES and word not in THAT_ONLY_CUES and CLAUSE_START.match(rest) and \
                site.lemma not in ("ask", "call", "report", "post", "state", "point", "question", "charge",
                                   "counter", "continue", "note") and \
                not re.match(r"\s*(?:the|a|an|his|her|its|their)\s+\w+\s*(?:[.,;]|$)", rest) and \
                len(re.findall(r"\w+", rest)) >= 4 and not re.match(r"\s*(?:[A-Z][\w’'\-]*\s*)+(?:[.,;]|$)", rest):
            return self._claim_after(site, self._rest_lstart(site))
        return False

    def _split_host(self, host: Claim, sent: Sentence, cs: int) -> bool:
        """A cue inside reported content with its own named subject after "after/when/as":
        "X warned that ... after Mr Trump accused them of ...". Cut the host before it."""
        if host.kind != "reported":
            return False
        # The subject stands just before the cue: look at a bounded window, not the whole host.
        base = max(host.start, cs - 120)
        m = re.search(r"\s(?:after|before|when|as|because|while|since|until)\s+(\S.*?)\s*$", self.text[base:cs])
        if not m:
            return False
        subj_start = base + m.start(1)
        subj = self.text[subj_start:cs].split()
        men = self.mention_at_start.get(subj_start)
        if men is None and self.text[subj_start:subj_start + 4].lower() == "the ":
            men = self.mention_at_start.get(subj_start + 4)
        # "..., as scientists said B", "..., after he said B": a source noun or pronoun subject too.
        source = bool(subj) and (subj[-1].lower() in SOURCE_NOUNS or (len(subj) == 1 and subj[0].lower() in PRONOUNS))
        if (men is None and not source) or len(subj) > 4:
            return False
        new_end = base + m.start()
        if id(host) not in self._live:
            raise ValueError("the host claim is no longer in the claims")  # as list.index did
        self.content_spans.remove(host.start, host.end)
        self._set_end(host, new_end)
        self.content_spans.add(host.start, host.end, host)
        return True

    def _reported(self, cstart: int, sent: Sentence, spk: Speaker, cue: str, bi: int, quotes: list[Quote],
                  used: set[Quote]) -> None:
        """Reported speech from cstart to the end of its clause; quotations inside belong to it."""
        cend = self._content_end(cstart, sent.end)
        self._add("reported", cstart, cend, spk, cue, bi)
        self._claim_quotes(cstart, cend, quotes, used)

    def _claim_quotes(self, start: int, end: int, quotes: list[Quote], used: set[Quote]):
        """Quotations inside reported content belong to it (mixed forms)."""
        for i in range(bisect_left(quotes, start, key=_start), len(quotes)):
            if quotes[i].start >= end:
                break
            used.add(quotes[i])


def _start(c: Claim | Quote) -> int:
    return c.start


def _end(c: Claim | Quote) -> int:
    return c.end


def resolve(claims: list[Claim], entities: list[Entity]) -> None:
    """Fill each claim's speaker index from its source (a person, else the organisation it speaks for)."""
    for c in claims:
        spk = c.source
        if spk is None:
            continue
        c.speaker = spk.entity if spk.entity is not None else spk.org
