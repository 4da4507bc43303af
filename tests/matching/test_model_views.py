"""A match computes only the WordLlama views its model uses (``MatchModel.views``): a view whose features
carry no weight and whose list gives no candidates is neither searched nor are its rows read, and the
ranking is the same as with every view computed."""
import numpy as np
import pytest

from articles.matching import genre, index_build, ranker, store
from tests.matching.test_store import QUERIES, build, entries

TITLE = [f"cos_title_{k}" for k in ("abs", "gap", "rank")]


def without_title() -> dict:
    """Model 2.5 (the shipped fallback: no encoder features, it weighs the title view) with its title
    view's weights set to 0."""
    data = ranker.MatchModel.load().fallback.to_json()
    data["weights"] = [0.0 if f in TITLE else w for f, w in zip(data["features"], data["weights"], strict=True)]
    return data


def with_title() -> dict:
    data = without_title()
    data["weights"][data["features"].index("cos_title_gap")] = 0.05
    return data


def test_the_views_follow_the_models_weights_lists_and_trees():
    assert ranker.MatchModel(without_title()).views == ("claim", "both")
    assert ranker.MatchModel(with_title()).views == ("claim", "title", "both")
    # the shipped model: 2.6 gives the title view weight 0, its fallback 2.5 weighs it
    assert "title" not in ranker.MatchModel.load().views
    assert "title" in ranker.MatchModel.load().fallback.views
    # a list of the title view's candidates needs its cosines
    assert ranker.MatchModel({**without_title(), "lists": {"cos_title": 20}}).views == ("claim", "title", "both")
    # a tree's split on the post's copy of a title feature (genre.kind_features) needs them too
    data = without_title()
    data["features"] = data["features"] + [genre.KIND_PREFIX + "cos_title_abs"]
    for key in ("mean", "scale", "low", "high"):
        data[key] = data[key] + [1.0 if key == "scale" else 0.0]
    data["weights"] = data["weights"] + [0.0]
    assert ranker.MatchModel(data).views == ("claim", "both")
    n = len(data["features"])
    data["trees"] = {"baseline": 0.0, "roots": [0], "feature": [n - 1, 0, 0], "threshold": [0.5, 0.0, 0.0],
                     "left": [1, -1, -1], "right": [2, -1, -1], "value": [0.0, -1.0, 1.0]}
    assert ranker.MatchModel(data).views == ("claim", "title", "both")


class Counted:
    """A view's rows (or graph) whose reads and searches are counted."""

    def __init__(self, inner, log, name):
        self.inner, self.log, self.name = inner, log, name

    def __getitem__(self, idx):
        self.log.append((self.name, "rows"))
        return self.inner[idx]

    def __matmul__(self, q):
        self.log.append((self.name, "all rows"))
        return self.inner @ q

    def search(self, q, k, threads=1):
        self.log.append((self.name, "search"))
        return self.inner.search(q, k, threads=threads)


def _count(lib, log):
    lib.vectors = {v: Counted(r, log, v) for v, r in lib.vectors.items()}
    for b in getattr(lib, "blocks", ()):
        for v, (rows, graph) in list(b.items()):
            b[v] = (Counted(rows, log, v), Counted(graph, log, v) if graph is not None else None)


def _every_view(monkeypatch):
    monkeypatch.setattr(ranker.MatchModel, "views", property(lambda self: ranker.VIEWS))


@pytest.mark.parametrize("layout", ["memory", "graph a view", "joint graph"])
def test_a_model_without_the_title_views_weight_never_searches_nor_reads_it(tmp_path, monkeypatch, layout):
    es = entries(150)
    if layout == "memory":
        lib = ranker.Library(es, dense=False)
    else:  # a graph a view (float16, FORMAT 5) or the int8 codes and one joint graph (FORMAT 7)
        monkeypatch.setattr(index_build, "ANN_DTYPE", "f16" if layout == "graph a view" else "i8")
        lib = store.open_generation(tmp_path, build(tmp_path, es, ann_min=0))
    log = []
    _count(lib, log)
    off, on = ranker.MatchModel(without_title()), ranker.MatchModel(with_title())
    queries = QUERIES + [es[42].claim]
    got = [lib.match(q, 5, model=off) for q in queries]
    assert log and not [e for e in log if e[0] == "title"]
    if layout == "graph a view":
        assert ("claim", "search") in log and ("both", "search") in log
    # the same ranking, scores bit for bit, as with every view computed
    _every_view(monkeypatch)
    log.clear()
    want = [lib.match(q, 5, model=off) for q in queries]
    assert [e for e in log if e[0] == "title"]
    assert got == want
    # a model that weighs the title view gets it
    monkeypatch.undo()
    log.clear()
    lib.match(QUERIES[0], 5, model=on)
    assert ("title", "search" if layout == "graph a view" else "rows" if layout != "memory" else "all rows") in log


def test_a_rewritten_claim_reads_only_the_view_of_its_list(tmp_path, monkeypatch):
    monkeypatch.setattr(index_build, "ANN_DTYPE", "i8")
    es = entries(150)
    lib = store.open_generation(tmp_path, build(tmp_path, es, ann_min=0))
    calls = []
    cosines = store.StoredLibrary.cosines

    def spy(self, qvec, views=ranker.VIEWS):
        calls.append(tuple(views))
        return cosines(self, qvec, views)

    monkeypatch.setattr(store.StoredLibrary, "cosines", spy)
    model = ranker.MatchModel(with_title())
    ctx = ranker.Context(speaker="Jane Smith")
    got = lib.match("he says the border wall costs a fortune", 5, model=model, context=ctx)
    # the claim's own query every view the model uses, the rewritten one (its list, its two features) "both"
    assert calls == [("claim", "title", "both"), ("both",)]
    monkeypatch.setattr(store.StoredLibrary, "cosines", lambda self, q, views=ranker.VIEWS: cosines(self, q))
    assert got == lib.match("he says the border wall costs a fortune", 5, model=model, context=ctx)
    assert np.isfinite([r.score for r in got]).all()
