"""Stage 4, discourse: what one claim tells about the next. Pronouns resolve to the person or
organisation they continue; quotations no cue claims continue the last speaker's; a cued quotation
and the quotations that continue it in one paragraph become one claim.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..entities.words import ROLE_NOUNS, _norm
from ..lexicon import FEMALE_NAMES, HONORIFICS, MALE_NAMES, PLACES, PRONOUNS, SOURCE_NOUNS
from ..text import QUOTE_CHARS, Quote, Sentence
from ..types import Block, Claim, Entity, Mention, Speaker
from . import antecedent, content, named_after, sources
from .state import ClaimState, _start

PRONOUN_LOOKBACK = 40  # person mentions a pronoun's antecedent is looked for among


def resolve_pronoun(st: ClaimState, pron: str, pos: int, sent: Sentence) -> Speaker:
    """The person or organisation a pronoun source names: the rules' choice below, which the learned
    antecedent ranker (antecedent.py) overrides for "he" and "she", and for "it" and "they" (an
    organisation), when it is surer by its margin."""
    spk = _rule_pronoun(st, pron, pos, sent)
    model = st.antecedent_model
    if model is not None and model.org_adopted and pron in antecedent.IMPERSONAL_SUBJECTS and spk.entity is None:
        org = antecedent.resolve_org(st, model, pron, pos, spk.org)
        return spk if org == spk.org else Speaker(None, st.text[pos:pos + len(pron)], pos, pos + len(pron), org=org)
    if model is None or not model.adopted or pron not in antecedent.SUBJECT_PRONOUNS:
        return spk
    pick = antecedent.resolve(st, model, pron, pos, spk.entity)
    return spk if pick == spk.entity else Speaker(pick, spk.text, spk.start, spk.end)


def _rule_pronoun(st: ClaimState, pron: str, pos: int, sent: Sentence) -> Speaker:
    gender = PRONOUNS.get(pron, "")
    span = (pos, pos + len(pron))
    surface = st.text[span[0]:span[1]]
    if pron in ("it", "they"):
        return _impersonal(st, pron, surface, span)

    def compatible(i: int) -> bool:
        ent = st.entities[i]
        return ent.kind == "person" and (not gender or not ent.gender or ent.gender == gender)

    # The candidates, latest first: people of the pronoun's gender outside quotations (a list made
    # once per gender), and outside the claims' contents so far. Only the first ones are looked at.
    starts, people = st.static_mentions(gender or "any")
    # At most PRONOUN_LOOKBACK mentions back: when every one of them lies inside claims' contents (a
    # run-on of claims naming one person), a scan to the article's start would make extraction quadratic.
    last = bisect_left(starts, pos) - 1
    cands = (people[j] for j in range(last, max(-1, last - PRONOUN_LOOKBACK), -1) if not st.in_content(people[j].start))
    latest = next(cands, None)
    if latest is None:
        if st.last_person is not None and compatible(st.last_person.entity):
            return Speaker(st.last_person.entity, surface, *span)
        return Speaker(None, surface, *span)
    # A person earlier in the same sentence: "Trump said he ...". The sentence's subject rather than
    # a person inside its apposition or a phrase of it ("Gray, who served under Mr. Bush's father,
    # George Bush, recalled the code: '...,' he said": Gray).
    if latest.start >= sent.start:
        return Speaker(_sentence_subject_over(st, latest, cands, sent), surface, *span)
    # Otherwise the latest of: the last claim's speaker, and the subject of a recent sentence.
    subject = latest if st.is_subject(latest) else next((men for men in cands if st.is_subject(men)), None)
    last = st.last_person if (st.last_person is not None and compatible(st.last_person.entity)) else None
    if subject is not None and (last is None or subject.start > st.last_claim_start):
        return Speaker(subject.entity, surface, *span)
    if last is not None:
        return Speaker(last.entity, surface, *span)
    return Speaker(latest.entity, surface, *span)


# A plural noun phrase opening a sentence: "Dozens of nurses at Mercy Hospital", "The unions and the
# employers", "Several Republican senators" (its head ends in -s, or two phrases joined by "and").
_PLURAL_SUBJECT = re.compile(r"((?:[Tt]he\s+|[Ss]ome\s+|[Mm]any\s+|[Ss]everal\s+|[Dd]ozens\s+of\s+|[Hh]undreds\s+of\s+|"
                             r"[Tt]housands\s+of\s+|[Mm]ost\s+|[Bb]oth\s+|[Tt]wo\s+|[Tt]hree\s+|\d+\s+)?"
                             r"(?:[\w’'\-]+\s+){0,3}?[a-z][a-z\-]*[a-rt-z]s"
                             r"(?:\s+(?:and|of|at|from|in)\s+(?:the\s+)?(?:[\w’'\-]+\s+){0,3}?[\w’'\-]+)?)"
                             r"(?=\s+(?:have|has|had|were|are|met|said|say|walked|gathered|voted|signed|wrote|"
                             r"called|urged|told|asked|\w+ed)\b)")


# "It seems", "It was said", "It took him a day", "It is this vision that ...": "it" names nothing.
_EXPLETIVE_IT = re.compile(r"\s+(?:(?:also|now|still|then|only|even)\s+)?(?:seems?|seemed|appears?|appeared|took|takes|"
                           r"turns?\s+out|turned\s+out|(?:is|was|has\s+been|had\s+been)\s+(?:said|reported|revealed|"
                           r"believed|thought|claimed|alleged|not|this|that|clear|unclear|likely|unlikely|true|possible|"
                           r"hard|easy|time|unfair|fair)|(?:is|was)n[’']t|[’']s\s+(?:not|this|that|clear|unclear|time|true))\b",
                           re.IGNORECASE)
RECENT_SENTENCES = 6  # "it" and "they" take an organisation named in the sentence or the five before


def _impersonal(st: ClaimState, pron: str, surface: str, span: tuple[int, int]) -> Speaker:
    """"It said" is an organisation named in the sentence or the five before (the last claim's, else
    the latest named there); "they" an organisation or the group just named; an expletive "it"
    ("It seems", "It was said") names nothing."""
    if pron == "it" and _EXPLETIVE_IT.match(st.text, span[1]):
        return Speaker(None, surface, *span)
    k = bisect_right(st.sentence_list, span[0]) - 1
    recent = st.sentence_list[max(0, k - RECENT_SENTENCES + 1)] if k >= 0 else 0
    if st.last is not None and st.last.org is not None and st.last.entity is None and st.last.start >= recent:
        return Speaker(None, surface, *span, org=st.last.org)
    # The latest organisation mention before, outside quotations ("it" takes it; "they" a group
    # the sentence or the one before names, see plural_group).
    orgs = st.static_mentions("org")
    i = bisect_left(orgs[0], span[0]) - 1
    if i >= 0 and pron == "it" and orgs[0][i] >= recent:
        return Speaker(None, surface, *span, org=orgs[1][i].entity)
    if pron == "they":
        return plural_group(st, surface, span, orgs)
    return Speaker(None, surface, *span)


def plural_group(st: ClaimState, surface: str, span: tuple[int, int], orgs: tuple[list[int], list]) -> Speaker:
    """"They" continues the group the sentence or the one before names: the organisation inside its
    opening plural noun phrase ("Nurses at Mercy Hospital walked off. They said ..."), else the
    latest organisation named there outside quotations and contents ("The National Farmers Union
    met on Friday. They said ..."); else, when that phrase names a group no record holds, the
    group's words ("Dozens of nurses"); else it stays unresolved (the words are the pronoun's)."""
    pos = span[0]
    k = bisect_right(st.sentence_list, pos) - 1
    starts = [st.sentence_list[j] for j in (k, k - 1) if 0 <= j and st.sentence_list[j] < pos]
    group = None
    for start in starts:
        m = _PLURAL_SUBJECT.match(st.text, start, pos)
        if m:
            inside = st.mentions_within(start, m.end())
            if any(st.entities[x.entity].kind == "person" for x in inside):
                # "Mr. Cruz and his aides", "Sanders supporters": people, not a body; their words.
                quoted = st.in_quote(m.start(1)) or st.in_content(m.start(1))
                return Speaker(None, surface if quoted else m.group(1), *span)
            org = next((x.entity for x in inside if st.entities[x.entity].kind == "organisation"), None)
            if org is not None:
                return Speaker(None, surface, *span, org=org)
            if group is None and not st.in_quote(m.start(1)) and not st.in_content(m.start(1)):
                group = m
    i = bisect_left(orgs[0], pos) - 1
    if i >= 0 and starts and orgs[0][i] >= starts[-1] and not st.in_content(orgs[0][i]):
        return Speaker(None, surface, *span, org=orgs[1][i].entity)
    if group is not None:
        # A group no record names ("Dozens of nurses walked off. They said ..."): the group's words,
        # at the pronoun's place (the claim's content is placed around the pronoun, as before).
        return Speaker(None, group.group(1), *span)
    return Speaker(None, surface, *span)


def _sentence_subject_over(st: ClaimState, latest: Mention, earlier, sent: Sentence) -> int:
    """The person opening the sentence when the latest one is not a clause subject (it follows a
    comma, a preposition or a possessive): else the latest."""
    lead = st.text[max(sent.start, latest.start - 30):latest.start]
    if not _NOT_A_SUBJECT.search(lead):
        return latest.entity
    for men in earlier:
        if men.start < sent.start:
            break
        if men.entity != latest.entity and _OPENS.fullmatch(st.text, sent.start, men.start):
            return men.entity
    return latest.entity


# Before a mention that is no clause subject: a comma, a preposition, a possessive ("'s father, ").
_NOT_A_SUBJECT = re.compile(r"(?:,|\b(?:of|for|under|with|by|to|from|at|about|against|than)(?:\s+the)?)\s+$")
# What may open a sentence before its subject: quotation marks, a title or two.
_OPENS = re.compile(r"[\s“\"‘'(]*(?:(?:[A-Z][a-z]*\.?|[a-z]+)\s+){0,3}")


# Between a reported claim and the quotation continuing it: the end of its sentence, at most a short
# attribution ("..., he said.").
ENDS_BEFORE_QUOTE = re.compile(r"[^“”\"]{0,40}")


def in_next_sentence(sents: list[Sentence], end: int, start: int) -> bool:
    """Whether start lies in the sentence right after the one a claim ending at end ends in: not in
    the claim's own ('..., saying, “...”' is two claims) and no sentence of the writer's between
    ('Jo Sharp said the plan was late. It was not. “We lost a year.”')."""
    j = bisect_right(sents, start, key=lambda s: s.start) - 1
    return 0 < j < len(sents) and sents[j - 1].start < end <= sents[j - 1].end


def merge_continuations(st: ClaimState, block: Block, sents: list[Sentence]):
    """A cued quotation and the quotations that continue it in the same paragraph are one
    claim: "...," she said. "..." (the attribution in between stays in the text)."""
    st.sort_claims()
    claims = st.claims
    first = bisect_left(claims, block.start, key=_start)  # the claims before stay as they are
    merged: list[Claim] = []
    for c in claims[first:]:
        st.deadline.check()
        if c.kind != "quote" or c.cue != "":
            merged.append(c)
            continue
        # The latest quote of this paragraph; claims in between must share its speaker, or be a cue
        # only the model found (inside the attribution between the two: '“...,” said X, a group
        # focused on trade. “...”' — the merged quotation holds them).
        k = len(merged) - 1
        while k >= 0 and not _quoted(merged[k]) and (same_speaker(merged[k], c) or merged[k].origin == "model"):
            k -= 1
        host = merged[k] if k >= 0 else None
        # A reported claim right before it, of the same speaker, is the host too: 'Jo Sharp said the
        # plan was late. “We lost a year.”' (the quotation goes on with what she was saying).
        # (Not a model cue's: its content and speaker are less sure, and merging them cost more than it won.)
        last = merged[-1] if merged else None
        # '“...,” Jo Sharp said, according to CNN. “...”': the reported claim of the outer source holds the
        # first quotation (and its attribution); the quotation after it continues that source.
        if host is not None and host is not last and _quoted(host) and not same_speaker(host, c) \
                and last.frame == "according_to" and last.start <= host.start and last.end >= host.end:
            host = None
        reported_host = (host is None or not _quoted(host)) and last is not None and last.kind == "reported" \
            and last.origin != "model" and same_speaker(last, c) \
            and ENDS_BEFORE_QUOTE.fullmatch(st.text, last.end, c.start) is not None \
            and in_next_sentence(sents, last.end, c.start)
        if reported_host:
            host, k = last, len(merged) - 1
        if host is not None and (_quoted(host) or reported_host) and same_speaker(host, c):
            for gone in (*merged[k + 1:], c):
                st.live_remove(gone)
            st.set_end(host, c.end)
            del merged[k + 1:]
            continue
        merged.append(c)
    del claims[first:]
    claims.extend(merged)
    st.sorted_n = len(claims)


def _quoted(c: Claim) -> bool:
    """A quotation claim: placed as one, or a model cue's content that ends with a quotation's
    closing mark ('“...,” she told CNN.': the model's cue places the same words as reported)."""
    return c.kind == "quote" or (c.origin == "model" and c.text.rstrip()[-1:] in _CLOSING)


_CLOSING = "”\"'"


def same_speaker(a: Claim, b: Claim) -> bool:
    sa, sb = a.source, b.source
    if sa is None or sb is None:
        return False
    if sa.entity is not None or sb.entity is not None:
        return sa.entity == sb.entity
    if sa.org is not None or sb.org is not None:
        return sa.org == sb.org
    return sa.text.lower() == sb.text.lower()


def continue_quotes(st: ClaimState, bi: int, block: Block, sent: Sentence, quotes: list[Quote], used: set[Quote],
                    here: Speaker | None, carried: Speaker | None) -> Speaker | None:
    """Quotations in a sentence no cue claimed continue a speaker: the sentence's own, else the
    block's latest, else a pending "He said:" or the last quotation's speaker when the quotation
    opens the paragraph right after theirs; a dash signature below it ("― Name") names its own.
    Returns the person a quotation's own attribution named ('“...?” Jo Sharp pressed.'), whom the
    block's later quotations continue."""
    named_here: Speaker | None = None
    for q in content.quotes_in(quotes, sent.start, sent.end):
        st.deadline.check()
        if q in used or not st.is_full(q) or st.is_title(q):
            continue
        cont = here or _own_subject(st, q, sent) or _colon_source(st, q, sent) or carried
        at_block_start = q.start == block.start
        if cont is None and at_block_start and bi - st.last_block <= 1:
            if st.pending_colon is not None:
                cont = st.pending_colon
            elif st.last is not None and (st.last_was_quote() or _reported_ends_paragraph(st, bi)):
                cont = st.last
        named = named_after.manner_speaker(st, q, sent)
        before_verb = named_after.named_before_verb(st, q, sent, block) if named is None else None
        if named is not None or before_verb is not None:
            cont = named_here = named or before_verb
        dash = sources.dash_speaker(st, q, block)
        if dash is not None:
            cont = dash
        if cont is not None:
            st.frame = "signature" if dash is not None else "continuation"
            used.add(q)
            content.add(st, "quote", q.start, q.end, cont, "", bi)
            st.pending_colon = None
    return named_here


def _reported_ends_paragraph(st: ClaimState, bi: int) -> bool:
    """Whether the latest claim is a reported claim of the rules' that ends the paragraph before ('Jo
    Sharp said the plan was late.'): a paragraph of a quotation alone after it goes on with her words."""
    if not st.claims or bi == 0:
        return False
    c, prev = st.claims[-1], st.doc.body[bi - 1]
    return c.kind == "reported" and c.origin != "model" and prev.start <= c.start and c.end <= prev.end \
        and ENDS_BEFORE_QUOTE.fullmatch(st.text, c.end, prev.end) is not None \
        and c.end > st.doc.sentences[bi - 1][-1].start  # in its last sentence: no sentence of the writer's after


# A sentence presenting a quotation with a colon, opened by a group of people: "Critics were blunt:",
# "Many Republicans in the House had a different view:". Its subject speaks the quotation, not the
# speaker before it (whose reported claim the quotation would otherwise continue).
_COLON_SOURCE = re.compile(r"[\s“\"]*((?:(?:[Tt]he|[Ss]ome|[Mm]any|[Mm]ost|[Oo]ther|[Ss]everal|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+)?"
                           r"(?:[\w’'\-]+\s+){0,2}?([A-Za-z]+))\s+([^.;:!?“”\"]{1,60}):\s*$")
# The group's own stance, as its predicate is a form of "be" or "have" ("were blunt", "in the House had a
# different view"), after a few words of its noun phrase; not an act on someone else's words ("Prosecutors
# read the text message aloud:", "Voters faced a choice on the ballot:").
_STANCE = re.compile(r"(?:[\w’'\-]+\s+){0,4}?(?:is|are|was|were|had|have|has|seemed|seem|seems|remained|remain)\b")


def _colon_source(st: ClaimState, q: Quote, sent: Sentence) -> Speaker | None:
    m = _COLON_SOURCE.match(st.text, sent.start, q.start) if q.start > sent.start + 1 else None
    if m is None or m.group(2).lower() not in SOURCE_NOUNS or st.in_quote(m.start(1)) \
            or not _STANCE.match(m.group(3)):
        return None
    return Speaker(None, m.group(1), m.start(1), m.end(1))


def _own_subject(st: ClaimState, q: Quote, sent: Sentence) -> Speaker | None:
    """A quotation inside a sentence that names a person as its subject ("Jane Roe joined the group,
    hammering his “unsuitability for office.”") continues that subject, not the paragraph's
    earlier speaker; a quotation opening its sentence has no subject before it."""
    if q.start <= sent.start + 1:
        return None
    spk = sources.sentence_subject(st, sent, q.start, openers=False)
    return spk if spk is not None and spk.entity is not None else None


def presenting_colon(st: ClaimState, bi: int, block: Block, sents: list[Sentence], nxt: Block | None) -> None:
    """A paragraph whose last sentence, opened by a named subject, ends with a colon, before a paragraph
    that opens with a quotation: the colon presents the subject's words ("The governor issued the
    following statement:", "Ortega told his audience, to loud applause:") even when no cue of the
    rules says so. The next paragraph's quotation continues that subject."""
    if nxt is None or not sents or st.pending_colon is not None or st.last_block == bi:
        return
    text = st.text
    end = st.rstrip_end(block.start, block.end)
    if text[end - 1:end] != ":" or text[nxt.start:nxt.start + 1] not in QUOTE_CHARS and text[nxt.start:nxt.start + 2] != "''":
        return
    spk = _colon_subject(st, sents[-1], end)
    if spk is not None and (spk.entity is not None or spk.org is not None):
        st.pending_colon = spk
        st.last_block = bi


# A few words describing a person before the name: "Republican nominee", "17-year-old", "former Gov.".
_DESCRIBED = re.compile(r"(?:[\w’'\-.]+\s+){1,4}")


def _colon_subject(st: ClaimState, sent: Sentence, end: int) -> Speaker | None:
    """The named subject of a sentence presenting a colon: the plain reading's, else past a fronted
    phrase ("In response to the attack, the governor issued the following statement:") and a few
    words describing the person before the name ("Republican nominee Jo Sharp said:")."""
    spk = sources.sentence_subject(st, sent, end, openers=False)
    if spk is not None and (spk.entity is not None or spk.org is not None):
        return spk
    spk = sources.sentence_subject(st, sent, end, openers=True, plain_first=False)
    if spk is not None and (spk.entity is not None or spk.org is not None):
        return spk
    # The subject's words: a description, then the first name after it (no clause boundary between).
    start = spk.start if spk is not None else sent.start
    i = bisect_left(st.mention_starts, start)
    if i < len(st.mentions) and st.mentions[i].end <= end:
        men = st.mentions[i]
        d = _DESCRIBED.fullmatch(st.text, start, men.start)
        if d is not None and not re.search(r"[,;:“”\"]|\b(?:that|and|or|to|of|in|on|at|with|by|for|from)\b", d.group()):
            return sources.source_or_entity(st, sent, men)
    return None


def colon_paragraph(st: ClaimState, bi: int, block: Block, colon: Speaker | None, n_before: int) -> None:
    """"Limbaugh added:" and then a paragraph without quotation marks: the paragraph is what he said
    (the model's guesses inside it are part of the quotation)."""
    if colon is not None and st.pending_colon is colon and st.text[block.start] not in QUOTE_CHARS + "'" \
            and all(c.origin == "model" for c in st.claims[n_before:]):
        for gone in st.claims[n_before:]:
            st.live_remove(gone)
        del st.claims[n_before:]
        st.frame = "colon_paragraph"
        content.add(st, "quote", block.start, block.end, colon, ":", bi)
        st.pending_colon = None


# Before a name that opens a source's words: a list number ("2\nSalma Hayek"), a live blog's clock
# time ("1:35PM Chris Christie", "35PM Ted Cruz": the hour cut off by the block) or a signature dash.
_NAME_LEAD = re.compile(r"(?:\d+[.)]?\s+|(?:\d{1,2}:)?\d{1,2}\s*[AaPp]\.?[Mm]\.?\s*|[―—–]\s*)+")
# A personal name: two or three capitalised words, an initial allowed after the first.
_TITLE = re.compile(r"([A-Za-z]+\.?)\s+")
_TITLE_WORDS = frozenset(HONORIFICS) | ROLE_NOUNS
_FROM_PLACE = re.compile(r"\s+(?:of|from)\s+[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,2}$")
_PERSONAL_NAME = re.compile(r"[A-Z][a-z’'\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z’'\-]+){1,2}")


def name_sources(text: str, claims: list[Claim], entities: list[Entity], mentions: list[Mention],
                 tags: dict[int, str]) -> int:
    """A source left as words that are a person's name is that person: a name the article
    already files under a person (in full, or a surname only one person bears) ("2\\nSalma Hayek" in a numbered list, "1:35PM Chris Christie" in a
    live blog, where the number kept the name finder from the mention), else a name that signs a
    quotation ("― Jane Roe" under a reader's words) or whose every word the name tagger tags as a
    person's, filed as a new person once per article. Words that only describe someone ("the
    Vermont senator", "Experts") stay words: the annotators name such sources by their words, and a
    record would replace them in what the API gives as the speaker. Returns how many claims it named."""
    known = _known_names(entities)
    named = 0
    for c in claims:
        spk = c.words_source(text)
        if spk is None:
            continue
        start, name = _name_in(text, spk)
        ent = known.get(name)
        if ent is None and not _PERSONAL_NAME.fullmatch(name):
            continue
        if ent is None:
            if not _person_name(name, start, tags, c.frame == "signature"):
                continue
            first = name.split()[0]
            gender = "m" if first in MALE_NAMES else "f" if first in FEMALE_NAMES else ""
            entities.append(Entity(kind="person", name=name, aliases=[name], gender=gender))
            ent = known[name] = len(entities) - 1
        mentions.append(Mention(text=name, start=start, end=start + len(name), entity=ent))
        c.source = Speaker(ent, spk.text, spk.start, spk.end)
        c.speaker = ent
        named += 1
    return named


def _known_names(entities: list[Entity]) -> dict[str, int]:
    """People by their full names, and by a surname alone where one person of the article bears it
    ("Cuban" after "Mark Cuban"; "Clinton" after Bill and Hillary Clinton names no one)."""
    known: dict[str, int] = {}
    surnames: dict[str, set[int]] = {}
    for i, ent in enumerate(entities):
        if ent.kind == "person":
            for alias in (ent.name, *ent.aliases):
                if len(alias.split()) >= 2:
                    known.setdefault(alias, i)
                    surnames.setdefault(alias.split()[-1], set()).add(i)
    for surname, people in surnames.items():
        if len(people) == 1 and surname not in known:
            known[surname] = next(iter(people))
    return known


def _name_in(text: str, spk: Speaker) -> tuple[int, str]:
    """The words of a source past a list number, a clock time or a dash and titles before, and
    where the person is from after ("Gov. Jane Roe of Ohio"): (their start, the words)."""
    lead = _NAME_LEAD.match(spk.text)
    start = spk.start + (lead.end() if lead else 0)
    end = start + len(text[start:spk.end].rstrip(" ,.;:"))
    while (title := _TITLE.match(text, start, end)) and _norm(title.group(1)) in _TITLE_WORDS:
        start = title.end()
    if (place := _FROM_PLACE.search(text, start, end)) is not None:
        end = place.start()
    return start, text[start:end]


def _person_name(name: str, start: int, tags: dict[int, str], signature: bool) -> bool:
    """Whether a name no record holds is a person's: no word of it tagged a place's or an
    organisation's, and every word tagged a person's unless it signs a quotation."""
    seen = {tags.get(start + m.start(), "O") for m in re.finditer(r"\S+", name)}
    return not (seen & {"LOC", "ORG"}) and name.lower() not in PLACES and (signature or seen == {"PER"})
