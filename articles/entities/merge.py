"""Merging duplicate people or organisations into the record an editor keeps.

Claims, mentions, affiliations and aliases move to the kept record; the merged records' names
become its aliases, so later imports map those names to it. Every merge is recorded (MergeRecord,
and a line in the kept record's admin history) with a snapshot of the merged records and of every
row that pointed at them, so that ``undo`` can put them back.
"""
from __future__ import annotations

import json

from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.core import serializers
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from articles.entities.keys import name_key, person_key
from articles.models import (
    Affiliation,
    Article,
    Claim,
    Mention,
    MergeRecord,
    Organisation,
    OrganisationAlias,
    Person,
    PersonAlias,
)
from articles.services import filter_cache, retry


class MergeError(ValueError):
    pass


def _move_mentions(through, field: str, keep, ids: list[int]) -> None:
    """Claims that mentioned a merged record mention the kept one (once)."""
    claim_ids = set(through.objects.filter(**{f"{field}_id__in": ids}).values_list("claim_id", flat=True))
    through.objects.bulk_create([through(claim_id=c, **{f"{field}_id": keep.pk}) for c in claim_ids],
                                ignore_conflicts=True)
    through.objects.filter(**{f"{field}_id__in": ids}).delete()


def _move_unique(model, field: str, keep, ids: list[int], identity: tuple[str, ...]) -> None:
    """Rows of the merged records move to the kept one, except those it already has (same
    ``identity`` columns), which go: a few queries, not one a row."""
    have = set(model.objects.filter(**{field: keep}).values_list(*identity))
    move, drop = [], []
    for pk, *ident in model.objects.filter(**{f"{field}_id__in": ids}).order_by("pk").values_list("pk", *identity):
        (drop if tuple(ident) in have else move).append(pk)
        have.add(tuple(ident))
    if drop:
        model.objects.filter(pk__in=drop).delete()
    if move:
        model.objects.filter(pk__in=move).update(**{field: keep})


def _check(keep, others):
    others = [o for o in others if o.pk != keep.pk]
    if not others:
        raise MergeError("choose at least one other record to merge into the one kept")
    return others


@retry.atomic
def merge_people(keep: Person, others: list[Person], user=None) -> Person:
    others = _check(keep, others)
    before, snapshot, moved, gender = _prepare(keep, others)
    _merge_people(keep, others)
    _record(keep, others, user, before, snapshot, moved, gender)
    return keep


def _prepare(keep, others):
    """What an undo needs, taken before anything moves."""
    rows = [row for o in others for row in _references(o)]
    # Concrete fields only: many-to-many rows are snapshotted as rows of their own tables (and the
    # serializer would query every claim's mentions one by one).
    concrete = {f.name for obj in [*others, *rows] for f in obj._meta.concrete_fields}
    snapshot = serializers.serialize("json", [*others, *rows], fields=sorted(concrete))
    # Earlier merges into the records merged now stay in the history of the record they end up in.
    field = "kept_person" if isinstance(keep, Person) else "kept_organisation"
    MergeRecord.objects.filter(**{f"{field}__in": [o.pk for o in others]}).update(**{field: keep})
    return _kept_ids(keep), snapshot, _moved(others), getattr(keep, "gender", None)


def _merge_people(keep: Person, others: list[Person]) -> None:
    ids = [o.pk for o in others]
    Claim.objects.filter(speaker_id__in=ids).update(speaker=keep)
    _move_mentions(Claim.mentioned_people.through, "person", keep, ids)
    Mention.objects.filter(person_id__in=ids).update(person=keep)
    _move_unique(Affiliation, "person", keep, ids, ("role", "organisation_id", "article_id"))
    _move_unique(PersonAlias, "person", keep, ids, ("key",))
    names = []
    for other in others:
        names.append(other.name)
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


@retry.atomic
def merge_organisations(keep: Organisation, others: list[Organisation], user=None) -> Organisation:
    others = _check(keep, others)
    before, snapshot, moved, _ = _prepare(keep, others)
    _merge_organisations(keep, others)
    _record(keep, others, user, before, snapshot, moved, None)
    return keep


def _merge_organisations(keep: Organisation, others: list[Organisation]) -> None:
    ids = [o.pk for o in others]
    Claim.objects.filter(organisation_id__in=ids).update(organisation=keep)
    _move_mentions(Claim.mentioned_organisations.through, "organisation", keep, ids)
    Mention.objects.filter(organisation_id__in=ids).update(organisation=keep)
    Article.objects.filter(publisher_id__in=ids).update(publisher=keep)
    _move_unique(Affiliation, "organisation", keep, ids, ("person_id", "role", "article_id"))
    names = []
    for other in others:
        names.append(other.name)
        OrganisationAlias.objects.filter(organisation=other).update(organisation=keep)
        other.delete()
    for name in names:
        key = name_key(name)
        if not OrganisationAlias.objects.filter(key=key).exists():
            OrganisationAlias.objects.create(organisation=keep, name=name, key=key)


# -- history and undo -------------------------------------------------------------------------
def _references(record) -> list:
    """Every row that points at ``record`` (reverse foreign keys, hidden ones included: the
    mention tables, surname links), so that an undo can point them back or recreate them."""
    rows = []
    for f in _reverse_relations(type(record)):
        rows.extend(f.related_model._base_manager.filter(**{f.field.name: record.pk}))
    return rows


def _fk_names(row, model) -> list[str]:
    return [f.name for f in type(row)._meta.concrete_fields if f.is_relation and f.related_model is model]


def _reverse_relations(model):
    return [f for f in model._meta.get_fields(include_hidden=True)
            if f.auto_created and not f.concrete and (f.one_to_many or f.one_to_one)]


# The tables a merge adds rows to (aliases from the merged names, mention links); the rest only move.
_ADDED_BY_MERGE = {"articles.PersonAlias", "articles.OrganisationAlias", "articles.Claim_mentioned_people",
                   "articles.Claim_mentioned_organisations"}


def _kept_ids(keep) -> dict[str, list[int]]:
    """Ids of the rows of the kept record in the tables a merge adds to (to find what it added)."""
    out: dict[str, list[int]] = {}
    for f in _reverse_relations(type(keep)):
        if f.related_model._meta.label not in _ADDED_BY_MERGE:
            continue
        ids = list(f.related_model._base_manager.filter(**{f.field.name: keep.pk}).values_list("pk", flat=True))
        if ids:
            out.setdefault(f.related_model._meta.label, []).extend(ids)
    return out


def _moved(others) -> dict[str, int]:
    ids = [o.pk for o in others]
    if isinstance(others[0], Person):
        return {"claims": Claim.objects.filter(speaker_id__in=ids).count(),
                "aliases": PersonAlias.objects.filter(person_id__in=ids).count() + len(ids),
                "affiliations": Affiliation.objects.filter(person_id__in=ids).count(),
                "mentions": Mention.objects.filter(person_id__in=ids).count()}
    return {"claims": Claim.objects.filter(organisation_id__in=ids).count(),
            "aliases": OrganisationAlias.objects.filter(organisation_id__in=ids).count() + len(ids),
            "affiliations": Affiliation.objects.filter(organisation_id__in=ids).count(),
            "mentions": Mention.objects.filter(organisation_id__in=ids).count(),
            "articles published": Article.objects.filter(publisher_id__in=ids).count()}


def preview(records) -> dict[int, dict[str, int]]:
    """For each record, what would move if it were merged into another."""
    return {r.pk: _moved([r]) for r in records}


def _record(keep, others, user, before: dict[str, list[int]], snapshot: str, moved: dict, gender: str):
    # Rows the merge made for the kept record: pointing at it now, not before, and not moved from a
    # merged record (those are in the snapshot and go back on undo, never deleted).
    moved_rows: dict[str, set] = {}
    for item in json.loads(snapshot):
        moved_rows.setdefault(apps.get_model(item["model"])._meta.label, set()).add(item["pk"])
    after = _kept_ids(keep)
    created = {label: sorted(set(ids) - set(before.get(label, [])) - moved_rows.get(label, set()))
               for label, ids in after.items()}
    created = {k: v for k, v in created.items() if v and k != "articles.MergeRecord"}
    kind = MergeRecord.Kind.PERSON if isinstance(keep, Person) else MergeRecord.Kind.ORGANISATION
    rec = MergeRecord.objects.create(
        kind=kind, kept_person=keep if kind == MergeRecord.Kind.PERSON else None,
        kept_organisation=keep if kind == MergeRecord.Kind.ORGANISATION else None,
        merged_names=[o.name for o in others], moved=moved, snapshot=snapshot,
        created={"rows": created, "gender": gender}, created_by=user if getattr(user, "is_authenticated", False) else None)
    transaction.on_commit(filter_cache.clear)
    _log(keep, user, f"Merged {', '.join(o.name for o in others)} into this record "
                     f"({', '.join(f'{n} {k}' for k, n in moved.items() if n)}). Undo: merge #{rec.pk}.")
    return rec


def _log(obj, user, message: str) -> None:
    """The kept record's admin history (Django's LogEntry) says what happened."""
    if getattr(user, "is_authenticated", False):
        LogEntry.objects.log_actions(user.pk, [obj], CHANGE, change_message=message, single_object=True)


class UndoError(MergeError):
    pass


@retry.atomic
def undo(record: MergeRecord, user=None) -> list:
    """Put back the merged records with what they had; what the merge added to the kept record goes.
    Rows an editor has pointed elsewhere since stay where they are. Returns the restored records.

    The rows are those that exist now: a re-import (every extractor upgrade) deletes an article's
    mentions and makes them again under new ids, and replaces claims whose text changed. Such rows
    are found by what they are (an article's span, a claim's key; else a row of the same article
    made under one of the restored record's names) and re-pointed; rows that no longer exist at all
    are left out, and the history says how many."""
    record = MergeRecord.objects.select_for_update().get(pk=record.pk)
    if record.undone_at:
        raise UndoError("this merge was already undone")
    keep = record.kept_person or record.kept_organisation
    model = type(keep)
    objs = [d.object for d in serializers.deserialize("json", record.snapshot)]
    restored = [o for o in objs if isinstance(o, model)]
    for o in restored:
        if model._base_manager.filter(pk=o.pk).exists():
            raise UndoError(f"{model._meta.verbose_name} #{o.pk} exists again; the merge cannot be undone")
        if model._base_manager.filter(key=o.key).exists():
            raise UndoError(f"another {model._meta.verbose_name} now has the name key {o.key!r}")
    # What the merge added to the kept record goes first (aliases made from the merged names would
    # collide with the restored records' own).
    for label, ids in record.created.get("rows", {}).items():
        apps.get_model(label)._base_manager.filter(pk__in=ids).delete()
    for o in restored:
        o.save(force_insert=True)
    skipped = _Restorer(keep, restored).run([o for o in objs if not isinstance(o, model)])
    gender = record.created.get("gender")
    if gender is not None and isinstance(keep, Person) and keep.gender != gender:
        keep.gender = gender
        keep.save(update_fields=["gender"])
    record.undone_at = timezone.now()
    record.undone_by = user if getattr(user, "is_authenticated", False) else None
    record.save(update_fields=["undone_at", "undone_by"])
    transaction.on_commit(filter_cache.clear)
    gone = f" {skipped} rows of it no longer exist (re-imported or deleted since) and were left out." if skipped else ""
    _log(keep, user, f"Undid merge #{record.pk}: {', '.join(record.merged_names)} restored.{gone}")
    return restored


# Rows a re-import deletes and makes again under new ids (occurrences in an article's text): found
# again by what they are when their id is gone, then by the words that named the record.
_OCCURRENCE = {"articles.Mention": (("article_id", "start", "end"), "text"),
               "articles.Claim": (("article_id", "key"), "speaker_text")}


class _Restorer:
    """Points the snapshot's rows (as they exist now) back at the restored records."""

    def __init__(self, keep, restored: list):
        self.keep, self.model = keep, type(keep)
        self.restored_ids = {o.pk for o in restored}
        self.key_of = person_key if self.model is Person else name_key
        self.used: set[tuple[str, int]] = set()  # current rows already given back
        self.claims: dict[int, int] = {}  # a snapshot claim id -> the claim that stands for it now
        self.skipped = 0

    def run(self, rows: list) -> int:
        order = {"articles.PersonAlias": 0, "articles.OrganisationAlias": 0, "articles.Claim": 1, "articles.Mention": 1}
        rows = sorted(rows, key=lambda o: order.get(type(o)._meta.label, 2))
        unmatched = []
        for o in rows:
            if not self._back(o):
                unmatched.append(o)
        names = self._restored_names()
        for o in unmatched:
            if not self._by_name(o, names):
                self.skipped += 1
        return self.skipped

    def _back(self, o) -> bool:
        """Re-point (or recreate) row ``o``; False when it should be looked for by name."""
        row_model, label = type(o), type(o)._meta.label
        current = row_model._base_manager.filter(pk=o.pk).first()
        if current is None and label in _OCCURRENCE:
            fields = _OCCURRENCE[label][0]
            current = row_model._base_manager.filter(**{f: getattr(o, f) for f in fields}) \
                .exclude(pk__in=self._used(label)).first()
            if current is None:
                return False
        if current is None:
            self._recreate(o)
            return True
        self._repoint(o, current)
        return True

    def _used(self, label: str) -> list[int]:
        return [pk for lab, pk in self.used if lab == label]

    def _repoint(self, o, current) -> None:
        label = type(o)._meta.label
        self.used.add((label, current.pk))
        if label == "articles.Claim":
            self.claims[o.pk] = current.pk
        changed = []
        for name in _fk_names(o, self.model):
            was, now = getattr(o, f"{name}_id"), getattr(current, f"{name}_id")
            if was in self.restored_ids and now in (self.keep.pk, None):
                setattr(current, f"{name}_id", was)
                changed.append(name)
        if changed:
            current.save(update_fields=changed)

    def _recreate(self, o) -> None:
        """A row the merge dropped (a duplicate of the kept record's) or a re-import deleted: made
        again when everything it points at still exists and nothing equal stands in its way."""
        row_model = type(o)
        owners = [f for f in row_model._meta.concrete_fields if f.is_relation and f.related_model is self.model]
        if not any(f.remote_field.on_delete is models.CASCADE for f in owners):
            # Not deleted with the merged record (an article, a claim, moved by the merge): deleted
            # by someone since, and not brought back from the snapshot.
            self.skipped += 1
            return
        for f in row_model._meta.concrete_fields:
            if not f.is_relation:
                continue
            value = getattr(o, f.attname)
            if f.related_model is self.model and value in self.restored_ids:
                continue
            if f.related_model is Claim and value is not None:
                value = self.claims.get(value, value)
                setattr(o, f.attname, value)
            if value is not None and not f.related_model._base_manager.filter(pk=value).exists():
                self.skipped += 1  # what it belonged to is gone
                return
        try:
            with transaction.atomic():
                o.save(force_insert=True)
        except IntegrityError:
            self.skipped += 1  # the same row exists again under another id

    def _restored_names(self) -> dict[str, int]:
        """The name keys of each restored record that the kept record does not hold as well."""
        alias_model = PersonAlias if self.model is Person else OrganisationAlias
        owner = "person_id" if self.model is Person else "organisation_id"
        names: dict[str, int] = {}
        for owner_id, key in alias_model._base_manager.filter(**{f"{owner}__in": self.restored_ids}) \
                .values_list(owner, "key"):
            names.setdefault(key, owner_id)
        for pk, key in self.model._base_manager.filter(pk__in=self.restored_ids).values_list("pk", "key"):
            names.setdefault(key, pk)
        kept = set(alias_model._base_manager.filter(**{owner: self.keep.pk}).values_list("key", flat=True))
        return {k: v for k, v in names.items() if k not in kept and k != self.keep.key}

    def _by_name(self, o, names: dict[str, int]) -> bool:
        """A re-imported occurrence whose span or key changed: a row of the same article, on the kept
        record, made under the same words, which name a restored record."""
        label = type(o)._meta.label
        if label not in _OCCURRENCE:
            return False
        words_field = _OCCURRENCE[label][1]
        words = getattr(o, words_field)
        if self.key_of(words) not in names:
            return False
        fk = _fk_names(o, self.model)
        if not fk or getattr(o, f"{fk[0]}_id") not in self.restored_ids:
            return False
        current = type(o)._base_manager.filter(article_id=o.article_id, **{f"{fk[0]}_id": self.keep.pk,
                                                                          words_field: words}) \
            .exclude(pk__in=self._used(label)).order_by("pk").first()
        if current is None:
            return False
        self._repoint(o, current)
        return True
