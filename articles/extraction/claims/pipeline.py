"""The claim pipeline: for each body block, sentence by sentence, the cues (rules, then the
learned model), each cue's source, then the frames in their written order; quotations no cue
claimed continue the discourse; headlines and transcripts have their own forms.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..budget import Deadline
from ..document import Document
from ..indexes import SentenceQuotes
from ..learned.model import CueModel
from ..lexicon import CUE_LEMMA, QUOTE_CUES
from ..text import Quote, Sentence
from ..tokens import in_quotes, sentence_ranges
from ..types import Block, Claim, Entity, Mention, Speaker
from . import content, cues, discourse, forms, frames, sources
from .state import ClaimState, Site, _start


def run(st: ClaimState) -> list[Claim]:
    """The claims of every body block, then of the headline."""
    doc = st.doc
    for bi, (block, quotes, sents) in enumerate(zip(doc.body, doc.quotes, doc.sentences, strict=True)):
        if forms.transcript(st, bi, block) or forms.signed_post(st, bi, block) or forms.signature_line(st, bi, block):
            continue
        colon = st.pending_colon if st.last_block == bi - 1 else None
        n_before = len(st.claims)
        paragraph(st, bi, block, quotes, sents)
        discourse.presenting_colon(st, bi, block, sents, doc.body[bi + 1] if bi + 1 < len(doc.body) else None)
        discourse.colon_paragraph(st, bi, block, colon, n_before)
        discourse.merge_continuations(st, block, sents)
        if bi > 0:
            join_across(st, doc.body[bi - 1], block, doc.sentences[bi - 1])
    if st.model is not None and doc.headline is not None:
        forms.headline(st, doc.headline)
    return st.claims


def paragraph(st: ClaimState, bi: int, block: Block, quotes: list[Quote], sents: list[Sentence]) -> None:
    """One body block, sentence by sentence: the rules' cues, the model's, then the quotations
    no cue claimed (continuations of the discourse)."""
    tokens = st.doc.tokens(bi) if st.model is not None else []
    quoted = in_quotes(tokens, quotes)
    ranges = sentence_ranges(tokens, sents)
    used_quotes: set[Quote] = set()
    block_speaker: Speaker | None = None  # the latest sentence speaker of the block
    for si, sent in enumerate(sents):
        st.deadline.check()
        st.cue_pos = None
        spk_here = sentence(st, bi, block, sent, quotes, used_quotes)
        st.cue_pos = None
        if st.model is not None:
            # The rules' speaker stays the sentence's: a cue only the model found (often inside the
            # speaker's own description: '“...,” said X, a group focused on ...') is less sure, and the
            # quotations after the sentence continue the voice the rules heard.
            spk_learned = cues.learned(st, bi, sent, tokens, ranges[si], quoted, quotes, used_quotes)
            spk_here = spk_here or spk_learned
        named = discourse.continue_quotes(st, bi, block, sent, quotes, used_quotes, spk_here, block_speaker)
        if spk_here is not None or named is not None:
            block_speaker = spk_here or named


def join_across(st: ClaimState, prev: Block, block: Block, prev_sents: list[Sentence]) -> None:
    """A quotation that opens a paragraph and continues the speaker of the quotation that closed the
    paragraph before is one claim with it: '“...,” she said.' then '“...”' (news style runs a long
    quotation over paragraphs). The claim spans both, the attribution and the break in between."""
    claims = st.claims
    k = bisect_left(claims, block.start, key=_start)
    if k == 0 or k >= len(claims):
        return
    # Past a cue only the model found in the attribution's tail ('“...,” she said, referring to ...'):
    # the quotation it follows is the host, and the joined claim holds that tail.
    h = k - 1
    while h > 0 and h > k - 3 and claims[h].origin == "model" and claims[h].start >= prev.start \
            and claims[h - 1].kind == "quote" and claims[h - 1].end <= claims[h].start:
        h -= 1
    host, c = claims[h], claims[k]
    # A reported claim of the rules' that ends the paragraph before hosts it too ('Jo Sharp said the
    # plan was late.' then '“We lost a year.”'); not a model cue's (less sure).
    reported = host.kind == "reported" and host.origin != "model" and \
        discourse.ENDS_BEFORE_QUOTE.fullmatch(st.text, host.end, prev.end) is not None \
        and host.end > prev_sents[-1].start  # in the last sentence: none of the writer's after it
    if not (c.start == block.start and c.kind == "quote" and c.frame == "continuation"
            and (host.kind == "quote" or reported)
            and prev.start < host.end <= prev.end and discourse.same_speaker(host, c)):
        return
    for gone in claims[h + 1:k + 1]:
        st.live_remove(gone)
    st.set_end(host, c.end)
    del claims[h + 1:k + 1]
    if st.sorted_n > h + 1:
        st.sorted_n = max(h + 1, st.sorted_n - (k - h))


def _site(st: ClaimState, m, bi: int, block: Block, sent: Sentence, quotes: list[Quote], used: set[Quote],
          sent_quotes: list[Quote], sq: SentenceQuotes) -> Site | None:
    """The site of cue match m, or None when the cue lies in a spent span or inside a claim's content
    it cannot split (a cue inside reported content with its own subject cuts the host short)."""
    word = m.group().lower()
    cs, ce = m.start(), m.end()
    st.cue_pos = cs
    if cs in st.spent:
        return None
    host = st.content_spans.find(cs)
    if host is not None and not content.split_host(st, host, sent, cs):
        return None
    return Site(bi, block, sent, quotes, used, sent_quotes, sq, word, CUE_LEMMA.get(word, word), cs, ce, st.text)


def sentence(st: ClaimState, bi: int, block: Block, sent: Sentence, quotes: list[Quote], used: set[Quote]) -> Speaker | None:
    """Claims cued in one sentence; returns the sentence's speaker when it has one.

    Each cue is tried against the frames below in order (content before the cue, then after it);
    the first frame that places the content makes the claim."""
    text = st.text
    prev: Speaker | None = None
    found: Speaker | None = None
    sent_quotes = content.quotes_in(quotes, sent.start, sent.end)
    sq = SentenceQuotes(sent_quotes, used, st.is_title, st.is_full)
    # Past the last cue's content, later cues in the sentence start their own.
    for m in cues.rule_cues(st, sent):
        st.deadline.check()  # a sentence may be a whole file: the budget holds cue by cue
        site = _site(st, m, bi, block, sent, quotes, used, sent_quotes, sq)
        if site is None:
            continue
        word, cs = site.word, site.cs
        if word == "according":
            placement = frames.according_to(st, site)
            if placement is not None:
                found = content.apply(st, site, placement, "according_to")
            continue
        # "Said Ellis: “...”", "Continued Ellis: “...”": a verb of saying opening the sentence, its speaker after it.
        # (Not "Asked about it, she said: ...": a participle opening the sentence.)
        if (word == "said" or (word in QUOTE_CUES and word.endswith("ed") and site.lemma != "ask")) and cs - sent.start < 8 and not site.left.strip(" “\"") \
                and text[cs:cs + 1].isupper():
            placement = frames.said_name_colon(st, site)
            if placement is not None:
                found = prev = content.apply(st, site, placement, "said_name_colon")
            continue
        if not sources.cue_speaker(st, site, prev):
            continue
        spk = _place(st, site)
        if spk is not None:
            found = prev = spk
    return found


def _place(st: ClaimState, site: Site) -> Speaker | None:
    """The first frame in :data:`frames.ORDER` that places the cue's content makes the claim; returns
    the speaker of the sentence (None when no frame placed anything)."""
    content.place(st, site)
    for frame in frames.ORDER:
        placement = frame(st, site)
        if placement is not None:
            return content.apply(st, site, placement, frame.__name__)
    if _ends_sentence(site):
        # "Dr Jo Sharp agreed." places nothing, but the quotations after it in the paragraph are
        # hers. (Not the next paragraph's: over the training articles that lost 2 direct gold.)
        return site.spk
    return None


_NOTHING_AFTER = re.compile(r"\s*[.!]?\s*$")


def _ends_sentence(site: Site) -> bool:
    """Whether a verb of saying ends its sentence, its speaker before it ("Dr Jo Sharp agreed.")."""
    return (not site.inverted and site.word in QUOTE_CUES and _NOTHING_AFTER.match(site.tail) is not None
            and not sources.heard(site))


class ClaimFinder:
    """Claims of one article: the pipeline over a fresh :class:`ClaimState`."""

    def __init__(self, doc: Document, entities: list[Entity], mentions: list[Mention],
                 model: CueModel | None = None, threshold: float | None = None, deadline: Deadline | None = None):
        self.state = ClaimState(doc, entities, mentions, model=model, threshold=threshold, deadline=deadline)

    def run(self) -> list[Claim]:
        return run(self.state)


def resolve(claims: list[Claim], entities: list[Entity]) -> None:
    """Fill each claim's speaker index from its source (a person, else the organisation it speaks for)."""
    for c in claims:
        spk = c.source
        if spk is None:
            continue
        c.speaker = spk.entity if spk.entity is not None else spk.org
