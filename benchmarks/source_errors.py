"""Where speaker accuracy and the claims without a speaker go, by mechanism (issue #22).

    python benchmarks/source_errors.py [--split ../shared/polnear-train] [--examples CLASS N]

Extracts a split with the shipped models (the cue model is in-sample on the training split; the
rules, the antecedent ranker and the source resolver are what is looked at) and scores it with
``../shared/tools/score.py``'s rules. Two tables:

1. **Wrong sources.** Speaker accuracy is end-to-end precision over content precision: its
   denominator is the claims whose content is right and whose overlapping gold can be speaker-judged.
   Each such claim whose speaker shares no name word with that gold is put in the first class that fits:

   - ``no_name:<kind>``: it names nobody (``source_kinds``: pronoun, group, document, unresolved),
     split by whether the gold's name is one of the article's people or organisations;
   - ``pronoun``: its words are a lone "he"/"she" resolved to the wrong person (``gold_named``: the
     gold's name is one of our people; ``src_differs``: the gold source is other words than the
     pronoun, i.e. the claim's cue or frame is the fault, not the antecedent; ``gender``: the person
     chosen is known to be of the other gender);
   - ``continuation``: a quotation no cue claimed, given the previous speaker's voice;
   - ``hearer``: the name follows "told", "to", "with", "asked" or "interview" near the attribution;
   - ``in_content``: the name is among the gold content's words (spoken of, not speaking);
   - ``org_for_person`` / ``person_for_org``: the gold's name is a person (an organisation) of the
     article and the claim gave an organisation (a person);
   - ``gold_no_entity``: the gold's name is none of the article's records (descriptive: it opens
     lower case, "the former governor"; else a name the entity finder missed or merged);
   - ``other``: another record of the article.

2. **Claims without a speaker** (neither a person nor an organisation), by their source kind and
   by what the gold overlapping them says: their words already share a name word with the gold
   (``words_match``: score.py credits them), the gold names nobody (``gold_unjudgeable``), the gold's
   name is a person / organisation of the article (``gold_person`` / ``gold_org``: a link would be
   right), or neither (``gold_words``), or no gold overlaps (``no_gold``).

Nothing here is learned from.
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.extraction import extract_article  # noqa: E402
from articles.extraction.claims.source_kinds import source_kind  # noqa: E402
from articles.extraction.learned.corpus import read_corpus  # noqa: E402

SUBJECT = {"he": "m", "she": "f"}
_HEARER = r"\b(?:told|to|with|asked|interview)\s+(?:\S+\s+){0,3}"


def load_score(shared: Path):
    spec = importlib.util.spec_from_file_location("polnear_score", shared / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def rows_of(doc) -> list[dict]:
    """The article's claims as the scorer reads them, with what the classes need."""
    ex = extract_article(doc.article)
    people = [e.name for e in ex.entities if e.kind == "person"]
    orgs = [e.name for e in ex.entities if e.kind != "person"]
    out = []
    for c in ex.claims:
        ent = ex.entities[c.speaker] if c.speaker is not None else None
        person = ent is not None and ent.kind == "person"
        out.append({"content": c.text, "speaker": (ent.name if ent else None) or c.speaker_text or None,
                    "named": ent is not None, "person": person, "gender": ent.gender if ent else "",
                    "words": c.speaker_text or "", "frame": c.frame,
                    "kind": source_kind(person, ent is not None and not person, c.speaker_text),
                    "people": people, "orgs": orgs})
    return out


def _known(sc, names: list[str], gold_words: set[str]) -> bool:
    return any(sc.name_words(n) & gold_words for n in names)


def _pronoun_class(p: dict, words: str, gold_source: str, named: bool) -> str:
    cls = "pronoun:" + ("gold_named" if named else "gold_not_named")
    if gold_source.lower() != words:
        cls += ":src_differs"
    if p["gender"] and p["gender"] != SUBJECT[words]:
        cls += ":gender"
    return cls


def wrong_class(sc, text: str, g: dict, p: dict) -> str:
    gold_words = set().union(*[sc.name_words(s) for s in g["speakers"]])
    in_people, in_orgs = _known(sc, p["people"], gold_words), _known(sc, p["orgs"], gold_words)
    spans = g.get("source_spans") or []
    gold_source = " ".join(text[a:b] for a, b in spans).strip()
    words = p["words"].strip().lower()
    if not sc.name_words(p["speaker"]):
        where = "gold_person" if in_people else "gold_org" if in_orgs else "gold_words"
        return f"no_name:{p['kind']}:{where}"
    if words in SUBJECT:
        return _pronoun_class(p, words, gold_source, in_people or in_orgs)
    if p["frame"] == "continuation":
        return "continuation"
    lo = min([a for a, _ in spans + (g.get("content_spans") or [])], default=0)
    hi = max([b for _, b in spans + (g.get("content_spans") or [])], default=0)
    if re.search(_HEARER + re.escape(p["speaker"].split()[-1]), text[max(0, lo - 200):hi + 200]):
        return "hearer"
    if sc.name_words(p["speaker"]) & sc.name_words(g["content"]):
        return "in_content"
    if p["named"] and not p["person"] and in_people:
        return "org_for_person"
    if p["person"] and in_orgs and not in_people:
        return "person_for_org"
    if not (in_people or in_orgs):
        return "gold_no_entity:" + ("descriptive" if gold_source[:1].islower() else "name")
    return "other"


def unnamed_class(sc, golds: list[dict], p: dict) -> str:
    pb = sc.tokens(p["content"])
    cover = [g for g in golds if sc.overlaps(pb, sc.tokens(g["content"]))]
    if not cover:
        return "no_gold"
    g = cover[0]
    gold_words = set().union(*[sc.name_words(s) for s in g["speakers"] or []])
    if sc.speaker_match(p["speaker"], g["speakers"]):
        return "words_match"
    if not gold_words:
        return "gold_unjudgeable"
    if _known(sc, p["people"], gold_words):
        return "gold_person"
    if _known(sc, p["orgs"], gold_words):
        return "gold_org"
    return "gold_words"


def collect(sc, docs) -> tuple[collections.Counter, collections.Counter, dict, int, int, int]:
    wrong: collections.Counter = collections.Counter()
    unnamed: collections.Counter = collections.Counter()
    shown: dict = collections.defaultdict(list)
    judged = right = claims = 0
    for doc in docs:
        text, golds = doc.article.text, doc.gold
        gbags = [sc.tokens(g["content"]) for g in golds]
        for p in rows_of(doc):
            claims += 1
            if not p["named"]:
                unnamed[(p["kind"], unnamed_class(sc, golds, p))] += 1
            pb = sc.tokens(p["content"])
            if not sc.size(pb) or not sc.covered(pb, gbags):
                continue
            covering = [(g, gb) for g, gb in zip(golds, gbags, strict=True) if sc.overlaps(pb, gb)]
            judgeable = [g for g, _ in covering if sc.judgeable(g)]
            excused = not sc.name_words(p["speaker"]) and any(
                sc.finds(pb, gb) and not sc.judgeable(g) for g, gb in covering)
            if not judgeable or excused:
                continue
            judged += 1
            if any(sc.speaker_match(p["speaker"], g["speakers"]) for g in judgeable):
                right += 1
                continue
            cls = wrong_class(sc, text, judgeable[0], p)
            wrong[cls] += 1
            shown[cls].append((judgeable[0]["speakers"], p["speaker"], p["words"], p["frame"], p["content"][:80]))
    return wrong, unnamed, shown, judged, right, claims


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", type=Path, default=ROOT.parent / "shared" / "polnear-train")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--examples", nargs=2, metavar=("CLASS", "N"), help="print N examples of classes starting CLASS")
    a = ap.parse_args()
    sc = load_score(a.shared)
    wrong, unnamed, shown, judged, right, claims = collect(sc, read_corpus(a.split))
    print(f"speaker-judged claims with a right content: {judged}, right speaker {right} ({right / max(1, judged):.4f})")
    print(f"{'wrong source class':44}{'claims':>8}")
    for cls, n in wrong.most_common():
        print(f"{cls:44}{n:>8}")
    n_unnamed = sum(unnamed.values())
    print(f"\nclaims without a speaker: {n_unnamed} of {claims} ({n_unnamed / max(1, claims):.2%})")
    print(f"{'kind':12}{'gold':20}{'claims':>8}")
    for (kind, cls), n in unnamed.most_common():
        print(f"{kind:12}{cls:20}{n:>8}")
    if a.examples:
        prefix, n = a.examples[0], int(a.examples[1])
        for cls, rows in shown.items():
            if cls.startswith(prefix):
                for gold, spk, words, frame, content in rows[:n]:
                    print(f"{cls} | gold {gold} | predicted {spk!r} ({words!r}, {frame}) | {content}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
