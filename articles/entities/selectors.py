"""Reads about people and organisations."""
from __future__ import annotations

from articles.extraction import KnownPerson
from articles.models import Affiliation


def known_people() -> list[KnownPerson]:
    """People with roles an editor entered (not tied to an article): they resolve "the Prime Minister"."""
    roles: dict[int, list[str]] = {}
    names: dict[int, str] = {}
    for aff in Affiliation.objects.filter(article__isnull=True).exclude(role="").select_related("person"):
        roles.setdefault(aff.person_id, []).append(aff.role.lower())
        names[aff.person_id] = aff.person.name
    return [KnownPerson(name=names[pid], roles=tuple(r)) for pid, r in roles.items()]
