"""Why cross-validated claims with a pronoun source ("he said") have a wrong speaker: for each, where
the antecedent ranker (``claims/antecedent.py``) stands against the CoreNLP chain that PolNeAR's gold
name comes from.

    python benchmarks/extraction_cv.py --dev '' --out /tmp/cv-pred.jsonl
    python -m articles.extraction.claims.antecedent_train --cache /tmp/reads.pkl --out /tmp/ante.json
    python benchmarks/pronoun_errors.py /tmp/cv-pred.jsonl /tmp/reads.pkl [--show outranked --examples 10]

The items are ``speaker_errors.py``'s ``pronoun`` class (a required, judgeable gold item whose source
is a lone pronoun, found by a prediction, none of whose finders names a gold speaker). Each is put in
the first class that fits, reading the article as ``antecedent_train`` reads it (the shipped cue model,
in-sample) and ranking with the ranker of the fold that held the article out (5-fold, as its CV):

- ``not_he_she``: the gold source is "who", "I", "they", "it" ... (not the ranker's);
- ``no_chain``: no CoreNLP chain holds the pronoun;
- ``chain_names_none_of_ours``: the chain's earlier mentions hold none of our people (a name we lack,
  a chain through a thing);
- ``right_not_candidate``: the chain names one of our people, but none is among the candidates;
- ``outranked``: the right one is a candidate and the ranker's top pick is another (the features that
  favour the pick most are counted);
- ``top_right_kept_rules``: the ranker ranks a right one first but the margin or the gender guard keep
  the rules' wrong choice;
- ``pick_right_not_a_source``: the ranker picks a person of the chain, but in the in-sample reading
  the pronoun is no claim's source (the cross-validated claim has another source);
- ``pick_in_chain_still_wrong``: the pick is a person of the chain (which may hold several: "Jeff
  Weaver, Sanders's campaign manager") and the prediction is still wrong (another chain person, or the
  source resolver or another cue moved it).

Nothing here is learned from; the classes say where a change could act, not that the gold is right
(CoreNLP's chains are often wrong: read the examples).
"""
from __future__ import annotations

import argparse
import collections
import json
import pickle
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import speaker_errors  # noqa: E402

from articles.extraction.claims import antecedent_train as at  # noqa: E402
from articles.extraction.claims.antecedent import CROSSES, FEATURES, AntecedentModel, choose  # noqa: E402
from articles.extraction.learned.corpus import read_corpus  # noqa: E402

FOLDS = 5
LABELS = [*FEATURES, *(f"{f}*{c}" for c in CROSSES for f in FEATURES)]


def fold_models(per_doc: list[list[dict]]) -> dict[int, tuple[np.ndarray, dict]]:
    out = {}
    for k in range(FOLDS):
        train = [x for i, exs in enumerate(per_doc) if i % FOLDS != k for x in exs]
        names = at.name_table(train)
        out[k] = (at.fit(train, names, source_weight=at.SOURCE_WEIGHT), names)
    return out


def classify(x: dict | None, pron: str, in_chain: bool, model: tuple, margin: float) -> tuple[str, list]:
    if pron.lower() not in at.GENDER:
        return "not_he_she", []
    if x is None:
        return ("chain_names_none_of_ours" if in_chain else "no_chain"), []
    if not x["labels"].any():
        return "right_not_candidate", []
    w, names = model
    rows = at.with_names(x, names)
    s = rows @ w
    pick = choose(AntecedentModel({"weights": w.tolist(), "names": names, "margin": margin}),
                  x["cands"], rows.tolist(), x["rule"])
    top = int(np.argmax(s))
    if pick in x["cands"] and x["labels"][x["cands"].index(pick)]:
        return ("pick_in_chain_still_wrong" if x["source"] else "pick_right_not_a_source"), []
    if x["labels"][top]:
        return "top_right_kept_rules", []
    right = max(np.flatnonzero(x["labels"]), key=lambda i: s[i])
    diff = (rows[top] - rows[right]) * w
    return "outranked", [LABELS[j] for j in np.argsort(-diff)[:2]]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pred", type=Path)
    ap.add_argument("reads", type=Path, help="antecedent_train's --cache pickle")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "polnear-train")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show", default="", help="print the examples of this class")
    ap.add_argument("--examples", type=int, default=10)
    a = ap.parse_args()
    sc = speaker_errors.load_score(a.shared)
    pred = speaker_errors.read_predictions(a.pred)
    docs = {d.name: d for d in read_corpus(a.corpus)}
    _, _, items = speaker_errors.collect(sc, docs, pred, 0)
    reads = pickle.loads(a.reads.read_bytes())
    per_doc = [at.examples(r) for r in reads]
    fold_of = {r["name"]: i % FOLDS for i, r in enumerate(reads)}
    models = fold_models(per_doc)
    margin = (AntecedentModel.load() or AntecedentModel({"weights": []})).margin
    by_pos = {(x["doc"], x["pos"]): x for exs in per_doc for x in exs}
    chained: set[tuple[str, int]] = set()
    with open(a.corpus / "corenlp.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                chained.update((d["doc"], m["start"]) for ch in d.get("coref") or [] for m in ch)
    counts: collections.Counter = collections.Counter()
    blame: collections.Counter = collections.Counter()
    shown = 0
    for doc, g in items:
        text = docs[doc].article.text
        s, e = g["source_spans"][0]
        x = by_pos.get((doc, s))
        cls, why = classify(x, text[s:e], (doc, s) in chained, models[fold_of[doc]], margin)
        counts[cls] += 1
        blame.update(w.split("*")[0] for w in why)
        if cls == a.show and shown < a.examples:
            shown += 1
            finder = next(p for p in pred[doc] if sc.finds(sc.tokens(p["content"]), sc.tokens(g["content"])))
            print(f"## gold {g['speakers']} | predicted {finder.get('speaker')!r} | {why}")
            print("   " + text[max(0, s - 300):s + 60].replace("\n", " / "))
    print(f"{len(items)} pronoun-source items with a wrong speaker")
    for cls, n in counts.most_common():
        print(f"  {cls:28}{n:>5}")
    print("features favouring the wrong pick most (outranked, top two each):")
    for f, n in blame.most_common(12):
        print(f"  {f:28}{n:>5}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
