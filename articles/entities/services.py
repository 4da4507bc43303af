"""Naming people and organisations without breaking identity, for the admin and the API alike.

- A rename moves the matching key with the name: imports of the new name find the record, and the
  old name no longer identifies it (a person's old name stays listed as an alias, not as a full
  name; an editor who wants it to keep mapping ticks "is name" on it).
- A name or a full-name alias another record already holds is refused: that is a merge.
- ``check_*`` say what would be refused before anything is written (forms call them in ``clean``);
  the writing functions check again, in their transaction.
"""
from __future__ import annotations

from articles.entities.keys import name_key, person_key
from articles.models import Organisation, OrganisationAlias, Person, PersonAlias
from articles.services import retry


class NameTaken(ValueError):
    pass


def _key(key: str) -> str:
    if not key:
        raise NameTaken("A name needs at least one letter or digit.")
    return key


def _person_holding(key: str, person: Person | None, full_names_only: bool = True) -> Person | None:
    """Another person whose name, or full-name alias, has this key."""
    others = Person.objects.exclude(pk=person.pk) if person is not None and person.pk else Person.objects.all()
    return (others.filter(key=key).first()
            or (others.filter(aliases__key=key, aliases__is_name=True).first() if full_names_only else None))


def _taken(kind: str, clash, what: str) -> NameTaken:
    return NameTaken(f"Another {kind} already has this {what}: {clash.name} (id {clash.pk}); merge them instead.")


def check_person_name(person: Person | None, name: str) -> str:
    """The key ``name`` would give ``person`` (None: a new person); NameTaken if another holds it."""
    key = _key(person_key(name))
    clash = _person_holding(key, person)
    if clash is not None:
        raise _taken("person", clash, "name")
    return key


def check_person_alias(person: Person | None, name: str, is_name: bool) -> str:
    """The key of a new or changed alias; NameTaken if it is another person's name, or a full name
    another person holds. Short forms ("Mr Johnson", "May") may name several people."""
    key = _key(person_key(name))
    clash = _person_holding(key, person, full_names_only=is_name)
    if clash is not None:
        raise _taken("person", clash, "name" if clash.key == key else "full name as an alias")
    return key


def check_organisation_name(org: Organisation | None, name: str) -> str:
    """The key of ``name`` for ``org`` (a name and an alias alike: every alias names the body)."""
    key = _key(name_key(name))
    others = Organisation.objects.exclude(pk=org.pk) if org is not None and org.pk else Organisation.objects.all()
    clash = others.filter(key=key).first() or others.filter(aliases__key=key).first()
    if clash is not None:
        raise _taken("organisation", clash, "name")
    return key


check_organisation_alias = check_organisation_name


@retry.atomic
def rename_person(person: Person, name: str) -> Person:
    key = check_person_name(person, name)
    stored = Person.objects.filter(pk=person.pk).values_list("name", "key").first() if person.pk else None
    if stored is not None and stored[1] != key:
        # The old name stays in the list of names seen, but no longer identifies this record.
        old_name, old_key = stored
        if not PersonAlias.objects.filter(person=person, key=old_key).update(is_name=False):
            PersonAlias.objects.create(person=person, key=old_key, name=old_name, is_name=False)
    person.name, person.key = name, key
    person.save()
    PersonAlias.objects.update_or_create(person=person, key=key, defaults={"name": name, "is_name": len(key.split()) >= 2})
    return person


@retry.atomic
def rename_organisation(org: Organisation, name: str) -> Organisation:
    key = check_organisation_name(org, name)
    org.name, org.key = name, key
    org.save()
    OrganisationAlias.objects.update_or_create(key=key, defaults={"organisation": org, "name": name})
    return org


@retry.atomic
def save_person_alias(person: Person, name: str, is_name: bool, alias: PersonAlias | None = None) -> PersonAlias:
    """Add an alias to ``person``, or change ``alias``; a key the person already has is updated
    rather than repeated."""
    key = check_person_alias(person, name, is_name)
    same = PersonAlias.objects.filter(person=person, key=key).exclude(pk=getattr(alias, "pk", None)).first()
    if same is not None:
        if alias is not None and alias.pk:
            alias.delete()
        alias = same
    alias = alias or PersonAlias(person=person)
    alias.name, alias.key, alias.is_name = name, key, is_name
    alias.save()
    return alias


@retry.atomic
def save_organisation_alias(org: Organisation, name: str, alias: OrganisationAlias | None = None) -> OrganisationAlias:
    key = check_organisation_alias(org, name)
    same = OrganisationAlias.objects.filter(key=key).exclude(pk=getattr(alias, "pk", None)).first()
    if same is not None:  # this organisation's own (another's was refused above)
        if alias is not None and alias.pk:
            alias.delete()
        alias = same
    alias = alias or OrganisationAlias(organisation=org)
    alias.name, alias.key = name, key
    alias.save()
    return alias
