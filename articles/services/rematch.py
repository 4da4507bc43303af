"""Matching every stored claim against the fact-check library, as a step that resumes.

``import_factchecks`` matches the claims after storing. Whether to is read from the database, not
from what one run did: the library's state (records, last change, last id) the claims were last
matched against is kept (Checkpoint), so a run killed or failed between storing and matching is
finished by the next, even when that run finds every record unchanged.
"""
from __future__ import annotations

from django.db.models import Count, Max

from articles.models import Checkpoint, Claim, FactCheck
from articles.services import matching, retry

CHECKPOINT = "claims-matched-library"


def library_state() -> str:
    s = FactCheck.objects.aggregate(n=Count("id"), last=Max("updated_at"), top=Max("id"))
    return f"{s['n']}:{s['last'].isoformat() if s['last'] else ''}:{s['top'] or 0}"


def pending() -> bool:
    """Whether the library changed since the claims were last matched against it."""
    done = Checkpoint.objects.filter(name=CHECKPOINT).values_list("value", flat=True).first()
    return done != library_state()


def match_all_claims() -> int:
    """Match every claim in the text against the library; then mark the library state matched (the
    state read before matching: a change made meanwhile is matched by the next run)."""
    state = library_state()
    claims = list(Claim.objects.filter(in_text=True).only("id", "text"))
    matched = (matching.match_claims(claims) or 0) if claims else 0
    retry.run(Checkpoint.objects.update_or_create, name=CHECKPOINT, defaults={"value": state})
    return matched
