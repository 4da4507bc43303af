"""The text's form and the dates as ranker features (articles/matching/genre.py), in memory and in
the stored index, an index written before dates were stored included (no Django)."""
from datetime import date, datetime

import numpy as np

from articles.matching import genre, ranker, store, train

EXAMPLES = [
    ranker.Entry(1, "The mayor raised the bus fare twice in one year.", "Bus fare raised twice", date=date(2019, 3, 1)),
    ranker.Entry(2, "The mayor raised the bus fare by half.", "Bus fare up by half", date=date(2019, 1, 10)),
    ranker.Entry(3, "A bridge over the river closed for repairs.", "Bridge closed", date=None),
    ranker.Entry(4, "The council cut the library budget.", "Library budget cut", date=date(2018, 6, 2)),
]
DATED = [ranker.FEATURES.index(f) for f in genre.DATE_FEATURES]


def column(x, c, name, entry_id):
    return float(x[list(c).index(entry_id - 1), ranker.FEATURES.index(name)])


def test_a_post_is_told_from_a_sentence_by_its_own_form():
    assert genre.posted("Fares doubled again! #transit https://t.co/x1")
    assert genre.posted("@mayor why did the bus fare go up")
    assert genre.posted("see pic.twitter.com/abc the bridge is closed")
    assert not genre.posted("You raised the bus fare twice, and the people of this city paid for it.")
    assert not genre.posted("We have 4 # of buses, said the mayor, at 5 p.m.")  # a sign, not a hashtag


def test_the_post_interactions_repeat_the_base_features_for_a_post_only():
    lib = ranker.Library(EXAMPLES, background=None)
    base = len(ranker.BASE_FEATURES)
    _, said = lib.features("The mayor raised the bus fare twice", 3)
    _, post = lib.features("The mayor raised the bus fare twice #fares https://t.co/x1", 3)
    assert not said[:, base:2 * base].any()
    assert np.array_equal(post[:, base:2 * base], post[:, :base])
    assert post[:, :base].any()


def test_the_dates_say_how_long_after_the_claim_a_check_came_and_whether_it_came_before():
    lib = ranker.Library(EXAMPLES, background=None)
    ctx = ranker.Context(speaker="Jo Mayor", date=date(2019, 2, 1))
    c, x = lib.features("The mayor raised the bus fare", 3, context=ctx)
    assert column(x, c, "date_after_log", 1) == np.float32(np.log1p(28))
    assert column(x, c, "date_soon", 1) == 1.0 and column(x, c, "date_before", 1) == 0.0
    assert column(x, c, "date_before", 2) == 1.0 and column(x, c, "date_after_log", 2) == 0.0
    if 3 in c + 1:  # an undated check: no date evidence either way
        assert not x[list(c).index(2), DATED].any()
    # a claim without a date (the text alone): every date feature zero
    c, x = lib.features("The mayor raised the bus fare", 3, context=ranker.Context(speaker="Jo Mayor"))
    assert not x[:, DATED].any()
    c, x = lib.features("The mayor raised the bus fare", 3)
    assert not x[:, DATED].any()


def test_a_check_long_after_the_claim_is_not_soon():
    out = genre.date_block(date(2016, 1, 1), np.asarray([genre.days(date(2016, 1, 20)), genre.days(date(2017, 6, 1)),
                                                          genre.NO_DATE]))
    assert out[:, 1].tolist() == [1.0, 0.0, 0.0]
    assert out[1, 0] > out[0, 0] > 0.0
    assert not out[2].any()
    assert genre.days(datetime(2016, 1, 20, 18, 30)) == genre.days(date(2016, 1, 20))


def test_the_stored_index_carries_the_dates_and_an_index_without_them_still_answers(tmp_path):
    es = [ranker.Entry(e.id, e.claim, e.title, ranker.entry_vectors(e.claim, e.title), date=e.date) for e in EXAMPLES]
    rows = [store.Row(e.id, e.claim, e.title, e.vectors, 0, published=e.date) for e in es]
    store.build_generation(tmp_path, 1, lambda: iter([rows]))
    manifest = store.read_manifest(tmp_path)
    lib, mem = store.open_generation(tmp_path, manifest), ranker.Library(es)
    assert lib.dates.tolist() == mem.dates.tolist()
    ctx = ranker.Context(date=date(2019, 2, 1))
    (c1, x1), (c2, x2) = (lib.features("The mayor raised the bus fare", 3, context=ctx),
                          mem.features("The mayor raised the bus fare", 3, context=ctx))
    assert c1.tolist() == c2.tolist() and np.array_equal(x1[:, DATED], x2[:, DATED]) and x1[:, DATED].any()
    (tmp_path / manifest["segments"][0] / "dates.npy").unlink()
    older = store.open_generation(tmp_path, manifest)
    c, x = older.features("The mayor raised the bus fare", 3, context=ctx)
    assert not x[:, DATED].any()
    assert older.match("The mayor raised the bus fare twice in one year", 1, context=ctx)[0].id == 1


def test_a_transcript_is_dated_by_its_name():
    assert train.transcript_date("20170822_Trump_phoenix.tsv") == date(2017, 8, 22)
    assert train.transcript_date("debate_notes.tsv") is None
    assert train.transcript_date("20171399_bad.tsv") is None


def test_a_model_trained_on_some_groups_scores_rows_that_carry_every_feature():
    feats = train.features_of(["base", "date"])
    assert feats == list(ranker.BASE_FEATURES) + genre.DATE_FEATURES
    rng = np.random.default_rng(0)
    sets = []
    for q in range(6):
        x = rng.normal(size=(8, len(ranker.FEATURES))).astype(np.float32)
        y = np.zeros(8, dtype=np.float32)
        y[q % 8] = 1.0
        x[q % 8, ranker.FEATURES.index("date_soon")] = 3.0  # the date feature tells the right one
        sets.append((str(q), np.arange(8), x, y, "t"))
    model = train.fit_ranker(sets, 1.0, 40, feats)
    assert model.features == feats
    assert all(int(np.argmax(model.raw(x))) == int(np.argmax(y)) for _, _, x, y, _ in sets)
