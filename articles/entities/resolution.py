"""An import's entities to rows: each person or organisation the extractor found is found by the
matching key of its name or of an alias (so a merged record's names keep mapping to the record an
editor kept), else created; editors' decisions ("not a person", surname links) come first. A batch
of articles costs a few queries in all, whatever the number of names."""
from __future__ import annotations

from django.db import connection

from articles import extraction
from articles.entities import identity
from articles.entities.keys import is_full_name, name_key, person_key
from articles.ingestion import bulk
from articles.ingestion.run_cache import RunCache
from articles.models import Organisation, OrganisationAlias, Person, PersonAlias, RejectedName

__all__ = ["map_organisations", "map_people", "publisher_for"]


def _create_missing(model, out: dict) -> None:
    """Insert the unsaved rows of ``out`` in one statement that also gives their ids: on a key a
    concurrent importer inserted first, the statement updates nothing but the key (so that row
    stands) and returns its id (INSERT ... ON CONFLICT (key) DO UPDATE ... RETURNING id)."""
    new = {r.key: r for r in out.values() if r.pk is None}
    if not new:
        return
    model.objects.bulk_create(new.values(), update_conflicts=True, unique_fields=["key"], update_fields=["key"])
    for i, r in out.items():
        if r.pk is None:
            out[i] = new[r.key]


def _person_keys(ent: extraction.Entity) -> list[str]:
    """Keys that identify a person across articles: the canonical name and other full names.
    Someone known by one name only ("Assad") matches on that name alone."""
    key = person_key(ent.name)
    if len(key.split()) == 1:
        return [key]
    return list(dict.fromkeys([key] + [person_key(a) for a in ent.aliases if is_full_name(a)]))


def map_people(entities: dict[int, extraction.Entity],
               redirected_orgs: dict[int, Organisation] | None = None, run: RunCache | None = None) -> dict[int, Person]:
    """Each person entity to its Person row (found by name keys, else created): a few queries in all.

    Editors' decisions come first: a name they said is not a person maps to their replacement (an
    organisation goes to ``redirected_orgs``), and a surname already linked maps to its person."""
    keys = {i: _person_keys(e) for i, e in entities.items()}
    all_keys = {k for ks in keys.values() for k in ks}
    if not entities:
        return {}
    rejected = identity.rejected("person", list(all_keys)) if _any_rejected(run) else {}
    surnames = _linked_surnames(run, [k for k in all_keys if " " not in k])
    # One query finds the people already known, by their key or a full-name alias, and every alias
    # the article's names already have (what _add_aliases needs).
    alias_keys = all_keys | {person_key(n) for e in entities.values() for n in [e.name, *e.aliases]}
    by_key, by_alias, known_aliases = _known(Person, PersonAlias, "person", all_keys, alias_keys)
    out: dict[int, Person] = {}
    genders: dict[str, set[int]] = {}
    for i, ent in entities.items():
        decision = next((rejected[k] for k in keys[i] if k in rejected), None)
        if decision is not None:
            identity.apply_decision(decision, i, out, redirected_orgs)
            continue
        person = next((by_alias.get(k) or by_key.get(k) for k in keys[i] if by_alias.get(k) or by_key.get(k)), None)
        if person is None and len(keys[i]) == 1:
            person = surnames.get(keys[i][0])
        if person is None:
            person = by_key.setdefault(keys[i][0], Person(name=ent.name[:200], key=keys[i][0], gender=ent.gender,
                                                               surname_pending=True))
            # Its other full names find it too, for the next article of a batch, as the stored
            # aliases would one article later.
            for k in keys[i][1:]:
                by_alias.setdefault(k, person)
        elif ent.gender and not person.gender:
            if person.pk:
                genders.setdefault(ent.gender, set()).add(person.pk)
            else:
                person.gender = ent.gender
        out[i] = person
    # New people in one insert (a concurrent importer's rows win), then one select for their ids.
    _create_missing(Person, out)
    for gender, ids in genders.items():
        Person.objects.filter(pk__in=ids, gender="").update(gender=gender)
    _add_aliases(PersonAlias, _names_by_owner(entities, out), known_aliases)
    return out


def _names_by_owner(entities: dict, out: dict) -> dict:
    """Every surface form of the entities, grouped by the record each maps to (several entities of
    a batch may map to one)."""
    names: dict = {}
    for i, e in entities.items():
        if i in out:
            names.setdefault(out[i], []).extend([e.name, *e.aliases])
    return names


def _linked_surnames(run: RunCache | None, keys: list[str]) -> dict[str, Person]:
    if run is None:
        return identity.linked_surnames(keys)
    if run.surnames is None:
        run.surnames = identity.linked_surnames()
    return {k: run.surnames[k] for k in keys if k in run.surnames}


def _any_rejected(run: RunCache | None) -> bool:
    """Whether editors have ruled out any name: asked once a run (a run cache remembers it)."""
    if run is None:
        return True
    if run.rejected_any is None:
        run.rejected_any = RejectedName.objects.exists()
    return run.rejected_any


def _known(model, alias_model, owner: str, keys: set[str], alias_keys: set[str]):
    """Records with these keys, records whose alias has one of them, and the aliases already stored
    for ``alias_keys`` ({(owner id, key): is_name}) — one query, a UNION of two selects. The records
    come back as light instances (id, name, key, gender or kind): the importer only links to them.

    Written as SQL: the ORM's UNION of two annotated querysets cost more to build than to run, and
    this runs twice an article."""
    extra = "gender" if model is Person else "kind"
    q = connection.ops.quote_name
    table, aliases_table = q(model._meta.db_table), q(alias_model._meta.db_table)
    owner_col = q(alias_model._meta.get_field(owner).column)
    named = "a.is_name" if model is Person else "TRUE"
    own_in, own_params = bulk.in_list("r.key", keys)
    alias_in, alias_params = bulk.in_list("a.key", alias_keys)
    sql = (f"SELECT r.id, r.name, r.key, r.{extra}, '' AS via, TRUE AS named FROM {table} r WHERE {own_in} "
           f"UNION ALL SELECT r.id, r.name, r.key, r.{extra}, a.key, {named} FROM {aliases_table} a "
           f"JOIN {table} r ON r.id = a.{owner_col} WHERE {alias_in}")
    by_key, by_alias, aliases = {}, {}, {}
    with connection.cursor() as cur:
        cur.execute(sql, own_params + alias_params)
        rows = cur.fetchall()
    for pk, name, key, value, via, is_name in rows:
        obj = model(pk=pk, name=name, key=key, **{extra: value})
        if not via:
            by_key[key] = obj
            continue
        aliases[(pk, via)] = bool(is_name)
        if is_name and via in keys:
            by_alias.setdefault(via, obj)
    return by_key, by_alias, aliases


def map_organisations(entities: dict[int, extraction.Entity],
                      redirected_people: dict[int, Person] | None = None,
                      run: RunCache | None = None) -> dict[int, Organisation]:
    keys = {i: list(dict.fromkeys(name_key(n) for n in [e.name, *e.aliases])) for i, e in entities.items()}
    all_keys = {k for ks in keys.values() for k in ks}
    if not entities:
        return {}
    rejected = identity.rejected("organisation", list(all_keys)) if _any_rejected(run) else {}
    by_key, by_alias, known_aliases = _known(Organisation, OrganisationAlias, "organisation", all_keys, all_keys)
    out: dict[int, Organisation] = {}
    for i, ent in entities.items():
        decision = next((rejected[k] for k in keys[i] if k in rejected), None)
        if decision is not None:
            identity.apply_decision(decision, i, redirected_people, out)
            continue
        org = next((by_alias.get(k) or by_key.get(k) for k in keys[i] if by_alias.get(k) or by_key.get(k)), None)
        if org is None:
            org = by_key.setdefault(keys[i][0], Organisation(name=ent.name[:200], key=keys[i][0],
                                                             kind=ent.org_kind or "other"))
        out[i] = org
    _create_missing(Organisation, out)
    _add_aliases(OrganisationAlias, _names_by_owner(entities, out), known_aliases)
    return out


def _add_aliases(model, names: dict, known: dict[tuple[int, str], bool]) -> None:
    """Record every surface form as an alias of its owner, in one bulk insert (``known``: the
    aliases already stored for these keys, {(owner id, key): is_name}, from _known).

    Organisation alias keys are unique across organisations (a key names one body); a person's full
    name is unique among full names (is_name), short forms ("Mr Trump") may repeat across people."""
    wanted: dict[tuple[int, str], tuple[object, str]] = {}
    key_of = person_key if model is PersonAlias else name_key
    for owner, aliases in names.items():
        for alias in aliases:
            k = key_of(alias)
            if k:
                wanted.setdefault((owner.pk, k), (owner, alias))
    if not wanted:
        return
    if model is PersonAlias:
        rows, columns = _person_alias_rows(wanted, known), ("person_id", "name", "key", "is_name")
    else:
        rows, columns = _organisation_alias_rows(wanted, known), ("organisation_id", "name", "key")
    # A concurrent importer may have added the same alias meanwhile: skip it rather than fail.
    bulk.insert(model, columns, rows)


def _person_alias_rows(wanted: dict, known: dict[tuple[int, str], bool]) -> list[tuple]:
    """New person aliases: a full name is marked ``is_name`` unless another person holds it."""
    taken_names = {k for (_pk, k), named in known.items() if named}
    rows = []
    for (pk, k), (owner, alias) in wanted.items():
        if (pk, k) in known:
            continue
        full = is_full_name(alias) and k not in taken_names
        if full:
            taken_names.add(k)
        rows.append((owner.pk, alias[:200], k, full))
    return rows


def _organisation_alias_rows(wanted: dict, known: dict[tuple[int, str], bool]) -> list[tuple]:
    """New organisation aliases: a key names one body, so a key already stored is skipped."""
    taken = {k for _pk, k in known}
    rows = []
    for (_pk, k), (owner, alias) in wanted.items():
        if k not in taken:
            taken.add(k)
            rows.append((owner.pk, alias[:200], k))
    return rows


def publisher_for(name: str | None, run: RunCache | None = None) -> Organisation | None:
    """The organisation publishing an article, by name (looked up once a run with a cache)."""
    if not name:
        return None
    if run is not None and name in run.publishers:
        return run.publishers[name]
    ent = extraction.Entity(kind="organisation", name=name, aliases=[name], org_kind="news")
    # None when editors ruled the name out as an organisation (and named no organisation instead).
    org = map_organisations({0: ent}, run=run).get(0)
    if run is not None:
        run.publishers[name] = org
    return org
