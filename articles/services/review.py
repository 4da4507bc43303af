"""The editors' review of a claim: every change is stamped and kept as history."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from articles.models import Claim, ReviewEvent

REVIEW_FIELDS = ("status", "verdict", "rationale")


def _plain(value):
    return "" if value is None else str(value)


@transaction.atomic
def apply_review(claim: Claim, user, **changes) -> ReviewEvent | None:
    """Change review fields of ``claim``; a verdict change sets the reviewer and the review time.

    Returns the ReviewEvent written, or None when nothing changed.
    """
    unknown = set(changes) - set(REVIEW_FIELDS)
    if unknown:
        raise ValueError(f"not review fields: {', '.join(sorted(unknown))}")
    diff = {}
    for name, value in changes.items():
        old = getattr(claim, name)
        if _plain(old) != _plain(value):
            diff[name] = [_plain(old), _plain(value)]
            setattr(claim, name, value)
    if not diff:
        return None
    if "verdict" in diff:
        claim.reviewer = user if user is not None and user.is_authenticated else None
        claim.reviewed_at = timezone.now()
        if claim.verdict and claim.status == Claim.Status.NEW:
            diff["status"] = [claim.status, Claim.Status.IN_REVIEW]
            claim.status = Claim.Status.IN_REVIEW
    claim.save()
    return record(claim, user, diff)


def record(claim: Claim, user, diff: dict) -> ReviewEvent:
    return ReviewEvent.objects.create(claim=claim, user=user if user is not None and user.is_authenticated else None,
                                      changes=diff)


def record_change(claim: Claim, user, field: str, old, new) -> ReviewEvent:
    """History for review-related changes made elsewhere (links, evidence, speaker)."""
    return record(claim, user, {field: [_plain(old), _plain(new)]})
