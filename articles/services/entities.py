"""Renaming people and organisations without breaking identity: the matching key follows the
name, the old name stays an alias (so later imports of it still find this record), and a name
another record already holds is refused."""
from __future__ import annotations

from articles.extraction.names import person_key
from articles.models import Organisation, OrganisationAlias, Person, PersonAlias, name_key
from articles.services import retry


class NameTaken(ValueError):
    pass


@retry.atomic
def rename_person(person: Person, name: str) -> Person:
    key = person_key(name)
    if not key:
        raise NameTaken("A name needs at least one letter or digit.")
    clash = (Person.objects.filter(key=key).exclude(pk=person.pk).first()
             or Person.objects.filter(aliases__key=key, aliases__is_name=True).exclude(pk=person.pk).first())
    if clash is not None:
        raise NameTaken(f"Another person already has this name: {clash.name} (id {clash.pk}); merge them instead.")
    old_name, old_key = person.name, person.key
    if old_key != key and old_key:
        alias, _ = PersonAlias.objects.get_or_create(person=person, key=old_key, defaults={"name": old_name})
        if not alias.is_name and len(old_key.split()) >= 2:
            alias.is_name = True
            alias.save(update_fields=["is_name"])
    alias, created = PersonAlias.objects.get_or_create(person=person, key=key,
                                                       defaults={"name": name, "is_name": len(key.split()) >= 2})
    person.name, person.key = name, key
    person.save(update_fields=["name", "key", "updated_at"])
    return person


@retry.atomic
def rename_organisation(org: Organisation, name: str) -> Organisation:
    key = name_key(name)
    if not key:
        raise NameTaken("A name needs at least one letter or digit.")
    clash = OrganisationAlias.objects.filter(key=key).exclude(organisation=org).select_related("organisation").first()
    if clash is not None:
        raise NameTaken(f"Another organisation already has this name: {clash.organisation.name} "
                        f"(id {clash.organisation_id}); merge them instead.")
    OrganisationAlias.objects.get_or_create(key=key, defaults={"organisation": org, "name": name})
    org.name = name
    org.save(update_fields=["name", "updated_at"])
    return org
