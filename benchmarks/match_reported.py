"""Second-stage encoder columns for the debate sentences (issue #23, m2b3): measured, not kept.

Each variant adds three columns to model 2.6's (``--groups base,date_near,dense``): a cosine of the
fact-check's claim with the text as the encoder sees it, absolute, as the gap to the library's best
and as a rank (the shape of ``dense.FEATURES``), computed over the whole library. The candidates
are the training command's own (its ``--cache``); only the ranker's columns change:

- ``reported``: the text in the reported form PolitiFact writes its claims in ("I voted against
  the war" -> "Says he voted against the war": ``reported``), its cosine with each claim;
  ``reported1`` the same with the singular pronouns only; ``reported_fp`` (without "Says") and
  ``reported_says_fp`` only for a text in the first person (others keep the text's own cosine);
- ``rocchio``: pseudo-relevance feedback on the encoder's vectors (the text's vector plus half the
  mean of its three nearest claims', renormalised);
- ``quote``: the text's cosine with the words a fact-check quotes ('Wages "haven't gone up for a
  long time."': the speaker's own words, as a debate sentence says them), the claim's own cosine
  for a check that quotes nothing or only itself;
- ``quote_cover``: the share of the quoted words' stems the text holds (lexical, no encoder) and
  whether the check quotes at all (a column free to take either sign); ``quote_words`` the share
  alone, ``quote_flag`` the flag alone, ``quote_posts`` both for a social-media post only
  (``genre.posted``: every tweet, no debate sentence).

Measured as ``python -m articles.matching.train --cv 4`` measures (its folds by debate, restatements
always in training, L2 1000, monotone evidence), then dev (the fit on all training; MAP@5 over the
candidate sets, without duplicate grouping: comparable within one run, not with ``match_eval.py``).
Needs the training command's feature cache and the encoder's vectors of the libraries:

    python -m articles.matching.train --tweets ../shared/checkthat-2020-task2 \\
        --speech ../shared/checkthat-2021-task2b --news-claims NEWS --groups base,date_near,dense \\
        --dense-cache /tmp/dense --cache /tmp/feat --cv 4 --cv-only
    python benchmarks/match_reported.py --cache /tmp/feat --dense-cache /tmp/dense

(``NEWS`` may be an empty file for the CV: news claims are the calibration's negatives only.)
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.matching import claimreview, encoder, genre, quotes, ranker, text, train  # noqa: E402
from articles.matching.quotes import quoted  # noqa: E402,F401 (the one definition: index, training, here)

# The speaker's own pronouns in the reported third person (the speaker's gender is not known from
# the text alone).
_SINGULAR = {"i": "he", "me": "him", "my": "his", "mine": "his", "myself": "himself"}
_PLURAL = {"we": "they", "us": "them", "our": "their", "ours": "theirs", "ourselves": "themselves"}
_CONTRACTED = {"i'm": "he's", "i've": "he's", "i'll": "he'll", "i'd": "he'd",
               "we're": "they're", "we've": "they've", "we'll": "they'll", "we'd": "they'd"}
_AGREE = {"am": "is", "have": "has", "do": "does", "don't": "doesn't"}  # after "I"
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_SAYS = re.compile(r"^\s*says\b", re.IGNORECASE)
NAMES = ["extra_abs", "extra_gap", "extra_rank"]
VARIANTS = ("reported", "reported1", "reported_fp", "reported_says_fp", "rocchio", "quote", "quote_cover",
            "quote_words", "quote_flag", "quote_posts")


def _own(word: str, plural: bool) -> bool:
    low = word.lower().replace("’", "'")
    return low in _SINGULAR or (plural and low in _PLURAL) or (low in _CONTRACTED and (plural or low[0] == "i"))


def first_person(text_: str, plural: bool = True) -> bool:
    """Whether the text speaks of its speaker in the first person."""
    return any(_own(t, plural) for t in _TOKEN.findall(text_))


def reported(text_: str, plural: bool = True, says: bool = True) -> str:
    """``text_`` as a fact-check reports it: the speaker's pronouns in the third person (``plural``:
    "we", "our" too), the auxiliary after "I" agreeing ("I am" -> "he is"), "Says" before it
    (``says``). A text that starts with "Says" comes back as is."""
    if _SAYS.match(text_):
        return text_
    table = {**_SINGULAR, **(_PLURAL if plural else {})}
    out, last, after_i = [], 0, False
    for m in _TOKEN.finditer(text_):
        low = m.group(0).lower().replace("’", "'")
        new = (_CONTRACTED[low] if low in _CONTRACTED and (plural or low[0] == "i") else table.get(low)
               or (_AGREE.get(low) if after_i else None))
        after_i = low == "i"
        if new is not None:
            out += [text_[last:m.start()], new]
            last = m.end()
    body = "".join(out) + text_[last:]
    return f"Says {body.strip()}" if says else body


def query_text(variant: str, q: str) -> str:
    if variant == "reported":
        return reported(q)
    if variant == "reported1":
        return reported(q, plural=False)
    if variant == "reported_fp":
        return reported(q, says=False) if first_person(q) else q
    if variant == "reported_says_fp":
        return reported(q) if first_person(q) else q
    return q


def score_columns(s: np.ndarray, c: np.ndarray) -> np.ndarray:
    """A library-wide score's columns for the candidates ``c``: absolute, gap to the best, rank."""
    x = s[c]
    return np.column_stack([x, x - s.max(), 1.0 / (1.0 + ranker._rank(s, x))]).astype(np.float32)


class Side:
    """One library's claim vectors, its quotes' vectors and words, and the queries' vectors."""

    def __init__(self, lib, reviews, vec: dict):
        self.claims = lib.dense["claim"]
        said = [quoted(text.clean_reviewed(r.claim_reviewed)) for r in reviews]
        has = [i for i, q in enumerate(said) if q]
        self.quote_vecs = np.array(self.claims, copy=True)
        if has:
            self.quote_vecs[has] = encoder.encode([said[i] for i in has])
        self.quote_words = [quotes.words(text.clean_reviewed(r.claim_reviewed)) for r in reviews]
        self.vec = vec

    def columns(self, variant: str, c: np.ndarray, t: str) -> np.ndarray:
        q = text.clean_query(t)
        if variant == "quote_posts":  # quote_cover for a social-media post only (genre.posted)
            return self.columns("quote_cover", c, t) * np.float32(genre.posted(t))
        if variant in ("quote_cover", "quote_words", "quote_flag"):
            words = set(text.words(q))
            cover = [quotes.cover(words, self.quote_words[i]) for i in c]
            flag = [1.0 if self.quote_words[i] else 0.0 for i in c]
            cols = [cover if variant != "quote_flag" else [0.0] * len(c), flag if variant != "quote_words" else
                    [0.0] * len(c), [0.0] * len(c)]
            return np.column_stack(cols).astype(np.float32)
        if variant == "quote":
            return score_columns(self.quote_vecs @ self.vec[q], c)
        if variant == "rocchio":
            v = self.vec[q]
            top = np.argpartition(-(self.claims @ v), 3)[:3]
            v = v + 0.5 * self.claims[top].mean(0)
            return score_columns(self.claims @ (v / np.linalg.norm(v)), c)
        return score_columns(self.claims @ self.vec[query_text(variant, q)], c)


def cross_validated(by_name: dict, extra: list, features: list[str], folds_n: int = 4):
    """``train.cross_validate``'s figures, and each held-out query's AP (for paired comparison)."""
    out, aps = {}, {}
    for name, sets in by_name.items():
        others = [s for n, ss in by_name.items() if n != name for s in ss] + extra
        plain_n = len(sets) // 2 if name == "speech" else len(sets)
        ap = np.zeros(len(sets))
        fold = train.fold_of_groups([s[0] for s in sets], folds_n)
        for f in range(folds_n):
            model = train.fit_model([s for i, s in enumerate(sets) if fold[i] != f] + others, [], 1000.0, 20,
                                    features=features)
            for i in np.flatnonzero(np.asarray(fold) == f):
                ap[i] = train.set_map(model, [sets[i]])
        out[name] = round(float(ap[:plain_n].mean()), 4)
        if len(sets) > plain_n:
            out[f"{name}_context"] = round(float(ap[plain_n:].mean()), 4)
        out.update(train.by_year(name, [s[0] for s in sets], list(ap), plain_n))
        aps[name] = ap[:plain_n]
    return out, aps


def _maker(lib_docids, queries, rel, ctx):
    lib, docids = lib_docids
    return lambda: train.candidate_sets(lib, queries, rel, docids, 20, ctx)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", required=True, type=Path, help="the training command's --cache folder")
    ap.add_argument("--dense-cache", required=True, type=Path, help="the training command's --dense-cache folder")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--variants", default=",".join(VARIANTS))
    a = ap.parse_args(argv)
    folders = {"tweets": a.shared / "checkthat-2020-task2", "speech": a.shared / "checkthat-2021-task2b"}
    libs, _ = train.load_libraries(folders, a.dense_cache, True)
    sets = {n: train.cached(a.cache / f"{n}.npz", None) for n in folders}
    restated = {n: train.cached(a.cache / f"restated_{n}.npz", None) for n in folders}
    dev = {}
    for n, folder in folders.items():
        q, rel = train.read_split(folder / "dev")
        for name, ctx in ((f"dev_{n}", None), (f"dev_{n}_context", train.read_context(folder / "dev") or None)):
            if name == f"dev_{n}" or ctx:
                dev[name] = (n, train.cached(a.cache / f"{name}.npz", _maker(libs[n], q, rel, ctx)))
    groups = {"tweets": ("tweets", sets["tweets"]), "speech": ("speech", sets["speech"]),
              "restated_tweets": ("tweets", restated["tweets"]), "restated_speech": ("speech", restated["speech"]),
              **dev}
    variants = [v for v in a.variants.split(",") if v]
    texts = {text.clean_query(t) for _, ss in groups.values() for *_, t in ss}
    texts |= {query_text(v, q) for v in variants for q in texts}
    texts = sorted(texts)
    vec = dict(zip(texts, encoder.encode(texts), strict=True))
    sides = {}
    for n, folder in folders.items():
        reviews = [r for _, r in claimreview.read(folder / "factchecks.jsonl") if isinstance(r, claimreview.Review)]
        sides[n] = Side(libs[n][0], reviews, vec)
    base_features = train.features_of(["base", "date_near", "dense"])
    base_aps = None
    for variant in ["model 2.6"] + variants:
        if variant == "model 2.6":
            ext = {g: ss for g, (_, ss) in groups.items()}
            features = base_features
        else:  # the variant's columns after every other (a model selects its columns by name)
            ranker.FEATURES = train.FEATURES = list(_FEATURES) + NAMES
            # the share of the quoted words is evidence; whether a check quotes at all is not
            train.EVIDENCE = _EVIDENCE | frozenset(NAMES[:1] if variant.startswith("quote_") else NAMES)
            ext = {g: [(q, c, np.hstack([x, sides[n].columns(variant, c, t)]), y, t) for q, c, x, y, t in ss]
                   for g, (n, ss) in groups.items()}
            features = base_features + NAMES
        res, aps = cross_validated({"tweets": ext["tweets"], "speech": ext["speech"]},
                                   ext["restated_tweets"] + ext["restated_speech"], features)
        model = train.fit_model(ext["tweets"] + ext["speech"] + ext["restated_tweets"] + ext["restated_speech"], [],
                                1000.0, 20, features=features)
        res.update({g: round(train.set_map(model, ext[g]), 4) for g in dev})
        if base_aps is None:
            base_aps = aps
        else:
            w = dict(zip(model.features, model.weights.tolist(), strict=True))
            res["weights"] = {k: round(w[k], 3) for k in NAMES}
            for n, d in ((n, aps[n] - base_aps[n]) for n in aps):
                res[f"{n}_vs_2.6"] = (f"{d.mean():+.4f} (se {d.std(ddof=1) / np.sqrt(len(d)):.4f}; "
                                      f"{int((d > 0).sum())} better, {int((d < 0).sum())} worse)")
        print(variant, json.dumps(res), flush=True)
        ranker.FEATURES, train.FEATURES, train.EVIDENCE = _FEATURES, _FEATURES, _EVIDENCE
    return 0


_FEATURES, _EVIDENCE = ranker.FEATURES, ranker.EVIDENCE

if __name__ == "__main__":
    sys.exit(main())
