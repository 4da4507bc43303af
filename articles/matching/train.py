"""Learn the fusion of lexical, semantic and context evidence, and its calibration, from claims
paired with the fact-checks that review them, and from news claims that nearly never have one.

    python -m articles.matching.train \
        --tweets ../shared/checkthat-2020-task2 --speech ../shared/checkthat-2021-task2b \
        --news-claims /tmp/polnear-train-claims.jsonl

(the last file: ``python scripts/news_claims.py ../shared/polnear-train/articles /tmp/polnear-train-claims.jsonl``).
A set folder holds ``factchecks.jsonl`` and ``train/`` and ``dev/`` splits, each with
``tweets.queries.tsv`` (id, text), ``tweet-vclaim-pairs.qrels`` ("qid 0 docid 1"; a fact-check's docid
is the last path segment of its url) and, for speech, ``context.jsonl`` (speaker, previous lines).

The ranker is a pairwise logistic regression (each relevant candidate against each other candidate
of its query) over the tweets and the debate sentences (these once with their context, once
without, so the model serves callers with and without it). The calibration is a logistic
regression on each query's top candidates — the tweets, the sentences, and the news claims matched
against both libraries as negatives — over the score, its gap to the query's best, whether the text
is a checkable statement and its length. Dev splits only confirm. Deterministic: the same data give
the same file.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

import numpy as np

from ..checkworthiness import score as checkworthiness_scores
from . import claimreview, encoder, genre, quotes, text
from .dense import many as dense_many
from .ranker import (
    BACKGROUND_PATH,
    BASE_FEATURES,
    CALIBRATION_INPUTS,
    DENSE_FEATURES,
    EVIDENCE,
    FEATURES,
    MODEL_PATH,
    Context,
    Entry,
    Forest,
    Library,
    MatchModel,
    background_of,
    calibration_inputs,
    claimant_surname,
    entry_texts,
)

VERSION = "2.7"
CALIBRATION_TOP = 10
# The check-worthiness gate keeps this share of the training queries whose top answer is right and
# reaches "suggested": under it sit fragments and opinions (see choose_checkworthiness_gate).
GATE_KEEPS = 0.98


def read_split(folder: Path) -> tuple[list[tuple[str, str]], dict[str, set[str]]]:
    queries = []
    with open(folder / "tweets.queries.tsv", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                queries.append((parts[0], parts[1]))
    rel: dict[str, set[str]] = {}
    for line in open(folder / "tweet-vclaim-pairs.qrels", encoding="utf-8"):
        p = line.split()
        if len(p) >= 4 and p[3] != "0":
            rel.setdefault(p[0], set()).add(p[2])
    return queries, rel


_TITLES = re.compile(r"^(?:(?:mr|mrs|ms|dr|sen|senator|gov|governor|rep|president|vice president|secretary)\.?\s+)+",
                     re.IGNORECASE)
# transcript "speakers" that are nobody a fact-check could name
_NOBODY = frozenset({"system", "audience", "question", "questioner", "unknown", "unidentified", "crosstalk",
                     "reporter", "moderator", "announcer", "unidentified male", "unidentified female"})
# how many transcript lines before a sentence are searched for whom its speaker answers
ADDRESSEE_LINES = 30


def speaker_name(raw: str) -> str:
    """A transcript's speaker label as a name: "MR. ROMNEY" -> "Romney", "SEN. BERNIE SANDERS, I-VT"
    -> "Bernie Sanders"; "" for a label that names nobody ("SYSTEM", "QUESTION")."""
    name = _TITLES.sub("", raw.split(",")[0].split("(")[0].strip()).strip()
    if name.lower() in _NOBODY:
        return ""
    return name.title() if name.isupper() else name


def addressee_of(lines: list[tuple[str, str]], at: int, speaker: str) -> str:
    """Whom a sentence's speaker answers: of the other people who spoke in the ``ADDRESSEE_LINES``
    transcript lines before line ``at`` (``lines``: (line, speaker label)), the one with the most
    lines, the latest on a tie; "" in a speech nobody else speaks in."""
    count: dict[str, int] = {}
    last: dict[str, int] = {}
    me = speaker_name(speaker).lower()
    before = [(n, who) for n, who in lines if int(n) < at][-ADDRESSEE_LINES:]
    for k, (_, who) in enumerate(before):
        name = speaker_name(who)
        if name and name.lower() != me and claimant_surname(name) != claimant_surname(me.title()):
            count[name] = count.get(name, 0) + 1
            last[name] = k
    return max(count, key=lambda n: (count[n], last[n])) if count else ""


def transcript_date(name: str) -> date | None:
    """The date a transcript was said, from its name ("20170822_Trump_phoenix.tsv": 22 August 2017)."""
    m = re.match(r"(\d{4})(\d{2})(\d{2})_", name)
    try:
        return date(int(m[1]), int(m[2]), int(m[3])) if m else None
    except ValueError:
        return None


def read_context(folder: Path) -> dict[str, Context]:
    """A debate sentence's context: its speaker, the transcript lines before it, whom the speaker
    answers (``addressee_of``, from the transcript in ``transcripts/``) and the transcript's date."""
    path = folder / "context.jsonl"
    out: dict[str, Context] = {}
    transcripts: dict[str, list[tuple[str, str]]] = {}
    if path.exists():
        for line in open(path, encoding="utf-8"):
            d = json.loads(line)
            before = " ".join(b.get("text", "") for b in d.get("before", []))
            name = d.get("transcript", "")
            if name and name not in transcripts:
                tsv = folder / "transcripts" / name
                rows = [r.split("\t") for r in tsv.read_text(encoding="utf-8").splitlines()] if tsv.exists() else []
                transcripts[name] = [(r[0], r[1]) for r in rows if len(r) >= 3 and r[0].isdigit()]
            addressee = addressee_of(transcripts.get(name, []), int(d.get("line", 0)), d.get("speaker", ""))
            out[d["id"]] = Context(speaker=speaker_name(d.get("speaker", "")), text=before, addressee=addressee,
                                   date=transcript_date(name))
    return out


def docid(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def candidate_sets(lib: Library, queries, rel, docids: list[str], k: int, contexts=None, lists=None):
    """(qid, candidates, features, labels, text) per query (``lists``: ``MatchModel.lists``)."""
    out = []
    for qid, q in queries:
        ctx = (contexts or {}).get(qid)
        c, x = lib.features(q, k, context=ctx, lists=lists)
        gold = rel.get(qid, set())
        y = np.asarray([docids[i] in gold for i in c], dtype=np.float32)
        out.append((qid, c, x, y, q))
    return out


def restatements(folder: Path, docids: list[str]) -> tuple[list[tuple[str, str]], dict[str, set[str]]]:
    """Hard positives: the claims of the fact-checks that review the training queries, as queries
    themselves — the claim word for word, and (when 8 or more words remain) its first three
    quarters. Such a text is reviewed by that fact-check (and by any record of the library with
    the very same claim) whatever the library's size: training sees the evidence of a restatement
    (its absolute lexical and semantic scores at their highest), which the tweets and debate
    sentences, paraphrases all, never show, so the model does not extrapolate past them (an
    identical claim in a one-check library scored under "suggested")."""
    reviews = [r for _, r in claimreview.read(folder / "factchecks.jsonl") if isinstance(r, claimreview.Review)]
    claim_of = {docid(r.url): text.clean_reviewed(r.claim_reviewed) for r in reviews}
    same: dict[str, set[str]] = {}
    for d in docids:
        same.setdefault(claim_of.get(d, "").lower(), set()).add(d)
    _, rel = read_split(folder / "train")
    queries, gold = [], {}
    for d in sorted({d for ds in rel.values() for d in ds}):
        claim = claim_of.get(d, "")
        if text.word_count(claim) < 4:
            continue
        words = claim.split()
        variants = [claim] + ([" ".join(words[: len(words) * 3 // 4])] if len(words) * 3 // 4 >= 8 else [])
        for n, v in enumerate(variants):
            qid = f"restated_{d}_{n}"
            queries.append((qid, v))
            gold[qid] = same.get(claim.lower(), set()) | {d}
    return queries, gold


def restatement_sets(lib: Library, docids: list[str], folder: Path, k: int = 40, lists=None):
    """Candidate sets of ``restatements`` (text alone, as the match endpoint gets them)."""
    queries, gold = restatements(folder, docids)
    return candidate_sets(lib, queries, gold, docids, k, lists=lists)


def fit_pairwise(sets, l2: float = 1000.0, iters: int = 50, weights: list[float] | None = None,
                 monotone: list[bool] | None = None, penalty: list[float] | None = None):
    """Pairwise logistic regression (each relevant candidate against each other candidate of its
    query) by Newton's method to convergence; ``l2`` is the ridge on the summed loss; ``weights``:
    each set's weight in the loss (1 when not given); ``monotone``: the columns whose weight may
    not be negative (evidence: more of it never lowers the score). A column fitted below 0 is held
    at 0 and the rest fitted again, until none is (the active set of non-negative least squares):
    collinear evidence (BM25 over words and over bigrams) otherwise takes opposite weights that
    cancel on paraphrases and blow up on a text the library holds word for word. ``penalty``: each
    column's ridge as a multiple of ``l2`` (1 when not given)."""
    x_all = np.vstack([s[2] for s in sets]).astype(np.float64)
    mean, scale = x_all.mean(0), x_all.std(0) + 1e-9
    diffs, wts = [], []
    for (_, _, x, y, _), wt in zip(sets, weights or [1.0] * len(sets), strict=True):
        z = (x - mean) / scale
        pos, neg = np.where(y > 0)[0], np.where(y == 0)[0]
        for p in pos:
            diffs.append(z[p] - z[neg])
            wts.append(np.full(len(neg), wt))
    d = np.vstack(diffs)
    r = np.concatenate(wts)
    mono = np.asarray(monotone if monotone is not None else [False] * d.shape[1], dtype=bool)
    ridge = l2 * np.asarray(penalty if penalty is not None else [1.0] * d.shape[1], dtype=np.float64)
    free = np.ones(d.shape[1], dtype=bool)
    while True:
        w = np.zeros(d.shape[1])
        w[free] = _newton_pairwise(d[:, free], r, ridge[free], iters)
        below = free & mono & (w < 0)
        if not below.any():
            return mean, scale, w
        free &= ~below


def _newton_pairwise(d: np.ndarray, r: np.ndarray, l2: np.ndarray, iters: int) -> np.ndarray:
    n = len(d)
    w = np.zeros(d.shape[1])
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(d @ w)))
        grad = -(d.T @ (r * (1 - p))) / n + l2 * w / n
        hess = (d * (r * p * (1 - p))[:, None]).T @ d / n + np.diag(l2) / n
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return w


def checkworthiness_of(sets) -> list[float]:
    """Each query's check-worthiness score (articles.checkworthiness), in the order of ``sets``."""
    return [s.score for s in checkworthiness_scores([t for *_, t in sets])]


def calibration_rows(model: MatchModel, sets, top: int = CALIBRATION_TOP, worth: list[float] | None = None):
    worth = checkworthiness_of(sets) if worth is None else worth
    xs, ys = [], []
    for (_, _, x, y, q), cw in zip(sets, worth, strict=True):
        raw = model.raw(x).astype(np.float64)
        inp = calibration_inputs(raw, text.checkable(q), text.word_count(q), cw)
        best = np.argsort(-raw, kind="stable")[:top]
        xs.append(inp[best])
        ys.append(y[best])
    return np.vstack(xs), np.concatenate(ys).astype(np.float64)


def fit_calibration(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, iters: int = 50) -> list[float]:
    """Logistic regression by Newton's method: weights of CALIBRATION_INPUTS, then the bias."""
    a = np.column_stack([x, np.ones(len(x))])
    w = np.zeros(a.shape[1])
    reg = l2 * np.eye(a.shape[1])
    reg[-1, -1] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(a @ w)))
        grad = a.T @ (p - y) / len(y) + reg @ w
        hess = (a * (p * (1 - p))[:, None]).T @ a / len(y) + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return [round(float(v), 6) for v in w]


def choose_checkworthiness_gate(model: MatchModel, sets, worth: list[float], keeps: float = GATE_KEEPS) -> float:
    """The check-worthiness score under which no claim is matched, from training data only: the
    highest that keeps ``keeps`` of the training queries whose top answer is right at "suggested"
    (their sentences have a fact-check, so they are checkable claims by definition)."""
    right = []
    for (_, _, x, y, q), cw in zip(sets, worth, strict=True):
        p = model.probability(model.raw(x), text.checkable(q), text.word_count(q), cw)
        j = int(np.argmax(p))
        if y[j] > 0 and p[j] >= model.thresholds["suggested"]:
            right.append(cw)
    if not right:
        return 0.0
    drop = int(np.floor(len(right) * (1.0 - keeps) + 1e-9))  # the lowest scores the gate may lose
    return round(float(np.sort(np.asarray(right))[drop]), 4)


def ranked(lib: Library, model: MatchModel, q: str, limit: int, ctx: Context | None = None,
           worth: float | None = None):
    return lib.match(q, limit, model, context=ctx, checkworthiness=worth)


def ap_at_5(got: list, gold: set) -> float:
    """Average precision of a top 5 against the relevant ids (the CheckThat! measure; 0 with none)."""
    hits, total = 0, 0.0
    for n, d in enumerate(got[:5], 1):
        if d in gold:
            hits += 1
            total += hits / n
    return total / min(len(gold), 5) if gold else 0.0


def map_at_5(lib: Library, model: MatchModel, queries, rel, docids, contexts=None) -> float:
    aps = [ap_at_5([docids[int(i)] for i, *_ in ranked(lib, model, q, 5, (contexts or {}).get(qid))], rel.get(qid, set()))
           for qid, q in queries]
    return float(np.mean(aps)) if aps else 0.0


def precision_at(lib, model, queries, rel, docids, threshold: float, contexts=None) -> tuple[float, int]:
    """Share of top answers at or above a threshold that are right, and how many there were."""
    right = n = 0
    worth = dict(zip([qid for qid, _ in queries], checkworthiness_of(queries), strict=True))
    for qid, q in queries:
        if worth[qid] < model.min_checkworthiness:  # the gate: never matched
            continue
        top = ranked(lib, model, q, 1, (contexts or {}).get(qid), worth[qid])
        if top and top[0][1] >= threshold:
            n += 1
            right += docids[top[0][0]] in rel.get(qid, set())
    return (right / n if n else 0.0), n


def news_queries(path: Path, every: int) -> tuple[list[tuple[str, str]], dict[str, Context]]:
    """Every ``every``-th news claim (deterministic), with its speaker, mentions and sentence."""
    queries, contexts = [], {}
    for n, line in enumerate(open(path, encoding="utf-8")):
        if n % every:
            continue
        d = json.loads(line)
        qid = f"news{n}"
        queries.append((qid, d["text"]))
        contexts[qid] = Context(speaker=d.get("speaker", ""), names=tuple(d.get("mentions", [])),
                                text=d.get("sentence", ""))
    return queries, contexts


def group_of(qid: str) -> str:
    """The debate, speech or interview a query comes from: a 2B sentence id is its transcript's
    name and the line ("20161019_3pres_0412"); a tweet (a plain number) is its own group."""
    head, sep, tail = qid.rpartition("_")
    return head if sep and tail.isdigit() else qid


def fold_of_groups(qids: list[str], k: int) -> list[int]:
    """Each query's fold, whole groups (transcripts) together: the largest group first into the
    fold with the fewest queries so far (ties: the lower fold); deterministic. Sentences of one
    debate share its fact-checks and its words, so a fold split inside a debate scores the ranker
    on what it has partly seen."""
    size: dict[str, int] = {}
    for q in qids:
        size[group_of(q)] = size.get(group_of(q), 0) + 1
    load, where = [0] * k, {}
    for g in sorted(size, key=lambda g: (-size[g], g)):
        f = min(range(k), key=lambda f: (load[f], f))
        where[g] = f
        load[f] += size[g]
    return [where[group_of(q)] for q in qids]


def by_year(name: str, qids: list[str], ap: list[float], plain_n: int) -> dict:
    """The held-out MAP@5 of each year's transcripts (a 2B sentence id starts with its transcript's
    date), plain and with context: the 2016 debates, whose fact-checks quote the debate line, lift
    the whole figure; the 2017 speeches and interviews score as the dev split (2017-2019) does
    (MODEL_CARD.md, "Why the CV is above dev"). Tweets (no date in the id) give none."""
    years: dict[str, list[int]] = {}
    for i, q in enumerate(qids[:plain_n]):
        if re.match(r"\d{8}_", q):
            years.setdefault(q[:4], []).append(i)
    out = {}
    for y, idx in sorted(years.items()):
        out[f"{name}_{y}"] = round(float(np.mean([ap[i] for i in idx])), 4)
        if len(qids) > plain_n:
            out[f"{name}_context_{y}"] = round(float(np.mean([ap[plain_n + i] for i in idx])), 4)
    return out


def set_map(model: MatchModel, sets) -> float:
    """MAP@5 over candidate sets (no duplicate grouping: for choosing settings)."""
    aps = []
    for _, _, x, y, _ in sets:
        order = np.argsort(-model.raw(x), kind="stable")[:5]
        hits, total = 0, 0.0
        for n, j in enumerate(order, 1):
            if y[j] > 0:
                hits += 1
                total += hits / n
        g = int(y.sum())
        aps.append(total / min(max(g, 1), 5))
    return float(np.mean(aps))


# The feature groups a model may use (ranker.FEATURES holds them all; a model scores the ones it
# names). Chosen by --cv on the training splits (MODEL_CARD.md).
GROUPS = {"base": list(BASE_FEATURES), "kind": genre.kind_features(BASE_FEATURES), "date": list(genre.DATE_FEATURES),
          # the dates without the distance: a check soon after the claim, or before it (no penalty for a
          # check written long after, which still reviews the claim for an editor)
          "date_near": ["date_soon", "date_before"],
          # model 2.1's 35: the base features before the subject and rewritten-claim ones
          "base21": list(BASE_FEATURES[: BASE_FEATURES.index("claimant_named") + 1]),
          # the sentence encoder's cosines (encoder.py; 0 without the encoder's vectors)
          "dense": list(DENSE_FEATURES),
          # the share of the words the fact-check quotes that the text holds (quotes.py; model 2.7)
          "quotes": list(quotes.FEATURES)}
DEFAULT_GROUPS = ("base", "date_near")
# The ridge on the post interactions (group "kind") as a multiple of the ridge on the rest: a post's
# weights are shrunk towards the shared ones, not fitted apart (chosen by --cv; MODEL_CARD.md).
KIND_PENALTY = 1.0


def features_of(groups) -> list[str]:
    """The features of ``groups`` in FEATURES' order."""
    chosen = {f for g in groups for f in GROUPS[g]}
    return [f for f in FEATURES if f in chosen]


def fit_ranker(sets, l2: float, k: int, features: list[str] | None = None, monotone: bool = True) -> MatchModel:
    features = list(FEATURES) if features is None else features
    cols = [FEATURES.index(f) for f in features]
    chosen = [(q, c, x[:, cols], y, t) for q, c, x, y, t in sets]
    mean, scale, w = fit_pairwise(chosen, l2=l2, monotone=[f in EVIDENCE for f in features] if monotone else None,
                                  penalty=[KIND_PENALTY if f.startswith("posted_x_") else 1.0 for f in features])
    x_all = np.vstack([s[2] for s in chosen])
    return MatchModel({"version": VERSION, "features": features, "mean": mean.tolist(), "scale": scale.tolist(),
                       "weights": w.tolist(), "low": x_all.min(0).tolist(), "high": x_all.max(0).tolist(),
                       "calibration": [1.0, 0.0, 0.0, 0.0, 0.0], "candidates": k,
                       "thresholds": {"suggested": 0.5, "confident": 0.9}})


# The trees over the features and the linear score (chosen by --cv; MODEL_CARD.md).
FOREST = {"max_iter": 200, "learning_rate": 0.05, "max_leaf_nodes": 15, "min_samples_leaf": 40,
          "l2_regularization": 1.0}


def forest_rows(model: MatchModel, sets) -> tuple[np.ndarray, np.ndarray]:
    """Each candidate's features (the model's own, as ``MatchModel.raw`` gives them to the trees) and
    its linear score; its label."""
    x = np.vstack([np.column_stack([model.select(s[2]), model.linear(s[2])]) for s in sets]).astype(np.float64)
    return x, np.concatenate([s[3] for s in sets]).astype(np.float64)


def fit_forest(model: MatchModel, sets, params: dict | None = None) -> Forest:
    """Gradient-boosted trees (log loss: is this candidate the fact-check of its query?) over the
    candidates of ``sets`` — the training queries, and the news claims whose candidates are all
    negatives. One thread, a fixed seed, no early stopping: the same data give the same trees."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    x, y = forest_rows(model, sets)
    clf = HistGradientBoostingClassifier(**{**FOREST, **(params or {})}, early_stopping=False, random_state=0)
    with threadpool_limits(1):
        clf.fit(x, y)
    return forest_of(clf)


def forest_of(clf) -> Forest:
    """A fitted HistGradientBoostingClassifier (binary) as plain arrays."""
    roots, feature, threshold, left, right, value = [], [], [], [], [], []
    for (tree,) in clf._predictors:
        off = len(feature)
        roots.append(off)
        for nd in tree.nodes:
            leaf = bool(nd["is_leaf"])
            feature.append(0 if leaf else int(nd["feature_idx"]))
            threshold.append(0.0 if leaf else float(nd["num_threshold"]))
            left.append(-1 if leaf else off + int(nd["left"]))
            right.append(-1 if leaf else off + int(nd["right"]))
            value.append(float(nd["value"]) if leaf else 0.0)
    return Forest(float(np.ravel(clf._baseline_prediction)[0]), roots, feature, threshold, left, right, value)


def load_libraries(folders: dict[str, Path], dense_cache: Path | None = None, dense: bool = False):
    """Each set's library (with the fact-checks' docids) over one background of both; ``dense``: with
    the sentence encoder's vectors (when it is installed; ~10 min a library on this machine),
    ``dense_cache``: a folder keeping them."""
    fact = {name: [r for _, r in claimreview.read(folder / "factchecks.jsonl") if isinstance(r, claimreview.Review)]
            for name, folder in folders.items()}
    background = background_of([entry_texts(r.claim_reviewed, r.title)[2] for rs in fact.values() for r in rs])
    libs = {}
    for name, reviews in fact.items():
        vecs = cached_dense(dense_cache, [(r.claim_reviewed, r.title) for r in reviews]) if dense else None
        lib = Library([Entry(i, r.claim_reviewed, r.title, claimant=r.claimant, date=r.date_published,
                             dense=None if vecs is None else vecs[i])
                       for i, r in enumerate(reviews)],
                      background=background, dense=dense and encoder.available())
        libs[name] = (lib, [docid(r.url) for r in reviews])
        print(f"{name}: {len(lib)} fact-checks", file=sys.stderr)
    return libs, background


def cached_dense(folder: Path | None, pairs: list[tuple[str, str]]):
    """The encoder's vectors of (claim, title) pairs from ``folder`` (keyed by the texts), made and
    stored there when missing; None without a folder or without the encoder (the library makes them)."""
    if folder is None or not encoder.available():
        return None
    import hashlib

    key = hashlib.blake2b("\n".join(f"{c}\t{t}" for c, t in pairs).encode(), digest_size=8).hexdigest()
    path = folder / f"dense-{key}.npy"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        np.save(path, dense_many(pairs))
    return np.load(path)


def training_sets(libs, folders: dict[str, Path], k: int, lists=None) -> dict[str, list]:
    by_name = {}
    for name, folder in folders.items():
        lib, docids = libs[name]
        q, rel = read_split(folder / "train")
        ctx = read_context(folder / "train")
        sets = candidate_sets(lib, q, rel, docids, k, lists=lists)
        if ctx:  # the debate sentences once more, with their speaker and previous lines
            sets += candidate_sets(lib, q, rel, docids, k, ctx, lists)
        by_name[name] = sets
    return by_name


def fit_model(sets, news, l2: float, k: int, forest: bool = False, features: list[str] | None = None,
              monotone: bool = True) -> MatchModel:
    """The linear ranker on the training queries, then (``forest``) the trees over its score and
    the features, on the training queries and the news claims' candidates (all negatives)."""
    model = fit_ranker(sets, l2, k, features, monotone)
    if forest:
        model.trees = fit_forest(model, sets + news)
    return model


def cross_validate(by_name: dict[str, list], folds_n: int, l2: float, k: int, news=(), forest: bool = False,
                   features: list[str] | None = None, extra=(), monotone: bool = True) -> dict:
    """MAP@5 of each set's held-out folds (the other set and the news claims always in training),
    the sentences without and with their context apart: for choosing settings."""
    out = {}
    for name, sets in by_name.items():
        others = [s for n, ss in by_name.items() if n != name for s in ss] + list(extra)
        plain_n = len(sets) // 2 if name == "speech" else len(sets)  # speech: plain sentences first
        ap = [0.0] * len(sets)
        # whole debates per fold (a sentence and its copy with context share their debate's fold)
        fold = fold_of_groups([s[0] for s in sets], folds_n)
        for f in range(folds_n):
            model = fit_model([s for i, s in enumerate(sets) if fold[i] != f] + others, list(news), l2, k, forest,
                              features, monotone)
            for i in (i for i in range(len(sets)) if fold[i] == f):
                ap[i] = set_map(model, [sets[i]])
        out[name] = round(float(np.mean(ap[:plain_n])), 4)
        if len(sets) > plain_n:
            out[f"{name}_context"] = round(float(np.mean(ap[plain_n:])), 4)
        out.update(by_year(name, [s[0] for s in sets], ap, plain_n))
    print(f"cv {out} (l2 {l2}, candidates {k}, trees {forest}, {len(features or FEATURES)} features)", file=sys.stderr)
    return out


def measure(model: MatchModel, libs, folders: dict[str, Path], news_sets: dict[str, list]) -> dict:
    """Dev MAP@5 and top-answer precision per level (texts alone, as the match endpoint gets them),
    and the share of news claims whose top candidate reaches each level (nearly none should)."""
    measured: dict = {"calibration_inputs": list(CALIBRATION_INPUTS)}
    for name, folder in folders.items():
        lib, docids = libs[name]
        q, rel = read_split(folder / "dev")
        measured[f"{name}_dev_map_at_5"] = round(map_at_5(lib, model, q, rel, docids), 4)
        if ctx := read_context(folder / "dev"):  # the sentences with their speaker, addressee and lines
            measured[f"{name}_dev_context_map_at_5"] = round(map_at_5(lib, model, q, rel, docids, ctx), 4)
        for level in ("suggested", "confident"):
            t = model.thresholds[level]
            p, n = precision_at(lib, model, q, rel, docids, t)
            measured[f"{name}_dev_top1_precision_{level}"] = round(p, 4)
            measured[f"{name}_dev_top1_count_{level}"] = n
        worth = checkworthiness_of(news_sets[name])
        tops = [float(model.probability(model.raw(x), text.checkable(t), text.word_count(t), cw).max())
                if cw >= model.min_checkworthiness else 0.0
                for (_, _, x, _, t), cw in zip(news_sets[name], worth, strict=True)]
        for level in ("suggested", "confident"):
            t = model.thresholds[level]
            measured[f"news_vs_{name}_share_{level}"] = round(sum(1 for p in tops if p >= t) / len(tops), 4)
    return measured


def cached(path: Path | None, make):
    """Candidate sets from ``path`` when it exists (a training cache: features only, no text kept
    beyond the query), else made and stored there. Delete it when the features change."""
    if path is None:
        return make()
    if path.exists():
        with np.load(path, allow_pickle=False) as d:
            n = int(d["n"])
            if n and d["x0"].shape[1] != len(FEATURES):  # made before a column existed: its x would misalign
                raise SystemExit(f"{path}: {d['x0'].shape[1]} feature columns, not {len(FEATURES)}: make a new cache")
            return [(str(d[f"q{i}"]), d[f"c{i}"], d[f"x{i}"], d[f"y{i}"], str(d[f"t{i}"])) for i in range(n)]
    sets = make()
    arrays = {"n": np.asarray(len(sets))}
    for i, (qid, c, x, y, t) in enumerate(sets):
        arrays.update({f"q{i}": np.asarray(qid), f"c{i}": c, f"x{i}": x, f"y{i}": y, f"t{i}": np.asarray(t)})
    path.parent.mkdir(parents=True, exist_ok=True)  # a new --cache folder: minutes of features not lost at the save
    np.savez(path, **arrays)
    return sets


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tweets", required=True, type=Path, help="CheckThat! 2020 task 2 folder (tweets, Snopes)")
    ap.add_argument("--speech", required=True, type=Path, help="CheckThat! 2021 task 2B folder (debates, PolitiFact)")
    ap.add_argument("--news-claims", required=True, type=Path, help="claims of training articles (scripts/news_claims.py)")
    ap.add_argument("--news-every", type=int, default=8, help="take every n-th news claim")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--background-out", type=Path, default=BACKGROUND_PATH)
    ap.add_argument("--candidates", type=int, default=20)
    ap.add_argument("--lists", default="", help="further candidate lists of the claim, name:depth,... "
                    "(names of ranker.MORE_LISTS; chosen by --cv)")
    # chosen by 4-fold cross-validated MAP@5 on the training splits (--cv 4; MODEL_CARD.md)
    ap.add_argument("--l2", type=float, default=1000.0)
    # off: on the tweets' 4-fold CV (k 40, no news) trees gave 0.8213 against the linear 0.8221 (MODEL_CARD.md)
    ap.add_argument("--trees", action="store_true", help="re-rank with gradient-boosted trees over the features")
    ap.add_argument("--cv", type=int, default=0, help="report k-fold cross-validated MAP@5 on the training splits")
    ap.add_argument("--cache", type=Path, help="folder for the training features (to try settings quickly)")
    ap.add_argument("--groups", default=",".join(DEFAULT_GROUPS),
                    help=f"feature groups the model uses, of {', '.join(GROUPS)} (chosen by --cv)")
    ap.add_argument("--no-restatements", dest="restatements", action="store_false",
                    help="train without the training answers' own claims as queries (restatements)")
    ap.add_argument("--free-signs", action="store_true", help="let evidence take negative weights (not monotone)")
    ap.add_argument("--cv-only", action="store_true", help="with --cv: report and stop (write no model)")
    ap.add_argument("--fallback", type=Path, help="a model without the encoder's columns, kept in the file "
                    "for a library whose encoder vectors are incomplete (MatchModel.for_library)")
    ap.add_argument("--dense-cache", type=Path, help="folder keeping the libraries' sentence-encoder vectors "
                    "(with the group 'dense')")
    a = ap.parse_args(argv)
    folders = {"tweets": a.tweets, "speech": a.speech}
    # the encoder's vectors only for a model that scores them (group "dense")
    libs, background = load_libraries(folders, a.dense_cache, "dense" in a.groups.split(","))
    path = (lambda name: a.cache / f"{name}.npz") if a.cache else (lambda name: None)
    lists = {n: int(d) for n, d in (p.split(":") for p in a.lists.split(",") if p)}
    by_name = {name: cached(path(name), lambda name=name: training_sets(libs, {name: folders[name]}, a.candidates,
                                                                        lists)[name])
               for name in folders}
    # restatements (a training answer's own claim as the query): always in training, never scored
    restated = [s for name in folders for s in cached(path(f"restated_{name}"), lambda name=name: restatement_sets(
        libs[name][0], libs[name][1], folders[name], a.candidates, lists))] if a.restatements else []
    train_sets = [s for sets in by_name.values() for s in sets] + restated
    nq, nctx = news_queries(a.news_claims, a.news_every)
    news = {name: cached(path(f"news_{name}"), lambda name=name: candidate_sets(
        libs[name][0], nq, {}, libs[name][1], a.candidates, nctx, lists)) for name in folders}
    news_sets = [s for sets in news.values() for s in sets]
    print(f"training: {len(train_sets)} query sets, {len(news_sets)} news negatives", file=sys.stderr)
    features = features_of(a.groups.split(","))
    if a.cv:
        cross_validate(by_name, a.cv, a.l2, a.candidates, news_sets, a.trees, features, restated, not a.free_signs)
        if a.cv_only:
            return 0
    model = fit_model(train_sets, news_sets, a.l2, a.candidates, a.trees, features, not a.free_signs)
    model.lists = lists
    worth = checkworthiness_of(train_sets + news_sets)
    model.calibration = fit_calibration(*calibration_rows(model, train_sets + news_sets, worth=worth))
    asked = len(train_sets) - len(restated)  # the gate: on the tweets and sentences people said
    model.thresholds["checkworthiness"] = choose_checkworthiness_gate(model, train_sets[:asked], worth[:asked])
    model.measured = measure(model, libs, folders, news)
    if a.fallback and model.dense:
        fallback = MatchModel.load(a.fallback)  # a dense model's file: its own fallback
        model.fallback = fallback.fallback if fallback.dense and fallback.fallback else fallback
        model.fallback.fallback = None
    print(json.dumps(model.measured), file=sys.stderr)
    a.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    a.background_out.write_text(json.dumps(background.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
