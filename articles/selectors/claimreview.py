"""schema.org ClaimReview for checked claims."""
from __future__ import annotations

from django.conf import settings

from articles.models import Claim

# Verdict -> (ratingValue, alternateName); ratingValue runs from 1 (false) to 5 (true).
RATINGS = {
    Claim.Verdict.FALSE: (1, "False"),
    Claim.Verdict.MOSTLY_FALSE: (2, "Mostly false"),
    Claim.Verdict.MIXED: (3, "Half true"),
    Claim.Verdict.MOSTLY_TRUE: (4, "Mostly true"),
    Claim.Verdict.TRUE: (5, "True"),
    Claim.Verdict.UNPROVEN: (None, "Unproven"),
}


def is_checked(claim: Claim) -> bool:
    return claim.status == Claim.Status.CHECKED and bool(claim.verdict)


def claim_review(claim: Claim, claim_url: str, article_url: str) -> dict:
    """The ClaimReview JSON-LD object of a checked claim."""
    value, name = RATINGS[claim.verdict]
    rating = {"@type": "Rating", "bestRating": 5, "worstRating": 1, "alternateName": name}
    if value is not None:
        rating["ratingValue"] = value
    if claim.speaker_id:
        author = {"@type": "Person", "name": claim.speaker.name}
    elif claim.organisation_id:
        author = {"@type": "Organization", "name": claim.organisation.name}
    else:
        author = {"@type": "Person", "name": claim.speaker_text or "Unknown"}
    article = claim.article
    appearance = {"@type": "NewsArticle", "headline": article.title, "url": article_url,
                  "datePublished": article.published.isoformat()}
    if article.publisher_id:
        appearance["publisher"] = {"@type": "Organization", "name": article.publisher.name}
    reviewed = claim.reviewed_at
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": claim_url,
        "claimReviewed": claim.text.strip("“”\"' ,"),
        "itemReviewed": {"@type": "Claim", "author": author, "appearance": appearance,
                         "datePublished": article.published.isoformat()},
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": settings.CLAIMSDB_REVIEWER_ORG},
        "datePublished": (reviewed or claim.updated_at).date().isoformat(),
    }
    if claim.rationale:
        review["reviewBody"] = claim.rationale
    return review
