"""schema.org ClaimReview for checked claims: one builder for the public page and the API."""
from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from articles.extraction.text import reviewed_wording
from articles.models import Claim
from articles.selectors import corrections
from articles.selectors.outward import xml_safe_data

# Verdict -> (ratingValue, alternateName); ratingValue runs from 1 (false) to 5 (true). "Unproven" is
# not a point on that scale: it carries its name only (schema.org's ratingValue is optional).
RATINGS = {
    Claim.Verdict.FALSE: (1, "False"),
    Claim.Verdict.MOSTLY_FALSE: (2, "Mostly false"),
    Claim.Verdict.MIXED: (3, "Half true"),
    Claim.Verdict.MOSTLY_TRUE: (4, "Mostly true"),
    Claim.Verdict.TRUE: (5, "True"),
    Claim.Verdict.UNPROVEN: (None, "Unproven"),
}


def is_checked(claim: Claim) -> bool:
    """Has ``claim`` a published check? (The one rule: :mod:`articles.publishing.rule`.)"""
    return claim.is_published


def wording(claim: Claim) -> str:
    """What the check says was claimed: the editor's wording, else the claim's text cleaned."""
    return claim.claim_reviewed.strip() or reviewed_wording(claim.text)


def public_base(request=None) -> str:
    """The public site's address: CLAIMSDB_PUBLIC_URL, else the request's own host, else (no request
    at hand: ClaimsDB's own entries in the fact-check library) the development server's address;
    ``check --deploy`` warns when CLAIMSDB_PUBLIC_URL is unset with DEBUG off."""
    base = getattr(settings, "CLAIMSDB_PUBLIC_URL", "")
    if base:
        return base.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return "http://localhost:8000"


def public_url(claim_id: int, request=None) -> str:
    return public_base(request) + reverse("public:detail", args=[claim_id])


def author_of(claim: Claim) -> dict:
    if claim.speaker_id:
        return {"@type": "Person", "name": claim.speaker.name}
    if claim.organisation_id:
        return {"@type": "Organization", "name": claim.organisation.name}
    return {"@type": "Person", "name": claim.speaker_text or "Unknown"}


def claim_review(claim: Claim, request=None) -> dict:
    """The ClaimReview JSON-LD object of a checked claim."""
    value, name = RATINGS[claim.verdict]
    rating = {"@type": "Rating", "alternateName": name, "bestRating": 5, "worstRating": 1}
    if value is not None:
        rating["ratingValue"] = value
    article = claim.article
    appearance = {"@type": "NewsArticle", "headline": article.title, "datePublished": article.published.isoformat()}
    if article.source_url:
        appearance["url"] = article.source_url
    if article.publisher_id:
        appearance["publisher"] = {"@type": "Organization", "name": article.publisher.name}
    reviewed = claim.reviewed_at or claim.updated_at
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": public_url(claim.pk, request),
        "claimReviewed": wording(claim),
        "itemReviewed": {"@type": "Claim", "author": author_of(claim), "appearance": appearance,
                         "datePublished": article.published.isoformat()},
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": settings.CLAIMSDB_REVIEWER_ORG,
                   "url": public_base(request) + reverse("public:list")},
        "datePublished": reviewed.date().isoformat(),
    }
    modified = corrections.last_modified(claim) if claim.pk else None
    if modified is not None:
        review["dateModified"] = modified.date().isoformat()
    if claim.rationale:
        review["reviewBody"] = claim.rationale
    citations = [{"@type": "CreativeWork", "url": e.url, **({"name": e.title} if e.title else {})}
                 for e in claim.evidence.all()]
    if citations:
        review["citation"] = citations
    return xml_safe_data(review)  # JSON-LD is read by XML-minded tools too: no control characters
