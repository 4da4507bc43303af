"""Text search shared by the API and the admin."""
from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL

from articles.entities.keys import name_key, person_key
from articles.models import Claim, OrganisationAlias, PersonAlias


def search_people(qs: QuerySet, value: str) -> QuerySet:
    return qs.filter(pk__in=matching_person_ids(value))


def search_organisations(qs: QuerySet, value: str) -> QuerySet:
    key = name_key(value) or value.lower()
    return qs.filter(Q(name__icontains=value) | Q(Exists(OrganisationAlias.objects.filter(
        organisation=OuterRef("pk"), key__contains=key))))


def matching_person_ids(value: str) -> QuerySet:
    """Ids of people whose name or any alias contains ``value`` (case-insensitive)."""
    from articles.models import Person

    key = name_key(value) or value.lower()
    pkey = person_key(value) or key  # alias keys of people drop middle names: "Donald J. Trump" -> "donald trump"
    by_alias = PersonAlias.objects.filter(Q(key__contains=key) | Q(key__contains=pkey)).values("person_id")
    return Person.objects.filter(Q(name__icontains=value) | Q(pk__in=by_alias)).values("pk")


def speaker_matches(qs: QuerySet, value: str) -> QuerySet:
    """Claims whose speaker's name or alias matches ``value``: people first (a small table), then
    the claims by the indexed speaker column."""
    return qs.filter(speaker_id__in=list(matching_person_ids(value)[:2000].values_list("pk", flat=True)))


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


ID_LIST_CAP = 5000


def search_claims(qs: QuerySet[Claim], value: str) -> QuerySet[Claim]:
    """Claims whose text, speaker (name or alias) or article title matches ``value``.

    People and articles are looked up first (far smaller tables), so the claims table is filtered
    on indexed columns only: speaker_id, article_id, and the text through PostgreSQL's full-text
    GIN index (SQLite: case-insensitive containment of every word).
    """
    from articles.models import Article

    value = value.strip()
    if not value:
        return qs
    people = list(matching_person_ids(value)[:2000].values_list("pk", flat=True))
    articles = list(Article.objects.filter(title__icontains=value).values_list("pk", flat=True)[:5000])
    if is_postgres():
        # The same expression as the GIN index of migration 0004, so the planner uses it.
        text = Q(RawSQL("to_tsvector('english'::regconfig, articles_claim.text) @@ "
                        "websearch_to_tsquery('english'::regconfig, %s)", [value], output_field=BooleanField()))
    else:
        text = Q()
        for word in value.split():
            text &= Q(text__icontains=word)
    condition = text | Q(speaker_id__in=people) | Q(article_id__in=articles)
    # A rare match under "ORDER BY id LIMIT n" makes planners walk the primary key through the whole
    # table. So collect the matching ids from each index first; a modest set becomes an id list (an
    # index probe in any order). Dense matches (a common word) keep the plain filter: walking the
    # key then finds a page quickly.
    parts = [text] + ([Q(speaker_id__in=people)] if people else []) + ([Q(article_id__in=articles)] if articles else [])
    ids: set[int] = set()
    for part in parts:
        found = list(Claim.objects.filter(part).order_by().values_list("pk", flat=True)[:ID_LIST_CAP + 1])
        ids.update(found)
        if len(ids) > ID_LIST_CAP:
            return qs.filter(condition)
    return qs.filter(pk__in=sorted(ids))


def search_articles(qs: QuerySet, value: str) -> QuerySet:
    value = value.strip()
    if not value:
        return qs
    if is_postgres():
        return qs.filter(RawSQL("to_tsvector('english'::regconfig, articles_article.title || ' ' || "
                                "articles_article.body) @@ websearch_to_tsquery('english'::regconfig, %s)",
                                [value], output_field=BooleanField()))
    cond = Q()
    for word in value.split():
        cond &= Q(title__icontains=word) | Q(body__icontains=word)
    return qs.filter(cond)
