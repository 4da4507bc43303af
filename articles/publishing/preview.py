"""The publish step: what a check would look like once public, and what is missing from it."""
from __future__ import annotations

import copy
import json

from articles.models import Claim
from articles.selectors import claimreview

# schema.org and Google ask for a short claimReviewed; longer ones are cut off in search results.
CLAIM_REVIEWED_MAX = 75


def problems(claim: Claim) -> list[str]:
    """What stops publication: a check is published with a verdict."""
    out = []
    if claim.is_published:
        out.append("This check is published already.")
    if not claim.verdict:
        out.append("No verdict yet: give the claim a verdict (and save) before publishing.")
    return out


def warnings(claim: Claim) -> list[str]:
    """What a careful editor looks at before publishing (publication stays possible)."""
    out = []
    wording = claimreview.wording(claim)
    if len(wording) > CLAIM_REVIEWED_MAX:
        out.append(f"The claim reviewed is {len(wording)} characters long: schema.org advises at most "
                   f"{CLAIM_REVIEWED_MAX} (write a shorter “claim reviewed”).")
    if not claim.article.source_url:
        out.append("The article has no source URL: the ClaimReview cannot say where the claim appeared "
                   "(no appearance url).")
    if not claim.rationale.strip():
        out.append("The rationale is empty: readers see the verdict without the reasons.")
    if not claim.evidence.exists():
        out.append("No evidence: the check cites no sources.")
    return out


def preview(claim: Claim, request=None) -> dict:
    """The public page's content and the ClaimReview of ``claim`` as if published now (nothing is
    written): {"wording", "rating", "rationale", "evidence", "claim_review", "claim_review_json"}."""
    draft = copy.copy(claim)
    draft.status = Claim.Status.CHECKED
    review = claimreview.claim_review(draft, request)
    return {"wording": review["claimReviewed"], "rating": review["reviewRating"]["alternateName"],
            "rationale": claim.rationale, "evidence": list(claim.evidence.all()), "claim_review": review,
            "claim_review_json": json.dumps(review, ensure_ascii=False, indent=2)}
