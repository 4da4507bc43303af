"""The library index and the learned fusion of lexical and semantic evidence.

``Library`` holds the fact-checks (in the order given: oldest record first) with every index the
features need. ``Library.match`` takes candidates from the best lexical and semantic lists, computes
the features of each (text, candidate) pair, scores them with the linear model of ``match_model.json``
and turns the score into a calibrated probability. Near-identical fact-checks (the same claim
published twice) are kept together, the earlier record first.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from . import dense as _dense
from . import encoder, genre, quotes, semantic, text
from .bm25 import BM25
from .forest import Forest

MODEL_PATH = Path(__file__).with_name("match_model.json")
BACKGROUND_PATH = Path(__file__).with_name("match_background.json")
VIEWS = ("claim", "title", "both")
# The views the ranker reads whatever the model weighs: the claim's and the text's candidate lists
# (``features``), the rewritten claim's (both), a restatement (claim: RESTATES_COSINE) and duplicates.
ALWAYS_VIEWS = ("claim", "both")


@dataclass(frozen=True)
class Entry:
    """One fact-check as the matcher sees it."""

    id: int
    claim: str
    title: str = ""
    # (3, 256) float: WordLlama vectors of claim, title and both; computed when missing
    vectors: np.ndarray | None = None
    claimant: str = ""  # who made the reviewed claim (ClaimReview itemReviewed.author)
    date: date | None = None  # when the fact-check was published (ClaimReview datePublished)
    # (2, 384) float: the sentence encoder's vectors of claim and title (encoder.py); computed when
    # missing and the encoder is installed
    dense: np.ndarray | None = None


# A claim that says one of these speaks of a person it does not name.
_PERSONAL = frozenset("he him his himself she her hers herself i me my mine myself we us our ours ourselves".split())
_FIRST = frozenset("i me my mine myself we us our ours ourselves".split())
# in a dialogue, the person spoken to or about: the other side of a debate ("you", "he", "my opponent")
_OTHER = frozenset("you your yours yourself he him his himself she her hers herself opponent".split())


@dataclass(frozen=True)
class Context:
    """What is known about the text to match besides its words: who said it (``speaker``), the
    people and organisations it names or is about (``names``: the claim's mentions, the article's
    subject), and the words around it (``text``: the claim's sentence, a transcript's previous
    lines), whose proper names count as names too. All optional."""

    speaker: str = ""
    names: tuple[str, ...] = ()
    text: str = ""
    # in a dialogue (a debate's transcript), whom the speaker answers: the other side, the person
    # a spoken "you", "he" or "my opponent" stands for; "" for reported speech (a news claim)
    addressee: str = ""
    # when the claim was made (its article's date, a transcript's): the date features (genre.py)
    date: date | None = None

    def subject_names(self, claim: str) -> frozenset[str]:
        """Whom a claim is about besides the names it spells out: the people and organisations it
        mentions (``names``), and the person it speaks of without naming them — in reported speech
        its speaker ("he", "his mother", "I", "we"); in a dialogue the speaker for "I", "we" and the
        addressee for "you", "he", "my opponent" — not the surrounding words, which name others too."""
        found: set[str] = set()
        said = set(text._WORD.findall(claim.lower()))
        who = list(self.names)
        if self.addressee:
            who += [self.speaker] if _FIRST & said else []
            who += [self.addressee] if _OTHER & said else []
        elif _PERSONAL & said:
            who.append(self.speaker)
        for n in who:
            found.update(text.proper_names(" x " + n))
        return frozenset(found)

    def rewritten(self, claim: str) -> str:
        """The claim with the names of whom it is about added (its mentions; the speaker or the
        addressee its pronouns stand for): what a fact-checker writes ("you raised taxes" said to
        Romney is checked as "Romney raised taxes"); the claim itself when the context adds no one."""
        extra = sorted(self.subject_names(claim) - text.proper_names(claim))
        return f"{claim} {' '.join(n.title() for n in extra)}" if extra else claim

    def name_set(self) -> frozenset[str]:
        found = set(text.proper_names(self.text)) if self.text else set()
        for n in (*self.names, self.speaker):
            found.update(text.proper_names(" x " + n))
        return frozenset(found)


class Ranked(NamedTuple):
    """One fact-check for a text: its id, the probability it checks the text, whether the text
    (with its context) is about named people or organisations of which the fact-check names none
    while naming others (``subject_conflict``: a claim about Cruz, a check about Obama), and whether
    the fact-check's claim restates the text (``restates``: see RESTATES_COSINE)."""

    id: int
    score: float
    subject_conflict: bool = False
    restates: bool = False


# --- Signals for the levels (issue 23), apart from the learned score -----------------------------
# A fact-check whose claim says what the text says, nearly word for word: the cosine of their
# vectors (the claim view) at least this. The probability alone may not tell it: in a small library
# the rank and gap features say little, and the very words of a claim scored 0.67 in a library of
# one. Of the judged top matches of news claims (PolNeAR training articles against Snopes and
# PolitiFact) none reached 0.90; the wrong ones stayed under 0.78 (MODEL_CARD.md, "News claims").
RESTATES_COSINE = 0.90


def entry_texts(claim: str, title: str) -> tuple[str, str, str]:
    claim = text.clean_reviewed(claim)
    return claim, title, f"{claim} {title}".strip()


def entry_vectors(claim: str, title: str) -> np.ndarray:
    """The vectors stored with a fact-check row (float16 is plenty for cosine ranking)."""
    return semantic.embed(list(entry_texts(claim, title))).astype(np.float16)


def vectors_many(pairs: list[tuple[str, str]]) -> np.ndarray:
    """Vectors for many fact-checks at once: (n, 3, 256) float16."""
    flat = [t for c, ti in pairs for t in entry_texts(c, ti)]
    return semantic.embed(flat).astype(np.float16).reshape(len(pairs), 3, semantic.DIM)


# The check-worthiness score that leaves the calibration unchanged (logit 0) when none is given.
NEUTRAL_CHECKWORTHINESS = 0.5


class MatchModel:
    def __init__(self, data: dict):
        self.version: str = data["version"]
        self.features: list[str] = data["features"]
        self.mean = np.asarray(data["mean"], dtype=np.float32)
        self.scale = np.asarray(data["scale"], dtype=np.float32)
        self.weights = np.asarray(data["weights"], dtype=np.float32)
        # each feature's range in training: a row is clipped to it (a linear model does not
        # extrapolate: an identical long text's BM25 lies far past any paraphrase's)
        self.low = np.asarray(data["low"], dtype=np.float32) if "low" in data else None
        self.high = np.asarray(data["high"], dtype=np.float32) if "high" in data else None
        # p = sigmoid(w . [raw, raw - best raw of the query, checkable, log words] + bias)
        self.calibration: list[float] = list(data["calibration"])
        self.candidates: int = data.get("candidates", 40)
        # the claim's further lists and their depths (``MORE_LISTS``; none for a model without them)
        self.lists: dict[str, int] = dict(data.get("lists", {}))
        self.duplicate_cosine: float = data.get("duplicate_cosine", 0.95)
        self.thresholds: dict[str, float] = data.get("thresholds", {"suggested": 0.5, "confident": 0.8})
        self.measured: dict = data.get("measured", {})
        # gradient-boosted trees over the features (and the linear score), when trained with them
        self.trees: Forest | None = Forest.from_json(data["trees"]) if data.get("trees") else None
        # the model to score with in a library without the encoder's vectors (some rows' not yet
        # computed, or no encoder): there every dense column is 0, and a gap of 0 reads as "the best"
        self.fallback: MatchModel | None = MatchModel(data["fallback"]) if data.get("fallback") else None

    @property
    def used(self) -> frozenset[str]:
        """The features that can move this model's score: a non-zero weight or a split of its trees.
        A post's copy of a feature (``genre.kind_features``) counts as the feature itself."""
        names = [f for f, w in zip(self.features, self.weights.tolist(), strict=True) if w != 0.0]
        if self.trees is not None:  # a split's column: a feature, or the linear score past them
            names += [self.features[i] for i in set(self.trees.feature[~self.trees.leaf].tolist())
                      if i < len(self.features)]
        return frozenset(f.removeprefix(genre.KIND_PREFIX) for f in names)

    @property
    def views(self) -> tuple[str, ...]:
        """The WordLlama views a match with this model needs (``Library.features``): those the ranker
        always reads (``ALWAYS_VIEWS``) and any other whose features the model weighs or whose list it
        takes candidates from (``lists``). An unused view is not searched nor its rows read: model 2.6
        gives the title view's features weight 0 (a retrained model that weighs them gets it back)."""
        used = self.used
        return tuple(v for v in VIEWS if v in ALWAYS_VIEWS or f"cos_{v}" in self.lists
                     or any(f.startswith(f"cos_{v}_") for f in used))

    @property
    def dense(self) -> bool:
        """Whether the model scores the encoder's cosines (``DENSE_FEATURES``)."""
        return any(f in DENSE_FEATURES for f in self.features)

    def for_library(self, library) -> MatchModel:
        """This model, or its fallback where ``library`` carries no encoder vectors (or the encoder
        is not installed): a model never sees its dense columns as 0."""
        if not self.dense or (getattr(library, "dense", None) is not None and encoder.available()):
            return self
        return self.fallback.for_library(library) if self.fallback is not None else self

    @classmethod
    def load(cls, path: Path | str = MODEL_PATH) -> MatchModel:
        with open(path, encoding="utf-8") as f:
            return cls(json.load(f))

    def to_json(self) -> dict:
        return {"version": self.version, "features": self.features, "mean": self.mean.tolist(),
                "scale": self.scale.tolist(), "weights": self.weights.tolist(),
                **({"low": self.low.tolist(), "high": self.high.tolist()} if self.low is not None else {}),
                "calibration": list(self.calibration), "candidates": self.candidates,
                **({"lists": self.lists} if self.lists else {}),
                "duplicate_cosine": self.duplicate_cosine, "thresholds": self.thresholds,
                **({"trees": self.trees.to_json()} if self.trees else {}), "measured": self.measured,
                **({"fallback": self.fallback.to_json()} if self.fallback else {})}

    def select(self, x: np.ndarray) -> np.ndarray:
        """The model's features among the columns ``Library.features`` gives (FEATURES): a model
        trained before a feature existed still scores rows that carry it."""
        if self.features == FEATURES or np.shape(x)[1] == len(self.features):
            return x
        return np.asarray(x)[:, [FEATURES.index(f) for f in self.features]]

    def linear(self, x: np.ndarray) -> np.ndarray:
        x = self.select(x)
        if self.low is not None:
            x = np.clip(x, self.low, self.high)
        return ((x - self.mean) / self.scale) @ self.weights

    def raw(self, x: np.ndarray) -> np.ndarray:
        """The ranking score of each candidate row: the trees' log-odds over the features and the
        linear score when the model has trees, else the linear score."""
        lin = self.linear(x)
        if self.trees is None:
            return lin
        return self.trees.predict(np.column_stack([self.select(x), lin]))

    def probability(self, raw: np.ndarray, checkable: bool = True, words: int = 10,
                    checkworthiness: float = NEUTRAL_CHECKWORTHINESS) -> np.ndarray:
        """Calibrated probability for the candidates of one query (``raw``: their scores): the
        same order as ``raw``; a fragment, a short text or a text that is not a check-worthy
        factual claim (``checkworthiness``: articles.checkworthiness's score) gets less."""
        return 1.0 / (1.0 + np.exp(-calibration_logit(self.calibration, raw, checkable, words, checkworthiness)))

    @property
    def min_checkworthiness(self) -> float:
        """Under this check-worthiness score a claim is never matched (chosen in training)."""
        return float(self.thresholds.get("checkworthiness", 0.0))


CALIBRATION_INPUTS = ("raw", "raw_gap", "checkable", "log_words", "checkworthiness_logit")


def checkworthiness_logit(score: float) -> float:
    p = min(max(float(score), 1e-4), 1 - 1e-4)
    return float(np.log(p / (1 - p)))


def calibration_inputs(raw: np.ndarray, checkable: bool, words: int,
                       checkworthiness: float = NEUTRAL_CHECKWORTHINESS) -> np.ndarray:
    raw = np.asarray(raw, dtype=np.float64)
    best = float(raw.max()) if raw.size else 0.0
    return np.column_stack([raw, raw - best, np.full(raw.shape, float(checkable)),
                            np.full(raw.shape, np.log1p(max(words, 0))),
                            np.full(raw.shape, checkworthiness_logit(checkworthiness))])


def calibration_logit(cal: list[float], raw: np.ndarray, checkable: bool, words: int,
                      checkworthiness: float = NEUTRAL_CHECKWORTHINESS) -> np.ndarray:
    w, b = np.asarray(cal[:-1], dtype=np.float64), cal[-1]
    # a model trained before an input existed has fewer weights: the inputs it knows, in order
    return calibration_inputs(raw, checkable, words, checkworthiness)[:, : len(w)] @ w + b


def query_checkworthiness(query: str) -> float:
    """The check-worthiness score of a text (articles.checkworthiness, pure numpy)."""
    from articles.checkworthiness import score

    return score([query])[0].score


@lru_cache(maxsize=1)
def default_model() -> MatchModel:
    return MatchModel.load()


@dataclass(frozen=True)
class Background:
    """Document frequencies of the library the model was trained on (counts of 2 or more; no text).
    Added to a library's own, they keep evidence comparable whether a desk has 10 fact-checks or 100,000."""

    docs: int
    words: dict[str, int]
    bigrams: dict[str, int]
    chars: dict[str, int]
    tokens: dict[int, int]

    @classmethod
    def load(cls, path: Path | str = BACKGROUND_PATH) -> Background:
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        return cls(d["docs"], d["words"], d["bigrams"], d["chars"], {int(k): v for k, v in d["tokens"].items()})

    def to_json(self) -> dict:
        return {"docs": self.docs, "words": self.words, "bigrams": self.bigrams, "chars": self.chars,
                "tokens": {str(k): v for k, v in self.tokens.items()}}

    def for_words(self) -> tuple[int, dict[str, int]]:
        return self.docs, self.words

    def for_bigrams(self) -> tuple[int, dict[str, int]]:
        return self.docs, {**self.words, **self.bigrams}


@lru_cache(maxsize=1)
def default_background() -> Background | None:
    return Background.load() if BACKGROUND_PATH.exists() else None


def background_of(texts: list[str], min_count: int = 2) -> Background:
    """The background of a library (texts: each fact-check's claim and title)."""
    from collections import Counter

    words, bigrams, chars, tokens = Counter(), Counter(), Counter(), Counter()
    for t in texts:
        w = text.words(t)
        words.update(set(w))
        bigrams.update(set(text.with_bigrams(w)) - set(w))
        chars.update(set(text.char_grams(t)))
    for ids in semantic.token_ids(texts):
        tokens.update(ids.tolist())

    def keep(c: Counter) -> dict:
        return {k: v for k, v in sorted(c.items()) if v >= min_count}

    return Background(len(texts), keep(words), keep(bigrams), keep(chars), keep(tokens))


FEATURES = (
    [f"bm25_{v}_{k}" for v in ("claim", "title", "both", "bigrams") for k in ("rel", "abs", "rank")]
    + [f"cos_{v}_{k}" for v in VIEWS for k in ("abs", "gap", "rank")]
    + ["same_number", "shared_names", "soft_query", "soft_doc", "cos_weighted", "chars_rel", "chars_rank"]
    # context and agreement of the people and organisations named
    + ["names_missing", "names_conflict", "context_hit", "context_miss", "claimant_is_speaker",
       "claimant_not_speaker", "claimant_named",
       # whom the claim is about: its own names and those its context gives (the claim's mentions;
       # its speaker when it says "he", "his mother", "I"); agreement with the fact-check's names
       "subject_hit", "subject_conflict", "subject_from_context",
       # the claim rewritten with whom its context says it is about (Context.rewritten)
       "rewritten_bm25_rel", "rewritten_bm25_rank", "rewritten_cos_gap", "rewritten_cos_rank"]
)
# the text's form and the dates (genre.py): each feature above again for a post, then the dates
BASE_FEATURES = FEATURES
# Evidence that the fact-check says what the text says: more of it never lowers the score (the
# ranker's weight on each is at least 0: train.fit_pairwise), so the score is monotone in it.
EVIDENCE = frozenset(
    [f"bm25_{v}_{k}" for v in ("claim", "title", "both", "bigrams") for k in ("rel", "abs", "rank")]
    + [f"cos_{v}_{k}" for v in VIEWS for k in ("abs", "gap", "rank")]
    + ["same_number", "shared_names", "soft_query", "soft_doc", "cos_weighted", "chars_rel", "chars_rank",
       "context_hit", "claimant_is_speaker", "claimant_named", "subject_hit",
       "rewritten_bm25_rel", "rewritten_bm25_rank", "rewritten_cos_gap", "rewritten_cos_rank"])
DENSE_VIEWS, DENSE_FEATURES = _dense.VIEWS, _dense.FEATURES  # dense.py
EVIDENCE = EVIDENCE | frozenset(DENSE_FEATURES) | frozenset(quotes.FEATURES)
# then the share of the words the fact-check quotes that the text holds (quotes.py, model 2.7)
FEATURES = (BASE_FEATURES + genre.kind_features(BASE_FEATURES) + genre.DATE_FEATURES + DENSE_FEATURES
            + quotes.FEATURES)


_SUBJECT_CONFLICT = FEATURES.index("subject_conflict")
_COS_CLAIM = FEATURES.index("cos_claim_abs")


def claimant_surname(name: str) -> str:
    words = text.proper_names(" x " + name)
    parts = [w for w in text._CAPITALISED.findall(name) if w.lower() in words]
    return parts[-1].lower() if parts else ""


def _rank(scores: np.ndarray, values: np.ndarray) -> np.ndarray:
    """How many library entries score above each value (0 = best). Only the entries above the lowest
    value count (at 300,000 fact-checks a full sort per feature cost more than the rest of a
    match); the count is the same (a NaN counts as above, as it sorts last). Many of them (BM25's
    positive scores) are counted by their leading bits rather than sorted (``_count_above``)."""
    values = np.asarray(values)
    if not values.size:
        return np.zeros(values.shape, dtype=np.int64)
    low = values.min()
    # the positions first, then a gather: numpy's boolean indexing branches on every entry (2x the
    # time of this at 300,000 rows, where a rank is ~1 ms)
    above = scores[np.flatnonzero(~(scores <= low))]
    if len(above) >= 8192 and above.dtype == np.float32 and low >= 0:
        return _count_above(above, values)
    above.sort()
    return len(above) - np.searchsorted(above, values, side="right")


_BITS = 12  # the bits below a bin of ``_count_above``: 2,048 bins an octave


def _count_above(above: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``_rank`` when every entry of ``above`` is a positive float32 or NaN and the values are not
    negative: as unsigned integers their bits order them as their values (a NaN of either sign
    above every number, as a sort puts it). Entries are counted per bin of their leading bits,
    then exactly (sorted) only within the bins the values fall in."""
    keys = above.view(np.uint32)
    vkeys = (values.astype(np.float32) + np.float32(0.0)).view(np.uint32)  # -0.0 as 0.0
    bins = (keys >> _BITS).astype(np.int64)
    first = int(bins.min())
    bins -= first
    hist = np.bincount(bins)
    over = np.zeros(len(hist) + 1, dtype=np.int64)  # over[b]: entries in bins b and up
    over[:-1] = np.cumsum(hist[::-1])[::-1]
    vb = (vkeys >> _BITS).astype(np.int64) - first
    wanted = np.zeros(len(hist), dtype=bool)
    wanted[vb[(vb >= 0) & (vb < len(hist))]] = True
    near = np.sort(keys[np.flatnonzero(wanted[bins])]).astype(np.int64)  # the entries sharing a bin with a value
    top = np.clip(vb + 1, 0, len(hist))
    # entries in higher bins, plus those of the value's own bin above it
    mine = np.searchsorted(near, (top + first) << _BITS, side="left") - np.searchsorted(near, vkeys, side="right")
    return np.where(vb < 0, len(above), over[top] + np.maximum(mine, 0))


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k + 1 highest scores, as ``np.argpartition(-scores, k)[:k + 1]`` (rows tied
    at the last place may differ). A large library is first cut to the rows at or above the k + 1-th
    best of every 16th row (at least k + 1 rows, a few thousand; or those strictly above it, when it
    is the score of most rows, as BM25's 0): at 300,000 rows a partition of the whole array cost
    over 2 ms, five times a match."""
    n = len(scores)
    if n >= 64 * (k + 1):
        floor = -np.partition(-scores[::16], k)[k]
        pos = np.flatnonzero(scores >= floor)
        if len(pos) > n // 8:
            pos = np.flatnonzero(scores > floor)
        if k + 1 <= len(pos) <= n // 8:
            return pos[np.argpartition(-scores[pos], k)[:k + 1]]
    return np.argpartition(-scores, k)[:k + 1]


def _cos_columns(cos: dict[str, np.ndarray], c: np.ndarray, rank) -> list[np.ndarray]:
    """``cos_<view>_abs``, ``_gap`` and ``_rank`` of the candidates ``c``; 0 for a view not computed
    (one the model does not use: ``MatchModel.views``)."""
    cols: list[np.ndarray] = []
    for view in VIEWS:
        if view not in cos:
            cols += [np.zeros(len(c), dtype=np.float32)] * 3
            continue
        s = cos[view]
        v = s[c]
        cols += [v, v - s.max(), rank(s, v)]
    return cols


_DEFAULT = object()
# The depth of the lists a context adds (the claim searched with the names its context gives, and
# rewritten with whom its pronouns stand for), when the model's own depth (``MatchModel.candidates``,
# the claim's four lists) is less: chosen by 4-fold CV on the training splits (MODEL_CARD.md).
CONTEXT_CANDIDATES = 40
# Lists the claim's features score every fact-check on anyway, which a model may also take
# candidates from (``MatchModel.lists``: name -> depth): no search of their own, only more rows.
MORE_LISTS = ("chars", "bm25_title", "bm25_claim", "cos_title", "dense_claim", "dense_title")


class Library:
    def __init__(self, entries: list[Entry], background: Background | None = _DEFAULT, dense: bool = False):
        """``dense``: compute the sentence encoder's vectors the entries lack (encoder.py; slow: ~30-60
        texts/s a core) so the ``DENSE_FEATURES`` are scored; entries that carry them all are used as
        given. Otherwise those features are 0 and no query is encoded."""
        bg = default_background() if background is _DEFAULT else background
        self.ids = np.asarray([e.id for e in entries], dtype=np.int64)
        texts = [entry_texts(e.claim, e.title) for e in entries]
        claims, titles, both = ([t[i] for t in texts] for i in range(3))
        words = bg.for_words() if bg else None
        self.bm25 = {
            "claim": BM25([text.words(t) for t in claims], background=words),
            "title": BM25([text.words(t) for t in titles], background=words),
            "both": BM25([text.words(t) for t in both], background=words),
            "bigrams": BM25([text.with_bigrams(text.words(t)) for t in both], background=bg.for_bigrams() if bg else None),
        }
        self.chars = BM25([text.char_grams(t) for t in both], background=(bg.docs, bg.chars) if bg else None)
        missing = [i for i, e in enumerate(entries) if e.vectors is None]
        vecs = np.zeros((len(entries), 3, semantic.DIM), dtype=np.float32)
        for i, e in enumerate(entries):
            if e.vectors is not None:
                vecs[i] = e.vectors
        if missing:
            vecs[missing] = vectors_many([(entries[i].claim, entries[i].title) for i in missing])
        self.vectors = {v: np.ascontiguousarray(vecs[:, j]) for j, v in enumerate(VIEWS)}
        self.tokens = semantic.token_ids(both) if entries else []
        self.token_idf = semantic.idf(self.tokens, len(semantic.unit_token_vectors()),
                                      (bg.docs, bg.tokens) if bg else None)
        self.weighted = (np.stack([semantic.weighted_vector(t, self.token_idf) for t in self.tokens])
                         if entries else np.zeros((0, semantic.DIM), dtype=np.float32))
        self.numbers = [text.numbers(t) for t in both]
        self.names = [text.names(t) for t in both]
        self.claimants = [claimant_surname(e.claimant) for e in entries]
        # the proper names of each fact-check, its claimant's included
        self.proper = [text.proper_names(t) | ({c} if c else set()) for t, c in zip(both, self.claimants, strict=True)]
        self.dates = np.asarray([genre.days(e.date) for e in entries], dtype=np.int64)
        self.quotes = [quotes.words(t) for t in claims]  # the stems each claim quotes (quotes.py)
        given = bool(entries) and all(e.dense is not None for e in entries)
        self.dense = (_dense.of([e.dense for e in entries], lambda: [(e.claim, e.title) for e in entries])
                      if dense or given else None)

    def __len__(self) -> int:
        return len(self.ids)

    def positions(self, ids) -> set[int]:
        """Library positions of fact-check ids (ids not in the library are left out)."""
        if not hasattr(self, "_position"):
            self._position = {int(i): n for n, i in enumerate(self.ids)}
        return {self._position[i] for i in ids if i in self._position}

    def cosines(self, qvec: np.ndarray, views: tuple[str, ...] = VIEWS) -> dict[str, np.ndarray]:
        """Each view's (of ``views``) cosine of every entry with the query (the shared index on disk
        answers this with an approximate search past a size: articles/matching/store.py)."""
        return {v: self.vectors[v] @ qvec for v in views}

    def features(self, query: str, k: int, extra: set[int] = frozenset(),
                 context: Context | None = None, lists: dict[str, int] | None = None,
                 views: tuple[str, ...] = VIEWS) -> tuple[np.ndarray, np.ndarray]:
        """Candidate positions in the library and their feature rows (columns as FEATURES);
        ``extra``: positions another retriever proposes (PostgreSQL full-text search); ``lists``:
        further lists of ``MORE_LISTS`` and the depth each gives (``MatchModel.lists``); ``views``:
        the WordLlama views to compute (``MatchModel.views``), another view's columns left 0."""
        views = tuple(v for v in VIEWS if v in views or v in ALWAYS_VIEWS or f"cos_{v}" in (lists or {}))
        q = text.clean_query(query)
        rq = text.clean_query(context.rewritten(q)) if context is not None else q
        # the encoder's pass (a third of a match's CPU) runs beside the lexical stage and the columns that do
        # not need it (dense.Pending): waited for where the model takes candidates from its lists, else last
        pending = (_dense.Pending(rows, q, rq) if (rows := getattr(self, "dense", None)) is not None and len(self)
                   else None)
        qwords = text.words(q)
        lex = {name: idx.scores(text.with_bigrams(qwords) if name == "bigrams" else qwords)
               for name, idx in self.bm25.items()}
        qvec = semantic.embed([q])[0]
        cos = self.cosines(qvec, views)
        chars = self.chars.scores(text.char_grams(q))
        more = {"chars": chars, "bm25_title": lex["title"], "bm25_claim": lex["claim"],
                **({"cos_title": cos["title"]} if "title" in cos else {})}
        if pending is not None and any(f"dense_{v}" in (lists or {}) for v in DENSE_VIEWS):
            more.update({f"dense_{v}": pending.cosines()[v] for v in DENSE_VIEWS} if pending.cosines() else {})
        cands: set[int] = set(extra)
        for s, depth in [(s, k) for s in (lex["both"], lex["bigrams"], cos["both"], cos["claim"])] + [
                (more[name], depth) for name, depth in (lists or {}).items()]:
            cands.update(_top(s, min(depth, len(self) - 1)).tolist())
        # the context's lists reach deeper than the claim's own (CONTEXT_CANDIDATES)
        kc = min(max(k, CONTEXT_CANDIDATES), len(self) - 1)
        if context is not None and (named := context.name_set()):
            # checks about whom the context names ("he" in the claim, Cruz in its sentence)
            s = self.bm25["both"].scores(qwords + text.words(" ".join(sorted(named))))
            cands.update(_top(s, kc).tolist())
        # the claim rewritten with whom it is about (its pronouns' people): its own lexical and
        # semantic lists, and their scores as features (the claim's own when nothing is added)
        if rq != q:
            rw_lex = self.bm25["both"].scores(text.words(rq))
            rw_cos = self.cosines(semantic.embed([rq])[0], ("both",))["both"]
            for s in (rw_lex, rw_cos):
                cands.update(_top(s, kc).tolist())
        else:
            rw_lex, rw_cos = lex["both"], cos["both"]
        c = np.asarray(sorted(cands), dtype=np.int64)
        cols: list[np.ndarray] = []
        ranked: dict[int, np.ndarray] = {}

        def rank(s: np.ndarray, v: np.ndarray) -> np.ndarray:
            # each score array ranked once: the rewritten claim's are the claim's own arrays when
            # nothing is added (a rank is a pass over the whole library: ~1 ms at 300,000 rows)
            if id(s) not in ranked:
                ranked[id(s)] = 1.0 / (1.0 + _rank(s, v))
            return ranked[id(s)]

        for name in ("claim", "title", "both", "bigrams"):
            s = lex[name]
            v, top = s[c], float(s.max()) or 1.0
            cols += [v / top, v / 10.0, rank(s, v)]
        cols += _cos_columns(cos, c, rank)
        qnum, qnames = text.numbers(q), text.names(q)
        cols.append(np.asarray([bool(qnum & self.numbers[i]) for i in c], dtype=np.float32))
        cols.append(np.asarray([len(qnames & self.names[i]) / (1 + len(self.names[i])) for i in c],
                               dtype=np.float32))
        qtok = semantic.token_ids([q])[0]
        soft = semantic.soft_match_many(qtok, [self.tokens[i] for i in c], self.token_idf)
        cols += [soft[:, 0], soft[:, 1], self.weighted[c] @ semantic.weighted_vector(qtok, self.token_idf)]
        s = chars
        v = s[c]
        cols += [v / (float(s.max()) or 1.0), 1.0 / (1.0 + _rank(s, v))]
        cols += self._context_features(q, c, context or Context())
        for s in (rw_lex, rw_cos):
            v = s[c]
            cols += [v / (float(s.max()) or 1.0) if s is rw_lex else v - s.max(), rank(s, v)]
        base = np.column_stack(cols).astype(np.float32)
        dense = pending.cosines() if pending is not None else {}
        dcols = _dense.columns(dense, c, rank, _dense.exact(rows, pending.vectors(), c) if dense else None)
        # the text's form is read before clean_query takes its links and handles away
        return c, np.column_stack([base, *self._genre_features(query, c, base, context), *dcols,
                                   *quotes.columns(qwords, getattr(self, "quotes", None), c)]).astype(np.float32)

    def _genre_features(self, query: str, c: np.ndarray, base: np.ndarray, context: Context | None) -> list[np.ndarray]:
        """The text's form and the dates (genre.py): the base features again for a post; the days
        from the claim (``context.date``) to each candidate's fact-check (a library without dates,
        such as an index written before they were stored, gives none)."""
        dates = getattr(self, "dates", None)
        check_days = np.asarray(dates[c]) if dates is not None and len(c) else None
        return [genre.kind_block(query, base), genre.date_block(context.date if context else None, check_days)]

    def _context_features(self, q: str, c: np.ndarray, context: Context) -> list[np.ndarray]:
        """Agreement of who speaks and who is named: a claim about Cruz is not checked by a check
        about Obama, and a politician's own words are most likely checked with them as claimant."""
        qn = text.proper_names(q)
        ctx = context.name_set() - qn
        speaker = claimant_surname(context.speaker) if context.speaker else ""
        qwords = set(text._WORD.findall(q.lower()))
        # whom the claim is about: its own names and those its context gives (mentions, the speaker of "I", "he")
        subject = qn | context.subject_names(q)
        from_context = float(bool(subject - qn))
        rows = []
        for i in c:
            doc = self.proper[i]
            claimant = self.claimants[i]
            missing = len(qn - doc) / len(qn) if qn else 0.0
            # names on both sides and none shared: the texts are about different people
            conflict = float(bool(qn) and bool(doc) and not (qn & doc))
            hit = float(bool(ctx & doc))
            miss = float(bool(ctx) and bool(doc) and not (ctx & doc) and not (qn & doc))
            same = float(bool(speaker) and speaker == claimant)
            other = float(bool(speaker) and bool(claimant) and speaker != claimant)
            named = float(bool(claimant) and claimant in qwords)
            s_hit = float(bool(subject & doc))
            s_conflict = float(bool(subject) and bool(doc) and not (subject & doc))
            rows.append((missing, conflict, hit, miss, same, other, named, s_hit, s_conflict, from_context))
        m = np.asarray(rows, dtype=np.float32).reshape(len(c), 10)
        return [m[:, j] for j in range(10)]

    def group_duplicates(self, order: list[int], threshold: float) -> list[int]:
        """Keep near-identical fact-checks together, the earlier record first."""
        if not order:
            return []
        # every pair's cosine at once: one read of the rows (a stored index reads them from disk)
        vec = np.asarray(self.vectors["claim"][np.asarray(order, dtype=np.int64)], dtype=np.float32)
        sim = dict(zip(order, (vec @ vec.T).tolist(), strict=True))
        at = {j: k for k, j in enumerate(order)}
        out: list[int] = []
        used: set[int] = set()
        for i in order:
            if i in used:
                continue
            group = sorted(j for j in order if j not in used and (j == i or sim[i][at[j]] > threshold))
            used.update(group)
            out.extend(group)
        return out

    def match(self, query: str, limit: int = 5, model: MatchModel | None = None,
              exclude: frozenset[int] = frozenset(), also: tuple[int, ...] = (),
              context: Context | None = None, checkworthiness: float | None = None) -> list[Ranked]:
        """The best fact-checks (id, probability it checks this text, subject conflict, restates), best first; ``also``: fact-check ids
        to consider besides the index's own candidates; ``context``: speaker, names, sentence;
        ``checkworthiness``: the text's score when known (the claim's stored one), else computed."""
        model = (model or default_model()).for_library(self)
        if not len(self) or not text.clean_query(query):
            return []
        c, x = self.features(query, model.candidates, self.positions(also), context, model.lists, model.views)
        if checkworthiness is None:
            checkworthiness = query_checkworthiness(query)
        prob = model.probability(model.raw(x), text.checkable(query), text.word_count(query), checkworthiness)
        best = np.argsort(-prob, kind="stable")[: limit + 5 + len(exclude)]
        score = {int(c[j]): float(prob[j]) for j in best}
        conflict = {int(c[j]): bool(x[j, _SUBJECT_CONFLICT]) for j in best}
        restates = {int(c[j]): bool(x[j, _COS_CLAIM] >= RESTATES_COSINE) for j in best}
        order = self.group_duplicates([int(c[j]) for j in best], model.duplicate_cosine)
        out: list[Ranked] = []
        for i in order:
            if int(self.ids[i]) in exclude:
                continue
            # a duplicate placed after its earlier record shows that record's score: one claim, one score
            s = score[i] if not out or score[i] <= out[-1].score else out[-1].score
            out.append(Ranked(int(self.ids[i]), s, conflict[i], restates[i]))
        return out[:limit]
