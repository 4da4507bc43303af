"""The CheckThat! measure every matching figure quotes: average precision of a top 5."""
import pytest

from articles.matching.train import ap_at_5


def test_average_precision_counts_each_hit_at_its_rank_over_the_relevant_up_to_five():
    assert ap_at_5(["a", "b", "c"], {"a"}) == 1.0
    assert ap_at_5(["x", "a"], {"a"}) == 0.5
    assert ap_at_5(["a", "x", "b"], {"a", "b"}) == pytest.approx((1 + 2 / 3) / 2)
    assert ap_at_5(["x", "y", "z", "w", "v", "a"], {"a"}) == 0.0  # past the fifth
    assert ap_at_5(["a"], set()) == 0.0
    assert ap_at_5(list("abcdef"), set("abcdefg")) == 1.0  # over min(relevant, 5)
