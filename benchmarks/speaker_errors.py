"""Wrong speakers on rightly found contents, by kind: what speaker accuracy loses, and where.

    python benchmarks/extraction_cv.py --out /tmp/cv-pred.jsonl      # the cross-validated predictions
    python benchmarks/speaker_errors.py /tmp/cv-pred.jsonl [--corpus ../shared/polnear-train] [--examples 5]

A required gold attribution whose speaker the scorer can judge is counted when a prediction finds its
content (``../shared/tools/score.py``'s rule) and no prediction that finds it names a gold speaker.
Each is put in the first class that fits:

- ``no_name``: the prediction names nobody ("he", "the official", none);
- ``pronoun``: the gold source is a lone pronoun ("he said"): its gold name is the one the automatic
  coreference chain of ``corenlp.jsonl`` holds (counted below when the file is there);
- ``continuation``: a quotation no cue claims, given the previous speaker's voice;
- ``hearer``: the predicted name follows "told", "to", "with" or "asked" near the attribution;
- ``in_content``: the predicted name is among the content's own words;
- ``descriptive``: the gold source is a description ("the former governor"), the prediction a name;
- ``other``.

Direct (content with a quotation mark) and indirect are counted apart. Nothing here is learned from.
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.extraction.learned.corpus import read_corpus  # noqa: E402

PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who"}


def load_score(shared: Path):
    spec = importlib.util.spec_from_file_location("polnear_score", shared / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def classify(sc, text: str, g: dict, p: dict) -> str:
    spans = g.get("source_spans") or []
    source = " ".join(text[a:b] for a, b in spans).strip()
    speaker = p.get("speaker") or ""
    lo = min([a for a, _ in spans + (g.get("content_spans") or [])], default=0)
    hi = max([b for _, b in spans + (g.get("content_spans") or [])], default=0)
    if not sc.name_words(speaker):
        return "no_name"
    if source.lower() in PRONOUNS:
        return "pronoun"
    if p.get("frame") == "continuation":
        return "continuation"
    last = re.escape(speaker.split()[-1])
    if re.search(r"\b(?:told|to|with|asked)\s+(?:\S+\s+){0,3}" + last, text[max(0, lo - 200):hi + 200]):
        return "hearer"
    if sc.name_words(speaker) & sc.name_words(g["content"]):
        return "in_content"
    if source[:1].islower():
        return "descriptive"
    return "other"


def chains_name_gold(sc, corpus: Path, docs: dict, items: list[tuple[str, dict]]) -> tuple[int, int]:
    """Of the pronoun sources, how many have a coreference chain through the pronoun that holds a
    gold name word."""
    path = corpus / "corenlp.jsonl"
    if not path.exists():
        return 0, 0
    want = {d for d, _ in items}
    chains = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["doc"] in want:
                chains[d["doc"]] = d["coref"]
    hit = 0
    for doc, g in items:
        text = docs[doc].article.text
        a = g["source_spans"][0][0]
        for ch in chains.get(doc, []):
            if any(m["start"] == a for m in ch):
                hit += any(sc.speaker_match(text[m["start"]:m["end"]], g["speakers"]) for m in ch)
                break
    return hit, len(items)


def collect(sc, docs: dict, pred: dict, examples: int) -> tuple:
    """The counts per (class, direct), up to ``examples`` direct ones per class, and the pronoun items."""
    counts: collections.Counter = collections.Counter()
    shown: dict = collections.defaultdict(list)
    pronoun_items = []
    for name, d in docs.items():
        preds = [(p, sc.tokens(p["content"])) for p in pred.get(name, [])]
        for g in d.gold:
            gb = sc.tokens(g["content"])
            if not g.get("required", True) or not sc.judgeable(g) or not sc.size(gb):
                continue
            finders = [p for p, pb in preds if sc.finds(pb, gb)]
            if not finders or any(sc.speaker_match(p.get("speaker"), g["speakers"]) for p in finders):
                continue
            direct = sc.is_direct(g["content"])
            cls = classify(sc, d.article.text, g, finders[0])
            counts[(cls, direct)] += 1
            if cls == "pronoun" and len(g.get("source_spans") or []) == 1:
                pronoun_items.append((name, g))
            if direct and examples and len(shown[cls]) < examples:
                shown[cls].append((g["speakers"], finders[0].get("speaker"), finders[0].get("frame"), g["content"][:80]))
    return counts, shown, pronoun_items


def read_predictions(path: Path) -> dict[str, list[dict]]:
    """Pooled predictions (JSON lines, as ``extraction_cv.py --out`` writes them) by document."""
    pred: dict[str, list[dict]] = collections.defaultdict(list)
    for line in open(path, encoding="utf-8"):
        if line.strip():
            p = json.loads(line)
            pred[p["doc"]].append(p)
    return pred


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pred", type=Path)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "polnear-train")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--examples", type=int, default=0, help="print this many of each direct class")
    a = ap.parse_args()
    sc = load_score(a.shared)
    pred = read_predictions(a.pred)
    docs = {d.name: d for d in read_corpus(a.corpus)}
    counts, shown, pronoun_items = collect(sc, docs, pred, a.examples)
    classes = sorted({c for c, _ in counts}, key=lambda c: -counts[(c, True)])
    print(f"{'class':14}{'direct':>8}{'indirect':>10}")
    for c in classes:
        print(f"{c:14}{counts[(c, True)]:>8}{counts[(c, False)]:>10}")
    print(f"{'total':14}{sum(v for (c, d), v in counts.items() if d):>8}"
          f"{sum(v for (c, d), v in counts.items() if not d):>10}")
    hit, n = chains_name_gold(sc, a.corpus, docs, pronoun_items)
    if n:
        print(f"pronoun sources whose gold name is in the pronoun's CoreNLP coreference chain: {hit}/{n}")
    for c, rows in shown.items():
        print(f"-- {c}")
        for gold, spk, frame, content in rows:
            print(f"   gold {gold} | predicted {spk!r} ({frame}) | {content}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
