"""The shared match index (services/match_index.py): built and updated off the request path, mapped
by every worker, incremental (segments and tombstones), and what a new fact-check matches stored."""
import json
import random
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.authtoken.models import Token

from articles.matching import ranker, store
from articles.models import Claim, ClaimMatch, FactCheck
from articles.services import match_index, matching, review

NOUNS = ("vaccine tax border wall climate crime school hospital wage rent election fraud ballot virus mask pension "
         "budget deficit police army island bridge river flood drought fuel price oil gas coal wind").split()


def library(n, seed=7):
    rnd = random.Random(seed)
    texts = [f"The senator says that {' '.join(rnd.choice(NOUNS) for _ in range(7))}" for _ in range(n)]
    vecs = ranker.vectors_many([(t, "") for t in texts])
    FactCheck.objects.bulk_create([FactCheck(url=f"https://checks.example/{i}", claim_reviewed=t, rating="False",
                                             vectors=v.tobytes()) for i, (t, v) in enumerate(zip(texts, vecs, strict=True))])


@pytest.fixture
def built_segments(monkeypatch):
    """Every segment the index writes or builds in memory, with its number of rows."""
    sizes = []
    real = store.SegmentWriter.finish
    monkeypatch.setattr(store.SegmentWriter, "finish", lambda self: sizes.append(self.n) or real(self))
    return sizes


@pytest.mark.django_db
def test_an_editors_change_never_rebuilds_the_index_in_a_match_request(imported_seed, editor, built_segments,
                                                                       django_capture_on_commit_callbacks):
    """D06: each change on a checked claim made the next match request of every worker rebuild the
    whole index. Now the change's own transaction hook appends one row; match requests only map."""
    library(300)
    match_index.update()
    assert built_segments == [300]
    web = pytest.importorskip("django.test").Client()
    assert web.get("/api/v1/factchecks/match/", {"text": "the senator says the border wall"}).status_code == 200
    api = pytest.importorskip("rest_framework.test").APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    claim = Claim.objects.filter(kind="quote").first()
    for verdict in ["false", "mostly_false", "false"]:
        built_segments.clear()
        with django_capture_on_commit_callbacks(execute=True):
            r = api.patch(f"/api/v1/claims/{claim.pk}/", json.dumps({"status": "checked", "verdict": verdict,
                                                                 "correction_kind": "correction",
                                                                 "correction_reason": "Re-checked."}),
                          content_type="application/json")
        assert r.status_code == 200, r.content
        written = list(built_segments)
        r = web.get("/api/v1/factchecks/match/", {"text": "a viral post claims the vaccine tax is illegal"})
        assert r.status_code == 200
        assert built_segments == written  # the match request built nothing
        assert all(n <= 1 for n in written)  # the hook indexed the changed own check only
    own = FactCheck.objects.get(claim=claim)
    assert matching.match_text(own.claim_reviewed, 1)[0].factcheck == own


@pytest.mark.django_db
def test_rows_changed_since_the_live_generation_are_matched_by_their_new_text(built_segments):
    """D04 in a worker: before any writer catches up, a corrected fact-check is matched by its new
    wording, not its old one (the changed rows are indexed in memory over the mapped generation)."""
    library(50)
    match_index.update()
    row = FactCheck.objects.get(url="https://checks.example/3")
    assert matching.match_text(row.claim_reviewed, 1)[0].factcheck == row
    old = row.claim_reviewed
    row.claim_reviewed = "Bananas cure diabetes in two weeks"
    row.vectors = ranker.entry_vectors(row.claim_reviewed, "").tobytes()
    row.save()
    built_segments.clear()
    top = matching.match_text("Bananas cure diabetes in two weeks", 1)[0]
    assert top.factcheck == row and top.score >= 0.5
    assert all(m.factcheck != row for m in matching.match_text(old, 5) if m.score >= 0.5)
    assert built_segments == [1]  # the one changed row, not the library
    done = match_index.update()  # the writer catches up: one segment appended, the old row tombstoned
    assert done["appended"] == [row.pk] and not done["full"]
    manifest = store.read_manifest(match_index.index_dir())
    assert len(manifest["segments"]) == 2 and len(manifest["dead"]) == 1 and manifest["rows"] == 50
    assert matching.match_text("Bananas cure diabetes in two weeks", 1)[0].factcheck == row


@pytest.mark.django_db
def test_deleted_fact_checks_are_tombstoned_and_never_answer():
    library(40)
    match_index.update()
    gone = FactCheck.objects.get(url="https://checks.example/5")
    text = gone.claim_reviewed
    gone.delete()
    assert all(m.factcheck.url != "https://checks.example/5" for m in matching.match_text(text, 5))
    done = match_index.update()
    assert done["removed"] == 1 and done["rows"] == 39
    lib = match_index.library()
    assert isinstance(lib, store.StoredLibrary) and lib.live() == 39


@pytest.mark.django_db
def test_workers_pick_up_a_new_generation_by_mapping_it(built_segments):
    library(30)
    match_index.update()
    first = match_index.library()
    assert match_index.library() is first  # nothing changed: the same mapped index
    FactCheck.objects.create(
        url="https://checks.example/new", claim_reviewed="Wind turbines cause cancer in cows", rating="False",
        vectors=ranker.entry_vectors("Wind turbines cause cancer in cows", "").tobytes())
    match_index.update()
    built_segments.clear()
    second = match_index.library()
    assert second is not first and built_segments == []  # mapped, not built
    assert matching.match_text("wind turbines give cows cancer", 1)[0].factcheck.url == "https://checks.example/new"


@pytest.mark.django_db
def test_compaction_rebuilds_into_fresh_segments(monkeypatch):
    library(20)
    match_index.update()
    monkeypatch.setattr(match_index, "MAX_SEGMENTS", 2)
    full = []
    for i in range(2):
        FactCheck.objects.filter(url=f"https://checks.example/{i}").update(
            claim_reviewed=f"Changed wording {i}", updated_at=timezone.now() + timedelta(seconds=i + 1))
        full.append(match_index.update()["full"])
    assert full == [False, True]  # one segment appended; with the next, too many: compacted
    manifest = store.read_manifest(match_index.index_dir())
    assert manifest["dead"] == [] and manifest["rows"] == 20 and len(manifest["segments"]) == 1
    assert matching.match_text("Changed wording 1", 1)[0].factcheck.url == "https://checks.example/1"
    assert {p.name for p in match_index.index_dir().glob("seg-*")} >= set(manifest["segments"])


@pytest.mark.django_db
def test_a_new_fact_check_is_matched_against_the_stored_claims_only_where_it_concerns_them(
        imported_seed, monkeypatch, tmp_path):
    claims = list(Claim.objects.filter(in_text=True))
    assert len(claims) > 20
    seen = []
    real = matching.match_claims
    monkeypatch.setattr(matching, "match_claims", lambda cs, **kw: seen.append(len(cs)) or real(cs, **kw))
    target = claims[3]
    f = tmp_path / "one.json"
    f.write_text(json.dumps({"@type": "ClaimReview", "url": "https://checks.example/that", "claimReviewed": target.text,
                             "reviewRating": {"alternateName": "False"}, "author": {"name": "Checks"}}))
    out = StringIO()
    call_command("import_factchecks", str(f), stdout=out)
    assert seen and seen[0] < len(claims)  # not every claim matched again
    m = ClaimMatch.objects.get(factcheck__url="https://checks.example/that", claim=target)
    assert m.level in ("suggested", "confident")  # what the desk lists as suggested matches


@pytest.mark.django_db
def test_an_own_check_published_is_matched_against_the_other_claims(imported_seed, editor,
                                                                      django_capture_on_commit_callbacks):
    claim = Claim.objects.filter(kind="quote").first()
    twin = Claim.objects.exclude(pk=claim.pk).filter(in_text=True).first()
    twin.text = claim.text
    twin.save()
    with django_capture_on_commit_callbacks(execute=True):
        review.apply_review(claim, editor, status=Claim.Status.CHECKED, verdict=Claim.Verdict.FALSE, rationale="No.")
    own = FactCheck.objects.get(claim=claim)
    assert ClaimMatch.objects.filter(claim=twin, factcheck=own).exists()
    assert not ClaimMatch.objects.filter(claim=claim, factcheck=own).exists()


@pytest.mark.django_db
def test_build_match_index_command():
    library(25)
    out = StringIO()
    call_command("build_match_index", stdout=out)
    assert "generation 1" in out.getvalue() and "25 fact-checks, 25 indexed" in out.getvalue()
    out = StringIO()
    call_command("build_match_index", "--full", stdout=out)
    assert "generation 2" in out.getvalue() and "(full build)" in out.getvalue()
    assert sorted(p.name for p in match_index.index_dir().glob("seg-*")) == ["seg-000001-000", "seg-000002-000"]


@pytest.mark.django_db
def test_the_stored_index_carries_each_fact_checks_claimant():
    """The context features read the claimant's surname and proper names: the stored index has them."""
    library(20)
    FactCheck.objects.filter(url="https://checks.example/3").update(claimant="Ted Cruz")
    match_index.update()
    lib = matching.library()
    pos = lib.positions([FactCheck.objects.get(url="https://checks.example/3").pk]).pop()
    assert lib.claimants[pos] == "cruz" and "cruz" in lib.proper[pos]
    assert sum(bool(lib.claimants[i]) for i in range(len(lib))) == 1


@pytest.mark.django_db
def test_an_editors_not_this_check_holds_through_the_incremental_rematch(imported_seed, editor):
    # a claim matching may match: checkable and over the check-worthiness gate
    claim = next(c for c in Claim.objects.filter(in_text=True) if matching.matchable(c.text))
    fc = FactCheck.objects.create(url="https://checks.example/same", claim_reviewed=claim.text, rating="False")
    match_index.update()
    match_index.rematch([fc.pk])
    assert ClaimMatch.objects.filter(claim=claim, factcheck=fc).exists()  # matched without the editor's word
    matching.record_feedback(claim, fc, "rejected", editor)
    fc.claim_reviewed = claim.text + " Really."
    fc.save()
    done = match_index.refresh()
    assert fc.pk in done["appended"]
    assert not ClaimMatch.objects.filter(claim=claim, factcheck=fc).exists()


@pytest.mark.django_db
def test_rows_read_by_id_range_are_exactly_the_ids_asked_for(django_assert_max_num_queries):
    """A full build reads its rows in id order, 2,000 at a time, as a range of the primary key
    (``_by_ids``: no 2,000 bound parameters a query). The rows must be those asked for and no other:
    a row inside the range that the list leaves out (written after the ids were listed, or not
    asked for) is not read, a gap is skipped, and lists that are no run of ids keep ``id__in``."""
    library(30)
    ids = list(FactCheck.objects.order_by("id").values_list("id", flat=True))
    FactCheck.objects.filter(id=ids[4]).delete()  # a gap in the run
    asked = ids[:4] + ids[5:12] + ids[13:]  # ids[12] is in the range but not asked for
    with django_assert_max_num_queries(1):
        rows = match_index._rows(asked, vectors=False)
    assert [r.id for r in rows] == asked
    with_vectors = match_index._rows(asked)
    assert [r.id for r in with_vectors] == asked and all(r.vectors is not None for r in with_vectors)
    by_in = {r.id: r for r in match_index._rows(sorted(asked, reverse=True))}  # not ascending: id__in
    assert [(r.id, r.claim, r.title, r.stamp, r.claimant) for r in rows] == \
        [(by_in[i].id, by_in[i].claim, by_in[i].title, by_in[i].stamp, by_in[i].claimant) for i in asked]
    assert match_index._by_ids(ids[:10])[1] is None  # a whole run: every row read is kept
    assert match_index._by_ids(asked)[1] == set(asked)
    assert "IN" in str(match_index._by_ids([ids[0], ids[-1] + 1000])[0].query)  # sparse: id__in
    assert [r.id for r in match_index._rows([ids[0], ids[-1]])] == [ids[0], ids[-1]]
    assert match_index._rows([]) == [] and [r.id for r in match_index._rows([ids[7]])] == [ids[7]]


@pytest.mark.django_db
def test_an_index_of_the_format_before_the_quoted_words_is_rebuilt_with_them():
    """An upgrade to model 2.7's FORMAT 8: the older index reads as quoting nothing until
    build_match_index (serve.sh, a deploy) rebuilds it; then an editor's new quoting check is appended
    with its quoted words, and the stored column is the in-memory library's."""
    from articles.matching import quotes

    library(12)
    FactCheck.objects.filter(url="https://checks.example/4").update(
        claim_reviewed='Says the harbour board "raised the ferry fares every single year" since 2015.')
    match_index.update()
    root = match_index.index_dir()
    manifest = store.read_manifest(root)
    for seg in manifest["segments"]:  # as FORMAT 7 wrote it: no quotes field
        for part in ("blob", "offsets"):
            (root / seg / f"quotes.{part}.npy").unlink()
    store.publish(root, {**manifest, "format": 7})
    pos = matching.library().positions([FactCheck.objects.get(url="https://checks.example/4").pk]).pop()
    assert matching.library().quotes[pos] == frozenset()
    out = StringIO()
    call_command("build_match_index", stdout=out)
    assert "(full build)" in out.getvalue() and store.read_manifest(root)["format"] == store.FORMAT
    lib = matching.library()
    pos = lib.positions([FactCheck.objects.get(url="https://checks.example/4").pk]).pop()
    assert lib.quotes[pos] == quotes.words('Says the harbour board "raised the ferry fares every single year" since 2015.')
    assert {"fare", "ferri"} <= lib.quotes[pos]
    new = FactCheck.objects.create(url="https://checks.example/new", rating="False",
                                   claim_reviewed="The mayor said “the bridge tolls will never go up again” in May.")
    done = match_index.update()
    assert new.pk in done["appended"] and not done.get("full")
    lib = matching.library()
    assert lib.quotes[lib.positions([new.pk]).pop()] == quotes.words(new.claim_reviewed) != frozenset()
