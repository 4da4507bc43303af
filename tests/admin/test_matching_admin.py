"""The claim page and claims list show matches and families; the suggested verdict takes one click."""
import json

import pytest
from django.core.management import call_command

from articles.models import Claim, ClaimMatch, FactCheck
from articles.services import review
from tests.services.test_families import two_outlets  # noqa: F401  (fixture)


@pytest.fixture
def matched_seed(db, tmp_path, seed_dir, settings):
    # the pages are under test, not the news threshold: this right match (a paraphrase, not a
    # restatement) scores 0.73 in a one-check library (model 2.4), under matching.NEWS_SUGGESTED; the
    # seed's later paraphrase of the same proposal ("withdrawing Nato's military presence") 0.53
    settings.CLAIMSDB_MATCH_NEWS_SUGGESTED = 0.5
    p = tmp_path / "lib.jsonl"
    p.write_text(json.dumps({"@type": "ClaimReview", "url": "https://checks.example/nato",
                             "claimReviewed": "Donald Trump will encourage NATO to withdraw its forces from the borders of Russia.",
                             "author": {"@type": "Organization", "name": "Snopes"},
                             "reviewRating": {"alternateName": "Mostly false"}}) + "\n")
    call_command("import_factchecks", str(p), verbosity=0)
    call_command("import_seeds", str(seed_dir), verbosity=0)
    return ClaimMatch.objects.select_related("claim").order_by("-score").first()


def test_claim_page_says_possibly_checked_already(client, matched_seed, editor):
    client.force_login(editor)
    html = client.get(f"/admin/articles/claim/{matched_seed.claim_id}/change/").content.decode()
    assert "checked already" in html.lower()
    assert "https://checks.example/nato" in html and "Snopes" in html and "rated Mostly false" in html
    listed = client.get("/admin/articles/claim/?matched=suggested").content.decode()
    assert f"/admin/articles/claim/{matched_seed.claim_id}/change/" in listed
    none = client.get("/admin/articles/claim/?matched=none").content.decode()
    assert f"/admin/articles/claim/{matched_seed.claim_id}/change/" not in none
    assert client.get("/admin/articles/factcheck/").status_code == 200
    fc = FactCheck.objects.get()
    assert client.get(f"/admin/articles/factcheck/{fc.pk}/change/").status_code == 200


def test_family_timeline_and_one_click_verdict(client, two_outlets, editor):  # noqa: F811
    first = Claim.objects.filter(kind="quote", article__source_file="telegraph.txt", family__isnull=False).first()
    other = first.family.appearances.exclude(pk=first.pk).get()
    review.apply_review(first, editor, status=Claim.Status.CHECKED, verdict=Claim.Verdict.FALSE, rationale="Wrong.")
    client.force_login(editor)
    html = client.get(f"/admin/articles/claim/{other.pk}/change/").content.decode()
    assert "The Daily Echo" in html and "The Telegraph" in html
    assert "Suggested verdict: <b>False</b>" in html and "Take this verdict" in html
    repeated = client.get("/admin/articles/claim/?repeated=yes").content.decode()
    assert f"/admin/articles/claim/{other.pk}/change/" in repeated
    r = client.post(f"/admin/articles/claim/{other.pk}/confirm-verdict/",
                    {"confirm": "yes", "version": other.version, "source": first.pk})
    assert r.status_code == 302
    other.refresh_from_db()
    assert (other.status, other.verdict) == ("checked", "false")
    assert client.get("/admin/articles/claimfamily/").status_code == 200
    assert client.get(f"/admin/articles/claimfamily/{other.family_id}/change/").status_code == 200


def test_not_this_check_and_this_is_the_check_from_the_claim_page(client, matched_seed, editor, tmp_path):
    """An editor's word on a match outlives re-importing the library and re-matching."""
    from articles.models import MatchFeedback
    from articles.services import matching

    client.force_login(editor)
    claim = matched_seed.claim
    page = client.get(f"/admin/articles/claim/{claim.pk}/change/").content.decode()
    assert "Not this check" in page and "This is the check" in page
    url = f"/admin/articles/claim/{claim.pk}/match-feedback/?factcheck={matched_seed.factcheck_id}&verdict=rejected"
    assert client.post(url).status_code == 302
    assert not ClaimMatch.objects.filter(claim=claim).exists()
    assert MatchFeedback.objects.get(claim=claim).verdict == "rejected"
    p = tmp_path / "again.jsonl"  # the library again: imported fact-checks are matched with every claim
    p.write_text(json.dumps({"@type": "ClaimReview", "url": "https://checks.example/nato",
                             "claimReviewed": "Donald Trump will encourage NATO to withdraw its forces from Russia.",
                             "author": {"@type": "Organization", "name": "Snopes"}}) + "\n")
    call_command("import_factchecks", str(p), verbosity=0)
    matching.match_claims([claim])
    assert not ClaimMatch.objects.filter(claim=claim).exists()  # a dismissed pair never returns
    url = url.replace("rejected", "confirmed")
    assert client.post(url).status_code == 302
    matching.match_claims(list(Claim.objects.all()))
    m = ClaimMatch.objects.get(claim=claim)
    assert (m.level, m.score) == ("confident", 1.0)


def test_a_reader_cannot_give_match_feedback(client, matched_seed, django_user_model):
    reader = django_user_model.objects.create_user("reader", password="x", is_staff=True)
    client.force_login(reader)
    client.post(f"/admin/articles/claim/{matched_seed.claim_id}/match-feedback/"
                f"?factcheck={matched_seed.factcheck_id}&verdict=rejected")
    assert ClaimMatch.objects.filter(pk=matched_seed.pk).exists()


@pytest.mark.django_db
def test_a_fact_check_changed_in_the_admin_reaches_the_desk(client, imported_seed,
                                                            django_capture_on_commit_callbacks):
    # issue 23: a library entry an administrator rewords is indexed with its new vectors and the
    # claims it now matches are stored, after the commit: the claim page and the claims list show them
    from articles.services import match_index, matching, rematch
    from tests.conftest import make_user

    claim = next(c for c in Claim.objects.filter(in_text=True) if matching.matchable(c.text))
    fc = FactCheck.objects.create(url="https://checks.example/sharks", claim_reviewed="Sharks live in rivers",
                                  rating="False", publisher="Checks")
    match_index.update()
    rematch.match_all_claims()
    assert not ClaimMatch.objects.filter(factcheck=fc).exists()
    client.force_login(make_user("boss", is_staff=True, is_superuser=True))
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(f"/admin/articles/factcheck/{fc.pk}/change/", {
            "claim_reviewed": claim.text, "rating": "False", "publisher": "Checks", "title": "", "language": "",
            "date_published": "", "claimant": ""})
    assert r.status_code == 302, r.content.decode()[:2000]
    fc.refresh_from_db()
    assert fc.claim_reviewed == claim.text
    if match_index.dense_wanted():  # the encoder's vectors of the new wording, stored at the save
        from articles.matching import dense

        assert dense.unpack(fc.dense, fc.claim_reviewed, fc.title) is not None
    assert ClaimMatch.objects.filter(claim=claim, factcheck=fc).exists()
    html = client.get(f"/admin/articles/claim/{claim.pk}/change/").content.decode()
    assert "https://checks.example/sharks" in html and "checked already" in html.lower()
    listed = client.get("/admin/articles/claim/?matched=suggested").content.decode()
    assert f"/admin/articles/claim/{claim.pk}/change/" in listed
    # deleted in the admin: out of the index and off the claim page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/admin/articles/factcheck/{fc.pk}/delete/", {"post": "yes"}).status_code == 302
    assert "https://checks.example/sharks" not in client.get(f"/admin/articles/claim/{claim.pk}/change/").content.decode()
    assert fc.pk not in match_index.library().ids[~match_index.library().dead].tolist()


@pytest.mark.django_db
def test_a_fact_check_imported_after_the_claims_reaches_the_desk(client, imported_seed, editor, tmp_path):
    from articles.services import matching

    claim = next(c for c in Claim.objects.filter(in_text=True) if matching.matchable(c.text))
    client.force_login(editor)
    assert "https://checks.example/later" not in client.get(f"/admin/articles/claim/{claim.pk}/change/").content.decode()
    p = tmp_path / "later.jsonl"
    p.write_text(json.dumps({"@type": "ClaimReview", "url": "https://checks.example/later", "claimReviewed": claim.text,
                             "author": {"@type": "Organization", "name": "Checks"},
                             "reviewRating": {"alternateName": "False"}}) + "\n")
    call_command("import_factchecks", str(p), verbosity=0)
    html = client.get(f"/admin/articles/claim/{claim.pk}/change/").content.decode()
    assert "https://checks.example/later" in html and "checked already" in html.lower()
    assert f"/admin/articles/claim/{claim.pk}/change/" in client.get("/admin/articles/claim/?matched=suggested").content.decode()
