"""Matching the stored claims against the fact-check library, as a step that resumes.

``import_factchecks`` matches the claims after storing. Whether to, and against what, is read from
the database, not from what one run did: the library's state (records, last change, last id) the
claims were last matched against is kept (Checkpoint), so a run killed or failed between storing and
matching is finished by the next, even when that run finds every record unchanged. Only the claims
the fact-checks changed since then concern are matched again (match_index.rematch); every claim
when that cannot be told (records deleted since).
"""
from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Max, Q

from articles.models import Checkpoint, Claim, FactCheck
from articles.services import match_index, matching, retry

CHECKPOINT = "claims-matched-library"


def library_state() -> str:
    s = FactCheck.objects.aggregate(n=Count("id"), last=Max("updated_at"), top=Max("id"))
    return f"{s['n']}:{s['last'].isoformat() if s['last'] else ''}:{s['top'] or 0}"


def pending() -> bool:
    """Whether the library changed since the claims were last matched against it."""
    done = Checkpoint.objects.filter(name=CHECKPOINT).values_list("value", flat=True).first()
    return done != library_state()


def changed_since_matched() -> list[int] | None:
    """Ids of the fact-checks new or changed since the claims were last matched (all of them when
    the claims were never matched); None when that cannot be told (records deleted since)."""
    done = Checkpoint.objects.filter(name=CHECKPOINT).values_list("value", flat=True).first()
    if done is None:
        return list(FactCheck.objects.values_list("id", flat=True))
    try:
        n, last, top = done.split(":", 1)[0], done.split(":", 1)[1].rsplit(":", 1)[0], done.rsplit(":", 1)[1]
        n, top, last = int(n), int(top), (datetime.fromisoformat(last) if last else None)
    except (AttributeError, IndexError, ValueError):
        return None
    new = Q(id__gt=top)
    changed = FactCheck.objects.filter(new | Q(updated_at__gt=last) if last else new)
    if FactCheck.objects.count() != n + FactCheck.objects.filter(new).count():
        return None  # records went: their matches must go too
    return list(changed.values_list("id", flat=True))


def catch_up() -> int:
    """Match the claims the library's changes since the last matching concern (all claims when
    unknown); then mark the library state matched. Returns how many matches were stored."""
    state = library_state()
    ids = changed_since_matched()
    if ids is None:
        return match_all_claims()
    matched = match_index.rematch(ids) if ids else 0
    retry.run(Checkpoint.objects.update_or_create, name=CHECKPOINT, defaults={"value": state})
    return matched


def match_all_claims() -> int:
    """Match every claim in the text against the library; then mark the library state matched (the
    state read before matching: a change made meanwhile is matched by the next run)."""
    state = library_state()
    claims = list(Claim.objects.filter(in_text=True).only("id", "text", "checkworthiness", "checkworthiness_version"))
    matched = (matching.match_claims(claims) or 0) if claims else 0
    retry.run(Checkpoint.objects.update_or_create, name=CHECKPOINT, defaults={"value": state})
    return matched
