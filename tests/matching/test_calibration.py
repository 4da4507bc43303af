"""The match score means the probability that the fact-check reviews the text, whatever the library:
evidence never lowers the ranker's score (non-negative weights), a row is never extrapolated past
what training saw (clipped to its range), and training sees restatements (a fact-check's own claim
as the query) besides the paraphrases of tweets and debate sentences (issue 23)."""
import json

import numpy as np
import pytest

from articles.matching import ranker, train


def _sets(rng, n=300):
    """Queries of 10 candidates, one relevant: relevance follows ``a`` minus half of ``b``, two
    collinear evidence columns (``b`` grows with ``a``), as BM25 over words and over bigrams do."""
    sets = []
    for i in range(n):
        a = rng.normal(size=10)
        b = a + rng.normal(scale=0.5, size=10)
        y = np.zeros(10, dtype=np.float32)
        y[int(np.argmax(a - 0.5 * b + rng.normal(scale=0.1, size=10)))] = 1
        sets.append((f"q{i}", np.arange(10), np.column_stack([a, b]).astype(np.float32), y, "t"))
    return sets


def test_evidence_weights_are_never_negative():
    sets = _sets(np.random.default_rng(0))
    _, _, free = train.fit_pairwise(sets, l2=1.0)
    assert free[1] < 0  # unconstrained, the collinear column takes a negative weight
    _, _, held = train.fit_pairwise(sets, l2=1.0, monotone=[True, True])
    assert held[0] > 0 and held[1] == 0.0
    _, _, other = train.fit_pairwise(sets, l2=1.0, monotone=[True, False])  # only evidence is held
    assert other[1] < 0


def test_the_ranker_uses_no_negative_weight_on_evidence():
    model = ranker.default_model()
    if "low" not in model.to_json():
        pytest.skip("the shipped model predates the monotone ranker")
    for f, w in zip(model.features, model.weights, strict=True):
        assert f not in ranker.EVIDENCE or w >= 0, f


def test_a_row_past_the_training_range_scores_as_at_its_edge():
    model = ranker.MatchModel({"version": "t", "features": ["a", "b"], "mean": [0.0, 0.0], "scale": [1.0, 1.0],
                               "weights": [1.0, -1.0], "low": [0.0, 0.0], "high": [2.0, 3.0],
                               "calibration": [1.0, 0.0]})
    x = np.asarray([[1.0, 1.0], [2.0, 3.0], [50.0, 3.0], [2.0, 90.0]], dtype=np.float32)
    np.testing.assert_allclose(model.linear(x), [0.0, -1.0, -1.0, -1.0])
    again = ranker.MatchModel(json.loads(json.dumps(model.to_json())))
    np.testing.assert_allclose(again.linear(x), model.linear(x))
    old = ranker.MatchModel({k: v for k, v in model.to_json().items() if k not in ("low", "high")})
    assert old.linear(x)[2] == 47.0  # a model trained before the ranges: not clipped


def _review(url, claim):
    return json.dumps({"@type": "ClaimReview", "url": url, "claimReviewed": claim,
                       "reviewRating": {"alternateName": "False"}, "author": {"name": "X"}})


def test_restatements_are_the_reviewed_claims_of_the_training_answers(tmp_path):
    long = "The county spent four million dollars on a bridge that was never built across the river"
    (tmp_path / "factchecks.jsonl").write_text("\n".join([
        _review("https://f.example.org/a", long), _review("https://f.example.org/b", long),
        _review("https://f.example.org/c", "Bananas cure the common cold overnight."),
        _review("https://f.example.org/d", "Too short")]) + "\n")
    (tmp_path / "train").mkdir()
    (tmp_path / "train" / "tweets.queries.tsv").write_text("id\ttext\n1\tbridge money\n2\tbananas\n3\tshort\n")
    (tmp_path / "train" / "tweet-vclaim-pairs.qrels").write_text("1 0 a 1\n2 0 c 1\n3 0 d 1\n")
    queries, gold = train.restatements(tmp_path, ["a", "b", "c", "d"])
    texts = dict(queries)
    assert texts["restated_a_0"] == long
    assert texts["restated_a_1"] == " ".join(long.split()[:12])  # three quarters of its 17 words
    assert texts["restated_c_0"] == "Bananas cure the common cold overnight."
    assert "restated_c_1" not in texts and "restated_d_0" not in texts  # under 8 words left; a fragment
    assert gold["restated_a_0"] == gold["restated_a_1"] == {"a", "b"}  # the same claim, twice in the library
    assert gold["restated_c_0"] == {"c"}


@pytest.mark.parametrize("claim", [
    "Our state's unemployment rate fell to 3.1 percent last year, the lowest since records began in 1976.",
    "Russia is now totally aligned with Syria, and Iran is becoming rich because of the nuclear deal we signed.",
    "The senator voted against the farm bill eleven times while his own family collected more than two million "
    "dollars in subsidies from the same programme he now says he wants to cut back.",
    "Our schools have lost 4,000 teachers since the governor took office, and class sizes in every district of "
    "the state have grown by at least five pupils since then.",
])
def test_a_claim_checked_word_for_word_is_shown_in_a_one_check_library(claim):
    """The very words of a checkable claim as the only fact-check of a desk: the rank and gap
    features say nothing there, the absolute evidence says it all. The longer the text, the further
    its BM25 lies past any paraphrase's: a retrain with signed evidence weights scored the farm-bill
    sentence 0.69 and the Syria one 0.75; clipped and monotone, 0.88 / 0.90."""
    got = ranker.Library([ranker.Entry(1, claim)]).match(claim, checkworthiness=0.9)
    assert got and got[0].score >= 0.8 and got[0].restates
