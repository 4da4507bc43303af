"""The learned source resolver: for each cued claim, rank the people and organisations that could be
its source — every entity named in the cue's sentence and the two before it, the rules' choice and
the previous claim's speaker — with a conditional logit over features of the candidate's nearest
mention: side of and distance from the cue, a hearer marker ("told X") and an agent marker ("by X"),
a preposition before it, inside an apposition or past a clause break, subject position, mention kind
(full name, one word; the name tagger's PER/ORG/LOC tag and whether it disagrees with the entity's
kind), gender and number agreement with the rules' pronoun, salience and recency, the paragraph (named in
the cue's, its first person, how often it and the one before name the candidate), the person of a
surname named last in full, inside quotation marks or the claim's own content. Each feature is also
weighed apart for the rules' own candidate, for claims whose rules' source is a pronoun or only
words, and for learned cues. The model overrides the rules only when another candidate outscores
theirs.

Weights: ``source_model.json`` beside this file (``python -m articles.extraction.claims.resolver_train``);
it records a fingerprint of the features it was trained with, and a test fails when it is stale.
Prediction is numpy only.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..lexicon import CAP_STOPWORDS, DAY_NAMES, PRONOUNS, SOURCE_NOUNS
from ..types import Claim, Entity, Mention, Speaker
from . import adjuncts, bylines, possessed, source_words
from .sources import _CLAUSE_OPENERS, _CLAUSE_WORDS, _LY_NOT_ADVERB, _NOT_A_SOURCE, _VERBAL, GAP_WORDS

MODEL_PATH = Path(__file__).with_name("source_model.json")

# "told X", "X was told", "in an interview with X", "asked by X": X heard the words.
_HEARER_BEFORE = re.compile(r"(?:\b(?:told|tells|telling|tell|asked|informed|to|with|for)\s+(?:the\s+)?|"
                            r"\binterview\s+with\s+(?:the\s+)?)$", re.IGNORECASE)
# "told a TV network", "told CNN's Chris Cuomo", "in an interview with Fox News's host": the hearer.
_HEARER_POSSESSOR = re.compile(r"\b(?:told|tells|telling|tell|asked|interview\s+with)\s+(?:the\s+|a\s+|an\s+)?"
                               r"(?:[\w.&-]+\s+){0,3}[\w.&-]+['’]s\s+(?:[a-z]+\s+){0,2}$|"
                               r"\b(?:told|tells|telling|asked)\s+(?:a|an|his|her|their)\s+$", re.IGNORECASE)
_HEARER_AFTER = re.compile(r"^\s*(?:was|were|has\s+been|had\s+been)\s+told\b")
_POSSESSIVE = re.compile(r"^['’]s\b")
# An apposition's opening after a name: ", Mr Putin's official spokesman,"; its first capitalised word.
_APPOSITION = re.compile(r",\s+(?=(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]*['’]s\s)")

FEATURES = ("bias", "rule", "rule_none", "person", "org", "same_sentence", "before_cue", "after_cue",
            "adjacent_before", "adjacent_after", "log_distance", "hearer", "in_quotes", "in_content",
            "previous_speaker", "log_salience", "possessive", "sentence_start", "pronoun_agrees",
            "pronoun_disagrees", "previous_sentence", "rule_is_org_person_near", "model_cue", "model_cue_rule",
            # issue #22: the mention's clause, kind, agreement, recency and the name tagger's tag
            "after_preposition", "by_agent", "between_commas", "clause_break", "rule_pronoun", "rule_words",
            "plural_agrees", "it_agrees", "recency_rank0", "recency_rank1", "surname_recent", "full_name",
            "one_word", "tag_per", "tag_org", "tag_loc", "tag_disagrees", "subject", "salience_top",
            "name_in_rule_words",
            # the subject of the cue's or the previous sentence; who spoke a claim cued in this or the
            # previous sentence ("Levine said. '...,' he said"); a hearer after "told CNN's"
            "subject_this_sentence", "subject_previous_sentence", "spoke_near", "spoke_last",
            # what the rules' words look like when they named no entity: "forcefully", "WASHINGTON",
            # "She regularly", "The trip" are no source; "a senior official", "sources" are
            "words_lower", "words_determiner", "words_caps", "words_one_capitalised", "words_pronoun_lead",
            "words_log_length",
            # the noun phrase right before the cue when it names no entity ("public records show",
            # "61 percent said", "rivals see"): a candidate of its own, by its head word's shape
            "phrase", "phrase_source_noun", "phrase_plural", "phrase_holds_name", "phrase_capitalised_head",
            "phrase_number",
            # what the words' last word and verbs say: a noun phrase ends in a noun ("the officials"),
            # not in a function word, an adverb or a participle, holds no auxiliary, names no day
            "words_head_function", "words_head_adverb", "words_ing", "words_verbal", "words_day",
            "words_source_noun", "words_sentence_opener", "words_quote_mark",
            # the paragraph (the article's block): the candidate named in the cue's paragraph, the
            # first person it (else the one before) names, how often the two name the candidate
            "same_paragraph", "paragraph_first", "log_paragraph_count")
# A preposition before the mention ("the head of X", "a letter to X"): X is no subject.
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|for|at|from|in|on|about|against|under|over|with|without|to|into|than|"
                                 r"like|between|among|behind|after|before|toward|towards|by)\s+(?:the\s+|a\s+|an\s+)?$",
                                 re.IGNORECASE)
_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)  # "was told by X": the agent
# What may stand before a clause's subject: the sentence start, a conjunction, a comma.
_SUBJECT_BEFORE = re.compile(r"(?:^|[.;:!?“\"]\s*|\b(?:and|but|that|because|while|as|when|if|so)\s+|,\s+)"
                             r"(?:(?:former|then|now|the|a|an)\s+)?$")
_PLURAL_PRONOUNS = ("they", "them", "their")
_AGREEMENT = {"he": lambda ent: ent.kind == "person" and ent.gender != "f",
              "she": lambda ent: ent.kind == "person" and ent.gender != "m",
              "they": lambda ent: ent.kind == "organisation", "it": lambda ent: ent.kind == "organisation"}
_TAGS = {"PER": "tag_per", "ORG": "tag_org", "LOC": "tag_loc"}
_CLAUSE_BREAK = re.compile(r"[;:]|\b(?:that|because|while|when|if|after|before)\b")
# What may stand between a sentence's start and its subject: conjunctions, sentence adverbs, and the
# capitalised words of a title or place ("But Ohio Gov. John Kasich", "Former Sen. Jim Webb").
_SUBJECT_LEAD = re.compile(r"^[\W_]*(?:(?:but|and|so|then|still|yet|also|now|however|meanwhile|later|former|the|"
                           r"[A-Z][\w.’'-]*)[ ,]+)*$")


def fingerprint() -> str:
    """What the weights depend on: the feature names and this module's feature code."""
    src = Path(__file__).read_text(encoding="utf-8")
    body = src[src.index("FEATURES = ("):src.rindex("# -- end" + " of features")]
    return hashlib.sha256(body.encode()).hexdigest()[:16]


class Candidates:
    """The candidates of every cued claim of one article, with their feature rows."""

    def __init__(self, text: str, sentences: list[tuple[int, int]], entities: list[Entity],
                 mentions: list[Mention], quoted: list[tuple[int, int]], tags: dict[int, str] | None = None):
        self.text = text
        self.sent_starts = [s for s, _ in sentences]
        self.sentences = sentences
        self.entities = entities
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.entity_starts: dict[int, list[int]] = {}
        for m in self.mentions:
            self.entity_starts.setdefault(m.entity, []).append(m.start)
        self.quoted = sorted(quoted)
        self.quoted_starts = [s for s, _ in self.quoted]
        self.tags = tags or {}  # the name tagger's tag per token start ("PER", "ORG", "LOC", "O")
        self.breaks = [m.start() for m in re.finditer(r"\n+", text)]
        # Each paragraph's first person named, found once: a per-claim scan of the paragraph's
        # mentions is quadratic in an article written as one long paragraph.
        self.paragraph_first: dict[int, tuple[int, int]] = {}
        for m in self.mentions:
            if entities[m.entity].kind == "person":
                self.paragraph_first.setdefault(bisect_left(self.breaks, m.start), (m.start, m.entity))
        # Each sentence's subject: the entity of its first mention when only conjunctions and the
        # capitalised words of a title stand before it (outside quotations).
        self.subjects: dict[int, int] = {}
        for m in self.mentions:
            si = self._sentence(m.start)
            s0 = sentences[si][0] if sentences else 0
            if si not in self.subjects and not self._in_quotes(m.start):
                self.subjects[si] = m.entity if _SUBJECT_LEAD.match(text[s0:m.start]) else -1
        # People's full names (two words or more) by their last word, in order: "Clinton" -> the
        # mentions of "Bill Clinton" and "Hillary Clinton", for the one written last.
        self.full_by_surname: dict[str, list[tuple[int, int]]] = {}
        for m in self.mentions:
            words = m.text.split()
            if len(words) >= 2 and entities[m.entity].kind == "person":
                self.full_by_surname.setdefault(words[-1].lower(), []).append((m.start, m.entity))

    def _count(self, e: int, before: int) -> int:
        """How often entity e is named before offset ``before`` (its salience)."""
        return bisect_right(self.entity_starts.get(e, ()), before)

    def _sentence(self, pos: int) -> int:
        return max(0, bisect_right(self.sent_starts, pos) - 1)

    def _in_quotes(self, pos: int) -> bool:
        i = bisect_right(self.quoted_starts, pos) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def _paragraph_people(self, pos: int, par: int) -> tuple[int | None, int]:
        """The first person named in the paragraph of ``pos`` before it (else in the paragraph
        before), and where the paragraph before begins (counts of mentions are taken from there)."""
        lo = self.breaks[par - 2] if par >= 2 else 0
        here = self.paragraph_first.get(par)
        if here is not None and here[0] < pos:
            return here[1], lo
        before = self.paragraph_first.get(par - 1) if par >= 1 else None
        return (before[1] if before is not None else None), lo

    def _count_between(self, e: int, lo: int, hi: int) -> int:
        """How often entity e is named in [lo, hi)."""
        starts = self.entity_starts.get(e, [])
        return bisect_left(starts, hi) - bisect_left(starts, lo)

    def recent_full(self, surname: str, before: int) -> int | None:
        """The person whose full name ending in ``surname`` was written last before ``before``."""
        full = self.full_by_surname.get(surname.lower())
        if not full:
            return None
        i = bisect_left(full, (before, -1)) - 1
        return full[i][1] if i >= 0 else None

    def for_claim(self, claim: Claim, previous: int | None,
                  spoke: dict[int, int] | None = None) -> tuple[list[int], np.ndarray]:
        """Entity indexes and one feature row each (the rules' choice and the previous speaker
        always among them). ``spoke``: the rules' speakers of the claims before, each with the offset
        of its latest cue."""
        cue = claim.cue_start
        si = self._sentence(cue)
        lo = self.sentences[max(0, si - 2)][0]
        hi = self.sentences[si][1]
        rule = claim.speaker
        near, cands = self._gather(claim, previous, lo, hi)
        # Recency: the people named before the cue (outside quotations), the latest first.
        latest: list[int] = []
        for m in reversed(self.mentions[bisect_left(self.starts, lo):bisect_left(self.starts, cue)]):
            if self.entities[m.entity].kind == "person" and m.entity not in latest and not self._in_quotes(m.start):
                latest.append(m.entity)
        counts = {e: self._count(e, hi) for e in cands if e is not None}
        top = max(counts.values(), default=0)
        src, surname = claim.source, None
        if rule is not None and src is not None and len(src.text.split()) == 1 and src.text[:1].isupper():
            surname = self.recent_full(src.text, cue)  # "Clinton said": the Clinton named last in full
        spoke = spoke or {}
        last = max(spoke, key=spoke.get) if spoke else None
        near_spoke = {e for e, at in spoke.items() if self._sentence(at) >= si - 1}
        par = bisect_left(self.breaks, cue)
        first, par_lo = self._paragraph_people(cue, par)
        ctx = (latest, top, surname, near_spoke, last, par, first, par_lo)
        rows = [self._features(claim, e, near.get(e), rule, previous, counts[e], si, ctx) for e in cands]
        if rule is None:  # the rules' words ("the official", "sources"): a candidate of their own
            words = dict.fromkeys(FEATURES, 0.0)
            words.update(bias=1.0, rule=1.0, rule_none=1.0, model_cue=float(claim.origin == "model"),
                         rule_words=1.0, rule_pronoun=float(claim.speaker_text.lower() in PRONOUNS))
            words.update(_words_features(claim.speaker_text))
            cands.append(None)
            rows.append([words[k] for k in FEATURES])
        phrase = self.subject_phrase(claim, si)
        if phrase is not None:
            cands.append(phrase)
            rows.append(self._phrase_features(claim, phrase))
        return cands, np.array(rows, dtype=float).reshape(len(cands), len(FEATURES))

    def subject_phrase(self, claim: Claim, si: int) -> tuple[int, int] | None:
        """The noun phrase right before the cue, when no name ends it and it differs from the rules'
        words: from the cue back over gap words ("has also"), then back to a clause's edge (a
        punctuation mark, a conjunction, "that", eight words), kept when it opens with no
        preposition and its last word is neither a function word nor an adverb."""
        text, cue = self.text, claim.cue_start
        lo = max(self.sentences[si][0], cue - 160)
        toks = [(m.start(), m.end(), m.group()) for m in _PHRASE_TOKEN.finditer(text, lo, cue)]
        while toks and _gap_word(toks[-1][2]):
            toks.pop()
        words: list[tuple[int, int, str]] = []
        while toks and len(words) < 8:
            w = toks[-1][2]
            if not (w[0].isalnum() or w[0] == "$") or w.lower() in _PHRASE_EDGE:
                break
            words.append(toks.pop())
        if not words:
            return None
        words.reverse()
        head, first = words[-1][2], words[0][2].lower()
        low = head.lower()
        if first in _NOT_A_SOURCE or low in _PHRASE_NOT_HEAD or low in PRONOUNS or first in PRONOUNS \
                or (low.endswith("ly") and low not in _LY_NOT_ADVERB) or head[-1:] in ("’", "'"):
            return None
        start, end = words[0][0], words[-1][1]
        i = bisect_left(self.starts, start)
        for m in self.mentions[i:bisect_left(self.starts, end)]:
            if m.end == end or (self.entities[m.entity].kind == "person"
                                and _PERSON_HEADS.match(self.text, m.end, end)):
                return None  # a name ends it or heads it ("Mr. Morgan of the club"): a candidate already
        src = claim.source
        if src is not None and src.start <= start and end <= src.end:
            return None  # the rules' own words (resolved or not): "The agency" tied to the agency
        if claim.start <= start < claim.end:
            return None
        return (start, end)

    def _phrase_features(self, claim: Claim, phrase: tuple[int, int]) -> list[float]:
        start, end = phrase
        words = self.text[start:end]
        head = words.split()[-1]
        low = head.lower()
        f = dict.fromkeys(FEATURES, 0.0)
        f.update(bias=1.0, phrase=1.0, same_sentence=1.0, before_cue=1.0, rule_none=float(claim.speaker is None),
                 model_cue=float(claim.origin == "model"), rule_words=float(claim.speaker is None),
                 rule_pronoun=float(claim.speaker_text.lower() in PRONOUNS),
                 adjacent_before=float(not self.text[end:claim.cue_start].strip(" ,")),
                 log_distance=math.log1p(abs(start - claim.cue_start) / 6))
        f.update(_words_features(words))
        f["phrase_source_noun"] = float(low in SOURCE_NOUNS)
        f["phrase_plural"] = float(low.endswith("s") and not low.endswith("ss") and head[:1].islower())
        i = bisect_left(self.starts, start)
        f["phrase_holds_name"] = float(any(m.start < end for m in self.mentions[i:i + 1]))
        f["phrase_capitalised_head"] = float(head[:1].isupper())
        f["phrase_number"] = float(any(ch.isdigit() for ch in words) or low in ("percent", "%"))
        return [f[k] for k in FEATURES]

    def _gather(self, claim: Claim, previous: int | None, lo: int, hi: int) -> tuple[dict[int, Mention], list]:
        """Each entity named in [lo, hi) outside the claim's own words with its mention nearest the
        cue, and the candidates: those, the rules' choice and the previous speaker, less the ones
        a pronoun source disagrees with."""
        cue, rule = claim.cue_start, claim.speaker
        near: dict[int, Mention] = {}
        for m in self.mentions[bisect_left(self.starts, lo):bisect_right(self.starts, hi)]:
            if claim.start <= m.start < claim.end:
                continue  # a name inside the claim's own words is what is spoken of, not who speaks
            best = near.get(m.entity)
            if best is None or abs(m.start - cue) < abs(best.start - cue):
                near[m.entity] = m
        cands: list[int | None] = list(near)
        for extra in (rule, previous):
            if extra is not None and extra not in near:
                cands.append(extra)
        owners = self._possessors(claim)
        if owners:  # "Tom Reyes's chief of staff said": the phrase speaks, not its possessor
            cands = [e for e in cands if e not in owners]
        pron = claim.speaker_text.lower()
        if pron in _AGREEMENT:  # a pronoun's source agrees with it in number and gender
            cands = [e for e in cands if e == rule or _AGREEMENT[pron](self.entities[e])]
        return near, cands

    def _possessors(self, claim: Claim) -> set[int]:
        """The people the rules' words name as a possessor ("Tom Reyes's chief of staff", "her
        lawyer" aside): when the rules kept such words, what they own speaks, not them."""
        src = claim.source
        if src is None or src.end <= src.start:
            return set()
        if claim.speaker is not None:
            return self._apposition_owners(claim)
        owners = set()
        for m in self.mentions[bisect_left(self.starts, src.start):bisect_left(self.starts, src.end)]:
            if m.end < src.end and self.entities[m.entity].kind == "person" \
                    and possessed.phrase_end(self.text, m.end, src.end, frozenset(), frozenset()) is not None:
                owners.add(m.entity)
        return owners

    def _apposition_owners(self, claim: Claim) -> set[int]:
        """The people named as the possessor in the apposition of the rules' person ("Jo Sharp, Tom
        Reyes's spokeswoman, said"): the person the apposition describes speaks, not the one it names."""
        src = claim.source
        m = _APPOSITION.match(self.text, src.end)
        if m is None or self.entities[claim.speaker].kind != "person":
            return set()
        limit = self.text.find(",", m.end(), m.end() + 120)
        if limit < 0:
            return set()
        owners = set()
        for men in self.mentions[bisect_left(self.starts, m.end()):bisect_left(self.starts, limit)]:
            if men.entity != claim.speaker and self.entities[men.entity].kind == "person" \
                    and possessed.phrase_end(self.text, men.end, limit, frozenset(), frozenset()) is not None:
                owners.add(men.entity)
            break  # only the apposition's first name: "Jo Sharp, Tom Reyes's spokeswoman,"
        return owners

    def _features(self, claim: Claim, e: int, m: Mention | None, rule: int | None, previous: int | None,
                  count: int, si: int, ctx: tuple) -> list[float]:
        ent = self.entities[e]
        latest, top, surname, near_spoke, last, par, first, par_lo = ctx
        par_count = self._count_between(e, par_lo, claim.cue_start)
        f_par = {"same_paragraph": float(m is not None and bisect_left(self.breaks, m.start) == par),
                 "paragraph_first": float(e == first), "log_paragraph_count": math.log1p(par_count)}
        f = dict.fromkeys(FEATURES, 0.0)
        f["bias"] = 1.0
        f["rule"] = float(e == rule)
        f["rule_none"] = float(rule is None)
        f["person"] = float(ent.kind == "person")
        f["org"] = float(ent.kind == "organisation")
        f["previous_speaker"] = float(e == previous)
        f["model_cue"] = float(claim.origin == "model")
        f["model_cue_rule"] = f["model_cue"] * f["rule"]
        f["log_salience"] = math.log1p(count)
        f["salience_top"] = float(count == top and count > 0)
        pron = claim.speaker_text.lower()
        f["rule_pronoun"] = float(pron in PRONOUNS)
        f["rule_words"] = float(rule is None)
        if pron in ("he", "she"):
            agrees = ent.kind == "person" and ent.gender == PRONOUNS[pron]
            f["pronoun_agrees"] = float(agrees)
            f["pronoun_disagrees"] = float(ent.kind != "person" or (ent.gender not in ("", PRONOUNS[pron])))
        elif pron in _PLURAL_PRONOUNS:
            f["plural_agrees"] = float(ent.kind == "organisation" or " and " in ent.name)
        elif pron == "it":
            f["it_agrees"] = float(ent.kind == "organisation")
        if rule is None and claim.speaker_text:
            low = claim.speaker_text.lower()
            f["name_in_rule_words"] = float(any(w.lower() in low for w in ent.name.split() if len(w) > 2))
        f["recency_rank0"] = float(e in latest[:1])
        f["recency_rank1"] = float(e in latest[1:2])
        f["surname_recent"] = float(surname is not None and e == surname)
        f["subject_this_sentence"] = float(self.subjects.get(si) == e)
        f["subject_previous_sentence"] = float(si > 0 and self.subjects.get(si - 1) == e)
        f["spoke_near"] = float(e in near_spoke)
        f["spoke_last"] = float(e == last)
        f.update(f_par)
        if m is not None:
            self._mention(f, claim, ent, m, rule, si)
        return [f[k] for k in FEATURES]

    def _mention(self, f: dict, claim: Claim, ent: Entity, m: Mention, rule: int | None, si: int) -> None:
        """The features of the candidate's mention nearest the cue: where it stands, what it is."""
        text, cue = self.text, claim.cue_start
        msi = self._sentence(m.start)
        left = text[max(0, m.start - 25):m.start]
        f["same_sentence"] = float(msi == si)
        f["previous_sentence"] = float(msi == si - 1)
        f["before_cue"] = float(m.end <= cue)
        f["after_cue"] = float(m.start > cue)
        f["adjacent_before"] = float(m.end <= cue and not text[m.end:cue].strip(" ,"))
        cue_end = cue + len(claim.cue.split()[0]) if claim.cue else cue
        f["adjacent_after"] = float(m.start >= cue_end and not text[cue_end:m.start].strip(" ,"))
        f["log_distance"] = math.log1p(abs(m.start - cue) / 6)
        f["hearer"] = float(bool(_HEARER_BEFORE.search(left) or _HEARER_AFTER.match(text[m.end:m.end + 20])
                                 or _HEARER_POSSESSOR.search(text[max(0, m.start - 60):m.start])))
        f["after_preposition"] = float(bool(_PREPOSITION_BEFORE.search(left)))
        f["by_agent"] = float(bool(_BY_BEFORE.search(left)))
        f["in_quotes"] = float(self._in_quotes(m.start))
        f["in_content"] = float(claim.start <= m.start < claim.end)
        f["possessive"] = float(bool(_POSSESSIVE.match(text[m.end:m.end + 3])))
        s0 = self.sentences[msi][0]
        f["sentence_start"] = float(s0 >= m.start - 4)
        f["subject"] = float(bool(_SUBJECT_BEFORE.search(text[max(s0, m.start - 30):m.start])))
        f["rule_is_org_person_near"] = float(rule is not None and self.entities[rule].kind == "organisation"
                                             and ent.kind == "person" and msi == si)
        if msi == si:
            between = text[m.end:cue] if m.end <= cue else text[cue:m.start]
            # "X, who ... of Y, said": Y sits inside an apposition or relative clause
            f["between_commas"] = float(m.end <= cue and text[max(0, m.start - 2):m.start].strip() == ","
                                        and "," in between)
            f["clause_break"] = float(bool(_CLAUSE_BREAK.search(between)))
        words = m.text.split()
        f["full_name"] = float(len(words) >= 2)
        f["one_word"] = float(len(words) == 1)
        tag = self.tags.get(m.start)
        if tag in _TAGS:
            f[_TAGS[tag]] = 1.0
        f["tag_disagrees"] = float((tag == "PER" and ent.kind != "person")
                                   or (tag in ("ORG", "LOC") and ent.kind == "person"))


_DETERMINERS = ("a", "an", "the", "this", "that", "these", "those")
_PERSON_HEADS = re.compile(r"\s+(?:of|at|from|with|for)\s")
_DAYS = frozenset(d.lower() for d in DAY_NAMES)
_PHRASE_TOKEN = re.compile(r"[\w$%][\w’'\-.&$%]*|[^\w\s]")
# Where a subject phrase stops on its left: a clause opener, a relative or complementiser, a cue word.
_PHRASE_EDGE = _CLAUSE_OPENERS | frozenset("that which who whom whose where said says say told asked".split())
# Words that cannot end a noun phrase: determiners, prepositions, auxiliaries, modals, "to", "not".
_PHRASE_NOT_HEAD = (frozenset(_DETERMINERS) | _NOT_A_SOURCE | frozenset(
    "is was were are be been being do does did have has had can could will would shall should may might must "
    "to not also and or but its his her their our my your there here it".split()))


def _gap_word(word: str) -> bool:
    low = word.lower()
    return low in GAP_WORDS or (low.endswith("ly") and low not in _LY_NOT_ADVERB and word[:1].islower())


def _words_features(words: str) -> dict[str, float]:
    """The shape of the rules' words when they named no entity."""
    ws = words.split()
    if not ws:
        return {}
    first = ws[0]
    low = [w.strip(".,’'").lower() for w in ws]
    last = low[-1]
    return {"words_lower": float(first[:1].islower() and first.lower() not in _DETERMINERS),
            "words_determiner": float(first.lower() in _DETERMINERS),
            "words_caps": float(len(ws) == 1 and len(first) > 1 and first.isupper()),
            "words_one_capitalised": float(len(ws) == 1 and first[:1].isupper() and not first.isupper()
                                           and first.lower() not in PRONOUNS),
            "words_pronoun_lead": float(len(ws) > 1 and first.lower() in PRONOUNS),
            "words_log_length": math.log1p(len(ws)),
            "words_head_function": float(last in _PHRASE_NOT_HEAD or last in PRONOUNS),
            "words_head_adverb": float(last.endswith("ly") and last not in _LY_NOT_ADVERB),
            "words_ing": float(any(w.endswith("ing") and len(w) > 5 for w in low)),
            "words_verbal": float(any(w in _VERBAL or w in _CLAUSE_WORDS for w in low)),
            "words_day": float(any(w in _DAYS for w in low)),
            "words_source_noun": float(last in SOURCE_NOUNS),
            "words_sentence_opener": float(len(ws) == 1 and first.capitalize() in CAP_STOPWORDS),
            "words_quote_mark": float(any(ch in words for ch in "“”\"‘"))}


class SourceModel:
    def __init__(self, data: dict):
        self.weights = np.array(data["weights"], dtype=float)
        self.margin = float(data.get("margin", 0.0))
        self.fingerprint = data.get("fingerprint", "")
        self.adopted = bool(data.get("adopted", False))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> SourceModel | None:
        if not path.exists():
            return None
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def scores(self, rows: np.ndarray) -> np.ndarray:
        return expand(rows) @ self.weights


@lru_cache(maxsize=1)
def default_model() -> SourceModel | None:
    """The committed model, when cross-validation adopted it (it beat the rules alone)."""
    model = SourceModel.load()
    return model if model is not None and model.adopted else None


# Each feature is weighed apart for: the rules' own candidate, claims whose rules' source is a
# pronoun, claims whose rules named no entity, and claims of a learned cue (what counts differs).
CROSSES = ("rule", "rule_pronoun", "rule_words", "model_cue")


def expand(rows: np.ndarray) -> np.ndarray:
    """The features, then each of them again times each of :data:`CROSSES`."""
    return np.hstack([rows] + [rows * rows[:, FEATURES.index(c):FEATURES.index(c) + 1] for c in CROSSES])


# -- end of features (the fingerprint covers the code above, from FEATURES)
def choose(model: SourceModel, cands: list[int | None], rows: np.ndarray, rule: int | None) -> int | None:
    """The candidate the model ranks first, when it beats the rules' choice by the margin; else the rule."""
    if rule not in cands:
        return rule
    s = model.scores(rows)
    best = int(np.argmax(s))
    ri = cands.index(rule)
    return cands[best] if best != ri and s[best] - s[ri] > model.margin else rule


def candidates_for(doc, entities: list[Entity], mentions: list[Mention],
                   tags: dict[int, str] | None = None) -> Candidates:
    """The candidates of an article read as a :class:`Document` (``tags``: the name tagger's tag
    per token start, as the entity finder read them)."""
    sentences = [(s.start, s.end) for sents in doc.sentences for s in sents]
    quoted = [(q.start, q.end) for qs in doc.quotes for q in qs]
    spans = bylines.byline_spans(doc.text)  # a writer's name in a byline is no candidate's mention
    if spans:
        mentions = [m for m in mentions
                    if entities[m.entity].kind != "person" or not bylines.in_byline(spans, m.start)]
    return Candidates(doc.text, sentences, entities, mentions, quoted, tags)


def rerank(model: SourceModel, cands_of: Candidates, claims: list[Claim], mentions: list[Mention]) -> int:
    """Re-choose the source of each cued claim (speaker already resolved by the rules); returns how
    many changed. A changed claim names the candidate by its nearest mention's words."""
    changed = 0
    previous: int | None = None
    spoke: dict[int, int] = {}
    by_entity: dict[int, list[Mention]] = {}
    for m in mentions:
        by_entity.setdefault(m.entity, []).append(m)
    moved: tuple[int, int] | None = None  # the last cued claim's (rules' speaker, new speaker)
    for c in sorted(claims, key=lambda c: c.start):
        rule_speaker = c.speaker
        if c.cue_start is None and c.frame == "continuation" and moved is not None and c.speaker == moved[0]:
            # a quotation continuing a cued one speaks with its voice: it follows the resolver's choice
            _name(c, moved[1], cands_of, by_entity, c.start)
            changed += 1
        if c.cue_start is not None:
            moved = None
            cands, rows = cands_of.for_claim(c, previous, spoke)
            pick = choose(model, cands, rows, c.speaker)
            if isinstance(pick, tuple) and (_has_phrase(cands_of.text[pick[0]:pick[1]])
                                            or _verb_phrase(cands_of.text[pick[0]:pick[1]].split())
                                            or adjuncts.preposition_led(cands_of.text[pick[0]:pick[1]])):
                pick = c.speaker
            if pick != c.speaker and pick is not None:
                if rule_speaker is not None:
                    moved = (rule_speaker, pick)
                _name(c, pick, cands_of, by_entity, c.cue_start)
                changed += 1
        if rule_speaker is not None:
            previous = rule_speaker  # as in training: the rules' previous speaker
            if c.cue_start is not None:
                spoke[rule_speaker] = c.cue_start
    return changed


def _has_phrase(words: str) -> bool:
    """Words that end in a possessive or in adverbs after one ("Jo Sharp's", "Jo Sharp's always" before
    "said"): the "'s" is "has" or "is", and the words are no noun phrase (the name is a candidate)."""
    toks = words.split()
    owned = [k for k, w in enumerate(toks) if w.endswith(("'s", "’s"))]
    return bool(owned) and possessed.has_only(" ".join(toks[owned[-1] + 1:]).lower(), GAP_WORDS)


def _verb_phrase(words: list[str]) -> bool:
    """Words that are a verb phrase, not a subject: they hold an auxiliary or a modal, also negated
    ("have both" urged, "doesn't" mince, "is letting them" know, "could be heard calling"), or are a lone
    adverb of time ("now" sentenced)."""
    low = [w.lower() for w in words]
    return any(w in _VERBAL or w in _CLAUSE_WORDS or w.endswith(("n't", "n’t")) for w in low) \
        or (len(low) == 1 and low[0] in _LONE_ADVERBS)


_LONE_ADVERBS = frozenset("now then soon later again too".split())


def _name(c: Claim, pick: int | tuple[int, int], cands_of: Candidates, by_entity: dict[int, list[Mention]],
          at: int) -> None:
    """Make entity ``pick`` the claim's source, named by its mention nearest ``at``; a phrase
    (start, end) is the source by its words."""
    if isinstance(pick, tuple):
        words, start = source_words.phrase_words(cands_of.text[pick[0]:pick[1]], pick[0],
                                                 source_words.title_case(cands_of.text, pick[1]))
        end = start + len(words)
        c.source = Speaker(None, words, start, end)
        c.speaker, c.speaker_text = None, words
        return
    ms = by_entity.get(pick) or []
    m = min(ms, key=lambda m: abs(m.start - at), default=None)
    words = m.text if m is not None else cands_of.entities[pick].name
    start, end = (m.start, m.end) if m is not None else (at, at)
    person = cands_of.entities[pick].kind == "person"
    c.source = Speaker(pick if person else None, words, start, end, org=None if person else pick)
    c.speaker, c.speaker_text = pick, words
