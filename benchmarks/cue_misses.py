"""Where cue recall goes: every gold attribution of the training split, classified by why the
pipeline finds its content or not, on cross-validation folds (each article extracted with the cue
model of the folds it was not trained on, as ``extraction_cv.py`` caches them).

Causes, for a gold attribution whose content no kept claim finds (score.py's rule):
- ``dropped_by_floor``: a claim at its cue, under the confidence floor;
- ``content_wrong``: a kept claim at its cue, with other boundaries;
- ``rule:...`` / ``model:...``: no claim at its cue; ``rule`` when its first word is a rule cue word.
  Then the cue model's verdict on the cue's tokens (the most telling one): ``not_candidate`` (no
  form of the vocabulary: lexicon), ``below<0.2`` / ``below>=0.2`` (scored under the threshold),
  ``accepted:no_source`` (no speaker found), ``accepted:phrase_rejected`` (a speaker phrase that is no
  noun phrase), ``accepted:short`` (content under two words), ``accepted:placed`` (placed, then covered
  or taken by another cue), ``in_content`` / ``conditional`` / ``quoted`` (skipped by those rules).

    python benchmarks/cue_misses.py [--folds 5] [--only 0,1] [--examples 15] [--out rows.jsonl] [--kinds]

``--kinds`` adds a table of the same attributions by the kind of their cue's head word (a verb of the
rules' lexicon, another verb or word, a noun, "according to", a preposition, a raising or evidential
verb, an adjective of stance, punctuation) against the stage that loses them: which kinds of cue the
pipeline misses, and where.

A diagnostic: it observes the cue stage by wrapping ``claims.cues.learned`` (same filters, same
model, same span code) and changes nothing.
"""
from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import extraction_cv as cv  # noqa: E402

from articles.extraction import extract_article  # noqa: E402
from articles.extraction.claims import content, cues, pipeline, sources  # noqa: E402
from articles.extraction.learned.corpus import cue_head, read_corpus  # noqa: E402
from articles.extraction.learned.features import cue_features  # noqa: E402
from articles.extraction.lexicon import CUE_LEMMA  # noqa: E402

VERDICTS: dict[int, str] = {}  # token start -> the cue stage's verdict, for the article being extracted
_LEARNED = cues.learned


def _skipped(st, sent, tokens, i: int, quoted) -> str | None:
    """Why the cue stage does not score token i, or None when it does."""
    tok = tokens[i]
    if quoted[i]:
        return "quoted"
    if not st.model.is_candidate(tok.low):
        return "not_candidate"
    if tok.start in st.cue_at:
        return "rule_cue"
    if st.in_content(tok.start) or st.in_quote(tok.start):
        return "in_content"
    if cues.conditional(st, sent, tok.start):
        return "conditional"
    return None


def _verdict(st, sent, tokens, i: int, rng, quoted, quotes, head: bool) -> str:
    skipped = _skipped(st, sent, tokens, i, quoted)
    if skipped:
        return skipped
    p_none, p_after, p_before = st.model.predict(cue_features(tokens, i, rng[0], rng[1], quoted, head))
    if 1 - p_none < st.threshold:
        return "below<0.2" if 1 - p_none < 0.2 else "below>=0.2"
    placed = cues._learned_span(st, sent, tokens, i, rng[1], p_after >= p_before, quotes)
    if placed is None:
        return "accepted:no_span"
    if placed[2] is None:
        return "accepted:no_source"
    a, b = content.trim(st, "reported", placed[0], placed[1])
    if b - a < 3 or len(re.findall(r"\w+", st.text[a:min(b, a + 200)])) < 2:
        return "accepted:short"
    phrase = sources.source_phrase(st, placed[2])
    if phrase is None or not phrase.text.strip():
        return "accepted:phrase_rejected"
    return "accepted:placed"


def _observed(st, bi, sent, tokens, rng, quoted, quotes, used, head=False):
    for i in range(*rng):
        VERDICTS[tokens[i].start] = _verdict(st, sent, tokens, i, rng, quoted, quotes, head)
    return _LEARNED(st, bi, sent, tokens, rng, quoted, quotes, used, head)


_RANK = ["accepted:placed", "accepted:phrase_rejected", "accepted:no_source", "accepted:short", "accepted:no_span",
         "below>=0.2", "below<0.2", "in_content", "conditional", "rule_cue", "quoted", "not_candidate"]


def classify(g: dict, text: str, claims, floor: float, sc) -> str:
    spans = g["cue_spans"]
    gb = sc.tokens(g["content"])
    at = [c for c in claims if c.cue_start is not None and any(s <= c.cue_start < e for s, e in spans)]
    kept = [c for c in claims if c.confidence >= floor]
    if any(sc.finds(sc.tokens(c.text), gb) for c in kept):
        return "found"
    if at:
        return "content_wrong" if any(c.confidence >= floor for c in at) else "dropped_by_floor"
    seen = [VERDICTS[p] for s, e in spans for p in range(s, e) if p in VERDICTS]
    best = min(seen, key=_RANK.index) if seen else "none"
    first = text[spans[0][0]:spans[0][1]].split()
    word = first[0].lower() if first else ""
    return ("rule:" if word in CUE_LEMMA or word == "according" else "model:") + best


# Rough word classes of a cue's head word, for the --kinds table only (no part-of-speech tagger): a
# diagnostic's approximation, not the extractor's lexicon.
_PREPOSITIONS = frozenset("in for of to on from by about with under over against among after at into as through".split())
_RAISING = re.compile(r"(?:seem|appear)(?:s|ed|ing)?|expect\w*|(?:un)?likely|known|reportedly|apparently|allegedly|"
                      r"supposedly|presumably|clearly|obviously")
_STANCE_ADJECTIVES = frozenset("""worried concerned confident sure unclear clear aware eager happy angry skeptical critical
opposed afraid proud optimistic pessimistic hopeful certain convinced unhappy upset frustrated furious careful open
interested willing ready nervous wary determined adamant vocal supportive dismissive""".split())
_NOUNS = frozenset("""claim claims statement statements report reports view views belief support criticism plan plans
promise promises call calls question questions idea argument case message warning speech interview letter memo poll
polls survey study data decision proposal suggestion assertion charge charges allegation allegations complaint
complaints rhetoric remarks comments comment words tweet tweets post vote votes push bid effort demand demands pledge
pledges hope hopes fear fears concern concerns sense attack attacks praise""".split())
_NOUN_SUFFIX = re.compile(r"(?:tion|sion|ment|ance|ence|ism|ity|ship|ness)s?$")
_DETERMINERS = frozenset("the a an his her their its our my your this these those".split())


def cue_kind(text: str, span: list[int], cue: str) -> str:
    """The kind of a gold cue, by its head word (``corpus.cue_head``) and the word before it."""
    h = cue_head(text, span[0], span[1])
    m = re.match(r"[\w’'\-]+|\S", text[h:])
    w = m.group().lower() if m else ""
    before = re.findall(r"[\w’'\-]+|[^\w\s]", text[max(0, h - 40):h])
    prev = before[-1].lower() if before else ""
    if cue.lower().startswith("according"):
        return "according to"
    if not any(c.isalpha() for c in w):
        return "punctuation"
    if w in _PREPOSITIONS:
        return "preposition"
    if _RAISING.fullmatch(w):
        return "raising/evidential"
    if w in _STANCE_ADJECTIVES:
        return "adjective of stance"
    if w in _NOUNS or _NOUN_SUFFIX.search(w) or ((prev in _DETERMINERS or prev.endswith(("'s", "’s")))
                                                 and not w.endswith("ed")):
        return "noun"
    return "verb, lexicon" if w in CUE_LEMMA else "other verb/word"


def stage(cause: str) -> str:
    """Where a cause loses the attribution (the columns of the --kinds table)."""
    if cause in ("found", "dropped_by_floor", "content_wrong"):
        return {"dropped_by_floor": "floor", "content_wrong": "boundaries"}.get(cause, cause)
    verdict = cause.split(":", 1)[1]
    if verdict.startswith("below"):
        return "scored_under"
    if verdict.startswith("accepted"):
        return "cue_no_claim"
    return "not_candidate" if verdict == "not_candidate" else "skipped"


def kinds_table(rows: list[dict]) -> str:
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        table[r["kind_of_cue"]][stage(r["cause"])] += 1
    cols = ["found", "scored_under", "floor", "not_candidate", "cue_no_claim", "boundaries", "skipped"]
    lines = [f"{'kind of cue':20}{'gold':>7}{'missed':>8}" + "".join(f"{c:>14}" for c in cols)]
    for kind, c in sorted(table.items(), key=lambda kv: -sum(kv[1].values())):
        n = sum(c.values())
        lines.append(f"{kind:20}{n:7}{n - c['found']:8}" + "".join(f"{c[x]:14}" for x in cols))
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "polnear-train")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/claimsdb-cv-models"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--only", default="", help="comma-separated fold numbers (default: all)")
    ap.add_argument("--examples", type=int, default=12, help="cue words listed per cause")
    ap.add_argument("--out", type=Path, help="one JSON line per gold attribution: doc, cue span, cue, cause")
    ap.add_argument("--kinds", action="store_true", help="a table by the kind of cue against where it is lost")
    a = ap.parse_args()
    sc = cv.load_score(a.shared)
    docs = read_corpus(a.corpus)
    gold: dict[str, list[dict]] = defaultdict(list)
    for g in cv.read_gold(a.corpus):
        gold[g["doc"]].append(g)
    pipeline.cues.learned = _observed
    folds = [int(k) for k in a.only.split(",")] if a.only else range(a.folds)
    counts: Counter[str] = Counter()
    words: dict[str, Counter[str]] = defaultdict(Counter)
    rows = []
    for k in folds:
        model = copy.copy(cv.fold_model(docs, k, a.folds, a.cache / cv.code_key() / f"fold{k}-of{a.folds}.json", False))
        model.calibration = dict(model.calibration)
        floor = model.calibration.get("min_confidence", 0.0)
        model.calibration["min_confidence"] = 0.0  # every claim, to tell the ones the floor drops
        for i, doc in enumerate(docs):
            if i % a.folds != k:
                continue
            VERDICTS.clear()
            ex = extract_article(doc.article, model=model)
            for g in gold.get(doc.name, []):
                if not g.get("cue_spans") or not g.get("required", True) or not sc.size(sc.tokens(g["content"])):
                    continue
                cause = classify(g, doc.article.text, ex.claims, floor, sc)
                counts[cause] += 1
                words[cause][g["cue"].lower()] += 1
                rows.append({"doc": doc.name, "cue_span": g["cue_spans"][0], "cue": g["cue"], "kind": g["kind"],
                             "cause": cause,
                             "kind_of_cue": cue_kind(doc.article.text, g["cue_spans"][0], g["cue"])})
    total = sum(counts.values())
    print(f"{total} gold attributions with a cue and content ({len(list(folds))} of {a.folds} folds)")
    for cause, n in counts.most_common():
        common = ", ".join(f"{w} {m}" for w, m in words[cause].most_common(a.examples))
        print(f"{cause:28} {n:6} {n / total:6.3f}  {common}")
    if a.kinds:
        print(kinds_table(rows))
    if a.out:
        a.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
