"""The one publication rule: a check is public once its claim is checked with a verdict.

Written once, as a test of values (:func:`is_published`, behind :attr:`Claim.is_published`) and as a
query (:data:`PUBLISHED`, behind :func:`articles.publishing.selectors.published_checks`). It imports no
models, so the model itself can use it."""
from __future__ import annotations

from django.db.models import Q

CHECKED = "checked"  # Claim.Status.CHECKED (models assert they agree)


def is_published(status: str, verdict: str) -> bool:
    """Is a claim with this status and verdict a published check?"""
    return status == CHECKED and bool(verdict)


# The rule as a query: the public pages, feeds, ClaimReview, a speaker's record, the desk, families
# and the API's public reads.
PUBLISHED = Q(status=CHECKED) & ~Q(verdict="")
