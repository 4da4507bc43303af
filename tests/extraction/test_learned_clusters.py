"""The cue model's distributional word classes (``learned/clusters.py``): the committed map, its reader,
the features that name a word's class, and the k-means that builds the map (``train_clusters.py``)."""
import subprocess
import sys

import pytest

from articles.extraction.learned import clusters, train_clusters
from articles.extraction.learned.features import cue_features
from articles.extraction.tokens import tokenize


def _features(sentence: str, word: str) -> list[str]:
    tokens = tokenize(sentence, 0, len(sentence))
    i = next(k for k, t in enumerate(tokens) if t.low == word)
    return cue_features(tokens, i, 0, len(tokens), [False] * len(tokens))


def test_reader_shares_one_pair_per_class_and_skips_bad_lines(tmp_path):
    path = tmp_path / "map.txt"
    path.write_text("grumbled 3 41\nmuttered 3 41\nbroken line\nteapot 7 200\n", encoding="utf-8")
    m = clusters.load(str(path))
    assert m == {"grumbled": ("3", "41"), "muttered": ("3", "41"), "teapot": ("7", "200")}
    assert m["grumbled"] is m["muttered"]
    assert clusters.load(str(tmp_path / "absent.txt")) == {}


def test_committed_map_covers_words_training_rarely_shows():
    m = clusters.word_classes()
    assert len(m) > 20_000
    for word in ("said", "believes", "insisted", "worried", "the"):
        assert word in m
    coarse = {c for c, _ in m.values()}
    fine = {f for _, f in m.values()}
    assert len(coarse) == train_clusters.KS[0] and len(fine) == train_clusters.KS[1]


def test_a_word_of_the_map_gets_its_classes_alone_and_beside_its_neighbours():
    c1, c2 = clusters.word_classes()["insisted"]
    f = _features("The harbour master insisted, again, that the ferry was safe.", "insisted")
    assert "c1=" + c1 in f and "c2=" + c2 in f
    assert "c2|n1s=" + c2 + "|," in f and "c1|n1s=" + c1 + "|," in f
    assert "c1|p1s=" + c1 + "|<w>" in f
    # the coarse classes of the words around it
    assert "p1c=" + clusters.word_classes()["master"][0] in f
    assert not any(x.startswith("n1c=") for x in f)  # a comma has no class: its shape says it


def test_words_of_one_class_share_their_class_features():
    m = clusters.word_classes()
    by_fine: dict[str, list[str]] = {}
    for w, (_, fine) in m.items():
        if w.isalpha() and len(w) > 4:
            by_fine.setdefault(fine, []).append(w)
    a, b = next(sorted(ws)[:2] for ws in by_fine.values() if len(ws) >= 2)
    fa = {x for x in _features(f"The clerk {a} the answer.", a) if x.startswith(("c1", "c2"))}
    fb = {x for x in _features(f"The clerk {b} the answer.", b) if x.startswith(("c1", "c2"))}
    assert fa and fa == fb


def test_a_word_outside_the_map_gets_no_class_feature():
    f = _features("The clerk zqxvbrated the answer.", "zqxvbrated")
    assert not any(x.startswith(("c1=", "c2=")) for x in f)


def test_kmeans_is_deterministic_and_separates_distinct_groups():
    np = pytest.importorskip("numpy")
    rng = np.random.default_rng(0)
    a = rng.normal([5, 0, 0], 0.1, size=(30, 3))
    b = rng.normal([0, 5, 0], 0.1, size=(30, 3))
    x = np.vstack([a, b]).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    one = train_clusters.kmeans(x, 2, seed=4)
    two = train_clusters.kmeans(x, 2, seed=4)
    assert (one == two).all()
    assert len(set(one[:30])) == 1 and len(set(one[30:])) == 1 and one[0] != one[30]


def test_the_extraction_reads_the_map_without_wordllama():
    code = ("import sys\nfrom articles.extraction import extract_article, parse\n"
            "art = parse('Ferry news\\n\\n3 March 2019\\n\\nThe harbour master insisted that the ferry "
            "was safe, officials said.\\n\\n- The Daily Example\\n')\n"
            "assert extract_article(art).claims\n"
            "print('wordllama' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("content", [None, b"version https://git-lfs.github.com/spec/v1\noid sha256:ab12\nsize 912345\n",
                                     b"said 3 41\n\xff\xfe\x00garbage 1 2\n"])
def test_a_missing_or_unreadable_map_is_said_not_silent(tmp_path, monkeypatch, caplog, content):
    import warnings

    path = tmp_path / "word_clusters.txt"
    if content is not None:
        path.write_bytes(content)
    monkeypatch.setattr(clusters, "_DEFAULT", str(path))
    clusters.load.cache_clear()
    try:
        with warnings.catch_warnings(record=True) as seen, caplog.at_level("WARNING"):
            warnings.simplefilter("always")
            clusters.word_classes()
    except (OSError, ValueError) as e:  # a clear error naming the file is as good as a warning
        assert "word_clusters" in str(e)
        return
    finally:
        clusters.load.cache_clear()
    said = [str(w.message) for w in seen] + [r.getMessage() for r in caplog.records]
    assert any("word_clusters" in s for s in said)
