"""The re-ranking trees: stored as plain arrays, walked by numpy exactly as scikit-learn walks them."""
import numpy as np
import pytest

from articles.matching import ranker, train


def test_a_hand_made_forest_adds_its_leaves():
    # tree 1: x0 <= 0.5 ? 1.0 : (x1 <= 2 ? -1.0 : 3.0); tree 2: a single leaf 0.25
    f = ranker.Forest(baseline=-2.0, roots=[0, 5], feature=[0, 0, 1, 0, 0, 0], threshold=[0.5, 0, 2.0, 0, 0, 0],
                      left=[1, -1, 3, -1, -1, -1], right=[2, -1, 4, -1, -1, -1], value=[0, 1.0, 0, -1.0, 3.0, 0.25])
    x = np.asarray([[0.5, 9.0], [0.7, 2.0], [0.7, 2.5]])
    assert f.depth == 2
    assert f.predict(x).tolist() == [-2.0 + 1.0 + 0.25, -2.0 - 1.0 + 0.25, -2.0 + 3.0 + 0.25]
    again = ranker.Forest.from_json(f.to_json())
    assert again.predict(x).tolist() == f.predict(x).tolist()


def test_the_stored_trees_give_scikit_learns_scores():
    sklearn = pytest.importorskip("sklearn.ensemble")
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 4))
    y = ((x[:, 0] * x[:, 1] > 0.2) | (x[:, 2] > 1.0)).astype(float)
    clf = sklearn.HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=7, early_stopping=False,
                                                 random_state=0).fit(x, y)
    forest = train.forest_of(clf)
    assert np.allclose(forest.predict(x), clf.decision_function(x))


def test_a_model_with_trees_scores_with_them():
    base = ranker.default_model().to_json()
    n = len(base["features"])
    leaf_on_last = ranker.Forest(0.0, [0], [n, 0, 0], [0.0, 0, 0], [1, -1, -1], [2, -1, -1], [0.0, -5.0, 5.0])  # the linear score's sign
    model = ranker.MatchModel(dict(base, trees=leaf_on_last.to_json()))
    x = np.zeros((2, n), dtype=np.float32)
    x[1] = np.asarray(base["mean"]) + np.asarray(base["scale"]) * np.sign(base["weights"])
    x[0] = np.asarray(base["mean"]) - np.asarray(base["scale"]) * np.sign(base["weights"])
    assert model.raw(x).tolist() == [-5.0, 5.0]
    assert ranker.MatchModel(model.to_json()).raw(x).tolist() == [-5.0, 5.0]


def test_trees_of_a_model_on_some_features_score_full_rows():
    """A model naming a subset of FEATURES gets trees over that subset and its linear score: the
    rows the library gives (every feature) are scored, not an IndexError past the subset."""
    pytest.importorskip("sklearn.ensemble")
    rng = np.random.default_rng(1)
    n = len(ranker.FEATURES)
    feats = ["bm25_claim_rel", "cos_claim_abs", "same_number"]
    cols = [ranker.FEATURES.index(f) for f in feats]
    sets = []
    for q in range(60):
        x = rng.normal(size=(12, n)).astype(np.float32)
        y = np.zeros(12, dtype=np.float32)
        y[int(np.argmax(x[:, cols[0]] + x[:, cols[1]]))] = 1.0
        sets.append((str(q), np.arange(12), x, y, "a claim"))
    model = train.fit_model(sets, [], 1000.0, 20, forest=True, features=feats)
    assert model.trees is not None and model.trees.feature.max() <= len(feats)
    raw = model.raw(sets[0][2])
    assert raw.shape == (12,) and np.isfinite(raw).all()
    assert train.set_map(model, sets) > 0.5
