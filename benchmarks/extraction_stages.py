"""Each stage of the claim pipeline measured on its own, against the annotated attributions of a
PolNeAR split (gold.jsonl beside the articles: content_spans, cue_spans, source_spans):

- cues: precision and recall of the cues that made claims against the gold cues (a cue is right
  when its first character lies in a gold cue span of its article), rules and model apart;
- content given a gold cue: for each gold attribution whose cue the pipeline found, whether the
  claims of that cue have the gold content's boundaries (start, end, both; quotation marks, spaces,
  punctuation and a leading "that" ignored) and their token F1;
- sources given a gold content: for each gold attribution whose content a claim finds (>= 80% of
  its tokens, as ../shared/tools/score.py counts), whether that claim's speaker matches (score.py's
  name-word rule), and how often it names nobody;
- per frame: claims, content precision (score.py's rule) and speaker accuracy of the correct ones.

    python benchmarks/extraction_stages.py [--split ../shared/polnear-dev] [--json]
"""
import argparse
import importlib.util
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.extraction import extract_article, parse  # noqa: E402


def load_score(shared: Path):
    spec = importlib.util.spec_from_file_location("polnear_score", shared / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def core(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without quotation marks, spaces, punctuation and a leading "that" at its edges."""
    seg = text[start:end]
    m = re.match(r"(?:[\s“”\"'‘’,.:;—–\-]|that\s)+", seg, re.IGNORECASE)
    s = start + (m.end() if m else 0)
    t = re.search(r"[\s“”\"'‘’,.:;—–\-]+$", text[s:end])
    e = s + t.start() if t else end
    return s, max(s, e)


def token_f1(a: Counter, b: Counter) -> float:
    common = sum((a & b).values())
    if not common:
        return 0.0
    p, r = common / sum(a.values()), common / sum(b.values())
    return 2 * p * r / (p + r)


def speaker_name(claim, entities) -> str | None:
    if claim.speaker is not None:
        return entities[claim.speaker].name
    return claim.speaker_text or None


def cue_and_content(c: Counter, f1s: list[float], text: str, claims, golds: list[dict], sc) -> None:
    """Cues against the gold cues; then, for each gold cue found, the boundaries of its claims."""
    cue_spans = [(s, e) for g in golds for s, e in g.get("cue_spans") or []]
    by_cue: dict[int, list] = defaultdict(list)
    for cl in claims:
        if cl.cue_start is not None:
            by_cue[cl.cue_start].append(cl)
    for pos, cls in by_cue.items():
        origin = cls[0].origin
        c[f"cue_pred_{origin}"] += 1
        c[f"cue_pred_{origin}_ok"] += any(s <= pos < e for s, e in cue_spans)
    for g in golds:
        spans = g.get("cue_spans") or []
        if not spans:
            continue
        c["cue_gold"] += 1
        found = [pos for pos in by_cue if any(s <= pos < e for s, e in spans)]
        c["cue_gold_found"] += bool(found)
        if not found or not g.get("content_spans"):
            continue
        mine = [cl for pos in found for cl in by_cue[pos]]
        gs, ge = core(text, min(s for s, _ in g["content_spans"]), max(e for _, e in g["content_spans"]))
        ps, pe = core(text, min(cl.start for cl in mine), max(cl.end for cl in mine))
        c["content_given_cue"] += 1
        c["content_start_ok"] += ps == gs
        c["content_end_ok"] += pe == ge
        c["content_both_ok"] += ps == gs and pe == ge
        f1s.append(token_f1(sc.tokens(text[ps:pe]), sc.tokens(text[gs:ge])))


def sources(c: Counter, ex, golds: list[dict], gbags: list[Counter], pbags: list[Counter], sc) -> None:
    """For each judgeable gold attribution a claim finds: does a finding claim name its speaker?"""
    for g, gb in zip(golds, gbags, strict=True):
        if not g.get("required", True) or not sc.size(gb) or not sc.judgeable(g):
            continue
        finders = [cl for cl, pb in zip(ex.claims, pbags, strict=True) if sc.finds(pb, gb)]
        if not finders:
            continue
        c["source_given_content"] += 1
        c["source_ok"] += any(sc.speaker_match(speaker_name(cl, ex.entities), g["speakers"]) for cl in finders)
        c["source_none"] += all(cl.speaker is None for cl in finders)


def per_frame(frames: dict[str, Counter], ex, golds: list[dict], gbags: list[Counter], pbags: list[Counter], sc) -> None:
    for cl, pb in zip(ex.claims, pbags, strict=True):
        if not sc.size(pb):
            continue
        f = frames[cl.frame]
        f["claims"] += 1
        ok = sc.covered(pb, gbags)
        f["content_ok"] += ok
        judged = [g for g, gb in zip(golds, gbags, strict=True) if sc.overlaps(pb, gb) and sc.judgeable(g)]
        if ok and judged:
            f["judged"] += 1
            f["speaker_ok"] += any(sc.speaker_match(speaker_name(cl, ex.entities), g["speakers"]) for g in judged)


def measure(split: Path, sc) -> dict:
    gold_by_doc: dict[str, list[dict]] = defaultdict(list)
    for line in (split / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            gold_by_doc[g["doc"]].append(g)
    c = Counter()
    frames: dict[str, Counter] = defaultdict(Counter)
    f1s: list[float] = []
    for path in sorted((split / "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        ex = extract_article(parse(text))
        golds = gold_by_doc.get(path.stem, [])
        cue_and_content(c, f1s, text, ex.claims, golds, sc)
        gbags = [sc.tokens(g["content"]) for g in golds]
        pbags = [sc.tokens(cl.text) for cl in ex.claims]
        sources(c, ex, golds, gbags, pbags, sc)
        per_frame(frames, ex, golds, gbags, pbags, sc)
    return summary(c, frames, f1s)


def summary(c: Counter, frames: dict[str, Counter], f1s: list[float]) -> dict:
    def r(a, b):
        return round(c[a] / c[b], 3) if c[b] else None

    pred = c["cue_pred_rule"] + c["cue_pred_model"]
    ok = c["cue_pred_rule_ok"] + c["cue_pred_model_ok"]
    return {
        "cues": {"precision": round(ok / pred, 3) if pred else None, "recall": r("cue_gold_found", "cue_gold"),
                 "rules_precision": r("cue_pred_rule_ok", "cue_pred_rule"),
                 "model_precision": r("cue_pred_model_ok", "cue_pred_model"),
                 "predicted": pred, "gold": c["cue_gold"]},
        "content_given_gold_cue": {"n": c["content_given_cue"], "start": r("content_start_ok", "content_given_cue"),
                                   "end": r("content_end_ok", "content_given_cue"),
                                   "both": r("content_both_ok", "content_given_cue"),
                                   "token_f1": round(sum(f1s) / len(f1s), 3) if f1s else None},
        "source_given_gold_content": {"n": c["source_given_content"], "accuracy": r("source_ok", "source_given_content"),
                                      "no_entity": r("source_none", "source_given_content")},
        "frames": {name: {"claims": f["claims"], "content_precision": round(f["content_ok"] / f["claims"], 3),
                          "speaker_accuracy": round(f["speaker_ok"] / f["judged"], 3) if f["judged"] else None}
                   for name, f in sorted(frames.items(), key=lambda kv: -kv[1]["claims"])},
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", type=Path, default=ROOT.parent / "shared" / "polnear-dev",
                    help="a folder with articles/ and gold.jsonl")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    out = measure(args.split, load_score(args.split.parent))
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    cu, co, so = out["cues"], out["content_given_gold_cue"], out["source_given_gold_content"]
    print(f"cues                      P {cu['precision']}  R {cu['recall']}  (rules P {cu['rules_precision']}, "
          f"model P {cu['model_precision']}; {cu['predicted']} predicted, {cu['gold']} gold)")
    print(f"content given a gold cue  both ends {co['both']}  start {co['start']}  end {co['end']}  "
          f"token F1 {co['token_f1']}  (n {co['n']})")
    print(f"source given gold content accuracy {so['accuracy']}  no entity {so['no_entity']}  (n {so['n']})")
    print(f"{'frame':22} {'claims':>6} {'content P':>9} {'speaker acc':>11}")
    for name, f in out["frames"].items():
        print(f"{name or '-':22} {f['claims']:>6} {f['content_precision']:>9} {str(f['speaker_accuracy']):>11}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
