"""The claims the API lists and shows. A page of claims is one ``values()`` query for the claims
(with article, speaker, organisation and reviewer joined) and one ``values_list`` query per relation,
grouped by claim in Python: no queryset cloned per claim, no model instance built for a listed row."""
from __future__ import annotations

from collections import defaultdict

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.query import ValuesIterable

from articles.models import Claim, ClaimLink, ClaimMatch, EvidenceLink, Statistic

# A fact-check's columns no list of matches shows: its ClaimReview JSON and both encoders' vectors
# (~3 KB a row besides the JSON), read by the match index, never by a page.
FACTCHECK_BLOBS = ("factcheck__raw", "factcheck__vectors", "factcheck__dense")


def matches_of(claim: Claim) -> QuerySet:
    """A claim's matches, best first, each with its fact-check (without ``FACTCHECK_BLOBS``)."""
    return claim.matches.select_related("factcheck").defer(*FACTCHECK_BLOBS).order_by("-score", "id")


RELATIONS = ("people_list", "organisations_list", "statistics_list", "evidence_list", "links_out_list",
             "links_in_list", "matches_list")


class _Ref:
    __slots__ = ("id", "name", "title", "published", "username")

    def __init__(self, id, **values):  # noqa: A002  (the model field's name)
        self.id = id
        for k, v in values.items():
            setattr(self, k, v)


class ListedClaim:
    """A claim as a list page shows it, made from one ``values()`` row: building ~150 model
    instances a page (claims, articles, speakers) cost more than the page's SQL."""

    __slots__ = ("id", "article_id", "text", "kind", "speaker_id", "organisation_id", "speaker_text", "source_kind", "cue",
                 "frame",
                 "confidence",
                 "checkworthiness", "start", "end", "in_text", "family_id", "claim_reviewed", "status", "verdict",
                 "rationale", "reviewer_id", "reviewed_at", "published", "version", "article", "speaker", "organisation",
                 "reviewer", *RELATIONS)

    def __init__(self, row: dict):
        for name in _SCALARS:
            setattr(self, name, row[name])
        self.article = _Ref(row["article_id"], title=row["article__title"], published=row["article__published"])
        self.speaker = _Ref(row["speaker_id"], name=row["speaker__name"]) if row["speaker_id"] else None
        self.organisation = _Ref(row["organisation_id"], name=row["organisation__name"]) if row["organisation_id"] else None
        self.reviewer = _Ref(row["reviewer_id"], username=row["reviewer__username"]) if row["reviewer_id"] else None

    @property
    def pk(self):
        return self.id


class _ListedClaims(ValuesIterable):
    def __iter__(self):
        return map(ListedClaim, super().__iter__())


# The columns a listed claim shows: a list page loads nothing else (no bodies, no timestamps).
LISTED_VALUES = ("id", "article_id", "text", "kind", "speaker_id", "organisation_id", "speaker_text", "source_kind", "cue",
                 "frame",
                 "confidence",
                 "checkworthiness", "start", "end", "in_text", "family_id", "claim_reviewed", "status", "verdict",
                 "rationale", "reviewer_id", "reviewed_at", "published", "version", "article__title", "article__published",
                 "speaker__name",
                 "organisation__name", "reviewer__username")


_SCALARS = tuple(f for f in LISTED_VALUES if "__" not in f)  # the claim's own columns


def claim_list(lean: bool = False) -> QuerySet:
    """Claims joined with their article, speaker, organisation and reviewer; ``lean`` (list pages,
    read only) yields :class:`ListedClaim` rows of just the shown columns, not model instances.
    Relations come from :func:`attach_relations`."""
    if lean:
        qs = Claim.objects.values(*LISTED_VALUES)
        qs._iterable_class = _ListedClaims  # rows become ListedClaim objects, through every clone
        return qs
    return Claim.objects.select_related("article", "speaker", "organisation", "reviewer").defer(
        "article__body", "article__paragraphs")


def _grouped(rows) -> dict[int, list[tuple]]:
    out: dict[int, list[tuple]] = defaultdict(list)
    for claim_id, *rest in rows:
        out[claim_id].append(tuple(rest))
    return out


def _among(model, column: str, ids: list[int]) -> RawSQL:
    """``column IN (ids)`` with the ids passed as they are: Django's ``__in`` prepares each value
    (about fifteen calls an id, seven relations a page) for ids that are already integers."""
    quote = connection.ops.quote_name
    return RawSQL(f"{quote(model._meta.db_table)}.{quote(column)} IN ({', '.join(['%s'] * len(ids))})", ids,
                  output_field=BooleanField())


def attach_relations(claims: list[Claim]) -> list[Claim]:
    """Set each claim's mentions, statistics, evidence and links as lists of plain tuples."""
    ids = [c.pk for c in claims]
    if not ids:
        return claims
    MP, MO = Claim.mentioned_people.through, Claim.mentioned_organisations.through
    people = MP.objects.filter(_among(MP, "claim_id", ids)).order_by("person__name")
    orgs = MO.objects.filter(_among(MO, "claim_id", ids)).order_by("organisation__name")
    groups = {
        "people_list": _grouped(people.values_list("claim_id", "person_id", "person__name")),
        "organisations_list": _grouped(orgs.values_list("claim_id", "organisation_id", "organisation__name")),
        "statistics_list": _grouped(Statistic.objects.filter(_among(Statistic, "claim_id", ids))
                                    .order_by("article_id", "start").values_list("claim_id", "id", "value", "unit", "text")),
        "evidence_list": _grouped(EvidenceLink.objects.filter(_among(EvidenceLink, "claim_id", ids)).order_by("id")
                                  .values_list("claim_id", "url", "title")),
        "links_out_list": _grouped(ClaimLink.objects.filter(_among(ClaimLink, "source_id", ids)).order_by("id")
                                   .values_list("source_id", "id", "relation", "target_id")),
        "links_in_list": _grouped(ClaimLink.objects.filter(_among(ClaimLink, "target_id", ids)).order_by("id")
                                  .values_list("target_id", "id", "relation", "source_id")),
        "matches_list": _grouped(ClaimMatch.objects.filter(_among(ClaimMatch, "claim_id", ids)).order_by("-score", "id")
                                 .values_list("claim_id", "factcheck_id", "factcheck__url", "factcheck__claim_reviewed",
                                              "factcheck__rating", "factcheck__publisher", "score", "level")),
    }
    for c in claims:
        for attr, group in groups.items():
            setattr(c, attr, group.get(c.pk, []))
    return claims
