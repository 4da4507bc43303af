"""The sentence encoder's vectors in the index on disk: written with the rows that carry them, read
as the in-memory library reads them, none for a segment with a row lacking them; and a model that
scores them falls back to its fallback weights where the library has none (no Django)."""
import hashlib

import numpy as np
import pytest

from articles.matching import dense, encoder, index_build, ranker, store

CHECKS = [("The governor cut spending on universities by a third.", "Education cuts"),
          ("A shark swam down a flooded street after the storm.", "Storm photo"),
          ("The city's murder rate is the highest in its history.", "Crime record"),
          ("The mayor doubled the price of bus tickets.", "Fares")]


def fake_encode(texts):
    """Deterministic unit vectors by the text (no model needed)."""
    out = np.zeros((len(texts), encoder.DIM), dtype=np.float32)
    for i, t in enumerate(texts):
        seed = int.from_bytes(hashlib.blake2b(t.encode(), digest_size=4).digest(), "little")
        v = np.random.default_rng(seed).standard_normal(encoder.DIM)
        out[i] = v / np.linalg.norm(v)
    return out


@pytest.fixture
def fake_encoder(monkeypatch):
    monkeypatch.setattr(encoder, "encode", fake_encode)
    monkeypatch.setattr(encoder, "available", lambda: True)


def rows(with_dense=True, skip=()):
    vecs = ranker.vectors_many(CHECKS)
    dv = dense.many(CHECKS)
    return [store.Row(i + 1, c, t, vecs[i], 0, dense=dv[i] if with_dense and i not in skip else None)
            for i, (c, t) in enumerate(CHECKS)]


def open_built(tmp_path, rs):
    store.build_generation(tmp_path, 1, lambda: iter([rs]))
    return store.open_generation(tmp_path, store.read_manifest(tmp_path))


def test_the_stored_vectors_answer_as_the_in_memory_library(tmp_path, fake_encoder):
    rs = rows()
    lib = open_built(tmp_path, rs)
    assert (tmp_path / "seg-000001-000" / "dense.claim.npy").exists()
    assert np.load(tmp_path / "seg-000001-000" / "dense.title.npy").dtype == np.float16
    mem = ranker.Library([ranker.Entry(r.id, r.claim, r.title, r.vectors, dense=r.dense) for r in rs])
    query = "Universities lost a third of their money under the governor."
    c1, x1 = lib.features(query, 3)
    c2, x2 = mem.features(query, 3)
    cols = [ranker.FEATURES.index(f) for f in dense.FEATURES]
    np.testing.assert_array_equal(c1, c2)
    np.testing.assert_allclose(x1[:, cols], x2[:, cols], atol=1e-4)
    assert np.abs(x1[:, cols]).sum() > 0


def test_a_segment_with_a_row_lacking_them_keeps_none_until_they_are_written(tmp_path, fake_encoder):
    lib = open_built(tmp_path, rows(skip={2}))
    folder = tmp_path / "seg-000001-000"
    assert lib.dense is None and not list(folder.glob("dense.*"))
    index_build.write_dense(folder, dense.many(CHECKS))
    lib = store.open_generation(tmp_path, store.read_manifest(tmp_path))
    assert lib.dense is not None and lib.dense["claim"][[0, 3]].shape == (2, encoder.DIM)


def _model(features, fallback=None):
    n = len(features)
    data = {"version": "t", "features": features, "mean": [0.0] * n, "scale": [1.0] * n, "weights": [1.0] * n,
            "calibration": [1.0, 0.0]}
    return ranker.MatchModel({**data, **({"fallback": fallback.to_json()} if fallback else {})})


def test_a_dense_model_scores_with_its_fallback_where_the_library_has_no_vectors(tmp_path, fake_encoder):
    plain = _model(["bm25_both_rel"])
    model = _model(["bm25_both_rel", "dense_claim_gap"], plain)
    assert model.dense and not plain.dense
    without = open_built(tmp_path / "a", rows(with_dense=False))
    with_them = open_built(tmp_path / "b", rows())
    assert model.for_library(without) is model.fallback and model.for_library(with_them) is model
    assert plain.for_library(without) is plain
    assert ranker.MatchModel(model.to_json()).fallback.features == ["bm25_both_rel"]  # kept in the file


def test_without_the_encoder_installed_the_fallback_scores(tmp_path, fake_encoder, monkeypatch):
    lib = open_built(tmp_path, rows())
    model = _model(["dense_claim_gap"], _model(["bm25_both_rel"]))
    monkeypatch.setattr(encoder, "available", lambda: False)
    assert model.for_library(lib) is model.fallback


def test_stored_vectors_are_read_only_for_the_wording_they_were_made_from(fake_encoder):
    v = dense.many([("The mayor doubled bus fares", "Bus fares")])[0]
    blob = dense.pack("The mayor doubled bus fares", "Bus fares", v)
    np.testing.assert_array_equal(dense.unpack(blob, "The mayor doubled bus fares", "Bus fares"), v)
    assert dense.unpack(blob, "The mayor tripled bus fares", "Bus fares") is None
    assert dense.unpack(blob, "The mayor doubled bus fares", "") is None
    assert dense.unpack(None, "x", "") is None and dense.unpack(b"", "x", "") is None
    assert dense.unpack(blob[:-2], "The mayor doubled bus fares", "Bus fares") is None


def test_stale_temp_files_of_dead_processes_are_removed_and_a_read_only_index_is_left_alone(tmp_path, monkeypatch):
    import os
    import subprocess
    import sys

    seg = tmp_path / "seg-000001-000"
    seg.mkdir()
    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True).stdout)
    space = index_build.temp_owner().split(".")[0]
    stale, mine, other = seg / f"dense-fill.{space}.{dead}.tmp", seg / f"dense-fill.{space}.{os.getpid()}.tmp", seg / "ids.npy"
    for p in (stale, mine, other):
        p.write_text("x")
    real = type(stale).unlink

    def refused(self, missing_ok=False):
        raise PermissionError(13, "read-only")

    monkeypatch.setattr(type(stale), "unlink", refused)
    assert store.remove_stale_temp(tmp_path) == [] and stale.exists()  # never fails the reader
    monkeypatch.setattr(type(stale), "unlink", real)
    assert store.remove_stale_temp(tmp_path) == [stale]
    assert not stale.exists() and mine.exists() and other.exists()


def test_a_temp_file_of_another_machine_or_container_is_never_removed(tmp_path):
    # a fill in another container (its own pid numbering) or on another machine sharing the index:
    # that its pid is no live process here says nothing about it
    import os
    import subprocess
    import sys

    seg = tmp_path / "seg-000001-000"
    seg.mkdir()
    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True).stdout)
    space = index_build.temp_owner().split(".")[0]
    elsewhere = "0" * len(space) if space != "0" * len(space) else "1" * len(space)
    theirs = [seg / f"dense-fill.{elsewhere}.{dead}.tmp", seg / f"dense-ann.claim.{elsewhere}.{dead}.tmp"]
    ours = [seg / f"dense-fill.{space}.{dead}.tmp", seg / f"dense-ann.title.{space}.{dead}.tmp"]
    for p in theirs + ours:
        p.write_text("x")
    assert sorted(store.remove_stale_temp(tmp_path)) == sorted(ours)
    assert all(p.exists() for p in theirs) and not any(p.exists() for p in ours)
    assert index_build.temp_owner() == f"{space}.{os.getpid()}"


def test_two_wordings_never_share_a_key_through_the_separator(fake_encoder):
    # the texts are joined with a separator an import or a form may let through
    a, b = ("Taxes rose\x1fby half", "Budget"), ("Taxes rose", "by half\x1fBudget")
    assert dense.key(*a) != dense.key(*b)
    assert dense.unpack(dense.pack(*a, dense.many([a])[0]), *b) is None


@pytest.mark.parametrize("sizes", [[1], [2], [511], [512], [513], [1025], [16_385], [16_384 * 2 + 1], [3, 513, 700]])
def test_the_float16_rows_cosines_in_small_blocks_are_dense_matmuls_bit_for_bit(sizes):
    # every size where a block of one row could differ: numpy's product of one row is a dot product
    rng = np.random.default_rng(sum(sizes))
    parts = [rng.standard_normal((n, 384)).astype(np.float16) for n in sizes]
    for _ in range(3):
        q = rng.standard_normal(384).astype(np.float32)
        assert np.array_equal(store._matmul16(parts, q), dense.matmul(parts, q))


def test_float16_rows_multiplied_whole_are_kept_as_float32_with_the_same_cosines(monkeypatch):
    # a library under ANN_MIN multiplies every row a query: the cast to float32 was most of it
    rng = np.random.default_rng(4)
    parts = [rng.standard_normal((n, 384)).astype(np.float16) for n in (700, 513, 300)]
    starts = np.cumsum([0, 700, 513, 300])
    monkeypatch.setattr(store, "_F32_ROWS", 1_300)  # the first two parts kept, not the third
    rows = store.Rows([p.copy() for p in parts], starts, np.zeros(starts[-1], bool), -1.0)
    q = rng.standard_normal(384).astype(np.float32)
    want = store._matmul16(parts, q)
    assert np.array_equal(rows @ q, want)
    assert sorted(rows._f32) == [0, 1] and all(a.dtype == np.float32 for a in rows._f32.values())
    # the kept parts are read from their copy: a change to the float16 rows no longer shows there
    for p in rows.parts:
        p[:] = 0
    got = rows @ q
    assert np.array_equal(got[:1_213], want[:1_213]) and not got[1_213:].any()
