"""The check-worthiness gate of matching is chosen on training data: the highest score that keeps the
wanted share of the training queries whose top answer is right and reaches "suggested"."""
import numpy as np

from articles.matching import train
from articles.matching.ranker import MatchModel, default_model


def test_the_gate_keeps_the_wanted_share_of_right_answers():
    base = {k: v for k, v in default_model().to_json().items() if k not in ("low", "high")}  # one feature here
    model = MatchModel(dict(base, features=["a"], mean=[0.0], scale=[1.0], weights=[1.0],
                            calibration=[1.0, 0.0, 0.0, 0.0, 0.0, 0.0]))
    right = (np.asarray([[5.0], [0.0]]), np.asarray([1.0, 0.0]))  # the top answer is right, p ~ 0.99
    wrong = (np.asarray([[5.0], [0.0]]), np.asarray([0.0, 1.0]))
    sets = [("q", np.arange(2), x, y, "text") for x, y in [right] * 50 + [wrong] * 50]
    worth = [i / 100 for i in range(50)] + [0.0] * 50  # wrong answers never count
    assert train.choose_checkworthiness_gate(model, sets, worth, keeps=0.9) == 0.05
    assert train.choose_checkworthiness_gate(model, sets, worth, keeps=1.0) == 0.0
    assert train.choose_checkworthiness_gate(model, sets[50:], worth[50:], keeps=0.9) == 0.0
