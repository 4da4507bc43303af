"""Stage 1, cues: the reporting verbs the rules know ("said", "told", "according to") outside
quotation marks, and the cues only the learned cue model finds (placed by the same content and
source code the rules use).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort

from ..learned.features import cue_features, lemma, norm
from ..lexicon import CUE_LEMMA, DAY_NAMES
from ..text import QUOTE_CHARS, Quote, Sentence
from ..types import Speaker
from . import content, contracted, hearers, source_words, sources
from .frames import FINDING, aside_goes_on
from .possessed import PERSON_NOUNS
from .source_kinds import DOCUMENT_NOUNS
from .state import ClaimState

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
LEARNED_MAX = 600  # characters: longer than any content the cue model's frames place in news text
# Where a learned cue's content stops: a clause spliced on after a comma, a semicolon, a parenthesis.
# Not a dash ("wants to lead the party — and to beat its rivals": what was said goes on past it) nor a
# list's "including"/"as well as" (the items belong to what was said): cutting there lost more annotated
# contents than it saved (2 CV folds, content R +0.002/+0.005 at content P -0.0001/-0.0006). Nor a short
# parenthesis that closes ("fell to 40 percent (from 52 percent) in May", "Holt (20 miles east)"): a
# figure or gloss of the speaker's clause, which goes on after it (CV content R +0.0004, P -0.0002).
_LEARNED_CUT = re.compile(r";|,\s+(?:which|who|even as|despite|while|although|though|but|"
                          r"according|adding|saying)\b|\s\((?![^()]{1,40}\))")
# A phrasal verb's particle right after a learned cue is the cue's ("shot back that", "pushed back against",
# "played down", "laughed off"), not the content's first word (CV content P +0.0004, R unchanged).
_PARTICLES = frozenset("back up down off".split())
_FRAME_WORDS = frozenset("about on of for against over with at out that : ,".split())
# A cue whose clause is a condition reports nothing said: "if the president agrees", "unless
# officials say ..." (the subordinator, then the clause's subject, then the cue).
_CONDITION = re.compile(r"\b(?:[Ii]f|[Uu]nless)\s+(?:[\w’'\-.]+\s+){0,6}$")
# P(cue) a candidate from the stem back-off (a form outside the vocabulary) needs; vocabulary forms
# need ``st.threshold`` (0.4). Out of domain most weak back-off cues were other senses of a cue's stem
# ("discounted right now", "introduce me to"). Higher cost PolNeAR recall (CV, cached folds, with
# ``MAKING``: 0.5 content P +0.0003 R -0.0006; 0.6 P +0.0005 R -0.0012; 0.7 alone P +0.0009 R -0.0015).
BACKOFF_THRESHOLD = 0.5
_CLAUSE_MARK = re.compile(r"[,;:—–“”\"()]")


def learned(st: ClaimState, bi: int, sent: Sentence, tokens, rng: tuple[int, int], quoted: list[bool],
             quotes: list[Quote], used: set[Quote], head: bool = False) -> Speaker | None:
    """Cues the rules left alone, decided in context by the cue model; their content and
    speaker are placed by the same span and speaker code the rules use.

    The most probable cue of a sentence is placed first: a weaker candidate before it ("organizers
    in Ohio say that ...": "in"; "economists who favor taxes agree that ...": "favor") would otherwise
    take the stronger cue's clause as its own content, and the stronger cue, inside it, is never tried.
    A weaker cue whose content would hold a stronger cue placed before it makes no claim."""
    found = None
    e = rng[1]
    placed_cues: list[int] = []  # sorted: a run-on sentence of many cues stays near-linear
    for p_cue, i, after in _accepted(st, sent, tokens, rng, quoted, head):
        tok = tokens[i]
        if placed_cues and st.in_content(tok.start):
            continue  # inside the content of a stronger cue of this sentence
        placed = _learned_span(st, sent, tokens, i, e, after, quotes)
        if placed is None:
            continue
        cstart, cend, spk = placed
        if not _finding_reported(st, tok, cstart, cend, spk):
            continue
        k = bisect_left(placed_cues, cstart)
        if k < len(placed_cues) and placed_cues[k] < cend:
            continue
        st.cue_pos = tok.start
        n = len(st.claims)
        st.frame = "learned"
        content.add(st, "reported", cstart, cend, spk, tok.low, bi, learned=True)
        st.cue_pos = None
        if len(st.claims) > n:
            st.claims[-1].origin = "model"
            st.claims[-1].cue_probability = p_cue
            content.claim_quotes(st, cstart, cend, quotes, used)
            found = spk or found
            insort(placed_cues, tok.start)
    return found


def _finding_reported(st: ClaimState, tok, cstart: int, cend: int, spk: Speaker | None) -> bool:
    """A person who "found" or "showed" something reports a finding only with "that" ("Tom Baker found
    the keys" is no claim), as the rules' frames hold (``frames.that_clause``; ``frames.finding_clause``
    takes a bare clause from a document only). Groups, documents and inquiries keep the model's
    reading ("Researchers found the drug cut deaths"): in training they report findings without
    "that" far more often than persons do. A verb of making or handing over a thing (``MAKING``:
    "ordered a scan", "unveiled a phone") needs the same clause, or a colon or quotation, whoever its
    subject is."""
    lem = lemma(tok.low)
    if lem in MAKING and cstart > tok.start:
        # Making or handing over a thing ("Acme released a new phone", "the doctor ordered a scan")
        # reports something only with a clause, a quotation or a colon after the verb, whoever the
        # subject: out of PolNeAR's domain the model took these verbs' plain objects for contents.
        if re.match(r"\s*[:“\"]", st.text[tok.end:cstart + 2]):
            return True
    elif spk is None or spk.entity is None or lem not in FINDING:
        return True
    else:
        ent = st.entities[spk.entity] if spk.entity < len(st.entities) else None
        if ent is None or ent.kind != "person":
            return True
    if re.match(r"\s*that\b", st.text[tok.end:cstart + 5]):
        return True
    # A clause has a finite verb: an auxiliary, a modal or a past form after its first word ("found the
    # plan had failed", "showed the fund lost"); an object alone ("the keys of the ward") has none.
    words = re.findall(r"[a-z’']+", st.text[cstart:cend].lower())[1:]
    return any(w in _FINITE or (w.endswith("ed") and len(w) > 4) for w in words)


# Verbs of making or handing over a thing (lemmas as ``learned.features.lemma`` cuts them). Not
# "show"/"reveal"/"see" (PolNeAR annotates their plain objects, "polls show a tight race": requiring a
# clause of them cost CV content R -0.0018 for P +0.0003) nor "release"/"publish"/"launch" ("released
# a report on ...": with them R fell 0.0006 more for P +0.0003).
MAKING = frozenset("order prescrib share post unveil".split())
_FINITE = frozenset("""is are was were be been has have had will would can could may might must shall should
did does do isn’t wasn’t weren’t hasn’t haven’t hadn’t won’t wouldn’t can’t couldn’t didn’t doesn’t""".split())


def _accepted(st: ClaimState, sent: Sentence, tokens, rng: tuple[int, int], quoted: list[bool],
              head: bool) -> list[tuple[float, int, bool]]:
    """The candidates of a sentence the model takes for cues: (P(cue), token index, content after
    the cue), the most probable first (ties in text order)."""
    s, e = rng
    out = []
    for i in range(s, e):
        tok = tokens[i]
        if quoted[i] or not st.model.is_candidate(tok.low) or tok.start in st.cue_at:
            continue
        if st.in_content(tok.start) or st.in_quote(tok.start) or conditional(st, sent, tok.start):
            continue
        if not head and _inside_name(tokens, i, s):
            continue  # "Councillor Mia Brand insisted": a surname spelled like a verb ("brand") is no cue
        st.deadline.check()
        p_none, p_after, p_before = st.model.predict(cue_features(tokens, i, s, e, quoted, head))
        if 1 - p_none < BACKOFF_THRESHOLD and not _in_vocab(st.model.vocab, tok.low):
            continue  # a form never seen opening a cue (the stem back-off) needs more evidence
        if 1 - p_none >= st.threshold:
            out.append((1 - p_none, i, p_after >= p_before))
    if len(out) > 1:
        out.sort(key=lambda a: (-a[0], a[1]))
    return out


def _inside_name(tokens, i: int, s: int) -> bool:
    """Whether token i, capitalised inside a sentence, continues the capitalised word before it and a
    lower-case word follows: a name's last word ("Mia Brand insisted"), not a title-case line's verb
    ("Jo Hale Says Taxes Will Rise", where the next word is capitalised too)."""
    w, prev = tokens[i].word, tokens[i - 1].word if i > s else ""
    nxt = tokens[i + 1].word if i + 1 < len(tokens) else ""
    return (w[:1].isupper() and not w.isupper() and prev[:1].isupper() and prev.isalpha()
            and nxt[:1].islower())


def _in_vocab(vocab, low: str) -> bool:
    """Whether a candidate is a form seen opening a cue (not one the stem back-off let in)."""
    return low in vocab or ("\u2019" in low and norm(low) in vocab)


def _learned_span(st: ClaimState, sent: Sentence, tokens, i: int, e: int, after: bool,
                  quotes: list[Quote] = ()) -> tuple[int, int, Speaker | None] | None:
    """The content and source of learned cue token i: the clause after it, or the sentence before it
    (from the end of the last claim ending there; the whole quotation when one closes just before the
    speaker, across sentences: "“... . A pathetic figure!” he wrote."). None when nothing follows the cue."""
    tok = tokens[i]
    if after:
        j = content_start(st, tokens, i, e)
        if j >= e:
            return None
        cstart = tokens[j].start
        if _relative_object(st, sent, tok.start, cstart):
            return None
        # A bounded window: a content runs a sentence, and a run-on "sentence" of thousands of
        # cues must not make each of them scan to its end (extraction stays linear).
        cend = content.content_end(st, cstart, min(sent.end, cstart + LEARNED_MAX))
        # A quotation the content opens runs to its closing mark, across sentences.
        q = _quote_around(quotes, cend)
        if q is not None and q.start >= cstart and q.closed and q.end - cstart <= 2 * LEARNED_MAX:
            cend = q.end
        # A learned cue's content stops where a new clause is spliced on.
        # (Not inside a quotation: a quoted sentence keeps its dashes and semicolons.)
        for cut in _LEARNED_CUT.finditer(st.text, cstart, cend):
            if not st.in_quote(cut.start()):
                cend = cut.start()
                break
        cut = _relative_clause_end(st, sent, tok.start, cstart, cend)
        if cut < cend and not _is_clause(st.text[cstart:cut]):
            return None  # "Jo Sharp, who covered the city for years, said ...": the relative clause reports nothing
        cend = cut
        fronted = _fronted_clause(st, sent, tokens, i, cstart, cend)
        if fronted is not None:
            return cstart, fronted[0], fronted[1]
        return cstart, cend, learned_source(st, sent, tok.start)
    return _span_before(st, sent, tok.start, tok.end, quotes)


# A non-restrictive relative clause's verb right after its pronoun (", who cites", ", which shows").
_RELATIVE_BEFORE = re.compile(r",\s*(?:who|which)\s+$")


def _relative_clause_end(st: ClaimState, sent: Sentence, cue: int, cstart: int, cend: int) -> int:
    """A learned cue opening a relative clause set off by commas ("Jo Sharp, who cites the figures, said
    the plan failed") has a content that ends at the clause's closing comma when a cue the rules placed
    follows it (the main clause's verb): the relative clause does not run on into the main clause's claim."""
    if not _RELATIVE_BEFORE.search(st.text, max(sent.start, cue - 12), cue):
        return cend
    rule_cue = min((c for c in st.cue_at if cstart < c < cend), default=None)
    if rule_cue is None:
        return cend
    comma = st.text.rfind(",", cstart, rule_cue)
    while comma >= 0 and st.in_quote(comma):
        comma = st.text.rfind(",", cstart, comma)
    return comma if comma > cstart else cend


# A restrictive relative clause whose object is what was said: "that"/"which"/"what" and the subject
# right before the cue ("something that the mayor said ...").
# Only within the sentence's subject (a few words from its start, no comma): after a main verb ("a tax,
# which he says would never pass") the verb after the cue is the relative clause's, and that is a claim.
_RELATIVE_SUBJECT = re.compile(r"[\W]*(?:[\w’'\-.]+\s+){0,4}(?:that|what)\s+(?:[\w’'\-.]+\s+){1,4}", re.IGNORECASE)


def _relative_object(st: ClaimState, sent: Sentence, cue: int, cstart: int) -> bool:
    """A cue ending a relative clause in the sentence's subject whose object is what was said ("Something
    that the mayor said suggests he will resign"): the words after it are the main clause's predicate, a
    finite verb first, not what the relative clause's subject said."""
    if not _RELATIVE_SUBJECT.fullmatch(st.text, sent.start, cue):
        return False
    first = re.match(r"[a-z’']+", st.text[cstart:cstart + 30])
    if first is None:
        return False
    w = first.group()
    return w in _FINITE or (w.endswith("s") and not w.endswith("ss") and st.model.is_candidate(w))


def _is_clause(words: str) -> bool:
    """A "that" clause, or words with a finite verb after the first (an auxiliary, a modal, a past form)."""
    low = re.findall(r"[a-z’']+", words.lower())
    return bool(low) and (low[0] == "that" or any(w in _FINITE or (w.endswith("ed") and len(w) > 4) for w in low[1:]))


# What may stand before a cue that opens a fronted clause of its sentence's subject: a conjunction, a
# preposition taking a gerund, "to", "having" ("After thanking the crowd, he ...", "By refusing to ...,
# the pair ...", "Having announced that ..., the judge ...", "To address ..., Jo Sharp has ...").
_FRONTED = re.compile(r"[\W]*(?:(?:But|And|Yet|So)\s+)?(?:(?:[Aa]fter|[Bb]efore|[Bb]y|[Ww]hile|[Ww]hen|[Ss]ince|[Uu]pon|"
                      r"[Dd]espite|[Ww]ithout|[Ii]n)\s+)?(?:(?:[Tt]o|[Hh]aving|[Nn]ot)\s+)?$")
# An adjunct of the act right after the cue ("Speaking to reporters, ...", "Writing in the Times, ..."):
# the fronted clause then reports nothing.
_ADJUNCT_AFTER = frozenset("to in at on with from before after during outside inside at".split())


def _fronted_clause(st: ClaimState, sent: Sentence, tokens, i: int, cstart: int,
                    cend: int) -> tuple[int, Speaker] | None:
    """A learned cue opening a fronted participle or infinitive clause ("Recognizing the gap, Jo Sharp's
    aides believe ...", "After saying he was nervous, the man ..."): its subject is the main clause's,
    named after the clause's comma, and its content ends at that comma. (end, source), or None."""
    tok = tokens[i]
    if not _FRONTED.fullmatch(st.text, sent.start, tok.start):
        return None
    before = st.text[sent.start:tok.start].split()
    if not (tok.low.endswith("ing") or (before and before[-1].lower() in ("to", "having"))):
        return None
    if i + 1 < len(tokens) and tokens[i + 1].low in _ADJUNCT_AFTER:
        return None
    comma = st.text.find(",", cstart, min(cend, cstart + 300))
    while comma >= 0 and st.in_quote(comma):
        comma = st.text.find(",", comma + 1, min(cend, cstart + 300))
    if comma < 0 or len(re.findall(r"\w+", st.text[cstart:comma])) < 2:
        return None
    spk = sources.right_speaker(st, comma + 1, sent.end)
    if spk is None or (spk.entity is None and spk.text.lower() in ("it", "there")):
        return None  # nobody named, or an expletive subject ("..., it rained")
    if spk.entity is None and spk.org is None and (_no_subject(spk.text)
                                                         or spk.text.split()[0].lower() in _FINITE | _NOT_SUBJECT):
        return None  # the clause is the subject ("To claim ..., however, is naive"): nobody speaks
    if _thing_subject(spk):
        return comma, None  # "..., the pound fell": a thing did not warn; the clause's content stays
    return comma, _at_head(_before_main_verb(spk))


# Heads of a lowercase subject that stand for an organisation ("the company cut ...", "the union ...").
_BODY_HEADS = frozenset("""company firm bank union government party council committee board agency ministry
department court group administration campaign team police army military commission authority regulator
club league school university hospital church lab laboratory service network institute embassy office""".split())
# People named by what they are, not by a role ("the man", "a woman", "the teenager").
_PEOPLE_HEADS = frozenset("man woman person boy girl child kid teenager guy lady gentleman resident voter citizen "
                          "worker mother father owner stranger veteran student".split())
_DETERMINERS = frozenset("the a an this that".split())


def _thing_subject(spk: Speaker) -> bool:
    """A main subject that cannot speak for the fronted clause's verb: no name or body, a determiner and
    one or two lowercase words, the last singular and no person's or body's noun ("the pound", "the
    British pound"), or such a noun after a possessor ("the mayor's car"); its verb is whatever follows.
    Plurals are left (a group may speak: "the nurses")."""
    if spk.entity is not None or spk.org is not None:
        return False
    words = spk.text.split()
    if len(words) < 2 or words[0].lower() not in _DETERMINERS:
        return False
    head = words[1:3]
    if re.search(r"[’']s$", head[0]):
        head = words[2:4]  # the possessed noun is the subject's head
    if not head or not head[0][:1].islower():
        return False
    for w in head:
        w = _head_word(w)
        if w in PERSON_NOUNS or w in _PEOPLE_HEADS or w in _BODY_HEADS or w in DOCUMENT_NOUNS or w.endswith("s") \
                or "'" in w or "’" in w:
            return False
    return True


def _head_word(w: str) -> str:
    return w.strip(".,;:!?").lower()


def _at_head(spk: Speaker) -> Speaker:
    """A lowercase subject cut after its person's or body's noun when a lowercase word that opens no
    modifier follows: the verb, whatever its form ("the woman left the meeting" -> "the woman")."""
    if spk.entity is not None or spk.org is not None:
        return spk
    toks = list(re.finditer(r"\S+", spk.text))
    if len(toks) < 3 or toks[0].group().lower() not in _DETERMINERS:
        return spk
    for k in (1, 2):
        if k + 1 >= len(toks):
            break
        w, nxt = _head_word(toks[k].group()), toks[k + 1].group()
        if not (w in PERSON_NOUNS or w in _PEOPLE_HEADS or w in _BODY_HEADS):
            continue
        if nxt[:1].islower() and _head_word(nxt) not in _MODIFIER_START and toks[k].group()[-1] not in ",;:":
            end = toks[k].end()
            return Speaker(None, spk.text[:end], spk.start, spk.start + end)
        break
    return spk


# Words after a subject's noun that go on with the subject, not its verb ("the man who", "the head of").
_MODIFIER_START = frozenset("of for at from in on with who whom whose which that and or behind".split())
_OBJECT_START = frozenset("the a an his her its their our my this that these those it them him us me".split())


def _before_main_verb(spk: Speaker) -> Speaker:
    """The main clause's subject without the verb and object the inverted-order search read on to the
    clause's end ("..., most investors backed the merger" -> "most investors"): words before an auxiliary,
    a cue verb or an "-ed" word opening an object. Names and bodies are left as they are."""
    if spk.entity is not None or spk.org is not None:
        return spk
    toks = list(re.finditer(r"[^\s.,;:!?]+", spk.text))
    for k in range(1, len(toks)):
        w, prev = toks[k].group().lower(), toks[k - 1].group().lower()
        nxt = toks[k + 1].group().lower() if k + 1 < len(toks) else ""
        if w in _FINITE or (w in CUE_LEMMA and prev not in _NOUN_MARKERS) or (w.endswith("ed") and nxt in _OBJECT_START):
            end = toks[k - 1].end()
            return Speaker(None, spk.text[:end], spk.start, spk.start + end)
    return spk


def _span_before(st: ClaimState, sent: Sentence, cue_start: int, cue_end: int,
                 quotes: list[Quote]) -> tuple[int, int, Speaker | None]:
    """The content before a learned cue and its source: the speaker before the cue (the rules' search,
    else the words between the content and the cue), else one after it ("..., said the mayor")."""
    spk = sources.left_speaker(st, sent, cue_start, None)
    if spk is not None and spk.start >= sent.start and spk.end <= cue_start:
        cend = spk.start
        if _interrupts(st, sent, spk, cue_end):
            cend = sent.end  # "At the time, she said, Grayson was ...": the sentence around the aside
    else:
        spk = sources.right_speaker(st, cue_end, sent.end)
        cend = st.rstrip_end(sent.start, cue_start)
        if spk is None:
            spk = subject_after_content(st, sent, cue_start)
            if spk is not None:
                cend = spk.start
    cstart = sent.start
    prior = st.ends.max_in(sent.start, cend)  # the end of the last claim ending here
    if prior >= 0:
        cstart = prior
    q = _quote_ending(st, quotes, cend)
    if q is not None and q.start < cstart and st.ends.max_in(q.start, cend) < 0:
        cstart = q.start
    return cstart, cend, spk


def _interrupts(st: ClaimState, sent: Sentence, spk: Speaker, cue_end: int) -> bool:
    """Whether a speaker and learned cue are an aside set off by commas inside the sentence ("On top of
    that, opponents say, the wage increase will ...", "That attitude, many argue, could ..."): what was
    said is the sentence around it, as the rules' ``frames.parenthetical`` takes it, not the words before
    the aside. Not after a quotation (the quotation frames' form) nor with the cue's own clause after it."""
    before = st.text[sent.start:spk.start]
    return bool(_ASIDE_OPENS.search(before)) and not any(ch in before for ch in QUOTE_CHARS) \
        and aside_goes_on(st.text[cue_end:sent.end])


_ASIDE_OPENS = re.compile(r"\w[\w’'\-.]*,\s*$")


# The words between a content's end (a comma, a closing quotation mark) and a cue after it: '“...,” Jo
# Sharp said', '..., the mayor of the town said.' (bounded: a subject of up to 80 characters).
_AFTER_CONTENT = re.compile(r"(?:,|[.!?,]?[”\"]|[.!?,]['’]{1,2})\s*([^,;:“”\"()'’\s][^,;:“”\"()]{1,79}?)\s*$")


def subject_after_content(st: ClaimState, sent: Sentence, cue_start: int) -> Speaker | None:
    """The subject of a cue whose content precedes it, when the speaker search knows none of its
    words as a name: the phrase between the content's end and the cue ("..., Romero said."; "“...,” New
    York City's public advocate said"), without auxiliaries; None when it holds a verb or runs over eight words."""
    lo = max(sent.start, cue_start - 100)
    m = _AFTER_CONTENT.search(st.text, lo, cue_start)
    if m is None:
        return None
    phrase = m.group(1).strip()
    words = phrase.split()
    if not 1 <= len(words) <= 8 or _has_verb(words) or not any(w[:1].isalpha() for w in words):
        return None
    start = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
    return _subject_phrase(Speaker(None, phrase, start, start + len(phrase)), source_words.title_case(st.text, start + len(phrase)))


def _quote_ending(st: ClaimState, quotes: list[Quote], end: int) -> Quote | None:
    """The closed quotation that ends at end, past spaces and a comma."""
    text = st.text
    while end > 0 and text[end - 1] in " ,\n":
        end -= 1
    k = bisect_right(quotes, end, key=_quote_end) - 1
    if k >= 0 and quotes[k].end == end and quotes[k].closed and quotes[k].opened:
        return quotes[k]
    return None


def _quote_around(quotes: list[Quote], pos: int) -> Quote | None:
    """The quotation that holds pos and runs past it."""
    k = bisect_right(quotes, pos, key=_quote_start) - 1
    if k >= 0 and quotes[k].start < pos < quotes[k].end:
        return quotes[k]
    return None


def _quote_start(q: Quote) -> int:
    return q.start


def _quote_end(q: Quote) -> int:
    return q.end


# Words that end a clause subject's phrase without belonging to it: the auxiliaries, modals, negations
# and adverbs between a subject and its verb ("Thirty-seven percent would vote", "they do not want").
_SUBJECT_TAIL = frozenset("""would will can could should may might must shall do does did not n't don't doesn't
didn't don’t doesn’t didn’t won't won’t can't can’t cannot is are was were be been being has have had also still
now just already never often repeatedly reportedly recently all both each""".split())
# A quantity's approximation before its number ("About 4 in 10", "Only about a third"): not a preposition.
_APPROX = re.compile(r"^(?:(?:only|just|roughly|nearly|almost|about|around|some|over|more\s+than|fewer\s+than|"
                     r"less\s+than|at\s+least)\s+)+(?=\d|a\s+(?:third|quarter|half|fifth|majority)|half\b|(?:one|two|three|four|"
                     r"five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b)",
                     re.IGNORECASE)
# A clause subject of up to 16 words ending at the cue, after the sentence start or a clause boundary
# ("Large majorities of Republican primary voters in six states ... said").
_LONG_SUBJECT = re.compile(r"(?:^|[,;:(]\s*|\b(?:that|and|but|while|as|because|if|when)\s+)([^,;:()“”\"]{2,160}?)\s*$")


def learned_source(st: ClaimState, sent: Sentence, cue_start: int) -> Speaker | None:
    """The source of a learned cue (the rules' speaker search for it), its bare phrase cut to the
    subject: past the last "that" ("you can bet that the Democrats do not" -> "the Democrats"), without
    the auxiliaries and adverbs before the verb, without an approximation before a quantity ("About 4 in
    10" -> "4 in 10"); when the search finds nothing, a longer clause subject (up to 16 words)."""
    spk = sources.learned_speaker(st, sent, cue_start)
    if spk is not None and not spk.resolved:
        # "... and said": the words before the cue are only a conjunction; the sentence's subject speaks.
        words = spk.text.lower().split()
        if words and all(w in _OPENERS for w in words):
            spk = sources.sentence_subject(st, sent, cue_start) if words[-1] in ("and", "but", "or") else None
    if spk is None:
        lo = max(sent.start, cue_start - 200)
        m = _LONG_SUBJECT.search(st.text[lo:cue_start])  # a bounded window: linear in the text
        if m is None or (m.start() == 0 and lo != sent.start):
            return _subject_before_apposition(st, sent, cue_start)
        phrase = m.group(1).strip()
        words = phrase.split()
        if not 1 <= len(words) <= 16 or _has_verb(words):
            return _subject_before_apposition(st, sent, cue_start)
        s0 = lo + m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
        spk = Speaker(None, phrase, s0, s0 + len(phrase))
    if spk.resolved:
        return spk
    pronoun = contracted.pronoun_subject(st, sent, spk)  # "He's argued that"
    if pronoun is not None:
        return pronoun
    if not any(ch.isalnum() for ch in spk.text):  # a closing quotation mark before a participle ('“Golden
        return sources.sentence_subject(st, sent, cue_start)  # Week,” saying'): the sentence's subject, if any
    if _no_subject(spk.text):
        # "now said", "wasn’t optimistic", "last week displayed": adverbs, a time or an auxiliary
        # name nobody; the sentence's subject speaks when it is a name, else the cue is dropped (kept for the
        # resolver to re-choose, it scored lower over the training articles).
        subj = _modal_surname(st, spk) or sources.sentence_subject(st, sent, cue_start)
        return subj if subj is not None and subj.resolved else None
    return _subject_phrase(spk, source_words.title_case(st.text, spk.end))


def _modal_surname(st: ClaimState, spk: Speaker) -> Speaker | None:
    """A modal's word before an inflected cue that names someone the article names ("May Says ...": Theresa
    May; `source_words.modal_name`)."""
    ent = st.entity_named(spk.text) if source_words.modal_name(st.text, spk.end) else None
    return Speaker(ent, spk.text, spk.start, spk.end) if ent is not None else None


_TIMES = frozenset("now then soon week weekend ago".split())
# The sentence's subject, then an apposition, relative or participle clause set off by commas, then the
# cue: "Her father, Brad, 39, worried that ...", "Many recent studies, often conducted by ..., have found".
_APPOSED = re.compile(r"\W*([^,;:()“”\"]{2,80}?),\s+[^;:()“”\"]{1,200}?,\s*((?:[\w’'\-]+\s+){0,3}?)$")
_NOT_SUBJECT = frozenset("""in on at during after before when while as if although though because since until once
upon despite following amid among with without by for from to of like unlike asked speaking earlier later last this
yesterday today tonight then meanwhile separately still also however but and so now yet under over throughout across
within against through into beyond behind around between near along toward towards amidst via""".split())


def _subject_before_apposition(st: ClaimState, sent: Sentence, cue_start: int) -> Speaker | None:
    """A learned cue's subject before a clause set off by commas, when the clause right before the cue
    names nobody: the phrase opening the sentence, of up to ten words, no adjunct and no verb of saying."""
    if cue_start - sent.start > 300:
        return None
    m = _APPOSED.fullmatch(st.text, sent.start, cue_start)
    if m is None or not all(w.lower() in sources.GAP_WORDS or w.lower() in _TIMES or w.lower() == "last"
                            or (len(w) > 4 and w.lower().endswith("ly")) for w in m.group(2).split()):
        return None
    phrase = m.group(1).strip()
    words = phrase.split()
    if not 1 <= len(words) <= 10 or words[0].lower() in _NOT_SUBJECT or words[0] in DAY_NAMES \
            or "''" in phrase or _has_verb(words) or any(w.lower() in _FINITE for w in words):
        return None  # an adjunct ("In May", "Friday"), a quotation or a clause, not a subject
    return Speaker(None, phrase, m.start(1), m.start(1) + len(phrase))


def _no_subject(words: str) -> bool:
    """Whether a source's words are only gap words (adverbs, times, auxiliaries) or a negated auxiliary."""
    low = [w.strip(".,").lower() for w in words.split()]
    return bool(low) and all(w in sources.GAP_WORDS or w.endswith(("n’t", "n't")) or w in _TIMES
                             or (len(w) > 4 and w.endswith("ly") and w not in sources._LY_NOT_ADVERB) for w in low)


_NOUN_MARKERS = frozenset("""the a an each every all some many most few several this that these those his her their
its our my your two three four five six seven eight nine ten dozens""".split())


def _has_verb(words: list[str]) -> bool:
    """Whether a phrase holds a reporting verb: a cue word not used as a noun after a determiner or a
    number ("voters in each state", "the report")."""
    for k, w in enumerate(words):
        if w.lower() in CUE_LEMMA:
            prev = words[k - 1].lower() if k else ""
            if not (prev in _NOUN_MARKERS or prev[:1].isdigit()):
                return True
    return False


_OPENERS = frozenset("and but or so while whereas after before when as because if although though".split())


def _subject_phrase(spk: Speaker, title: bool = False) -> Speaker | None:
    """The subject in a source phrase: without the words that name nobody (`source_words.tidy`), an
    opening conjunction, a clause before "that"/"which", a trailing auxiliary, an approximation; `title`:
    the line is in title case (`source_words.title_case`)."""
    out = _subject_words(spk, *source_words.tidy(spk.text, spk.start, title), title)
    if out is not None and out.text != spk.text and source_words.left_bare(out.text):
        return _subject_words(spk, spk.text, spk.start, title)  # ("I later": the tidied "I" would take a name)
    return out


def _subject_words(spk: Speaker, text: str, start: int, title: bool) -> Speaker | None:
    m = re.match(r"(?:(?:" + "|".join(_OPENERS) + r")\s+)+", text, re.IGNORECASE)
    if m and m.end() < len(text):
        text, start = text[m.end():], start + m.end()
    cut = None
    for m in re.finditer(r"\b(?:that|which)\s+", text):
        cut = m
    if cut is not None and source_words.head_before_relative(text[:cut.start()]):
        head = text[:cut.start()].rstrip()  # "People that know him": the relative's head is the subject,
        text = text if head.lower() in ("those", "these") else head  # a lone "Those that stayed" with its clause
    elif cut is not None and cut.end() < len(text):
        text, start = text[cut.end():], start + cut.end()
    words = list(re.finditer(r"\S+", text))
    while words and words[-1].group().lower() in _SUBJECT_TAIL and not source_words.in_name(words[-1].group(), len(words) == 1, title):
        words.pop()  # not a name's word ("Theresa May", "Jo Still")
    if not words:
        return None
    text = text[:words[-1].end()]
    m = _APPROX.match(text)
    if m:
        text, start = text[m.end():], start + m.end()
    if text == spk.text and start == spk.start:
        return spk
    return Speaker(None, text, start, start + len(text))


def _compound_after(tokens, j: int, e: int) -> bool:
    """Whether particle j opens a noun compound: a bare singular lowercase noun after it, itself followed by
    "for" or "of" ("demanded back pay for every nurse"), not a determiner, pronoun or frame word."""
    if j + 2 >= e:
        return False
    w, nxt = tokens[j + 1].low, tokens[j + 2].low
    return (tokens[j + 1].word[:1].islower() and w.isalpha() and w not in _FRAME_WORDS and w not in _OBJECT_START
            and not w.endswith(("s", "ly", "ing")) and nxt in ("for", "of"))


def _past_hearer(st: ClaimState, tokens, i: int, e: int) -> int | None:
    """The first content token past the hearer of a verb of telling ("told reporters he ...", "told USA
    Today on Friday that ...", "told the crowd, “...”": ``hearers.past_hearer``), or None."""
    past = hearers.past_hearer(st.text, tokens[i].end, tokens[e - 1].end)
    if past is None:
        return None
    head = st.text[past[0]:past[0] + 8]
    pos = past[0] + len(head) - len(head.lstrip(":, ")) if past[1] == "quote" else past[0]
    j = bisect_left(tokens, pos, i + 1, e, key=lambda t: t.start)
    while j < e and tokens[j].low in _FRAME_WORDS:
        j += 1
    return j


def content_start(st: ClaimState, tokens, i: int, e: int) -> int:
    """Index of the first content token after cue token i: past the word the cue's content
    usually follows (learned per lemma), else past a verb's particle ("back", "down") and an
    adjacent preposition or "that"."""
    # A time between the cue and its "that" ("claimed at the time that", "announced Nov. 18 that"): the
    # content opens after the "that", as the rules' frames read it (``content.DATE_BEFORE_THAT``).
    # An aside set off by commas before the "that" too ("said, however, that": ``content.ASIDE_BEFORE_THAT``).
    adj = (content.DATE_BEFORE_THAT.match(st.text, tokens[i].end, tokens[e - 1].end)
           or content.ASIDE_BEFORE_THAT.match(st.text, tokens[i].end, tokens[e - 1].end)) if e > i + 1 else None
    if adj:
        j = bisect_left(tokens, adj.end(), i + 1, e, key=lambda t: t.start)
        if j < e and tokens[j].low == "that":
            return j + 1
    lem = lemma(tokens[i].low)
    j = _past_hearer(st, tokens, i, e) if hearers.telling(lem) else None
    if j is not None:
        return j
    opener = st.model.openers.get(lem)
    if opener:
        for j in range(i + 1, min(e, i + 7)):
            if tokens[j].low == opener:
                return j + 1
            if tokens[j].word in ".;":
                break
    j = i + 1
    if j < e and tokens[j].low in _PARTICLES and not (j + 1 < e and tokens[j + 1].low == "to") \
            and not _compound_after(tokens, j, e):
        j += 1  # ("up to 40 percent": a quantity, not a particle)
    while j < e and tokens[j].low in _FRAME_WORDS:
        j += 1
    return j


def conditional(st: ClaimState, sent: Sentence, pos: int) -> bool:
    """Whether the cue at pos stands in a condition ("If the minister says ..."): "if" or "unless"
    opens its clause a few words before it (a bounded window: linear on run-on sentences)."""
    lo = max(sent.start, pos - 80)
    marks = list(_CLAUSE_MARK.finditer(st.text, lo, pos))
    if marks:
        lo = marks[-1].end()
    return _CONDITION.search(st.text, lo, pos) is not None


def rule_cues(st: ClaimState, sent: Sentence) -> list[re.Match]:
    out = []
    for m in _WORD.finditer(st.text, sent.start, sent.end):
        w = m.group().lower()
        if w in CUE_LEMMA and not st.in_quote(m.start()) and not conditional(st, sent, m.start()):
            out.append(m)
        elif w == "according" and st.text[m.end():m.end() + 4] == " to ":
            out.append(m)
    return out
