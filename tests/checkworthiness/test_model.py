"""The check-worthiness model: order kept, factual claims over filler, stable features."""
import numpy as np

from articles.checkworthiness import default_model, score
from articles.checkworthiness.features import HASH_SIZE, hand, hashed


def test_scores_come_back_in_order_one_per_text():
    texts = ["Thank you very much.", "Unemployment doubled in the four years he was governor.", ""]
    out = score(texts)
    assert len(out) == 3
    assert all(0.0 <= r.score <= 1.0 for r in out)
    assert score([]) == []


def test_factual_claims_outrank_filler_questions_and_opinions():
    claims = ["We lost 700,000 manufacturing jobs last year.",
              "The senator voted against the defense bill twelve times.",
              "He was thrown out of the military in 1987."]
    other = ["Thank you all for coming tonight.", "What do you think about that?",
             "I think we can do better as a country."]
    cs, os_ = score(claims), score(other)
    assert min(r.score for r in cs) > max(r.score for r in os_)
    assert all(r.checkworthy for r in cs) and not any(r.checkworthy for r in os_)


def test_decision_follows_the_model_threshold():
    m = default_model()
    for r in score(["Taxes went up by 40 percent.", "Good evening.", "We will win."]):
        assert r.checkworthy == (r.score >= m.threshold)


def test_hashed_features_are_deterministic_and_in_range():
    a, b = hashed("The deficit fell by half."), hashed("The deficit fell by half.")
    assert np.array_equal(a.index, b.index) and np.array_equal(a.value, b.value)
    assert a.index.min() >= 0 and a.index.max() < HASH_SIZE
    assert hashed("").index.size == 0


def test_structural_cues_read_numbers_questions_and_intentions():
    names = ("length", "named", "number", "question", "intention", "past_event", "comparison", "short")
    f = dict(zip(names, hand("Is it true that 3 million jobs were lost?"), strict=True))
    assert f["number"] == 1.0 and f["question"] == 1.0 and f["past_event"] == 1.0
    g = dict(zip(names, hand("I think we should go."), strict=True))
    assert g["intention"] == 1.0 and g["number"] == 0.0
