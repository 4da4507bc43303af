"""Training the pronoun antecedent ranker: ``python -m articles.extraction.claims.antecedent_train
[--corpus ../shared/polnear-train] [--out articles/extraction/claims/antecedent_model.json]``.

Deterministic (full-batch gradient descent from zeros, articles in name order). Each training article
is read as the extractor reads it (entities, mentions, the claims of the shipped cue model); every
"he", "him", "his", "she", "her" ... of a CoreNLP coreference chain (``corenlp.jsonl`` beside the
articles) that has an earlier mention overlapping one of our person mentions is an example: its
candidates are labelled right when one of their mentions overlaps an earlier mention of the chain.
The first-name gender table is counted from the same examples (the right candidates' first names).
5-fold cross-validation over the articles (article i in fold i % 5) reports the ranker's accuracy on
every such pronoun and, on the pronouns that are claims' sources, the rules' accuracy against the
rules overridden past each margin; the widest margin within a tenth of a point of the best is kept,
and the model is adopted when it gains at least MIN_GAIN there.

The "it"/"they" part (``org_examples``, the model file's ``impersonal``) is trained the same way on
every "it", "they" ... of a chain with an earlier mention: right are the organisations with a mention
inside an earlier mention of the chain, else none; its margin is the narrowest at which at most
ORG_LOSS of the sources it changes were right before (its "none" leaves a claim without a source).
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from bisect import bisect_left
from pathlib import Path

import numpy as np

from .. import document
from ..entities import EntityFinder
from ..learned.corpus import read_corpus
from ..learned.model import default_model
from . import ClaimFinder, conditional_logit
from .antecedent import (
    CROSSES,
    FEATURES,
    GENDER,
    IMPERSONAL,
    IMPERSONAL_SUBJECTS,
    MODEL_PATH,
    NAME_LEAN,
    NONE,
    ORG_FEATURES,
    AntecedentModel,
    Context,
    choose,
    choose_org,
    fingerprint,
    first_name,
)

MARGINS = (0.0, 0.25, 0.5, 1.0, 2.0)
# Steps of half a point to 2: at 3.4's retrain the rule's share crossed 10% between 1 and 2 (10 of 89
# changes undo a right choice at 1), and the coarse grid jumped to 2, past most of the ranker's overrides.
ORG_MARGINS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0)
ORG_LOSS = 0.1  # the "it"/"they" margin: the narrowest at which at most this share of its changes undo a right choice
L2 = 3e-3
# A claim's pronoun source counts this many times in training, every other chain pronoun once: the
# ranker serves sources, and the other pronouns (six times as many) teach it coreference in general.
# 5-fold CV on the pronoun sources (margin 0.25): once 0.8716, 3 times 0.8711, 4 times 0.8716, 6 times
# 0.8733, 10 times 0.8766, 20 times 0.8771: the smallest weight within 0.001 of the best.
SOURCE_WEIGHT = 10
MIN_GAIN = 0.005  # source accuracy on pronoun sources the model must add in CV to be adopted
NAME_MIN = 2  # a first name enters the gender table after this many chain pronouns
_NAME_COLS = (FEATURES.index("name_agrees"), FEATURES.index("name_disagrees"))


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < a[1] and a[0] < e for s, e in spans)


class _Timeline:
    """The claims of an article by the offset of their cue: who had spoken before a position, and
    which contents were placed by then (as the pipeline's state holds them at that point)."""

    def __init__(self, claims, entities):
        keyed = sorted((((c.cue_start if c.cue_start is not None else c.start), c) for c in claims), key=lambda kc: kc[0])
        self.at = [k for k, _ in keyed]
        self.claims = [c for _, c in keyed]
        self.entities = entities

    def state(self, pos: int):
        n = bisect_left(self.at, pos)
        spoke: dict[int, int] = {}
        last = None
        for k, c in zip(self.at[:n], self.claims[:n], strict=True):
            e = c.source.entity if c.source is not None else None
            if e is not None and self.entities[e].kind == "person":
                spoke[e] = k
                if c.origin != "model":
                    last = e
        spans = [(c.start, c.end) for c in self.claims[:n]]

        def in_content(x: int) -> bool:
            return any(s <= x < e for s, e in spans)
        return spoke, last, in_content


def read(doc, coref: dict, cue_model) -> dict:
    """One article as the extractor reads it, with the rules' own pronoun choices (the ranker off),
    and its CoreNLP chains: what the examples are made of (cacheable)."""
    art = doc.article
    text = art.text
    d = document.read(text, art.blocks)
    finder = EntityFinder(text, d.body, d.name_starts, art.published, None, headline=d.headline)
    finder.run()
    entities, mentions, _ = finder.result()
    finder_ = ClaimFinder(d, entities, mentions, model=cue_model)
    finder_.state.antecedent_model = None  # the rules' own choices, to compare the ranker with
    claims = finder_.run()
    return {"name": doc.name, "text": text, "entities": entities, "mentions": mentions, "claims": claims,
            "sent_starts": sorted(s.start for sents in d.sentences for s in sents),
            "quoted": [(q.start, q.end) for qs in d.quotes for q in qs], "coref": coref.get("coref") or []}


def examples(r: dict) -> list[dict]:
    """The labelled "he"/"she" pronouns of one article (``source`` for a claim's pronoun source, with
    the rules' choice; every pronoun is also an example of the ranker's top-1 accuracy)."""
    text, entities, mentions, claims = r["text"], r["entities"], r["mentions"], r["claims"]
    ctx = Context(text, r["sent_starts"], entities, mentions, r["quoted"])
    timeline = _Timeline(claims, entities)
    people = [m for m in mentions if entities[m.entity].kind == "person"]
    rules = {c.source.start: c.source.entity for c in claims
             if c.source is not None and c.source.text.lower() in ("he", "she")}
    out = []
    for chain in r["coref"]:
        chain = sorted((m["start"], m["end"]) for m in chain)
        for k, (s, e) in enumerate(chain):
            pron = text[s:e].lower()
            if pron not in GENDER:
                continue
            earlier = chain[:k]
            right = {m.entity for m in people if m.start < s and _overlaps((m.start, m.end), earlier)}
            if not right:
                continue
            spoke, last, in_content = timeline.state(s)
            is_source = s in rules
            rule = rules.get(s)
            cands, rows = ctx.candidates(pron, s, spoke, last, in_content, {},
                                         extra=(rule,) if is_source else ())
            if not cands:
                continue
            out.append({"pron": pron, "cands": cands, "rows": np.array(rows, dtype=float),
                        "labels": np.array([c in right for c in cands], dtype=float),
                        "names": [first_name(entities[c]) for c in cands], "source": is_source,
                        "rule_ok": rule in right, "rule": rule, "doc": r["name"], "pos": s,
                        "cand_names": [entities[c].name for c in cands]})
    return out


def _names_org(m, chain_mention: tuple[int, int]) -> bool:
    """Whether our organisation mention lies inside a mention of the chain: the organisation itself
    ("the Senate"), or the one a group speaks for ("Fox executives", "many World Bank watchers":
    ``Speaker.org``), as PolNeAR's gold names such a pronoun by the chain's phrase."""
    return chain_mention[0] <= m.start and m.end <= chain_mention[1] + 1


def org_examples(r: dict) -> list[dict]:
    """The labelled "it"/"they" pronouns (and their other forms) of one article's CoreNLP chains that
    have an earlier mention: right are the organisations one of whose mentions heads an earlier
    mention of the chain, else ``NONE`` (a thing, a person, a group no record holds)."""
    text, entities, mentions, claims = r["text"], r["entities"], r["mentions"], r["claims"]
    ctx = Context(text, r["sent_starts"], entities, mentions, r["quoted"])
    orgs = [m for m in mentions if entities[m.entity].kind == "organisation"]
    keyed = sorted((((c.cue_start if c.cue_start is not None else c.start), c) for c in claims), key=lambda kc: kc[0])
    at = [k for k, _ in keyed]
    rules = {c.source.start: c.source.org for c in claims
             if c.source is not None and c.source.entity is None and c.source.text.lower() in IMPERSONAL_SUBJECTS}
    out = []
    for chain in r["coref"]:
        chain = sorted((m["start"], m["end"]) for m in chain)
        for k, (s, e) in enumerate(chain):
            pron = text[s:e].lower()
            if pron not in IMPERSONAL or k == 0:
                continue
            earlier = chain[:k]
            right = {m.entity for m in orgs if m.start < s and any(_names_org(m, c) for c in earlier)}
            n = bisect_left(at, s)
            spoke: dict[int, int] = {}
            last = None
            for key, c in keyed[:n]:
                o = c.source.org if c.source is not None and c.source.entity is None else None
                if o is not None:
                    spoke[o] = key
                last = o if c.source is not None else last
            spans = [(c.start, c.end) for _, c in keyed[:n]]

            def in_content(x: int, spans=spans) -> bool:
                return any(a <= x < b for a, b in spans)
            is_source = s in rules
            rule = rules.get(s)
            cands, rows = ctx.org_candidates(pron, s, spoke, last, in_content, rule)
            labels = [c in right for c in cands] if right else [c == NONE for c in cands]
            if not any(labels):
                continue  # the right organisation lies outside the window
            out.append({"pron": pron, "cands": cands, "rows": np.array(rows, dtype=float),
                        "labels": np.array(labels, dtype=float), "source": is_source, "reached": bool(right),
                        "rule_ok": labels[cands.index(NONE if rule is None else rule)], "rule": rule,
                        "doc": r["name"], "pos": s, "cand_names": [entities[c].name if c != NONE else "-" for c in cands]})
    return out


def name_table(exs: list[dict]) -> dict[str, float]:
    """First name -> log-odds that a chain's pronoun for that person is "he" (counted on the right
    candidates of the examples)."""
    counts: dict[str, list[int]] = {}
    for x in exs:
        g = GENDER[x["pron"]]
        for name, ok in zip(x["names"], x["labels"], strict=True):
            if ok and name:
                counts.setdefault(name, [0, 0])[g == "f"] += 1
    return {n: round(math.log((m + 1) / (f + 1)), 3) for n, (m, f) in sorted(counts.items()) if m + f >= NAME_MIN}


def with_names(x: dict, names: dict[str, float]) -> np.ndarray:
    """The example's rows with the name gender columns from this table (and their crossed copies)."""
    rows = x["rows"].copy()
    sign = 1.0 if GENDER[x["pron"]] == "m" else -1.0
    n = len(FEATURES)
    crosses = [FEATURES.index(c) if c in FEATURES else -1 for c in CROSSES]
    for i, name in enumerate(x["names"]):
        lean = sign * names.get(name, 0.0)
        g, u = float(lean >= NAME_LEAN), float(lean <= -NAME_LEAN)
        rows[i, _NAME_COLS[0]], rows[i, _NAME_COLS[1]] = g, u
        for k, ci in enumerate(crosses, start=1):
            c = float(x["pron"] in ("he", "she")) if ci < 0 else rows[i, ci]
            rows[i, k * n + _NAME_COLS[0]], rows[i, k * n + _NAME_COLS[1]] = g * c, u * c
    return rows


def fit(exs: list[dict], names: dict[str, float] | None, l2: float = L2, source_weight: int = 1) -> np.ndarray:
    """A conditional logit: per pronoun a softmax over its candidates, trained to put the probability
    on the right ones, with an L2 penalty; a pronoun source counts ``source_weight`` times. L-BFGS
    from zeros (scipy, a training-only dependency of
    scikit-learn): deterministic."""
    if source_weight < 1:
        raise ValueError(f"source_weight must be at least 1, not {source_weight}")
    exs = [x for x in exs if x["labels"].sum() > 0]
    exs += [x for x in exs if x["source"]] * (source_weight - 1)
    X = np.vstack([with_names(x, names) if names is not None else x["rows"] for x in exs])
    y = np.concatenate([x["labels"] for x in exs])
    sizes = np.array([len(x["labels"]) for x in exs])
    return conditional_logit.fit(X, y, sizes, l2)


def evaluate(w: np.ndarray, names: dict[str, float], exs: list[dict]) -> dict:
    """Top-1 accuracy on every pronoun; on the pronoun sources, the rules' and the model's per margin."""
    model = AntecedentModel({"weights": w.tolist(), "names": names})
    top = sum(bool(x["labels"][int(np.argmax(with_names(x, names) @ w))]) for x in exs)
    srcs = [x for x in exs if x["source"]]
    out = {"all": len(exs), "top1": top, "sources": len(srcs), "rules": sum(x["rule_ok"] for x in srcs)}
    for margin in MARGINS:
        model.margin = margin
        ok = 0
        for x in srcs:
            rows = with_names(x, names).tolist()
            pick = choose(model, x["cands"], rows, x["rule"])
            ok += x["rule_ok"] if pick == x["rule"] else bool(x["labels"][x["cands"].index(pick)])
        out[margin] = ok
    return out


def cross_validate(per_doc: list[list[dict]], folds: int = 5) -> dict:
    total: dict = {}
    for k in range(folds):
        train = [x for i, exs in enumerate(per_doc) if i % folds != k for x in exs]
        test = [x for i, exs in enumerate(per_doc) if i % folds == k for x in exs]
        names = name_table(train)
        r = evaluate(fit(train, names, source_weight=SOURCE_WEIGHT), names, test)
        for key, v in r.items():
            total[key] = total.get(key, 0) + v
    return total


def evaluate_org(w: np.ndarray, exs: list[dict]) -> dict:
    """Top-1 accuracy on every "it"/"they" pronoun; on the pronoun sources, the rules' and the
    rules overridden by the ranker per margin (a pick right when it is a right candidate)."""
    model = AntecedentModel({"weights": [], "impersonal": {"weights": w.tolist()}})
    top = sum(bool(x["labels"][int(np.argmax(x["rows"] @ w))]) for x in exs)
    srcs = [x for x in exs if x["source"]]
    out = {"all": len(exs), "top1": top, "reached": sum(x["reached"] for x in exs), "sources": len(srcs),
           "sources_reached": sum(x["reached"] for x in srcs), "rules": sum(x["rule_ok"] for x in srcs)}
    for margin in ORG_MARGINS:
        model.org_margin = margin
        ok = changed = lost = 0
        for x in srcs:
            pick = choose_org(model, x["cands"], x["rows"].tolist(), x["rule"])
            right = bool(x["labels"][x["cands"].index(NONE if pick is None else pick)])
            ok += right
            changed += pick != x["rule"]
            lost += pick != x["rule"] and x["rule_ok"]
        out[margin], out[f"changed {margin}"], out[f"lost {margin}"] = ok, changed, lost
    return out


def cross_validate_org(per_doc: list[list[dict]], folds: int = 5, l2: float = L2) -> dict:
    total: dict = {}
    for k in range(folds):
        train = [x for i, exs in enumerate(per_doc) if i % folds != k for x in exs]
        test = [x for i, exs in enumerate(per_doc) if i % folds == k for x in exs]
        r = evaluate_org(fit(train, None, l2), test)
        for key, v in r.items():
            total[key] = total.get(key, 0) + v
    return total


def impersonal(per_doc: list[list[dict]], n_docs: int) -> dict:
    """The "it"/"they" ranker's weights, margin and cross-validated figures (the model file's
    ``impersonal`` part)."""
    cv = cross_validate_org(per_doc)
    srcs = cv["sources"]
    rules = cv["rules"] / srcs
    acc = {m: cv[m] / srcs for m in ORG_MARGINS}
    # Taking an organisation away leaves a claim without one: the margin is the narrowest at which
    # the rules' choices the ranker changes were right at most ORG_LOSS of the time (in CV).
    margin = min((m for m in ORG_MARGINS if cv[f"lost {m}"] <= ORG_LOSS * max(1, cv[f"changed {m}"])),
                 default=ORG_MARGINS[-1])
    w = fit([x for exs in per_doc for x in exs], None)
    return {"features": list(ORG_FEATURES), "weights": [round(float(x), 6) for x in w], "margin": margin,
            "cv": {"folds": 5, "articles": n_docs, "pronouns": cv["all"], "reached": cv["reached"],
                   "top1_accuracy": round(cv["top1"] / cv["all"], 4), "pronoun_sources": srcs,
                   "sources_reached": cv["sources_reached"], "rules_accuracy": round(rules, 4),
                   "model_accuracy": round(acc[margin], 4), "by_margin": {str(m): round(a, 4) for m, a in acc.items()},
                   "changed_by_margin": {str(m): cv[f"changed {m}"] for m in ORG_MARGINS},
                   "right_undone_by_margin": {str(m): cv[f"lost {m}"] for m in ORG_MARGINS}},
            "adopted": acc[margin] - rules >= MIN_GAIN}


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parents[3]
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=root.parent / "shared" / "polnear-train")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--cache", type=Path, help="read the examples from / write them to this pickle")
    args = ap.parse_args(argv)
    if args.cache and args.cache.exists():
        import pickle
        reads = pickle.loads(args.cache.read_bytes())
    else:
        docs = read_corpus(args.corpus)
        coref = {}
        with open(args.corpus / "corenlp.jsonl", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    c = json.loads(line)
                    coref[c["doc"]] = c
        cue_model = default_model()
        reads = [read(doc, coref.get(doc.name, {}), cue_model) for doc in docs]
        if args.cache:
            import pickle
            args.cache.write_bytes(pickle.dumps(reads))
    n_docs = len(reads)
    per_doc = [examples(r) for r in reads]
    org_per_doc = [org_examples(r) for r in reads]
    cv = cross_validate(per_doc)
    srcs = cv["sources"]
    rules = cv["rules"] / srcs
    acc = {m: cv[m] / srcs for m in MARGINS}
    best = max(acc.values())
    margin = max(m for m in MARGINS if acc[m] >= best - 0.001)
    everything = [x for exs in per_doc for x in exs]
    names = name_table(everything)
    w = fit(everything, names, source_weight=SOURCE_WEIGHT)
    data = {"version": "1", "fingerprint": fingerprint(), "features": list(FEATURES),
            "weights": [round(float(x), 6) for x in w], "margin": margin, "source_weight": SOURCE_WEIGHT,
            "cv": {"folds": 5, "articles": n_docs, "pronouns": cv["all"], "top1_accuracy": round(cv["top1"] / cv["all"], 4),
                   "pronoun_sources": srcs, "rules_accuracy": round(rules, 4), "model_accuracy": round(acc[margin], 4),
                   "by_margin": {str(m): round(a, 4) for m, a in acc.items()}},
            "min_gain": MIN_GAIN, "adopted": acc[margin] - rules >= MIN_GAIN, "names": names,
            "impersonal": impersonal(org_per_doc, n_docs)}
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(data["cv"], indent=1), "margin", margin, "adopted", data["adopted"], file=sys.stderr)
    org = data["impersonal"]
    print(json.dumps(org["cv"], indent=1), "margin", org["margin"], "adopted", org["adopted"], file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
