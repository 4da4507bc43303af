"""One review rule for every entry point: the same change through the API and through the admin's
change form gives the same stored claim and the same history."""
import pytest

from articles.models import Claim, ReviewEvent
from articles.services import review
from tests.conftest import make_user
from tests.helpers import claim_form_data

pytestmark = pytest.mark.django_db


def admin_post(client, claim, **fields):
    data = claim_form_data(client, claim)
    data.update(fields)
    r = client.post(f"/admin/articles/claim/{claim.pk}/change/", data)
    assert r.status_code == 302, r.content.decode()[-2000:]


def snapshot(claim):
    claim.refresh_from_db()
    history = [e.changes for e in ReviewEvent.objects.filter(claim=claim).order_by("id")]
    return (claim.status, claim.verdict, claim.rationale, claim.reviewer_id is not None,
            claim.reviewed_at is not None, history)


def test_a_verdict_through_the_api_and_through_the_admin_is_the_same(client, api, imported_seed, editor):
    via_api, via_admin = Claim.objects.order_by("id")[:2]
    superuser = make_user("root", is_staff=True, is_superuser=True)
    api.force_authenticate(superuser)
    client.force_login(superuser)
    r = api.patch(f"/api/v1/claims/{via_api.pk}/", {"verdict": "false", "rationale": "The figures say otherwise."},
                  format="json")
    assert r.status_code == 200
    admin_post(client, via_admin, verdict="false", rationale="The figures say otherwise.")
    a, b = snapshot(via_api), snapshot(via_admin)
    assert a == b
    assert a[0] == "in_review"  # a new claim given a verdict is in review, whichever door it came through


def test_a_status_set_in_the_same_edit_wins(imported_seed, editor):
    claim = Claim.objects.first()
    review.apply_review(claim, editor, verdict="true", status="checked")
    claim.refresh_from_db()
    assert claim.status == "checked"
