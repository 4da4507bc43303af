"""The match index's layout at library scale (articles/matching/store.py): what a segment keeps on
disk and how compactly, read back as the same values; ranks counted without a full sort."""
import numpy as np
import pytest
from usearch.index import ScalarKind

from articles.matching import ann, index_build, ranker, semantic, store
from tests.matching.test_store import QUERIES, build, entries, same


def _exact_vectors_read_back(lib, es):
    for j, view in enumerate(ranker.VIEWS):
        want = np.stack([e.vectors[j] for e in es]).astype(np.float16)
        rows = lib.vectors[view]
        # bit for bit what the float16 array beside the index held before
        assert np.array_equal(rows[np.arange(len(es))].astype(np.float16), want)
        assert np.array_equal(rows[7].astype(np.float16), want[7])
        assert np.allclose(rows @ want[3].astype(np.float32), want.astype(np.float32) @ want[3].astype(np.float32),
                           atol=1e-5)


def test_a_generation_with_float16_graphs_keeps_its_vectors_there_only(tmp_path, monkeypatch):
    monkeypatch.setattr(index_build, "ANN_DTYPE", "f16")
    es = entries(120)
    manifest = build(tmp_path, es, ann_min=0)
    seg = tmp_path / manifest["segments"][0]
    assert not any((seg / f"vec.{v}.npy").exists() for v in ranker.VIEWS)
    lib = store.open_generation(tmp_path, manifest)
    assert isinstance(lib.blocks[0]["both"][0], store.AnnRows) and lib.blocks[0]["both"][1].dtype == ScalarKind.F16
    _exact_vectors_read_back(lib, es)


def test_a_generation_searches_int8_graphs_and_reads_exact_cosines_from_its_int8_codes(tmp_path, monkeypatch):
    monkeypatch.setattr(index_build, "ANN_DTYPE", "i8")
    es = entries(120)
    manifest = build(tmp_path, es, ann_min=0)
    seg = tmp_path / manifest["segments"][0]
    assert manifest["format"] == index_build.FORMAT and not any((seg / f"vec.{v}.npy").exists() for v in ranker.VIEWS)
    assert all(np.load(seg / f"q8.{v}.npy").dtype == np.int8 for v in (*ranker.VIEWS, "weighted"))
    assert not (seg / "weighted.npy").exists()
    assert manifest["ann"] == [{"folder": "ann-000001", "first": 0, "segments": 1}]
    # one graph, the joint view's, searched for every view
    assert sorted(p.name for p in (tmp_path / "ann-000001").glob("ann.*")) == ["ann.both.usearch"]
    lib = store.open_generation(tmp_path, manifest)
    assert all(lib.blocks[0][v][1].dtype == ScalarKind.I8 for v in ranker.VIEWS)
    assert all(lib.blocks[0][v][1] is lib.blocks[0]["both"][1] for v in ranker.VIEWS)
    for j, view in enumerate(ranker.VIEWS):
        want = np.stack([e.vectors[j] for e in es]).astype(np.float32)
        rows = lib.vectors[view]
        # each component within half a step of its row's scale, each cosine within 0.002
        assert np.all(np.abs(rows[np.arange(len(es))] - want) <= np.abs(want).max(axis=1, keepdims=True) / 254 + 1e-6)
        assert np.allclose(rows[7], rows[[7]][0]) and np.allclose(rows @ want[3], want @ want[3], atol=2e-3)
    mem = ranker.Library(es)  # float32 vectors, exact cosines
    for q in QUERIES + [es[42].claim]:
        assert lib.match(q, 1)[0].id == mem.match(q, 1)[0].id


def test_the_joint_graph_is_searched_once_a_query_to_its_depth_and_every_view_gets_exact_cosines(tmp_path,
                                                                                                 monkeypatch):
    monkeypatch.setattr(index_build, "ANN_DTYPE", "i8")
    monkeypatch.setattr(index_build, "ANN_JOINT_TOP", 50)
    es = entries(120)
    lib = store.open_generation(tmp_path, build(tmp_path, es, ann_min=0))
    graph = lib.blocks[0]["both"][1]
    calls = []

    class Counted:  # the mapped graph's own search, counted
        def search(self, q, k, threads=1):
            calls.append(k)
            return graph.search(q, k, threads=threads)

    counted = Counted()
    lib.blocks[0] = {v: (rows, counted) for v, (rows, _) in lib.blocks[0].items()}
    q = es[42].vectors[1].astype(np.float32)
    got = lib.cosines(q)
    assert calls == [50]  # one search for the three views, to the joint depth
    found = np.asarray(graph.search(q, 50, threads=1).keys, dtype=np.int64)
    for view in ranker.VIEWS:
        exact = lib.vectors[view][found] @ q
        assert np.allclose(got[view][found], exact)  # every view's exact cosines of the rows found
        rest = np.setdiff1d(np.arange(len(es)), found)
        assert np.all(got[view][rest] < exact.min())  # the others under them


def test_a_format_6_generation_with_a_graph_a_view_still_answers(tmp_path, monkeypatch):
    monkeypatch.setattr(index_build, "ANN_DTYPE", "i8")
    es = entries(120)
    manifest = build(tmp_path, es, ann_min=0)
    for view in ("claim", "title"):  # format 6's layout: the other views' own graphs beside the joint one
        index_build._save_ann(tmp_path / "ann-000001" / f"ann.{view}.usearch",
                              index_build._stored_vectors(tmp_path / manifest["segments"][0], view), dtype="i8")
    store.publish(tmp_path, {**manifest, "format": 6})
    lib = store.open_generation(tmp_path, store.read_manifest(tmp_path))
    graphs = [lib.blocks[0][v][1] for v in ranker.VIEWS]
    assert len({id(g) for g in graphs}) == 3 and all(g.dtype == ScalarKind.I8 for g in graphs)
    mem = ranker.Library(es)
    for q in QUERIES + [es[42].claim]:
        assert lib.match(q, 1)[0].id == mem.match(q, 1)[0].id


def test_int8_codes_of_a_shared_index_are_gathered_by_pread_as_the_mapping_gives_them(tmp_path, monkeypatch):
    # a gather through the mapping faults in the pages around every row (a whole file resident in
    # each worker at 300,000 rows); read by pread, the same values
    monkeypatch.setattr(index_build, "ANN_DTYPE", "i8")
    es = entries(120)
    manifest = build(tmp_path, es, ann_min=0)
    lib = store.open_generation(tmp_path, manifest)
    reads = []
    for name in (*ranker.VIEWS, "weighted"):
        rows = lib.weighted if name == "weighted" else lib.vectors[name]
        part = rows.parts[0] if name == "weighted" else rows.parts[0].parts[0]  # a view: a block's rows
        assert isinstance(part, store.Int8Rows) and part.read is not None
        real = part.read
        monkeypatch.setattr(part, "read", lambda pos, real=real: reads.append(len(pos)) or real(pos))
        pos = np.asarray([3, 99, 0, 42, 42, 119])
        mapped = part.codes[pos].astype(np.float32) * part.scales[pos, None]
        assert np.array_equal(rows[pos], mapped)
    assert reads == [6, 6, 6, 6]
    mem = ranker.Library(es)
    for q in QUERIES + [es[42].claim]:
        assert lib.match(q, 1)[0].id == mem.match(q, 1)[0].id


def test_a_format_5_generation_with_float16_vectors_beside_int8_graphs_still_answers(tmp_path, monkeypatch):
    monkeypatch.setattr(index_build, "ANN_DTYPE", "i8")
    es = entries(120)
    manifest = build(tmp_path, es, ann_min=0)
    seg = tmp_path / manifest["segments"][0]
    for j, view in enumerate(ranker.VIEWS):  # format 5's layout: float16 vectors, no codes
        np.save(seg / f"vec.{view}.npy", np.stack([e.vectors[j] for e in es]).astype(np.float16))
        (seg / f"q8.{view}.npy").unlink()
        (seg / f"q8s.{view}.npy").unlink()
    store.publish(tmp_path, {**manifest, "format": 5})
    lib = store.open_generation(tmp_path, store.read_manifest(tmp_path))
    assert all(lib.blocks[0][v][1].dtype == ScalarKind.I8 for v in ranker.VIEWS)
    _exact_vectors_read_back(lib, es)
    assert lib.match(es[42].claim, 1)[0].id == es[42].id


def test_int8_codes_round_to_the_nearest_step_of_each_rows_scale():
    rng = np.random.default_rng(3)
    vec = rng.normal(size=(50, semantic.DIM)).astype(np.float32)
    vec[4] = 0.0  # an empty text's vector
    codes, scales = ann.quantize(vec)
    assert codes.dtype == np.int8 and np.abs(codes).max(axis=1)[np.arange(50) != 4].min() == 127
    rows = store.Int8Rows(codes, scales)
    assert np.all(np.abs(rows[np.arange(50)] - vec) <= scales[:, None] / 2 + 1e-6) and not rows[4].any()
    q = vec[9] / np.linalg.norm(vec[9])
    assert np.allclose(rows @ q, rows[np.arange(50)] @ q, atol=1e-5) and len(rows) == 50


def test_a_format_4_generation_keeping_its_vectors_in_the_index_only_still_answers(tmp_path, monkeypatch):
    monkeypatch.setattr(index_build, "ANN_DTYPE", "i8")
    es = entries(120)
    manifest = build(tmp_path, es, ann_min=0)
    # a format 4 build: float16 graphs holding the vectors, none beside them
    for j, view in enumerate(ranker.VIEWS):
        vec = [np.stack([e.vectors[j] for e in es]).astype(np.float16)]
        index_build._save_ann(tmp_path / "ann-000001" / f"ann.{view}.usearch", vec)
        for s in manifest["segments"]:
            (tmp_path / s / f"q8.{view}.npy").unlink()
            (tmp_path / s / f"q8s.{view}.npy").unlink()
    store.publish(tmp_path, {**manifest, "format": 4})
    lib = store.open_generation(tmp_path, store.read_manifest(tmp_path))
    assert isinstance(lib.blocks[0]["both"][0], store.AnnRows) and lib.blocks[0]["both"][1].dtype == ScalarKind.F16
    _exact_vectors_read_back(lib, es)
    assert lib.match(es[42].claim, 1)[0].id == es[42].id


def test_an_exact_segment_keeps_float32_vectors_and_answers_as_before(tmp_path):
    es = entries(80)
    lib = store.open_generation(tmp_path, build(tmp_path, es))
    assert lib.vectors["both"].parts[0].dtype == np.float32
    mem = ranker.Library(es)
    for q in QUERIES:
        same(lib.match(q, 5), mem.match(q, 5))


def test_postings_and_token_ids_are_stored_narrow_and_read_back_unchanged(tmp_path):
    es = entries(300)
    manifest = build(tmp_path, es)
    seg = store.Segment(tmp_path / manifest["segments"][0])
    for name in store.LEXICAL:
        assert seg[f"{name}.docs"].dtype == np.uint16  # positions below 65,536 rows
        assert seg[f"{name}.tf"].dtype == np.uint8
        assert seg[f"{name}.offsets"].dtype.itemsize <= 4
    assert seg["tokens.ids"].dtype == np.uint16
    lib = store.open_generation(tmp_path, manifest)
    mem = ranker.Library(es)
    texts = [ranker.entry_texts(e.claim, e.title)[2] for e in es]
    assert all(np.array_equal(lib.tokens[i], t) for i, t in enumerate(semantic.token_ids(texts)))
    for q in QUERIES:
        words = store.text.words(store.text.clean_query(q))
        assert np.allclose(lib.bm25["both"].scores(words), mem.bm25["both"].scores(words), atol=1e-5)


def test_the_narrowest_type_holds_the_largest_value():
    assert store._uint_for(0) == np.uint8 and store._uint_for(255) == np.uint8
    assert store._uint_for(256) == np.uint16 and store._uint_for(65_536) == np.uint32
    docs = [["a", "b", "a"], ["b"] * 300, []]
    p = index_build._postings(docs)
    assert p["tf"].dtype == np.uint16 and sorted(p["tf"].tolist()) == [1, 2, 300]
    assert p["offsets"].tolist() == [0, 1, 3] or p["offsets"].tolist() == [0, 2, 3]


def test_positions_find_live_rows_by_id_without_a_dict(tmp_path):
    es = entries(50)
    manifest = build(tmp_path, es)
    lib = store.open_generation(tmp_path, {**manifest, "dead": [4]})
    assert lib.positions([es[9].id, es[30].id]) == {9, 30}
    assert lib.positions([es[4].id]) == set()  # tombstoned
    assert lib.positions([999_999]) == set() and lib.positions([]) == set()
    assert not hasattr(lib, "_position")


def test_ranks_count_the_entries_above_without_sorting_them_all():
    rng = np.random.default_rng(5)
    for trial in range(300):
        n = int(rng.integers(1, 400))
        s = (rng.choice([0.0, 0.5, 1.0, np.nan, -2.0], n) if trial % 2 else rng.normal(size=n)).astype(np.float32)
        v = s[rng.integers(0, n, 9)]
        ordered = np.sort(s)
        assert np.array_equal(ranker._rank(s, v), len(ordered) - np.searchsorted(ordered, v, side="right"))
    assert ranker._rank(np.ones(3, np.float32), np.zeros(0, np.float32)).shape == (0,)


def test_the_token_vectors_are_mapped_from_files_beside_the_index_with_the_same_values(tmp_path, monkeypatch):
    texts = ["The tax rose by 5 percent in 2020.", "Vaccines cause autism"]
    want_embed, want_unit = semantic.embed(texts), semantic.unit_token_vectors().copy()
    ids = semantic.token_ids(texts[:1])[0]
    want_weighted = semantic.weighted_vector(ids, np.ones(len(want_unit), np.float32))
    model = semantic.model()
    monkeypatch.setattr(model, "embedding", model.embedding)  # put back after the test
    monkeypatch.setattr(semantic, "_shared", {})
    store.open_generation(tmp_path, build(tmp_path, entries(20)))
    assert sorted(p.name.rsplit("-", 1)[1] for p in tmp_path.glob("wordllama-*.npy")) == ["embedding.npy", "unit.npy"]
    assert isinstance(semantic.unit_token_vectors().base, np.memmap)
    assert np.array_equal(semantic.embed(texts), want_embed)
    assert np.array_equal(semantic.unit_token_vectors(), want_unit)
    assert np.array_equal(semantic.weighted_vector(ids, np.ones(len(want_unit), np.float32)), want_weighted)


def test_ranks_of_many_positive_scores_are_counted_by_their_bits_exactly():
    # BM25's positive scores past 8,192 entries above the lowest value: counted per bin, not sorted
    rng = np.random.default_rng(8)
    for trial in range(60):
        n = int(rng.integers(9_000, 60_000))
        s = np.zeros(n, np.float32)
        m = int(rng.integers(8_500, n))
        s[rng.choice(n, m, replace=False)] = np.round(rng.exponential(3, m), int(rng.integers(1, 7)))
        if trial % 3 == 0:
            s[rng.choice(n, 50)] = np.nan
        v = np.concatenate([s[rng.integers(0, n, 150)], np.float32([0.0, -0.0, 1e-30, np.inf])]).astype(np.float32)
        ordered = np.sort(s)
        assert np.array_equal(ranker._rank(s, v), len(ordered) - np.searchsorted(ordered, v, side="right"))


def test_the_top_of_a_large_list_is_the_top_of_the_whole_list():
    rng = np.random.default_rng(9)
    for trial in range(40):
        n = int(rng.choice([100, 5_000, 60_000]))
        if trial % 3 == 0:
            s = rng.normal(size=n).astype(np.float32)
        elif trial % 3 == 1:  # mostly zeros, as BM25
            s = np.zeros(n, np.float32)
            m = int(rng.integers(0, n // 4))
            s[rng.choice(n, m, replace=False)] = rng.random(m)
        else:
            s = np.round(rng.random(n) * 3).astype(np.float32)  # ties
        k = min(40, n - 1)
        want = np.sort(s[np.argpartition(-s, k)[:k + 1]])
        got = ranker._top(s, k)
        assert len(set(got.tolist())) == k + 1 and np.array_equal(np.sort(s[got]), want)


def test_soft_matching_every_candidate_at_once_equals_one_at_a_time():
    rng = np.random.default_rng(10)
    size = len(semantic.unit_token_vectors())
    weights = rng.random(size).astype(np.float32)
    weights[:20] = 0.0
    for trial in range(30):
        pool = size if trial % 2 else 40  # small pools: shared tokens, zero weights
        q = np.unique(rng.integers(0, pool, rng.integers(0, 20)))
        docs = [np.unique(rng.integers(0, pool, rng.integers(0, 25))) for _ in range(rng.integers(1, 60))]
        one = np.asarray([semantic.soft_match(q, d, weights) for d in docs], dtype=np.float32).reshape(-1, 2)
        assert np.allclose(semantic.soft_match_many(q, docs, weights), one, atol=1e-5)


def test_a_segment_removed_between_its_mapping_and_its_pread_descriptors_still_opens(tmp_path, monkeypatch):
    # a collection may remove a just-old generation's segment after its arrays are mapped and before
    # the descriptors for pread open: the mapping (alive past the unlink) then serves the rows
    monkeypatch.setattr(index_build, "ANN_DTYPE", "i8")
    es = entries(120)
    manifest = build(tmp_path, es, ann_min=0)
    real = store._RowFile.__init__

    def removed_first(self, path):
        path.unlink()
        real(self, path)

    monkeypatch.setattr(store._RowFile, "__init__", removed_first)
    lib = store.open_generation(tmp_path, manifest)
    assert lib.weighted.parts[0].read is None
    mem = ranker.Library(es)
    for q in QUERIES + [es[42].claim]:
        assert lib.match(q, 1)[0].id == mem.match(q, 1)[0].id


def test_int8_codes_read_by_pread_index_as_the_mapping_does_at_the_ends(tmp_path, monkeypatch):
    # a negative position counts from the end, as the mapped array's does; past the end is an
    # IndexError (a raw offset would have read the .npy header's bytes as a row, or a short one)
    monkeypatch.setattr(index_build, "ANN_DTYPE", "i8")
    manifest = build(tmp_path, entries(120), ann_min=0)
    part = store.open_generation(tmp_path, manifest).weighted.parts[0]
    assert part.read is not None
    pos = np.asarray([-1, -120, 0])
    assert np.array_equal(part[pos], part.codes[pos].astype(np.float32) * part.scales[pos, None])
    for bad in ([120], [-121]):
        with pytest.raises(IndexError):
            part.read(np.asarray(bad))
