"""Published fact-checks: the latest checks, one page per check (with its ClaimReview JSON-LD),
and a speaker's checked claims. No login; a claim is public once checked with a verdict."""
from __future__ import annotations

import json

from csp.constants import NONCE, SELF
from csp.decorators import csp_replace
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe

from articles.models import Person
from articles.publishing.selectors import published_checks
from articles.selectors import claimreview

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
    return render(request, "public/detail.html", {
        "claim": claim, "wording": review["claimReviewed"], "rating": review["reviewRating"]["alternateName"],
        "evidence": list(claim.evidence.all()), "ld_json": _ld_json(review), "canonical": review["url"],
        "title": review["claimReviewed"]})


@public_csp
def person_checks(request, pk: int):
    person = get_object_or_404(Person, pk=pk)
    claims = published().filter(speaker=person)
    if not claims.exists():
        raise Http404("No published checks of this speaker.")
    page = Paginator(claims, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "public/list.html", {"page": page, "entries": _entries(page.object_list),
                                                "title": f"Fact-checks of {person.name}", "person": person})
