"""Audit 3, D13: draft verdicts and rationales of unpublished claims were readable anonymously through
/api/v1/claims/, ?status=in_review, CSV and history, while the public page said 404. One rule for
the public pages and the API: readers who are not signed-in staff see review fields of published
checks only; staff see everything."""
import csv
import io
import json

import pytest
from django.test import Client

from articles.models import Claim
from articles.publishing import selectors as published
from articles.services import review
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

DRAFT = "DRAFT - legal has not cleared this: our source says the minister knew the figures were false."


@pytest.fixture
def draft(imported_seed, editor, api):
    claim = Claim.objects.order_by("id").first()
    api.force_authenticate(editor)
    r = api.patch(f"/api/v1/claims/{claim.pk}/", {"verdict": "false", "rationale": DRAFT,
                                                  "claim_reviewed": "Draft wording",
                                                  "evidence": [{"url": "https://example.org/leak", "title": "Leak"}]},
                  format="json")
    assert r.status_code == 200 and r.json()["status"] == "in_review"
    api.force_authenticate(None)
    claim.refresh_from_db()
    return claim


def csv_rows(client, query=""):
    r = client.get(f"/api/v1/claims/?format=csv{query}")
    return list(csv.DictReader(io.StringIO(b"".join(r.streaming_content).decode())))


def leaks(text: str) -> bool:
    return "legal has not cleared" in text or "example.org/leak" in text or "Draft wording" in text


def test_anonymous_readers_do_not_see_draft_review_work(draft):
    anon = Client()
    assert anon.get(f"/factchecks/{draft.pk}/").status_code == 404
    assert anon.get(f"/api/v1/claims/{draft.pk}/claimreview/").status_code == 404
    d = anon.get(f"/api/v1/claims/{draft.pk}/").json()
    assert (d["status"], d["verdict"], d["rationale"], d["evidence"], d["reviewed_at"], d["version"]) == \
        ("new", "", "", [], None, None)
    assert "ETag" not in anon.get(f"/api/v1/claims/{draft.pk}/")
    history = anon.get(f"/api/v1/claims/{draft.pk}/history/").json()
    assert history and not leaks(json.dumps(history)) and all(e["user"] is None for e in history)
    listed = anon.get("/api/v1/claims/?page_size=500").content.decode()
    assert not leaks(listed)
    rows = csv_rows(anon, "&status=in_review")
    assert rows == []
    (row,) = [r for r in csv_rows(anon) if r["id"] == str(draft.pk)]
    assert (row["status"], row["verdict"], row["rationale"], row["reviewed_at"]) == ("new", "", "", "")
    # Filters cannot tell drafts apart either.
    for query in ("status=in_review", "verdict=false", "status=checked"):
        assert anon.get(f"/api/v1/claims/?{query}").json()["results"] == [], query
    new = {c["id"] for c in anon.get("/api/v1/claims/?status=new&page_size=500").json()["results"]}
    assert draft.pk in new and len(new) == Claim.objects.count()
    # A non-staff account is a reader like any other.
    outsider = Client()
    outsider.force_login(make_user("reader"))
    assert outsider.get(f"/api/v1/claims/{draft.pk}/").json()["verdict"] == ""


def test_claim_families_do_not_show_draft_verdicts(draft):
    other = Claim.objects.exclude(pk=draft.pk).order_by("id").first()
    from articles.models import ClaimFamily

    family = ClaimFamily.objects.create()
    Claim.objects.filter(pk__in=[draft.pk, other.pk]).update(family=family)
    shown = Client().get(f"/api/v1/claim-families/{family.pk}/").json()["appearances"]
    assert {(a["status"], a["verdict"]) for a in shown} == {("new", "")}


def test_staff_see_everything(draft, editor, viewer, api):
    for user in (editor, viewer):
        api.force_authenticate(user)
        d = api.get(f"/api/v1/claims/{draft.pk}/").json()
        assert (d["status"], d["verdict"], d["rationale"]) == ("in_review", "false", DRAFT)
        assert d["claim_reviewed"] == "Draft wording" and d["evidence"][0]["url"] == "https://example.org/leak"
        assert [c["id"] for c in api.get("/api/v1/claims/?status=in_review").json()["results"]] == [draft.pk]
        assert leaks(json.dumps(api.get(f"/api/v1/claims/{draft.pk}/history/").json()))
        assert any(e["user"] == "editor" for e in api.get(f"/api/v1/claims/{draft.pk}/history/").json())
        rows = csv_rows(api, "&status=in_review")
        assert [r["rationale"] for r in rows] == [DRAFT]


def test_once_published_the_check_is_public_and_its_history_starts_there(draft, editor):
    review.apply_review(draft, editor, rationale="NHS England figures show lists grew.")
    review.apply_review(draft, editor, status="checked")  # published
    anon = Client()
    assert anon.get(f"/factchecks/{draft.pk}/").status_code == 200
    d = anon.get(f"/api/v1/claims/{draft.pk}/").json()
    assert (d["status"], d["verdict"], d["rationale"]) == ("checked", "false", "NHS England figures show lists grew.")
    assert d["claim_reviewed"] == "Draft wording" and d["evidence"]
    assert [c["id"] for c in anon.get("/api/v1/claims/?verdict=false").json()["results"]] == [draft.pk]
    history = anon.get(f"/api/v1/claims/{draft.pk}/history/").json()
    assert "legal has not cleared" not in json.dumps(history)  # the drafts before publication stay inside
    assert history[0]["changes"] == {"status": ["new", "checked"]}
    # Withdrawn: nothing of it is public any more.
    review.apply_review(draft, editor, status="in_review")
    assert anon.get(f"/factchecks/{draft.pk}/").status_code == 404
    assert anon.get(f"/api/v1/claims/{draft.pk}/").json()["verdict"] == ""
    assert "NHS England" not in json.dumps(anon.get(f"/api/v1/claims/{draft.pk}/history/").json())


def test_one_rule_for_pages_and_api(draft):
    assert not draft.is_published and draft.pk not in published.published_checks().values_list("pk", flat=True)
    Claim.objects.filter(pk=draft.pk).update(status="checked")
    draft.refresh_from_db()
    assert draft.is_published and list(published.published_checks().values_list("pk", flat=True)) == [draft.pk]
    Claim.objects.filter(pk=draft.pk).update(verdict="")  # checked without a verdict: not published
    draft.refresh_from_db()
    assert not draft.is_published and not published.published_checks().exists()
    assert Client().get(f"/factchecks/{draft.pk}/").status_code == 404
