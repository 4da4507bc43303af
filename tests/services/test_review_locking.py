"""Audit 3, D09: a stale claim change form (editor A changed only the assignee) reverted editor B's
published verdict, rationale and status without a word. Optimistic locking: every review write
raises the claim's version, and a write from an older version is refused with nothing written
(the admin form: a form error; the API: 409 Conflict)."""
import pytest
from django.test import Client

from articles.models import Claim, ReviewEvent
from articles.services import review
from tests.conftest import make_user
from tests.helpers import claim_form_data

pytestmark = pytest.mark.django_db


form_of = claim_form_data


@pytest.fixture
def alice_and_bob(db):
    return (make_user("alice", "Editors", is_staff=True), make_user("bob", "Editors", is_staff=True))


def test_a_stale_admin_form_does_not_revert_a_published_check(imported_seed, alice_and_bob, api):
    a_user, b_user = alice_and_bob
    claim = Claim.objects.order_by("id").first()
    alice = Client()
    alice.force_login(a_user)
    form = form_of(alice, claim)  # A opens the page
    assert 'name="version"' in alice.get(f"/admin/articles/claim/{claim.pk}/change/").content.decode()
    api.force_authenticate(b_user)
    r = api.patch(f"/api/v1/claims/{claim.pk}/", {"status": "checked", "verdict": "false",
                                                  "rationale": "NHS England figures show lists grew."}, format="json")
    assert r.status_code == 200  # B checks and publishes it
    assert Client().get(f"/factchecks/{claim.pk}/").status_code == 200
    events = ReviewEvent.objects.filter(claim=claim).count()
    form["assignee"] = a_user.pk  # A's only change, on the stale form
    r = alice.post(f"/admin/articles/claim/{claim.pk}/change/", form)
    assert r.status_code == 200  # the form again, with the conflict
    page = r.content.decode()
    assert "was changed by bob" in page and "Nothing was saved" in page
    claim.refresh_from_db()
    assert (claim.status, claim.verdict, claim.rationale) == ("checked", "false", "NHS England figures show lists grew.")
    assert claim.assignee_id is None and ReviewEvent.objects.filter(claim=claim).count() == events
    assert Client().get(f"/factchecks/{claim.pk}/").status_code == 200
    # Opened again, the same change goes through, from the version it now shows.
    form = form_of(alice, claim)
    form["assignee"] = a_user.pk
    assert alice.post(f"/admin/articles/claim/{claim.pk}/change/", form).status_code == 302
    claim.refresh_from_db()
    assert claim.assignee_id == a_user.pk and claim.verdict == "false" and claim.status == "checked"


def test_a_change_between_the_form_check_and_the_write_is_refused_too(imported_seed, alice_and_bob, monkeypatch):
    a_user, b_user = alice_and_bob
    claim = Claim.objects.order_by("id").first()
    alice = Client()
    alice.force_login(a_user)
    form = form_of(alice, claim)
    review.apply_review(Claim.objects.get(pk=claim.pk), b_user, status="checked", verdict="false")
    monkeypatch.setattr(review, "check_version", lambda claim, expected: None)  # B wrote after A's form check
    form["assignee"] = a_user.pk
    r = alice.post(f"/admin/articles/claim/{claim.pk}/change/", form, follow=True)
    assert "Nothing was saved" in r.content.decode()
    claim.refresh_from_db()
    assert (claim.status, claim.verdict, claim.assignee_id, claim.version) == ("checked", "false", None, 1)


def test_a_form_without_its_version_is_refused(imported_seed, alice_and_bob):
    claim = Claim.objects.order_by("id").first()
    alice = Client()
    alice.force_login(alice_and_bob[0])
    form = form_of(alice, claim)
    del form["version"]
    r = alice.post(f"/admin/articles/claim/{claim.pk}/change/", {**form, "verdict": "true"})
    assert r.status_code == 200 and "carries no version" in r.content.decode()
    claim.refresh_from_db()
    assert claim.verdict == ""


def test_every_review_write_raises_the_version(imported_seed, editor):
    claim = Claim.objects.order_by("id").first()
    assert claim.version == 0
    review.apply_review(claim, editor, verdict="false")
    assert claim.version == 1
    review.assign(claim, editor, editor)
    old = list(claim.evidence.values_list("url", flat=True))
    claim.evidence.create(url="https://example.org/source")
    review.evidence_changed(claim, editor, old)
    assert review.apply_review(claim, editor, verdict="false") is None  # no change: no write
    claim.refresh_from_db()
    assert claim.version == 3


def test_two_writers_from_one_version_cannot_both_write(imported_seed, editor):
    first, second = Claim.objects.order_by("id")[:1].get(), Claim.objects.order_by("id")[:1].get()
    review.apply_review(first, editor, status="checked", verdict="false", rationale="B's check.")
    with pytest.raises(review.StaleClaim, match="was changed by editor"):
        review.apply_review(second, editor, status="new", verdict="")
    with pytest.raises(review.StaleClaim):
        review.apply_review(second, editor, version=0, rationale="")
    first.refresh_from_db()
    assert (first.status, first.verdict, first.rationale, first.version) == ("checked", "false", "B's check.", 1)


def test_api_patch_with_a_stale_version_is_a_409(imported_seed, editor, api):
    claim = Claim.objects.order_by("id").first()
    api.force_authenticate(editor)
    r = api.get(f"/api/v1/claims/{claim.pk}/")
    assert r.json()["version"] == 0 and r["ETag"] == '"0"'
    r = api.patch(f"/api/v1/claims/{claim.pk}/", {"verdict": "false", "version": 0}, format="json")
    assert r.status_code == 200 and r.json()["version"] == 1 and r["ETag"] == '"1"'
    for stale in ({"data": {"verdict": "true", "version": 0}},
                  {"data": {"verdict": "true"}, "HTTP_IF_MATCH": '"0"'},
                  {"data": {"evidence": [{"url": "https://example.org/x", "title": "x"}], "version": 0}}):
        data = stale.pop("data")
        r = api.patch(f"/api/v1/claims/{claim.pk}/", data, format="json", **stale)
        assert r.status_code == 409, r.content
        assert r.json()["version"] == 1 and "Nothing was saved" in r.json()["detail"]
    claim.refresh_from_db()
    assert claim.verdict == "false" and claim.version == 1 and not claim.evidence.exists()
    r = api.patch(f"/api/v1/claims/{claim.pk}/", {"verdict": "true"}, format="json", HTTP_IF_MATCH='"1"')
    assert r.status_code == 200 and r.json()["version"] == 2
    assert api.patch(f"/api/v1/claims/{claim.pk}/", {"verdict": "true"}, format="json",
                     HTTP_IF_MATCH="nonsense").status_code == 400
    # Two versions that disagree (body and If-Match): well formed, but one of them is not the claim's.
    assert api.patch(f"/api/v1/claims/{claim.pk}/", {"verdict": "true", "version": 1}, format="json",
                     HTTP_IF_MATCH='"2"').status_code == 409
    # Without a version the write is made from the version loaded (as before).
    assert api.patch(f"/api/v1/claims/{claim.pk}/", {"rationale": "Checked."}, format="json").status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_writers_from_one_version_on_postgres(imported_seed, alice_and_bob):
    """Two editors' writes from the same version at the same moment: one is stored, the other is
    refused (the conditional UPDATE waits for the first to commit, then finds the version gone)."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.fail("run with DATABASE_URL set to PostgreSQL (scripts/test.sh does)")
    pk = Claim.objects.order_by("id").first().pk
    start = threading.Barrier(2)
    outcome = {}

    def write(user, verdict):
        try:
            claim = Claim.objects.get(pk=pk)
            start.wait()
            review.apply_review(claim, user, status="checked", verdict=verdict)
            outcome[user.username] = "stored"
        except review.StaleClaim:
            outcome[user.username] = "refused"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(u, v)) for u, v in zip(alice_and_bob, ("false", "true"), strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcome.values()) == ["refused", "stored"]
    claim = Claim.objects.get(pk=pk)
    winner = next(name for name, what in outcome.items() if what == "stored")
    assert claim.version == 1 and claim.verdict == {"alice": "false", "bob": "true"}[winner]
    assert ReviewEvent.objects.filter(claim=claim).count() == 1
