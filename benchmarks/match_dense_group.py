"""MAP@5 on 2020 dev and 2B dev through the store (no database) with each library built as a build's
segments (``--segment-rows``, one WordLlama graph a view over them, as a 100k-300k library is), the
encoder's vectors searched three ways on the same index: one graph a view over the build's segments
(``index_build.build_dense_ann``), a graph a segment (the layout before), and brute force; with the
top 5 each shares with brute force's and the CPU time a match. Run from the repository root:

    python benchmarks/match_dense_group.py    # ../shared; the vectors cached in /tmp/m-scale-dcache
    python benchmarks/match_dense_group.py --index DIR   # a match_scale.py --keep index: the two graph
        # layouts on it in one process, interleaved query by query (CPU a match, top 5 identical)
"""
import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import match_scale  # noqa: E402
import numpy as np  # noqa: E402

from articles.matching import dense, index_build, ranker, store, train  # noqa: E402


def layout(mode: str, root: Path, manifest: dict):
    """The library with its encoder vectors searched as ``mode`` says (the same segments)."""
    if mode == "group":
        return store.open_generation(root, manifest)
    if mode == "segment":
        for s in manifest["segments"]:  # as written before: a graph a segment past DENSE_ANN_MIN
            if not (root / s / "dense-ann.claim.usearch").exists():
                index_build.write_dense_ann(root / s)
        group = root / manifest["ann"][0]["folder"]
        for v in dense.VIEWS:  # the reader falls back to the segments' own graphs
            (group / f"dense-ann.{v}.usearch").rename(group / f"dense-ann.{v}.aside")
        lib = store.open_generation(root, manifest)
        for v in dense.VIEWS:
            (group / f"dense-ann.{v}.aside").rename(group / f"dense-ann.{v}.usearch")
        return lib
    lib = store.open_generation(root, manifest)
    for v in dense.VIEWS:
        d = lib.dense[v]
        d.blocks, d.approximate = [(k, k + 1, None) for k in range(len(lib.segments))], False
    return lib


def speed(root: Path, passes: int = 2) -> None:
    """One graph a view against a graph a segment on a kept index, in one process, alternating which
    layout runs first query by query."""
    manifest = store.read_manifest(root)
    store.warm(root)
    libs = {"group": layout("group", root, manifest), "segment": layout("segment", root, manifest)}
    for name, lib in libs.items():
        print(name, "blocks (first, end, searched):",
              [(lo, hi, a is not None) for lo, hi, a in lib.dense["claim"].blocks], flush=True)
    qs = match_scale.queries()
    for lib in libs.values():
        ranker.default_model().for_library(lib)
        for q in qs[:10]:
            lib.match(q, 5)
    cpu = {k: [] for k in libs}
    same, overlap = 0, []
    for rep in range(passes):
        for i, q in enumerate(qs):
            got = {}
            for name in ("group", "segment") if (i + rep) % 2 else ("segment", "group"):
                t = time.process_time()
                got[name] = [m.id for m in libs[name].match(q, 5)]
                cpu[name].append((time.process_time() - t) * 1000)
            same += got["group"] == got["segment"]
            overlap.append(len(set(got["group"]) & set(got["segment"])) / max(len(got["segment"]), 1))
    for name, v in cpu.items():
        print(f"{name}: CPU median {np.median(v):.1f} p95 {np.percentile(v, 95):.1f} ms a match", flush=True)
    print(f"top 5 identical {same} of {len(overlap)}, overlap {np.mean(overlap):.4f}; load {os.getloadavg()[0]:.1f}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--segment-rows", type=int, default=4000)
    ap.add_argument("--index", type=Path, help="a match_scale.py --keep index: the layouts' speed on it")
    a = ap.parse_args()
    if a.index:
        speed(a.index)
        return 0
    index_build.DENSE_ANN_MIN = 0  # the dev libraries' segments: a graph each
    for name in ("checkthat-2020-task2", "checkthat-2021-task2b"):
        revs, dv, docids, q, rel = match_scale.dev_library(name)
        root = Path(tempfile.mkdtemp(prefix="match-dense-group-"))

        def rows(revs=revs, dv=dv):
            return iter([[store.Row(i + 1, r.claim_reviewed, r.title, None, 0, claimant=r.claimant,
                                    published=r.date_published, dense=dv[i]) for i, r in enumerate(revs)]])
        manifest = store.build_generation(root, 1, rows, ann_min=0, segment_rows=a.segment_rows)
        tops = {}
        for mode in ("brute", "segment", "group"):
            lib = layout(mode, root, manifest)
            model = ranker.default_model().for_library(lib)
            aps, got_all = [], []
            t = time.process_time()
            for qid, qq in q:
                got = [docids[r.id - 1] for r in lib.match(qq, 5, model)]
                got_all.append(got)
                aps.append(train.ap_at_5(got, rel.get(qid, set())))
            ms = (time.process_time() - t) * 1000 / len(q)
            tops[mode] = got_all
            same = np.mean([len(set(g) & set(b)) / max(len(b), 1) for g, b in zip(got_all, tops["brute"], strict=True)])
            print(f"{name} {len(lib.segments)} segments, {mode}: MAP@5 {np.mean(aps):.4f}  top 5 shared with brute "
                  f"force {same:.4f}  cpu ms/query {ms:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
