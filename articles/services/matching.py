"""Claim matching in the product: the match query and stored matches.

The ranking itself is ``articles.matching`` (pure); the index it ranks over is the shared one on
disk (``services/match_index.py``: built and updated off the request path). This module stores each
claim's best matches with their level ("suggested" / "confident").
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import connection, transaction

from articles.matching import ranker
from articles.matching import text as mtext
from articles.models import Claim, ClaimMatch, FactCheck
from articles.services import match_index


@dataclass(frozen=True)
class Match:
    factcheck: FactCheck
    score: float

    @property
    def level(self) -> str:
        return level_for(self.score)


def thresholds() -> dict[str, float]:
    model = ranker.default_model().thresholds
    return {"suggested": getattr(settings, "CLAIMSDB_MATCH_SUGGESTED", None) or model["suggested"],
            "confident": getattr(settings, "CLAIMSDB_MATCH_CONFIDENT", None) or model["confident"]}


def level_for(score: float) -> str:
    t = thresholds()
    if score >= t["confident"]:
        return ClaimMatch.Level.CONFIDENT
    return ClaimMatch.Level.SUGGESTED if score >= t["suggested"] else ""


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


def match_text(text: str, limit: int = 5, exclude: frozenset[int] = frozenset()) -> list[Match]:
    lib = library()
    ranked = lib.match(text, limit=limit, exclude=exclude, also=fulltext_candidates(text))
    rows = FactCheck.objects.defer("raw", "vectors").in_bulk([i for i, _ in ranked])
    return [Match(rows[i], s) for i, s in ranked if i in rows]


def match_claims(claims: list[Claim], limit: int = 3) -> int | None:
    """Store each claim's matches at or above the "suggested" threshold (replacing older ones).
    Returns how many were stored; None (and no index built) while the library is empty."""
    if not FactCheck.objects.exists():
        return None
    if not claims:
        return 0
    lib = library()
    own = dict(FactCheck.objects.filter(claim__in=claims).values_list("claim_id", "id"))
    found: list[tuple[Claim, int, float, str]] = []
    for claim in claims:
        exclude = frozenset([own[claim.pk]]) if claim.pk in own else frozenset()
        # The in-process index holds every fact-check: no full-text query a claim on the import path
        # (it proposed nothing the index missed on the dev tweets: MAP@5 0.8523 with and without).
        for fid, score in lib.match(claim.text, limit=limit, exclude=exclude):
            level = level_for(score)
            if level:
                found.append((claim, fid, score, level))
    # the index may still hold a fact-check deleted since its generation: only rows that exist
    present = set(FactCheck.objects.filter(id__in={f for _, f, _, _ in found}).values_list("id", flat=True))
    new = [ClaimMatch(claim=c, factcheck_id=f, score=round(s, 4), level=lv) for c, f, s, lv in found if f in present]
    with transaction.atomic():
        ClaimMatch.objects.filter(claim__in=claims).delete()
        ClaimMatch.objects.bulk_create(new, batch_size=500)
    return len(new)
