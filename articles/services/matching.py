"""Claim matching in the product: the match query and stored matches.

The ranking itself is ``articles.matching`` (pure); the index it ranks over is the shared one on
disk (``services/match_index.py``: built and updated off the request path). This module stores each
claim's best matches with their level ("suggested" / "confident").
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np
from django.conf import settings
from django.db import connection, transaction

from articles.extraction.text import statement
from articles.matching import ranker
from articles.matching import text as mtext
from articles.models import Article, Claim, ClaimMatch, FactCheck, MatchFeedback
from articles.services import checkworthiness as worth_service
from articles.services import match_index


@dataclass(frozen=True)
class Match:
    factcheck: FactCheck
    score: float
    level: str = ""


# As Meedan Check does: a confident match drops to suggested for a short claim or a fact-check much
# older than the claim (the same words may now mean something else).
SHORT_WORDS = 8
OLD_DAYS = 730
# A subject conflict caps a match at "suggested", not at no level: on the training splits (model
# 2.1, k = 40) top answers at >= 0.5 with ``subject_conflict`` were right 34 times in 38 (tweets
# 25/26, 2B sentences 9/12, news hard negatives 0/0), at >= 0.9 8 in 9 (MODEL_CARD.md, Levels):
# the names differ often while the check is right ("Brazil" in a tweet, "Bolsonaro" in the check).


def thresholds() -> dict[str, float]:
    model = ranker.default_model().thresholds
    return {"suggested": getattr(settings, "CLAIMSDB_MATCH_SUGGESTED", None) or model["suggested"],
            "confident": getattr(settings, "CLAIMSDB_MATCH_CONFIDENT", None) or model["confident"]}


def min_checkworthiness() -> float:
    """Under this check-worthiness score a claim is never matched: the match model's gate, chosen
    on training data (MODEL_CARD.md), unless the setting says otherwise."""
    value = getattr(settings, "CLAIMSDB_MATCH_MIN_CHECKWORTHINESS", None)
    return ranker.default_model().min_checkworthiness if value is None else float(value)


def checkworthiness_of(texts: list[str]) -> list[float]:
    return [s.score for s in worth_service.score_texts(texts)]


def claim_checkworthiness(claims: list[Claim]) -> dict[int, float]:
    """Each claim's check-worthiness: the stored score when the current model gave it, else scored
    now (matching runs at import, before the scoring step after it)."""
    version = worth_service.current_version()
    out = {c.pk: c.checkworthiness for c in claims
           if c.checkworthiness is not None and c.checkworthiness_version == version}
    todo = [c for c in claims if c.pk not in out]
    out.update(zip([c.pk for c in todo], checkworthiness_of([statement(c.text) for c in todo]), strict=True))
    return out


def matchable(text: str, checkworthiness: float | None = None) -> bool:
    """A text that may be matched: a checkable statement (a verb, enough content) whose
    check-worthiness reaches the gate (fragments and opinions stay unmatched)."""
    if not mtext.checkable(text):
        return False
    score = checkworthiness_of([text])[0] if checkworthiness is None else checkworthiness
    return score >= min_checkworthiness()


def level_for(score: float, text: str | None = None, said: date | None = None,
              checked: date | None = None, checkworthiness: float | None = None,
              subject_conflict: bool = False, news: bool = False, reviewed: date | None = None,
              restates: bool = False) -> str:
    """The level of a match of ``text`` (said on ``said``, with its check-worthiness score when
    known) with a fact-check published on ``checked``: none for a fragment (no verb, too little
    content) or a text under the check-worthiness gate, at most suggested for a text of under 8
    words, a fact-check more than two years older than the claim, or a ``subject_conflict`` (the
    claim, with its context, is about named people or organisations and the fact-check names none
    of them but names others: see SUBJECT_CONFLICT_LEVEL). ``news``: the text is a claim extracted
    from a news article, which the stricter rules of ``news_gate`` govern too (``reviewed``: when
    the statement the fact-check reviews was made, when known; else its publication date;
    ``restates``: the fact-check's claim says the text nearly word for word, ``ranker.Ranked``)."""
    t = thresholds()
    if score < t["suggested"]:
        return ""
    if news and news_gate(score, said, reviewed or checked, subject_conflict, restates):
        return ""
    if text is not None and not matchable(text, checkworthiness):
        return ""
    if score < t["confident"]:
        return ClaimMatch.Level.SUGGESTED
    short = text is not None and mtext.word_count(text) < getattr(settings, "CLAIMSDB_MATCH_SHORT_WORDS", SHORT_WORDS)
    old = bool(said and checked and (said - checked).days > getattr(settings, "CLAIMSDB_MATCH_OLD_DAYS", OLD_DAYS))
    return ClaimMatch.Level.SUGGESTED if short or old or subject_conflict else ClaimMatch.Level.CONFIDENT


# --- News claims (issue 23): the levels an editor can trust --------------------------------------
# A claim extracted from news is rarely what a fact-check reviewed: the tweets and debate sentences
# the model is calibrated on were all chosen because a check exists. Read by hand, the top matches
# of 80 training articles (every 10th of PolNeAR train, `benchmarks/news_match_judge.py`) at the
# model's "suggested" (>= 0.5) were right 8 times in 31 against PolitiFact and Snopes (MODEL_CARD.md,
# "News claims"). So a news claim's match is shown only when
# - its score reaches NEWS_SUGGESTED: the lowest cut at which the judged tops at or above it were
#   right at least half the time against each library (model 2.6, extractor 3.5: PolitiFact 9 in 16
#   at 0.80, 14 in 30 at 0.75, 22 in 57 at 0.60; Snopes 0 in 2 at 0.75, 1 in 4 at 0.60, its best top
#   wrong at 0.797, none from 0.80; 2.5 gave 0.80 too, 2.4 0.75);
# - the claim and the check are about the same people: a subject conflict (a claim about Cruz, a
#   check about Obama) is no match at all here, not a capped one (0 right in 3 on training news);
# - the statement the check reviews was made within NEWS_MAX_DAYS of the claim, before or after
#   (``reviewed_dates``): a check of the same words years apart reviews another statement (0 right
#   in 8; every right one within 80 days).
# A check that restates the claim nearly word for word (``ranker.RESTATES_COSINE``) needs no more
# than the model's own "suggested": in a small library the score understates it.
# Chosen on training articles only; confirmed on PolNeAR dev. Re-choose them (the judge prints the
# precision per cut) whenever the match model is retrained: they are cuts on its scores.
NEWS_SUGGESTED = 0.80
NEWS_MAX_DAYS = 365


def news_gate(score: float, said: date | None = None, checked: date | None = None,
              subject_conflict: bool = False, restates: bool = False) -> str:
    """Why a news claim's match with this score is not shown ("" when it may be); ``checked``: when
    the statement the fact-check reviews was made (``reviewed_dates``), else its publication date."""
    if subject_conflict:
        return "subject conflict"
    max_days = getattr(settings, "CLAIMSDB_MATCH_NEWS_MAX_DAYS", NEWS_MAX_DAYS)
    if said and checked and abs((said - checked).days) > max_days:
        return "check far in time"
    if not restates and score < (getattr(settings, "CLAIMSDB_MATCH_NEWS_SUGGESTED", None) or NEWS_SUGGESTED):
        return "under the news threshold"
    return ""


def reviewed_dates(ids) -> dict[int, date]:
    """When the statement each fact-check reviews was made, where known: ClaimReview's
    ``itemReviewed.datePublished``; for the desk's own check, the date of its claim."""
    out: dict[int, date] = {}
    rows = FactCheck.objects.filter(pk__in=ids).values_list(
        "id", "raw__itemReviewed__datePublished", "claim__published", "claim__article__published")
    for fid, item, claim_date, article_date in rows:
        try:
            when = date.fromisoformat(str(item)[:10]) if item else None
        except ValueError:
            when = None
        if when := when or claim_date or article_date:
            out[fid] = when
    return out


def decode_vectors(blob) -> np.ndarray | None:
    if not blob:
        return None
    v = np.frombuffer(bytes(blob), dtype=np.float16)
    return v.reshape(3, -1) if v.size == 3 * 256 else None


def library() -> ranker.Library:
    """The index of every fact-check: the shared, memory-mapped one (services/match_index.py),
    never built inside a request."""
    return match_index.library()


# PostgreSQL's full-text search proposes candidates too (index: migration 0017). The score stays
# the learned one: ts_rank has no IDF, and the fusion was trained on BM25 scores.
_FULLTEXT = ("SELECT id FROM articles_factcheck WHERE {doc} @@ to_tsquery('english', %s) "
             "ORDER BY ts_rank_cd({doc}, to_tsquery('english', %s)) DESC LIMIT %s")
FULLTEXT_DOCUMENT = "search"  # the stored tsvector column (PostgreSQL only)
FULLTEXT_CANDIDATES = 40


def fulltext_candidates(text: str, limit: int = FULLTEXT_CANDIDATES) -> tuple[int, ...]:
    """Fact-check ids PostgreSQL's full-text search ranks best for the text (any word may match);
    nothing on other databases, where the in-process index does all the lexical work."""
    if connection.vendor != "postgresql":
        return ()
    words = sorted({w for w in mtext.clean_query(text).lower().split() if w.isalnum()} - mtext.STOPWORDS)[:64]
    if not words:
        return ()
    query = " | ".join(words)
    with connection.cursor() as cur:
        cur.execute(_FULLTEXT.format(doc=FULLTEXT_DOCUMENT), [query, query, limit])
        return tuple(r[0] for r in cur.fetchall())


def match_text(text: str, limit: int = 5, exclude: frozenset[int] = frozenset(),
               context: ranker.Context | None = None, said: date | None = None) -> list[Match]:
    """The best fact-checks for a text; ``context``: its speaker, the names it is about and its
    sentence; ``said``: when it was said (an older fact-check is at most "suggested")."""
    lib = library()
    worth = checkworthiness_of([text])[0]
    if said is not None and (context is None or context.date is None):  # the date features (matching/genre.py)
        context = replace(context or ranker.Context(), date=said)
    ranked = lib.match(text, limit=limit, exclude=exclude, also=fulltext_candidates(text), context=context,
                       checkworthiness=worth)
    rows = FactCheck.objects.defer("raw", "vectors", "dense").in_bulk([r.id for r in ranked])
    return [Match(rows[r.id], r.score, level_for(r.score, text, said, rows[r.id].date_published, worth,
                                                 r.subject_conflict))
            for r in ranked if r.id in rows]


def claim_contexts(claims: list[Claim]) -> dict[int, tuple[ranker.Context, date | None]]:
    """Each claim's context for matching (speaker, the people and organisations it mentions, its
    sentence) and the date it was published: four queries whatever the number of claims."""
    rows = {r["id"]: r for r in Claim.objects.filter(pk__in=[c.pk for c in claims]).values(
        "id", "article_id", "start", "end", "speaker__name", "speaker_text", "organisation__name", "published")}
    bodies = dict(Article.objects.filter(pk__in={r["article_id"] for r in rows.values()}).values_list("id", "body"))
    dates = dict(Article.objects.filter(pk__in=set(bodies)).values_list("id", "published"))
    names: dict[int, list[str]] = {}
    for through, field in ((Claim.mentioned_people.through, "person__name"),
                           (Claim.mentioned_organisations.through, "organisation__name")):
        for cid, name in through.objects.filter(claim_id__in=rows).values_list("claim_id", field):
            names.setdefault(cid, []).append(name)
    out = {}
    for cid, r in rows.items():
        body = bodies.get(r["article_id"], "")
        speaker = r["speaker__name"] or r["organisation__name"] or ""
        said = r["published"] or dates.get(r["article_id"])
        ctx = ranker.Context(speaker=speaker, names=tuple(names.get(cid, ())),
                             text=mtext.sentence_around(body, r["start"], r["end"]) if body else "", date=said)
        out[cid] = (ctx, said)
    return out


def match_claims(claims: list[Claim], limit: int = 3) -> int | None:
    """Store each claim's matches at or above the "suggested" threshold (replacing older ones).
    Returns how many were stored; None (and no index built) while the library is empty."""
    if not FactCheck.objects.exists():
        return None
    if not claims:
        return 0
    lib = library()
    own = dict(FactCheck.objects.filter(claim__in=claims).values_list("claim_id", "id"))
    contexts = claim_contexts(claims)
    rejected, confirmed = editors_word(claims)
    worth = claim_checkworthiness(claims)
    found: list[tuple[Claim, int, float, date | None, bool, bool]] = []
    for claim in claims:
        for fid in confirmed.get(claim.pk, ()):
            found.append((claim, fid, 1.0, None, False, False))
        said_text = statement(claim.text)
        if not matchable(said_text, worth[claim.pk]):  # a fragment or an opinion is never matched
            continue
        exclude = frozenset({*rejected.get(claim.pk, ()), *confirmed.get(claim.pk, ())}
                            | ({own[claim.pk]} if claim.pk in own else set()))
        ctx, said = contexts.get(claim.pk, (None, None))
        # The shared index holds every fact-check: no full-text query a claim on the import path
        # (it proposed nothing the index missed on the dev tweets).
        for r in lib.match(said_text, limit=limit, exclude=exclude, context=ctx, checkworthiness=worth[claim.pk]):
            found.append((claim, r.id, r.score, said, r.subject_conflict, r.restates))
    # the index may still hold a fact-check deleted since its generation: only rows that exist
    checked = dict(FactCheck.objects.filter(pk__in={f[1] for f in found}).values_list("id", "date_published"))
    present = set(checked)
    reviewed = reviewed_dates(present)
    new: list[ClaimMatch] = []
    for claim, fid, score, said, conflict, restates in found:
        if fid not in present:
            continue
        level = (ClaimMatch.Level.CONFIDENT if fid in confirmed.get(claim.pk, ())
                 else level_for(score, statement(claim.text), said, checked.get(fid), worth[claim.pk], conflict, news=True,
                                reviewed=reviewed.get(fid), restates=restates))
        if level:
            new.append(ClaimMatch(claim=claim, factcheck_id=fid, score=round(score, 4), level=level))
    with transaction.atomic():
        ClaimMatch.objects.filter(claim__in=claims).delete()
        ClaimMatch.objects.bulk_create(new, batch_size=500)
    return len(new)


def editors_word(claims: list[Claim]) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """Fact-check ids editors said are not (rejected) or are (confirmed) the check of each claim."""
    rows = list(MatchFeedback.objects.filter(claim__in=claims).values_list("claim_id", "factcheck_url", "verdict"))
    ids = dict(FactCheck.objects.filter(url__in={u for _, u, _ in rows}).values_list("url", "id"))
    rejected: dict[int, set[int]] = {}
    confirmed: dict[int, set[int]] = {}
    for cid, url, verdict in rows:
        if url in ids:
            side = rejected if verdict == MatchFeedback.Verdict.REJECTED else confirmed
            side.setdefault(cid, set()).add(ids[url])
    return rejected, confirmed


def record_feedback(claim: Claim, factcheck: FactCheck, verdict: str, user=None) -> MatchFeedback:
    """An editor's "not this check" (the match goes and never returns) or "this is the check" (a
    confident match from now on, through every re-import and re-matching)."""
    if verdict not in MatchFeedback.Verdict.values:
        raise ValueError(f"unknown verdict {verdict!r}")
    with transaction.atomic():
        fb, _ = MatchFeedback.objects.update_or_create(claim=claim, factcheck_url=factcheck.url,
                                                       defaults={"verdict": verdict, "user": user})
        if verdict == MatchFeedback.Verdict.REJECTED:
            ClaimMatch.objects.filter(claim=claim, factcheck=factcheck).delete()
        else:
            ClaimMatch.objects.update_or_create(claim=claim, factcheck=factcheck,
                                                defaults={"score": 1.0, "level": ClaimMatch.Level.CONFIDENT})
    return fb
