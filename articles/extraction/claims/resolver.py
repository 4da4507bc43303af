"""The learned source resolver: for each cued claim, rank the people and organisations that could be
its source — every entity named in the cue's sentence and the two before it, the rules' choice and
the previous claim's speaker — with a logistic regression over features of the candidate's nearest
mention (side of and distance from the cue, a hearer marker, kind, pronoun agreement, salience,
inside quotation marks or the claim's own content). The rules' choice is a feature: the model
overrides it only when the evidence for another candidate outweighs it.

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

from ..lexicon import PRONOUNS
from ..types import Claim, Entity, Mention, Speaker

MODEL_PATH = Path(__file__).with_name("source_model.json")

# "told X", "X was told", "in an interview with X", "asked by X": X heard the words.
_HEARER_BEFORE = re.compile(r"(?:\b(?:told|tells|telling|tell|asked|informed|to|with|for)\s+(?:the\s+)?|"
                            r"\binterview\s+with\s+(?:the\s+)?)$", re.IGNORECASE)
_HEARER_AFTER = re.compile(r"^\s*(?:was|were|has\s+been|had\s+been)\s+told\b")
_POSSESSIVE = re.compile(r"^['’]s\b")

FEATURES = ("bias", "rule", "rule_none", "person", "org", "same_sentence", "before_cue", "after_cue",
            "adjacent_before", "adjacent_after", "log_distance", "hearer", "in_quotes", "in_content",
            "previous_speaker", "log_salience", "possessive", "sentence_start", "pronoun_agrees",
            "pronoun_disagrees", "previous_sentence", "rule_is_org_person_near", "model_cue", "model_cue_rule")


def fingerprint() -> str:
    """What the weights depend on: the feature names and this module's feature code."""
    src = Path(__file__).read_text(encoding="utf-8")
    body = src[src.index("FEATURES = ("):src.index("# -- end of features")]
    return hashlib.sha256(body.encode()).hexdigest()[:16]


class Candidates:
    """The candidates of every cued claim of one article, with their feature rows."""

    def __init__(self, text: str, sentences: list[tuple[int, int]], entities: list[Entity],
                 mentions: list[Mention], quoted: list[tuple[int, int]]):
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

    def _count(self, e: int, before: int) -> int:
        """How often entity e is named before offset ``before`` (its salience)."""
        return bisect_right(self.entity_starts.get(e, ()), before)

    def _sentence(self, pos: int) -> int:
        return max(0, bisect_right(self.sent_starts, pos) - 1)

    def _in_quotes(self, pos: int) -> bool:
        i = bisect_right(self.quoted_starts, pos) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def for_claim(self, claim: Claim, previous: int | None) -> tuple[list[int], np.ndarray]:
        """Entity indexes and one feature row each (the rules' choice and the previous speaker
        always among them)."""
        cue = claim.cue_start
        si = self._sentence(cue)
        lo = self.sentences[max(0, si - 2)][0]
        hi = self.sentences[si][1]
        near: dict[int, Mention] = {}
        for m in self.mentions[bisect_left(self.starts, lo):bisect_right(self.starts, hi)]:
            best = near.get(m.entity)
            if best is None or abs(m.start - cue) < abs(best.start - cue):
                near[m.entity] = m
        rule = claim.speaker
        cands: list[int | None] = list(near)
        for extra in (rule, previous):
            if extra is not None and extra not in near:
                cands.append(extra)
        rows = [self._features(claim, e, near.get(e), rule, previous, self._count(e, hi), si) for e in cands]
        if rule is None:  # the rules' words ("the official", "sources"): a candidate of their own
            words = dict.fromkeys(FEATURES, 0.0)
            words.update(bias=1.0, rule=1.0, rule_none=1.0, model_cue=float(claim.origin == "model"))
            cands.append(None)
            rows.append([words[k] for k in FEATURES])
        return cands, np.array(rows, dtype=float).reshape(len(cands), len(FEATURES))

    def _features(self, claim: Claim, e: int, m: Mention | None, rule: int | None, previous: int | None,
                  count: int, si: int) -> list[float]:
        text, ent, cue = self.text, self.entities[e], claim.cue_start
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
        pron = claim.speaker_text.lower()
        if pron in ("he", "she"):
            agrees = ent.kind == "person" and ent.gender == PRONOUNS[pron]
            f["pronoun_agrees"] = float(agrees)
            f["pronoun_disagrees"] = float(ent.kind != "person" or (ent.gender not in ("", PRONOUNS[pron])))
        if m is not None:
            msi = self._sentence(m.start)
            f["same_sentence"] = float(msi == si)
            f["previous_sentence"] = float(msi == si - 1)
            f["before_cue"] = float(m.end <= cue)
            f["after_cue"] = float(m.start > cue)
            f["adjacent_before"] = float(m.end <= cue and not text[m.end:cue].strip(" ,"))
            cue_end = cue + len(claim.cue.split()[0]) if claim.cue else cue
            f["adjacent_after"] = float(m.start >= cue_end and not text[cue_end:m.start].strip(" ,"))
            f["log_distance"] = math.log1p(abs(m.start - cue) / 6)
            f["hearer"] = float(bool(_HEARER_BEFORE.search(text[max(0, m.start - 25):m.start])
                                     or _HEARER_AFTER.match(text[m.end:m.end + 20])))
            f["in_quotes"] = float(self._in_quotes(m.start))
            f["in_content"] = float(claim.start <= m.start < claim.end)
            f["possessive"] = float(bool(_POSSESSIVE.match(text[m.end:m.end + 3])))
            f["sentence_start"] = float(self.sentences[msi][0] >= m.start - 4)
            f["rule_is_org_person_near"] = float(rule is not None and self.entities[rule].kind == "organisation"
                                                 and ent.kind == "person" and msi == si)
        return [f[k] for k in FEATURES]
# -- end of features


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


def expand(rows: np.ndarray) -> np.ndarray:
    """The features, and each of them again for the rules' own choice (the model weighs the rules'
    candidate apart from the others)."""
    return np.hstack([rows, rows * rows[:, FEATURES.index("rule"):FEATURES.index("rule") + 1]])


def choose(model: SourceModel, cands: list[int | None], rows: np.ndarray, rule: int | None) -> int | None:
    """The candidate the model ranks first, when it beats the rules' choice by the margin; else the rule."""
    if rule not in cands:
        return rule
    s = model.scores(rows)
    best = int(np.argmax(s))
    ri = cands.index(rule)
    return cands[best] if best != ri and s[best] - s[ri] > model.margin else rule


def candidates_for(doc, entities: list[Entity], mentions: list[Mention]) -> Candidates:
    """The candidates of an article read as a :class:`Document`."""
    sentences = [(s.start, s.end) for sents in doc.sentences for s in sents]
    quoted = [(q.start, q.end) for qs in doc.quotes for q in qs]
    return Candidates(doc.text, sentences, entities, mentions, quoted)


def rerank(model: SourceModel, cands_of: Candidates, claims: list[Claim], mentions: list[Mention]) -> int:
    """Re-choose the source of each cued claim (speaker already resolved by the rules); returns how
    many changed. A changed claim names the candidate by its nearest mention's words."""
    changed = 0
    previous: int | None = None
    by_entity: dict[int, list[Mention]] = {}
    for m in mentions:
        by_entity.setdefault(m.entity, []).append(m)
    for c in sorted(claims, key=lambda c: c.start):
        rule_speaker = c.speaker
        if c.cue_start is not None:
            cands, rows = cands_of.for_claim(c, previous)
            pick = choose(model, cands, rows, c.speaker)
            if pick != c.speaker and pick is not None:
                ms = by_entity.get(pick) or []
                m = min(ms, key=lambda m: abs(m.start - c.cue_start), default=None)
                words = m.text if m is not None else cands_of.entities[pick].name
                start, end = (m.start, m.end) if m is not None else (c.cue_start, c.cue_start)
                person = cands_of.entities[pick].kind == "person"
                c.source = Speaker(pick if person else None, words, start, end, org=None if person else pick)
                c.speaker, c.speaker_text = pick, words
                changed += 1
        if rule_speaker is not None:
            previous = rule_speaker  # as in training: the rules' previous speaker
    return changed
