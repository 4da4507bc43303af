"""Frames: where a cue's content lies, given the cue and its speaker. Each frame is a function of
the document state and the cue's site; the first in :data:`ORDER` that places the content makes
the claim, and the claim records the frame's name.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..lexicon import (
    CUE_LEMMA,
    DAY_NAMES,
    MONTH_NAMES,
    OBJECT_CUES,
    QUOTE_CUES,
    SOURCE_NOUNS,
    SPEECH_CUES,
    THAT_ONLY_CUES,
)
from ..text import OPEN_QUOTES, QUOTE_CHARS
from . import content, hearers, sources
from .content import Placement, Span
from .named_after import CLOSES_ATTRIBUTED
from .possessed import PERSON_NOUNS
from .state import ClaimState, Site, _start, cue_verb_in

_DAYS = "|".join(sorted(DAY_NAMES))

# When it was said, between the cue and the rest of the sentence: "said last week", "said Friday afternoon".
_WHEN = r"(?:last|this|on|in|earlier|late|early|yesterday|today|" + _DAYS + r")\b[^,.;:“”\"]{0,30}"
# Where or how it was said, after the cue and up to the sentence's end: "said in a statement posted
# on its website", "said at a news conference in the capital". Words that finish the act of saying,
# not its content (the content is the clause before): no complementizer, pronoun or auxiliary in them.
_PP_WORD = (r"(?!(?:that|to|who|which|as|if|whether|because|he|she|they|it|we|i|you|and|but|or|would|will|"
            r"was|were|is|are|has|had|have|can|could|should)\b)[\w’'&.\-/]+")
_SAID_HOW = (r"(?:\s+(?:in|on|at|during|via|through|over|from|ahead\s+of)\s+(?:the|a|an|his|her|its|their|our|"
             r"[A-Z0-9])[\w’'&.\-/]*(?:\s+" + _PP_WORD + r"){0,10})")
# The hearer of "told" ending the sentence ("..., a city engineer told the local newspaper."): a few
# words with no verb of saying among them.
_HEARER_TO_END = re.compile(r"\s+(?:[\w’'&.\-]+\s+){0,5}?[\w’'&.\-]+" + _SAID_HOW + r"?[\s.]*$")
# An indefinite noun phrase as the subject of a cue ("a deal ", "a new deal "), its head last.
_INDEFINITE_NOUN = re.compile(r"(?:a|an)\s+(?:[a-z][\w\-]*\s+)?(?P<head>[a-z][\w\-]*)\s+")
# "..., the workers were told at a meeting.": a passive "told" has its hearer for a subject, not its speaker.
_PASSIVE_AUX = re.compile(r"\b(?:was|were|is|are|be|been|being|get|gets|got|getting)\s+$", re.IGNORECASE)
# After an inverted speaker ("..., said Amnesty International on Tuesday, November 19.", "..., says Jo
# Sharp, a portfolio manager at Acme, San Diego."): the act's place or time, then an apposition, then the
# end. The apposition's further commas only before a name ("..., San Diego"): a lower-case word after
# one goes on with the sentence ("This system, says Jo Sharp, an immunologist, helps ...": parenthetical).
# A relative clause describes the speaker as an apposition does ("..., said an official who attended the
# talks.", "..., said the bank, which cut its forecast.").
_AFTER_INVERTED = re.compile(r"(?:" + _SAID_HOW + r"|\s+" + _WHEN + r")?(?:\s+(?:who|whom|whose|which)\s[^,“”\"]*)?\s*"
                             r"(?:,\s*(?:a|an|the|one|another|his|her|their|its|our|who|whose|which|[A-Z])[^,“”\"]*"
                             r"(?:,\s*[A-Z][^,“”\"]*)*)?[\s.]*$")
# What an object-less verb of saying is not followed by as its content: a preposition ("was announced
# in a letter", "testified about a meeting"), unless a number follows ("said about 40 people came").
_PREPOSITION_REST = re.compile(r"\s*(?:in|on|at|during|over|about|for|from|with|via|through|into|under|by|"
                               r"against|among|amid|throughout|toward|towards|without|of)\s+(?![\d$£€])")
# ... unless the words go on to a that-clause or a quotation ("said of the mayor, “...”").
_SAYS_MORE = re.compile(r"\bthat\b|[,“\"]|''")
# "..., a new analysis shows.": evidence, not speech, but it attributes the clause before it all the same.
EVIDENTIAL = frozenset("show find suggest indicate estimate conclude predict project".split())
# Verbs a document or an inquiry states its findings with, and the nouns that name one ("the report
# found", "a new study shows", "the outlet has established").
FINDING = frozenset("show find conclude establish reveal confirm suggest indicate estimate".split())
DOCUMENTS = frozenset("""report reports study studies review analysis analyses survey surveys poll polls audit
investigation inquiry probe research paper papers data findings documents records memo assessment
evaluation outlet newspaper article story filing complaint lawsuit ruling indictment""".split())
CLAUSE_START = re.compile(r"^\s*(?:that\s+)?(?:he|she|it|they|we|i|you|there|this|these|those|the|a|an|his|"
                          r"her|their|its|our|[A-Z0-9]|“|\")", re.IGNORECASE)
# Compiled for match(text, pos, endpos): the same answers as on a slice, without copying it.
# Between a quotation and its speaker: a few words, an apposition's comma among them ('“...,” another
# friend, Jo Sharp, told CNN').
_BETWEEN = re.compile(r"[\s,]*(?:[\w’'\-./]+,?\s+){0,6}$")
_PUNCTUATION = re.compile(r"[\s,.:;—–-]*$")
_BLANK_OR_STOPS = re.compile(r"[\s.]*$")
_NAME_COLON = re.compile(r"[^:]{1,80}:\s*")
# Or a comma right before the quotation, past a description ('Said Jo Sharp, who grew up here, “...”').
_NAME_COMMA = re.compile(r"[^:;“”\"]{1,120}?,\s*(?=[“\"]|'')")
_WORDS_THEN_END = re.compile(r"\s*(?:[\w’'\-]+\s+){1,6}$")
# "told reporters the plan would ...": a hearer without a preposition in it, then a clause that opens
# with "the" and has its finite verb within a few words.
_TOLD_THE = re.compile(r"\s*(?:(?:the|a|an|his|her|their)\s+|(?:reporters|voters|supporters|members|lawmakers)\s+)?"
                       r"(?:(?!(?:of|in|on|at|for|about|to|with|from|by|that)\s)[\w’'\-.]+\s+){0,4}?"
                       r"(?=the\s+(?:[\w’'\-]+\s+){1,3}?(?:would|will|was|were|is|are|had|has|have|could|should|might|"
                       r"must|can|did|does)\b)")


def according_to(st: ClaimState, site: Site) -> Placement | None:
    """"..., according to X." and "According to X, ..." (the speaker is found here: it follows)."""
    text, sent, used = st.text, site.sent, site.used
    spk = sources.right_speaker(st, site.ce + 3, sent.end)
    before_end = st.rstrip_end(sent.start, site.cs)  # the sentence so far, without trailing spaces
    opening = before_end == sent.start or (before_end - sent.start == 3 and text[sent.start:before_end] in ("But", "And"))
    if spk is None and opening:
        spk = sources.long_source(st, site.ce + 3, sent.end)
    if spk is None:
        return None
    spans: list[Span] = []
    # ('“...,” according to X.': the comma may stand inside the closing mark, news style.)
    if before_end > sent.start and (text[before_end - 1] == ","
                                    or CLOSES_ATTRIBUTED.search(text, max(sent.start, before_end - 3), before_end)):
        sq = site.sq
        k = sq.ending_by(site.cs)  # the unused quotations before the cue: sq.quotes[:k]
        last = sq.unused.prev(k - 1)
        if last >= 0 and st.is_full(sq.quotes[last]):
            for i in sq.walk(sq.unused, 0, k):
                q = sq.quotes[i]
                used.add(q)
                spans.append(Span("quote", q.start, q.end, "according to"))
        else:
            # From the end of the last "according to" claim in the sentence: a run of "X, according to A, Y,
            # according to B" does not give each cue the whole sentence so far (quadratic on a run-on
            # sentence). (After another frame's claim the sentence is the content still: "He said the plan
            # failed, according to a report".)
            last = st.claims[-1] if st.claims else None
            start = last.end if last is not None and last.frame == "according_to" \
                and sent.start < last.end <= site.cs else sent.start
            spans.append(Span("reported", start, _parenthetical_end(st, spk.end, sent.end, before_end - 1),
                              "according to"))
        return Placement(spans, spk)
    if opening:
        comma = text.find(",", spk.end, sent.end)
        if comma > 0:
            spans.append(Span("reported", comma + 1, content.content_end(st, comma + 1, sent.end), "according to"))
            return Placement(spans, spk)
    return None


# What may follow a parenthetical "according to X," and not continue its content: the source's own
# description, a manner or time of the report, a new attribution.
_NOT_CONTINUED = re.compile(r"\s*(?:who|whom|whose|which|where|when|while|as|in|on|at|from|by|with|citing|saying|"
                            r"adding|noting|and|but|or|although|though)\b|\s*[^\w\s$£€]", re.IGNORECASE)
# After the comma, the source's apposition, not the content going on: a determiner, a few words and no
# auxiliary, closed by a comma ("according to Crowdpac, a crowdfunding website, with men far behind"). (At
# the sentence's end a clause is as likely: "..., according to a history of the port, the mayor closed it.")
_APPOSITION = re.compile(r"\s*(?:a|an|the)\s+(?:(?!(?:is|are|was|were|has|have|had|will|would|could|should|can|"
                         r"may|might|must|did|does)\b)[\w’'\-.&]+\s+){0,7}?[\w’'\-.&]+\s*,")
# The rest of the source's description before the aside's closing comma: a few words, no quotation, no
# sentence's end ("according to an interview with The Times at the time, was ...", "according to a person
# close to the talks, is ...", "according to members who spoke to reporters, was ...").
_SOURCE_REST = re.compile(r"[^,;:.!?“”\"()]{0,80}?(?=,)")
# A description of the source between commas (an apposition, a few words), then a finite verb: the verb
# is the content's, the description the aside's. (Not a relative clause: "according to a person close to
# the talks, who asked not to be named, is worth ...", whose long span the confidence model drops.)
_DESCRIPTION_THEN_VERB = re.compile(r",\s*(?:a|an|the)\s[^,;:.!?“”\"()]{1,80}?(,)(?=\s*(?:is|are|was|"
                                    r"were|has|have|had|will|would|could|should|can|may|might|must|did|does|remains?)\b)")


def _parenthetical_end(st: ClaimState, source_end: int, sent_end: int, before_end: int) -> int:
    """Where the content of "..., according to X" ends: before the cue, unless the attribution is a
    parenthetical inside the clause ("Among the precedents at risk, according to Ms. Lee, are 16 rulings
    on ...": the content runs on past it to its clause's end)."""
    text = st.text
    k = source_end
    m = _SOURCE_REST.match(text, k, sent_end)
    if m is not None and len(m.group().split()) <= 8:
        k = m.end()
    while k < sent_end and text[k] in " \t":
        k += 1
    # The source's apposition set off by commas, then the content's verb: the aside ends at the
    # apposition's comma ("according to Ms. Lee, a law professor at Yale, are 16 rulings on ...").
    m = _DESCRIPTION_THEN_VERB.match(text, k, sent_end) if k < sent_end and text[k] == "," else None
    if m is not None:
        k = m.start(1)
    if k >= sent_end or text[k] != "," or _NOT_CONTINUED.match(text, k + 1, sent_end) \
            or _APPOSITION.match(text, k + 1, sent_end):
        return before_end
    end = content.content_end(st, k + 1, sent_end)
    return end if st.rstrip_end(k + 1, end) > k + 1 else before_end


def said_name_colon(st: ClaimState, site: Site) -> Placement | None:
    """"Said Ellis: “...”", "Continued Ellis, a nurse, “...”": the speaker follows the cue at the sentence
    start."""
    text, ce, sent = st.text, site.ce, site.sent
    spk = sources.right_speaker(st, ce, sent.end)
    mq = _NAME_COLON.match(text, ce, sent.end) if spk else None
    if spk and mq is None:
        mq = _NAME_COMMA.match(text, ce, sent.end)
        if mq is not None and _verb_between(mq.group()):  # "Charged with fraud, Jo Sharp said, “...”"
            mq = None
    # Another verb than "Said" opening the sentence is more often a participle ("Accused of lying, the
    # minister said: “...”", "Denied bail, Jo Sharp told the court: “...”"): inverted, its speaker follows
    # it at once, a name or a determined noun phrase, with no verb of saying before the colon or comma.
    first = _SPEAKER_RIGHT_AFTER.match(text, ce) if mq and site.word != "said" else None
    if mq and site.word != "said" and (first is None or spk.start > first.end() + 4 or _verb_between(mq.group())):
        mq = None  # (the speaker may start past a determiner: "Added the city's mayor")
    if not mq:
        return None
    sq = site.sq
    qs = [sq.quotes[i] for i in sq.walk(sq.unused, sq.first_from(mq.end()), len(sq.quotes))]
    if not qs:
        return None
    site.used.update(qs)
    return Placement([Span("quote", qs[0].start, qs[-1].end, site.word)], spk)


_SPEAKER_RIGHT_AFTER = re.compile(r"\s+(?=[A-Z]|(?:the|a|an|one|another|his|her|their|its|our)\s)")


def inverted_clause(st: ClaimState, site: Site) -> Placement | None:
    """"The economy is growing, said Mr Smith." with no quotation."""
    if not (site.inverted and not site.sent_quotes and re.search(r",\s*$", site.near)
            and _AFTER_INVERTED.match(st.text, site.spk.end, max(site.spk.end, site.sent.end))
            and site.word in SPEECH_CUES):
        return None
    end = st.rstrip_end(site.sent.start, site.cs)
    while end > site.sent.start and st.text[end - 1] == ",":
        end -= 1
    return Placement([Span("reported", site.sent.start, end, site.word)])


def quotes_before(st: ClaimState, site: Site) -> Placement | None:
    """"...," he said (and "...," he said, "second part.")."""
    # The quotations before the subject are the unused ones (no titles) of sq.quotes[:pre_end]:
    # found through the index, so a sentence of thousands of quotations stays linear.
    text, used, sq, k = st.text, site.used, site.sq, site.pre_end
    last = sq.eligible.prev(k - 1)
    if last < 0:
        return None
    pre_last = sq.quotes[last]
    between = _BETWEEN.match(text, pre_last.end, max(pre_last.end, site.subject_start))
    if not (between and site.word in QUOTE_CUES and not _verb_between(between.group())):
        return None
    # An apposition's comma only after a quotation that closes on a comma, and in a description of the
    # speaker ('“...,” the spokesman, Jo Sharp, said'): after a quotation that stops mid-sentence the
    # words up to a comma finish its clause ('“...” would be appropriate, Jo Sharp said', '“...,” just
    # as she did, Jo Sharp said': the clause frames take the sentence).
    words = between.group().lstrip(" ,")
    if "," in words and not (_closes_on_comma(text, pre_last) and _APPOSITION_OPENS.match(words)):
        return None
    pre_first = sq.quotes[sq.eligible.next(0)]
    spans: list[Span] = []
    # "With thousands of systems, “there is no single point of failure,” he said.", and '"Dark Night" was
    # to be a "cautionary tale," said X.': words outside the marks run into the quotation: one span.
    if st.short_lead(site.sent.start, pre_first.start) or (
            pre_first.start <= site.sent.start + 1 and pre_first is not pre_last
            and st.short_lead(pre_first.end, pre_last.start)):
        used.update([sq.quotes[i] for i in sq.walk(sq.eligible, 0, k)])
        spans.append(Span("quote", site.sent.start, pre_last.end, site.word))
    else:
        for i in sq.walk(sq.eligible_full, 0, last):  # the full quotations, then the last one
            q = sq.quotes[i]
            used.add(q)
            spans.append(Span("quote", q.start, q.end, site.word))
        used.add(pre_last)
        spans.append(Span("quote", pre_last.start, pre_last.end, site.word))
    # The quotation right after the cue ("...," he said, "second part."): only the first one
    # after it can follow with nothing but punctuation between (a later one has its marks between).
    i = sq.first_from(site.after)
    if i < len(sq.quotes) and sq.quotes[i] not in used and _PUNCTUATION.match(text, site.after,
                                                                               sq.quotes[i].start):
        q = sq.quotes[i]
        used.add(q)
        spans.append(Span("quote", q.start, q.end, ""))  # merged with the first part
    return Placement(spans)


# What a speaker's description opens with: a determiner or a possessive, or a capitalised word ("the
# Vatican spokesman, ", "another friend, ", "Ms. Merkel's spokesman, "); not "and in an interview, ".
_APPOSITION_OPENS = re.compile(r"(?:(?:the|a|an|another|one|his|her|their|its|our)\s|[A-Z])")


def _closes_on_comma(text: str, q) -> bool:
    """Whether a quotation ends its words with a comma, a question or an exclamation mark (what an
    attribution after it follows), inside its closing mark, or with a comma right after it."""
    s, e = q.inner(text)
    last = text[s:e].rstrip()[-1:]
    return (last != "" and last in ",?!") or text[q.end:q.end + 1] == ","  # "" is in every string


def _verb_between(words: str) -> bool:
    """Whether the words between a quotation and its speaker hold a verb of saying of their own ('“...,”
    he said and Jo Sharp agreed'): an inflected cue form in lower case. A base form or a capitalised
    word is a noun of the speaker's description ("press secretary", "Secretary of State")."""
    for w in words.split():
        w = w.strip(",")
        if w in CUE_LEMMA and CUE_LEMMA[w] != w:
            return True
    return False


_APPOSITION_TAIL = re.compile(r"\s*(?:,[^“”\"]*)?[\s.]*$")


def quote_then_words(st: ClaimState, site: Site) -> Placement | None:
    """"''I admire the mechanics'' of the proposals, Mr. Holtz-Eakin said.": a quotation and the
    words that finish its sentence."""
    text, sent = st.text, site.sent
    sq, qi = site.sent_quotes, site.sq
    # Inverted too ('“We are happy” about the vote, said Jo Sharp, a union leader.'): the speaker's
    # apposition may finish the sentence.
    tail_ok = _APPOSITION_TAIL.match(site.tail) if site.inverted else re.match(r"^[\s.]*$", site.tail)
    if not (tail_ok and sq and sq[0].start <= sent.start + 1 and qi.eligible.prev(site.pre_end - 1) >= 0
            and st.comma_before(sent.start, site.subject_start) and site.word in QUOTE_CUES):
        return None
    site.used.update([qi.quotes[i] for i in qi.walk(qi.eligible, 0, site.pre_end)])
    return Placement([Span("quote", sent.start, text.rfind(",", sent.start, site.subject_start), site.word)])


def _participle_apposition(text: str, site: Site) -> bool:
    """"..., a deal announced at the start of the week.": a participle after an indefinite noun that
    names no source is an apposition to the clause before, not a cue with its speaker ("a spokesman
    announced at a briefing" is one; "said" and "told" after a noun are always the act of saying)."""
    m = _INDEFINITE_NOUN.fullmatch(text, site.subject_start, site.cs)
    return bool(m) and site.lemma not in ("say", "tell") and m["head"] not in SOURCE_NOUNS


def clause_before(st: ClaimState, site: Site) -> Placement | None:
    """"The economy is growing, Obama said." (or "..., the Commerce Department said last month")."""
    text, sent = st.text, site.sent
    # "He is leaning toward Kasich, he said, because ...": the reason goes on with what was said (as the
    # annotators keep it); ``parenthetical`` takes the sentence whole, unless a quotation opens before the
    # speaker (that frame leaves those to the quotation frames).
    if _REASON_TAIL.match(site.tail) and not any(q.start < site.subject_start for q in site.sent_quotes[:1]):
        return None
    subject_start = _role_start(st, site)
    if not (not site.inverted and st.comma_before(sent.start, subject_start, the=True)
            and (re.match(r"(?:\s+" + _WHEN + r")?"
                          r"(?:[\s.]*$|\s*,\s*(?:adding|and|as|while|after|before|because|when|citing|noting|"
                          r"in\s+an?|during)\b)", site.tail)
                 or (re.match(_SAID_HOW + r"[\s.]*$", site.tail)
                     and len(text[sent.start:site.subject_start].split()) >= 6
                     and not _participle_apposition(text, site))
                 or (site.lemma == "tell" and _HEARER_TO_END.match(site.tail) and not _verb_between(site.tail)))
            and not (site.lemma == "tell" and _PASSIVE_AUX.search(site.near))
            and subject_start > sent.start + 10 and (site.word in SPEECH_CUES or site.lemma in EVIDENTIAL)
            and site.lemma not in ("ask",)):
        return None
    cstart, cend = sent.start, text.rfind(",", sent.start, subject_start)
    sq = site.sent_quotes  # sorted and disjoint: only the first can start at the sentence start
    if sq and sq[0].start <= cstart < sq[0].end:
        return None
    return Placement([Span("reported", cstart, cend, site.word)])


# A person's role before their name, after the clause's comma ("..., manager Jose Mourinho said", "..., Acme
# chief executive Jo Roe said"): the role is the subject's, the comma before it closes the content.
_ROLE_BEFORE = re.compile(r",\s*((?:[A-Z][\w.’'&\-]*\s+){0,2}(?:[a-z][\w\-]*\s+){0,2}?(?P<role>[a-z][\w\-]*)\s+)$")


def _role_start(st: ClaimState, site: Site) -> int:
    """Where a named person's subject starts with the role words before the name (else subject_start)."""
    spk, at = site.spk, site.subject_start
    if site.inverted or spk is None or spk.entity is None or st.entities[spk.entity].kind != "person":
        return at
    m = _ROLE_BEFORE.search(st.text[max(site.sent.start, at - 60):at])
    return at - len(m.group(1)) if m and m["role"] in PERSON_NOUNS else at


_REASON_TAIL = re.compile(r"(?:\s+" + _WHEN + r")?\s*,\s*because\b")


def parenthetical(st: ClaimState, site: Site) -> Placement | None:
    """"Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt in 1999.": the speaker sits
    inside the sentence, and the content is the sentence around it (offsets stay one span)."""
    text, sent = st.text, site.sent
    if site.inverted or site.word not in SPEECH_CUES or site.lemma == "ask":
        return None
    # End-anchored tests on bounded windows: a run-on sentence of many cues stays linear.
    left = text[max(sent.start, site.subject_start - 80):site.subject_start]
    if not re.search(r",\s*(?:[Tt]he\s+)?$", left) or not re.match(r"\W*\w", text[sent.start:sent.start + 20]) \
            or any(q.start < site.subject_start for q in site.sent_quotes[:1]):
        return None
    quoted = any(ch in site.tail[:400] for ch in QUOTE_CHARS)
    # "It is a reminder, Jo Sharp said, that “...”": a clause of the speaker's, the aside, then "that" and
    # the rest of what was said: the content is the sentence around the aside (as the annotators join it).
    if re.match(r"(?:\s+" + _WHEN + r")?,\s+that\s", site.tail[:200]) and _clause_lead(st, site):
        return Placement([Span("reported", sent.start, sent.end, site.word, mixed=quoted)])
    # A quotation right after the aside is the aside-before-quotation form; one later in the clause
    # is part of the content ("In Miami, Mr. Ruiz said, the mayor is seen as “a bully.”").
    if (quoted and _INTO_QUOTE.match(site.tail[:200])) or not aside_goes_on(site.tail):
        return _aside_before_quote(st, site)
    return Placement([Span("reported", sent.start, sent.end, site.word, mixed=quoted)])


# After an aside attribution (", she said,"), the sentence it interrupts going on: not with "that", "and",
# "adding", "but", "though" (the cue's own clause, or a clause of its own).
_ASIDE_GOES_ON = re.compile(r"(?:\s+" + _WHEN + r")?,\s+(?!that\b|and\b|adding\b|but\b|though\b)(?=[A-Za-z])")
# A verb right after the aside goes on with the clause before it ("The only problem, she said, is that ...").
_FINITE_ON = re.compile(r"(?:is|was|are|were|has|had|have|will|would|could|can|may|might|must|should)\b")


def aside_goes_on(tail: str) -> bool:
    """Whether the words after an aside's cue (tail: from the cue's end) go on with the sentence the aside
    interrupts: "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt", "At the time, she said,
    Grayson was trying to ...", "The only problem, Jo Sharp said, is that ...". Not "Trump said, however,
    that ..." (an aside, then the cue's own clause), nor fewer than three words, nor a day or a month
    ("..., he said, Monday")."""
    m = _ASIDE_GOES_ON.match(tail[:200])
    if not m:
        return False
    rest = tail[m.end():m.end() + 200]
    first = re.match(r"[A-Z][\w’'\-]*", rest)  # a capital: "may" is a verb, "May" a month
    if len(re.findall(r"\w+", rest)) < 3 or (first and (first.group() in DAY_NAMES or first.group().lower() in MONTH_NAMES)):
        return False
    return not (re.match(r"\w+,", rest) or (re.match(r"(?:\w+\s+){0,2}that\b", rest) and not _FINITE_ON.match(rest)))


def _clause_lead(st: ClaimState, site: Site) -> bool:
    """Whether the sentence before an aside attribution is a clause of the speaker's: three words or
    more, not a fronted adjunct ("On Tuesday, ..."), no verb of saying of another attribution."""
    text, sent = st.text, site.sent
    lead = re.findall(r"[\w’'\-]+", text[max(sent.start, site.subject_start - 60):site.subject_start])
    first = re.match(r"\W*([\w’'\-]+)", text[sent.start:min(site.subject_start, sent.start + 40)])
    return len(lead) >= 3 and first is not None and first.group(1).lower() not in _ADJUNCT_OPENERS \
        and not cue_verb_in(re.findall(r"[A-Za-z’']+", text[max(sent.start, site.subject_start - 200):site.subject_start]))


# After an aside attribution, the sentence going on into a quotation: ", she said, their “...”", ", he
# said: “...”", ", he said, ''...''" (a few plain words at most before the quotation).
_INTO_QUOTE = re.compile(r"\s*[,:]\s+(?!that\b|and\b|adding\b|but\b)(?:[a-z][\w’'\-]*\s+){0,3}(?:[“\"]|'')")
# Openings of a fronted adjunct (when or where it was said), not of the speaker's own clause.
_ADJUNCT_OPENERS = frozenset("""in on at during after before asked when speaking earlier later last this yesterday today
tonight then later meanwhile separately still also however but and so now as along with amid despite following
since until once upon including quite""".split())
# The verbs of an aside attribution ("..., he said, “...”"): saying, not chanting, posting or announcing.
_ASIDE_LEMMAS = frozenset("say add argue explain note insist contend acknowledge warn write continue recall tell "
                          "tweet".split())


# A possessed noun phrase opening the sentence and an apposition's comma: "Jo Sharp's chief of staff, ".
_DESCRIPTION_FIRST = re.compile(r"[“\"]?(?:(?:[Tt]he|[A-Z][\w’'\-.]*)\s+){0,3}[A-Za-z][\w\-.]*[’']s\s+"
                                r"(?:[a-z][\w’'\-]*\s+){0,3}[a-z][\w’'\-]+,\s*")


def _aside_before_quote(st: ClaimState, site: Site) -> Placement | None:
    """"While confidence is high, he said, “this has done nothing ...”": a clause of the speaker's, an
    aside naming them, then their quotation finishing the sentence. The content is the whole sentence
    (the aside stays inside: one span). A fronted adjunct ("On Tuesday, he said, “...”") is no clause of
    theirs: the quotation frames take that."""
    text, sent = st.text, site.sent
    # Bounded windows (the sentence's first word, the last words before the aside): a run-on sentence
    # of many cues stays linear.
    first = re.match(r"\W*([\w’'\-]+)", text[sent.start:min(site.subject_start, sent.start + 40)])
    lead = re.findall(r"[\w’'\-]+", text[max(sent.start, site.subject_start - 60):site.subject_start])
    if _DESCRIPTION_FIRST.fullmatch(text, sent.start, site.subject_start) and \
            not re.match(r"(?:he|she|they|it|we|i)\b", text[site.subject_start:site.subject_start + 5], re.IGNORECASE):
        return None  # "The mayor's spokesman, Tim Lee, said, “...”": the speaker's description, no clause
    if len(lead) < 3 or first is None or first.group(1).lower() in _ADJUNCT_OPENERS \
            or site.lemma not in _ASIDE_LEMMAS or not _INTO_QUOTE.match(site.tail[:200]):
        return None
    # "He said he had not seen it, and when asked ..., he said, “...”": a cue before the aside starts
    # another attribution; the sentence is not one clause of the speaker's.
    if cue_verb_in(re.findall(r"[A-Za-z’']+", text[max(sent.start, site.subject_start - 200):site.subject_start])):
        return None
    return Placement([Span("reported", sent.start, sent.end, site.word, mixed=True)])


def told_object_clause(st: ClaimState, site: Site) -> Placement | None:
    """"told the Wall Street Journal he would ...", "told reporters the plan would ...": the hearer
    (the object), then the clause that opens with a pronoun or a determiner."""
    if site.lemma not in hearers.TELLING:
        return None
    mo = (re.match(r"\s*(?:(?:the|a|an|his|her|their)\s+(?:[\w’'\-]+\s+){0,3}?|(?:[A-Z][\w’'\-.]*\s+){1,4}|"
                  r"(?:reporters|me|him|her|us|them|voters|supporters|members|lawmakers)\s+)"
                  r"(?=(?:he|she|they|it|we|I|there|his|her|their)\b)", site.rest) or _TOLD_THE.match(site.rest)) \
        if site.lemma == "tell" else None
    if mo:
        return content.claim_after(st, site, site.rest_start + mo.end())
    # Any hearer before a clause ("told police he ...", "told visiting officials they ...", "told the
    # board to wait"): ``hearers.past_hearer``; "that" and quotations are the later frames'.
    past = hearers.past_hearer(st.text, site.rest_start, site.sent.end)
    return content.claim_after(st, site, past[0]) if past and past[1] == "clause" else None


def skip_object(st: ClaimState, site: Site) -> None:
    """Past the object of "told X that", "warned X:", "asked X whether": a step, not a frame (it
    places no content; the frames after it read the text past the object)."""
    rest, lemma = site.rest, site.lemma
    if lemma == "tell" and hearers.TOLD_THING.match(rest):
        return None  # a thing told, no hearer: "told the story of a shift that went wrong" has no "that" clause
    mt = re.match(r"[^.;:!?]{1,80}?\bthat\b", rest) if lemma == "tell" else None
    past = hearers.past_hearer(st.text, site.rest_start, site.sent.end) if lemma in hearers.TELLING else None
    if mt and not re.match(r"\s*(?:that|:|,)", rest) and not re.search(r"\b(?:said|says|told|added)\b", mt.group()):
        site.rest, site.rest_start = rest[mt.end() - 4:], site.rest_start + mt.end() - 4
    elif past and past[1] != "clause":  # past a hearer with dots or an apposition ("told investors on Oct. 31 that")
        site.rest, site.rest_start = st.text[past[0]:site.rest_start + len(rest)], past[0]
    elif lemma in ("tell", "ask", "warn", "remind", "assure", "inform") and not re.match(r"\s*(?:that|:|,)", rest):
        mo = re.match(r"(?:\s*[\w’'\-.]+){0,6}?\s*(?=(?:that\b|:|,\s*[“\"]|[“\"]))", rest)
        if mo and not re.search(r"\b(?:to|of|about|for)\b", mo.group()) or (mo and lemma == "tell"):
            site.rest, site.rest_start = rest[mo.end():], site.rest_start + mo.end()
    return None


def colon_quote(st: ClaimState, site: Site) -> Placement | None:
    """He said: “...” (or , — before the quotation)."""
    mcolon = re.match(r"\s*(?:[:,]|—|–)?\s*(?=[" + OPEN_QUOTES + '"' + "]|'')", site.rest)
    if not (mcolon and site.word in QUOTE_CUES | {"said", "says", "say"}):
        return None
    qpos = site.rest_start + mcolon.end()
    # The first unused quotation from qpos on must start at qpos: the block's quotations are sorted
    # and disjoint, so it is the one starting there, when it is unused.
    i = bisect_left(site.quotes, qpos, key=_start)
    q = site.quotes[i] if i < len(site.quotes) else None
    # (Not a quoted title: 'said on ABC's "This Week" that ...', whose clause the frames after take.)
    if not (q is not None and q.start == qpos and q not in site.used and not st.is_title(q)
            and (st.is_full(q) or (re.search(r"[:,]", st.text[site.ce:qpos]) and _one_word_sentence(st.text, q)))):
        return None
    site.used.add(q)
    return Placement([Span("quote", q.start, _words_after(st, site, q), site.word)])


def _one_word_sentence(text: str, q) -> bool:
    """'Priebus said, “Probably.”': a quoted answer of one word with its stop, which a comma or a colon
    after the cue presents as said (elsewhere one quoted word is a term, not a quotation)."""
    s, e = q.inner(text)
    return re.fullmatch(r"\s*[\w’'\-]+[.!?]\s*", text[s:e]) is not None


# A quotation that stops mid-sentence: its words end without a stop or a comma inside the marks.
_OPEN_ENDED = re.compile(r"[\w’')\]]\s*(?:[”\"]|'')$")
# Plain words to the sentence's end: no comma, no other quotation, no "and ..." of another act.
# Not when, where or while it was said ("... on Friday", "... while clips played"), nor the verb of a
# quotation that is a subject ('“...” increased by 28 points').
_WORDS_AFTER = re.compile(r"[ \t]+(?=[a-z])(?!(?:and|but|or|then|on|at|during|while|when|after|before|as|last|this|"
                          r"yesterday|today)\b|[a-z]+ed\b)[^“”\",;:]{1,200}?(?=[.!?]?\s*$)")


def _words_after(st: ClaimState, site: Site, q) -> int:
    """Where content opened by a quotation ends: at its closing mark, or, when the quotation stops
    mid-sentence and plain words finish the sentence after it ('said, “We have three weeks to go” until
    the vote.'), at the sentence's end: the words finishing the sentence are the speaker's too."""
    text, end = st.text, site.sent.end
    if not _OPEN_ENDED.search(text, max(q.start, q.end - 4), q.end):
        return q.end
    m = _WORDS_AFTER.match(text, q.end, end)
    return q.end if m is None else content.content_end(st, q.end, m.end())


def pending_colon(st: ClaimState, site: Site) -> Placement | None:
    """"He said:" ending a paragraph: the next paragraph's quotation is his."""
    if not (re.fullmatch(r"\s*:\s*", site.rest) and site.sent.end >= site.block.end - 1
            and site.word in QUOTE_CUES | {"said", "says"}):
        return None
    return Placement([], pending_colon=True)


def called(st: ClaimState, site: Site) -> Placement | None:
    """"called for ...", "called the holiday “a celebration ...”"."""
    if site.lemma not in ("call", "describe", "blast", "label", "brand", "dub", "slam", "praise", "attack",
                          "criticise"):
        return None
    mq = re.match(r"\s*(on|for)\s+", site.rest) if site.lemma == "call" else None
    if mq:
        return content.claim_after(st, site, site.rest_start + mq.end(), f"{site.word} {mq.group(1)}")
    sq = site.sq
    i = sq.unused.next(bisect_right(sq.starts, site.rest_start))  # the first unused quotation after
    if i < len(sq.quotes) and _WORDS_THEN_END.match(st.text, site.rest_start, sq.quotes[i].start):
        return content.claim_after(st, site, content.rest_lstart(st, site))
    return None


def that_clause(st: ClaimState, site: Site) -> Placement | None:
    """"said that ...", "said: ..."."""
    mthat = re.match(r"\s*(?::\s*|that\s+)", site.rest)
    return content.claim_after(st, site, site.rest_start + mthat.end()) if mthat else None


def to_infinitive(st: ClaimState, site: Site) -> Placement | None:
    """"vowed to ...", "refused to ..."."""
    if site.lemma in ("vow", "pledge", "promise", "threaten", "refuse", "decline", "agree", "offer") and \
            re.match(r"\s*to\s+\w", site.rest):
        return content.claim_after(st, site, content.rest_lstart(st, site))
    return None


def object_preposition(st: ClaimState, site: Site) -> Placement | None:
    """"accused X of ...", "urged X to ..."."""
    obj_prep = OBJECT_CUES.get(site.lemma)
    if not obj_prep:
        return None
    mo = re.match(r"\s*(?:[\w’'\-.]+\s+){1,8}?" + obj_prep + r"\b", site.rest)
    if mo and not re.match(r"\s*(?:to|for|of)\b", site.rest):
        return content.claim_after(st, site, content.rest_lstart(st, site))
    return None


def finding_clause(st: ClaimState, site: Site) -> Placement | None:
    """"A review by the ministry found hospitals had missed their targets": a document or an inquiry
    reports its findings with a verb of finding, and the clause needs no "that" after it."""
    if site.lemma not in FINDING or site.inverted:
        return None
    words = re.findall(r"[a-z]+", site.spk.text.lower())
    if not (words and (words[-1] in DOCUMENTS or (len(words) >= 3 and words[1] in DOCUMENTS))):
        return None  # "The report", "A review by the ministry"
    rest = site.rest
    if CLAUSE_START.match(rest) and len(re.findall(r"\w+", rest)) >= 4 \
            and not re.match(r"\s*(?:the|a|an|his|her|its|their)\s+\w+\s*(?:[.,;]|$)", rest):
        return content.claim_after(st, site, content.rest_lstart(st, site))
    return None


# A short noun phrase that ends the sentence or its clause is the cue's object ("said the word."), unless a
# relative clause set off by commas, and the clause's verb, follow it ("said the plan, which was agreed last year,
# would go ahead"; not "said the word, which shocked the room.").
_NOUN_ALONE = re.compile(r"\s*(?:the|a|an|his|her|its|their)\s+\w+\s*(?:[.;]|,(?!\s*(?:which|who|whose)\b[^,;:]*,\s*\w)|$)")


def bare_clause(st: ClaimState, site: Site) -> Placement | None:
    """"said the economy was growing": a clause with no "that"."""
    rest, word = site.rest, site.word
    if word in SPEECH_CUES and word not in THAT_ONLY_CUES and CLAUSE_START.match(rest) and \
            site.lemma not in ("ask", "call", "report", "post", "state", "point", "question", "charge",
                               "counter", "continue", "note") and \
            not _NOUN_ALONE.match(rest) and \
            len(re.findall(r"\w+", rest)) >= 4 and not re.match(r"\s*(?:[A-Z][\w’'\-]*\s*)+(?:[.,;]|$)", rest) \
            and not (_PREPOSITION_REST.match(rest) and not _SAYS_MORE.search(rest, 0, 300)):
        return content.claim_after(st, site, content.rest_lstart(st, site))
    return None


# The order the frames are tried in, for a cue with its speaker: the content before the cue first
# (inverted clause, quotations, the clause before), then the content after it. skip_object places
# nothing: it steps past the object of "told X", "warned X", so the frames after it read the rest.
ORDER = (inverted_clause, quotes_before, quote_then_words, clause_before, parenthetical, told_object_clause,
         skip_object, colon_quote, pending_colon, called, that_clause, to_infinitive, object_preposition,
         finding_clause, bare_clause)
