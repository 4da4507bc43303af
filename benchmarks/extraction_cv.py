"""End-to-end extraction scores by k-fold cross-validation over an annotated training split, with the
development split beside them: the figure every change to the extractor quotes (issue #22: choose by
cross-validation on training data, confirm on dev).

For each fold the cue model and its confidence are trained on the other folds (``learned/train.py``'s
own functions, the shipped thresholds), the held-out articles are extracted with it, and the pooled
predictions are scored by ``../shared/tools/score.py``. Fold models are cached under ``--cache``, keyed
by a hash of the learned package's code; the rules are not in the key (retraining takes minutes, and
the cue model reads gold spans, not the rules), so after a rule change the confidence of a cached fold
model lags by one change: pass ``--retrain`` for the exact figure before a commit that changes scores.

    python benchmarks/extraction_cv.py [--corpus ../shared/polnear-train] [--dev ../shared/polnear-dev]
                                       [--folds 5] [--jobs 2] [--retrain] [--cue-threshold P]
                                       [--min-confidence C] [--json] [--out PRED.jsonl]
                                       [--only-folds 0 1]

``--floors 0.6 0.63 0.65`` chooses the confidence floor: every fold (and dev) is extracted once at the
lowest floor, then scored at each (one row per floor). ``high_content_p`` is the content precision of
the claims at confidence >= 0.8 (the editors' high band; issue #22 keeps it >= 0.93 on dev).

Reports content P/R, end-to-end P/R/F1, direct end-to-end recall, speaker accuracy (end-to-end P ÷
content P) and the share of claims with no speaker (neither a person nor an organisation).
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import importlib.util
import json
import os
import sys
import time
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.extraction import extract_article  # noqa: E402
from articles.extraction.learned import train as trainer  # noqa: E402
from articles.extraction.learned.confidence import UNJUDGED_FRAMES  # noqa: E402
from articles.extraction.learned.corpus import AnnotatedArticle, read_corpus  # noqa: E402
from articles.extraction.learned.model import CueModel, default_model  # noqa: E402

LEARNED = ROOT / "articles" / "extraction" / "learned"
KEY_FILES = ["features.py", "corpus.py", "train.py", "model.py", "confidence.py", "clusters.py", "word_clusters.txt"]


def load_score(shared: Path):
    spec = importlib.util.spec_from_file_location("polnear_score", shared / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def code_key() -> str:
    h = hashlib.sha256()
    for name in KEY_FILES + ["../tokens.py"]:
        if (LEARNED / name).exists():
            h.update((LEARNED / name).read_bytes())
    return h.hexdigest()[:12]


def fold_model(docs: list[AnnotatedArticle], k: int, folds: int, path: Path, retrain: bool) -> CueModel:
    if path.exists() and not retrain:
        return CueModel(json.loads(path.read_text(encoding="utf-8")))
    shipped = default_model()
    train = [d for i, d in enumerate(docs) if i % folds != k]
    model = trainer.train_cue_model(train)
    model.cue_threshold = shipped.cue_threshold
    model.calibration = trainer.train_confidence(train, model)
    for key in ("min_confidence", "bands"):
        if key in shipped.calibration:
            model.calibration[key] = shipped.calibration[key]
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed: several checkouts may share the cache.
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(model.to_json(), separators=(",", ":"), sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)
    return model


def predictions(docs: list[AnnotatedArticle], model: CueModel | None) -> list[dict]:
    rows = []
    for doc in docs:
        ex = extract_article(doc.article, model=model)
        for c in ex.claims:
            name = ex.entities[c.speaker].name if c.speaker is not None else None
            rows.append({"doc": doc.name, "content": c.text, "speaker": name or c.speaker_text or None,
                         "named": c.speaker is not None, "frame": c.frame, "confidence": c.confidence})
    return rows


def _fold(args) -> list[dict]:
    corpus, k, folds, path, retrain, threshold, floor = args
    docs = read_corpus(corpus)
    model = fold_model(docs, k, folds, path, retrain)
    if threshold is not None:
        model.cue_threshold = threshold
    if floor is not None:
        model.calibration["min_confidence"] = floor
    return predictions([d for i, d in enumerate(docs) if i % folds == k], model)


HIGH = 0.8  # the editors' high band: claims from here must reach content precision 0.93 (issue #22)


def at_floor(pred: list[dict], floor: float) -> list[dict]:
    """The claims a confidence floor keeps (as ``confidence.score_claims`` keeps them)."""
    return [p for p in pred if p["confidence"] >= floor or p["frame"] in UNJUDGED_FRAMES]


def figures(sc, gold: list[dict], pred: list[dict]) -> dict:
    m = sc.score(gold, pred)
    c, e, d = m["content"], m["end_to_end"], m["direct"]
    high = [p for p in pred if p["confidence"] >= HIGH]
    return {"high_content_p": round(sc.score(gold, high)["content"]["precision"], 4) if high else 0.0,
            "content_p": round(c["precision"], 4), "content_r": round(c["recall"], 4),
            "e2e_p": round(e["precision"], 4), "e2e_r": round(e["recall"], 4), "e2e_f1": round(e["f1"], 4),
            "direct_e2e_r": round(d["end_to_end_recall"], 4),
            "speaker_accuracy": round(e["precision"] / c["precision"], 4) if c["precision"] else 0.0,
            "no_speaker_share": round(sum(not p["named"] for p in pred) / len(pred), 4) if pred else 0.0,
            "claims": len(pred)}


def shipped_with(threshold: float | None, floor: float | None) -> CueModel | None:
    """The shipped model with the cue threshold and confidence floor given (None: its own)."""
    if threshold is None and floor is None:
        return None
    model = copy.copy(default_model())
    model.calibration = dict(model.calibration)
    if threshold is not None:
        model.cue_threshold = threshold
    if floor is not None:
        model.calibration["min_confidence"] = floor
    return model


def read_gold(split: Path) -> list[dict]:
    return [json.loads(line) for line in open(split / "gold.jsonl", encoding="utf-8") if line.strip()]


def held_out_gold(corpus: Path, folds: int, only: list[int] | None) -> list[dict]:
    """The gold of the articles the folds ``only`` hold out (all of it when None)."""
    gold = read_gold(corpus)
    if only is None:
        return gold
    held = {d.name for i, d in enumerate(read_corpus(corpus)) if i % folds in only}
    return [g for g in gold if g["doc"] in held]


def _checked(ap: argparse.ArgumentParser, a: argparse.Namespace) -> argparse.Namespace:
    """``--only-folds`` names folds that exist (one outside would train nothing and score empty gold)."""
    if a.only_folds is not None and not set(a.only_folds) <= set(range(a.folds)):
        ap.error(f"--only-folds {' '.join(map(str, a.only_folds))}: folds are 0 to {a.folds - 1} (--folds {a.folds})")
    return a


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "polnear-train")
    ap.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "polnear-dev",
                    help="scored with the shipped model beside the cross-validated figure ('' to skip)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/claimsdb-cv-models"))
    ap.add_argument("--retrain", action="store_true", help="train every fold model anew")
    ap.add_argument("--cue-threshold", type=float, default=None,
                    help="P(cue) from which a candidate is a cue, for every fold model and the dev model "
                         "(default: each model's own): how the shipped threshold is chosen by cross-validation")
    ap.add_argument("--min-confidence", type=float, default=None,
                    help="confidence under which a claim is dropped, for every fold model and the dev model "
                         "(default: each model's own): how the shipped floor is chosen by cross-validation")
    ap.add_argument("--floors", type=float, nargs="+", default=None, metavar="C",
                    help="score every fold (and dev) once at the lowest floor, then at each of these floors: "
                         "one row per floor (implies --min-confidence at the lowest)")
    ap.add_argument("--only-folds", type=int, nargs="+", default=None, metavar="K",
                    help="train and score these held-out folds only (0-based), against their articles' gold")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--out", type=Path, help="write the pooled cross-validated predictions here (JSON lines)")
    a = _checked(ap, ap.parse_args())
    for p in (a.corpus / "gold.jsonl", a.shared / "tools" / "score.py"):
        if not p.exists():
            print(f"error: {p}: not found", file=sys.stderr)
            return 1
    if a.floors:
        a.min_confidence = min(a.floors)
    sc = load_score(a.shared)
    t0 = time.perf_counter()
    key = code_key()
    jobs = [(a.corpus, k, a.folds, a.cache / key / f"fold{k}-of{a.folds}.json", a.retrain,
             a.cue_threshold, a.min_confidence) for k in range(a.folds)
            if a.only_folds is None or k in a.only_folds]
    with get_context("spawn").Pool(max(1, a.jobs)) as pool:
        pred = [row for rows in pool.map(_fold, jobs) for row in rows]
    splits = {"cv": (held_out_gold(a.corpus, a.folds, a.only_folds), pred)}
    out = {"folds": a.folds, "only_folds": a.only_folds, "models": str(a.cache / key),
           "seconds": round(time.perf_counter() - t0)}
    if a.out:
        a.out.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pred), encoding="utf-8")
    if a.dev and str(a.dev) and (a.dev / "gold.jsonl").exists():
        splits["dev"] = (read_gold(a.dev), predictions(read_corpus(a.dev), shipped_with(a.cue_threshold,
                                                                                         a.min_confidence)))
    rows = []  # (row name, split, floor)
    for split in splits:
        rows += [(f"{split}@{f:g}", split, f) for f in sorted(a.floors)] if a.floors else [(split, split, None)]
    for name, split, floor in rows:
        gold, preds = splits[split]
        out[name] = figures(sc, gold, preds if floor is None else at_floor(preds, floor))
    if a.json:
        print(json.dumps(out))
        return 0
    names = ["high_content_p", "content_p", "content_r", "e2e_p", "e2e_r", "e2e_f1", "direct_e2e_r",
             "speaker_accuracy", "no_speaker_share", "claims"]
    width = {n: max(9, len(n) + 1) for n in names}
    print(f"{'':9}" + "".join(f"{n:>{width[n]}}" for n in names))
    for name, _, _ in rows:
        print(f"{name:9}" + "".join(f"{out[name][n]:>{width[n]}}" for n in names))
    print(f"{a.folds}-fold over {a.corpus} ({out['seconds']} s; fold models in {out['models']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
