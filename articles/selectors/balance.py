"""The balance of the desk's published checks: how many checks, and with which verdicts, went to
each speaker, organisation or party, month by month (issue 27, item 7). Fact-checkers' reviewers
(IFCN, EFCSN) ask whether a desk checks one side more than another; this is the answer's table.

A check counts in the month it was published (the review's time; the article's date when a check
has none) and belongs to:

- ``speaker``: the person who made the claim, else the organisation its source speaks for;
- ``organisation``: the organisation the source speaks for, else the speaker's organisation (the
  affiliation an editor gave, else the one the latest article stated);
- ``party``: the same, among political parties only (Organisation kind "party"; speakers' parties
  come from their affiliations).

Checks with no such record are one row of their own ("No party known", …)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, DateField, F
from django.db.models.functions import Coalesce, TruncDate, TruncMonth

from articles.models import Affiliation, Claim, Organisation, Person
from articles.publishing.selectors import published_checks

GROUPS = {"speaker": "Speaker", "organisation": "Organisation", "party": "Party"}
UNKNOWN = {"speaker": "Unknown speaker", "organisation": "No organisation known", "party": "No party known"}
VERDICTS = [value for value, _ in Claim.Verdict.choices]


@dataclass
class Row:
    kind: str  # "person", "organisation" or "" (no record)
    id: int | None
    name: str
    total: int = 0
    verdicts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))
    months: dict[str, dict[str, int]] = field(default_factory=dict)  # "2026-12" -> verdict -> checks

    def in_month(self, month: str) -> int:
        return sum(self.months.get(month, {}).values())

    def verdict_list(self) -> list[tuple[str, int, float]]:
        """(verdict, checks, share of the row's checks in per cent), in the verdicts' order."""
        return [(v, self.verdicts[v], round(100 * self.verdicts[v] / self.total, 1) if self.total else 0.0)
                for v in VERDICTS]


@dataclass
class Balance:
    group: str
    date_from: date | None
    date_to: date | None
    months: list[str]  # every month with a check, oldest first
    rows: list[Row]  # most checks first
    verdicts: dict[str, int]  # all rows
    total: int

    def month_totals(self) -> list[int]:
        return [sum(r.in_month(m) for r in self.rows) for m in self.months]

    def grid(self) -> list[tuple[Row, list[tuple[int, str]]]]:
        """Each row with its checks in every month of the table, and what they were ("2 False,
        1 True"): the page's month-by-month table."""
        labels = dict(Claim.Verdict.choices)
        return [(r, [(r.in_month(m), ", ".join(f"{n} {labels[v]}" for v, n in sorted(
            r.months.get(m, {}).items(), key=lambda x: VERDICTS.index(x[0])) if n)) for m in self.months])
                for r in self.rows]


def checked_on():
    """The day a check counts on: its publication (the review's time), else the article's date."""
    return Coalesce(TruncDate("reviewed_at"), F("published"), output_field=DateField())


def balance(group: str = "speaker", date_from: date | None = None, date_to: date | None = None) -> Balance:
    """Published checks by ``group`` ("speaker", "organisation" or "party") and verdict, by month,
    between ``date_from`` and ``date_to`` (inclusive, either open). Counted in the database (one
    row per speaker, organisation, month and verdict), then given to their groups: three queries."""
    if group not in GROUPS:
        raise ValueError(f"group must be one of {', '.join(GROUPS)}")
    checks = published_checks().annotate(on=checked_on())
    if date_from:
        checks = checks.filter(on__gte=date_from)
    if date_to:
        checks = checks.filter(on__lte=date_to)
    counted = list(checks.annotate(month=TruncMonth("on", output_field=DateField()))
                   .values("speaker_id", "organisation_id", "month", "verdict").annotate(n=Count("id")).order_by())
    people = {p.pk: p for p in Person.objects.filter(pk__in={r["speaker_id"] for r in counted} - {None})
              .only("id", "name")}
    org_ids = {r["organisation_id"] for r in counted} - {None}
    speakers_org = _speakers_organisation(set(people), parties_only=group == "party") if group != "speaker" else {}
    orgs = {o.pk: o for o in Organisation.objects.filter(pk__in=org_ids | set(speakers_org.values()))
            .only("id", "name", "kind")}
    rows: dict[tuple[str, int | None], Row] = {}
    for r in counted:
        kind, pk, name = _owner(group, r["speaker_id"], r["organisation_id"], people, orgs, speakers_org)
        row = rows.setdefault((kind, pk), Row(kind, pk, name))
        month = r["month"].strftime("%Y-%m")
        row.total += r["n"]
        row.verdicts[r["verdict"]] += r["n"]
        per_month = row.months.setdefault(month, defaultdict(int))
        per_month[r["verdict"]] += r["n"]
    ordered = sorted(rows.values(), key=lambda x: (x.kind == "", -x.total, x.name.casefold()))
    verdicts = {v: sum(r.verdicts[v] for r in ordered) for v in VERDICTS}
    return Balance(group=group, date_from=date_from, date_to=date_to,
                   months=sorted({m for r in ordered for m in r.months}), rows=ordered, verdicts=verdicts,
                   total=sum(verdicts.values()))


def _owner(group, speaker_id, org_id, people, orgs, speakers_org) -> tuple[str, int | None, str]:
    if group == "speaker":
        if speaker_id:
            return "person", speaker_id, people[speaker_id].name
        if org_id:
            return "organisation", org_id, orgs[org_id].name
        return "", None, UNKNOWN[group]
    own = orgs.get(org_id)
    if own is not None and (group == "organisation" or own.kind == Organisation.Kind.PARTY):
        return "organisation", own.pk, own.name
    via = speakers_org.get(speaker_id)
    if via is not None:
        return "organisation", via, orgs[via].name
    return "", None, UNKNOWN[group]


def _speakers_organisation(person_ids: set[int], parties_only: bool) -> dict[int, int]:
    """Each person's organisation (or party): an editor's affiliation (no article) first, else the
    one the latest article stated."""
    affiliations = Affiliation.objects.filter(person_id__in=person_ids, organisation__isnull=False)
    if parties_only:
        affiliations = affiliations.filter(organisation__kind=Organisation.Kind.PARTY)
    out: dict[int, int] = {}
    ordered = affiliations.order_by(F("article__published").desc(nulls_first=True), "-id")
    for pid, oid in ordered.values_list("person_id", "organisation_id"):
        out.setdefault(pid, oid)
    return out


def records(b: Balance):
    """The balance as rows for a spreadsheet, one per group, month and verdict with checks (long
    format: a pivot table makes any view of it)."""
    labels = dict(Claim.Verdict.choices)
    for r in b.rows:
        for month in sorted(r.months):
            for verdict in VERDICTS:
                n = r.months[month].get(verdict, 0)
                if n:
                    yield {"group": b.group, "kind": r.kind, "id": r.id or "", "name": r.name, "month": month,
                           "verdict": verdict, "verdict_label": labels[verdict], "checks": n}

