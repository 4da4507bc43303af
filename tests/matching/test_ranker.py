"""The pure matcher: text rules, BM25, the learned fusion and duplicate grouping (no Django)."""
import json

import numpy as np
import pytest

from articles.matching import claimreview, ranker, text
from articles.matching.bm25 import BM25

LIBRARY = [
    ranker.Entry(1, "Wombats are herding animals into their burrows to escape the wildfires in Australia.",
                 "Are Wombats Inviting Animals Into Their Burrows?"),
    ranker.Entry(2, "The CBC cut a scene featuring Donald Trump from Home Alone 2 for political reasons.",
                 "Was Donald Trump Cut from 'Home Alone 2'?"),
    ranker.Entry(3, "Drinking bleach cures the coronavirus.", "Does Drinking Bleach Cure COVID-19?"),
    ranker.Entry(4, "Minecraft is being shut down in 2020.", "Is Minecraft Shutting Down?"),
    ranker.Entry(5, "Minecraft is being shut down in 2020!", "Is Minecraft Shutting Down in 2020?"),
    ranker.Entry(6, "A photograph shows a giant ammonite fossil from British Columbia.", "Is This Giant Fossil Real?"),
]


@pytest.fixture(scope="module")
def library():
    return ranker.Library(LIBRARY)


def test_tweet_cleaning_drops_links_and_signatures_and_splits_hashtags():
    t = ("Wombats are heroes #AustralianFires pic.twitter.com/0eJtwJyS1J — Center for Bio Div "
         "(@CenterForBioDiv) January 14, 2020")
    assert text.clean_query(t) == "Wombats are heroes Australian Fires"


def test_csv_quoting_of_claim_reviewed_is_undone():
    assert text.clean_reviewed('"A ""large-scale killing"" of farmers."') == 'A "large-scale killing" of farmers.'
    assert text.clean_reviewed('He said "no".') == 'He said "no".'


def test_bm25_prefers_the_rarer_shared_word():
    idx = BM25([["cat", "sat"], ["dog", "sat"], ["cat", "dog", "sat"]])
    s = idx.scores(["dog"])
    assert s[0] == 0 and s[1] > s[2] > 0
    assert idx.scores(["unknown"]).sum() == 0


@pytest.mark.parametrize("query, expected", [
    ("Australian wombats are shepherding other animals into burrows away from the bushfires", 1),
    ("CBC deletes Trump from Home Alone 2 #DefundTheCBC", 2),
    ("bleach will cure covid, drink it", 3),
    ("Fantastic ammonite fossil found in southeastern British Columbia today!", 6),
])
def test_the_right_fact_check_comes_first(library, query, expected):
    ranked = library.match(query, limit=3)
    assert ranked[0][0] == expected
    assert all(0.0 <= r.score <= 1.0 for r in ranked)
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)


def test_near_duplicates_stay_together_earliest_first(library):
    ranked = [r.id for r in library.match("a hoax claims Minecraft is shutting down in 2020", limit=3)]
    assert ranked[:2] == [4, 5]


def test_excluded_entries_never_come_back(library):
    assert 3 not in [r.id for r in library.match("drinking bleach cures coronavirus", exclude=frozenset({3}))]


def test_empty_library_and_empty_query():
    assert ranker.Library([]).match("anything") == []
    assert ranker.Library(LIBRARY[:1]).match("   ") == []
    assert ranker.Library(LIBRARY[:1]).match("wombats")[0][0] == 1


def test_stored_vectors_are_used_as_given(library):
    v = ranker.entry_vectors(LIBRARY[0].claim, LIBRARY[0].title)
    assert v.shape == (3, 256) and v.dtype == np.float16
    lib = ranker.Library([ranker.Entry(e.id, e.claim, e.title, ranker.entry_vectors(e.claim, e.title)) for e in LIBRARY])
    assert lib.match("wombats herding animals from fires")[0][0] == 1


def test_the_shipped_model_records_its_measurement():
    m = ranker.default_model()
    assert set(m.features) <= set(ranker.FEATURES) and len(m.weights) == len(m.features)
    # measured at training (dev, text alone): short of the 0.85 / 0.55 targets, see MODEL_CARD.md
    assert m.measured["tweets_dev_map_at_5"] >= 0.83 and m.measured["speech_dev_map_at_5"] >= 0.42
    assert m.measured["news_vs_tweets_share_confident"] <= 0.01 and m.measured["news_vs_speech_share_confident"] <= 0.01
    assert 0 < m.thresholds["suggested"] < m.thresholds["confident"] < 1


def test_claimreview_formats(tmp_path):
    one = {"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://x.example/1",
           "claimReviewed": "The moon is cheese.", "author": {"@type": "Organization", "name": "Checkers"},
           "reviewRating": {"@type": "Rating", "alternateName": "False"}, "datePublished": "2020-01-02"}
    (tmp_path / "a.json").write_text(json.dumps(one))
    (tmp_path / "b.json").write_text(json.dumps([one, dict(one, url="https://x.example/2")]))
    (tmp_path / "c.jsonl").write_text(json.dumps(one) + "\n\n" + json.dumps(dict(one, url="https://x.example/3")) + "\n")
    got = {p: [r for _, r in claimreview.read(tmp_path / p)] for p in ("a.json", "b.json", "c.jsonl")}
    assert [len(v) for v in got.values()] == [1, 2, 2]
    r = got["a.json"][0]
    assert (r.url, r.claim_reviewed, r.rating, r.publisher, str(r.date_published)) == (
        "https://x.example/1", "The moon is cheese.", "False", "Checkers", "2020-01-02")


def test_bad_records_are_named_with_their_reason(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"@type": "ClaimReview", "claimReviewed": "x"}\nnot json\n[1]\n')
    out = list(claimreview.read(p))
    assert [w for w, _ in out] == [f"{p}:1", f"{p}:2", f"{p}:3"]
    assert all(isinstance(r, claimreview.BadRecord) for _, r in out)
    assert "no url" in str(out[0][1]) and "not JSON" in str(out[1][1]) and "JSON object" in str(out[2][1])
    (tmp_path / "broken.json").write_text("{")
    with pytest.raises(claimreview.BadRecord, match="not JSON"):
        list(claimreview.read(tmp_path / "broken.json"))


def test_the_matcher_is_pure_python_without_django():
    from pathlib import Path

    import articles.matching as pkg

    for f in Path(pkg.__file__).parent.glob("*.py"):
        src = f.read_text()
        assert "import django" not in src and "from django" not in src, f.name


def test_scores_do_not_depend_on_the_library_size():
    """A desk starting with a handful of fact-checks gets the same verdicts as one with thousands:
    word rarity comes from the shipped background as well as from the library itself."""
    claim = "Donald Trump will encourage Nato to withdraw its forces from Russia's borders as part of a bid"
    entry = ranker.Entry(9, "Donald Trump will encourage NATO to withdraw its forces from the borders of Russia.")
    alone = ranker.Library([entry]).match(claim)[0][1]
    among = ranker.Library([*LIBRARY, entry]).match(claim)[0][1]
    # the calibration (trained with news claims as negatives) keeps "confident" for near-certain pairs
    assert alone >= 0.5 and among >= 0.5 and abs(alone - among) < 0.1
    assert ranker.Library([entry]).match("the moon is made of cheese")[0][1] < 0.1


@pytest.mark.parametrize("fragment", ["Obama", "the remark", "to comment", "with Matthews about the winner",
                                      "the presidential ambitions of three Republican hopefuls", "to lose"])
def test_a_fragment_is_not_a_checkable_statement(fragment):
    assert not text.checkable(fragment)


@pytest.mark.parametrize("statement", ["Median wages have stagnated.", "his mother was born in Delaware",
                                       "Defense Secretary Ash Carter used a personal email account",
                                       "It's the biggest tax cut in history"])
def test_a_statement_with_a_verb_and_content_is_checkable(statement):
    assert text.checkable(statement)


def test_proper_names_skip_sentence_starts_and_titles():
    names = text.proper_names("The senator said Ted Cruz's mother was born in Delaware. He met President Obama.")
    assert names == {"ted", "cruz", "delaware", "obama"}


def test_a_fragment_scores_below_a_statement_on_the_same_check():
    lib = ranker.Library(LIBRARY)
    statement = lib.match("Drinking bleach cures the coronavirus, he said")[0]
    fragment = lib.match("drinking bleach")[0]
    assert statement[0] == fragment[0] == 3
    assert fragment[1] < statement[1]


def test_the_people_named_must_agree():
    """A claim about Cruz's eligibility is checked by the Cruz check, not the Obama one."""
    lib = ranker.Library([
        ranker.Entry(1, "Barack Obama is not a natural-born citizen and so not eligible to be president.",
                     "Obama eligibility", claimant="Donald Trump"),
        ranker.Entry(2, "Ted Cruz is not a natural-born citizen because he was born in Canada.",
                     "Is Ted Cruz eligible to be president?", claimant="Donald Trump"),
    ])
    ctx = ranker.Context(speaker="Donald Trump", names=("Ted Cruz",),
                         text="Trump questioned whether Cruz is eligible: his mother was born in Delaware.")
    assert lib.match("his mother was born in Delaware, so he is a natural-born citizen", context=ctx)[0][0] == 2


def test_a_match_says_whether_the_check_is_about_other_people():
    """The ranker flags a subject conflict per fact-check: the claim's speaker ("his mother") and
    mentions name Cruz; a check naming only Obama conflicts, a check naming Cruz does not."""
    lib = ranker.Library([
        ranker.Entry(1, "Barack Obama's mother was an American citizen, so he is a natural-born citizen.",
                     "Is Obama natural-born?"),
        ranker.Entry(2, "Ted Cruz cannot be president: he was born in Calgary, Canada.", "Cruz eligibility"),
        ranker.Entry(3, "Ostriches bury their heads in the sand when frightened.", "Ostrich heads"),
    ])
    ctx = ranker.Context(speaker="Ted Cruz", names=("Cruz",))
    ranked = {r.id: r for r in lib.match("My mother was born in Wilmington, Delaware, so I am a natural-born citizen.",
                                         limit=3, context=ctx)}
    assert ranked[1].subject_conflict and not ranked[2].subject_conflict
    assert not ranked[3].subject_conflict  # a check that names nobody does not conflict
    # without a context (and no place named) the claim names no one: nothing conflicts
    assert not any(r.subject_conflict for r in lib.match("My mother was born in this country.", limit=3))


def test_the_speaker_agreeing_with_the_claimant_counts():
    lib = ranker.Library([ranker.Entry(1, "We have the lowest unemployment in fifty years.", claimant="Donald Trump"),
                          ranker.Entry(2, "We have the lowest unemployment in fifty years.", claimant="Joe Biden")])
    c, x = lib.features("we have the lowest unemployment in 50 years", 5, context=ranker.Context(speaker="Joe Biden"))
    col = {f: x[:, ranker.FEATURES.index(f)] for f in ("claimant_is_speaker", "claimant_not_speaker")}
    by_pos = dict(zip(c.tolist(), range(len(c)), strict=True))
    assert col["claimant_is_speaker"][by_pos[1]] == 1 and col["claimant_not_speaker"][by_pos[0]] == 1


def test_a_named_subject_with_an_infinitive_is_a_statement():
    assert text.checkable("Donald Trump to encourage Nato to withdraw its forces from Russia's borders")
    assert not text.checkable("to push for a contested convention this summer")


ELIGIBILITY = [
    ranker.Entry(1, "Barack Obama cannot be a natural-born citizen because his mother was only eighteen.",
                 "Was Obama's mother too young to pass on citizenship?"),
    ranker.Entry(2, "Ted Cruz cannot serve as president because he was born in Calgary, Canada.",
                 "Is Ted Cruz eligible to be president?"),
    ranker.Entry(3, "A senator from Delaware voted against the highway bill.", "Delaware senator's highway vote"),
]


def test_who_the_claim_is_about_comes_from_its_context_when_it_names_no_one():
    """"He" and "his mother" name no one: the speaker and the claim's mentions say whom it is about."""
    lib = ranker.Library(ELIGIBILITY)
    claim = "he is a natural-born citizen because his mother was born in Delaware"
    col = {f: ranker.FEATURES.index(f) for f in ("subject_hit", "subject_conflict", "subject_from_context")}
    c, x = lib.features(claim, 5, context=ranker.Context(speaker="Ted Cruz"))
    row = {int(lib.ids[i]): x[n] for n, i in enumerate(c)}
    assert row[2][col["subject_hit"]] == 1 and row[2][col["subject_conflict"]] == 0
    assert row[1][col["subject_hit"]] == 0 and row[1][col["subject_conflict"]] == 1
    assert row[1][col["subject_from_context"]] == 1
    # without a context only its own names count (Delaware)
    c, x = lib.features(claim, 5)
    row = {int(lib.ids[i]): x[n] for n, i in enumerate(c)}
    assert not x[:, col["subject_from_context"]].any()
    assert row[3][col["subject_hit"]] == 1 and row[2][col["subject_hit"]] == 0
    # a claim that names someone and says no "he" or "I" is about them, not about its speaker
    c, x = lib.features("critics say Obama's mother was born in Kansas", 5, context=ranker.Context(speaker="Ted Cruz"))
    row = {int(lib.ids[i]): x[n] for n, i in enumerate(c)}
    assert row[1][col["subject_hit"]] == 1 and row[2][col["subject_conflict"]] == 1
    assert not x[:, col["subject_from_context"]].any()


def test_further_lists_add_their_top_rows_and_change_no_other_row(library):
    # a model's further lists (MatchModel.lists) only widen the candidates: each row's features
    # are computed against the whole library, so the rows both sets share are the same
    query = "Minecraft shutting down? A giant fossil from Columbia"
    c1, x1 = library.features(query, 1)
    c2, x2 = library.features(query, 1, lists={"chars": 3, "cos_title": 2})
    q = text.clean_query(query)
    chars_top = np.argsort(-library.chars.scores(text.char_grams(q)), kind="stable")[:4]
    assert set(c1) <= set(c2) and set(chars_top) <= set(c2)
    assert len(c2) > len(c1)
    same = np.isin(c2, c1)
    assert np.allclose(x2[same], x1)


def test_a_model_keeps_its_further_lists_through_json():
    data = json.loads(ranker.MODEL_PATH.read_text(encoding="utf-8"))
    assert ranker.MatchModel({**data, "lists": {"chars": 20}}).to_json()["lists"] == {"chars": 20}
    assert "lists" not in ranker.MatchModel({k: v for k, v in data.items() if k != "lists"}).to_json()
