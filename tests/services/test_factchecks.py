"""The fact-check library and claim matching through the product: import_factchecks, the match
endpoint, matches stored on import, ClaimsDB's own checks in the library."""
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.extraction.text import reviewed_wording, statement
from articles.models import Claim, ClaimMatch, FactCheck
from articles.services import matching, review

REVIEW = {"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://checks.example/moon",
          "claimReviewed": "The moon landing in 1969 was filmed in a studio.",
          "name": "Was the Moon Landing Faked?", "author": {"@type": "Organization", "name": "Snopes"},
          "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "False"},
          "datePublished": "2019-07-20", "inLanguage": "en"}
OTHERS = [
    ("https://checks.example/bleach", "Drinking bleach cures the coronavirus."),
    ("https://checks.example/wall", "Barack Obama built a ten-foot wall around his Washington mansion."),
    ("https://checks.example/nato", "Donald Trump will encourage NATO to withdraw its forces from the borders of Russia."),
]
HTML = """<!doctype html><html><head><title>Check</title>
<script type="application/ld+json">{json}</script></head><body><p>Text</p></body></html>"""
GOOGLE = {"claims": [{"text": "Vaccines contain microchips.", "claimant": "Social media", "claimDate": "2021-01-01",
                      "claimReview": [{"publisher": {"name": "Full Fact", "site": "fullfact.org"},
                                       "url": "https://fullfact.org/chips", "title": "No microchips in vaccines",
                                       "reviewDate": "2021-01-05", "textualRating": "False", "languageCode": "en"}]}]}


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_factchecks", *map(str, args), stdout=out, stderr=err)
        code = 0
    except CommandError as exc:
        code = exc.returncode
        err.write(str(exc))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def news_rules_relaxed(settings):
    """Importing and matching are under test here, not the news rules (tests/services/
    test_match_levels.py): the seed's NATO claim is a paraphrase of the library's check (0.68 in a
    small library, under matching.NEWS_SUGGESTED) and the test checks carry a 2019 date."""
    settings.CLAIMSDB_MATCH_NEWS_SUGGESTED = 0.5
    settings.CLAIMSDB_MATCH_NEWS_MAX_DAYS = 100_000


@pytest.fixture
def library_files(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps(REVIEW))
    # the NATO check is dated a week after the seed article that makes its claim (14 November 2016): a check
    # follows the claim it reviews, and the ranker's date features (matching/genre.py) count that
    (tmp_path / "many.jsonl").write_text("\n".join(
        json.dumps(dict(REVIEW, url=u, claimReviewed=c, name="", **({"datePublished": "2016-11-21"} if "nato" in u else {})))
        for u, c in OTHERS))
    (tmp_path / "page.html").write_text(HTML.replace("{json}", json.dumps(dict(REVIEW, url="https://checks.example/page",
                                                                              claimReviewed="Cats can see ghosts."))))
    (tmp_path / "google.json").write_text(json.dumps(GOOGLE))
    return tmp_path


@pytest.mark.django_db
def test_every_input_format_imports_idempotently(library_files):
    code, out, err = run(*(library_files / n for n in ("one.json", "many.jsonl", "page.html", "google.json")))
    assert code == 0, err
    assert "6 created, 0 updated, 0 unchanged, 0 errors" in out
    moon = FactCheck.objects.get(url="https://checks.example/moon")
    assert (moon.rating, moon.publisher, str(moon.date_published), moon.language) == ("False", "Snopes", "2019-07-20", "en")
    assert moon.raw["name"] == "Was the Moon Landing Faked?" and len(bytes(moon.vectors)) == 3 * 256 * 2
    chips = FactCheck.objects.get(url="https://fullfact.org/chips")
    assert (chips.claim_reviewed, chips.publisher, chips.rating, chips.claimant) == (
        "Vaccines contain microchips.", "Full Fact", "False", "Social media")
    assert FactCheck.objects.get(url="https://checks.example/page").claim_reviewed == "Cats can see ghosts."
    code, out, _ = run(library_files)  # a directory, again: nothing new
    assert code == 0 and "0 created, 0 updated, 6 unchanged" in out
    (library_files / "one.json").write_text(json.dumps(dict(REVIEW, reviewRating={"alternateName": "Pants on fire"})))
    code, out, _ = run(library_files / "one.json")
    assert "0 created, 1 updated" in out
    assert FactCheck.objects.get(url="https://checks.example/moon").rating == "Pants on fire"
    assert FactCheck.objects.count() == 6


@pytest.mark.django_db
def test_bad_records_and_files_are_named_and_the_rest_import(tmp_path):
    p = tmp_path / "mixed.jsonl"
    p.write_text(json.dumps(REVIEW) + "\n{broken\n" + json.dumps({"@type": "ClaimReview", "url": "https://x.example/9"}) + "\n")
    (tmp_path / "page.html").write_text("<html><body>no data</body></html>")
    code, out, err = run(p, tmp_path / "page.html", tmp_path / "missing.json")
    assert code == 1
    assert f"error: {p}:2: not JSON" in err
    assert f"error: {p}:3: https://x.example/9: no claimReviewed" in err
    assert f"error: {tmp_path / 'page.html'}: no ClaimReview" in err
    assert "missing.json: no such file" in err
    assert "Traceback" not in err
    assert list(FactCheck.objects.values_list("url", flat=True)) == ["https://checks.example/moon"]


@pytest.mark.django_db
def test_match_endpoint_get_and_post(api, library_files):
    run(library_files / "one.json", library_files / "many.jsonl")
    r = api.get("/api/v1/factchecks/match/", {"text": "NASA faked the 1969 moon landing in a film studio", "limit": 2})
    assert r.status_code == 200, r.content
    results = r.json()["results"]
    assert len(results) == 2
    assert results[0]["url"] == "https://checks.example/moon"
    assert set(results[0]) >= {"id", "url", "claim_reviewed", "rating", "publisher", "score"}
    assert results[0]["score"] >= results[1]["score"]
    long_text = "Drinking bleach will cure the coronavirus, the post says. " * 200
    r = api.post("/api/v1/factchecks/match/", {"text": long_text}, format="json")
    assert r.status_code == 200 and r.json()["results"][0]["url"] == "https://checks.example/bleach"
    assert api.get("/api/v1/factchecks/match/").status_code == 400
    assert api.get("/api/v1/factchecks/match/", {"text": "x", "limit": 0}).status_code == 400


@pytest.mark.django_db
def test_match_on_an_empty_library(api):
    r = api.get("/api/v1/factchecks/match/", {"text": "anything at all"})
    assert r.status_code == 200 and r.json()["results"] == []


@pytest.mark.django_db
def test_claims_imported_after_the_library_carry_their_matches(api, library_files, seed_dir):
    run(library_files / "many.jsonl")
    call_command("import_seeds", str(seed_dir), verbosity=0)
    matched = ClaimMatch.objects.select_related("claim", "factcheck")
    assert matched.exists()
    m = matched.order_by("-score").first()
    assert m.factcheck.url == "https://checks.example/nato"
    assert m.level in ("suggested", "confident") and m.score >= matching.thresholds()["suggested"]
    body = api.get(f"/api/v1/claims/{m.claim_id}/").json()
    assert body["matches"][0]["url"] == "https://checks.example/nato"
    listed = api.get("/api/v1/claims/", {"limit": 100}).json()["results"]
    assert any(c["matches"] for c in listed)


@pytest.mark.django_db
def test_importing_fact_checks_matches_the_stored_claims(library_files, imported_seed):
    assert not ClaimMatch.objects.exists()
    code, out, _ = run(library_files / "many.jsonl")
    assert code == 0 and ClaimMatch.objects.filter(factcheck__url="https://checks.example/nato").exists()


@pytest.mark.django_db
def test_our_own_checks_join_the_library_and_leave_it(imported_seed, editor):
    claim = Claim.objects.filter(kind="quote").first()
    review.apply_review(claim, editor, status=Claim.Status.CHECKED, verdict=Claim.Verdict.FALSE, rationale="No.")
    own = FactCheck.objects.get(claim=claim)
    assert own.url.endswith(f"/factchecks/{claim.pk}/") and "/api/" not in own.url
    assert own.rating == "False" and own.claim_reviewed == reviewed_wording(claim.text) != ""
    found = matching.match_text(claim.text, 1)
    assert found[0].factcheck == own
    matching.match_claims([claim])
    assert not ClaimMatch.objects.filter(claim=claim, factcheck=own).exists()  # never matched with itself
    review.apply_review(claim, editor, status=Claim.Status.IN_REVIEW)
    assert not FactCheck.objects.filter(claim=claim).exists()


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_full_text_search_proposes_candidates(library_files):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.fail("run with DATABASE_URL set to PostgreSQL (scripts/test.sh does)")
    run(library_files / "one.json", library_files / "many.jsonl")
    with connection.cursor() as cur:
        cur.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'articles_factcheck_fulltext'")
        assert "gin" in cur.fetchone()[0].lower()
    ids = matching.fulltext_candidates("Was the moon landing really filmed in a studio?")
    assert FactCheck.objects.get(pk=ids[0]).url == "https://checks.example/moon"
    assert matching.fulltext_candidates("zzqx unknownword") == ()
    # the fused answer is the same whichever retriever proposed it
    assert matching.match_text("moon landing filmed in a studio", 1)[0].factcheck.url == "https://checks.example/moon"


def test_full_text_is_postgres_only(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        assert matching.fulltext_candidates("anything at all") == ()


@pytest.mark.django_db
def test_match_feedback_through_the_api(api, library_files, seed_dir, editor):
    run(library_files / "many.jsonl")
    call_command("import_seeds", str(seed_dir), verbosity=0)
    m = ClaimMatch.objects.order_by("-score").first()
    body = {"factcheck": m.factcheck_id, "answer": "rejected"}
    assert api.post(f"/api/v1/claims/{m.claim_id}/match-feedback/", body, format="json").status_code in (401, 403)
    api.force_authenticate(editor)
    r = api.post(f"/api/v1/claims/{m.claim_id}/match-feedback/", body, format="json")
    assert r.status_code == 200 and r.json()["answer"] == "rejected"
    call_command("import_seeds", str(seed_dir), verbosity=0)  # the articles again: claims are re-matched
    run(library_files / "many.jsonl")
    assert not ClaimMatch.objects.filter(claim_id=m.claim_id, factcheck_id=m.factcheck_id).exists()
    assert api.post(f"/api/v1/claims/{m.claim_id}/match-feedback/", {"factcheck": m.factcheck_id, "answer": "maybe"},
                    format="json").status_code == 400


@pytest.mark.django_db
def test_match_endpoint_takes_context(api, library_files):
    run(library_files / "many.jsonl")
    r = api.post("/api/v1/factchecks/match/", {"text": "He built a ten-foot wall around his mansion in Washington",
                                               "speaker": "Sean Hannity", "names": ["Barack Obama"],
                                               "context": "Hannity on Obama's house.", "date": "2016-01-05"},
                 format="json")
    assert r.status_code == 200 and r.json()["results"][0]["url"] == "https://checks.example/wall"
    assert api.post("/api/v1/factchecks/match/", {"text": "Obama"}, format="json").json()["results"][0]["level"] is None
    # in a dialogue, whom the speaker answers ("you" in the text)
    r = api.post("/api/v1/factchecks/match/", {"text": "You built a ten-foot wall around your mansion in Washington",
                                               "speaker": "Sean Hannity", "addressee": "Barack Obama"}, format="json")
    assert r.status_code == 200 and r.json()["results"][0]["url"] == "https://checks.example/wall"
    assert api.post("/api/v1/factchecks/match/", {"text": "You built a wall", "addressee": "x" * 201},
                    format="json").status_code == 400


@pytest.mark.django_db
def test_claims_are_matched_as_statements_without_their_complementizer(library_files, imported_seed, monkeypatch):
    # The stored content keeps a that-clause's "that" (as the annotations do); the matcher was
    # calibrated on statements, so it reads "the plan works", not "that the plan works".
    assert run(library_files / "many.jsonl")[0] == 0
    seen = []
    real = matching.library

    def spying_library():
        lib = real()

        class Spy:
            def match(self, text, **kw):
                seen.append(text)
                return lib.match(text, **kw)
        return Spy()

    monkeypatch.setattr(matching, "library", spying_library)
    claims = list(Claim.objects.filter(in_text=True))
    reported = [c for c in claims if c.text.startswith("that ") and statement(c.text) != c.text]
    assert reported, "the seed has that-clauses"
    matching.match_claims(claims)
    assert seen and not any(t.startswith("that ") and statement(t) != t for t in seen)
    assert {statement(c.text) for c in reported} & set(seen)
