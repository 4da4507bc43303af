"""Merging duplicate people or organisations into the record an editor keeps.

Claims, mentions, affiliations and aliases move to the kept record; the merged records' names
become its aliases, so later imports map those names to it.
"""
from __future__ import annotations

from django.db import IntegrityError, transaction

from articles.extraction.names import person_key
from articles.models import (
    Affiliation,
    Article,
    Claim,
    Mention,
    Organisation,
    OrganisationAlias,
    Person,
    PersonAlias,
    name_key,
)


class MergeError(ValueError):
    pass


def _check(keep, others):
    others = [o for o in others if o.pk != keep.pk]
    if not others:
        raise MergeError("choose at least one other record to merge into the one kept")
    return others


@transaction.atomic
def merge_people(keep: Person, others: list[Person]) -> Person:
    others = _check(keep, others)
    ids = [o.pk for o in others]
    Claim.objects.filter(speaker_id__in=ids).update(speaker=keep)
    through = Claim.mentioned_people.through
    for row in through.objects.filter(person_id__in=ids):
        through.objects.get_or_create(claim_id=row.claim_id, person=keep)
    through.objects.filter(person_id__in=ids).delete()
    Mention.objects.filter(person_id__in=ids).update(person=keep)
    for aff in Affiliation.objects.filter(person_id__in=ids):
        if Affiliation.objects.filter(person=keep, role=aff.role, organisation=aff.organisation_id,
                                      article=aff.article_id).exists():
            aff.delete()
        else:
            aff.person = keep
            aff.save(update_fields=["person"])
    names = []
    for other in others:
        names.append(other.name)
        for alias in PersonAlias.objects.filter(person=other):
            if PersonAlias.objects.filter(person=keep, key=alias.key).exists():
                alias.delete()
            else:
                alias.person = keep
                alias.save(update_fields=["person"])
        if not keep.gender and other.gender:
            keep.gender = other.gender
        other.delete()
    for name in names:
        key = person_key(name)
        if not PersonAlias.objects.filter(person=keep, key=key).exists():
            full = len(key.split()) >= 2 and not PersonAlias.objects.filter(key=key, is_name=True).exists()
            PersonAlias.objects.create(person=keep, name=name, key=key, is_name=full)
        elif len(key.split()) >= 2:
            # The merged record's own name identifies the kept one from now on.
            try:
                with transaction.atomic():
                    PersonAlias.objects.filter(person=keep, key=key).update(is_name=True)
            except IntegrityError:
                pass
    keep.save()
    return keep


@transaction.atomic
def merge_organisations(keep: Organisation, others: list[Organisation]) -> Organisation:
    others = _check(keep, others)
    ids = [o.pk for o in others]
    Claim.objects.filter(organisation_id__in=ids).update(organisation=keep)
    through = Claim.mentioned_organisations.through
    for row in through.objects.filter(organisation_id__in=ids):
        through.objects.get_or_create(claim_id=row.claim_id, organisation=keep)
    through.objects.filter(organisation_id__in=ids).delete()
    Mention.objects.filter(organisation_id__in=ids).update(organisation=keep)
    Article.objects.filter(publisher_id__in=ids).update(publisher=keep)
    for aff in Affiliation.objects.filter(organisation_id__in=ids):
        if Affiliation.objects.filter(person=aff.person_id, role=aff.role, organisation=keep,
                                      article=aff.article_id).exists():
            aff.delete()
        else:
            aff.organisation = keep
            aff.save(update_fields=["organisation"])
    names = []
    for other in others:
        names.append(other.name)
        OrganisationAlias.objects.filter(organisation=other).update(organisation=keep)
        other.delete()
    for name in names:
        key = name_key(name)
        if not OrganisationAlias.objects.filter(key=key).exists():
            OrganisationAlias.objects.create(organisation=keep, name=name, key=key)
    return keep
