"""Corrections on the record (issue 27, "what a desk needs next" 2): a published check's verdict,
rationale or evidence changes only as an update or a correction, with its reason and date, shown on
the public page, in ClaimReview (dateModified), in the feeds and on /factchecks/corrections/."""
import json
import re

import pytest
from django.utils import timezone

from articles.models import Claim, ClaimCorrection, EvidenceLink, ReviewEvent
from articles.selectors import claimreview
from articles.services import review
from tests.helpers import claim_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def checked(imported_seed, editor):
    claim = Claim.objects.filter(article=imported_seed).order_by("id").first()
    review.apply_review(claim, editor, status=Claim.Status.CHECKED, verdict=Claim.Verdict.MOSTLY_TRUE,
                        rationale="The figures match the budget.")
    EvidenceLink.objects.create(claim=claim, url="https://stats.example.org/budget", title="Budget")
    claim.refresh_from_db()
    return claim


def correction(kind="correction", reason="We misread the 2015 table: the rise was 2%, not 20%."):
    return review.Correction(kind, reason)


def test_a_published_checks_verdict_changes_only_on_the_record(checked, editor):
    first_published = checked.reviewed_at
    events = ReviewEvent.objects.count()
    with pytest.raises(review.CorrectionNeeded):
        review.apply_review(checked, editor, verdict=Claim.Verdict.FALSE)
    with pytest.raises(review.CorrectionNeeded):  # a kind without a reason is not enough
        review.apply_review(Claim.objects.get(pk=checked.pk), editor, verdict=Claim.Verdict.FALSE,
                            correction=review.Correction("correction", "  "))
    stored = Claim.objects.get(pk=checked.pk)
    assert stored.verdict == Claim.Verdict.MOSTLY_TRUE and ReviewEvent.objects.count() == events
    assert not ClaimCorrection.objects.exists()

    review.apply_review(stored, editor, verdict=Claim.Verdict.FALSE, rationale="The rise was 2%.",
                        correction=correction())
    c = ClaimCorrection.objects.get()
    assert (c.claim_id, c.kind, c.user, c.fields) == (checked.pk, "correction", editor, ["verdict", "rationale"])
    assert c.changes == {"verdict": ["mostly_true", "false"]}
    assert c.reason.startswith("We misread")
    stored.refresh_from_db()
    assert stored.reviewed_at == first_published  # datePublished stays the first publication's


def test_status_moves_and_unpublished_drafts_need_no_correction(imported_seed, editor):
    claim = Claim.objects.filter(article=imported_seed).order_by("id")[1]
    review.apply_review(claim, editor, verdict=Claim.Verdict.FALSE, rationale="draft")
    review.apply_review(claim, editor, verdict=Claim.Verdict.TRUE, rationale="draft 2")  # not published: no record
    review.publish(claim, editor)
    review.apply_review(claim, editor, status=Claim.Status.IN_REVIEW)  # withdrawn: a status move only
    assert not ClaimCorrection.objects.exists()


def test_evidence_added_and_rationale_changed_in_one_save_is_one_correction(checked, editor):
    c = correction("update", "A new ONS release confirms the figure.")
    review.apply_review(checked, editor, rationale="Confirmed by the ONS.", correction=c)
    old = list(checked.evidence.values_list("url", flat=True))
    EvidenceLink.objects.create(claim=checked, url="https://ons.example.org/release")
    review.evidence_changed(checked, editor, old, c)
    row = ClaimCorrection.objects.get()
    assert (row.kind, row.fields) == ("update", ["rationale", "evidence"])
    # evidence alone, without a word: refused
    old = list(checked.evidence.values_list("url", flat=True))
    EvidenceLink.objects.create(claim=checked, url="https://ons.example.org/other")
    with pytest.raises(review.CorrectionNeeded):
        review.evidence_changed(checked, editor, old)


def test_public_page_claimreview_feeds_and_corrections_page(checked, editor, client):
    review.apply_review(checked, editor, verdict=Claim.Verdict.FALSE,
                        correction=correction(reason="We misread the table.\x0b The rise was 2%."))
    c = ClaimCorrection.objects.get()
    day = f"{c.at.day} {c.at:%B %Y}"
    page = client.get(f"/factchecks/{checked.pk}/").content.decode()
    assert f"Corrected on {day}:" in page and "We misread the table." in page
    assert "Verdict: Mostly true → False" in page
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert ld["dateModified"] == c.at.date().isoformat()
    assert ld["datePublished"] == checked.reviewed_at.date().isoformat()
    assert claimreview.claim_review(Claim.objects.get(pk=checked.pk))["dateModified"] == ld["dateModified"]

    listing = client.get("/factchecks/corrections/")
    assert listing.status_code == 200
    text = listing.content.decode()
    assert f"Corrected on {day}" in text and f"/factchecks/{checked.pk}/#corrections" in text
    assert "\x0b" not in text  # XML-safe: the vertical tab became a line break

    # The feeds: the corrected check is on top, with its correction and its update time.
    other = Claim.objects.exclude(pk=checked.pk).filter(article=checked.article).order_by("id")[2]
    review.apply_review(other, editor, status=Claim.Status.CHECKED, verdict=Claim.Verdict.TRUE)
    Claim.objects.filter(pk=other.pk).update(reviewed_at=timezone.now() - timezone.timedelta(minutes=1))
    atom = client.get("/factchecks/feed/atom/").content.decode()
    first = atom.split("<entry>")[1]
    assert f"/factchecks/{checked.pk}/" in first and "Corrected on" in first
    updated = re.search(r"<updated>(.*?)</updated>", first).group(1)
    assert updated[:19] == c.at.isoformat()[:19], updated  # the correction's time
    rss = client.get("/factchecks/feed/rss/").content.decode()
    assert "Corrected on" in rss.split("<item>")[1]


def test_an_unpublished_checks_corrections_are_not_listed(checked, editor, client):
    review.apply_review(checked, editor, rationale="Better reasons.", correction=correction("update", "Clearer."))
    assert "Clearer." in client.get("/factchecks/corrections/").content.decode()
    review.apply_review(checked, editor, status=Claim.Status.IN_REVIEW)
    assert "Clearer." not in client.get("/factchecks/corrections/").content.decode()


def test_the_admin_asks_for_kind_and_reason(checked, editor, client):
    client.force_login(editor)
    url = f"/admin/articles/claim/{checked.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="correction_reason"' in page and 'name="correction_kind"' in page
    data = claim_form_data(client, checked)
    data["rationale"] = "New reasons."
    r = client.post(url, data)
    assert r.status_code == 200 and "goes on the record" in r.content.decode()
    assert Claim.objects.get(pk=checked.pk).rationale == "The figures match the budget."

    data = claim_form_data(client, checked)  # evidence added in the inline, no reason: refused too
    data.update({"evidence-TOTAL_FORMS": "1", "evidence-0-url": "https://ons.example.org/x", "evidence-0-title": ""})
    r = client.post(url, data)
    assert r.status_code == 200 and "goes on the record" in r.content.decode()
    assert checked.evidence.count() == 1

    data.update({"rationale": "New reasons.", "correction_kind": "update", "correction_reason": "ONS data added."})
    r = client.post(url, data)
    assert r.status_code == 302, r.content.decode()[:3000]
    row = ClaimCorrection.objects.get()
    assert (row.kind, row.reason, row.fields, row.user) == ("update", "ONS data added.", ["rationale", "evidence"],
                                                           editor)
    assert "ONS data added." in client.get(url).content.decode()  # listed on the claim page


def test_an_unpublished_claims_form_has_no_correction_fields(imported_seed, editor, client):
    claim = Claim.objects.filter(article=imported_seed).order_by("id")[3]
    client.force_login(editor)
    assert 'name="correction_reason"' not in client.get(f"/admin/articles/claim/{claim.pk}/change/").content.decode()


def test_the_api_asks_for_kind_and_reason(checked, editor, api):
    api.force_authenticate(editor)
    url = f"/api/v1/claims/{checked.pk}/"
    r = api.patch(url, {"verdict": "false"}, format="json")
    assert r.status_code == 400 and "correction_reason" in r.json()["errors"]
    assert Claim.objects.get(pk=checked.pk).verdict == "mostly_true"
    r = api.patch(url, {"evidence": [{"url": "https://ons.example.org/y", "title": "ONS"}]}, format="json")
    assert r.status_code == 400 and checked.evidence.count() == 1
    r = api.patch(url, {"verdict": "false", "evidence": [{"url": "https://ons.example.org/y", "title": "ONS"}],
                        "correction_kind": "correction", "correction_reason": "The ONS revised it."}, format="json")
    assert r.status_code == 200, r.content
    row = ClaimCorrection.objects.get()
    assert (row.kind, row.fields) == ("correction", ["verdict", "evidence"])
    assert "correction_reason" not in r.json()  # write-only
    r = api.patch(url, {"correction_kind": "typo", "correction_reason": "x", "verdict": "true"}, format="json")
    assert r.status_code == 400 and "correction_kind" in r.json()["errors"]


def test_the_claimreview_list_carries_date_modified_without_a_query_a_claim(checked, editor, api):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            body = api.get("/api/v1/claimreview/").json()
        return len(ctx.captured_queries), body

    review.apply_review(checked, editor, rationale="Clearer.", correction=correction("update", "Clearer."))
    before, _ = queries()
    for other in Claim.objects.filter(article=checked.article).exclude(pk=checked.pk).order_by("id")[:3]:
        review.apply_review(other, editor, status=Claim.Status.CHECKED, verdict=Claim.Verdict.TRUE)
        review.apply_review(other, editor, rationale="More.", correction=correction("update", "More."))
    after, body = queries()
    assert len(body["results"]) == 4 and after == before  # no query a check
    reviews = {r["url"].rstrip("/").rsplit("/", 1)[1]: r for r in body["results"]}
    assert reviews[str(checked.pk)]["dateModified"] == ClaimCorrection.objects.filter(
        claim=checked).get().at.date().isoformat()
