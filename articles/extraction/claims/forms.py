"""Whole-block forms with their own layout: transcript lines ("PENCE: ...") and headlines
("Pence: Flowers Won't Be at Debate", "..., Lindsey Graham Says").
"""
from __future__ import annotations

import re

from ..learned.tagger import default_tagger
from ..text import QUOTE_CHARS, Sentence, find_quotes
from ..tokens import in_quotes, tokenize
from ..types import Block, Speaker
from . import content, cues
from .possessed import PERSON_NOUNS
from .source_kinds import DOCUMENT_NOUNS
from .state import ClaimState

_TRANSCRIPT = re.compile(r"[\"“]?(?P<name>[A-Z][A-Z.'\- ]{1,30}[A-Z]):\s+(?=\S)")
_HEAD_COLON = re.compile(r"(?P<who>[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3})\s*:\s+(?=\S)")
_HEAD_SAYS = re.compile(r",\s+(?P<who>(?:[A-Z][\w.'’\-]*\s+){0,4}?[A-Z][\w.'’\-]*)\s+(?P<cue>Says|Said|Warns|Claims|"
                        r"Insists|Argues|Admits|Predicts|Suggests|Contends|Tells\s+\w+)\W*$")
# An embedded social post signed below its words: "... https://t.co/x — Jane Doe (@janedoe) March 2, 2019".
_SIGNED = re.compile(r"[―—–-]{1,2}\s*(?P<name>[^\s()―—–@][^()\n―—–@]{0,60}?)\s*\(\s*@\w{1,30}\s*\)[^\n()]{0,40}$")
# A signature alone on its line under a quotation: "- Jane Doe.", "—Jane Doe, tweeting after the debate."
_SIGNATURE_LINE = re.compile(r"[―—–-]{1,2}\s*(?P<name>[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}?)\.?\s*(?:,[^\n]{0,80})?\.?\s*$")
_MARKUP_AT_START = re.compile(r"\s*<[A-Za-z][^<>]{0,300}>\s*")
_LINK = re.compile(r"\s*(?:https?://|pic\.twitter\.com/|www\.)\S*")
# A line of capitals after the post's last sentence: a page's call to action kept by a scraper.
_SHOUTED_END = re.compile(r"(?<=[.!?])\s+(?:[A-Z]{2,}\s+){2,}[A-Z]{2,}\s*$")
_NOT_SOURCES = frozenset("the latest update exclusive breaking watch analysis opinion editorial review live "
                         "video photos explainer correction fact check q&a".split())


def headline(st: ClaimState, block: Block) -> None:
    """Headlines state attributions too ("Grassley Compares Trump's ... To ..."): the cue model
    reads them; the rules, written for running text, do not."""
    if headline_rule(st, block):
        return
    # A kicker before a colon the rule left ("NFL: Jets Say ...", "The Latest: ...") is no part of the
    # headline's sentence: the model reads what follows it, as it reads a headline without one.
    m = _HEAD_COLON.match(st.text, block.start, block.end)
    start = m.end() if m else block.start
    if subject_says(st, block, start):
        return
    quotes = find_quotes(st.text, start, block.end)
    tokens = tokenize(st.text, start, block.end)
    sent = Sentence(start, block.end)
    cues.learned(st, -1, sent, tokens, (0, len(tokens)), in_quotes(tokens, quotes), quotes, set(), head=True)


def headline_rule(st: ClaimState, block: Block) -> bool:
    """"Pence: Flowers Won't Be at Debate." and "Trump Could Address Clean Energy, Lindsey Graham
    Says.": the two headline forms that name a source outright."""
    text = st.text
    m = _HEAD_COLON.match(text, block.start, block.end)
    said = _SAYS_BEFORE_COLON.search(m["who"]) if m else None
    if said and said.group(2) and _HEAD_ATTRIBUTION.match(text, m.end(), block.end) \
            and not _names_a_person(st, m["who"][:said.start()]):  # the teller's words, not "Jo Hale Told Us"
        said = None  # "A Story Told Twice: Mayor Says ...": a telling's words before an attribution are a kicker
    if said:  # "Jo Hale Says: ...", "USA TODAY SAYS: ...": the words before the verb speak
        lead = _WH_LEAD.match(m["who"], 0, said.start())  # "What Jo Hale Says: ...": Jo Hale
        ws, we = m.start("who") + (lead.end() if lead else 0), m.start("who") + said.start()
        who = text[ws:we]
        cstart, cend, cue = m.end(), block.end, (said.group(1) or said.group(2)).lower()
    elif m and m["who"].lower() not in _NOT_SOURCES and m["who"].split()[0].lower() not in _NOT_SOURCES \
            and _names_a_source(st, block, m.start("who"), m.end("who")) \
            and not (_HEAD_ATTRIBUTION.match(text, m.end(), block.end) and not _names_a_person(st, m["who"])):
        who, ws, we = m["who"], m.start("who"), m.end("who")
        cstart, cend = m.end(), block.end
        cue = ":"
    else:
        m = _HEAD_SAYS.search(text, block.start, block.end)
        if not m:
            return False
        who, ws, we = m["who"], m.start("who"), m.end("who")
        cstart, cend, cue = block.start, m.start(), m["cue"].split()[0].lower()
    ent = st.entity_named(who)
    spk = Speaker(ent, who, ws, we)
    n = len(st.claims)
    st.frame = "headline"
    content.add(st, "reported", cstart, cend, spk, cue, -1)
    return len(st.claims) > n


# A verb of saying ending the words before a headline's colon, after a subject: "Jo Hale Says:", "USA TODAY SAYS:";
# a verb of telling with its hearer ("Mayor Warns Council:", "Merkel Tells Putin:", "Pope Urges Voters:").
_SAYS_BEFORE_COLON = re.compile(r"(?<=\S)\s+(?:(Says|Said|Warns|Claims|Insists|Argues|Admits|Predicts|Suggests|Contends|Tells|Urges)"
                                r"|(Tells?|Told|Warns?|Urges?|Reminds?|Assures?)\s+[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*)?)$",
                                re.IGNORECASE)
# A question word opening the words before the colon ("What Jo Hale Says:"): no part of the speaker.
_WH_LEAD = re.compile(r"(?:What|Why|How|Where|When)\s+(?=\S)", re.IGNORECASE)
# After a colon, a title-case attribution of its own ("Match Report: Rovers Say Keeper Is Fit"): a subject of
# up to four capitalised words (no subordinator: "If Obama Says It, ..." is what the source before the colon
# says), an adverb, then a verb of saying. The words before the colon are then a kicker, unless a person.
_HEAD_ATTRIBUTION = re.compile(r"(?!(?:If|When|Why|How|What|As|Because|Unless|Whether|Before|After)\s)(?:[A-Z][\w.'’\-]*\s+){1,4}?"
                               r"(?:[A-Z][a-z]+ly\s+|(?:Just|Now|Still|Also|Again|Already|Finally)\s+)?"
                               r"(?:Says?|Said|Warns?|Claims?|Insists?|Argues|Admits?|Predicts?|Suggests?|Contends?|"
                               r"Tells?|Told|Vows?|Denies|Deny)\s+(?=\S)")


# A title-case headline that is one attribution: a subject of up to four capitalised words, a verb of saying
# in the present, then its clause ("Voters Say Economy Is Weak", "Experts Warn Rates Will Rise"); not a
# preposition's object ("Experts Warn Of Recession": the cue model reads it, the preposition no content's).
_SUBJECT_SAYS = re.compile(r"(?!(?:If|When|Why|How|What|As|Because|Unless|Whether|Before|After|Do|Does|Did)\s)"
                           r"(?P<who>(?:[A-Z][\w.'’\-]*\s+){0,3}?[A-Z][\w.'’\-]*)\s+(?P<cue>Says?|Warns?|Claims?)\s+(?=[A-Z“‘\"'])"
                           r"(?!(?:Of|About|Against|Over|On|For|With|To|From)\s)")
# The words a title-case line leaves in lower case.
_TITLE_LOWER = frozenset("a an the of to in on for and or at by with as from vs via but nor".split())


def subject_says(st: ClaimState, block: Block, start: int) -> bool:
    """The rule for a title-case headline that is one attribution (`_SUBJECT_SAYS`, every word of the clause
    capitalised but the small ones): the subject speaks the clause. A kicker before it (`start`) is left."""
    m = _SUBJECT_SAYS.match(st.text, start, block.end)
    if m is None or any(w[:1].islower() and w not in _TITLE_LOWER
                        for w in re.findall(r"[A-Za-z][\w'’\-]*", st.text[m.end():block.end])):
        return False
    who = m["who"]
    n = len(st.claims)
    st.frame = "headline"
    content.add(st, "reported", m.end(), block.end, Speaker(st.entity_named(who), who, m.start("who"), m.end("who")),
                m["cue"].lower(), -1)
    return len(st.claims) > n


def _names_a_person(st: ClaimState, who: str) -> bool:
    ent = st.entity_named(who)
    return ent is not None and st.entities[ent].kind == "person"


def _names_a_source(st: ClaimState, block: Block, ws: int, we: int) -> bool:
    """Before a headline's colon stands a kicker as often as a source ("Stealth Over Health: ...",
    "Pence: ..."): a source is someone the article names, a name by the learned tagger, or words
    with a noun of a sayer ("Poll: ...", "Springfield Mayor On Roe: ...")."""
    words = st.text[ws:we]
    if st.entity_named(words) is not None or _head_word(words) in _SAYER_HEADS:
        return True
    tagger = default_tagger()
    return tagger is not None and any(t.tag in ("PER", "ORG") and ws <= t.start < we
                                      for t in tagger.tag(st.text, block.start, block.end))


# A kicker's head noun that names a sayer: a person's or a document's ("Mayor:", "Poll:"), not a section's ("Review:").
_SAYER_HEADS = PERSON_NOUNS | (DOCUMENT_NOUNS - _NOT_SOURCES)
# A preposition ending a kicker's head noun: "Springfield Mayor On Roe" (the mayor speaks).
_KICKER_PREP = re.compile(r"\s+(?:On|About|Over|In|At|For|Of|To|From|With|After|Against|Amid)\s", re.IGNORECASE)


def _head_word(words: str) -> str:
    """The head noun of a kicker: its last word before a preposition, lowercase. A modifier names no sayer
    ("Police Shooting:", "Voter Guide:", "Premier League:", "Book Review:")."""
    return _KICKER_PREP.split(words, maxsplit=1)[0].split()[-1].lower()


def transcript(st: ClaimState, bi: int, block: Block) -> bool:
    """A transcript line, "PENCE: Well, look, ...": the whole paragraph is the speaker's."""
    m = _TRANSCRIPT.match(st.text, block.start, block.end)
    if not m or m["name"].split()[0] in ("Q", "A", "AP", "UPDATE", "NOTE", "EDITOR"):
        return False
    ent = st.entity_named(m["name"].title())
    if ent is None:  # "MIKE PENCE" for a Pence the article names otherwise: his surname
        ent = st.entity_named(m["name"].split()[-1].title())
    if ent is None and _label_count(st, m["name"]) < 2:
        return False  # "CLARIFICATION: ...": a label that names no one and opens one paragraph only
    spk = Speaker(ent, m["name"], block.start + m.start("name"), block.start + m.end("name"))
    st.frame = "transcript"
    content.add(st, "quote", m.end(), block.end, spk, ":", bi)
    return True


def _label_count(st: ClaimState, name: str) -> int:
    """How many body paragraphs open with this label (a transcript's speakers recur)."""
    if st.labels is None:
        st.labels = {}
        for b in st.doc.body:
            m = _TRANSCRIPT.match(st.text, b.start, b.end)
            if m:
                st.labels[m["name"]] = st.labels.get(m["name"], 0) + 1
    return st.labels.get(name, 0)


def signature_line(st: ClaimState, bi: int, block: Block) -> bool:
    """A paragraph that only signs the quotation above it ("“...”" then "- Jane Doe."): the quotation,
    when no claim holds it, is the signer's, a person the article names."""
    text = st.text
    # The dash opens the line; the seed format reads "- Jane Doe." as a bullet and leaves it out.
    start = block.start
    if block.kind == "bullet":
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        start -= 1
    m = _SIGNATURE_LINE.fullmatch(text, start, st.rstrip_end(block.start, block.end))
    if not m or bi == 0:
        return False
    above = st.doc.body[bi - 1]
    end = st.rstrip_end(above.start, above.end)
    if text[above.start] not in QUOTE_CHARS or text[end - 1] not in QUOTE_CHARS:
        return False
    if st.cover.max_in(above.start, above.end) >= 0 or st.ends.max_in(above.start, above.end) >= 0:
        return False  # already someone's words
    name = m["name"].rstrip(".")
    ent = st.entity_named(name)
    if ent is None or st.entities[ent].kind != "person":
        return False
    ws = m.start("name")
    st.frame = "signature"
    n = len(st.claims)
    content.add(st, "quote", above.start, end, Speaker(ent, name, ws, ws + len(name)), "-", bi)
    return len(st.claims) > n


def signed_post(st: ClaimState, bi: int, block: Block) -> bool:
    """An embedded post signed "— Name (@handle) Date" at the end of its block (or alone under it):
    the words above the signature are the signer's (from its first link on, and a trailing line of
    capitals a scraper kept, left out)."""
    text = st.text
    m = _SIGNED.search(text, max(block.start, block.end - 160), block.end)
    if not m:
        return False
    start, end = block.start, m.start()
    if not text[start:end].strip() and bi > 0:  # the signature alone: the post is the block above
        above = st.doc.body[bi - 1]
        if st.cover.max_in(above.start, above.end) >= 0 or st.ends.max_in(above.start, above.end) >= 0:
            return False  # already someone's words
        start, end = above.start, above.end
    tag = _MARKUP_AT_START.match(text, start, end)  # '<tweet id="..." author="@x">' kept by a scraper
    if tag:
        start = tag.end()
    links = _LINK.search(text, start, end)  # a post's links close it: what follows is the page's
    if links:
        end = links.start()
    shout = _SHOUTED_END.search(text, max(start, end - 80), end)  # "... up! SIGN UP FOR OUR NEWSLETTER"
    if shout:
        end = shout.start()
    end = st.rstrip_end(start, end)
    name = m["name"].strip()
    ws = m.start("name") + (len(m["name"]) - len(m["name"].lstrip()))
    ent = st.entity_named(name)
    if ent is not None and st.entities[ent].kind == "organisation":
        spk = Speaker(None, name, ws, ws + len(name), org=ent)
    else:
        spk = Speaker(ent, name, ws, ws + len(name))
    st.frame = "signed_post"
    n = len(st.claims)
    content.add(st, "quote", start, end, spk, "—", bi)
    return len(st.claims) > n
