"""What the claim selectors read: a claim's matches without their fact-checks' stored JSON and vectors."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Claim, ClaimMatch, FactCheck, Webhook
from articles.services import webhooks

pytestmark = pytest.mark.django_db

BLOBS = ('"articles_factcheck"."raw"', '"articles_factcheck"."vectors"', '"articles_factcheck"."dense"')


def _matched():
    claim = Claim.objects.order_by("id").first()
    fc = FactCheck.objects.create(url="https://checks.example/a", claim_reviewed="Sharks live in rivers",
                                  rating="False", publisher="Checks", raw={"big": "x" * 1000},
                                  vectors=b"\0" * 1536, dense=b"\0" * 1544)
    ClaimMatch.objects.create(claim=claim, factcheck=fc, score=0.9, level=ClaimMatch.Level.CONFIDENT)
    return claim


def _blobs_read(queries) -> list[str]:
    return [q["sql"] for q in queries if any(b in q["sql"] for b in BLOBS)]


def test_a_claims_matches_are_read_without_the_fact_checks_json_and_vectors(imported_seed, client, editor,
                                                                          monkeypatch):
    claim = _matched()
    client.force_login(editor)
    with CaptureQueriesContext(connection) as api:
        r = client.get(f"/api/v1/claims/{claim.pk}/")
    assert r.status_code == 200 and r.json()["matches"][0]["url"] == "https://checks.example/a"
    with CaptureQueriesContext(connection) as admin:
        r = client.get(f"/admin/articles/claim/{claim.pk}/change/")
    assert r.status_code == 200 and "https://checks.example/a" in r.content.decode()
    Webhook.objects.create(url="https://hooks.example/in", events=[webhooks.Event.MATCHED], active=True)
    sent = []
    monkeypatch.setattr(webhooks, "emit", lambda event, items: sent.append(items))
    with CaptureQueriesContext(connection) as hook:
        webhooks.matched([claim])
    assert sent and sent[0][0]["factcheck"]["url"] == "https://checks.example/a"
    assert _blobs_read(api.captured_queries) == [] and _blobs_read(admin.captured_queries) == []
    assert _blobs_read(hook.captured_queries) == []
