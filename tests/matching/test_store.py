"""The match index on disk (articles/matching/store.py): the same answers as the in-memory library,
across segments and tombstones, with or without the approximate vector search (no Django)."""
import random

import numpy as np
import pytest

from articles.matching import index_build, ranker, semantic, store, text

WORDS = ("vaccine tax border wall climate crime school hospital wage rent election fraud ballot virus mask pension "
         "budget deficit police army island bridge river flood drought fuel price oil gas coal wind Obama Trump "
         "Texas 2020 1969 moon landing studio bleach cures coronavirus Minecraft shut down").split()
CLAIMANTS = ("", "Donald Trump", "Joe Biden", "Ted Cruz", "Facebook posts", "Barack Obama")
CONTEXTS = [ranker.Context(speaker="Donald Trump"), ranker.Context(speaker="Joe Biden", names=("Ted Cruz",)),
            ranker.Context(text="Barack Obama spoke in Texas about the border wall.")]
QUERIES = ["the senator says the border wall costs a fortune", "bleach cures the coronavirus",
           "Obama raised the tax on fuel in Texas in 2020", "moon landing filmed in a studio", "a flood of fraud"]


def entries(n, seed=3, first=1):
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        claim = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(5, 12)))
        out.append(ranker.Entry(first + i, claim.capitalize() + ".", " ".join(rnd.choice(WORDS) for _ in range(4)),
                                claimant=rnd.choice(CLAIMANTS)))
    vecs = ranker.vectors_many([(e.claim, e.title) for e in out])
    return [ranker.Entry(e.id, e.claim, e.title, v, claimant=e.claimant) for e, v in zip(out, vecs, strict=True)]


def rows(es):
    return [store.Row(e.id, e.claim, e.title, e.vectors, 0, claimant=e.claimant) for e in es]


def build(tmp_path, es, ann_min=store.ANN_MIN):
    store.build_generation(tmp_path, 1, lambda: iter([rows(es)]), ann_min=ann_min)
    return store.read_manifest(tmp_path)


def same(a, b, atol=1e-4):
    assert [r.id for r in a] == [r.id for r in b]
    assert [r.subject_conflict for r in a] == [r.subject_conflict for r in b]
    assert np.allclose([r.score for r in a], [r.score for r in b], atol=atol)


def test_one_segment_answers_exactly_as_the_in_memory_library(tmp_path):
    es = entries(300)
    lib = store.open_generation(tmp_path, build(tmp_path, es))
    mem = ranker.Library(es)
    for q in QUERIES + [es[7].claim, es[42].claim]:
        same(lib.match(q, 5), mem.match(q, 5))
    assert lib.match(es[42].claim, 1)[0][0] == es[42].id


def test_the_stored_index_carries_claimants_and_proper_names_for_the_context_features(tmp_path):
    es = entries(300)
    lib = store.open_generation(tmp_path, build(tmp_path, es))
    mem = ranker.Library(es)
    assert [lib.claimants[i] for i in range(len(es))] == mem.claimants
    assert [set(lib.proper[i]) for i in range(len(es))] == [set(p) for p in mem.proper]
    assert any(mem.claimants) and any(not c for c in mem.claimants)
    for ctx in CONTEXTS:
        for q in QUERIES + [es[7].claim]:
            same(lib.match(q, 5, context=ctx), mem.match(q, 5, context=ctx))
            (c1, x1), (c2, x2) = lib.features(q, 40, context=ctx), mem.features(q, 40, context=ctx)
            assert c1.tolist() == c2.tolist()
            ctx_cols = [ranker.FEATURES.index(f) for f in ("context_hit", "claimant_is_speaker", "claimant_named")]
            assert np.array_equal(x1[:, ctx_cols], x2[:, ctx_cols])


def test_a_segment_of_the_older_format_still_answers_without_claimants(tmp_path):
    es = entries(60)
    manifest = build(tmp_path, es)
    seg = tmp_path / manifest["segments"][0]
    for name in ("claimants", "proper"):
        for part in ("blob", "offsets"):
            (seg / f"{name}.{part}.npy").unlink()
    lib = store.open_generation(tmp_path, manifest)
    assert lib.claimants[3] == "" and lib.proper[3] == frozenset()
    assert lib.match(es[42].claim, 1, context=CONTEXTS[0])[0][0] == es[42].id


def test_the_arrays_are_memory_mapped(tmp_path):
    lib = store.open_generation(tmp_path, build(tmp_path, entries(50)))
    vec = lib.vectors["both"].parts[0]
    assert isinstance(vec.base, np.memmap) or isinstance(getattr(vec.base, "base", None), np.memmap)


def test_an_appended_segment_and_tombstones_replace_the_old_rows(tmp_path):
    es = entries(200)
    manifest = build(tmp_path, es)
    lib = store.open_generation(tmp_path, manifest)
    changed = ranker.Entry(es[10].id, "Bananas cure diabetes in two weeks.", "", None)
    added = entries(20, seed=9, first=1000)
    manifest = store.append_generation(tmp_path, manifest, rows([changed] + added), [10], 0, lib.token_idf)
    lib = store.open_generation(tmp_path, manifest)
    assert manifest["generation"] == 2 and manifest["rows"] == 220 and len(manifest["segments"]) == 2
    assert lib.match("bananas cure diabetes", 1)[0][0] == es[10].id
    assert lib.match(es[10].claim, 1)[0][0] != es[10].id  # its old wording matches it no more
    # the result equals a library built from scratch with the same rows (up to the rarity statistics)
    fresh = ranker.Library([e for k, e in enumerate(es) if k != 10] + [changed] + added)
    for q in QUERIES + [added[3].claim]:
        assert lib.match(q, 1)[0][0] == fresh.match(q, 1)[0][0]


def test_a_tombstoned_row_is_never_a_candidate(tmp_path):
    es = entries(60)
    lib = store.open_generation(tmp_path, {**build(tmp_path, es), "dead": [5]})
    assert all(i != es[5].id for i, *_ in lib.match(es[5].claim, 10))


@pytest.mark.parametrize("size", [400])
def test_the_approximate_vector_search_keeps_the_answers(tmp_path, size):
    es = entries(size)
    exact = store.open_generation(tmp_path / "a", build(tmp_path / "a", es))
    ann = store.open_generation(tmp_path / "b", build(tmp_path / "b", es, ann_min=0))
    assert ann.approximate and not exact.approximate
    for q in QUERIES + [es[11].claim, es[99].claim]:
        # The same best answer and the same three, every score within 0.02. Not bit for bit: the graph
        # is built on every core, so two builds differ in which near rows a walk meets (float16 vectors,
        # an approximate walk), and the rank features read the rows around each answer; near-tied
        # answers may then swap places (a one-threaded build would be reproducible and 2.4x slower).
        got, want = ann.match(q, 3), exact.match(q, 3)
        assert got[0].id == want[0].id and {r.id for r in got} == {r.id for r in want}
        scores = {r.id: r.score for r in want}
        assert all(abs(r.score - scores[r.id]) < 2e-2 for r in got)


def test_a_claim_searched_again_with_its_pronouns_people_keeps_its_own_cosines(tmp_path):
    # "you" said to Cruz is searched again as "... Cruz": that second search must not replace the
    # claim's own query vector, which gives its candidates their exact cosines back
    es = entries(400)
    exact = store.open_generation(tmp_path / "a", build(tmp_path / "a", es))
    ann = store.open_generation(tmp_path / "b", build(tmp_path / "b", es, ann_min=0))
    context = ranker.Context(speaker="Donald Trump", addressee="Ted Cruz")
    q = "you raised the tax on fuel in Texas"
    assert context.rewritten(q) != q
    c, x = ann.features(q, 40, context=context)
    qvec = semantic.embed([text.clean_query(q)])[0]
    for view in ranker.VIEWS:
        col = ranker.FEATURES.index(f"cos_{view}_abs")
        assert np.allclose(x[:, col], ann.vectors[view][c] @ qvec, atol=1e-5)
    # The answers hold as in the test above: the approximate side's best is one of the exact top three
    # at the same score; near-tied answers may swap (int8 cosines within ~0.0005, a threaded build).
    got, want = ann.match(q, 1, context=context)[0], exact.match(q, 3, context=context)
    assert got.id in {r.id for r in want} and abs(got.score - want[0].score) < 2e-2


def test_the_segments_of_a_generation_share_one_approximate_index_and_appended_rows_stay_exact(tmp_path):
    es = entries(400)
    parts = [rows(es[:150]), rows(es[150:300]), rows(es[300:])]
    manifest = store.build_generation(tmp_path / "b", 1, lambda: iter(parts), ann_min=0)
    assert manifest["ann"] == [{"folder": "ann-000001", "first": 0, "segments": 3}]
    assert not list((tmp_path / "b").glob("seg-*/ann.*"))
    # int8 codes kept beside int8 graphs for the exact cosines, else the float16 index only
    assert len(list((tmp_path / "b").glob("seg-*/q8.*.npy"))) == (3 * (len(ranker.VIEWS) + 1) if index_build.ANN_DTYPE == "i8" else 0)
    assert not list((tmp_path / "b").glob("seg-*/vec.*.npy"))
    lib = store.open_generation(tmp_path / "b", manifest)
    assert len(lib.blocks) == 1 and lib.approximate  # one search a view over the three segments
    assert np.allclose(lib.vectors["claim"][[10, 200, 399]], np.stack([es[i].vectors[0] for i in (10, 200, 399)]),
                       atol=2e-3)
    exact = store.open_generation(tmp_path / "a", build(tmp_path / "a", es))
    for q in QUERIES + [es[11].claim, es[299].claim, es[333].claim]:
        got, want = lib.match(q, 3), exact.match(q, 3)  # the approximate search's contract (see above)
        assert got[0].id == want[0].id and {r.id for r in got} == {r.id for r in want}
    added = entries(20, seed=9, first=1000)
    manifest = store.append_generation(tmp_path / "b", manifest, rows(added), [5], 0, lib.token_idf)
    lib = store.open_generation(tmp_path / "b", manifest)
    assert len(lib.blocks) == 2 and lib.blocks[1]["both"][1] is None  # the appended segment: exact cosines
    assert lib.match(added[3].claim, 1)[0].id == added[3].id
    assert all(r.id != es[5].id for r in lib.match(es[5].claim, 10))
    # a later build's index replaces this one; the old folder goes with its generations
    store.build_generation(tmp_path / "b", 3, lambda: iter(parts), ann_min=0)
    store.collect_garbage(tmp_path / "b", store.read_manifest(tmp_path / "b"), keep_generations=1)
    assert sorted(p.name for p in (tmp_path / "b").glob("ann-*")) == ["ann-000003"]


def test_a_format_3_generation_with_an_approximate_index_a_segment_still_answers(tmp_path):
    es = entries(300)
    idf = index_build.token_idf(index_build.token_df(index_build.tokens_of(rows(es))), len(es), ranker.default_background())
    names = []
    for k, part in enumerate((es[:150], es[150:])):
        store.write_segment(tmp_path / f"seg-000001-{k:03d}", rows(part), idf, ann_min=0)  # its own index
        names.append(f"seg-000001-{k:03d}")
    manifest = {"generation": 1, "segments": names, "dead": [], "watermark": 0, "rows": 300, "format": 3}
    store.publish(tmp_path, manifest)
    lib = store.open_generation(tmp_path, store.read_manifest(tmp_path))
    assert len(lib.blocks) == 2 and all(b["both"][1] is not None for b in lib.blocks)
    for i in (42, 200):
        assert lib.match(es[i].claim, 1)[0].id == es[i].id
