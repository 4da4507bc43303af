"""Text search shared by the API and the admin."""
from __future__ import annotations

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

from articles.models import Claim, OrganisationAlias, PersonAlias, name_key


def person_name_q(value: str, prefix: str = "") -> Q:
    """People whose name or any alias contains ``value`` (case-insensitive)."""
    key = name_key(value) or value.lower()
    aliases = PersonAlias.objects.filter(person=OuterRef(f"{prefix}pk" if prefix else "pk"), key__contains=key)
    return Q(**{f"{prefix}name__icontains": value}) | Q(Exists(aliases))


def search_people(qs: QuerySet, value: str) -> QuerySet:
    key = name_key(value) or value.lower()
    return qs.filter(Q(name__icontains=value) | Q(Exists(PersonAlias.objects.filter(person=OuterRef("pk"),
                                                                                       key__contains=key))))


def search_organisations(qs: QuerySet, value: str) -> QuerySet:
    key = name_key(value) or value.lower()
    return qs.filter(Q(name__icontains=value) | Q(Exists(OrganisationAlias.objects.filter(
        organisation=OuterRef("pk"), key__contains=key))))


def speaker_matches(qs: QuerySet, value: str) -> QuerySet:
    """Claims whose speaker's name or alias matches ``value``."""
    key = name_key(value) or value.lower()
    aliases = PersonAlias.objects.filter(person=OuterRef("speaker"), key__contains=key)
    return qs.filter(Q(speaker__name__icontains=value) | Q(Exists(aliases)))


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def search_claims(qs: QuerySet[Claim], value: str) -> QuerySet[Claim]:
    """Claims whose text, speaker or article title matches ``value``.

    PostgreSQL: full-text search over the claim text (GIN index), or'ed with the speaker's name.
    SQLite: case-insensitive containment of every word.
    """
    value = value.strip()
    if not value:
        return qs
    if is_postgres():
        from django.contrib.postgres.search import SearchQuery, SearchVector

        return qs.annotate(_fts=SearchVector("text", config="english")).filter(
            Q(_fts=SearchQuery(value, config="english", search_type="websearch"))
            | Q(speaker__name__icontains=value) | Q(article__title__icontains=value))
    cond = Q()
    for word in value.split():
        cond &= Q(text__icontains=word)
    return qs.filter(cond | Q(speaker__name__icontains=value) | Q(article__title__icontains=value))


def search_articles(qs: QuerySet, value: str) -> QuerySet:
    value = value.strip()
    if not value:
        return qs
    cond = Q()
    for word in value.split():
        cond &= Q(title__icontains=word) | Q(body__icontains=word)
    return qs.filter(cond)
