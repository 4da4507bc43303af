"""A segment's arrays made a block of rows at a time (store.SegmentWriter, issue 23: the import's
memory flat) are the arrays of all its rows at once, and a build reading its rows in small lists
writes the same files as one reading a segment's rows in one list."""
import random
from datetime import date

import numpy as np

from articles.matching import index_build, ranker, semantic, store

WORDS = ("vaccine tax border wall climate crime school hospital wage rent election fraud ballot virus mask pension "
         "budget deficit police army 2020 1969 Obama Texas Trump moon landing bleach").split()


def rows(n, seed=5):
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        # lengths vary widely: the padding id depends on the segment's longest text, not a block's
        claim = " ".join(rnd.choice(WORDS) for _ in range(60 if i == n - 3 else rnd.randint(1, 30)))
        title = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(0, 5)))
        vec = None if i % 9 == 4 else ranker.vectors_many([(claim, title)])[0]
        out.append(store.Row(100 + i, claim.capitalize() + ".", title, vec, 1_000 + i,
                             claimant=rnd.choice(["", "Joe Biden", "Ted Cruz"]),
                             published=date(2020, 1, 1 + i % 28) if i % 4 else None))
    return out


def same_arrays(got: dict, want: dict) -> None:
    assert sorted(got) == sorted(want)
    for key in want:
        assert got[key].dtype == want[key].dtype and got[key].shape == want[key].shape, key
        assert np.array_equal(got[key], want[key]), key


def test_a_segment_made_in_blocks_equals_it_made_at_once(monkeypatch):
    rs = rows(60)
    idf = index_build.token_idf(index_build.token_df(index_build.tokens_of(rs)), len(rs), ranker.default_background())
    for form in ("f32", "q8", "f16"):
        whole = index_build.segment_arrays(rs, idf, vectors=form)
        monkeypatch.setattr(index_build, "BUILD_BLOCK", 7)  # 9 blocks, the last one short
        same_arrays(index_build.segment_arrays(rs, idf, vectors=form), whole)
        monkeypatch.setattr(index_build, "BUILD_BLOCK", 5_000)
    # the postings really are merged across blocks: a term's documents from several blocks, in order
    docs = whole["chars.docs"][int(whole["chars.offsets"][0]):int(whole["chars.offsets"][1])]
    assert len(docs) > 7 and np.all(np.diff(docs.astype(np.int64)) > 0)


def test_the_written_segment_files_hold_the_arrays_kept_in_memory(tmp_path, monkeypatch):
    rs = rows(40)
    idf = index_build.token_idf(index_build.token_df(index_build.tokens_of(rs)), len(rs), ranker.default_background())
    want = index_build.segment_arrays(rs, idf)
    monkeypatch.setattr(index_build, "BUILD_BLOCK", 6)
    assert store.write_segment(tmp_path / "seg", rs, idf, ann_min=10_000) == 40
    assert not list(tmp_path.glob("seg/*.raw")) and not (tmp_path / "seg.tmp").exists()
    seg = store.Segment(tmp_path / "seg")
    same_arrays({p.stem: np.load(p) for p in (tmp_path / "seg").glob("*.npy")}, want)
    assert seg.n == 40 and np.array_equal(seg["ids"], [r.id for r in rs])


def test_a_build_reading_small_lists_writes_the_files_of_one_reading_whole_segments(tmp_path, monkeypatch):
    rs = rows(100, seed=8)
    monkeypatch.setattr(index_build, "BUILD_BLOCK", 11)
    for ann_min in (10_000, 0):  # exact float32 vectors; int8 codes for a shared approximate index
        a, b = tmp_path / f"a{ann_min}", tmp_path / f"b{ann_min}"
        whole = store.build_generation(a, 1, lambda: iter([rs[:40], rs[40:80], rs[80:]]), ann_min=ann_min)
        blocks = store.build_generation(b, 1, lambda: (rs[k:k + 13] for k in range(0, 100, 13)), ann_min=ann_min,
                                        segment_rows=40)
        assert blocks == whole and whole["segments"] == [f"seg-000001-{k:03d}" for k in range(3)]
        for name in whole["segments"]:
            files = sorted(p.name for p in (a / name).glob("*.npy"))
            assert files == sorted(p.name for p in (b / name).glob("*.npy")) and "chars.docs.npy" in files
            for f in files:
                assert (a / name / f).read_bytes() == (b / name / f).read_bytes(), (name, f)
    # the padding id where the segment's longest text (row 97, in the last list) asks for it
    pad = semantic.model().tokenizer.padding["pad_id"]
    lib = store.open_generation(b, store.read_manifest(b))
    assert pad in lib.tokens[80] and pad not in lib.tokens[97]


def test_segments_every_n_rows_split_lists_where_a_segment_ends():
    parts = list(store._segmented(iter([list(range(5)), list(range(5, 12)), []]), 4))
    assert [(k, r, last) for k, r, last in parts] == [(0, [0, 1, 2, 3], True), (1, [4], False), (1, [5, 6, 7], True),
                                                      (2, [8, 9, 10, 11], True)]
    assert list(store._segmented(iter([[1, 2]]), 4)) == [(0, [1, 2], False), (0, [], True)]
    assert list(store._segmented(iter([[1, 2], [3]]), None)) == [(0, [1, 2], True), (1, [3], True)]
