"""The claims the API lists and shows. A page of claims is one query for the claims (with article,
speaker, organisation and reviewer joined) and one ``values_list`` query per relation, grouped by
claim in Python: no queryset cloned per claim, no model built for a related row."""
from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet

from articles.models import Claim, ClaimLink, ClaimMatch, EvidenceLink, Statistic

# The columns a listed claim shows: a list page loads nothing else (no bodies, no timestamps).
LISTED = ("id", "article_id", "text", "kind", "speaker_id", "organisation_id", "speaker_text", "cue", "confidence",
          "start", "end", "in_text", "family_id", "claim_reviewed", "status", "verdict", "rationale", "reviewer_id", "reviewed_at",
          "article__id", "article__title", "article__published", "speaker__id", "speaker__name",
          "organisation__id", "organisation__name", "reviewer__id", "reviewer__username")
RELATIONS = ("people_list", "organisations_list", "statistics_list", "evidence_list", "links_out_list",
             "links_in_list", "matches_list")


def claim_list(lean: bool = False) -> QuerySet:
    """Claims joined with their article, speaker, organisation and reviewer; ``lean`` (list pages,
    read only) loads only the columns they show. Relations come from :func:`attach_relations`."""
    qs = Claim.objects.select_related("article", "speaker", "organisation", "reviewer")
    return qs.only(*LISTED) if lean else qs.defer("article__body", "article__paragraphs")


def _grouped(rows) -> dict[int, list[tuple]]:
    out: dict[int, list[tuple]] = defaultdict(list)
    for claim_id, *rest in rows:
        out[claim_id].append(tuple(rest))
    return out


def attach_relations(claims: list[Claim]) -> list[Claim]:
    """Set each claim's mentions, statistics, evidence and links as lists of plain tuples."""
    ids = [c.pk for c in claims]
    if not ids:
        return claims
    people = Claim.mentioned_people.through.objects.filter(claim_id__in=ids).order_by("person__name")
    orgs = Claim.mentioned_organisations.through.objects.filter(claim_id__in=ids).order_by("organisation__name")
    groups = {
        "people_list": _grouped(people.values_list("claim_id", "person_id", "person__name")),
        "organisations_list": _grouped(orgs.values_list("claim_id", "organisation_id", "organisation__name")),
        "statistics_list": _grouped(Statistic.objects.filter(claim_id__in=ids).order_by("article_id", "start")
                                    .values_list("claim_id", "id", "value", "unit", "text")),
        "evidence_list": _grouped(EvidenceLink.objects.filter(claim_id__in=ids).order_by("id")
                                  .values_list("claim_id", "url", "title")),
        "links_out_list": _grouped(ClaimLink.objects.filter(source_id__in=ids).order_by("id")
                                   .values_list("source_id", "id", "relation", "target_id")),
        "links_in_list": _grouped(ClaimLink.objects.filter(target_id__in=ids).order_by("id")
                                  .values_list("target_id", "id", "relation", "source_id")),
        "matches_list": _grouped(ClaimMatch.objects.filter(claim_id__in=ids).order_by("-score", "id")
                                 .values_list("claim_id", "factcheck_id", "factcheck__url", "factcheck__claim_reviewed",
                                              "factcheck__rating", "factcheck__publisher", "score", "level")),
    }
    for c in claims:
        for attr, group in groups.items():
            setattr(c, attr, group.get(c.pk, []))
    return claims
