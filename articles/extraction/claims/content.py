"""Stage 2, content spans: where a cue's content begins and ends, and the one place claims are
added (trimmed, checked for a source, recorded with the frame that placed them).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..lexicon import CUE_LEMMA, DAY_NAMES, MONTH_NAMES, PRONOUNS, SOURCE_NOUNS, SPEECH_CUES
from ..text import Quote, Sentence
from ..types import Claim, Speaker
from . import adjuncts, fronted, openers, relatives, source_words, sources
from .state import ClaimState, Site, _start


@dataclass(frozen=True)
class Span:
    """One content span a frame places: text[start:end] with its kind and cue."""

    kind: str  # "quote" | "reported"
    start: int
    end: int
    cue: str
    mixed: bool = False  # reported content: the quotations inside it belong to it


@dataclass
class Placement:
    """What a frame decides for a cue: the content spans (in order), and the speaker when the frame
    found it itself ("according to X", "Said X:"); ``pending_colon``: "He said:" ends the paragraph
    and the next paragraph's quotation is his."""

    spans: list[Span]
    speaker: Speaker | None = None
    pending_colon: bool = False


def apply(st: ClaimState, site: Site, placement: Placement, frame: str) -> Speaker | None:
    """Add a frame's placement as claims (each recording the frame); returns its speaker."""
    spk = placement.speaker or site.spk
    st.frame = frame
    if placement.pending_colon:
        st.pending_colon = spk
        st.last_block = site.bi
    for span in placement.spans:
        add(st, span.kind, span.start, span.end, spk, span.cue, site.bi)
        if span.mixed:
            claim_quotes(st, span.start, span.end, site.sent_quotes, site.used)
    return spk


def _end(c: Claim | Quote) -> int:
    return c.end

# A trailing adjunct naming the occasion of speaking: "in a statement on Thursday", "during a campaign
# stop in Flint", "in an interview with CNN", "on Twitter".
_SPEECH_EVENT = re.compile(
    r"\s+(?:(?:in|during|at|on|via)\s+(?:a|an|his|her|their|its|the|one|Monday's|Tuesday's|Wednesday's|"
    r"Thursday's|Friday's|Saturday's|Sunday's)\s+(?:[\w’'\-]+\s+){0,3}?(?:statement|interview|speech|rally|"
    r"press\s+conference|news\s+conference|conference\s+call|briefing|appearance|campaign\s+stop|tweet|"
    r"Facebook\s+post|blog\s+post|op-ed|town\s+hall|broadcast|podcast)s?\b|on\s+Twitter\b)"
    r"(?:[\s,]+(?!because|while|and|but|that|which|who|when|although|if|to)[\w’'\-]+){0,8}$")
# A trailing clause whose understood subject is the speaker, naming the occasion of speaking: "...,
# while visiting a clinic in Leeds", "... when asked about the cuts", "..., speaking to reporters".
_OCCASION_VERBS = (r"speaking|talking|visiting|touring|campaigning|addressing|appearing|testifying|answering|"
                   r"responding|writing|posting|tweeting")
# Set off by a comma: without one the clause attaches to the verb of the content ("... of coming under
# fire while visiting Bosnia").
_OCCASION = re.compile(r",\s*(?:(?:while|when)\s+(?:being\s+)?(?:" + _OCCASION_VERBS + r"|asked|pressed|questioned|"
                       r"interviewed)|(?:" + _OCCASION_VERBS + r"))\b[^;:,“”\"]{0,120}$")
# ("to" opens an adjunct before its hearer, "said to reporters"; before a verb it opens the content,
# "pledged to oppose ... “today, tomorrow, forever.”".)
# A programme's title in the adjunct, before "that": 'said on ABC's "This Week" that ...'.
_TITLE_BEFORE_THAT = r"(?:\s*[“\"][A-Z][\w’'\-.!?]*(?:\s+(?:[A-Z0-9][\w’'\-.!?]*|of|the|a|and|in|on|to|for)){0,7}[”\"]\s*(?=that\b))?"
# A date or a weekday between the cue and its "that" ("announced Nov. 18 that", "said Monday that"); a
# month only before its day (not "told May that").
_DATE_WORD = (r"(?:" + "|".join(sorted(DAY_NAMES)) + r"|(?:" + "|".join(sorted(m.capitalize() for m in MONTH_NAMES))
              + r")\.?\s+\d{1,2})")
# Only a time between a learned cue and its "that" ("claimed at the time that", "said this week that"):
# a wider adjunct may end in a relative "that" ("pointed to a number of factors that ...").
# (Only a part of the day after the date: "said Friday it had found cracks that need repair" is a clause
# before a relative "that", not an adjunct.)
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
DATE_BEFORE_THAT = re.compile(r"\s*(?:(?:on|last|this|early|late)\s+)?(?:" + _DATE_WORD + r"|at\s+the\s+time|"
                              r"(?:last|this|earlier\s+this)\s+(?:week|month|year)|earlier|yesterday|today)"
                              + _PART_OF_DAY + r"\s+(?=that\b)")
# An adjunct's words never hold a finite verb: "said on Friday it had found cracks that need repair" is a
# clause before a relative "that", not an adjunct before the complementizer.
_ADJUNCT_WORDS = (r"(?:(?!\b(?:is|are|was|were|had|has|have|would|will|could|should|can|may|might|must|did|"
                  r"does)\b)[^,:;“”\"])*?")
# An adjunct may hold a clause of its own before the complementizer: a passive relative ("said in a letter
# that was sent to shareholders that ...") or a clause set off by commas ("said on Monday, when the trial
# opened, that ..."). Only with a second "that" after it: else the relative "that" is the content's own.
_ADJUNCT_CLAUSE = (r"(?:\s+(?:that|which)\s+(?:was|were|is|are|has\s+been|had\s+been|have\s+been)\s+[a-z]+(?:ed|en|wn|nt)\b"
                   + _ADJUNCT_WORDS + r"(?=\s*that\b)|,\s*(?:when|while|as|after|before|where|which|who)\b[^,:;“”\"]{1,80},"
                   r"(?=\s*that\b))?")
TIME_ADJUNCT = re.compile(
    r"^(?:\s*,)?\s*(?:" + _DATE_WORD + r"\b" + _PART_OF_DAY + r"(?=\s*that\b)|(?:on|in|at|during|after|before|via|over|to(?=\s+(?:the|a|an|his|her|their|its|our|my|"
    r"reporters|him|them|me|us|[A-Z]))|with|from|through|late|early|last|this|"
    r"earlier|later|yesterday|today|tonight|recently|previously|repeatedly|again|also|then|once|publicly|"
    r"privately|bluntly|flatly|simply|in\s+a\s+statement|in\s+an\s+interview|in\s+a\s+speech|"
    r"in\s+a\s+tweet)\b" + _ADJUNCT_WORDS + _TITLE_BEFORE_THAT + _ADJUNCT_CLAUSE + r")?(?=\s*(?:that\b|:|,\s*[“\"]|[“\"]))")
# An aside set off by commas between the cue and its "that" ("said, however, that", "added, in fact, that",
# "said, without evidence, that"): a sentence adverb or a short phrase, no clause of its own (no finite verb,
# no pronoun subject, no verb of saying: "believes, he said, that" is an attribution), no quotation.
_ASIDE_WORD = (r"(?!(?:is|are|was|were|had|has|have|would|will|could|should|can|may|might|must|did|does|he|she|"
               r"they|we|I|you|it|that|" + "|".join(sorted(CUE_LEMMA, key=len, reverse=True)) + r")\b)"
               r"[^\s,:;“”\"‘’()]+")
ASIDE_BEFORE_THAT = re.compile(r"\s*,\s*" + _ASIDE_WORD + r"(?:\s+" + _ASIDE_WORD + r"){0,4}\s*,\s+(?=that\b)")
# A time right after the cue and before a clause with no "that" ("said Friday it had found cracks", "said on
# Tuesday the plan would go ahead"): the time is the saying's, the content opens after it.
# A name after the time must be the clause's whole subject, its verb right after it ("said Monday Wilson would"):
# else the weekday opens the name ("said Sunday Times journalists had misled readers").
_NAME_THEN_VERB = (r"[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-.]*){0,2}\s+(?:is|are|was|were|had|has|have|would|will|could|"
                   r"should|can|may|might|must|did|does|[a-z]+ed)\b")
LEAD_TIME = re.compile(r"\s*(?:(?:on|last|this|early|late)\s+)?(?:" + _DATE_WORD + r"|yesterday|today|"
                       r"(?:last|this|earlier\s+this)\s+(?:week|month|year))" + _PART_OF_DAY
                       + r"(?=\s+(?:(?:it|he|she|they|we|I|you|there|this|these|the|a|an|his|her|its|their)\b"
                       r"(?!\s*(?:that|:)\b)|" + _NAME_THEN_VERB + r"))")
CONTENT_TAIL = re.compile(r"(?:,\s*(?:and\s+)?(?:adding|saying|noting|arguing|claiming|insisting|warning|"
                          r"explaining|stressing|suggesting|according)\b|\s+as\s+(?:he|she|they)\s+\w+ed\b|"
                          r",?\s+(?:and|but)\s+(?:has\s+|had\s+|also\s+)?(?:" + "|".join(
                              sorted(f for f in SPEECH_CUES if f.endswith("ed") or f in ("said", "told", "wrote")))
                          + r")\b|[,;]\s*(?:he|she|they|the\s+\w+)\s+(?:said|added|says)\b)")


# One word in quotation marks with its own punctuation: an answer or a shout, said whole ('"Absolutely,"
# he said', '"Shame!" the crowd shouted'); a bare quoted word is a term, not something said.
_WORD_SAID = re.compile(r"(?:[“\"]|'')[A-Za-z][\w’'\-]{1,}[,!?.](?:[”\"]|'')")  # "No," and "OK," too


# A source's request for anonymity ("asked not to be named", "declined to be identified because ..."): the
# terms of the reporting, not a statement of the source's.
_ANONYMITY = re.compile(r"(?:not\s+)?to\s+be\s+(?:named|identified|quoted|quoted\s+by\s+name|named\s+publicly|"
                        r"identified\s+publicly)(?:\s+(?:because|as|since|in\s+order)\b[^.;]*)?[.,;]?", re.I)


def add(st: ClaimState, kind: str, start: int, end: int, spk: Speaker | None, cue: str, block_i: int,
        learned: bool = False):
    """Add a claim for text[start:end] (trimmed) with its speaker, unless it has no source (the span is
    then spent) or a claim already covers it; the claim records st.frame."""
    text = st.text
    if kind == "reported" and st.cue_pos is not None and st.cue_pos < start:  # "Although X said Y, Z ...": Y
        end = fronted.clause_end(text, st.in_quote, st.cue_pos, start, end)
    start, end = trim(st, kind, start, end)
    start = with_complementizer(text, start, end)
    # "who asked not to be named" is a condition of the reporting; every frame's try ends here.
    if end - start < 3 or _ANONYMITY.fullmatch(text, start, end) or \
            (len(re.findall(r"\w+", text[start:min(end, start + 200)])) < 2
             and not (kind == "quote" and _WORD_SAID.fullmatch(text, start, end))):
        return
    spk = sources.source_phrase(st, spk)
    if spk is not None and not spk.resolved and text[spk.start:spk.end] == spk.text:
        # Words that name nobody ("Brooke tearfully", "This comes as the ministry"): `source_words`.
        words, at = source_words.phrase_words(spk.text, spk.start, source_words.title_case(text, spk.end))
        spk = spk if at == spk.start and words == spk.text else Speaker(None, words, at, at + len(words))
        spk = None if source_words.addressed(spk.text) else spk  # "How do you", "let's": no one is named
    main = adjuncts.main_subject(st, spk, st.cue_pos) if spk is not None and st.cue_pos is not None else None
    if main is not None and main[1] - start >= 3:  # "Besides attacking X, Mr. Trump asserted": Mr. Trump
        spk, end = main[0], min(end, main[1])
    if spk is None or not spk.text.strip():
        # An attribution names its source: words nobody is said to say are no claim. The span is
        # still spent, so cues inside it are not tried again (which kept extraction linear).
        st.spent.add(start, end, None)
        return
    if st.cover.max_in(0, start) >= end:
        return  # already covered by a claim
    st.claims.append(Claim(kind=kind, text=text[start:end], start=start, end=end,
                           speaker=None, speaker_text=spk.text if spk else "", cue=cue, frame=st.frame,
                           cue_start=st.cue_pos))
    st.live_add(st.claims[-1])
    if st.cue_pos is not None:
        st.cue_at.add(st.cue_pos)
    st.claims[-1].source = spk
    st.content_spans.add(start, end, st.claims[-1])
    # A cue only the model found is less sure: it names no speaker for the pronouns after it.
    if spk is not None and not learned:
        st.last = spk
        st.last_block = block_i
        if spk.entity is not None and st.entities[spk.entity].kind == "person":
            st.last_person = spk
            st.last_claim_start = start


# The complementizer right before a content a frame placed after it ("said that the plan failed").
_COMPLEMENTIZER = re.compile(r"\bthat[ \t]+$")


def with_complementizer(text: str, start: int, end: int) -> int:
    """Where a content opens once the "that" introducing it is counted in: a that-clause is reported
    whole, complementizer and all ("said that the plan failed" reports "that the plan failed"). The
    frames place the clause after the "that"; PolNeAR's contents open with it (2,437 training contents
    start with "that", 40 right after one), and a short clause ('said that “he loves you.”') is held
    only with it. Before a colon the "that" is a pronoun and stays out ("he said that: ...")."""
    m = _COMPLEMENTIZER.search(text, max(0, start - 8), start) if end > start else None
    return m.start() if m else start


def trim(st: ClaimState, kind: str, start: int, end: int) -> tuple[int, int]:
    """A content span without spaces, a dateline, trailing punctuation outside quotation marks and,
    for reported content, the occasion of speaking ("in a statement on Thursday", "while visiting
    a clinic")."""
    text = st.text
    while start < end and text[start] in " \t\n,:;":
        start += 1
    # "WASHINGTON (AFP) ― ", at a paragraph's start also "Sioux Falls, S.D. – ", "(CNN) ": nobody's words.
    # Inside a paragraph only a place in capitals: a name and its bracket before a dash is what was said
    # ("said Jo Hale (D) – a moderate – would vote no", "said Acme (NYSE: ACM) - the largest miner - would").
    d = openers.dateline_end(st, start, end)
    if d is not None and (start == 0 or text[start - 1] == "\n" or text[start:d].split()[0].isupper()):
        start = d
    while end > start and text[end - 1] in " \t\n,;.:—–-" and not (kind == "quote"):
        end -= 1
    if kind == "reported":
        # "... more school investment in a statement on Thursday": where it was said is not what.
        # The adjunct is a few words: a bounded window keeps a run-on span linear.
        m = _SPEECH_EVENT.search(text, max(start, end - 160), end)
        if m:
            end = m.start()
        m = _OCCASION.search(text, max(start, end - 160), end)
        if m and m.start() > start:
            end = m.start()
    return start, end


def content_end(st: ClaimState, start: int, sent_end: int) -> int:
    m = CONTENT_TAIL.search(st.text, start, sent_end)
    end = m.start() if m else sent_end
    return end


def quotes_in(quotes: list[Quote], start: int, end: int) -> list[Quote]:
    """The quotations inside [start, end + 1]: a block's quotations are sorted and disjoint, so
    their ends are sorted too and the answer is one slice."""
    lo = bisect_left(quotes, start, key=_start)
    hi = bisect_right(quotes, end + 1, key=_end)
    return quotes[lo:hi]


def place(st: ClaimState, site: Site) -> None:
    spk, text = site.spk, st.text
    site.subject_start = spk.start if not site.inverted else site.cs
    site.pre_end = site.sq.ending_by(site.subject_start + 1)
    site.after = site.ce if not site.inverted else max(site.ce, spk.end)
    site.tail = text[site.after:site.sent.end]
    m_adj = TIME_ADJUNCT.match(site.tail) or LEAD_TIME.match(site.tail) or ASIDE_BEFORE_THAT.match(site.tail)
    skip = m_adj.end() if m_adj else 0
    site.rest = site.tail[skip:]
    site.rest_start = site.after + skip


def claim_after(st: ClaimState, site: Site, cstart: int, cue: str | None = None) -> Placement:
    """Reported content from cstart to the end of its clause (quotations inside belong to it)."""
    end = relatives.main_clause_cut(st.text, site.cs, cstart, content_end(st, cstart, site.sent.end))
    return Placement([Span("reported", cstart, end, cue or site.word, mixed=True)])


def rest_lstart(st: ClaimState, site: Site) -> int:
    return site.rest_start + len(site.rest) - len(site.rest.lstrip())


# A clause set against the host's after a comma: coordinated ("X said ..., and Jo Sharp vowed to ...",
# "..., but she said ...") or contrasted (", while Jo Sharp argued ...", ", even as critics warned ...").
# The nearest one to the cue: its subject holds no other such comma ("..., and ..., and Jo Sharp vowed").
_SET_AGAINST = re.compile(r",\s+(?:and|but|yet|whereas|while|(?:even\s+)?as)\s+"
                          r"(\S(?:(?!,\s+(?:and|but|yet|whereas|while|(?:even\s+)?as)\s).)*?)\s*$")


# "X warned that ... after Mr Trump accused them of ...": what came before the act of saying, its occasion.
_OCCASION_AFTER = re.compile(r"\s(?:after)\s+(\S.*?)\s*$")


def split_host(st: ClaimState, host: Claim, sent: Sentence, cs: int) -> bool:
    """A cue inside reported content with its own named subject, in a clause set against the host's after
    a comma (", and Jo Sharp vowed ...", ", while Mr Dunn argued ...", ", as scientists said ...") or
    after "after" (the occasion of the host's act of saying): cut the host before it. A clause
    subordinate to what was said ("he recoiled when Mr Dunn began attacking ...", "... until it agrees
    to ...", "because", "before", "since") is part of it: the host keeps it whole (PolNeAR's contents
    do; cutting there lost more claims than the nested cue's own claim won)."""
    if host.kind != "reported":
        return False
    # The subject stands just before the cue: look at a bounded window, not the whole host.
    base = max(host.start, cs - 120)
    m = _OCCASION_AFTER.search(st.text[base:cs]) or _SET_AGAINST.search(st.text[base:cs])
    # ... unless the host reports speech itself ("X notes that Jo Sharp tweeted ..., and Ann Lee called
    # ..." goes on reporting).
    if m is not None and _reports_speech(st, host.start, base + m.start()):
        return False
    if not m:
        return False
    subj_start = base + m.start(1)
    subj = st.text[subj_start:cs].split()
    men = st.mention_at_start.get(subj_start)
    if men is None and st.text[subj_start:subj_start + 4].lower() == "the ":
        men = st.mention_at_start.get(subj_start + 4)
    # "..., as scientists said B", "..., after he said B": a source noun or pronoun subject too.
    source = bool(subj) and (subj[-1].lower() in SOURCE_NOUNS or (len(subj) == 1 and subj[0].lower() in PRONOUNS))
    if (men is None and not source) or len(subj) > 4:
        return False
    new_end = base + m.start()
    if id(host) not in st.live_ids:
        raise ValueError("the host claim is no longer in the claims")  # as list.index did
    st.content_spans.remove(host.start, host.end)
    st.set_end(host, new_end)
    st.content_spans.add(host.start, host.end, host)
    return True


def _reports_speech(st: ClaimState, start: int, end: int) -> bool:
    """Whether the text from start to end holds an inflected verb of saying (a cue's form other than
    its lemma). The document's such words are found once: a long host asked once per cue inside it
    would read the host again each time (quadratic on one run-on sentence)."""
    spans = st.speech_words
    if spans is None:
        spans = st.speech_words = [(m.start(), m.end()) for m in re.finditer(r"[a-z]+", st.text)
                                   if CUE_LEMMA.get(m.group(), m.group()) != m.group()]
    i = bisect_left(spans, (start, -1))
    return i < len(spans) and spans[i][1] <= end


def claim_quotes(st: ClaimState, start: int, end: int, quotes: list[Quote], used: set[Quote]):
    """Quotations inside reported content belong to it (mixed forms)."""
    for i in range(bisect_left(quotes, start, key=_start), len(quotes)):
        if quotes[i].start >= end:
            break
        used.add(quotes[i])
