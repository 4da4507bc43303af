"""Write paths under concurrent use (issue 29): a transaction the database asks to retry is run
again whole; one that stays busy fails with a message that names what to do, never a traceback;
post-import steps work from what is not yet reconciled, so a stopped run is finished by the next
(D07)."""
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection, transaction

from articles.entities import identity
from articles.models import Claim, FactCheck, Person, PersonLink, ReviewEvent
from articles.services import factchecks, retry
from tests.services.test_identity import imp, write

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def no_pause(monkeypatch):
    monkeypatch.setattr(retry.time, "sleep", lambda s: None)


def flaky(n, message="database is locked"):
    """A callable that fails like a busy database ``n`` times, then succeeds."""
    calls = []

    def fn():
        calls.append(connection.in_atomic_block)
        Person.objects.create(name=f"P{len(calls)}", key=f"p{len(calls)}")
        if len(calls) <= n:
            raise OperationalError(message)
        return len(calls)

    return fn, calls


def test_a_busy_transaction_is_run_again_whole():
    fn, calls = flaky(2)
    assert retry.run(fn) == 3
    assert calls == [True, True, True]  # each attempt in its own transaction
    assert list(Person.objects.values_list("name", flat=True)) == ["P3"]  # the failed attempts left nothing


@pytest.mark.parametrize("message", ["deadlock detected", "could not serialize access due to concurrent update"])
def test_postgresql_deadlocks_and_serialization_failures_are_retried(message):
    fn, calls = flaky(1, message)
    assert retry.run(fn) == 2


def test_other_errors_are_not_retried():
    fn, calls = flaky(1, "no such table: articles_person")
    with pytest.raises(OperationalError, match="no such table"):
        retry.run(fn)
    assert len(calls) == 1


def test_a_database_that_stays_busy_raises_busy_after_the_last_attempt():
    fn, calls = flaky(99)
    with pytest.raises(retry.Busy, match=rf"busy through {retry.ATTEMPTS} attempt\(s\)"):
        retry.run(fn)
    assert len(calls) == retry.ATTEMPTS and not Person.objects.exists()


def test_no_new_attempt_once_the_time_budget_is_spent(monkeypatch):
    # On SQLite a failed attempt has already waited out the busy timeout: a web request answers
    # 503 rather than outlast gunicorn's timeout.
    ticks = [0.0]

    def clock():  # each reading a budget later than the one before
        ticks[0] += retry.BUDGET + 1
        return ticks[0]

    monkeypatch.setattr(retry.time, "monotonic", clock)
    fn, calls = flaky(99)
    with pytest.raises(retry.Busy, match=r"through 1 attempt\(s\)"):
        retry.run(fn)
    assert len(calls) == 1


def test_inside_a_transaction_the_retry_is_left_to_the_outermost():
    fn, calls = flaky(1)
    with pytest.raises(OperationalError), transaction.atomic():
        retry.run(fn)
    assert len(calls) == 1


def test_factcheck_batch_is_retried_whole(tmp_path, monkeypatch):
    real, calls = factchecks.FactCheck.objects.bulk_create, []

    def busy_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real(*args, **kwargs)

    monkeypatch.setattr(factchecks.FactCheck.objects, "bulk_create", busy_once)
    path = tmp_path / "fc.jsonl"
    path.write_text('{"@type": "ClaimReview", "url": "https://f.example.org/1", "claimReviewed": "Taxes rose", '
                    '"reviewRating": {"alternateName": "False"}, "author": {"name": "X"}}\n')
    summary = factchecks.import_paths([path])
    assert summary.ok and summary.created == 1 and FactCheck.objects.count() == 1


def test_api_patch_is_retried_whole(editor, tmp_path, monkeypatch):
    from rest_framework.test import APIClient

    from articles.services import review

    imp(write(tmp_path, "a.txt", "Barack Obama said the economy had recovered."))
    claim = Claim.objects.get()
    real, calls = review.record, []

    def busy_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real(*args, **kwargs)

    monkeypatch.setattr(review, "record", busy_once)
    api = APIClient()
    api.force_authenticate(editor)
    r = api.patch(f"/api/v1/claims/{claim.pk}/", {"rationale": "Checked."}, format="json")
    assert r.status_code == 200, r.content
    claim.refresh_from_db()
    assert claim.rationale == "Checked." and len(calls) >= 2
    # Stored once, with the value it had before as the old one (the rolled-back attempt left nothing).
    assert list(ReviewEvent.objects.filter(claim=claim).values_list("changes", flat=True)) == [
        {"rationale": ["", "Checked."]}]


# -- post-import steps that resume (D07) ---------------------------------------------------------
def test_people_left_pending_by_a_stopped_run_are_linked_by_the_next(tmp_path):
    imp(write(tmp_path / "a", "full.txt", "Barack Obama said the economy had recovered."),
        write(tmp_path / "a", "short.txt", "President Obama said the deal would hold."))
    assert list(Person.objects.values_list("name", flat=True)) == ["Barack Obama"]
    # A run killed after storing, before linking: what it stored is still pending.
    Person.objects.create(name="Clinton", key="clinton", surname_pending=True)
    Person.objects.create(name="Hillary Clinton", key="hillary clinton", surname_pending=True)
    # The next run, with nothing new to store, finishes the job.
    out = StringIO()
    call_command("import_seeds", str(tmp_path / "a"), stdout=out)
    assert "0 created" in out.getvalue() and "1 linked" in out.getvalue()
    assert sorted(Person.objects.values_list("name", flat=True)) == ["Barack Obama", "Hillary Clinton"]
    assert not Person.objects.filter(surname_pending=True).exists()


def test_records_an_editor_made_are_not_relinked(tmp_path):
    imp(write(tmp_path, "full.txt", "Barack Obama said the economy had recovered."))
    Person.objects.create(name="Obama", key="obama")  # an editor's record (a split, say): not pending
    imp(write(tmp_path, "other.txt", "The council said the budget would rise."))
    assert sorted(Person.objects.values_list("name", flat=True)) == ["Barack Obama", "Obama"]


def test_a_new_full_name_person_links_earlier_surnames(tmp_path):
    imp(write(tmp_path, "short.txt", "President Obama said the deal would hold."))
    assert Person.objects.get().surname_pending is False  # seen: nobody to link to yet
    imp(write(tmp_path, "full.txt", "Barack Obama said the economy had recovered."))
    assert list(Person.objects.values_list("name", flat=True)) == ["Barack Obama"]


def test_linking_goes_in_chunks_and_resumes(monkeypatch):
    monkeypatch.setattr(identity, "RECONCILE_CHUNK", 2)
    full = [Person.objects.create(name=f"Ann {s}", key=f"ann {s.lower()}", surname_pending=True)
            for s in ("Abel", "Baker", "Cole", "Dunn", "Eyre")]
    for p in full:
        Person.objects.create(name=p.name.split()[1], key=p.key.split()[1], surname_pending=True)
    real, calls = identity._reconcile_chunk, []

    def dies_on_the_second(ids, done_full):
        calls.append(ids)
        if len(calls) == 2:
            raise RuntimeError("killed")
        return real(ids, done_full)

    monkeypatch.setattr(identity, "_reconcile_chunk", dies_on_the_second)
    with pytest.raises(RuntimeError):
        identity.reconcile_surnames()
    assert Person.objects.count() == 8  # the first chunk of two linked and committed
    assert Person.objects.filter(key__contains=" ", surname_pending=True).count() == 5  # marks go last
    monkeypatch.setattr(identity, "_reconcile_chunk", real)
    assert identity.reconcile_surnames()["linked"] == 3
    assert sorted(Person.objects.values_list("name", flat=True)) == [p.name for p in full]
    assert not Person.objects.filter(surname_pending=True).exists()
    assert PersonLink.objects.filter(status="linked").count() == 5


def test_linking_that_stays_busy_is_an_error_line_not_a_traceback(tmp_path, monkeypatch):
    def busy():
        raise retry.Busy("the database stayed busy through 5 attempts (database is locked)")

    monkeypatch.setattr(identity, "reconcile_surnames", busy)
    err = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("import_seeds", str(write(tmp_path, "a.txt", "Obama said the deal would hold.")), stderr=err)
    assert exit_.value.code == 1
    assert "error: linking surname-only people" in err.getvalue() and "run the same import again" in err.getvalue()
    assert Claim.objects.count() == 1  # the article is stored


def test_matching_after_a_factcheck_import_that_stopped_is_done_by_the_next_run(imported_seed, tmp_path):
    from articles.models import ClaimMatch
    from articles.services import matching, rematch

    # the first quote matching may match (a promise such as "This will prove to be a great time…"
    # is under the check-worthiness gate and is never matched)
    claim = next(c for c in Claim.objects.filter(kind="quote").order_by("id") if matching.matchable(c.text))
    path = tmp_path / "fc.jsonl"
    path.write_text(json.dumps({
        "@type": "ClaimReview", "url": "https://f.example.org/1", "claimReviewed": claim.text,
        "reviewRating": {"alternateName": "False"}, "author": {"name": "X"}}) + "\n")
    # Stored, not matched: as a run killed between its two steps leaves it.
    call_command("import_factchecks", str(path), "--no-match", stdout=StringIO())
    assert not ClaimMatch.objects.exists() and rematch.pending()
    out = StringIO()
    call_command("import_factchecks", str(path), stdout=out)  # nothing new to store
    assert "0 created, 0 updated, 1 unchanged" in out.getvalue()
    assert ClaimMatch.objects.filter(claim=claim).exists() and not rematch.pending()
    out = StringIO()
    call_command("import_factchecks", str(path), stdout=out)  # caught up: no matching again
    assert "0 claim matches stored" in out.getvalue()


def test_an_undone_automatic_link_is_not_made_again(tmp_path):
    from articles.entities import merge
    from articles.models import MergeRecord

    imp(write(tmp_path, "full.txt", "Barack Obama said the economy had recovered."),
        write(tmp_path, "short.txt", "President Obama said the deal would hold."))
    merge.undo(MergeRecord.objects.get())  # the editor says: not him
    assert Person.objects.get(name="Obama").surname_pending is False
    imp(write(tmp_path, "other.txt", "The council said the budget would rise."))
    assert sorted(Person.objects.values_list("name", flat=True)) == ["Barack Obama", "Obama"]


def busy(times, real):
    calls = []

    def fn(*args, **kwargs):
        calls.append(1)
        if len(calls) <= times:
            raise OperationalError("database is locked")
        return real(*args, **kwargs)

    return fn, calls


def claim_form(client, claim, **changes):
    page = client.get(f"/admin/articles/claim/{claim.pk}/change/")
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list | tuple)}
    data.update({"status": claim.status, "verdict": "", "rationale": "", **changes})
    for fs in page.context["inline_admin_formsets"]:
        data.update({f"{fs.formset.prefix}-TOTAL_FORMS": "0", f"{fs.formset.prefix}-INITIAL_FORMS": "0"})
    return data


@pytest.mark.parametrize("times", [1, 99])
def test_admin_save_is_retried_whole_or_refused_with_503(client, tmp_path, monkeypatch, times):
    from django.contrib.auth.models import User

    from articles.services import review

    imp(write(tmp_path, "a.txt", "Barack Obama said the economy had recovered."))
    claim = Claim.objects.get()
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw-root-1"))
    data = claim_form(client, claim, rationale="Checked in the admin.")
    fn, calls = busy(times, review.record)
    monkeypatch.setattr(review, "record", fn)
    r = client.post(f"/admin/articles/claim/{claim.pk}/change/", data)
    claim.refresh_from_db()
    if times == 1:
        assert r.status_code == 302 and claim.rationale == "Checked in the admin." and len(calls) == 2
        assert ReviewEvent.objects.filter(claim=claim).count() == 1
    else:
        assert r.status_code == 503 and b"nothing was saved" in r.content
        assert claim.rationale == "" and not ReviewEvent.objects.exists()


def test_api_patch_refused_with_503_when_the_database_stays_busy(editor, tmp_path, monkeypatch):
    from rest_framework.test import APIClient

    from articles.services import review

    imp(write(tmp_path, "a.txt", "Barack Obama said the economy had recovered."))
    claim = Claim.objects.get()
    monkeypatch.setattr(review, "record", busy(99, review.record)[0])
    api = APIClient()
    api.force_authenticate(editor)
    r = api.patch(f"/api/v1/claims/{claim.pk}/", {"rationale": "Checked."}, format="json")
    assert r.status_code == 503 and "send the request again" in r.json()["detail"]
    claim.refresh_from_db()
    assert claim.rationale == ""
