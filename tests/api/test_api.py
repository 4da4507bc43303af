"""REST API v1: representation, filters, permissions, ClaimReview, CSV, schema, query counts."""
import csv
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Claim, ClaimLink, Organisation, Person, Statistic
from articles.services import api_tokens, review

pytestmark = pytest.mark.django_db


def results(api, url):
    r = api.get(url)
    assert r.status_code == 200, r.content[:300]
    return r.json()["results"]


def test_claim_representation(api, imported_seed):
    (c,) = [c for c in results(api, "/api/v1/claims/?page_size=500") if "400,000" in c["text"]]
    assert set(c) >= {"id", "url", "article", "text", "kind", "speaker", "organisation", "speaker_text", "cue",
                      "start", "end", "mentions", "statistics", "status", "verdict", "links"}
    assert c["kind"] == "quote" and c["organisation"]["name"] == "Foreign Office" and c["speaker"] is None
    assert imported_seed.body[c["start"]:c["end"]] == c["text"]
    assert c["article"]["id"] == imported_seed.id and c["article"]["published"] == "2016-11-14"
    assert c["statistics"][0]["value"] == "400000" and c["statistics"][0]["unit"] == "count"


def test_article_person_statistic_representation(api, imported_seed):
    (a,) = results(api, "/api/v1/articles/")
    assert a["source_file"] == "000_560d7217fdf1513e.txt" and a["publisher"]["name"] == "The Telegraph"
    assert len(a["sha256"]) == 64 and a["body"] == imported_seed.body
    people = results(api, "/api/v1/people/?q=johnson")
    assert [p["name"] for p in people] == ["Boris Johnson"]
    assert "Mr Johnson" in people[0]["aliases"] and people[0]["claim_count"] >= 1
    assert people[0]["affiliations"][0]["role"] == "Foreign Secretary"
    stat = [s for s in results(api, "/api/v1/statistics/?unit=percent") if s["previous_value"]][0]
    assert (stat["value"], stat["previous_value"]) == ("1.4", "1.7")


def test_pagination_has_next_links_and_page_size(api, imported_seed):
    r = api.get("/api/v1/claims/?page_size=5").json()
    assert len(r["results"]) == 5 and r["next"]
    seen = {c["id"] for c in r["results"]}
    while r["next"]:
        r = api.get(r["next"]).json()
        seen |= {c["id"] for c in r["results"]}
    assert len(seen) == Claim.objects.count()
    assert len(api.get("/api/v1/claims/?page_size=500").json()["results"]) == Claim.objects.count()
    # Outside 1..500 (as the schema declares) is a 400 in the error envelope, not a silent clamp.
    for url in ("/api/v1/claims/?page_size=501", "/api/v1/people/?page_size=0", "/api/v1/articles/?page_size=x"):
        r = api.get(url)
        assert r.status_code == 400 and r.json()["code"] == "invalid" and "page_size" in r.json()["errors"], url


@pytest.mark.parametrize("query, check", [
    ("speaker_name=trump", lambda c: c["speaker"]["name"] == "Donald Trump"),
    ("speaker_name=Mr%20Trump", lambda c: c["speaker"]["name"] == "Donald Trump"),
    ("kind=quote", lambda c: c["kind"] == "quote"),
    ("kind=reported", lambda c: c["kind"] == "reported"),
    ("q=Assad", lambda c: "assad" in c["text"].lower() or "assad" in c["article"]["title"].lower()),
    ("has_statistics=true", lambda c: c["statistics"]),
    ("has_statistics=false", lambda c: not c["statistics"]),
    ("published_after=2016-11-14&published_before=2016-11-14", lambda c: c["article"]["published"] == "2016-11-14"),
])
def test_claim_filters(api, imported_seed, query, check):
    found = results(api, f"/api/v1/claims/?page_size=500&{query}")
    assert found and all(check(c) for c in found)
    assert len(found) < Claim.objects.count() or query.startswith("published")


def test_claim_filters_by_id(api, imported_seed):
    trump = Person.objects.get(name="Donald Trump")
    fo = Organisation.objects.get(name="Foreign Office")
    ids = {c["id"] for c in results(api, f"/api/v1/claims/?speaker={trump.id}&page_size=500")}
    assert ids == set(Claim.objects.filter(speaker=trump).values_list("id", flat=True)) and ids
    ids = {c["id"] for c in results(api, f"/api/v1/claims/?organisation={fo.id}&page_size=500")}
    assert ids == set(Claim.objects.filter(organisation=fo).values_list("id", flat=True)) and ids
    putin = Person.objects.get(name="Vladimir Putin")
    found = results(api, f"/api/v1/claims/?mentions_person={putin.id}&page_size=500")
    assert found and all(putin.id in [p["id"] for p in c["mentions"]["people"]] for c in found)
    nato = Organisation.objects.get(name="Nato")
    assert results(api, f"/api/v1/claims/?mentions_organisation={nato.id}")
    assert len(results(api, f"/api/v1/claims/?article={imported_seed.id}&page_size=500")) == Claim.objects.count()
    pub = imported_seed.publisher_id
    assert len(results(api, f"/api/v1/claims/?publisher={pub}&page_size=500")) == Claim.objects.count()
    assert results(api, f"/api/v1/claims/?publisher={pub + 999}") == []
    assert results(api, "/api/v1/claims/?published_after=2017-01-01") == []


def test_review_filters(api, imported_seed, editor):
    c = Claim.objects.first()
    review.apply_review(c, editor, verdict="mostly_true", status="checked")
    assert [x["id"] for x in results(api, "/api/v1/claims/?status=checked")] == [c.id]
    assert [x["id"] for x in results(api, "/api/v1/claims/?verdict=mostly_true")] == [c.id]


def test_other_filters(api, imported_seed):
    assert len(results(api, "/api/v1/articles/?q=Putin")) == 1
    assert results(api, "/api/v1/articles/?q=zebra") == []
    assert len(results(api, f"/api/v1/articles/?publisher={imported_seed.publisher_id}")) == 1
    assert results(api, "/api/v1/articles/?published_before=2016-01-01") == []
    assert [o["name"] for o in results(api, "/api/v1/organisations/?q=isis")] == ["Isil"]
    assert {o["kind"] for o in results(api, "/api/v1/organisations/?kind=news")} == {"news"}
    big = results(api, "/api/v1/statistics/?value_min=1000")
    assert [s["value"] for s in big] == ["400000"]
    assert all(float(s["value"]) <= 2 for s in results(api, "/api/v1/statistics/?value_max=2"))
    claim = Statistic.objects.filter(claim__isnull=False).first().claim_id
    assert all(s["claim"] == claim for s in results(api, f"/api/v1/statistics/?claim={claim}"))
    assert len(results(api, f"/api/v1/statistics/?article={imported_seed.id}")) == Statistic.objects.count()


def test_ordering(api, imported_seed):
    ids = [c["id"] for c in results(api, "/api/v1/claims/?ordering=-id&page_size=500")]
    assert ids == sorted(ids, reverse=True)
    names = [p["name"] for p in results(api, "/api/v1/people/?ordering=name")]
    assert names == sorted(names)


@pytest.mark.parametrize("query, param", [
    ("speaker=abc", "speaker"), ("speaker=0", "speaker"), ("kind=rumour", "kind"),
    ("published_after=yesterday", "published_after"), ("has_statistics=maybe", "has_statistics"),
    ("status=done", "status"), ("article=x", "article"), ("q=a%00b", "q"), ("assignee=%20me", "assignee"),
])
def test_bad_filter_values_are_400_naming_the_parameter(api, imported_seed, query, param):
    for fmt in ("json", "csv"):  # the CSV list answers its errors in the same JSON envelope
        r = api.get(f"/api/v1/claims/?{query}&format={fmt}")
        assert r.status_code == 400 and r["Content-Type"] == "application/json", (query, fmt)
        body = r.json()
        assert body["code"] == "invalid" and param in body["errors"] and body["detail"].startswith(param)
        assert "ErrorDetail" not in r.content.decode()


def test_an_id_no_row_has_filters_to_nothing(api, imported_seed):
    # A well-formed id the schema allows is a filter, not a lookup: no such speaker, no claims.
    for query in ("speaker=999999", "organisation=999999", "assignee=9999999999999999999"):
        r = api.get(f"/api/v1/claims/?{query}")
        assert r.status_code == 200 and r.json()["results"] == [], query


def test_unknown_ids_are_404(api, imported_seed):
    for path in ("claims", "articles", "people", "organisations", "statistics", "claim-links"):
        assert api.get(f"/api/v1/{path}/999999/").status_code == 404
    assert api.get("/api/v1/claims/999999/claimreview/").status_code == 404


def test_claimreview(api, imported_seed, editor):
    c = Claim.objects.get(text__contains="only 20 per cent of the Nato budget")
    r = api.get(f"/api/v1/claims/{c.id}/claimreview/")
    assert r.status_code == 404 and "not been checked" in r.json()["detail"]
    review.apply_review(c, editor, verdict="mostly_false", status="checked", rationale="Nato figures differ.")
    doc = api.get(f"/api/v1/claims/{c.id}/claimreview/").json()
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "ClaimReview"
    assert "only 20 per cent of the Nato budget" in doc["claimReviewed"]
    item = doc["itemReviewed"]
    assert item["@type"] == "Claim" and item["author"] == {"@type": "Person", "name": "Michael Fallon"}
    assert item["appearance"]["headline"] == imported_seed.title and item["datePublished"] == "2016-11-14"
    assert doc["reviewRating"] == {"@type": "Rating", "ratingValue": 2, "bestRating": 5, "worstRating": 1,
                                   "alternateName": "Mostly false"}
    # The url is the public page, never the API (issue 11).
    assert doc["author"]["@type"] == "Organization" and doc["url"] == f"http://testserver/factchecks/{c.id}/"
    assert doc["datePublished"]
    listed = api.get("/api/v1/claimreview/").json()["results"]
    assert [d["claimReviewed"] for d in listed] == [doc["claimReviewed"]]


def test_anonymous_cannot_write(api, imported_seed):
    # 401 naming the scheme a client should use (the API issue, item 3).
    c = Claim.objects.first()
    p = Person.objects.first()
    for r in (api.patch(f"/api/v1/claims/{c.id}/", {"verdict": "false"}, format="json"),
              api.post("/api/v1/claim-links/", {}, format="json"),
              api.post(f"/api/v1/people/{p.id}/merge/", {"merge": [p.id]}, format="json")):
        assert r.status_code == 401 and r["WWW-Authenticate"] == "Token"


def test_viewer_cannot_write(api, imported_seed, viewer):
    api.force_authenticate(viewer)
    c = Claim.objects.first()
    assert api.patch(f"/api/v1/claims/{c.id}/", {"verdict": "false"}, format="json").status_code == 403
    a, b = Person.objects.all()[:2]
    assert api.post(f"/api/v1/people/{a.id}/merge/", {"merge": [b.id]}, format="json").status_code == 403
    c.refresh_from_db()
    assert c.verdict == ""


def test_editor_reviews_links_and_merges_with_a_token(api, imported_seed, editor):
    _, token = api_tokens.issue_token(editor)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    a, b = Claim.objects.filter(kind="quote")[:2]
    r = api.patch(f"/api/v1/claims/{a.id}/", {"verdict": "false", "status": "checked", "rationale": "Wrong.",
                                               "evidence": [{"url": "https://example.org/x", "title": "Source"}]},
                  format="json")
    assert r.status_code == 200, r.content
    assert r.json()["reviewer"] == "editor" and r.json()["reviewed_at"]
    r = api.post("/api/v1/claim-links/", {"source": a.id, "target": b.id, "relation": "contradicts"}, format="json")
    assert r.status_code == 201, r.content
    # Well formed but impossible (a claim linked to itself): a 409 in the envelope.
    r_self = api.post("/api/v1/claim-links/", {"source": a.id, "target": a.id, "relation": "supports"}, format="json")
    assert r_self.status_code == 409 and r_self.json()["code"] == "conflict"
    links = api.get(f"/api/v1/claims/{b.id}/").json()["links"]
    assert links == [{"id": r.json()["id"], "relation": "contradicts", "direction": "incoming", "claim": a.id}]
    history = api.get(f"/api/v1/claims/{a.id}/history/").json()
    assert {k for e in history for k in e["changes"]} >= {"verdict", "status", "rationale", "evidence", "link"}
    keep = Person.objects.get(name="Marie Le Pen")
    dup = Person.objects.create(name="Marine Le Pen", key="marine le pen")
    r = api.post(f"/api/v1/people/{keep.id}/merge/", {"merge": [dup.id]}, format="json")
    assert r.status_code == 200 and "Marine Le Pen" in r.json()["aliases"]
    assert not Person.objects.filter(pk=dup.pk).exists()
    assert ClaimLink.objects.count() == 1


def test_csv_export(api, imported_seed):
    r = api.get("/api/v1/claims/?format=csv&kind=quote")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(r.streaming_content).decode())))
    assert len(rows) == Claim.objects.filter(kind="quote").count()
    assert {"text", "speaker", "verdict", "published"} <= set(rows[0])


def test_anonymous_clients_are_throttled(api, imported_seed, editor, monkeypatch):
    from django.core.cache import cache
    from rest_framework.throttling import AnonRateThrottle

    cache.clear()
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    codes = [api.get("/api/v1/articles/").status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
    api.force_authenticate(editor)  # signed-in users are not throttled as anonymous
    assert api.get("/api/v1/articles/").status_code == 200
    cache.clear()


def test_schema_validates_and_lists_every_endpoint_and_filter(tmp_path):
    out = tmp_path / "schema.json"
    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", "--file", str(out))
    schema = json.loads(out.read_text())
    paths = schema["paths"]
    for p in ("/api/v1/claims/", "/api/v1/claims/{id}/claimreview/", "/api/v1/claimreview/", "/api/v1/articles/",
              "/api/v1/people/", "/api/v1/organisations/", "/api/v1/statistics/", "/api/v1/claim-links/",
              "/api/v1/people/{id}/merge/"):
        assert p in paths, p
    params = {p["name"] for p in paths["/api/v1/claims/"]["get"]["parameters"]}
    assert params >= {"speaker", "speaker_name", "organisation", "article", "publisher", "kind", "status", "verdict",
                      "published_after", "published_before", "mentions_person", "mentions_organisation",
                      "has_statistics", "q", "ordering", "page_size", "cursor"}


def test_docs_page(api):
    r = api.get("/api/v1/docs/")
    assert r.status_code == 200 and b"swagger" in r.content.lower()


def make_claims(n):
    art = Article.objects.create(title="Generated", published="2020-01-01", body="x" * (n * 10 + 10),
                                 source_file=f"gen-{n}.txt", sha256="0" * 64)
    people = [Person.objects.create(name=f"Person {i}", key=f"person {i}") for i in range(5)]
    Claim.objects.bulk_create([Claim(article=art, key=f"k{i}", text=f"claim {i}", start=i * 10, end=i * 10 + 5,
                                     kind="quote", speaker=people[i % 5]) for i in range(n)])
    for c in Claim.objects.filter(article=art)[:n]:
        c.mentioned_people.add(people[0])
    return art


@pytest.mark.parametrize("path", ["/api/v1/claims/", "/api/v1/people/", "/api/v1/articles/", "/api/v1/statistics/"])
def test_query_count_does_not_grow_with_the_page(api, path):
    make_claims(250)
    counts = []
    for size in (10, 200):
        with CaptureQueriesContext(connection) as ctx:
            assert api.get(f"{path}?page_size={size}").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_speaker_record(api, imported_seed, editor):
    fallon = Person.objects.get(name="Michael Fallon")
    c = Claim.objects.get(text__contains="only 20 per cent of the Nato budget")
    empty = api.get(f"/api/v1/people/{fallon.pk}/record/").json()
    assert empty["checked"] == 0 and empty["claims"] == fallon.claims.count() and empty["checked_claims"] == []
    review.apply_review(c, editor, verdict="mostly_false", status="checked")
    r = api.get(f"/api/v1/people/{fallon.pk}/record/").json()
    assert r["name"] == "Michael Fallon" and r["checked"] == 1 and r["verdicts"]["mostly_false"] == 1
    assert r["first_seen"] == r["last_seen"] == "2016-11-14"
    assert [x["id"] for x in r["checked_claims"]] == [c.pk] and r["checked_claims"][0]["public_url"] == f"/factchecks/{c.pk}/"
    org = Organisation.objects.first()
    assert api.get(f"/api/v1/organisations/{org.pk}/record/").status_code == 200
    assert api.get("/api/v1/people/999999/record/").status_code == 404
