"""One record per real person and organisation, with editors in charge.

- Surname-only records ("Obama") are linked to the full-name person the database knows with that
  surname when the context supports one clearly (gender, role, prominence as the last resort);
  otherwise a suggestion waits for an editor (PersonLink).
- Split: chosen aliases, and the claims made under them, move to a new or another record.
- "Not a person" / "not an organisation": the record goes, its claims point at what the editor
  names (or at no record), and later imports map the name the same way (RejectedName).
"""
from __future__ import annotations

from collections import Counter

from django.db.models import Count, Q

from articles.entities.keys import name_key, person_key, surname
from articles.entities.merge import merge_people
from articles.models import (
    Affiliation,
    Article,
    Claim,
    Mention,
    Organisation,
    OrganisationAlias,
    Person,
    PersonAlias,
    PersonLink,
    RejectedName,
)
from articles.services import retry, review

AUTO_LINK = 0.8  # links at or above this confidence are made; below, suggested to editors


class IdentityError(ValueError):
    pass


# -- surname-only records ----------------------------------------------------------------------
def _candidates_for(shorts: list[Person]) -> dict[int, list[tuple[Person, float, str]]]:
    """Full-name people with each record's surname, each with a link confidence and the reason:
    four queries for all the records, not four each."""
    out: dict[int, list[tuple[Person, float, str]]] = {s.pk: [] for s in shorts}
    if not shorts:
        return out
    match = Q()
    for short in shorts:
        match |= Q(key__contains=short.key)
    found = list(Person.objects.filter(match).filter(key__contains=" ").annotate(n=Count("claims")))
    by_surname: dict[str, list[Person]] = {}
    for c in found:
        by_surname.setdefault(surname(c.name), []).append(c)
    rejected: dict[str, set[int]] = {}
    for key, cand in PersonLink.objects.filter(short_key__in=[s.key for s in shorts],
                                               status=PersonLink.Status.REJECTED).values_list("short_key", "candidate_id"):
        rejected.setdefault(key, set()).add(cand)
    roles: dict[int, set[str]] = {}
    for pid, role in Affiliation.objects.filter(person__in=[*shorts, *found]).exclude(role="").values_list("person_id", "role"):
        roles.setdefault(pid, set()).add(role.lower())
    for short in shorts:
        cands = [c for c in by_surname.get(short.key, []) if c.pk != short.pk and c.pk not in rejected.get(short.key, ())
                 and not (short.gender and c.gender and short.gender != c.gender)]
        total = sum(c.n + 1 for c in cands)
        mine = roles.get(short.pk, set())
        ranked = []
        for c in cands:
            share = (c.n + 1) / total
            role_match = bool(mine & roles.get(c.pk, set()))
            if len(cands) == 1:
                conf, why = (0.95, "the only person with this surname, same role") if role_match else \
                    (0.9, "the only person with this surname")
            elif role_match:
                conf, why = max(0.85, share), "same role"
            else:
                conf, why = share * 0.95, f"most quoted of {len(cands)} with this surname"
            ranked.append((c, round(min(conf, 0.99), 3), why))
        out[short.pk] = sorted(ranked, key=lambda x: -x[1])
    return out


RECONCILE_CHUNK = 50  # surname-only records linked in one transaction (a writer never holds the lock long)


def reconcile_surnames(everything: bool = False) -> Counter:
    """Link or propose a full-name person for each surname-only record not yet reconciled: those an
    import created (``surname_pending``) and those sharing a surname with a full-name person an
    import created; with ``everything``, every surname-only record.

    Works from what the database says is pending, not from what one run did, so a run that stopped
    (killed, locked, a failed file) is finished by the next. Records go in chunks, each in one
    transaction retried whole if the database is busy; the full-name records' marks go with the
    last chunk, so a stop in between leaves them to trigger the next run again."""
    counts: Counter = Counter()
    full = list(Person.objects.filter(surname_pending=True, key__contains=" ").values_list("pk", "name"))
    shorts = Person.objects.exclude(key__contains=" ")
    if everything:
        ids = set(shorts.values_list("pk", flat=True))
    else:
        ids = set(shorts.filter(surname_pending=True).values_list("pk", flat=True))
        for part in _slices(sorted({surname(name) for _, name in full})):
            ids.update(shorts.filter(key__in=part).values_list("pk", flat=True))
    chunks = _slices(sorted(ids), RECONCILE_CHUNK) or [[]]
    for n, chunk in enumerate(chunks, 1):
        counts += retry.run(_reconcile_chunk, chunk, [pk for pk, _ in full] if n == len(chunks) else [])
    return counts


def _slices(items: list, size: int = 5000) -> list[list]:
    """Lists of at most ``size`` items (SQLite takes a bounded number of parameters a statement)."""
    return [items[i:i + size] for i in range(0, len(items), size)]


def _reconcile_chunk(ids: list[int], done_full: list[int]) -> Counter:
    counts: Counter = Counter()
    shorts = list(Person.objects.filter(pk__in=ids).order_by("pk"))  # merged away meanwhile: gone
    # Seen from now on (the merge's snapshot included: an editor's undo of a link brings the record
    # back reconciled, not pending, so no later run links it again).
    _done(ids)
    for short in shorts:
        short.surname_pending = False
    candidates = _candidates_for(shorts)
    for short in shorts:
        cands = candidates[short.pk]
        if not cands:
            continue
        best, conf, why = cands[0]
        if conf >= AUTO_LINK:
            PersonLink.objects.update_or_create(short_key=short.key, candidate=best, defaults={
                "short_name": short.name, "person": None, "confidence": conf, "reason": why,
                "status": PersonLink.Status.LINKED})
            merge_people(best, [short])
            counts["linked"] += 1
        else:
            PersonLink.objects.update_or_create(short_key=short.key, candidate=best, defaults={
                "short_name": short.name, "person": short, "confidence": conf, "reason": why})
            counts["suggested"] += 1
    _done(done_full)
    return counts


def _done(ids: list[int]) -> None:
    for part in _slices(ids):
        Person.objects.filter(pk__in=part, surname_pending=True).update(surname_pending=False)


def linked_surnames(keys: list[str] | None = None) -> dict[str, Person]:
    """Surname keys an automatic or an editor's link already maps to a person (all of them when
    ``keys`` is None: an import run loads them once)."""
    links = PersonLink.objects.filter(status=PersonLink.Status.LINKED).select_related("candidate")
    if keys is not None:
        links = links.filter(short_key__in=keys)
    return {link.short_key: link.candidate for link in links}


@retry.atomic
def accept_link(link: PersonLink, user) -> Person:
    if link.person is not None and link.person_id != link.candidate_id:
        merge_people(link.candidate, [link.person], user)
    link.status, link.person, link.decided_by = PersonLink.Status.LINKED, None, user
    link.save(update_fields=["status", "person", "decided_by"])
    return link.candidate


def reject_link(link: PersonLink, user) -> None:
    link.status, link.decided_by = PersonLink.Status.REJECTED, user
    link.save(update_fields=["status", "decided_by"])


# -- split ---------------------------------------------------------------------------------------
@retry.atomic
def split_person(person: Person, aliases: list[PersonAlias], user, target: Person | None = None,
                 new_name: str = "") -> Person:
    """Move the chosen aliases, and the claims and mentions made under them, to ``target`` or to a
    new person (named ``new_name`` or after the first alias). Later imports follow the aliases."""
    aliases = [a for a in aliases if a.person_id == person.pk]
    if not aliases:
        raise IdentityError("Choose at least one alias of this person to split off.")
    if target is not None and target.pk == person.pk:
        raise IdentityError("The target must be another person.")
    if target is None:
        name = new_name.strip() or aliases[0].name
        key = person_key(name)
        if Person.objects.filter(key=key).exists():
            raise IdentityError(f"A person named {name!r} exists already: choose them as the target.")
        target = Person.objects.create(name=name, key=key, gender=person.gender)
    names = {a.name.lower() for a in aliases}
    keys = {a.key for a in aliases}
    _move_aliases(aliases, target)
    if person.key in keys:
        _rename_to_remaining(person)

    def under(text: str) -> bool:  # made under one of the names that moved
        return text.lower() in names or person_key(text) in keys

    for claim in Claim.objects.filter(speaker=person):
        if under(claim.speaker_text):
            claim.speaker = target
            claim.save(update_fields=["speaker", "updated_at"])
            review.record_change(claim, user, "speaker", person.name, target.name)
    Mention.objects.filter(pk__in=[m.pk for m in Mention.objects.filter(person=person) if under(m.text)]) \
        .update(person=target)
    return target


def _move_aliases(aliases: list[PersonAlias], target: Person) -> None:
    for a in aliases:
        if PersonAlias.objects.filter(person=target, key=a.key).exists():
            a.delete()
        else:
            a.person = target
            a.save(update_fields=["person"])


def _rename_to_remaining(person: Person) -> None:
    """The record's own name was split off: it takes its best remaining full name."""
    rest = PersonAlias.objects.filter(person=person, is_name=True).first() or \
        PersonAlias.objects.filter(person=person).first()
    person.name, person.key = (rest.name, rest.key) if rest else (person.name + " (split)", person.key + " split")
    person.save(update_fields=["name", "key", "updated_at"])


# -- not a person / not an organisation ----------------------------------------------------------
@retry.atomic
def not_a_person(person: Person, user, replacement_person: Person | None = None,
                 replacement_organisation: Organisation | None = None) -> int:
    """Remove a record that names no person; its claims point at the replacement (or at no one)."""
    if replacement_person is not None and replacement_person.pk == person.pk:
        raise IdentityError("The replacement must be another person.")
    keys = {person.key} | set(PersonAlias.objects.filter(person=person).values_list("key", flat=True))
    _remember(RejectedName.Kind.PERSON, keys, person.name, user, replacement_person, replacement_organisation)
    n = _repoint(Claim.objects.filter(speaker=person), user, person.name, replacement_person,
                 replacement_organisation)
    person.delete()
    return n


@retry.atomic
def not_an_organisation(org: Organisation, user, replacement_person: Person | None = None,
                        replacement_organisation: Organisation | None = None) -> int:
    if replacement_organisation is not None and replacement_organisation.pk == org.pk:
        raise IdentityError("The replacement must be another organisation.")
    keys = {name_key(org.name)} | set(OrganisationAlias.objects.filter(organisation=org).values_list("key", flat=True))
    _remember(RejectedName.Kind.ORGANISATION, keys, org.name, user, replacement_person, replacement_organisation)
    n = _repoint(Claim.objects.filter(organisation=org), user, org.name, replacement_person, replacement_organisation)
    # Articles it published name the replacement organisation as publisher (a person publishes
    # nothing here: then no publisher), as later imports of the name will.
    Article.objects.filter(publisher=org).update(publisher=replacement_organisation)
    org.delete()
    return n


@retry.atomic
def not_people(people: list[Person], user, replacement_person: Person | None = None,
               replacement_organisation: Organisation | None = None) -> int:
    """Several records at once, all or none (one transaction): each as :func:`not_a_person` (its
    names remembered for later imports, its claims re-pointed with their history). Returns the
    claims re-pointed. A replacement among the records is refused."""
    people = list(people)
    if replacement_person is not None and any(p.pk == replacement_person.pk for p in people):
        raise IdentityError("The replacement must be another person than the ones removed.")
    return sum(not_a_person(p, user, replacement_person, replacement_organisation) for p in people)


@retry.atomic
def not_organisations(orgs: list[Organisation], user, replacement_person: Person | None = None,
                      replacement_organisation: Organisation | None = None) -> int:
    """Several records at once, all or none: each as :func:`not_an_organisation`."""
    orgs = list(orgs)
    if replacement_organisation is not None and any(o.pk == replacement_organisation.pk for o in orgs):
        raise IdentityError("The replacement must be another organisation than the ones removed.")
    return sum(not_an_organisation(o, user, replacement_person, replacement_organisation) for o in orgs)


def _remember(kind: str, keys: set[str], name: str, user, person: Person | None, org: Organisation | None) -> None:
    """Every key of the removed record maps, in later imports, to the replacement (or to none)."""
    for k in keys:
        RejectedName.objects.update_or_create(kind=kind, key=k, defaults={
            "name": name, "replacement_person": person, "replacement_organisation": org, "decided_by": user})


def _repoint(claims, user, old_name: str, person: Person | None, org: Organisation | None) -> int:
    n = 0
    new_name = person.name if person else org.name if org else ""
    for claim in claims:
        claim.speaker, claim.organisation = person, org
        claim.save(update_fields=["speaker", "organisation", "updated_at"])
        review.record_change(claim, user, "speaker", old_name, new_name)
        n += 1
    return n


def rejected(kind: str, keys: list[str]) -> dict[str, RejectedName]:
    return {r.key: r for r in RejectedName.objects.filter(kind=kind, key__in=keys)
            .select_related("replacement_person", "replacement_organisation")}


def apply_decision(decision: RejectedName, i: int, people: dict, orgs: dict | None) -> None:
    """Map entity ``i`` as an editor's "not a person/organisation" decision says: to the replacement
    person or organisation it names, or to no record."""
    if decision.replacement_person is not None and people is not None:
        people[i] = decision.replacement_person
    elif decision.replacement_organisation is not None and orgs is not None:
        orgs[i] = decision.replacement_organisation
