"""Published fact-checks: the latest checks, one page per check (with its ClaimReview JSON-LD),
and a speaker's checked claims. No login; a claim is public once checked with a verdict."""
from __future__ import annotations

import json

from csp.constants import NONCE, SELF
from csp.decorators import csp_replace
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from articles.models import Organisation, Person
from articles.publishing.selectors import published_checks
from articles.selectors import archives, claimreview, corrections
from articles.selectors.outward import xml_safe

PER_PAGE = 20
# Stricter than the site's policy: no inline style but the page's own nonce'd <style> block.
public_csp = csp_replace({"style-src": [SELF, NONCE]})


def published() -> QuerySet:
    """Every published check, newest first."""
    return (published_checks()
            .select_related("article__publisher", "speaker", "organisation")
            .defer("article__body", "article__paragraphs").order_by("-reviewed_at", "-id"))


def _ld_json(data: dict) -> str:
    # Inside <script>, "</" and "<!--" must not appear: escape "<", ">" and "&" as JSON escapes.
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _entries(claims) -> list[dict]:
    return [{"claim": c, "wording": claimreview.wording(c), "rating": claimreview.RATINGS[c.verdict][1]} for c in claims]


@public_csp
def factcheck_list(request):
    page = Paginator(published(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "public/list.html", {"page": page, "entries": _entries(page.object_list),
                                                "title": "Latest fact-checks"})


@public_csp
def factcheck_detail(request, pk: int):
    claim = get_object_or_404(published().prefetch_related("evidence"), pk=pk)
    review = claimreview.claim_review(claim, request)
    evidence = list(claim.evidence.all())
    return render(request, "public/detail.html", {
        "claim": claim, "wording": review["claimReviewed"], "rating": review["reviewRating"]["alternateName"],
        "evidence": archives.with_archives(evidence), "ld_json": _ld_json(review), "canonical": review["url"],
        "corrections": [corrections.public_entry(c) for c in corrections.of_claim(claim)],
        "title": review["claimReviewed"]})


@public_csp
def correction_list(request):
    """Every correction and update of a published check, newest first (IFCN principle 5)."""
    page = Paginator(corrections.public_corrections(), PER_PAGE).get_page(request.GET.get("page"))
    entries = [{**corrections.public_entry(c), "wording": xml_safe(claimreview.wording(c.claim))}
               for c in page.object_list]
    return render(request, "public/corrections.html", {"page": page, "entries": entries,
                                                       "title": "Corrections and updates"})


@require_safe
def archived_copy(request, pk: int):
    """The stored copy of a published check's evidence link, served so that nothing in it runs:
    a page sandboxed (no scripts, no forms, an origin of its own), anything else as plain text or
    a download."""
    row = archives.public_copy(pk)
    if row is None:
        raise Http404("No archived copy of a published check's evidence here.")
    body, content_type, disposition = archives.served(row)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Security-Policy"] = archives.COPY_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    if disposition:
        response["Content-Disposition"] = disposition
    return response


@public_csp
def person_checks(request, pk: int):
    person = get_object_or_404(Person, pk=pk)
    return _checks_of(request, published().filter(speaker=person), "speaker", person=person)


@public_csp
def organisation_checks(request, pk: int):
    """The checked claims of an organisation's sources (the body an anonymous source speaks for)."""
    org = get_object_or_404(Organisation, pk=pk)
    return _checks_of(request, published().filter(organisation=org), "organisation", organisation=org)


def _checks_of(request, claims, kind: str, **record):
    """One speaker's or organisation's published checks, a page at a time (404 while it has none)."""
    if not claims.exists():
        raise Http404(f"No published checks of this {kind}.")
    (name,) = (r.name for r in record.values())
    page = Paginator(claims, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "public/list.html", {"page": page, "entries": _entries(page.object_list),
                                                "title": f"Fact-checks of {name}", **record})
