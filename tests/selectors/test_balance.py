"""The balance of published checks (issue 27, item 7): by speaker, organisation or party and verdict,
month by month; drafts never count."""
from datetime import UTC, date, datetime

import pytest

from articles.models import Affiliation, Claim, Organisation, Person
from articles.selectors.balance import balance, records
from articles.services import review

pytestmark = pytest.mark.django_db


def publish(claim, user, verdict, on):
    review.apply_review(claim, user, verdict=verdict, status=Claim.Status.CHECKED)
    Claim.objects.filter(pk=claim.pk).update(reviewed_at=datetime(on.year, on.month, on.day, 12, tzinfo=UTC))


@pytest.fixture
def checks(imported_seed, editor):
    farage = Person.objects.get(name="Nigel Farage")
    le_pen = Person.objects.get(name="Marie Le Pen")
    trump = Person.objects.get(name="Donald Trump")
    f = list(Claim.objects.filter(speaker=farage).order_by("id"))
    lp = list(Claim.objects.filter(speaker=le_pen).order_by("id"))
    t = list(Claim.objects.filter(speaker=trump).order_by("id"))
    org_claim = Claim.objects.filter(speaker=None, organisation__isnull=False).order_by("id").first()
    publish(f[0], editor, "false", date(2026, 10, 3))
    publish(f[1], editor, "mostly_false", date(2026, 11, 20))
    publish(lp[0], editor, "true", date(2026, 11, 2))
    publish(t[0], editor, "false", date(2026, 12, 1))
    publish(org_claim, editor, "mixed", date(2026, 12, 2))
    # A draft: a verdict, not published
    review.apply_review(t[1], editor, verdict="true", status=Claim.Status.IN_REVIEW)
    return {"farage": farage, "le_pen": le_pen, "trump": trump, "org_claim": org_claim}


def row(b, name):
    return next(r for r in b.rows if r.name == name)


def test_by_speaker_verdict_and_month(checks):
    b = balance("speaker")
    assert b.total == 5 and b.months == ["2026-10", "2026-11", "2026-12"]
    farage = row(b, "Nigel Farage")
    assert (farage.kind, farage.id, farage.total) == ("person", checks["farage"].pk, 2)
    assert farage.verdicts["false"] == 1 and farage.verdicts["mostly_false"] == 1 and farage.verdicts["true"] == 0
    assert farage.months == {"2026-10": {"false": 1}, "2026-11": {"mostly_false": 1}}
    trump = row(b, "Donald Trump")
    assert trump.total == 1 and trump.verdicts["true"] == 0  # the draft's verdict is not counted
    org = checks["org_claim"].organisation
    assert row(b, org.name).kind == "organisation"  # an anonymous source's body speaks
    assert b.rows[0].name == "Nigel Farage"  # most checks first
    assert b.verdicts == {"false": 2, "mostly_false": 1, "mixed": 1, "mostly_true": 0, "true": 1, "unproven": 0}
    assert b.month_totals() == [1, 2, 2]
    grid = dict((r.name, cells) for r, cells in b.grid())
    assert grid["Nigel Farage"] == [(1, "1 False"), (1, "1 Mostly false"), (0, "")]


def test_by_party_from_the_speakers_affiliations(checks):
    b = balance("party")
    assert row(b, "Ukip").total == 2 and row(b, "Front National").verdicts["true"] == 1
    assert row(b, "No party known").total == 2 and b.rows[-1].name == "No party known"  # the unknown last
    assert sum(r.total for r in b.rows) == b.total == 5


def test_by_organisation_the_sources_body_then_the_speakers(checks):
    b = balance("organisation")
    org = checks["org_claim"].organisation
    assert row(b, org.name).total == 1
    assert row(b, "Ukip").total == 2  # Farage's affiliation
    assert row(b, "No organisation known").total == 1  # Trump: no affiliation in the seed


def test_an_editors_affiliation_comes_before_an_articles(checks):
    other = Organisation.objects.create(name="Reform UK", key="reform uk", kind=Organisation.Kind.PARTY)
    Affiliation.objects.create(person=checks["farage"], role="leader", organisation=other)  # no article: an editor's
    b = balance("party")
    assert row(b, "Reform UK").total == 2 and not any(r.name == "Ukip" for r in b.rows)


def test_a_date_range(checks):
    b = balance("speaker", date(2026, 11, 1), date(2026, 11, 30))
    assert b.total == 2 and b.months == ["2026-11"]
    assert {r.name for r in b.rows} == {"Nigel Farage", "Marie Le Pen"}
    assert balance("speaker", date(2027, 1, 1)).rows == []


def test_records_are_one_line_per_group_month_and_verdict(checks):
    lines = list(records(balance("speaker")))
    assert len(lines) == 5
    first = lines[0]
    assert first == {"group": "speaker", "kind": "person", "id": checks["farage"].pk, "name": "Nigel Farage",
                     "month": "2026-10", "verdict": "false", "verdict_label": "False", "checks": 1}


def test_an_unknown_group_is_refused(db):
    with pytest.raises(ValueError):
        balance("colour")
