"""Claims whose text is close to a given claim's: the same words repeated elsewhere.

PostgreSQL: candidates from the full-text GIN index (migration 0004) on the claim's longest words,
at most 300, ranked by pg_trgm's similarity(); a bounded index lookup at a million claims. (A
trigram index searched with `text % query` was tried first: long claims share common trigrams with
nearly every row, and it took 11 s at a million claims.) SQLite: candidates among the 50,000 claims stored nearest
this one that share its longest words (a bounded LIKE scan), ranked by word-set overlap in Python.
"""
from __future__ import annotations

import re

from django.db import connection
from django.db.models import Q

from articles.models import Claim

STOP = frozenset("""the a an and or but of to in on at by for with from as is are was were be been it its this that
these those he she they we you i his her their our my your him them us me not no so than then there here have has
had do does did will would can could should may might must about into over after before said says say""".split())


SQLITE_WINDOW = 50_000


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9']+", text.lower()) if w not in STOP and len(w) > 2}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


CANDIDATES = 300


def _postgres_similar(claim: Claim, limit: int, threshold: float) -> list[tuple[Claim, float]]:
    """Candidates from the full-text GIN index (the claim's longest words, all of them first, then
    any), at most CANDIDATES of them, ranked by pg_trgm's similarity() in SQL."""
    probe = sorted(words(claim.text), key=len, reverse=True)[:4]
    if not probe:
        return []
    rows: list[tuple[int, float]] = []
    for joiner in (" ", " or "):
        with connection.cursor() as cur:
            cur.execute(
                "WITH cand AS (SELECT id, text FROM articles_claim WHERE to_tsvector('english'::regconfig, text) "
                "@@ websearch_to_tsquery('english'::regconfig, %s) AND id <> %s LIMIT %s) "
                "SELECT id, similarity(text, %s) AS s FROM cand WHERE similarity(text, %s) >= %s "
                "ORDER BY s DESC LIMIT %s",
                [joiner.join(probe), claim.pk, CANDIDATES, claim.text, claim.text, threshold, limit])
            rows = cur.fetchall()
        if len(rows) >= limit:
            break
    by_id = Claim.objects.select_related("article", "speaker").in_bulk([r[0] for r in rows])
    return [(by_id[i], s) for i, s in rows if i in by_id]


def similar_claims(claim: Claim, limit: int = 8, threshold: float = 0.3) -> list[tuple[Claim, float]]:
    if connection.vendor == "postgresql":
        return _postgres_similar(claim, limit, threshold)
    mine = words(claim.text)
    if not mine:
        return []
    probe = sorted(mine, key=len, reverse=True)[:4]
    cond = Q()
    for w in probe:
        cond |= Q(text__icontains=w)
    # SQLite scans: look among the 50,000 claims stored nearest this one (its time of coverage).
    window = Q(pk__gte=claim.pk - SQLITE_WINDOW // 2, pk__lte=claim.pk + SQLITE_WINDOW // 2)
    candidates = (Claim.objects.filter(window & cond).exclude(pk=claim.pk).select_related("article", "speaker")
                  .order_by()[:500])
    scored = [(c, jaccard(mine, words(c.text))) for c in candidates]
    scored = [(c, s) for c, s in scored if s >= threshold]
    scored.sort(key=lambda x: -x[1])
    return scored[:limit]
