"""Missed direct attributions, by class: where the direct end-to-end recall of issue #22 is lost.

    nice -n 10 python /tmp/lead/trainscore.py ../shared/polnear-train /tmp/train.jsonl   # or the CV predictions
    python benchmarks/direct_errors.py /tmp/train.jsonl [--corpus ../shared/polnear-train] [--examples CLASS N]

A required direct gold attribution (content with a quotation mark) whose speaker the scorer can judge
is missed when no prediction holds its content (``../shared/tools/score.py``'s rule) with a gold
speaker. Each miss goes in the first class that fits:

- ``src:*``, a prediction holds the content with another speaker: ``no_name`` (no name words),
  ``according_to`` (the gold cue), ``previous_speaker`` (the speaker of the direct gold item before it),
  ``hearer`` (the name follows "told", "to", "with" or "asked" nearby), ``other_speaker_after`` /
  ``_before`` (the gold source stands after / before the content), ``other``; ``/pronoun`` when the
  gold source is a lone pronoun (the coreference stage's share);
- ``bound:*``, a prediction overlaps the content but holds too little of it: ``split_cue`` /
  ``split_para`` (the gold joins quotations around an attribution / across paragraphs and the
  prediction holds one part), ``across_paragraphs``, ``start_late``, ``end_early``, ``pred_inside``;
- ``miss:*``, no prediction overlaps it: ``headline``, ``multi_span``, ``across_paragraphs``,
  ``partial_quote`` (the content does not open with a quotation mark), ``full_quote``.

Nothing here is learned from.
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRONOUNS = {"he", "she", "they", "i", "we", "it", "his", "her"}


def load_score(shared: Path):
    spec = importlib.util.spec_from_file_location("polnear_score", shared / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def source_class(sc, text: str, g: dict, p: dict, prev_speakers: list[str]) -> str:
    spk = p.get("speaker") or ""
    cs = g["content_spans"]
    lo, hi = cs[0][0], cs[-1][1]
    src = g.get("source_spans") or []
    if not sc.name_words(spk):
        cls = "no_name"
    elif "accord" in (g.get("cue") or "").lower():
        cls = "according_to"
    elif prev_speakers and sc.speaker_match(spk, prev_speakers):
        cls = "previous_speaker"
    elif re.search(r"\b(?:told|to|with|asked)\s+(?:\S+\s+){0,3}" + re.escape(spk.split()[-1]),
                   text[max(0, lo - 200):hi + 200]):
        cls = "hearer"
    elif src and src[0][0] > hi:
        cls = "other_speaker_after"
    elif src and src[0][0] < lo:
        cls = "other_speaker_before"
    else:
        cls = "other"
    source = " ".join(text[a:b] for a, b in src).strip().lower()
    return "src:" + cls + ("/pronoun" if source in PRONOUNS else "")


def boundary_class(text: str, g: dict, a: int, b: int) -> str:
    cs = g["content_spans"]
    lo, hi = cs[0][0], cs[-1][1]
    if len(cs) > 1 and any(a >= x - 3 and b <= y + 3 for x, y in cs):
        gaps = [text[cs[k][1]:cs[k + 1][0]] for k in range(len(cs) - 1)]
        return "bound:split_para" if any("\n" in gap for gap in gaps) else "bound:split_cue"
    if "\n" in text[lo:hi]:
        return "bound:across_paragraphs"
    if a > lo + 2 and b < hi - 2:
        return "bound:pred_inside"
    if a > lo + 2:
        return "bound:start_late"
    return "bound:end_early" if b < hi - 2 else "bound:other"


def missing_class(text: str, g: dict) -> str:
    cs = g["content_spans"]
    lo, hi = cs[0][0], cs[-1][1]
    if hi < 400 and "\n\n" not in text[:lo].strip():
        return "miss:headline"
    if len(cs) > 1:
        return "miss:multi_span"
    if "\n" in text[lo:hi]:
        return "miss:across_paragraphs"
    return "miss:full_quote" if g["content"].lstrip()[:1] in "“\"'‘" else "miss:partial_quote"


def classify(sc, corpus: Path, gold: list[dict], pred: list[dict]) -> tuple[int, int, collections.Counter, dict]:
    by_doc: dict = collections.defaultdict(list)
    for p in pred:
        by_doc[p["doc"]].append(p)
    gold_by_doc: dict = collections.defaultdict(list)
    for g in gold:
        gold_by_doc[g["doc"]].append(g)
    counts: collections.Counter = collections.Counter()
    shown: dict = collections.defaultdict(list)
    total = found = 0
    for doc, items in gold_by_doc.items():
        text = (corpus / "articles" / f"{doc}.txt").read_text(encoding="utf-8")
        preds = by_doc.get(doc, [])
        for p in preds:
            p["_bag"] = sc.tokens(p["content"])
            at = text.find(p["content"])
            p["_at"] = (at, at + len(p["content"])) if at >= 0 else None
        direct = sorted((g for g in items if sc.is_direct(g["content"])), key=lambda g: g["content_spans"][0][0])
        for g in direct:
            if not (g.get("required") and sc.judgeable(g)):
                continue
            total += 1
            bag = sc.tokens(g["content"])
            finders = [p for p in preds if sc.finds(p["_bag"], bag)]
            if any(sc.speaker_match(p["speaker"], g["speakers"]) for p in finders):
                found += 1
                continue
            lo, hi = g["content_spans"][0][0], g["content_spans"][-1][1]
            if finders:
                before = [h for h in direct if h["content_spans"][0][0] < lo]
                prev = before[-1]["speakers"] if before else []
                cls, p = source_class(sc, text, g, finders[0], prev), finders[0]
            else:
                over = [p for p in preds if p["_at"] and p["_at"][0] < hi and p["_at"][1] > lo]
                p = max(over, key=lambda p: min(p["_at"][1], hi) - max(p["_at"][0], lo)) if over else None
                cls = boundary_class(text, g, *p["_at"]) if p else missing_class(text, g)
            counts[cls] += 1
            shown[cls].append((doc, g["speakers"], g["content"][:160], p and p.get("speaker"),
                               p and p.get("frame"), p and p["content"][:160]))
    return total, found, counts, shown


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pred", type=Path)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "polnear-train")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--examples", nargs=2, metavar=("CLASS", "N"), help="print N misses of classes starting CLASS")
    a = ap.parse_args()
    sc = load_score(a.shared)
    gold = [json.loads(line) for line in open(a.corpus / "gold.jsonl", encoding="utf-8") if line.strip()]
    pred = [json.loads(line) for line in open(a.pred, encoding="utf-8") if line.strip()]
    total, found, counts, shown = classify(sc, a.corpus, gold, pred)
    print(f"direct, required, speaker-judged: {total}; found with a gold speaker {found} ({found / total:.4f}); "
          f"missed {total - found}")
    for group in ("src:", "bound:", "miss:"):
        print(f"{group:30}{sum(v for k, v in counts.items() if k.startswith(group)):>6}")
        for k, v in sorted(counts.items(), key=lambda kv: -kv[1]):
            if k.startswith(group):
                print(f"  {k:28}{v:>6}")
    if a.examples:
        for k, rows in shown.items():
            if k.startswith(a.examples[0]):
                for row in rows[:int(a.examples[1])]:
                    print(k, json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
