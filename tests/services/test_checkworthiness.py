"""Check-worthiness in the product: every imported claim scored, re-scored when the model changes,
the batch API, the claims filter and ordering, and the desk's "worth checking first" queue."""
import re

import pytest

from articles.models import Claim, Statistic
from articles.services import checkworthiness


def test_every_imported_claim_is_scored_by_the_current_model(imported_seed):
    claims = Claim.objects.all()
    assert claims.count() > 0
    assert not claims.filter(checkworthiness=None).exists()
    assert set(claims.values_list("checkworthiness_version", flat=True)) == {checkworthiness.current_version()}
    assert all(0.0 <= s <= 1.0 for s in claims.values_list("checkworthiness", flat=True))


def test_claims_scored_by_another_model_or_by_none_are_caught_up(imported_seed):
    some = list(Claim.objects.order_by("id").values_list("id", flat=True)[:5])
    Claim.objects.filter(id__in=some[:3]).update(checkworthiness_version="old-model", checkworthiness=0.5)
    Claim.objects.filter(id__in=some[3:]).update(checkworthiness=None, checkworthiness_version="")
    assert checkworthiness.rescore_stale(batch=2) == 5
    assert not checkworthiness.stale_claims().exists()
    assert checkworthiness.rescore_stale() == 0


def test_batch_api_answers_in_order(api, db):
    texts = ["Unemployment doubled in the four years he was governor.", "Thank you so much.",
             "We lost 700,000 manufacturing jobs last year."]
    r = api.post("/api/v1/checkworthiness/", {"texts": texts}, format="json")
    assert r.status_code == 200, r.content
    res = r.json()["results"]
    assert len(res) == 3
    assert res[0]["checkworthy"] and res[2]["checkworthy"] and not res[1]["checkworthy"]
    assert res[1]["score"] < min(res[0]["score"], res[2]["score"])


@pytest.mark.parametrize("body", [{}, {"texts": []}, {"texts": ["x"] * 501}, {"texts": "one text"},
                                  {"texts": ["x" * 5001]}])
def test_batch_api_refuses_bad_requests_with_a_400(api, db, body):
    assert api.post("/api/v1/checkworthiness/", body, format="json").status_code == 400


def test_claims_filter_and_order_by_checkworthiness(api, imported_seed):
    r = api.get("/api/v1/claims/?ordering=-checkworthiness&page_size=100")
    scores = [c["checkworthiness"] for c in r.json()["results"]]
    assert scores == sorted(scores, reverse=True) and len(scores) > 10
    r = api.get("/api/v1/claims/?checkworthiness_min=0.5&page_size=100")
    got = [c["checkworthiness"] for c in r.json()["results"]]
    assert got and all(s >= 0.5 for s in got)
    assert len(got) == Claim.objects.filter(checkworthiness__gte=0.5).count()


def test_desk_queue_lists_new_unassigned_claims_most_worth_checking_first(client, imported_seed, editor):
    claims = list(Claim.objects.order_by("id"))
    # Equal scores: the claim with a statistic and the repeated one are raised above the plain one.
    Claim.objects.update(checkworthiness=0.1)
    plain, with_stat, top = claims[0], claims[1], claims[2]
    Statistic.objects.filter(claim=plain).update(claim=None)
    Claim.objects.filter(pk=top.pk).update(checkworthiness=0.99)
    if not Statistic.objects.filter(claim=with_stat).exists():
        Statistic.objects.filter(article=with_stat.article).exclude(claim=plain).update(claim=None)
        s = Statistic.objects.filter(article=with_stat.article).first()
        s.claim = with_stat
        s.save()
    Claim.objects.filter(pk=claims[3].pk).update(status="checked")
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    m = re.search(r'<a class="figure" href="([^"]+)"><b>(\d+)</b><span>Worth checking first</span>', html)
    assert m
    page = client.get(m.group(1).replace("&amp;", "&")).content.decode()
    ids = [int(i) for i in re.findall(r'/admin/articles/claim/(\d+)/change/', page)]
    ids = list(dict.fromkeys(ids))
    assert ids[0] == top.pk
    assert ids.index(with_stat.pk) < ids.index(plain.pk)
    assert claims[3].pk not in ids


def test_a_reported_that_clause_is_scored_as_its_statement(imported_seed):
    from articles.extraction.text import statement

    claim = next(c for c in Claim.objects.order_by("id") if c.text.startswith("that ") and statement(c.text) != c.text)
    Claim.objects.filter(pk=claim.pk).update(checkworthiness=None, checkworthiness_version="")
    checkworthiness.rescore_stale()
    claim.refresh_from_db()
    assert claim.checkworthiness == pytest.approx(checkworthiness.score_texts([statement(claim.text)])[0].score)
