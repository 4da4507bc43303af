"""BM25 over the stored segments (postings.Postings): the chunked scoring gives the very numbers of the
one-pass scoring it replaced, whatever the chunk size, across segments and tombstones (no Django)."""
import numpy as np
import pytest

from articles.matching import postings, ranker, store, text
from tests.matching.test_store import QUERIES, entries, rows


def _terms(name, q):
    q = text.clean_query(q)
    words = text.words(q)
    return text.with_bigrams(words) if name == "bigrams" else text.char_grams(q) if name == "chars" else words


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """Three segments of 120 rows and an appended one, two rows tombstoned."""
    root = tmp_path_factory.mktemp("postings")
    es = entries(360)
    manifest = store.build_generation(root, 1, lambda: iter([rows(es)]), segment_rows=120)
    lib = store.open_generation(root, manifest)
    manifest = store.append_generation(root, manifest, rows(entries(40, seed=5, first=1000)), [3, 200], 0,
                                       lib.token_idf)
    return store.open_generation(root, manifest), es


def _fields(lib):
    return {**lib.bm25, "chars": lib.chars}


@pytest.mark.parametrize("chunk", [1, 7, 64, postings._CHUNK])
def test_chunked_scores_are_the_one_pass_scores_bit_for_bit(library, monkeypatch, chunk):
    # a chunk of 1 or 7 cuts every term's postings apart; the default keeps a small segment whole
    monkeypatch.setattr(postings, "_CHUNK", chunk)
    lib, es = library
    assert len(lib.segments) == 4
    for name, idx in _fields(lib).items():
        for q in QUERIES + [es[7].claim, es[300].claim, "", "zzz unknownword"]:
            terms = _terms(name, q)
            new, old = idx.scores(terms), idx.scores_onepass(terms)
            assert new.dtype == np.float32
            assert np.array_equal(new, old), (name, q)


def test_chunked_scores_agree_with_the_in_memory_bm25_and_zero_the_tombstones(library):
    lib, es = library
    mem = ranker.Library(es)  # the build's 360 rows: the same documents, before the append
    for q in QUERIES:
        terms = _terms("both", q)
        s = lib.bm25["both"].scores(terms)
        assert s[3] == 0.0 and s[200] == 0.0
        assert len(s) == 400
        # library-wide statistics differ (40 more rows): the same documents score, the same best first
        m = mem.bm25["both"].scores(terms)
        assert set(np.flatnonzero(s[:360])) | {3, 200} >= set(np.flatnonzero(m)) - {3, 200}


def test_a_buffer_left_dirty_by_an_interrupted_query_is_cleared(library, monkeypatch):
    lib, es = library
    terms = _terms("chars", es[11].claim)
    want = lib.chars.scores_onepass(terms)
    acc = postings._SCRATCH.acc(1000)
    acc[:] = 5.0  # as an exception between a chunk and its copy would leave it
    assert np.array_equal(lib.chars.scores(terms), want)
