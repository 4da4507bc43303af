"""The source resolver's fit (resolver_train.fit): a conditional logit fitted by L-BFGS to convergence,
deterministic, that learns the feature telling the right candidate and ignores claims with none."""
import numpy as np

from articles.extraction.claims import resolver_train as t
from articles.extraction.claims.resolver import FEATURES, expand


def example(right_has_subject: bool, labels=(1.0, 0.0)):
    rows = np.zeros((2, len(FEATURES)))
    rows[0 if right_has_subject else 1, FEATURES.index("subject")] = 1.0
    return ([3, 5], rows, np.array(labels), 5, False)


def test_the_fit_weighs_the_feature_of_the_right_candidate_and_is_deterministic():
    exs = [example(True) for _ in range(9)] + [example(False)]
    w = t.fit(exs)
    assert w[FEATURES.index("subject")] > 0
    assert np.array_equal(w, t.fit(exs))


def test_the_fit_converges_on_a_feature_of_small_scale():
    # The right candidate is nearer 9 times in 10, by a feature worth 0.1: the converged weight
    # makes the odds 9:1 (300 steps of gradient descent stopped near 8.5 where 22 is right).
    exs = []
    for k in range(10):
        rows = np.zeros((2, len(FEATURES)))
        rows[0 if k else 1, FEATURES.index("log_distance")] = 0.1
        exs.append(([3, 5], rows, np.array([1.0, 0.0]), 5, False))
    w = t.fit(exs, l2=1e-7)
    assert abs(0.1 * w[FEATURES.index("log_distance")] - np.log(9)) < 0.05


def test_claims_without_a_right_candidate_teach_nothing():
    exs = [example(True) for _ in range(9)] + [example(False)]
    w = t.fit(exs)
    assert np.allclose(w, t.fit(exs + [example(False, labels=(0.0, 0.0))] * 5))
    assert expand(exs[0][1]).shape[1] == len(w)
