"""Stage 3, sources: who speaks for a cue. The noun phrase before the cue (a name, a pronoun, an
anonymous source, "who", a coordinated "and said"), or after it when inverted ("said Mr Smith",
"according to X"), or after a dash below a quotation ("— Jorge Falcon"). Pronouns, roles and
groups are resolved by the discourse stage.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..lexicon import CUE_LEMMA, DAY_NAMES, QUOTE_CUES, SOURCE_NOUNS
from ..text import CLOSE_QUOTES, QUOTE_CHARS, Quote, Sentence
from ..types import Block, Mention, Speaker
from . import discourse, possessed, relatives, source_words
from .asides import aside_starts, region_closes
from .openers import LY_NOT_ADVERB as _LY_NOT_ADVERB
from .openers import past_openers
from .state import ClaimState, Site

_DAYS = "|".join(sorted(DAY_NAMES))

# Words that may stand between a speaker and the cue: "has previously said", "will on Monday say".
GAP_WORDS = frozenset("""has have had will would shall should could can may might must also previously
later then again further repeatedly publicly privately reportedly recently once already simply only just
even still not never quickly flatly yesterday today tonight earlier last week this month year monday
tuesday wednesday thursday friday saturday sunday on morning afternoon evening night is was are were be
been being expected to apparently initially first originally long often frequently subsequently herself
himself themselves itself openly loudly angrily bluntly privately tearfully proudly cheerfully
sarcastically emphatically flatly explicitly directly specifically separately elsewhere""".split())
# Any adverb of manner in -ly is a gap word too ("She regularly tells", "He memorably promised"), but
# not the nouns and adjectives in -ly that head a subject (`openers.LY_NOT_ADVERB`).
_SOURCE_NOUN_END = re.compile(r"(?:" + "|".join(SOURCE_NOUNS) + r")$", re.IGNORECASE)
_SOURCE_NOUN_LONGEST = max(map(len, SOURCE_NOUNS)) + 1  # "$" also matches before a final newline
# -- speakers -------------------------------------------------------------------------
# How far left of a cue its speaker is looked for: the regular expressions below scan this window,
# not the whole sentence so far, so a sentence of a thousand cues costs linear time.
LEFT_WINDOW = 300
_PREPOSITIONS = frozenset("of for with by to from about against on in at into over under after before than like as".split())
# Words that open a clause, not a noun phrase: "But environmentalists worry ..." names
# "environmentalists"; "In a statement", "When the poll asked", "Deeply divided" name nobody.
_CLAUSE_OPENERS = frozenset("but and or so yet although though while whereas when whenever after before since as "
                            "if because once until".split())
_NOT_A_SOURCE = _PREPOSITIONS | frozenset("during contrary having despite without through per following amid".split())
_VERBAL = frozenset("have has had is was were are be been being do does did having".split())
_CLAUSE_WORDS = frozenset("can could will would shall should may might must which".split())
_ADVERBS = frozenset("all also long just still even only now then already never enough".split())
_DETERMINERS = frozenset("the a an this that these those".split())
# "Rep. John Mica (R-Fla.) said", "who in 2010 said", "Trump on Tuesday said": between subject and cue.
_PARTY_OR_TIME = re.compile(r"\s*(?:\([^()]{1,40}\)|,?\s*\b(?:in|on|during|since|at)\s+(?:\d{4}|(?:the\s+)?(?:"
                            + _DAYS + r"|morning|evening|night|interview|"
                            r"statement|speech|rally|debate|letter|tweet)),?|,?\s*\b(?:last|this|next)\s+(?:week|month|"
                            r"year|night|weekend|" + _DAYS + r"),?)$")
# "Two officials, speaking on condition of anonymity, said": the apposition says how, not who.
_HOW_APPOSITION = re.compile(r",\s*(?:speaking|talking|writing|who\s+(?:spoke|asked|requested|declined)|declining|"
                             r"requesting|asking)\b[^,]{0,80},?$|"
                             # "Another official speaking to Sky News said": the hearer of a participle, no commas
                             r"\s+(?:speaking|talking|writing)\s+(?:to|with)\s+[^,]{1,60}$")
# A passive cue: "was told by X", "were assured by X", "had been informed by X".
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are)\s+$", re.IGNORECASE)
_PASSIVE_AGENT = re.compile(r"\s+by\s+")


def heard(site: Site) -> bool:
    """Whether the cue is passive, its subject the hearer ("Tom Reyes was asked."), not the speaker."""
    return _PASSIVE_BEFORE.search(site.near) is not None
# Before a name that is the object of a preposition or the hearer of a verb of telling or asking.
_OBJECT_BEFORE = re.compile(r"\b(?:to|with|at|on|against|toward|towards|about|than|told|tells|asked|asks|urged|"
                            r"informed|interview\s+with)\s+(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)
# "a spokesman at the Pentagon": the organisation a source noun names speaks.
_SOURCE_NOUN_PREP = re.compile(r"\b(?:" + "|".join(SOURCE_NOUNS) + r")\s+(?:for|at|of|from|in|with)\s+(?:the\s+)?$",
                               re.IGNORECASE)
_DASH = re.compile(r"\s*[―—–]\s*(?=[A-Z])")


# A restrictive relative clause (no commas) running up to the cue: "who spoke with the Herald".
_RELATIVE = re.compile(r"(?<=[a-z\s])\s(who|whom)\s+[^,;:.!?“”\"()]{2,100}$")


def left_speaker(st: ClaimState, sent: Sentence, cue_start: int, prev: Speaker | None) -> Speaker | None:
    """The speaker before a cue: the subject of a participle or infinitive cue, the previous cue's
    speaker after "and", else a name, a pronoun or a noun phrase ending right before the cue (past
    gap words, a party label, a time, an apposition saying how)."""
    whole = sent
    if cue_start - sent.start > LEFT_WINDOW:
        sent = Sentence(cue_start - LEFT_WINDOW, sent.end)
    clausal, spk = _clausal_cue(st, whole, sent, cue_start, prev)
    if clausal:
        return spk
    # "The company, which is expected to report next week, confirmed": the subject stands before
    # the aside (innermost first); else the text right before the cue is read as usual.
    for comma in aside_starts(st, sent, _gap_start(st, sent, cue_start)):
        who = re.match(r",\s*who\s", st.text[comma:comma + 8])  # the relative's antecedent, past an apposition
        if who and (spk := antecedent(st, comma + who.end() - 4)) is not None and spk.resolved:
            return spk  # ("Ann Lee, a lawyer for John Smith, who ..., said": Ann Lee, not John Smith)
        seg_end = _subject_end(st, sent, comma)
        spk = _subject_before(st, whole, sent, seg_end, cue_start, prev)
        if spk is not None and spk.entity is not None:  # "a voter who met Jo Roe, 30, said": the voter
            spk = _relative_head(st, whole, sent, seg_end, cue_start, prev) or spk
        if spk is not None and (spk.resolved or _noun_phrase(spk.text)):
            return spk
    seg_end = _subject_end(st, sent, cue_start)
    return _relative_head(st, whole, sent, seg_end, cue_start, prev) or _subject_before(st, whole, sent, seg_end, cue_start, prev)


def _relative_head(st: ClaimState, whole: Sentence, sent: Sentence, seg_end: int, cue_start: int,
                   prev: Speaker | None) -> Speaker | None:
    """"Officials who spoke with the Herald said", "a voter who met Jo Roe, 30, said": a name at the end of
    a restrictive relative clause is what the clause is about; the subject is the noun phrase "who"
    follows (None when the subject ending at seg_end is no such clause)."""
    rel = _RELATIVE.search(st.text, max(sent.start, seg_end - 120), seg_end)
    if rel is None or st.mention_ending(seg_end) is None:
        return None
    spk = _subject_before(st, whole, sent, st.rstrip_end(sent.start, rel.start(1)), cue_start, prev)
    return spk if spk is not None and (spk.resolved or _noun_phrase(spk.text)) else None


def _subject_before(st: ClaimState, whole: Sentence, sent: Sentence, seg_end: int, cue_start: int,
                    prev: Speaker | None) -> Speaker | None:
    """The subject ending at seg_end: the previous cue's after "and", a name, a pronoun, a phrase."""
    before = st.text[sent.start:seg_end]
    # "..., and said": the speaker of the previous cue in the sentence, or the sentence subject.
    if re.search(r"(?:^|\W)(?:and|but|then|or)$", before):
        return prev if prev is not None else sentence_subject(st, whole, cue_start)
    spk = _name_before(st, sent, seg_end, before)
    if spk is not None:
        return spk
    # A pronoun.
    m = re.search(r"(?:^|[\s,;(“\"])(he|she|they|it|who|which|He|She|They|It|Who|I|We)$", before)
    if m:
        pron = m.group(1).lower()
        if pron in ("who", "which"):
            return antecedent(st, sent.start + m.start(1))
        if pron in ("i", "we"):
            return None
        return discourse.resolve_pronoun(st, pron, sent.start + m.start(1), sent)
    return _phrase_before(st, sent, seg_end, before)


def _clausal_cue(st: ClaimState, whole: Sentence, sent: Sentence, cue_start: int,
                 prev: Speaker | None) -> tuple[bool, Speaker | None]:
    """A participle or infinitive cue has no subject of its own: "after saying" takes the subject of
    the main clause, "to indicate" the nearest person before. (True, speaker) when the cue is one."""
    text = st.text
    raw_before = text[sent.start:cue_start].rstrip()
    cue_word = text[cue_start:cue_start + 20].split()[0].lower()
    if cue_word.endswith("ing") and (re.search(r"(?:^|\W)(?:after|before|while|when|by|without|in|despite|for)$",
                                               raw_before) or raw_before.endswith(",")):
        if prev is not None:
            return True, prev  # "..., he said, adding that ..."
        # (a participle always has a speaker: the nearest person otherwise, often the object)
        return True, (_clause_subject(st, sent, cue_start) or sentence_subject(st, whole, cue_start, plain_first=False)
                      or recent_person_in(st, sent.start, cue_start))
    if re.search(r"(?:^|\W)to$", raw_before) and not re.search(r"(?:expected|going|likely|set|due|able|about|"
                                                                  r"used|seemed|appeared|wanted|tried|has|have|had)\s+to$", raw_before):
        return True, recent_person_in(st, sent.start, cue_start) or sentence_subject(st, whole, cue_start)
    return False, None


# What opens a clause inside a sentence: a semicolon, a subordinating or coordinating conjunction.
_CLAUSE_START = re.compile(r"(?:[;:]|,?\s+(?:and|but|as|while|whereas|when|after|because|although|though|since|so|"
                           r"yet))\s+(?:the\s+)?$")


def _clause_subject(st: ClaimState, sent: Sentence, cue_start: int) -> Speaker | None:
    """The subject of the clause a participle cue hangs on: the latest name that opens a clause and
    is followed by its verb ("It was a busy day, as Mrs. Grant echoed the criticism, saying ...");
    a name followed by a comma or "and" is an object ("backed Grant and Chen, saying"), not one."""
    text = st.text
    for men in st.mentions_back(sent.start, cue_start):
        if st.in_quote(men.start) or st.in_content(men.start):
            continue
        if _CLAUSE_START.search(text, max(sent.start, men.start - 14), men.start) \
                and re.match(r"\s+(?!and\b|or\b|of\b|to\b)[a-z]", text[men.end:men.end + 6]):
            return source_or_entity(st, sent, men)
    return None


def _gap_start(st: ClaimState, sent: Sentence, cue_start: int) -> int:
    """Where the gap words before a cue begin ("has previously said", "will on Monday evening say")."""
    text = st.text
    pos = cue_start
    while True:
        seg = text[sent.start:pos].rstrip()
        m = re.search(r"([A-Za-z][\w’'\-]*)$", seg)
        word = m.group(1) if m else ""
        adverb = len(word) > 4 and word.endswith("ly") and word.islower() and word not in _LY_NOT_ADVERB
        if m and (word.lower() in GAP_WORDS or adverb) and not st.mention_ending(m.end() + sent.start):
            pos = sent.start + m.start()
            continue
        return pos


def _noun_phrase(words: str) -> bool:
    """Whether a source named by words is a short noun phrase, not a clause ("The economy is growing")."""
    low = words.lower().split()
    return 1 <= len(low) <= 6 and not any(w in _VERBAL or w in _CLAUSE_WORDS for w in low)


def _subject_end(st: ClaimState, sent: Sentence, cue_start: int) -> int:
    """Where the cue's subject ends: left of gap words ("has previously"), a party label or a time
    ("Rep. John Mica (R-Fla.)", "who in 2010", "Trump on Tuesday") and an apposition saying how the
    source spoke ("Two officials, speaking on condition of anonymity, said")."""
    text = st.text
    pos = _gap_start(st, sent, cue_start)
    seg = text[sent.start:pos].rstrip()
    while True:
        m = _PARTY_OR_TIME.search(seg)
        if not m or m.start() == 0:
            break
        seg = seg[:m.start()].rstrip()
    seg_end = sent.start + len(seg)
    mp = _HOW_APPOSITION.search(text[sent.start:seg_end])
    if mp and mp.start() > 0:
        seg_end = sent.start + mp.start()
    return seg_end


def _name_before(st: ClaimState, sent: Sentence, seg_end: int, before: str) -> Speaker | None:
    """A name right before the cue ("Mr. Morgan of the Sierra Club said": the person speaks)."""
    text = st.text
    men = st.mention_ending(seg_end)
    if men is not None and st.entities[men.entity].kind == "organisation":
        mp = re.search(r"\s+(?:of|at|from|with)\s+(?:the\s+)?$", text[sent.start:men.start])
        if mp:
            person = st.mention_ending(sent.start + mp.start())
            if person is not None and st.entities[person.entity].kind == "person":
                return Speaker(person.entity, text[person.start:men.end], person.start, men.end)
    if men is not None:
        return source_or_entity(st, sent, men)
    # "Mr. Morgan of the Sierra Club said" when the body is no organisation the finder knows.
    mp = re.search(r"\s+(?:of|at|from|with)\s+(?:the\s+)?(?:[A-Z][\w’'&\-.]*\s+){0,4}[A-Z][\w’'&\-.]*$", before)
    if mp:
        person = st.mention_ending(sent.start + mp.start())
        if person is not None and st.entities[person.entity].kind == "person":
            return Speaker(person.entity, text[person.start:seg_end], person.start, seg_end)
    return None


# "Jo Sharp's chief of staff", "the mayor's spokesman": a possessor, then a few lower-case words.
_POSSESSED_PHRASE = (r"((?:(?:[Tt]he|[A-Z][\w’'\-.]*)\s+){0,3}(?!(?:He|She|It|That|There|What|Who|Here|Let)[’'])"
                     r"[A-Z][\w\-.]*[’']s\s+)((?:[a-z][\w’'\-]*\s+){0,3}[a-z][\w’'\-]+)$")
_POSSESSED = re.compile(r"^[\s“\"]*" + _POSSESSED_PHRASE)


# The same possessed phrase right after a quotation's closing mark and its comma ('“...,” Jo Sharp's office
# said', '“...”, ...'): there the phrase is the quotation's speaker whatever the cue. (Not after a quoted
# term: 'The “reform” Jo Sharp's party promised has not come' is a relative clause.)
_POSSESSED_AFTER_QUOTE = re.compile(r"(?:[,?!](?:[”\"]|'')|(?:[”\"]|''),)\s*" + _POSSESSED_PHRASE)


# The cue and a few words, then a colon or a comma opening a quotation: "wrote in an email:", "said, “".
_PRESENTS_QUOTE = re.compile(r"[^.;:“”\"]{1,60}?(?::|,\s*(?:[“\"]|''))")


def _phrase_before(st: ClaimState, sent: Sentence, seg_end: int, before: str) -> Speaker | None:
    """A person before an apposition, an anonymous source or a short noun phrase before the cue."""
    # An apposition before the cue: "Boris Johnson, the Foreign Secretary, has accused".
    m = re.search(r",\s+[^,]{2,160},(?:\s+[^,]{2,80},)?$", before)
    if m:
        men = st.mention_ending(sent.start + m.start())
        if men is not None and st.entities[men.entity].kind == "person":
            return Speaker(men.entity, men.text, men.start, men.end)
    # A person's name as the apposition of a role: "The press secretary, Marcus Dale, told the Herald".
    m = re.search(r",\s+([^,]{2,60}),$", before)
    if m:
        men = st.mention_ending(sent.start + m.end(1))
        if men is not None and men.start == sent.start + m.start(1) and st.entities[men.entity].kind == "person":
            return Speaker(men.entity, men.text, men.start, men.end)
    # An anonymous source: "the official", "Another Foreign Office source", "aides".
    # (Only when a source noun ends the text: the full search tries every position of the window.)
    m = re.search(r"(?:^|[\s,;(“\"])((?:[A-Za-z][\w’'\-]*\s+){0,5}?(" + "|".join(SOURCE_NOUNS)
                  + r"))$", before, re.IGNORECASE) if _SOURCE_NOUN_END.search(before[-_SOURCE_NOUN_LONGEST:]) else None
    if m:
        phrase_start = sent.start + m.start(1)
        return source(st, phrase_start, seg_end, m.group(2))
    # Any short noun phrase after a quotation or at the sentence start: "the book", "the announcer",
    # "the 43-year-old" (an age standing for the person).
    m = re.search(r"(?:^|[,”\"']\s*)((?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ne|[Ss]ome|[Mm]any)\s+"
                  r"(?:[\w’'\-]+\s+){0,3}(?:[a-z]|\d+-)[\w’'\-]+)$", before)
    if m and not _says(m.group(1).split()):
        return Speaker(None, m.group(1), sent.start + m.start(1), seg_end)
    # A sentence opening with a possessed noun phrase, before a cue presenting a quotation: "Jo Sharp's
    # chief of staff wrote:" (the possessor does not speak; the phrase, which names them, does). Before
    # other cues such a phrase is more often a thing than a person ("Jo Sharp's remarks have left").
    m = _POSSESSED.search(before) if _PRESENTS_QUOTE.match(st.text, seg_end, sent.end) else \
        _POSSESSED_AFTER_QUOTE.search(before)
    if m and not any(w in CUE_LEMMA for w in m.group(2).lower().split()):
        owner = st.mention_ending(sent.start + m.start(1) + len(m.group(1).rstrip()) - 2)
        if possessed.has_only(m.group(2), GAP_WORDS):
            # No noun after the "'s": it is "has" ("Jo Sharp's always said:"), and the owner speaks.
            return Speaker(owner.entity, owner.text, owner.start, owner.end) if owner is not None else None
        org = owner.entity if owner is not None and st.entities[owner.entity].kind == "organisation" else None
        return Speaker(None, m.group(1) + m.group(2), sent.start + m.start(1), seg_end, org=org)
    return None


def sentence_subject(st: ClaimState, sent: Sentence, limit: int, openers: bool = True,
                     plain_first: bool = True) -> Speaker | None:
    """The noun phrase a sentence opens with, when it names a speaker (past the dateline and adverbial
    phrases it opens with, unless ``openers`` is false; with ``plain_first``, only when the plain
    reading also finds a subject)."""
    pos = sent.start
    # A sentence opening with a quotation: its subject comes after it.
    q = st.quoted_index.find(pos)
    if q is not None:
        pos = q[1]
        m = re.match(r"[\s,]*", st.text[pos:limit])
        pos += m.end()
    while pos < limit and st.text[pos] in " “\"‘'(":
        pos += 1
    m = re.match(r"(?:(?:However|But|And|Meanwhile|Then|Now|Yesterday|Today|Earlier|Later|Also),?\s+)?"
                 r"(?:(?:In|On|At|During|After|Before|Since|By|For|Last|This|Earlier)\s+[^,]{1,40},\s+)?",
                 st.text[pos:limit])
    pos += m.end()
    if openers:
        # Only a subject the plain reading also finds is re-read: where it finds none (a clause, not
        # a name, opens the sentence) the cue stays unclaimed, as before.
        nxt = past_openers(st, pos, limit)
        if plain_first and nxt != pos and sentence_subject(st, sent, limit, openers=False) is None:
            return None
        pos = nxt
    men = st.mention_at_start.get(pos)
    if men is None and st.text[pos:pos + 4].lower() == "the ":
        men = st.mention_at_start.get(pos + 4)
    if men is not None:
        return source_or_entity(st, sent, men)
    m = re.match(r"(he|she|they|it)\b", st.text[pos:limit], re.IGNORECASE)
    if m:
        return discourse.resolve_pronoun(st, m.group(1).lower(), pos, sent)
    m = re.match(r"(?:[Tt]he\s+)?(?:[A-Z][\w’'\-.]*\s+){0,3}[A-Z][\w’'\-]+(?=[\s,])", st.text[pos:limit])
    if m:
        return Speaker(None, m.group().strip(), pos, pos + len(m.group().strip()))
    m = re.match(r"(?:the|a|an|several|many|some|most|other|both|two|three|four|five)\s+(?:[\w’'\-]+\s+){0,2}"
                 r"[a-z][\w’'\-]+", st.text[pos:limit], re.IGNORECASE)
    if m:
        return Speaker(None, m.group(), pos, pos + len(m.group()))
    return None


def recent_person_in(st: ClaimState, start: int, end: int) -> Speaker | None:
    for men in st.mentions_back(start, end):
        if st.entities[men.entity].kind == "person" \
                and not st.in_quote(men.start) and not st.in_content(men.start):
            return Speaker(men.entity, men.text, men.start, men.end)
    return None


def source_or_entity(st: ClaimState, sent: Sentence, men: Mention) -> Speaker:
    ent = st.entities[men.entity]
    # "a spokesman for the Foreign Office": the organisation speaks through its spokesman.
    pre = st.text[max(sent.start, men.start - 40):men.start]
    # (Wire style drops the article: "Officials at the Bank of England", "sources in the ministry".)
    m = re.search(r"(?:^|\s)((?:(?:a|an|the|one)\s+(?:\w+\s+)?)?(" + "|".join(SOURCE_NOUNS) + r")\s+(?:for|at|of|from|in|"
                  r"(close|closer|near|familiar)\s+(?:to|with))\s+(?:the\s+)?)$", pre, re.IGNORECASE)
    if ent.kind == "organisation" or (m and m.group(3) and st.text[men.end:men.end + 1] not in "’'"):  # not X
        start, org = (men.start - len(m.group(1)) if m else men.start), (men.entity if ent.kind == "organisation" else None)
        if m:  # a voice's body ("a spokesman for X"), not "X said"; "people close to X" are not X either
            st.last_source_org = st.source_bodies[_noun_kind(m.group(2))] = org
        return Speaker(None, st.text[start:men.end], start, men.end, org=org)
    return Speaker(men.entity, men.text, men.start, men.end)


def _noun_kind(noun: str) -> str:
    """A source noun's kind: "officials" and "official" alike, a spokesman and a spokeswoman alike."""
    low = noun.lower()
    return "spokesperson" if low.startswith("spokes") else low.removesuffix("s")


def source(st: ClaimState, start: int, end: int, noun: str) -> Speaker:
    phrase = st.text[start:end]
    words = phrase.split()
    # Trim leading words that are not part of the noun phrase ("and the official").
    while words and words[0].lower() in ("and", "but", "as", "while", "because", "so", "where"):
        start += len(words[0]) + 1
        words = words[1:]
    phrase = st.text[start:end].strip()
    org = None
    for men in st.mentions_within(start, end):
        if st.entities[men.entity].kind == "organisation":
            org = men.entity
    if org is not None or re.match(r"(?:an?|one)\s", phrase, re.IGNORECASE):
        st.last_source_org = st.source_bodies[_noun_kind(noun)] = org  # a new source ("a senior official", no body named) is the one "the official" names
    elif re.match(r"(?:the|this|that|another)\s", phrase, re.IGNORECASE) and noun.lower() in (
            "official", "source", "spokesman", "spokeswoman", "spokesperson", "aide", "officials", "sources"):
        # "the official" refers back to the last official's body, else the last source's ("a spokesman for X")
        org = st.source_bodies.get(_noun_kind(noun), st.last_source_org)
        if org is None:
            # "... Ministry of Defence officials are worried. ... the official said"
            for men in (st.mentions[i] for i in range(bisect_left(st.mention_starts, start) - 1, -1, -1)):
                if men.end <= start and st.entities[men.entity].kind == "organisation" and re.match(
                        r"\s+(?:officials?|sources?|spokes(?:man|woman|person)|aides?|insiders?)\b",
                        st.text[men.end:men.end + 20]):
                    org = men.entity
                    break
    elif phrase.lower() in ("officials", "sources"):
        org = None
    # A role noun alone ("the Indiana governor") stays as the words: the article's roles and the
    # reference table already resolved the ones they can (as mentions); a guess would be worse.
    return Speaker(None, phrase, start, end, org=org)


def antecedent(st: ClaimState, who_pos: int) -> Speaker | None:
    before = st.text[:who_pos].rstrip().rstrip(",").rstrip()
    men = st.mention_ending(len(before))
    if men is not None and not (st.text.startswith("who", who_pos)  # "the head of Acme, who": the head
                                and relatives.role_of(st.text, max(0, men.start - 60), len(before))):
        return Speaker(men.entity, men.text, men.start, men.end)
    # "Theresa May, the Prime Minister, who": skip one apposition.
    m = re.search(r",\s+[^,]{2,80}$", before)
    if m:
        men = st.mention_ending(m.start())
        if men is not None:
            return Speaker(men.entity, men.text, men.start, men.end)
    if st.text.startswith("who", who_pos):  # "said a board member, who added" (a thing's "which" names no source)
        return relatives.phrase_before(st.text, len(before))
    return None


# Between an organisation and the person speaking for it: a possessive, a role's few words ("'s",
# "'s chief economist", " executive director ", " spokesman "), no conjunction, subordinator or
# preposition of a clause ("said Amazon after firing X", "said Google when X left", "including X").
_ORG_ROLE = re.compile(r"[’']s\s+(?:[\w\-.]+\s+){0,4}|\s+(?:(?!(?:and|or|nor|but|that|to|with|in|on|at|about|as|by|"
                       r"for|from|said|says|after|before|when|while|since|until|unless|because|if|though|although|"
                       r"whereas|where|whether|which|who|whom|whose|despite|against|over|under|into|onto|through|"
                       r"without|within|than|not|amid|among|including|following|according|like|unlike|during|"
                       r"toward|towards|upon|via|per)\s)[\w\-.]+\s+){1,4}")


def right_speaker(st: ClaimState, after_start: int, limit: int) -> Speaker | None:
    """Inverted order: "said Mr Smith", "said the official", "according to the report"."""
    limit = min(limit, after_start + 300)  # a speaker follows within a few words: linear on run-ons
    seg = st.text[after_start:limit]
    lead = len(seg) - len(seg.lstrip())
    s = after_start + lead
    men = st.mention_at_start.get(s)
    if men is not None and st.entities[men.entity].kind == "organisation":
        # "NBC's Dante Chinni", "ACLU executive director Jo Sharp": the person, not the organisation.
        k = bisect_right(st.mention_starts, men.end)
        nxt = st.mentions[k] if k < len(st.mentions) else None
        if nxt is not None and nxt.start < limit and st.entities[nxt.entity].kind == "person" and \
                _ORG_ROLE.fullmatch(st.text, men.end, nxt.start):
            return Speaker(nxt.entity, st.text[s:nxt.end], s, nxt.end)
    stop = re.search(r"[,;:!?]|(?<!\b[A-Z])\.", st.text[s:limit])  # not an initial's period ("C. Jo Roe", "U.S.")
    clause_end = s + stop.start() if stop else limit
    if men is not None and st.entities[men.entity].kind == "person" \
            and (end := possessed.phrase_end(st.text, men.end, clause_end, GAP_WORDS, CUE_LEMMA, True, any_head=True)) is not None:
        # "said Tom Reyes's chief of staff": the phrase speaks, not its possessor, or the person named
        # right after it ("said Tom Reyes's spokeswoman, Ann Ford", "... spokeswoman Ann Ford").
        gap = re.match(r",? ", st.text[end:end + 2])
        nxt = st.mention_at_start.get(end + gap.end()) if gap else None
        if nxt is not None and st.entities[nxt.entity].kind == "person":
            return Speaker(nxt.entity, st.text[s:nxt.end], s, nxt.end)
        return Speaker(None, st.text[s:end], s, end)
    if men is not None:
        return source_or_entity(st, Sentence(s, limit), men)
    limit, clause_end = relatives.before_relative(st.text, s, limit, clause_end)  # "said fans whose team lost"
    nouns = "|".join(SOURCE_NOUNS)  # a run is one, a possessor none ("the minister's chief executive")
    m = re.match(r"(?:the|a|an|one|another|two|three|several|senior|some)?\s*(?:[\w’'\-.]+\s+){0,4}?(?:(?:"
                 + nouns + r")\s+)*(" + nouns + r")\b(?![’'])", st.text[s:limit], re.IGNORECASE)
    if m and m.start() == 0:
        return _source_noun_after(st, s, limit, m)
    m = re.match(r"(he|she|they|it)\b", st.text[s:limit], re.IGNORECASE)
    if m:
        return discourse.resolve_pronoun(st, m.group(1).lower(), s, Sentence(s, limit))
    # "said 9/11 widow Terry Strada", "said former state Sen. Jane Doe": a few words, then a name.
    spk = _name_after_words(st, s, limit, clause_end)
    if spk is not None:
        return spk
    # A short phrase up to the comma: "According to conservative talk radio host Rush Limbaugh, ..."
    phrase = st.text[s:clause_end].strip()
    if phrase and 1 <= len(phrase.split()) <= 8 and not _says(phrase.split()) and not _CLAUSE_AFTER.match(phrase):
        return Speaker(None, phrase, s, s + len(phrase))
    # A longer one: the noun phrase its description opens with ("said the man who built ...", "tweeted
    # a German user from Hanover going by the handle ...").
    m = _DESCRIBED_AFTER.match(st.text, s, clause_end)
    return Speaker(None, m.group(), s, m.end()) if m else None


# A clause, no speaker, after the cue: "that ...", or a finite auxiliary within a few words and no relative
# pronoun before it ("..., said talks had failed"; not "said officials who have seen it").
_CLAUSE_AFTER = re.compile(r"that\s|(?:(?!(?:who|whom|whose|which|that)\s)\S+\s+){1,3}(?:had|has|have|is|are|was|were|would|will)\s")
# (A time adjunct ends the phrase too: "said a nurse this week in a letter ...", "the union yesterday in ...".)
_DESCRIBED_AFTER = re.compile(r"(?:the|a|an|one|another)\s+(?:[\w’'\-]+\s+){0,3}?[a-z][\w’'\-]+(?=\s+(?:who|whose|from|in|at|"
                              r"with|going|living|writing|known|this|last|next|yesterday|today|tonight|earlier|later)\b)")


def _says(words: list[str]) -> bool:
    """Whether a phrase holds a verb of saying: a cue word, but not one written inside a name ("The Associated
    Press", "the Gaming Division of the State") nor a noun after a determiner ("the state Division")."""
    return any(w.lower() in CUE_LEMMA and not (k and (w[:1].isupper() or words[k - 1].lower() in _DETERMINERS))
               for k, w in enumerate(words))


def _name_after_words(st: ClaimState, s: int, limit: int, clause_end: int) -> Speaker | None:
    """"said 9/11 widow Terry Strada": a few lower-case words, then the first name after s."""
    first = bisect_right(st.mention_starts, s)  # the first mention after s: only it is looked at
    for men in st.mentions[first:first + 1]:
        if s < men.start < clause_end and men.start - s < 60:
            between = st.text[s:men.start]
            if re.fullmatch(r"(?:[a-z0-9/\-’']+\s+){1,5}", between) and not re.search(r"\b(?:that|to|and|in|on|of)\s", between):
                return Speaker(men.entity, st.text[s:men.end], s, men.end) \
                    if st.entities[men.entity].kind == "person" else source_or_entity(st, Sentence(s, limit), men)
    return None


def _source_noun_after(st: ClaimState, s: int, limit: int, m: re.Match) -> Speaker:
    """"said the official", "said spokesman Sean Spicer", "said a spokesman for the EPA": the person
    named after the source noun, else the organisation it speaks for, else the words."""
    men2 = st.mention_at_start.get(s + m.end() + 1)
    if men2 is not None and st.entities[men2.entity].kind == "person":
        return Speaker(men2.entity, st.text[s:men2.end], s, men2.end)
    men_in = [x for x in st.mentions_within(s, s + m.end() + 40)
              if st.text[s + m.end():x.start].strip().lower() in ("for", "at", "of", "for the", "at the", "of the", "")
              and st.text[x.end:x.end + 1] not in ("’", "'")]  # "for Acme's parent": the possessed body (`role_holder`)
    if men_in:
        x = men_in[0]
        return source_or_entity(st, Sentence(s, limit), x) if st.entities[x.entity].kind == "organisation" \
            else Speaker(x.entity, st.text[s:x.end], s, x.end)
    end, holder = relatives.role_holder(st, s, s + m.end(), limit)  # "said a spokesman for the Treasury"
    return holder or source(st, s, end, m.group(1))


def source_phrase(st: ClaimState, spk: Speaker | None) -> Speaker | None:
    """A source named only by words must be a noun phrase: leading conjunctions are dropped, and a
    phrase that opens with a preposition or is a lone adverb or participle is no source."""
    if spk is None or spk.resolved:
        return spk
    text, start = spk.text, spk.start
    while True:
        m = re.match(r"([A-Za-z]+)\s+", text)
        if not m or m.group(1).lower() not in _CLAUSE_OPENERS:
            break
        text, start = text[m.end():], start + m.end()
    words = text.split()
    low = [w.lower() for w in words]
    if not words or low[0] in _CLAUSE_OPENERS | _NOT_A_SOURCE or low[-1] in _NOT_A_SOURCE \
            or low[0] in _VERBAL or (any(w in _CLAUSE_WORDS for w in low) and not source_words.modal_named(st.text, spk.start, spk.end)) \
            or (len(low) == 1 and low[0] in _ADVERBS | _DETERMINERS) \
            or re.match(r"(?:it|there|that)(?:['’]s|\s+(?:is|was)\b)", text, re.IGNORECASE):
        return None  # "have also", "much of which can be", "the government could reverse the", "long", "It's"
    # "Deeply", "Chastened" (not "-ing": "Beijing said it would retaliate", "Manning said").
    if len(words) == 1 and words[0][:1].isupper() and re.search(r"(?:ly|ed)$", words[0]):
        return None
    if text == spk.text:
        return spk
    return Speaker(None, text, start, start + len(text))


# A subject's "'s" and the words after it up to the cue ("Jo Sharp's always"): "has" when they are adverbs only.
_HAS_CONTRACTED = re.compile(r"[’']s\s+([a-z][a-z\s]*)$")

# Where one clause joins another: ", and", ", but", ";".
_CLAUSE_JOIN = re.compile(r",\s*(?:and|but|or|yet)\b|;")


def _named_or_owned(st: ClaimState, sent: Sentence, men: Mention, cue_start: int) -> Speaker:
    """The name before a cue, or the phrase its possessive names ("Jo Sharp's lawyer said")."""
    end = possessed.phrase_end(st.text, men.end, cue_start, GAP_WORDS, CUE_LEMMA, any_head=True)
    if end is not None and st.entities[men.entity].kind == "person":
        return Speaker(None, st.text[men.start:end], men.start, end)
    return source_or_entity(st, sent, men)


def learned_speaker(st: ClaimState, sent: Sentence, cue_start: int) -> Speaker | None:
    """The source of a learned cue: the rules' left speaker, else the nearest name before the
    cue in its sentence, else the noun phrase the clause opens with."""
    spk = left_speaker(st, sent, cue_start, None)
    if spk is not None:
        return spk
    skipped = None
    for men in st.mentions_back(sent.start, cue_start):
        if not st.in_quote(men.start) and not st.in_content(men.start):
            if re.search(r"[;:]|\b(?:that|because|if|when|while|whether)\b", st.text[men.end:cue_start]):
                break
            if skipped is not None and _CLAUSE_JOIN.search(st.text, men.end, skipped.start):
                # "Jane Roe resigned, and employees at Acme blorfed": the earlier name is another
                # clause's; the cue's own clause opens with its subject, read below.
                skipped = None
                break
            if _OBJECT_BEFORE.search(st.text, max(sent.start, men.start - 30), men.start) \
                    and not _SOURCE_NOUN_PREP.search(st.text, max(sent.start, men.start - 40), men.start):
                # "took to Twitter, writing", "asked the court for", "met with Mr. Smith to address": the
                # object of a preposition or of a verb of asking is not who speaks; an earlier name may be.
                skipped = skipped or men
                continue
            return _named_or_owned(st, sent, men, cue_start)
    if skipped is not None:
        return source_or_entity(st, sent, skipped)
    return _clause_opening(st, sent, cue_start)


_TAG = re.compile(r"\([^()\n]{1,30}\)\s+(?=[A-Z])")


def _clause_opening(st: ClaimState, sent: Sentence, cue_start: int) -> Speaker | None:
    """The noun phrase a learned cue's clause opens with, of up to eight words and no cue word; past a
    tag in brackets opening the paragraph ("(Updated) The ministry said")."""
    tag = _TAG.match(st.text, sent.start, cue_start) if sent.start == 0 or st.text[sent.start - 1] == "\n" else None
    sent = Sentence(tag.end(), sent.end) if tag else sent
    # The last 120 characters hold any clause subject of up to 80: a bounded search stays linear.
    lo = max(sent.start, cue_start - 120)
    clause = re.search(r"(?:^|[,;:(]\s*|\b(?:that|and|but|while|as|because|if|when)\s+)([^,;:()]{2,80}?)\s*$",
                       st.text[lo:cue_start])
    if clause and (clause.start() > 0 or lo == sent.start):
        phrase = clause.group(1).strip(" “\"")
        has = _HAS_CONTRACTED.search(phrase)
        if has and possessed.has_only(has.group(1).lower(), GAP_WORDS):
            phrase = phrase[:has.start()]  # "Jo Sharp's always said": the "'s" is "has", Jo Sharp speaks
        words = phrase.split()
        if 1 <= len(words) <= 8 and not _says(words):
            start = lo + clause.start(1)
            return Speaker(None, phrase, start, start + len(phrase))
    return None


def dash_speaker(st: ClaimState, q: Quote, block: Block) -> Speaker | None:
    """“Quote.” ― Jorge Falcon"""
    m = _DASH.match(st.text, q.end, block.end)
    if not m:
        return None
    s = m.end()
    men = st.mention_at_start.get(s)
    if men is not None:
        return source_or_entity(st, Sentence(s, block.end), men)
    nm = re.match(r"[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,3}", st.text[s:block.end])
    if nm:
        return Speaker(None, nm.group(), s, s + nm.end())
    return None


def cue_speaker(st: ClaimState, site: Site, prev: Speaker | None) -> bool:
    """The speaker: after the cue when a quotation closes before it ("...," said Mr Smith), else
    before it; False when there is none."""
    word, near = site.word, site.near
    spk, inverted = None, False
    closing = re.search(r"[,!?.—–-]?\s*(?:[" + CLOSE_QUOTES + '"' + r"]|'')\s*,?\s*$", near)
    if closing and word in QUOTE_CUES and not st.text[site.cs:site.ce].endswith("ing"):  # not '“X,” saying Y'
        spk = right_speaker(st, site.ce, site.sent.end)
        inverted = spk is not None
    agent = _PASSIVE_AGENT.match(st.text, site.ce, site.sent.end) if spk is None else None
    if agent is not None and _PASSIVE_BEFORE.search(st.text, max(site.sent.start, site.cs - 12), site.cs):
        # "The network was told by Senator Harkin that ...": the agent speaks, the subject heard.
        spk = right_speaker(st, agent.end(), site.sent.end)
        inverted = spk is not None
    if spk is None:
        spk = left_speaker(st, site.sent, site.cs, prev)
    if spk is None and word in QUOTE_CUES:
        spk = _named_after_quote(st, site)
    if spk is None and re.search(r",\s*$", near) and word in QUOTE_CUES and not region_closes(st, site.sent, site.cs):
        # (not after a town's region: "Residents of Flint, Mich., said" is a subject and its cue)
        spk = right_speaker(st, site.ce, site.sent.end)
        inverted = spk is not None
    site.spk, site.inverted = spk, inverted
    return spk is not None


_NOUN_CUE = re.compile(r"\b(?:of|the|a|an|his|her|their|its)\s+$", re.IGNORECASE)


def _named_after_quote(st: ClaimState, site: Site) -> Speaker | None:
    """'“...,” Jo Sharp, 30, of Leeds, who was among those polled, said': the person named right after
    the quotation's closing mark, the cue after a description of them that the subject search cannot
    read (an age, a place, a relative clause); no other verb of saying between."""
    sq = site.sq
    k = sq.ending_by(site.cs) - 1
    text = st.text
    # The quotation no other cue took, and a cue that is a verb ("secretary of state said": not "state").
    if k < 0 or sq.quotes[k] in site.used or _NOUN_CUE.search(text, max(site.sent.start, site.cs - 8), site.cs):
        return None
    q = sq.quotes[k]
    pos = q.end
    while pos < site.cs and text[pos] in " ,":
        pos += 1
    men = st.mention_at_start.get(pos)
    if men is None or st.entities[men.entity].kind != "person" or text[men.end:men.end + 1] != ",":
        return None
    between = text[men.end:site.cs]
    if len(between) > 200 or any(ch in between for ch in QUOTE_CHARS) or \
            any(w in CUE_LEMMA and CUE_LEMMA[w] != w for w in re.findall(r"[a-z]+", between)):
        return None
    return Speaker(men.entity, men.text, men.start, men.end)


def long_source(st: ClaimState, start: int, limit: int) -> Speaker | None:
    """"According to a 52-count complaint filed by the SEC and a 15-count complaint by Vermont, ...":
    the whole phrase up to the comma is the source; the organisation it names speaks."""
    comma = st.text.find(",", start, limit)
    if comma < 0:
        return None
    while start < comma and st.text[start].isspace():
        start += 1
    phrase = st.text[start:comma]
    if not 1 <= len(phrase.split()) <= 30:
        return None
    orgs = [m for m in st.mentions_within(start, comma) if st.entities[m.entity].kind == "organisation"]
    return Speaker(None, phrase, start, comma, org=orgs[0].entity if orgs else None)
