"""The training command's feature cache (articles/matching/train.py ``cached``)."""
import numpy as np

from articles.matching import train


def test_a_cache_folder_that_does_not_exist_yet_is_made_and_read_back(tmp_path):
    x = np.zeros((2, len(train.FEATURES)), dtype=np.float32)
    sets = [("q1", np.asarray([3, 5]), x, np.asarray([1, 0]), "tweets")]
    path = tmp_path / "new" / "cache" / "tweets.npz"
    assert train.cached(path, lambda: sets) == sets
    (qid, c, xr, y, t), = train.cached(path, lambda: [])  # read from the file, not made again
    assert (qid, t) == ("q1", "tweets") and c.tolist() == [3, 5] and y.tolist() == [1, 0] and xr.shape == x.shape
