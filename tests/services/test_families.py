"""One statement across articles: claim families, their API, and verdicts suggested across appearances."""
import pytest
from django.core.management import call_command

from articles.models import Claim, ClaimFamily
from articles.selectors import desk
from articles.services import families, review
from tests.conftest import SEED


@pytest.fixture
def two_outlets(db, tmp_path):
    """The seed article imported twice: as published by The Telegraph, and a day later elsewhere."""
    d = tmp_path / "seeds"
    d.mkdir()
    text = SEED.read_text(encoding="utf-8")
    (d / "telegraph.txt").write_text(text, encoding="utf-8")
    lines = text.rstrip("\n").split("\n")
    assert lines[-1].startswith("- ")
    lines[-1] = "- The Daily Echo"
    lines[2] = "15 November 2016"
    (d / "echo.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    call_command("import_seeds", str(d), verbosity=0)
    return d


def test_fingerprint_ignores_case_and_punctuation_not_words():
    a = families.fingerprint("“We will not change our position,” he said")
    assert a == families.fingerprint("we will NOT change our position... he said")
    assert a != families.fingerprint("We will change our position, he said")
    assert families.fingerprint("It is not true.") == ""


def test_each_quote_appears_once_per_outlet_in_one_family(two_outlets, api):
    quotes = Claim.objects.filter(kind="quote", article__source_file="telegraph.txt")
    assert quotes.count() > 5
    for q in quotes:
        if not q.fingerprint:
            continue
        assert q.family_id is not None, q.text
        outlets = sorted(q.family.appearances.values_list("article__publisher__name", flat=True))
        assert outlets == ["The Daily Echo", "The Telegraph"], q.text
    q = next(q for q in quotes if q.family_id)
    body = api.get(f"/api/v1/claims/{q.pk}/").json()
    assert body["family"] == q.family_id
    fam = api.get(f"/api/v1/claim-families/{q.family_id}/").json()
    assert [a["outlet"] for a in fam["appearances"]] == ["The Telegraph", "The Daily Echo"]  # date order
    assert [a["published"] for a in fam["appearances"]] == ["2016-11-14", "2016-11-15"]
    assert all(a["text"] == q.text for a in fam["appearances"])
    assert fam["appearances"][0]["speaker"] == ({"id": q.speaker.id, "name": q.speaker.name} if q.speaker else None)


def test_reimport_keeps_families_stable(two_outlets):
    before = ClaimFamily.objects.count()
    call_command("import_seeds", str(two_outlets), verbosity=0)
    assert ClaimFamily.objects.count() == before


def test_a_verdict_is_suggested_to_other_appearances_and_confirmed_in_one_click(two_outlets, editor, api):
    first = Claim.objects.filter(kind="quote", article__source_file="telegraph.txt", family__isnull=False).first()
    other = first.family.appearances.exclude(pk=first.pk).get()
    assert families.suggested_verdict(other) is None
    review.apply_review(first, editor, status=Claim.Status.CHECKED, verdict=Claim.Verdict.MOSTLY_TRUE,
                        rationale="Matches the transcript.")
    first.evidence.create(url="https://example.org/transcript", title="Transcript")
    assert families.suggested_verdict(other) == first
    assert other in desk.repeated_checked()
    api.force_authenticate(editor)
    r = api.post(f"/api/v1/claims/{other.pk}/confirm-suggested-verdict/")
    assert r.status_code == 200, r.content
    other.refresh_from_db()
    assert (other.status, other.verdict) == (Claim.Status.CHECKED, Claim.Verdict.MOSTLY_TRUE)
    assert "Matches the transcript." in other.rationale
    assert list(other.evidence.values_list("url", flat=True)) == ["https://example.org/transcript"]
    assert other not in desk.repeated_checked()
    assert api.post(f"/api/v1/claims/{other.pk}/confirm-suggested-verdict/").status_code == 409


def test_confirming_needs_review_rights(two_outlets, viewer, api):
    claim = Claim.objects.filter(family__isnull=False).first()
    assert api.post(f"/api/v1/claims/{claim.pk}/confirm-suggested-verdict/").status_code in (401, 403)
    api.force_authenticate(viewer)
    assert api.post(f"/api/v1/claims/{claim.pk}/confirm-suggested-verdict/").status_code == 403


def _claim(article, speaker, text, key):
    return Claim.objects.create(article=article, speaker=speaker, text=text, key=key, start=0, end=len(text),
                                kind="reported", fingerprint=families.fingerprint(text))


def test_reworded_report_by_the_same_speaker_joins_within_weeks_only(db):
    from datetime import date

    from articles.models import Article, Person

    who = Person.objects.create(name="Ann Example", key="ann example")
    a1, a2, a3 = (Article.objects.create(title=f"A{i}", published=d, body="x", source_file=f"a{i}.txt")
                  for i, d in enumerate([date(2020, 1, 1), date(2020, 1, 10), date(2021, 6, 1)]))
    first = _claim(a1, who, "the council will close the old library on the high street next month", "k1")
    families.assign([first])
    near = _claim(a2, who, "the council will close the old library on the high street next month, she said", "k2")
    assert families.assign([near]) == 1
    first.refresh_from_db()
    assert first.family_id == near.family_id is not None
    late = _claim(a3, who, "the council will close the old library on the high street next month, she said again", "k3")
    families.assign([late])
    late.refresh_from_db()
    assert late.family_id is None  # a year and a half later: not the same report
