"""The approximate index of the encoder's vectors past DENSE_ANN_MIN rows a segment: written with the
segment (or by the fill), searched for the best rows, and every candidate's exact cosines put back in
its features (no Django)."""
import gc
import os
import random
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from articles.matching import dense, index_build, ranker, store
from tests.matching.test_dense_store import fake_encode

WORDS = ("governor budget taxes school teachers border wall vaccine crime police wages oil prices "
         "mayor bus fares storm flood shark river bridge senator vote ballots farmers trade").split()


@pytest.fixture
def fake_encoder(monkeypatch):
    from articles.matching import encoder

    monkeypatch.setattr(encoder, "encode", fake_encode)
    monkeypatch.setattr(encoder, "available", lambda: True)


def library_rows(n=60):
    rnd = random.Random(3)
    pairs = [(" ".join(rnd.choices(WORDS, k=9)).capitalize() + ".", " ".join(rnd.choices(WORDS, k=3)))
             for _ in range(n)]
    vecs, dv = ranker.vectors_many(pairs), dense.many(pairs)
    return [store.Row(i + 1, c, t, vecs[i], 0, dense=dv[i]) for i, (c, t) in enumerate(pairs)]


def built(path, rows, ann_min, monkeypatch):
    monkeypatch.setattr(index_build, "DENSE_ANN_MIN", ann_min)
    store.build_generation(path, 1, lambda: iter([rows]))
    return store.open_generation(path, store.read_manifest(path))


def test_a_large_segment_gets_the_index_and_a_small_one_none(tmp_path, fake_encoder, monkeypatch):
    rows = library_rows(30)
    assert built(tmp_path / "a", rows, 30, monkeypatch).dense["claim"].approximate
    assert (tmp_path / "a" / "seg-000001-000" / "dense-ann.title.usearch").exists()
    assert not built(tmp_path / "b", rows, 31, monkeypatch).dense["claim"].approximate
    assert not list((tmp_path / "b" / "seg-000001-000").glob("dense-ann.*"))


def test_the_search_gives_the_best_rows_exactly_and_candidates_their_exact_cosines(tmp_path, fake_encoder,
                                                                                   monkeypatch):
    rows = library_rows()
    exact = built(tmp_path / "exact", rows, 10**9, monkeypatch)
    approx = built(tmp_path / "ann", rows, 0, monkeypatch)
    monkeypatch.setattr(store, "ANN_TOP", 8)  # a search returns 8 of the 60 rows: most candidates miss it
    q = fake_encode(["Bus fares under the mayor"])[0]
    full, part = exact.dense["claim"] @ q, approx.dense["claim"] @ q
    top = np.argsort(-full)[:5]
    np.testing.assert_allclose(part[top], full[top], atol=1e-6)  # the best rows exactly
    assert (part < full.max()).sum() >= 50  # the rest a value under the found ones
    query = "The mayor doubled the bus fares after the storm."
    c1, x1 = exact.features(query, 20)
    c2, x2 = approx.features(query, 20)
    np.testing.assert_array_equal(c1, c2)
    for name in ("dense_claim_abs", "dense_claim_gap", "dense_title_abs", "dense_title_gap", "rewritten_dense_gap"):
        j = ranker.FEATURES.index(name)
        np.testing.assert_allclose(x2[:, j], x1[:, j], atol=1e-5, err_msg=name)


def test_the_fill_writes_the_index_with_the_vectors(tmp_path, fake_encoder, monkeypatch):
    rows = [store.Row(r.id, r.claim, r.title, r.vectors, 0) for r in library_rows(25)]  # no encoder vectors
    lib = built(tmp_path, rows, 20, monkeypatch)
    assert lib.dense is None
    folder = tmp_path / "seg-000001-000"
    index_build.write_dense(folder, dense.many([(r.claim, r.title) for r in rows]))
    assert (folder / "dense-ann.claim.usearch").exists()
    assert store.open_generation(tmp_path, store.read_manifest(tmp_path)).dense["title"].approximate


def test_warm_loads_the_encoder_for_a_model_that_scores_its_cosines(monkeypatch):
    from articles.matching import encoder

    loaded = []
    monkeypatch.setattr(encoder, "encoder", lambda: loaded.append(1))
    store.warm()
    assert loaded == ([1] if ranker.default_model().dense else [])


class _Found:
    def __init__(self, keys):
        self.keys = keys


class _MissingOne:
    """A search that returns the best rows but one (an approximate search's recall is under 1)."""

    def __init__(self, vectors, missed, k=8):
        self.vectors, self.missed, self.k = np.asarray(vectors, dtype=np.float32), missed, k

    def search(self, q, count, threads=1):
        order = np.argsort(-(self.vectors @ np.asarray(q, dtype=np.float32)), kind="stable")
        return _Found(np.asarray([i for i in order[:self.k + 1] if i != self.missed][:self.k], dtype=np.uint64))


def test_a_candidate_the_search_missed_gets_the_rank_brute_force_gives_it(tmp_path, fake_encoder, monkeypatch):
    # its own cosine puts it among the rows the search returned, not under all of them
    rows = library_rows()
    exact = built(tmp_path / "exact", rows, 10**9, monkeypatch)
    approx = built(tmp_path / "ann", rows, 0, monkeypatch)
    query = "The mayor doubled the bus fares after the storm."
    c1, x1 = exact.features(query, 20)
    full = exact.dense["claim"] @ fake_encode([ranker.text.clean_query(query)])[0]
    order = np.argsort(-full, kind="stable")
    missed = next(int(p) for p in order[1:6] if p in set(c1.tolist()))  # a near-best candidate
    for view in dense.VIEWS:
        d = approx.dense[view]
        d.blocks = [(0, 1, _MissingOne(np.asarray(d.parts[0]), missed if view == "claim" else -1))]
    c2, x2 = approx.features(query, 20)
    np.testing.assert_array_equal(c1, c2)
    i = int(np.flatnonzero(c1 == missed)[0])
    for name in ("dense_claim_abs", "dense_claim_gap", "dense_claim_rank"):
        j = ranker.FEATURES.index(name)
        assert x2[i, j] == pytest.approx(x1[i, j], abs=1e-5), name
    # and every candidate brute force ranks above it keeps its rank too
    j = ranker.FEATURES.index("dense_claim_rank")
    above = x1[:, j] > x1[i, j]
    np.testing.assert_allclose(x2[above, j], x1[above, j], atol=1e-6)


def test_a_segment_under_the_size_is_written_without_usearch(tmp_path, fake_encoder, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "usearch.index", None)  # not installed: importing it fails
    lib = built(tmp_path, library_rows(30), 10**9, monkeypatch)
    assert lib.dense is not None and not lib.dense["claim"].approximate


def test_a_segment_removed_after_it_was_opened_is_still_read(tmp_path, fake_encoder, monkeypatch):
    # a generation's segments mapped, then the folder removed (a compaction's garbage collection)
    # before the library over them is made: its rows are still read, by the descriptor opened with them
    import shutil

    built(tmp_path, library_rows(30), 0, monkeypatch)
    folder = tmp_path / "seg-000001-000"
    segments = [store.Segment(folder)]
    shutil.rmtree(folder)
    lib = store.StoredLibrary(segments)
    assert lib.dense["claim"].approximate
    c, x = lib.features("The mayor doubled the bus fares after the storm.", 10)
    assert len(c) and np.isfinite(x).all()


def test_a_candidate_past_the_searchs_depth_ranks_at_that_depth(tmp_path, fake_encoder, monkeypatch):
    # not under every row the search did not return (they hold one value under those it did)
    rows = library_rows()
    exact = built(tmp_path / "exact", rows, 10**9, monkeypatch)
    approx = built(tmp_path / "ann", rows, 0, monkeypatch)
    query = "The mayor doubled the bus fares after the storm."
    c1, x1 = exact.features(query, 20)
    for view in dense.VIEWS:
        d = approx.dense[view]
        d.blocks = [(0, 1, _MissingOne(np.asarray(d.parts[0]), -1))]  # the best 8 rows exactly
    c2, x2 = approx.features(query, 20)
    j = ranker.FEATURES.index("dense_claim_rank")
    deep = x1[:, j] < 1 / (1 + 8)  # brute force ranks them past the 8 rows returned
    assert deep.sum() >= 5
    np.testing.assert_allclose(x2[deep, j], 1 / (1 + 8), atol=1e-6)
    np.testing.assert_allclose(x2[~deep, j], x1[~deep, j], atol=1e-6)


def test_a_row_file_reads_its_header_through_the_descriptor_it_serves_rows_from(tmp_path, monkeypatch):
    # Opened twice by path, a compaction removing the file in between failed the library's opening.
    import builtins

    path = tmp_path / "dense.claim.npy"
    np.save(path, np.arange(12, dtype=np.float16).reshape(3, 4))
    real_open = builtins.open

    def no_second_open(file, *args, **kwargs):
        assert str(file) != str(path), "opened by path a second time"
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", no_second_open)
    rows = store._RowFile(path)
    assert rows.read(np.array([2, 0])).tolist() == [[8, 9, 10, 11], [0, 1, 2, 3]]


def built_shared(path, rows, ann_min, monkeypatch, segment_rows=20):
    """A build of several segments sharing one approximate index (``ann_min`` 0 for the WordLlama graphs)."""
    monkeypatch.setattr(index_build, "DENSE_ANN_MIN", ann_min)
    # Graphs added on one thread: the same rows give the same graph, so two builds compared here differ
    # only where the test means them to (on several threads a WordLlama graph's search could differ).
    monkeypatch.setattr(index_build.os, "cpu_count", lambda: 1)
    store.build_generation(path, 1, lambda: iter([rows]), ann_min=0, segment_rows=segment_rows)
    return store.open_generation(path, store.read_manifest(path))


def test_a_builds_segments_get_one_encoder_graph_a_view_over_them_all(tmp_path, fake_encoder, monkeypatch):
    rows = library_rows(60)
    lib = built_shared(tmp_path, rows, 30, monkeypatch)
    assert len(lib.segments) == 3
    group = tmp_path / "ann-000001"
    assert all((group / f"dense-ann.{v}.usearch").exists() for v in dense.VIEWS)
    assert not list(tmp_path.glob("seg-*/dense-ann.*"))  # no graph of a segment's own
    for v in dense.VIEWS:  # one search a view, its keys positions over the three segments
        assert [(lo, hi) for lo, hi, a in lib.dense[v].blocks if a is not None] == [(0, 3)]
    # the best rows exactly, whichever segment holds them, and every candidate's features as brute force's
    exact = built_shared(tmp_path / "exact", rows, 10**9, monkeypatch)
    assert not exact.dense["claim"].approximate
    q = fake_encode(["Bus fares under the mayor"])[0]
    full, part = exact.dense["claim"] @ q, lib.dense["claim"] @ q
    top = np.argsort(-full)[:10]
    assert len({int(np.searchsorted(lib.starts, t, side="right")) for t in top}) > 1
    np.testing.assert_allclose(part[top], full[top], atol=1e-6)
    query = "The mayor doubled the bus fares after the storm."
    c1, x1 = exact.features(query, 20)
    c2, x2 = lib.features(query, 20)
    np.testing.assert_array_equal(c1, c2)
    for name in dense.FEATURES:
        j = ranker.FEATURES.index(name)
        np.testing.assert_allclose(x2[:, j], x1[:, j], atol=1e-5, err_msg=name)


def test_a_builds_segments_under_the_size_get_no_encoder_graph(tmp_path, fake_encoder, monkeypatch):
    lib = built_shared(tmp_path, library_rows(60), 61, monkeypatch)
    assert not list(tmp_path.glob("**/dense-ann.*")) and not lib.dense["claim"].approximate


def test_a_group_graph_serves_only_while_every_segment_has_the_vectors(tmp_path, fake_encoder, monkeypatch):
    # an older layout (a graph a segment) and a group without the graph still answer, segment by segment
    rows = library_rows(60)
    built_shared(tmp_path, rows, 30, monkeypatch)
    manifest = store.read_manifest(tmp_path)
    for v in dense.VIEWS:
        (tmp_path / "ann-000001" / f"dense-ann.{v}.usearch").unlink()
    lib = store.open_generation(tmp_path, manifest)
    assert all(a is None for _, _, a in lib.dense["claim"].blocks) and len(lib.dense["claim"].blocks) == 3
    monkeypatch.setattr(index_build, "DENSE_ANN_MIN", 0)
    for s in manifest["segments"]:
        index_build.write_dense_ann(tmp_path / s)
    lib = store.open_generation(tmp_path, manifest)
    assert [(lo, hi) for lo, hi, a in lib.dense["claim"].blocks if a is not None] == [(0, 1), (1, 2), (2, 3)]


def test_a_segment_searched_by_brute_force_holds_no_row_descriptors(tmp_path, fake_encoder, monkeypatch):
    # rows read by pread serve a graph's candidates only: a segment without one (its own or its
    # build's) keeps no descriptor of its vectors' files beside the mapping's own (2 a segment more)
    rows = library_rows(60)
    exact = built_shared(tmp_path / "exact", rows, 10**9, monkeypatch)
    assert exact.dense is not None and not exact.dense["claim"].approximate
    assert all(s.row_file(v) is None for s in exact.segments for v in dense.VIEWS)
    assert set(_descriptors(tmp_path / "exact").values()) == {1}  # the mapping's
    # a build's graph: every segment it searches reads its rows by pread
    lib = built_shared(tmp_path / "graph", rows, 30, monkeypatch)
    assert all(s.row_file(v) is not None for s in lib.segments for v in dense.VIEWS)
    assert set(_descriptors(tmp_path / "graph").values()) == {2}
    assert len(_descriptors(tmp_path / "graph")) == 6 and exact.segments and lib.segments


def _descriptors(root):
    """The open descriptors of the encoder's vectors' files under ``root``: path -> how many."""
    gc.collect()  # the build's own segments, gone
    out = Counter()
    for fd in os.listdir("/proc/self/fd"):
        try:
            path = Path(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:  # closed meanwhile
            continue
        if path.is_relative_to(root) and path.name.startswith("dense."):
            out[path] += 1
    return out


def test_a_graph_for_a_folder_collected_meanwhile_fails_as_a_missing_file(tmp_path, fake_encoder, monkeypatch):
    # a fill builds a build's graph for minutes outside the write lock: a compaction's collection may
    # remove the build's folder meanwhile, which the fill skips as FileNotFoundError (usearch raises
    # RuntimeError for it)
    built_shared(tmp_path, library_rows(60), 10**9, monkeypatch)
    manifest = store.read_manifest(tmp_path)
    gone = tmp_path / "ann-gone"
    with pytest.raises(FileNotFoundError):
        index_build.build_dense_ann(gone, [tmp_path / s for s in manifest["segments"]], ann_min=0)
    assert not gone.exists()
