"""The words a fact-check quotes (articles/matching/quotes.py): one definition read by the in-memory
library, written into the index segments and measured by the benchmark; the ranker's column of
them; a segment written before the field existed (no Django)."""
import numpy as np
import pytest

from articles.matching import index_build, quotes, ranker, store, train
from tests.matching.test_store import build, entries, rows

QUOTING = [
    ranker.Entry(1, 'Says the harbour ferry fares "went up every single year under the old council."',
                 "Ferry fares under the council", claimant="Jane Doe"),
    ranker.Entry(2, "The minister said “we have doubled the library budget” and would “cut the waiting lists.”",
                 "Library budget and waiting lists"),
    ranker.Entry(3, '"The county has the lowest property tax rate in the whole state."', "County tax rate"),
    ranker.Entry(4, "The mayor closed two public libraries in the spring.", "Libraries closed"),
    ranker.Entry(5, 'He called the flood report a "hoax" twice on the radio.', "Flood report"),
]


def with_vectors(es):
    vecs = ranker.vectors_many([(e.claim, e.title) for e in es])
    return [ranker.Entry(e.id, e.claim, e.title, v, claimant=e.claimant) for e, v in zip(es, vecs, strict=True)]


def column(x):
    return x[:, ranker.FEATURES.index("quote_words")]


def test_quoted_words_of_a_claim():
    assert quotes.quoted('The ferry fares "went up every single year under him."') == "went up every single year under him."
    assert quotes.quoted("“We have doubled the budget” and “cut the waiting lists.”") == (
        "We have doubled the budget cut the waiting lists.")
    assert quotes.quoted('"The county has the lowest tax rate in the state."') == ""  # the claim quotes only itself
    assert quotes.quoted("The mayor closed two libraries.") == ""
    assert quotes.quoted('He called it a "hoax" twice.') == ""  # under 8 characters: a word, not the speaker's claim
    # the stems of the quoted content words, function words left out
    assert quotes.words('The fares "went up every single year."') == frozenset({"went", "up", "everi", "singl", "year"})
    assert quotes.words("The mayor closed two libraries.") == frozenset()


def test_the_benchmark_reads_the_same_definition():
    from benchmarks import match_reported

    assert match_reported.quoted is quotes.quoted


def test_the_share_of_the_quoted_words_the_text_holds():
    assert quotes.cover({"went", "up", "year"}, frozenset({"went", "up", "everi", "year"})) == 0.75
    assert quotes.cover({"went", "up"}, frozenset()) == 0.0  # a check that quotes nothing
    lib = ranker.Library(with_vectors(QUOTING))
    assert lib.quotes[0] == quotes.words(QUOTING[0].claim) and lib.quotes[2] == frozenset() == lib.quotes[3]
    c, x = lib.features("Ferry fares went up every single year under the old council, she said.", 10)
    got = dict(zip(c.tolist(), column(x).tolist(), strict=True))
    assert got[0] == pytest.approx(1.0)  # every quoted stem is in the text
    assert got[3] == 0.0 and got[2] == 0.0  # quotes nothing / quotes only itself
    c, x = lib.features("The ferry fares went up last year.", 10)
    got = dict(zip(c.tolist(), column(x).tolist(), strict=True))
    assert 0.0 < got[0] < 1.0  # some of its quoted words: a share


def test_the_column_is_evidence_and_a_training_group():
    assert ranker.FEATURES[-1] == "quote_words" and "quote_words" in ranker.EVIDENCE
    assert train.features_of(["quotes"]) == ["quote_words"]
    # a model trained before the column (2.6) selects its own columns by name: its scores never move
    model = ranker.MatchModel({"version": "t", "features": ranker.FEATURES[:-1], "mean": [0.0] * (len(ranker.FEATURES) - 1),
                               "scale": [1.0] * (len(ranker.FEATURES) - 1),
                               "weights": np.linspace(0.1, 1.0, len(ranker.FEATURES) - 1).tolist(),
                               "calibration": [1.0, 0.0]})
    x = np.random.default_rng(0).random((6, len(ranker.FEATURES))).astype(np.float32)
    y = x.copy()
    y[:, -1] = 1.0 - y[:, -1]
    assert np.array_equal(model.raw(x), model.raw(y))


def test_a_feature_cache_made_before_the_column_is_refused(tmp_path):
    path = tmp_path / "tweets.npz"
    np.savez(path, n=np.asarray(1), q0=np.asarray("q"), c0=np.zeros(2, np.int64),
             x0=np.zeros((2, len(ranker.FEATURES) - 1), np.float32), y0=np.zeros(2), t0=np.asarray("t"))
    with pytest.raises(SystemExit, match="make a new cache"):
        train.cached(path, None)


def test_the_index_segments_carry_the_quoted_words(tmp_path):
    es = with_vectors(QUOTING) + entries(60, first=100)
    manifest = build(tmp_path, es)
    assert manifest["format"] == index_build.FORMAT == 8
    lib = store.open_generation(tmp_path, manifest)
    mem = ranker.Library(es)
    assert [lib.quotes[i] for i in range(len(es))] == mem.quotes
    for q in ("Ferry fares went up every single year under the old council.", "We cut the waiting lists for surgery",
              es[40].claim):
        (c1, x1), (c2, x2) = lib.features(q, 20), mem.features(q, 20)
        assert c1.tolist() == c2.tolist() and np.array_equal(column(x1), column(x2))
    # an in-memory segment (rows changed since the live generation) carries them as well
    seg = store.Segment(None, index_build.segment_arrays(rows(es[:5]), lib.token_idf))
    assert store.Ragged([seg], "quotes", np.asarray([0, 5]), strings=True)[1] == mem.quotes[1] != frozenset()


def test_a_segment_written_before_the_field_reads_as_quoting_nothing(tmp_path):
    es = with_vectors(QUOTING) + entries(60, first=100)
    manifest = build(tmp_path, es)
    seg = tmp_path / manifest["segments"][0]
    for part in ("blob", "offsets"):  # a FORMAT 7 segment: no quotes field
        (seg / f"quotes.{part}.npy").unlink()
    lib = store.open_generation(tmp_path, {**manifest, "format": 7})
    assert lib.quotes[0] == frozenset()
    q = "Ferry fares went up every single year under the old council."
    c, x = lib.features(q, 20)
    assert not column(x).any()  # the column reads 0 until a writer rebuilds the generation
    assert lib.match(q, 1)[0].id == 1  # and the index still answers


def test_a_short_quotation_does_not_make_the_words_after_it_a_quotation():
    # straight marks open and close alike: the closing mark of a short quotation ("evil") is not the
    # opening of the next one, so the words between two quotations are not quoted
    claim = 'Says the mayor called the plan "evil" and said the new ferry tax "will cost the harbour its jobs."'
    assert quotes.quoted(claim) == "will cost the harbour its jobs."
    assert "ferri" not in quotes.words(claim) and "harbour" in quotes.words(claim)
    # the same with curly marks, and a short quotation alone quotes nothing
    assert quotes.quoted("Says he called it “evil” and said it “will cost the harbour its jobs.”") == (
        "will cost the harbour its jobs.")
    assert quotes.quoted('Says it was "bad" and then "wrong" again and again, all through the year') == ""


def test_a_long_run_of_unclosed_marks_is_read_in_linear_time():
    # an imported claim is untrusted text: opening marks that never close must not cost quadratic time
    # (the index build and the in-memory library read every claim; 40,000 marks took ~14 s)
    import time

    t0 = time.perf_counter()
    assert quotes.words("Says " + "“ " * 40_000) == frozenset()
    assert time.perf_counter() - t0 < 1.0
    # a quotation nested in a curly one: the inner words, the opening mark no part of them
    assert quotes.quoted("“He told us “wages rose a lot this year” and left”, says the clerk of the harbour board") == (
        "wages rose a lot this year")
