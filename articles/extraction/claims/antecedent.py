"""The learned pronoun antecedent ranker: which person a "he" or "she" names (and which
organisation an "it" or "they"). Trained to imitate
CoreNLP's coreference chains (whose choice is the name the PolNeAR gold gives a pronoun source), on
every third-person singular pronoun of the training articles that a chain ties to a person we find,
it ranks the people named in the pronoun's sentence and the three before it (and the last claim's
speaker) with a conditional logit over features of each one's latest mention: sentence and word
distance, recency rank, subject position, salience, who spoke the claims before, quotation marks
around the mention and the pronoun, gender agreement (the entity's and a first-name table counted
from the chains), possessive, preposition, hearer ("told X"), agent ("by X") and the name's shape.
Every feature is also weighed apart for a subject pronoun ("he", "she"), which is what a source is.

For "it" and "they" a second set of weights ranks the organisations named in the sentence and the
five before, and none of them (a thing, a group no record holds), trained on the same chains
(``Context.org_candidates``, ``choose_org``); its "none" may take the rules' organisation away.

At run time it sees only what the pipeline has (our entities and mentions, sentences, quotations,
the claims so far); it overrides the rules' choice (``discourse.resolve_pronoun``) only when its
pick outscores theirs by the margin cross-validation chose.

Weights: ``antecedent_model.json`` beside this file
(``python -m articles.extraction.claims.antecedent_train --corpus ../shared/polnear-train``); it
records a fingerprint of the feature code, and a test fails when it is stale. Prediction is pure Python.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from pathlib import Path

from ..types import Entity, Mention

MODEL_PATH = Path(__file__).with_name("antecedent_model.json")

# Third-person singular pronouns by gender ("her" is the object and the possessive).
GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
SUBJECT_PRONOUNS = ("he", "she")
SENTENCES_BACK = 3  # candidates: people named in the pronoun's sentence and the three before
MENTIONS_BACK = 60  # at most this many mentions back (bounded work per pronoun)
NAME_LEAN = 1.0  # log-odds past which a first name is taken for a man's or a woman's

FEATURES = ("same_sentence", "sentence_back1", "sentence_back2", "sentence_back3", "log_distance",
            "recency0", "recency1", "recency2", "subject", "subject_in_window", "subject_this_sentence",
            "subject_previous_sentence", "sentence_start", "first_person_of_sentence", "log_salience",
            "salience_top", "log_window_count", "previous_speaker", "spoke_near", "spoke_window",
            "cand_in_quotes", "pron_in_quotes", "both_in_quotes", "cand_in_content", "gender_agrees",
            "gender_disagrees", "name_agrees", "name_disagrees", "possessive", "after_preposition", "hearer",
            "by_agent", "full_name", "one_word", "no_mention", "quote_between", "pron_sentence_start",
            "pron_after_quote", "outside_rank0", "outside_rank1", "after_comma")
# Each feature is weighed again for a subject pronoun ("he", "she": what a source is), for a pronoun
# right after a quotation ("'...,' he said": the quotation's names are no antecedent) and for one
# inside quotation marks (its antecedent is often inside them too).
CROSSES = ("subject_pronoun", "pron_after_quote", "pron_in_quotes")
# "it" and "they" name organisations: the ranker for them has a row for each organisation named in
# the pronoun's sentence and the five before (as the rules look), the last claim's organisation,
# the rules' choice, and one for none of them (``NONE``: a thing, a group no record holds, an
# expletive "it"). Its features: the person ranker's of the latest mention, the rules' choice, the
# organisation's kind and a plural name, each weighed again for "they" (number), for a subject
# pronoun and for a pronoun right after a quotation.
IMPERSONAL = {"it": "it", "its": "it", "itself": "it", "they": "they", "them": "they", "their": "they",
              "theirs": "they", "themselves": "they"}
IMPERSONAL_SUBJECTS = ("it", "they")
NONE = -1
ORG_SENTENCES_BACK = 5
ORG_KINDS = ("government", "party", "news", "company", "international", "other")
ORG_FEATURES = ("none", "rule_choice", "same_sentence", "sentence_back1", "sentence_back2", "sentence_back3",
                "log_distance", "recency0", "recency1", "recency2", "outside_rank0", "subject", "sentence_start",
                "log_salience", "salience_top", "log_window_count", "previous_speaker", "spoke_near", "spoke_window",
                "cand_in_quotes", "pron_in_quotes", "both_in_quotes", "cand_in_content", "possessive",
                "after_preposition", "after_comma", "hearer", "by_agent", "quote_between", "pron_sentence_start",
                "pron_after_quote", "no_mention", "the_before", "plural_name", "acronym", "one_word",
                "orgs_in_window", *("kind_" + k for k in ORG_KINDS))
ORG_CROSSES = ("they", "subject_pronoun", "pron_after_quote")
_SUBJECT_LEAD = re.compile(r"^[\W_]*(?:(?:but|and|so|then|still|yet|also|now|however|meanwhile|later|former|the|"
                           r"[A-Z][\w.’'-]*)[ ,]+)*$")
_SUBJECT_BEFORE = re.compile(r"(?:^|[.;:!?“\"]\s*|\b(?:and|but|that|because|while|as|when|if|so)\s+|,\s+)"
                             r"(?:(?:former|then|now|the|a|an)\s+)?$")
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|for|at|from|in|on|about|against|under|over|with|without|to|into|than|"
                                 r"like|between|among|behind|after|before|toward|towards|by)\s+(?:the\s+|a\s+|an\s+)?$",
                                 re.IGNORECASE)
_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)
_HEARER_BEFORE = re.compile(r"\b(?:told|tells|telling|tell|asked|informed|interview\s+with)\s+(?:the\s+)?$",
                            re.IGNORECASE)
_POSSESSIVE = re.compile(r"^['’]s\b")
_AFTER_COMMA = re.compile(r",\s+(?:[A-Z][\w.’'-]*\s+){0,2}$")
_QUOTE_CHARS = "“”\""


def fingerprint() -> str:
    """What the weights depend on: the feature names and this module's feature code."""
    src = Path(__file__).read_text(encoding="utf-8")
    body = src[src.index("FEATURES = ("):src.rindex("# -- end" + " of features")]
    return hashlib.sha256(body.encode()).hexdigest()[:16]


def first_name(ent: Entity) -> str:
    words = ent.name.split()
    return words[0].lower() if len(words) >= 2 else ""


class Context:
    """One article's people, mentions, sentences and quotations, indexed for the ranker."""

    def __init__(self, text: str, sent_starts: list[int], entities: list[Entity], mentions: list[Mention],
                 quoted: list[tuple[int, int]]):
        self.text = text
        self.sent_starts = sent_starts
        self.entities = entities
        self.people = sorted((m for m in mentions if entities[m.entity].kind == "person"), key=lambda m: m.start)
        self.starts = [m.start for m in self.people]
        self.orgs = sorted((m for m in mentions if entities[m.entity].kind == "organisation"), key=lambda m: m.start)
        self.org_starts = [m.start for m in self.orgs]
        self.org_by_entity: dict[int, list[int]] = {}
        for m in self.orgs:
            self.org_by_entity.setdefault(m.entity, []).append(m.start)
        self.quoted = sorted(quoted)
        self.quoted_starts = [s for s, _ in self.quoted]
        self._subject: dict[int, bool] = {}
        self._first: dict[int, int] = {}  # sentence -> entity of its first person mention
        self.by_entity: dict[int, list[int]] = {}  # entity -> its mentions' starts (salience)
        for m in self.people:
            self.by_entity.setdefault(m.entity, []).append(m.start)
            si = self.sentence(m.start)
            self._first.setdefault(si, m.entity)

    def sentence(self, pos: int) -> int:
        return max(0, bisect_right(self.sent_starts, pos) - 1)

    def in_quotes(self, pos: int) -> bool:
        i = bisect_right(self.quoted_starts, pos) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def is_subject(self, m: Mention) -> bool:
        got = self._subject.get(m.start)
        if got is None:
            s0 = self.sent_starts[self.sentence(m.start)] if self.sent_starts else 0
            lead = self.text[s0:m.start]
            got = bool(_SUBJECT_LEAD.match(lead) or _SUBJECT_BEFORE.search(lead[-30:])) \
                and not _POSSESSIVE.match(self.text[m.end:m.end + 3]) and not self.in_quotes(m.start)
            self._subject[m.start] = got
        return got

    def candidates(self, pron: str, pos: int, spoke: dict[int, int], last_person: int | None,
                   in_content, names: dict[str, float], extra: tuple[int | None, ...] = ()) \
            -> tuple[list[int], list[list[float]]]:
        """The people a pronoun at ``pos`` may name, with one feature row each. ``spoke``: the
        speakers of the claims before, each with its latest cue offset; ``in_content(pos)``: whether
        an offset lies in a claim's content; ``names``: first name -> learned log-odds of "he"."""
        psi = self.sentence(pos)
        lo = self.sent_starts[max(0, psi - SENTENCES_BACK)] if self.sent_starts else 0
        latest, window, subj = self._window(pos, lo)
        cands = list(latest)
        for e in (last_person, *extra):
            if e is not None and e not in latest and self.entities[e].kind == "person":
                cands.append(e)
        if not cands:
            return [], []
        counts = {e: bisect_left(self.by_entity.get(e, ()), pos) for e in cands}
        s0 = self.sent_starts[psi] if self.sent_starts else 0
        before = self.text[s0:pos]
        p_quotes = float(self.in_quotes(pos))
        p_after_quote = float(bool(re.search(r"[”\"],?\s*$", before)))
        shared = {"pron_in_quotes": p_quotes, "pron_sentence_start": float(bool(re.fullmatch(r"[\W_]*", before))),
                  "pron_after_quote": p_after_quote}
        # The order of the people by their latest mention, and the same among those named outside
        # quotation marks and claims' contents.
        order = {e: r for r, e in enumerate(latest)}
        outside = [e for e, m in latest.items() if not self.in_quotes(m.start) and not in_content(m.start)]
        top = max(counts.values())
        rows = []
        for e in cands:
            f = dict.fromkeys(FEATURES, 0.0)
            f.update(shared)
            r = order.get(e, 99)
            f["recency0"], f["recency1"], f["recency2"] = float(r == 0), float(r == 1), float(r == 2)
            f["outside_rank0"] = float(e in outside[:1])
            f["outside_rank1"] = float(e in outside[1:2])
            f["log_salience"] = math.log1p(counts[e])
            f["salience_top"] = float(counts[e] == top)
            f["log_window_count"] = math.log1p(window.get(e, 0))
            f["subject_in_window"] = float(e in subj)
            f["previous_speaker"] = float(e == last_person)
            at = spoke.get(e)
            f["spoke_window"] = float(at is not None and at >= lo)
            f["spoke_near"] = float(at is not None and self.sentence(at) >= psi - 1)
            self._entity(f, self.entities[e], GENDER[pron], names)
            m = latest.get(e)
            if m is None:
                f["no_mention"] = 1.0
            else:
                self._mention(f, m, pos, psi, bool(p_quotes), in_content)
            base = [f[k] for k in FEATURES]
            rows.append(base + [v * c for c in (float(pron in SUBJECT_PRONOUNS), p_after_quote, p_quotes)
                                for v in base])
        return cands, rows

    def _window(self, pos: int, lo: int) -> tuple[dict[int, Mention], dict[int, int], set[int]]:
        """The people named in [lo, pos), latest first: each one's latest mention, how often each is
        named there, and those named as a subject."""
        hi = bisect_left(self.starts, pos)
        latest: dict[int, Mention] = {}
        window: dict[int, int] = {}
        subj: set[int] = set()
        for i in range(hi - 1, max(-1, hi - 1 - MENTIONS_BACK), -1):
            m = self.people[i]
            if m.start < lo:
                break
            if m.end > pos:
                continue
            latest.setdefault(m.entity, m)
            window[m.entity] = window.get(m.entity, 0) + 1
            if self.is_subject(m):
                subj.add(m.entity)
        return latest, window, subj

    @staticmethod
    def _entity(f: dict, ent: Entity, gender: str, names: dict[str, float]) -> None:
        if ent.gender:
            f["gender_agrees"] = float(ent.gender == gender)
            f["gender_disagrees"] = float(ent.gender != gender)
        # The first name's learned gender, as agreement only: its strength would also say how often
        # the chains name that person (famous first names), which is salience, not gender.
        lean = names.get(first_name(ent), 0.0) * (1 if gender == "m" else -1)
        f["name_agrees"], f["name_disagrees"] = float(lean >= NAME_LEAN), float(lean <= -NAME_LEAN)
        words = ent.name.split()
        f["full_name"] = float(len(words) >= 2)
        f["one_word"] = float(len(words) == 1)

    def _mention(self, f: dict, m: Mention, pos: int, psi: int, p_quotes: bool, in_content) -> None:
        text = self.text
        msi = self.sentence(m.start)
        back = psi - msi
        f["same_sentence"] = float(back == 0)
        f["sentence_back1"] = float(back == 1)
        f["sentence_back2"] = float(back == 2)
        f["sentence_back3"] = float(back >= 3)
        f["log_distance"] = math.log1p(max(0, pos - m.end) / 6)
        f["subject"] = float(self.is_subject(m))
        f["subject_this_sentence"] = f["subject"] * f["same_sentence"]
        f["subject_previous_sentence"] = f["subject"] * f["sentence_back1"]
        s0 = self.sent_starts[msi] if self.sent_starts else 0
        f["sentence_start"] = float(m.start - s0 <= 4)
        f["first_person_of_sentence"] = float(self._first.get(msi) == m.entity)
        q = self.in_quotes(m.start)
        f["cand_in_quotes"] = float(q)
        f["both_in_quotes"] = float(q and p_quotes)
        f["cand_in_content"] = float(in_content(m.start))
        left = text[max(0, m.start - 25):m.start]
        f["possessive"] = float(bool(_POSSESSIVE.match(text[m.end:m.end + 3])))
        # "Jane Roe, Mr Smith's spokeswoman, said": Smith sits in an apposition (or a list).
        f["after_comma"] = float(bool(_AFTER_COMMA.search(text[max(s0, m.start - 30):m.start])))
        f["after_preposition"] = float(bool(_PREPOSITION_BEFORE.search(left)))
        f["by_agent"] = float(bool(_BY_BEFORE.search(left)))
        f["hearer"] = float(bool(_HEARER_BEFORE.search(left)))
        f["quote_between"] = float(any(ch in text[m.end:pos] for ch in _QUOTE_CHARS))


    def org_candidates(self, pron: str, pos: int, spoke: dict[int, int], last_org: int | None, in_content,
                       rule: int | None) -> tuple[list[int], list[list[float]]]:
        """The organisations an "it" or "they" at ``pos`` may name (``NONE`` for none of them), with
        one feature row each. ``spoke``: the organisations that were claims' sources, each with its
        latest cue offset; ``last_org``: the last claim's organisation; ``rule``: the rules' choice."""
        number = IMPERSONAL[pron]
        psi = self.sentence(pos)
        lo = self.sent_starts[max(0, psi - ORG_SENTENCES_BACK)] if self.sent_starts else 0
        hi = bisect_left(self.org_starts, pos)
        latest: dict[int, Mention] = {}
        window: dict[int, int] = {}
        for i in range(hi - 1, max(-1, hi - 1 - MENTIONS_BACK), -1):
            m = self.orgs[i]
            if m.start < lo:
                break
            if m.end > pos:
                continue
            latest.setdefault(m.entity, m)
            window[m.entity] = window.get(m.entity, 0) + 1
        cands = [NONE, *latest]
        for e in (last_org, rule):
            if e is not None and e not in cands and self.entities[e].kind == "organisation":
                cands.append(e)
        s0 = self.sent_starts[psi] if self.sent_starts else 0
        before = self.text[s0:pos]
        p_quotes = float(self.in_quotes(pos))
        p_after_quote = float(bool(re.search(r"[”\"],?\s*$", before)))
        shared = {"pron_in_quotes": p_quotes, "pron_sentence_start": float(bool(re.fullmatch(r"[\W_]*", before))),
                  "pron_after_quote": p_after_quote, "orgs_in_window": math.log1p(len(latest))}
        order = {e: r for r, e in enumerate(latest)}
        outside = [e for e, m in latest.items() if not self.in_quotes(m.start) and not in_content(m.start)]
        counts = {e: bisect_left(self.org_by_entity.get(e, ()), pos) for e in cands if e != NONE}
        top = max(counts.values(), default=0)
        crosses = (float(number == "they"), float(pron in IMPERSONAL_SUBJECTS), p_after_quote)
        rows = []
        for e in cands:
            f = dict.fromkeys(ORG_FEATURES, 0.0)
            f.update(shared)
            f["rule_choice"] = float(e == (NONE if rule is None else rule))
            if e == NONE:
                f["none"] = 1.0
            else:
                self._org_row(f, e, latest, window, counts, top, order, outside, spoke, last_org, lo,
                              (pos, psi, bool(p_quotes)), in_content)
            base = [f[k] for k in ORG_FEATURES]
            rows.append(base + [v * c for c in crosses for v in base])
        return cands, rows

    def _org_row(self, f: dict, e: int, latest: dict, window: dict, counts: dict, top: int, order: dict,
                 outside: list, spoke: dict, last_org: int | None, lo: int, at: tuple, in_content) -> None:
        pos, psi, p_quotes = at
        r = order.get(e, 99)
        f["recency0"], f["recency1"], f["recency2"] = float(r == 0), float(r == 1), float(r == 2)
        f["outside_rank0"] = float(e in outside[:1])
        f["log_salience"] = math.log1p(counts[e])
        f["salience_top"] = float(counts[e] == top)
        f["log_window_count"] = math.log1p(window.get(e, 0))
        f["previous_speaker"] = float(e == last_org)
        cue = spoke.get(e)
        f["spoke_window"] = float(cue is not None and cue >= lo)
        f["spoke_near"] = float(cue is not None and self.sentence(cue) >= psi - 1)
        self._org_entity(f, self.entities[e])
        m = latest.get(e)
        if m is None:
            f["no_mention"] = 1.0
            return
        self._mention(f, m, pos, psi, p_quotes, in_content)
        f["the_before"] = float(bool(re.search(r"\bthe\s+$", self.text[max(0, m.start - 5):m.start], re.IGNORECASE)))

    @staticmethod
    def _org_entity(f: dict, ent: Entity) -> None:
        words = ent.name.split()
        last = words[-1] if words else ""
        # "Democrats", "the Teamsters", "Nations": a plural name takes "they".
        f["plural_name"] = float(len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is")))
        f["acronym"] = float(len(words) == 1 and ent.name.isupper())
        f["one_word"] = float(len(words) == 1)
        kind = ent.org_kind if ent.org_kind in ORG_KINDS else "other"
        f["kind_" + kind] = 1.0


# -- end of features (the fingerprint covers the code above, from FEATURES)
class AntecedentModel:
    def __init__(self, data: dict):
        self.weights = [float(x) for x in data["weights"]]
        self.margin = float(data.get("margin", 0.0))
        self.names = {k: float(v) for k, v in (data.get("names") or {}).items()}
        self.fingerprint = data.get("fingerprint", "")
        self.adopted = bool(data.get("adopted", False))
        org = data.get("impersonal") or {}
        self.org_weights = [float(x) for x in org.get("weights", ())]
        self.org_margin = float(org.get("margin", 0.0))
        self.org_adopted = bool(org.get("adopted", False)) and bool(self.org_weights)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> AntecedentModel | None:
        if not path.exists():
            return None
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def scores(self, rows: list[list[float]], w: list[float] | None = None) -> list[float]:
        w = self.weights if w is None else w
        return [sum(a * b for a, b in zip(row, w, strict=True) if a) for row in rows]


@lru_cache(maxsize=1)
def default_model() -> AntecedentModel | None:
    """The committed model, when cross-validation adopted it (for "he"/"she", for "it"/"they" or
    both: it beat the rules on pronoun sources)."""
    model = AntecedentModel.load()
    return model if model is not None and (model.adopted or model.org_adopted) else None


def choose(model: AntecedentModel, cands: list[int], rows: list[list[float]], rule: int | None) -> int | None:
    """The candidate the model ranks first when it beats the rules' choice by the margin (or the rules
    chose no one among them); else the rules' choice."""
    if not cands:
        return rule
    s = model.scores(rows)
    best = max(range(len(s)), key=s.__getitem__)
    if rule not in cands:
        return cands[best] if rule is None else rule
    ri = cands.index(rule)
    if rows[best][_GENDER_DISAGREES] and rows[ri][_GENDER_AGREES]:
        # The rules' person is of the pronoun's gender and the ranker's is known to be of the other
        # ("Tapper asked. '...,' she told him" after Ann Ford was named): the rules' stands.
        return rule
    return cands[best] if best != ri and s[best] - s[ri] > model.margin else rule


_GENDER_AGREES = FEATURES.index("gender_agrees")
_GENDER_DISAGREES = FEATURES.index("gender_disagrees")


def resolve(st, model: AntecedentModel, pron: str, pos: int, rule: int | None) -> int | None:
    """The person a pronoun source at ``pos`` names, given the pipeline's state ``st`` (a
    :class:`~.state.ClaimState`: its entities, sentences, quotations and the claims so far)."""
    ctx = st.antecedent_context
    if ctx is None:
        ctx = st.antecedent_context = Context(st.text, st.sentence_list, st.entities, st.mentions, st.quoted)
    spoke: dict[int, int] = {}
    for c in st.claims:
        e = c.source.entity if c.source is not None else None
        if e is not None and st.entities[e].kind == "person":
            spoke[e] = c.cue_start if c.cue_start is not None else c.start
    last = st.last_person.entity if st.last_person is not None else None
    cands, rows = ctx.candidates(pron, pos, spoke, last, st.in_content, model.names, extra=(rule,))
    return choose(model, cands, rows, rule)


def choose_org(model: AntecedentModel, cands: list[int], rows: list[list[float]], rule: int | None) -> int | None:
    """The organisation an "it"/"they" names: the ranker's first when it beats the rules' choice
    (``NONE`` when they chose none) by the margin, else the rules'. A ranker's "none" takes the
    rules' organisation away ("it" a thing, "they" a group no record holds)."""
    s = model.scores(rows, model.org_weights)
    best = max(range(len(s)), key=s.__getitem__)
    ri = cands.index(NONE if rule is None else rule)
    if best == ri or s[best] - s[ri] <= model.org_margin:
        return rule
    return None if cands[best] == NONE else cands[best]


def resolve_org(st, model: AntecedentModel, pron: str, pos: int, rule: int | None) -> int | None:
    """The organisation an "it" or "they" source at ``pos`` names (None: none), given the pipeline's
    state ``st`` and the rules' choice."""
    ctx = st.antecedent_context
    if ctx is None:
        ctx = st.antecedent_context = Context(st.text, st.sentence_list, st.entities, st.mentions, st.quoted)
    spoke: dict[int, int] = {}
    for c in st.claims:
        o = c.source.org if c.source is not None and c.source.entity is None else None
        if o is not None:
            spoke[o] = c.cue_start if c.cue_start is not None else c.start
    last = st.last.org if st.last is not None and st.last.entity is None else None
    cands, rows = ctx.org_candidates(pron, pos, spoke, last, st.in_content, rule)
    return choose_org(model, cands, rows, rule)
