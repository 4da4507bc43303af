"""The shared match index at library scale: match latency in each worker, memory of all workers
together, and the time to index 1,000 new fact-checks.

    python benchmarks/match_scale.py [--sizes 10000 100000 300000] [--workers 3]

The library is the real CheckThat! fact-checks (2020 task 2: Snopes; 2021 task 2B: PolitiFact) and,
past their 29,639, generated ones: a real claim with a third of its words swapped for words of
another (so postings, vocabulary and vectors grow as a real library's would). The index is built
with the product's code (articles/matching/store.py, as ``manage.py build_match_index`` does; "embed s" is
the vectors computed first, as an import stores them with each row, "build s" the index), then
``--workers`` separate processes map it, as gunicorn's workers do, and answer the dev queries of
both tasks one after another (service time, not queueing on a busy machine). Memory is the sum of
the workers' proportional set sizes (a shared page counted once over all). Then 1,000 new
fact-checks (vectors computed too) are added as a segment and a new generation is published, and a
worker maps it. No database, no HTTP.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as claimsdb/__init__.py sets for the server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"

import numpy as np  # noqa: E402

from articles.matching import claimreview, ranker, semantic, store  # noqa: E402

CHUNK = 50_000


def real_reviews() -> list[tuple[str, str]]:
    out = []
    for name in ("checkthat-2020-task2", "checkthat-2021-task2b"):
        for _, r in claimreview.read(SHARED / name / "factchecks.jsonl"):
            if isinstance(r, claimreview.Review):
                out.append((r.claim_reviewed, r.title))
    return out


def queries() -> list[str]:
    out = []
    for name in ("checkthat-2020-task2/dev/tweets.queries.tsv", "checkthat-2021-task2b/dev/tweets.queries.tsv"):
        path = SHARED / name
        if path.exists():
            out += [ln.split("\t")[1] for ln in path.read_text(encoding="utf-8").splitlines()[1:] if "\t" in ln]
    return out


def generated(real: list[tuple[str, str]], start: int, count: int, seed: int) -> list[tuple[str, str]]:
    rnd = random.Random(seed)
    out = []
    for i in range(start, start + count):
        claim, title = real[i % len(real)]
        other = real[rnd.randrange(len(real))][0].split()
        words = claim.split()
        for j in range(len(words)):
            if other and rnd.random() < 0.33:
                words[j] = rnd.choice(other)
        out.append((" ".join(words), title))
    return out


def rows_for(pairs: list[tuple[str, str]], first_id: int, vectors: bool = True) -> list[store.Row]:
    vecs = ranker.vectors_many(pairs) if vectors else [None] * len(pairs)
    return [store.Row(first_id + k, c, t, vecs[k], 0) for k, (c, t) in enumerate(pairs)]


def worker(root: str) -> int:
    """One web worker: map the live generation, answer the queries, report, wait, map the next one."""
    qs = queries()
    t = time.perf_counter()
    manifest = store.read_manifest(Path(root))
    lib = store.open_generation(Path(root), manifest)
    opened = (time.perf_counter() - t) * 1000
    for q in qs[:5]:
        lib.match(q, 5)  # warm: the model, the background, first page touches
    times, cpu = [], []
    for q in qs:
        t, c = time.perf_counter(), time.process_time()
        lib.match(q, 5)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    print(json.dumps({"open_ms": opened, "times": times, "cpu": cpu}), flush=True)
    sys.stdin.readline()  # the parent measures memory now, then publishes a new generation
    # the vector part alone (after the memory sample: a serving worker never reads every vector):
    # exact cosines over every row against what the index answers with
    vecs = [semantic.embed([q])[0] for q in qs[:20]]
    c = time.process_time()
    for v in vecs:
        ranker.Library.cosines(lib, v)
    dense = (time.process_time() - c) * 1000 / len(vecs)
    c = time.process_time()
    for v in vecs:
        lib.cosines(v)
    used = (time.process_time() - c) * 1000 / len(vecs)
    t = time.perf_counter()
    lib = store.open_generation(Path(root), store.read_manifest(Path(root)))
    lib.match(qs[0], 5)
    print(json.dumps({"reopen_ms": (time.perf_counter() - t) * 1000, "rows": len(lib.ids), "dense_ms": dense,
                      "used_ms": used}), flush=True)
    sys.stdin.readline()
    return 0


def pss_mb(pid: int) -> float:
    for line in open(f"/proc/{pid}/smaps_rollup"):
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run(size: int, n_workers: int, real: list[tuple[str, str]], ann_min: int, reuse: str = "") -> dict:
    if reuse:  # an index kept by an earlier run (--keep): measure the workers again, no build
        root = Path(reuse)
        manifest = store.read_manifest(root)
        return measure(root, manifest, int(sum(len(np.load(root / s / "ids.npy", mmap_mode="r"))
                                               for s in manifest["segments"])), n_workers, real, ann_min, 0.0, 0.0)
    root = Path(tempfile.mkdtemp(prefix=f"match-scale-{size}-"))
    pairs = real[:size] + generated(real, len(real), max(0, size - len(real)), seed=size)
    # The vectors first (in production they are the stored rows' data, computed at import), a file a
    # chunk: the build below reads them twice, as build_match_index reads the rows twice.
    vec_dir = Path(tempfile.mkdtemp(prefix=f"match-scale-vectors-{size}-"))
    t0 = time.perf_counter()
    for k in range(0, len(pairs), CHUNK):
        np.save(vec_dir / f"{k}.npy", ranker.vectors_many(pairs[k:k + CHUNK]))
    embed_s = time.perf_counter() - t0

    def chunks():
        for k in range(0, len(pairs), CHUNK):
            vecs = np.load(vec_dir / f"{k}.npy", mmap_mode="r")
            yield [store.Row(k + 1 + j, c, t, vecs[j], 0) for j, (c, t) in enumerate(pairs[k:k + CHUNK])]

    t0 = time.perf_counter()
    manifest = store.build_generation(root, 1, chunks, ann_min=ann_min)
    build_s = time.perf_counter() - t0
    shutil.rmtree(vec_dir, ignore_errors=True)
    return measure(root, manifest, size, n_workers, real, ann_min, embed_s, build_s)


def measure(root: Path, manifest: dict, size: int, n_workers: int, real: list[tuple[str, str]], ann_min: int,
            embed_s: float, build_s: float) -> dict:
    procs = [subprocess.Popen([sys.executable, __file__, "--worker", str(root)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True) for _ in range(n_workers)]
    times, cpu, opens, dense, used = [], [], [], [], []
    for p in procs:  # one after another: each worker's own service time
        got = json.loads(p.stdout.readline())
        times += got["times"]
        cpu += got["cpu"]
        opens.append(got["open_ms"])
    pss = sum(pss_mb(p.pid) for p in procs)
    # 1,000 new fact-checks: vectors, a segment, a new generation
    new = generated(real, size, 1000, seed=size + 1)
    t = time.perf_counter()
    lib = store.open_generation(root, manifest)
    rows = rows_for(new, int(lib.ids.max()) + 1 if len(lib.ids) else 1)
    store.append_generation(root, manifest, rows, [], 0, lib.token_idf, ann_min=ann_min)
    add_s = time.perf_counter() - t
    reopen = []
    for p in procs:
        p.stdin.write("\n")
        p.stdin.flush()
        got = json.loads(p.stdout.readline())
        reopen.append(got["reopen_ms"])
        dense.append(got["dense_ms"])
        used.append(got["used_ms"])
        assert got["rows"] == size + 1000
    for p in procs:
        p.stdin.write("\n")
        p.stdin.flush()
        p.wait()
    disk = sum(f.stat().st_size for f in root.rglob("*") if f.is_file()) / 2**20
    times.sort()
    cpu.sort()
    return {"size": size, "embed_s": embed_s, "build_s": build_s, "median_ms": times[len(times) // 2],
            "p95_ms": times[int(len(times) * 0.95)], "cpu_median_ms": cpu[len(cpu) // 2],
            "cpu_p95_ms": cpu[int(len(cpu) * 0.95)], "dense_ms": min(dense), "used_ms": min(used), "workers": n_workers, "pss_mb": pss, "disk_mb": disk,
            "open_ms": max(opens), "add_1000_s": add_s, "reopen_ms": max(reopen), "root": str(root)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 300_000])
    ap.add_argument("--workers", type=int, default=3)
    ap.add_argument("--worker")
    ap.add_argument("--keep", action="store_true", help="keep the index folders")
    ap.add_argument("--reuse", default="", help="an index folder kept with --keep: measure the workers on it again")
    ap.add_argument("--ann-min", type=int, default=store.ANN_MIN,
                    help="segments this large get the approximate vector index (0: always)")
    a = ap.parse_args()
    if a.worker:
        return worker(a.worker)
    real = real_reviews()
    print(f"{len(real)} real fact-checks, {len(queries())} queries; {a.workers} workers; "
          f"budgets: p95 <= 50 ms, all workers <= 1536 MB, 1,000 new indexed <= 10 s", flush=True)
    print("latency: wall-clock and CPU time of one match in a worker (the machine may be shared); cosines: "
          "CPU ms a query for exact cosines over every row against the index's answer (ANN past --ann-min)")
    print(f"{'library':>8} {'embed s':>8} {'build s':>8} {'median ms':>10} {'p95 ms':>7} {'cpu med':>8} {'cpu p95':>8} "
          f"{'cos exact':>9} {'cos used':>9} {'workers MB':>11} {'disk MB':>8} {'map ms':>7} {'+1000 s':>8} "
          f"{'remap ms':>9}", flush=True)
    for size in a.sizes[:1] if a.reuse else a.sizes:
        r = run(size, a.workers, real, a.ann_min, a.reuse)
        print(f"{r['size']:>8} {r['embed_s']:>8.1f} {r['build_s']:>8.1f} {r['median_ms']:>10.1f} {r['p95_ms']:>7.1f} "
              f"{r['cpu_median_ms']:>8.1f} {r['cpu_p95_ms']:>8.1f} {r['dense_ms']:>9.2f} {r['used_ms']:>9.2f} "
              f"{r['pss_mb']:>11.0f} {r['disk_mb']:>8.0f} {r['open_ms']:>7.1f} {r['add_1000_s']:>8.1f} {r['reopen_ms']:>9.1f}"
              f"   (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)", flush=True)
        if not a.keep and not a.reuse:
            shutil.rmtree(r["root"], ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
