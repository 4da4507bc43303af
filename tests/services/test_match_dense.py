"""The sentence encoder's vectors in the shared match index: filled off the request path after an
update (inline for a small change, by the job for a large import), kept through a rebuild, and the
import command's choice between the two."""
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command

from articles.matching import dense, encoder, index_build, ranker, store
from articles.models import FactCheck
from articles.services import match_index
from tests.matching.test_dense_store import fake_encode
from tests.services.test_match_index import library


@pytest.fixture
def encoded(monkeypatch):
    """The texts the (fake) encoder was given."""
    calls = []
    monkeypatch.setattr(encoder, "encode", lambda texts: calls.append(len(texts)) or fake_encode(texts))
    monkeypatch.setattr(encoder, "available", lambda: True)
    monkeypatch.setattr(match_index, "dense_wanted", lambda: True)
    return calls


def _has_dense(root):
    manifest = store.read_manifest(root)
    return [(root / s / "dense.claim.npy").exists() for s in manifest["segments"]]


@pytest.mark.django_db
def test_fill_fills_every_segment_lacking_vectors_and_publishes_them(encoded):
    library(12)
    match_index.update()
    root = match_index.index_dir()
    assert match_index.missing_dense() == 12 and _has_dense(root) == [False]
    assert match_index.library().dense is None
    done = match_index.fill_dense()
    assert done["rows"] == 12 and encoded == [24] and _has_dense(root) == [True]
    assert match_index.missing_dense() == 0
    assert match_index.library().dense is not None  # a new generation: workers map the new files
    assert match_index.fill_dense()["rows"] == 0 and encoded == [24]  # idempotent


@pytest.mark.django_db
def test_a_rebuild_keeps_the_vectors_it_had_and_encodes_only_changed_rows(encoded):
    library(10)
    match_index.update()
    match_index.fill_dense()
    fc = FactCheck.objects.order_by("id").first()
    fc.claim_reviewed = "An entirely new wording of the claim"
    fc.save()
    assert match_index.update(full=True)["full"]
    root = match_index.index_dir()
    # the rebuild encodes the one changed row (2 texts) and carries the other nine over
    assert _has_dense(root) == [True] and encoded == [20, 2]
    assert match_index.fill_dense()["rows"] == 0
    lib = match_index.library()
    changed = np.asarray(lib.dense["claim"][[0]])[0]
    np.testing.assert_allclose(changed, fake_encode(["An entirely new wording of the claim"])[0], atol=2e-3)
    kept = np.asarray(lib.dense["claim"][[1]])[0]
    expect = fake_encode([FactCheck.objects.order_by("id")[1].claim_reviewed])[0]
    np.testing.assert_allclose(kept, expect, atol=2e-3)


@pytest.mark.django_db
def test_refresh_fills_a_small_change_before_matching(encoded):
    library(5)
    match_index.update()
    match_index.fill_dense()
    FactCheck.objects.create(url="https://checks.example/new", claim_reviewed="The mayor doubled bus fares",
                             rating="False")
    match_index.refresh()
    assert match_index.missing_dense() == 0 and all(_has_dense(match_index.index_dir()))


@pytest.mark.django_db
def test_the_import_encodes_a_library_sized_import_and_defers_a_larger_one(encoded, settings, tmp_path, monkeypatch):
    from articles.management.commands import import_factchecks

    queued = []
    monkeypatch.setattr(import_factchecks, "_queue_fill", lambda: queued.append(1))
    library(6)
    out = StringIO()
    call_command("build_match_index", stdout=out)
    cmd = import_factchecks.Command(stdout=out)
    settings.CLAIMSDB_MATCH_DENSE_INLINE = 5
    cmd._vectors(defer=False)
    assert queued == [1] and match_index.missing_dense() == 6 and "left to" in out.getvalue()
    cmd._vectors(defer=True)
    assert queued == [1]
    settings.CLAIMSDB_MATCH_DENSE_INLINE = 25_000
    cmd._vectors(defer=False)
    assert match_index.missing_dense() == 0


@pytest.mark.django_db
def test_build_match_index_fills_the_vectors_on_request(encoded):
    library(4)
    out = StringIO()
    call_command("build_match_index", "--vectors", stdout=out)
    assert "encoder vectors: 4 rows" in out.getvalue() and match_index.missing_dense() == 0


@pytest.mark.django_db
def test_a_rebuild_leaves_many_changed_rows_to_the_job(encoded, monkeypatch):
    library(10)
    match_index.update()
    match_index.fill_dense()
    monkeypatch.setattr(match_index, "REFRESH_DENSE", 3)
    for fc in FactCheck.objects.order_by("id")[:5]:
        fc.claim_reviewed += " again"
        fc.save()
    match_index.update(full=True)
    assert _has_dense(match_index.index_dir()) == [False] and encoded == [20]


@pytest.mark.django_db
def test_without_a_broker_refresh_never_runs_the_fill_job_in_the_request(encoded, monkeypatch, settings, caplog):
    from articles.ingestion import jobs

    ran = []
    monkeypatch.setattr(jobs.fill_match_vectors, "delay", lambda: ran.append(1))
    monkeypatch.setattr(match_index, "REFRESH_DENSE", 3)
    settings.CELERY_TASK_ALWAYS_EAGER = True  # no broker: a queued job would run in this thread
    library(5)
    match_index.refresh()
    assert ran == [] and encoded == [] and "build_match_index --vectors" in caplog.text


@pytest.mark.django_db
def test_refresh_leaves_a_large_change_to_the_job(encoded, monkeypatch, settings):
    from articles.ingestion import jobs

    queued = []
    monkeypatch.setattr(jobs.fill_match_vectors, "delay", lambda: queued.append(1))
    monkeypatch.setattr(match_index, "REFRESH_DENSE", 3)
    settings.CELERY_TASK_ALWAYS_EAGER = False  # a broker: the job runs on a worker
    library(5)
    match_index.refresh()
    assert queued == [1] and encoded == [] and match_index.missing_dense() == 5
    assert match_index.library().dense is None  # matched with the fallback weights meanwhile


@pytest.mark.django_db
def test_without_a_broker_a_large_import_never_runs_the_fill_job_in_the_command(encoded, settings, monkeypatch):
    from articles.ingestion import jobs
    from articles.management.commands import import_factchecks

    ran = []
    monkeypatch.setattr(jobs.fill_match_vectors, "delay", lambda: ran.append(1))
    settings.CELERY_TASK_ALWAYS_EAGER = True  # no broker: the job would encode 300,000 rows in this command
    library(6)
    call_command("build_match_index", stdout=StringIO())
    settings.CLAIMSDB_MATCH_DENSE_INLINE = 5
    out = StringIO()
    import_factchecks.Command(stdout=out)._vectors(defer=False)
    assert ran == [] and encoded == [] and "left to build_match_index --vectors" in out.getvalue()
    settings.CELERY_TASK_ALWAYS_EAGER = False  # a broker: queued for its worker
    import_factchecks.Command(stdout=out)._vectors(defer=False)
    assert ran == [1] and "left to claimsdb.fill_match_vectors" in out.getvalue()


@pytest.mark.django_db
def test_the_fill_encodes_a_segment_a_block_at_a_time(encoded, monkeypatch):
    monkeypatch.setattr(match_index, "FILL_BLOCK", 4)
    library(10)
    match_index.update()
    assert match_index.fill_dense()["rows"] == 10 and encoded == [8, 8, 4]  # two texts a row
    assert not list(match_index.index_dir().glob("seg-*/dense-fill.*"))
    lib = match_index.library()
    first = FactCheck.objects.order_by("id").first()
    np.testing.assert_allclose(np.asarray(lib.dense["claim"][[0]])[0], fake_encode([first.claim_reviewed])[0], atol=2e-3)


@pytest.mark.django_db
def test_build_match_index_without_vectors_queues_the_fill(encoded, settings, monkeypatch):
    from articles.ingestion import jobs

    queued = []
    monkeypatch.setattr(jobs.fill_match_vectors, "delay", lambda: queued.append(1))
    settings.CELERY_TASK_ALWAYS_EAGER = False
    library(4)
    out = StringIO()
    call_command("build_match_index", stdout=out)
    assert queued == [1] and "4 rows missing, left to claimsdb.fill_match_vectors" in out.getvalue()
    assert encoded == []


@pytest.mark.django_db
def test_claims_are_matched_again_once_the_fill_completes_the_library(encoded, monkeypatch):
    from articles.ingestion import jobs
    from articles.services import rematch

    again = []
    monkeypatch.setattr(rematch, "match_all_claims", lambda: again.append(1) or 7)
    library(4)
    match_index.update()
    assert jobs.fill_match_vectors() == 4 and again == [1]  # the fallback's matches replaced
    assert jobs.fill_match_vectors() == 0 and again == [1]  # nothing filled: nothing to redo


def _edit(fc, wording):
    """An editor's change of a library entry, as the admin saves it, committed: its vectors stored
    (the index's refresh after the commit left out: the row stays pending)."""
    from articles.services import factchecks

    fc.claim_reviewed = wording
    with _commit() as callbacks:
        factchecks.save_edited(fc)
    _encoding(callbacks)


def _commit():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=False)


def _encoding(callbacks):
    """Runs the callbacks that store a saved row's vectors; returns the others (the refresh)."""
    rest = []
    for run in callbacks:
        if run.__name__ == "encode_and_store":
            run()
        else:
            rest.append(run)
    return rest


def _at(lib, fc):
    return int(np.flatnonzero((lib.ids == fc.id) & ~lib.dead)[0])


@pytest.mark.django_db
def test_an_editors_save_is_encoded_once_and_no_match_request_encodes_it(encoded, monkeypatch,
                                                                          django_capture_on_commit_callbacks):
    # issue 23: the pending row was encoded inside the match request that opened the library, again
    # in every worker, and a third time by the refresh. Now the save encodes it (2 texts) once its
    # transaction commits, stores the vectors with the row, and every reader and the refresh read them.
    from articles.services import factchecks

    library(6)
    match_index.update()
    match_index.fill_dense()
    assert encoded == [12]
    fc = FactCheck.objects.order_by("id").first()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        fc.claim_reviewed = "The governor cut the school budget twice"
        factchecks.save_edited(fc)
    assert encoded == [12]  # nothing inside the save's transaction
    refreshes = _encoding(callbacks)
    assert encoded == [12, 2]  # once committed, before the refresh
    for _worker in range(2):  # this worker, then another one (its own process state)
        match_index._state.clear()
        lib = match_index.library()
        assert lib.dense is not None and encoded == [12, 2]  # the model's own weights, nothing encoded
        np.testing.assert_allclose(np.asarray(lib.dense["claim"][[_at(lib, fc)]])[0],
                                   fake_encode(["The governor cut the school budget twice"])[0], atol=2e-3)
    for run in refreshes:  # the refresh after the commit appends the row with its stored vectors
        run()
    assert encoded == [12, 2] and match_index.missing_dense() == 0
    lib = match_index.library()
    assert lib.dense is not None and len(lib.segments) == 2
    np.testing.assert_allclose(np.asarray(lib.dense["claim"][[_at(lib, fc)]])[0],
                               fake_encode(["The governor cut the school budget twice"])[0], atol=2e-3)


@pytest.mark.django_db
def test_many_pending_saves_keep_the_models_own_weights(encoded):
    # more than the 8 rows a request used to encode: no fallback merely because rows are pending
    library(12)
    match_index.update()
    match_index.fill_dense()
    for fc in FactCheck.objects.order_by("id"):
        _edit(fc, fc.claim_reviewed + " again")
    assert encoded == [24] + [2] * 12
    lib = match_index.library()
    assert lib.dense is not None and encoded == [24] + [2] * 12
    assert ranker.default_model().for_library(lib) is ranker.default_model()


@pytest.mark.django_db
def test_a_row_saved_without_vectors_is_never_encoded_in_a_request(encoded):
    # a path that computes none (an import before its own update): the fallback weights until the
    # refresh stores them; the request encodes nothing, then every worker reads them
    library(6)
    match_index.update()
    match_index.fill_dense()
    fc = FactCheck.objects.order_by("id").first()
    fc.claim_reviewed = "The mayor doubled bus fares"
    fc.save()
    assert match_index.library().dense is None and encoded == [12]
    match_index.refresh()
    assert encoded == [12, 2] and match_index.missing_dense() == 0
    fc.refresh_from_db()
    assert dense.unpack(fc.dense, fc.claim_reviewed, fc.title) is not None  # stored with the row
    fc.rating = "True"  # the same wording changed again: its vectors still hold
    fc.save()
    match_index._state.clear()
    assert match_index.library().dense is not None and encoded == [12, 2]


@pytest.mark.django_db
def test_the_fill_stores_the_vectors_and_a_rebuild_from_nothing_reads_them(encoded):
    library(8)
    match_index.update()
    match_index.fill_dense()
    assert encoded == [16]
    assert all(dense.unpack(e, c, t) is not None
               for c, t, e in FactCheck.objects.values_list("claim_reviewed", "title", "dense"))
    shutil.rmtree(match_index.index_dir())  # the index lost: the vectors are the database's
    match_index._state.clear()
    match_index.update()
    assert match_index.missing_dense() == 0 and encoded == [16]
    assert match_index.library().dense is not None


@pytest.mark.django_db
def test_vectors_of_an_older_wording_are_never_read(encoded, tmp_path):
    # an import rewording a record leaves the old vectors in the row: their key no longer fits
    library(10)
    match_index.update()
    match_index.fill_dense()
    fc = FactCheck.objects.order_by("id").first()
    FactCheck.objects.filter(pk=fc.pk).update(claim_reviewed="Sharks live in rivers")
    match_index._state.clear()
    assert match_index.library().dense is None and encoded == [20]
    assert not match_index.update()["full"]
    assert match_index.missing_dense() == 1  # the appended row's segment lacks them
    match_index.fill_dense()
    assert encoded == [20, 2]
    lib = match_index.library()
    np.testing.assert_allclose(np.asarray(lib.dense["claim"][[_at(lib, fc)]])[0],
                               fake_encode(["Sharks live in rivers"])[0], atol=2e-3)


def _dead_pid():
    p = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(p.stdout)


@pytest.mark.django_db
def test_a_killed_fills_temp_files_are_removed_when_the_library_opens_or_the_next_fill_starts(encoded):
    library(4)
    match_index.update()
    root = match_index.index_dir()
    seg = root / store.read_manifest(root)["segments"][0]
    # a fill killed with SIGKILL (no cleanup ran)
    space = index_build.temp_owner().split(".")[0]
    child = subprocess.Popen([sys.executable, "-c", "import sys, time; open(sys.argv[1] + '/dense-fill.%s.%d.tmp' "
                              "% (sys.argv[2], __import__('os').getpid()), 'w').write('x'); time.sleep(60)",
                              str(seg), space])
    for _ in range(100):
        if (seg / f"dense-fill.{space}.{child.pid}.tmp").exists():
            break
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    killed = seg / f"dense-fill.{space}.{child.pid}.tmp"
    graph = seg / f"dense-ann.claim.{space}.{_dead_pid()}.tmp"
    graph.write_text("x")
    live = seg / f"dense-fill.{space}.{os.getppid()}.tmp"  # a fill still running (its process alive)
    live.write_text("x")
    assert killed.exists()
    match_index.library()
    assert not killed.exists() and not graph.exists() and live.exists()
    again = seg / f"dense-fill.{space}.{_dead_pid()}.tmp"
    again.write_text("x")
    match_index.fill_dense()
    assert not again.exists() and live.exists()
    live.unlink()


@pytest.mark.django_db
def test_a_killed_fills_graph_of_a_builds_segments_is_removed_too(encoded, monkeypatch):
    import functools

    monkeypatch.setattr(store, "build_generation", functools.partial(store.build_generation, ann_min=0))
    library(4)
    match_index.update()
    root = match_index.index_dir()
    group = root / store.read_manifest(root)["ann"][0]["folder"]
    space = index_build.temp_owner().split(".")[0]
    graph = group / f"dense-ann.title.{space}.{_dead_pid()}.tmp"
    graph.write_text("x")
    match_index.library()
    assert not graph.exists() and group.exists()


@pytest.mark.django_db
def test_a_fill_failing_on_a_later_segment_leaves_no_encoded_file_behind(encoded, monkeypatch):
    from articles.matching import dense

    library(4)
    match_index.update()
    FactCheck.objects.create(url="https://checks.example/late", claim_reviewed="The mayor doubled bus fares",
                             rating="False")
    match_index.update()
    root = match_index.index_dir()
    assert len(store.read_manifest(root)["segments"]) == 2
    real, calls = dense.many, []

    def second_fails(pairs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return real(pairs)

    monkeypatch.setattr(dense, "many", second_fails)
    with pytest.raises(RuntimeError):
        match_index.fill_dense()
    assert not list(root.glob("seg-*/dense-fill.*")) and match_index.missing_dense() == 5


@pytest.mark.django_db
def test_the_rematch_after_the_fill_keeps_the_editors_word(imported_seed, editor, encoded):
    # every stored claim matched again once the vectors are in: a dismissed pair stays away, a
    # confirmed one stays confident
    from articles.ingestion import jobs
    from articles.models import Claim, ClaimMatch
    from articles.services import matching, rematch

    claim = next(c for c in Claim.objects.filter(in_text=True) if matching.matchable(c.text))
    same = FactCheck.objects.create(url="https://checks.example/same", claim_reviewed=claim.text, rating="False")
    other = FactCheck.objects.create(url="https://checks.example/other", claim_reviewed="Sharks live in rivers",
                                     rating="False")
    match_index.update()
    rematch.match_all_claims()
    assert ClaimMatch.objects.filter(claim=claim, factcheck=same).exists()  # matched without the editor's word
    matching.record_feedback(claim, same, "rejected", editor)
    matching.record_feedback(claim, other, "confirmed", editor)
    assert match_index.missing_dense() and jobs.fill_match_vectors() > 0
    assert not ClaimMatch.objects.filter(claim=claim, factcheck=same).exists()
    assert ClaimMatch.objects.get(claim=claim, factcheck=other).level == ClaimMatch.Level.CONFIDENT


@pytest.mark.django_db
def test_an_own_check_published_is_saved_with_its_vectors(imported_seed, editor, encoded):
    from articles.models import Claim
    from articles.services import review

    claim = Claim.objects.filter(kind="quote").first()
    with _commit() as callbacks:
        review.apply_review(claim, editor, status=Claim.Status.CHECKED, verdict=Claim.Verdict.FALSE, rationale="No.")
    _encoding(callbacks)
    own = FactCheck.objects.get(claim=claim)
    stored = dense.unpack(own.dense, own.claim_reviewed, own.title)
    assert stored is not None and encoded[-1] == 2
    np.testing.assert_allclose(stored.astype(np.float32), dense.many([(own.claim_reviewed, own.title)])[0], atol=2e-3)


@pytest.mark.django_db
def test_vectors_encoded_from_an_older_wording_never_replace_those_of_the_new_one(encoded):
    # a fill read the row, then encoded for minutes while an editor reworded it and its save stored
    # the vectors of the new wording: the fill's write must leave them
    from articles.services import factchecks

    library(2)
    fc = FactCheck.objects.order_by("id").first()
    old_claim, title = fc.claim_reviewed, fc.title
    fc.claim_reviewed = "The governor cut the school budget twice"
    factchecks.save_edited(fc)
    match_index.store_dense([(fc.id, fc.claim_reviewed, title, dense.many([(fc.claim_reviewed, title)])[0])])
    match_index.store_dense([(fc.id, old_claim, title, dense.many([(old_claim, title)])[0])])  # the fill, late
    fc.refresh_from_db()
    stored = dense.unpack(fc.dense, fc.claim_reviewed, fc.title)
    assert stored is not None
    np.testing.assert_allclose(stored[0].astype(np.float32), fake_encode([fc.claim_reviewed])[0], atol=2e-3)


@pytest.mark.django_db
def test_an_editors_save_encodes_only_once_its_transaction_committed(encoded, monkeypatch, imported_seed, editor,
                                                                     django_capture_on_commit_callbacks):
    # SQLite's transactions take the database's write lock when they begin (BEGIN IMMEDIATE): an
    # encoding inside the admin's or apply_review's transaction (~0.1-1 s, more when the process
    # first loads the encoder) held every other writer (imports, jobs, other editors) waiting
    from django.db import connection, transaction

    from articles.models import Claim
    from articles.services import factchecks, review

    depth = []
    fake = encoder.encode
    # the probe reads the encoding thread's connection: a match's query encoded in line, in the caller's
    # thread (dense.query_later's own thread has its own connection, outside every transaction)
    monkeypatch.setenv("CLAIMSDB_MATCH_ENCODE_THREAD", "0")
    monkeypatch.setattr(encoder, "encode", lambda texts: depth.append(len(connection.atomic_blocks)) or fake(texts))
    library(2)
    outside = len(connection.atomic_blocks)
    fc = FactCheck.objects.order_by("id").first()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():  # the admin's change view
            fc.claim_reviewed = "The governor cut the school budget twice"
            factchecks.save_edited(fc)
        claim = Claim.objects.filter(kind="quote").first()
        review.apply_review(claim, editor, status=Claim.Status.CHECKED, verdict=Claim.Verdict.FALSE, rationale="No.")
    assert depth and set(depth) == {outside}
    own = FactCheck.objects.get(claim=claim)
    fc.refresh_from_db()
    assert dense.unpack(fc.dense, fc.claim_reviewed, fc.title) is not None
    assert dense.unpack(own.dense, own.claim_reviewed, own.title) is not None


@pytest.mark.django_db
def test_an_editors_save_is_kept_when_the_encoder_fails(encoded, monkeypatch, django_capture_on_commit_callbacks):
    from articles.services import factchecks

    library(2)

    def broken(texts):
        raise RuntimeError("model file unreadable")

    monkeypatch.setattr(encoder, "encode", broken)
    fc = FactCheck.objects.order_by("id").first()
    with django_capture_on_commit_callbacks(execute=True):
        fc.claim_reviewed = "The governor cut the school budget twice"
        factchecks.save_edited(fc)
    fc.refresh_from_db()
    assert fc.claim_reviewed == "The governor cut the school budget twice" and fc.dense is None


@pytest.mark.django_db
def test_rows_saved_in_one_transaction_are_encoded_once_each(encoded, django_capture_on_commit_callbacks):
    # each save schedules its encoding and a refresh; the first refresh already fills the later rows
    from django.db import transaction

    from articles.services import factchecks

    library(4)
    match_index.update()
    match_index.fill_dense()
    assert encoded == [8]
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            for k, fc in enumerate(FactCheck.objects.order_by("id")[:3]):
                fc.claim_reviewed = f"The council closed {k + 2} libraries"
                factchecks.save_edited(fc)
    assert sum(encoded[1:]) == 6  # three rows, two texts each, never twice
    assert match_index.missing_dense() == 0 and match_index.library().dense is not None


@pytest.mark.django_db
def test_a_worker_that_read_the_row_before_its_vectors_were_stored_reads_them_after(encoded, settings,
                                                                                  django_capture_on_commit_callbacks):
    # between the commit and the encoding a worker opens the library with the row pending and no
    # vectors (the fallback weights); once they are stored it must not keep that library until a
    # writer publishes (none runs on commit with CLAIMSDB_MATCH_INDEX_AUTO=0)
    from articles.services import factchecks

    settings.CLAIMSDB_MATCH_INDEX_AUTO = False
    library(6)
    match_index.update()
    match_index.fill_dense()
    fc = FactCheck.objects.order_by("id").first()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        fc.claim_reviewed = "The governor cut the school budget twice"
        factchecks.save_edited(fc)
    assert match_index.library().dense is None  # in the window
    assert _encoding(callbacks) == []
    lib = match_index.library()
    assert lib.dense is not None
    np.testing.assert_allclose(np.asarray(lib.dense["claim"][[_at(lib, fc)]])[0],
                               fake_encode(["The governor cut the school budget twice"])[0], atol=2e-3)


def _three_segments_built(monkeypatch):
    """A build of three segments sharing their graphs, without the encoder's vectors: (index, its
    build's folder)."""
    import functools

    monkeypatch.setattr(match_index, "CHUNK", 4)  # three segments
    monkeypatch.setattr(store, "build_generation", functools.partial(store.build_generation, ann_min=0))
    monkeypatch.setattr(index_build, "DENSE_ANN_MIN", 0)
    library(12)
    match_index.update()
    root = match_index.index_dir()
    manifest = store.read_manifest(root)
    assert len(manifest["segments"]) == 3 and manifest["ann"]
    return root, root / manifest["ann"][0]["folder"]


@pytest.mark.django_db
def test_the_fill_gives_a_builds_segments_one_graph_a_view_before_publishing_them(encoded, monkeypatch):
    root, group = _three_segments_built(monkeypatch)
    publish, seen = store.publish, []

    def graphs_first(root, manifest):  # no reader may map the vectors before their graph exists
        seen.append(all((group / f"dense-ann.{v}.usearch").exists() for v in dense.VIEWS))
        return publish(root, manifest)

    monkeypatch.setattr(store, "publish", graphs_first)
    assert match_index.fill_dense()["rows"] == 12
    assert seen == [True]
    assert all((group / f"dense-ann.{v}.usearch").exists() for v in dense.VIEWS)
    assert not list(root.glob("seg-*/dense-ann.*")) and not list(group.glob("*.tmp"))
    lib = match_index.library()
    assert [(lo, hi) for lo, hi, a in lib.dense["claim"].blocks if a is not None] == [(0, 3)]
    first = FactCheck.objects.order_by("id").first()
    q = fake_encode([first.claim_reviewed])[0]
    assert int(np.argmax(lib.dense["claim"] @ q)) == 0


@pytest.mark.django_db
def test_a_fill_whose_builds_folder_is_collected_meanwhile_still_completes(encoded, monkeypatch):
    # the build's graph is made outside the write lock: a compaction and its collection may remove the
    # build's folder meanwhile; the fill goes on (the next build has its own graph), it does not fail
    root, group = _three_segments_built(monkeypatch)
    build = index_build.build_dense_ann

    def collected_first(folder, *args, **kwargs):
        shutil.rmtree(folder)
        return build(folder, *args, **kwargs)

    monkeypatch.setattr(index_build, "build_dense_ann", collected_first)
    assert match_index.fill_dense()["rows"] == 12
    assert not group.exists() and not list(root.glob("seg-*/dense-fill.*"))


@pytest.mark.django_db(transaction=True)
def test_the_querys_encoding_thread_never_touches_the_database(encoded, monkeypatch):
    # review rv24: a connection opened in dense.query_later's thread would be Django's per-thread one,
    # outside the request's transaction and never closed by its end-of-request signal
    from django.db.backends.base.base import BaseDatabaseWrapper

    from articles.services import matching

    library(6)
    match_index.update()
    match_index.fill_dense()
    monkeypatch.setenv("CLAIMSDB_MATCH_ENCODE_THREAD", "1")
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(dense, "_quota", lambda: None)
    used, threads = [], []
    connect = BaseDatabaseWrapper.ensure_connection
    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection",
                        lambda self: used.append(threading.current_thread().name) or connect(self))
    fake = encoder.encode
    monkeypatch.setattr(encoder, "encode", lambda texts: threads.append(threading.current_thread().name) or fake(texts))
    assert matching.match_text("The governor cut the school budget twice", limit=3)
    assert threads and all(t.startswith("claimsdb-encode") for t in threads)  # the thread did encode
    assert used and not any(t.startswith("claimsdb-encode") for t in used)
