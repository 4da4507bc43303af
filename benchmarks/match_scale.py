"""The shared match index at library scale: match latency in each worker, memory of all workers
together, and the time to index 1,000 new fact-checks.

    python benchmarks/match_scale.py [--sizes 10000 100000 300000] [--workers 3] [--dense-cache DIR]
        [--no-preload]

Run it under ``nice -n 10`` with ``--workers 2`` or ``3`` on a shared two-core machine.

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

Match model 2.6 (the sentence encoder's cosines, ``dense.py``): every row carries the encoder's
float16 vectors, so the workers score with 2.6, not its fallback. The real fact-checks' vectors are
the encoder's own (``--dense-cache``: a folder of ``train.py --dense-cache``'s files, keyed by the
texts, made there when missing: ~10 min a library). A generated record's vectors are SYNTHESIZED, not
encoded: those of the real record it was made from, perturbed (Gaussian noise, cosine ~0.85 to it)
and renormalised; encoding 300,000 of them would take one to two core-hours here. What encoding
costs is printed apart: the encoder's measured throughput (texts/s, two texts a fact-check) and what
the 1,000 new fact-checks' vectors would take at that rate, beside "+1000 s" (which synthesizes them).
As gunicorn does (``preload_app``, ``gunicorn.conf.py``'s ``when_ready``: ``matching.warm``), one
server process loads the matcher (the encoder's weights, the model) and forks the workers, which share
those pages; ``--no-preload`` forks first (each worker loads its own copy on its first match).
Memory is the server process's and its workers' PSS together.
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import json
import multiprocessing
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

from articles.matching import claimreview, dense, encoder, ranker, semantic, store, train  # noqa: E402

CHUNK = 50_000


def real_reviews(dense_cache: Path | None) -> tuple[list[tuple[str, str]], np.ndarray | None]:
    """The real fact-checks' (claim, title) and their encoder vectors ((n, 2, 384) float16; None
    without the encoder)."""
    out, vecs = [], []
    for name in ("checkthat-2020-task2", "checkthat-2021-task2b"):
        pairs = [(r.claim_reviewed, r.title) for r in reviews(name)]
        out += pairs
        vecs.append(cached_dense(dense_cache, pairs))
    return out, (None if any(v is None for v in vecs) else np.concatenate(vecs))


def reviews(name: str) -> list[claimreview.Review]:
    """A CheckThat! library's fact-checks (``SHARED/<name>/factchecks.jsonl``)."""
    return [r for _, r in claimreview.read(SHARED / name / "factchecks.jsonl") if isinstance(r, claimreview.Review)]


def dev_library(name: str, dense_cache: Path | None = Path("/tmp/m-scale-dcache")):
    """A CheckThat! library and its dev split, for the benchmarks that score MAP@5 through the store:
    the reviews, their encoder vectors, their document ids, the dev queries and their relevant ids."""
    revs = reviews(name)
    dv = cached_dense(dense_cache, [(r.claim_reviewed, r.title) for r in revs])
    q, rel = train.read_split(SHARED / name / "dev")
    return revs, dv, [train.docid(r.url) for r in revs], q, rel


def cached_dense(folder: Path | None, pairs: list[tuple[str, str]]) -> np.ndarray | None:
    """``train.cached_dense``'s file for these pairs (the same key and contents), made when missing."""
    if not encoder.available():
        return None
    key = hashlib.blake2b("\n".join(f"{c}\t{t}" for c, t in pairs).encode(), digest_size=8).hexdigest()
    path = folder / f"dense-{key}.npy" if folder else None
    if path is not None and path.exists():
        return np.load(path)
    print(f"encoding {len(pairs)} real fact-checks (~10 min a library; --dense-cache keeps them)", flush=True)
    made = dense.many(pairs)
    if path is not None:
        folder.mkdir(parents=True, exist_ok=True)
        np.save(path, made)
    return made


def queries() -> list[str]:
    out = []
    for name in ("checkthat-2020-task2/dev/tweets.queries.tsv", "checkthat-2021-task2b/dev/tweets.queries.tsv"):
        path = SHARED / name
        if path.exists():
            out += [ln.split("\t")[1] for ln in path.read_text(encoding="utf-8").splitlines()[1:] if "\t" in ln]
    return out


def generated(real: list[tuple[str, str]], start: int, count: int, seed: int) -> list[tuple[str, str]]:
    """Records ``start`` to ``start + count``: record i made from real record ``i % len(real)``."""
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


NOISE = 0.032  # per component: a unit 384-d vector plus this noise keeps cosine ~0.85 to it


def dense_of(real_dense: np.ndarray | None, start: int, count: int, n_real: int, seed: int) -> np.ndarray | None:
    """Vectors of records ``start`` to ``start + count``: a real record's own; a generated one's
    SYNTHESIZED from its real record's (perturbed, renormalised: see the module doc)."""
    if real_dense is None:
        return None
    pos = np.arange(start, start + count)
    out = real_dense[pos % n_real].astype(np.float32)
    gen = pos >= n_real
    if gen.any():
        rng = np.random.default_rng(seed)
        out[gen] += rng.normal(0.0, NOISE, size=out[gen].shape).astype(np.float32)
        out[gen] /= np.maximum(np.linalg.norm(out[gen], axis=-1, keepdims=True), 1e-12)
    return out.astype(np.float16)


def rows_for(pairs: list[tuple[str, str]], first_id: int, dvecs: np.ndarray | None) -> list[store.Row]:
    vecs = ranker.vectors_many(pairs)
    return [store.Row(first_id + k, c, t, vecs[k], 0, dense=None if dvecs is None else dvecs[k])
            for k, (c, t) in enumerate(pairs)]


def encoding_rate(real: list[tuple[str, str]], n: int = 150) -> float:
    """The encoder's throughput here (texts a CPU second: one core): n real fact-checks' claims and titles."""
    if not encoder.available():
        return 0.0
    pairs = real[:: max(1, len(real) // n)][:n]
    encoder.encoder()  # loading is not encoding
    t = time.process_time()
    dense.many(pairs)
    return 2 * len(pairs) / (time.process_time() - t)


def worker(root: str, conn) -> None:
    """One web worker (forked by ``server``): map the live generation, answer the queries, report,
    wait, map the next one."""
    gc.freeze()  # as gunicorn.conf.py's post_fork
    qs = queries()
    conn.recv()
    t = time.perf_counter()
    manifest = store.read_manifest(Path(root))
    lib = store.open_generation(Path(root), manifest)
    opened = (time.perf_counter() - t) * 1000
    model = ranker.default_model().for_library(lib)
    for q in qs[:5]:
        lib.match(q, 5)  # warm: the model, the background, first page touches
    times, cpu = [], []
    for q in qs:
        t, c = time.perf_counter(), time.process_time()
        lib.match(q, 5)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    conn.send({"open_ms": opened, "times": times, "cpu": cpu, "model": model.version})
    conn.recv()  # the parent measures memory now, then publishes a new generation
    # the vector parts alone (after the memory sample: a serving worker never reads every vector):
    # exact cosines over every row against what the index answers with; the encoder's passes
    vecs = [semantic.embed([q])[0] for q in qs[:20]]
    c = time.process_time()
    for v in vecs:
        ranker.Library.cosines(lib, v)
    exact = (time.process_time() - c) * 1000 / len(vecs)
    c = time.process_time()
    for v in vecs:
        lib.cosines(v)
    used = (time.process_time() - c) * 1000 / len(vecs)
    enc_ms = dense_ms = 0.0
    if lib.dense is not None and encoder.available():
        c = time.process_time()
        qv = [encoder.encode([q])[0] for q in qs[:20]]
        enc_ms = (time.process_time() - c) * 1000 / len(qv)
        c = time.process_time()
        for v in qv:
            for view in dense.VIEWS:
                lib.dense[view] @ v
        dense_ms = (time.process_time() - c) * 1000 / len(qv)
    t = time.perf_counter()
    lib = store.open_generation(Path(root), store.read_manifest(Path(root)))
    lib.match(qs[0], 5)
    conn.send({"reopen_ms": (time.perf_counter() - t) * 1000, "rows": len(lib.ids), "exact_ms": exact,
               "used_ms": used, "enc_ms": enc_ms, "dense_ms": dense_ms})
    conn.recv()


def server(root: str, n_workers: int, preload: bool) -> int:
    """The server: load the matcher (``preload``, as gunicorn's master with preload_app), fork the
    workers, and pass the benchmark's steps to them one after another (each worker's own service time)."""
    if preload:
        store.warm(Path(root))
    ctx = multiprocessing.get_context("fork")
    conns, procs = [], []
    for _ in range(n_workers):
        a, b = ctx.Pipe()
        p = ctx.Process(target=worker, args=(root, b))
        p.start()
        conns.append(a)
        procs.append(p)
    print(json.dumps({"pids": [os.getpid()] + [p.pid for p in procs]}), flush=True)
    for _ in range(2):
        for a in conns:
            a.send("go")
            print(json.dumps(a.recv()), flush=True)
        sys.stdin.readline()
    for a, p in zip(conns, procs, strict=True):
        a.send("stop")
        p.join()
    return 0


def pss_mb(pid: int) -> float:
    for line in open(f"/proc/{pid}/smaps_rollup"):
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def smaps_top(pid: int, n: int = 8) -> list[tuple[str, float]]:
    """A process's largest PSS (MB) by what is mapped (file name, or [heap] / anonymous)."""
    by: dict[str, float] = {}
    name = "?"
    for line in open(f"/proc/{pid}/smaps"):
        parts = line.split()
        if not parts:
            continue
        if "-" in parts[0] and len(parts) >= 5 and not parts[0].endswith(":"):
            name = Path(parts[5]).name if len(parts) >= 6 else "[anon]"
        elif parts[0] == "Pss:":
            by[name] = by.get(name, 0.0) + int(parts[1]) / 1024
    return sorted(by.items(), key=lambda kv: -kv[1])[:n]


def run(size: int, a, real: list[tuple[str, str]], real_dense: np.ndarray | None) -> dict:
    if a.reuse:  # an index kept by an earlier run (--keep): measure the workers again, no build
        root = Path(a.reuse)
        manifest = store.read_manifest(root)
        return measure(root, manifest, int(sum(len(np.load(root / s / "ids.npy", mmap_mode="r"))
                                               for s in manifest["segments"])), a, real, real_dense, 0.0, 0.0)
    root = Path(tempfile.mkdtemp(prefix=f"match-scale-{size}-"))
    pairs = real[:size] + generated(real, len(real), max(0, size - len(real)), seed=size)
    # The vectors first (in production they are the stored rows' data, computed at import), a file a
    # chunk: the build below reads them twice, as build_match_index reads the rows twice.
    vec_dir = Path(tempfile.mkdtemp(prefix=f"match-scale-vectors-{size}-"))
    t0 = time.perf_counter()
    for k in range(0, len(pairs), CHUNK):
        np.save(vec_dir / f"{k}.npy", ranker.vectors_many(pairs[k:k + CHUNK]))
        d = dense_of(real_dense, k, min(CHUNK, len(pairs) - k), len(real), seed=size + k)
        if d is not None:
            np.save(vec_dir / f"{k}.dense.npy", d)
    embed_s = time.perf_counter() - t0

    def chunks():
        for k in range(0, len(pairs), CHUNK):
            vecs = np.load(vec_dir / f"{k}.npy", mmap_mode="r")
            dv = np.load(vec_dir / f"{k}.dense.npy", mmap_mode="r") if real_dense is not None else None
            yield [store.Row(k + 1 + j, c, t, vecs[j], 0, dense=None if dv is None else dv[j])
                   for j, (c, t) in enumerate(pairs[k:k + CHUNK])]

    t0 = time.perf_counter()
    manifest = store.build_generation(root, 1, chunks, ann_min=a.ann_min)
    build_s = time.perf_counter() - t0
    shutil.rmtree(vec_dir, ignore_errors=True)
    return measure(root, manifest, size, a, real, real_dense, embed_s, build_s)


def measure(root: Path, manifest: dict, size: int, a, real: list[tuple[str, str]], real_dense: np.ndarray | None,
            embed_s: float, build_s: float) -> dict:
    cmd = [sys.executable, __file__, "--server", str(root), "--workers", str(a.workers)]
    proc = subprocess.Popen(cmd + ([] if a.preload else ["--no-preload"]), stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    pids = json.loads(proc.stdout.readline())["pids"]
    times, cpu, opens, phase2, models = [], [], [], [], set()
    for _ in range(a.workers):
        got = json.loads(proc.stdout.readline())
        times += got["times"]
        cpu += got["cpu"]
        opens.append(got["open_ms"])
        models.add(got["model"])
    each = [pss_mb(p) for p in pids]
    pss = sum(each)
    if a.memory_detail:
        for p in pids:
            print(f"  pid {p}: " + ", ".join(f"{name} {mb:.0f}" for name, mb in smaps_top(p)), flush=True)
    # 1,000 new fact-checks: vectors, a segment, a new generation
    new = generated(real, size, 1000, seed=size + 1)
    t = time.perf_counter()
    lib = store.open_generation(root, manifest)
    rows = rows_for(new, int(lib.ids.max()) + 1 if len(lib.ids) else 1,
                    dense_of(real_dense, max(size, len(real)), 1000, len(real), seed=size + 1))
    store.append_generation(root, manifest, rows, [], 0, lib.token_idf, ann_min=a.ann_min)
    add_s = time.perf_counter() - t
    proc.stdin.write("\n")
    proc.stdin.flush()
    for _ in range(a.workers):
        got = json.loads(proc.stdout.readline())
        phase2.append(got)
        assert got["rows"] == size + 1000
    proc.stdin.write("\n")
    proc.stdin.flush()
    proc.wait()
    disk = sum(f.stat().st_size for f in root.rglob("*") if f.is_file()) / 2**20
    times.sort()
    cpu.sort()
    return {"size": size, "embed_s": embed_s, "build_s": build_s, "median_ms": times[len(times) // 2],
            "p95_ms": times[int(len(times) * 0.95)], "cpu_median_ms": cpu[len(cpu) // 2],
            "cpu_p95_ms": cpu[int(len(cpu) * 0.95)], "exact_ms": min(g["exact_ms"] for g in phase2),
            "used_ms": min(g["used_ms"] for g in phase2), "enc_ms": min(g["enc_ms"] for g in phase2),
            "dense_ms": min(g["dense_ms"] for g in phase2), "workers": a.workers, "pss_mb": pss,
            "each_mb": each, "disk_mb": disk, "open_ms": max(opens), "add_1000_s": add_s,
            "reopen_ms": max(g["reopen_ms"] for g in phase2), "root": str(root), "models": sorted(models)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 300_000])
    ap.add_argument("--workers", type=int, default=3)
    ap.add_argument("--server")
    ap.add_argument("--no-preload", dest="preload", action="store_false",
                    help="fork the workers before loading the matcher (each loads its own on its first match)")
    ap.add_argument("--dense-cache", type=Path, help="folder of the real fact-checks' encoder vectors "
                    "(train.py --dense-cache's files; made there when missing)")
    ap.add_argument("--keep", action="store_true", help="keep the index folders")
    ap.add_argument("--memory-detail", action="store_true", help="each process's largest mappings by PSS")
    ap.add_argument("--reuse", default="", help="an index folder kept with --keep: measure the workers on it again")
    ap.add_argument("--ann-min", type=int, default=store.ANN_MIN,
                    help="segments this large get the approximate vector index (0: always)")
    a = ap.parse_args()
    if a.server:
        return server(a.server, a.workers, a.preload)
    real, real_dense = real_reviews(a.dense_cache)
    rate = encoding_rate(real)
    print(f"{len(real)} real fact-checks, {len(queries())} queries; {a.workers} workers "
          f"({'preloaded' if a.preload else 'no preload'}); budgets: p95 <= 50 ms, server <= 1536 MB, "
          f"1,000 new indexed <= 10 s", flush=True)
    print(f"encoder vectors: {'real for the real records, synthesized for generated ones' if real_dense is not None else 'none (no encoder): fallback model'}; "
          f"encoding measured at {rate:.0f} texts a CPU second (1,000 new fact-checks: {2000 / rate if rate else 0:.0f} s)",
          flush=True)
    print("latency: wall-clock and CPU time of one match in a worker (the machine may be shared); cos exact/used: "
          "CPU ms a query for exact WordLlama cosines over every row against the index's answer (ANN past --ann-min); "
          "enc q: CPU ms to encode a query; dense: CPU ms a query over the encoder's vectors (claim and title)")
    print(f"{'library':>8} {'embed s':>8} {'build s':>8} {'median ms':>10} {'p95 ms':>7} {'cpu med':>8} {'cpu p95':>8} "
          f"{'cos exact':>9} {'cos used':>9} {'enc q':>6} {'dense':>6} {'server MB':>10} {'disk MB':>8} {'map ms':>7} "
          f"{'+1000 s':>8} {'remap ms':>9} model", flush=True)
    for size in a.sizes[:1] if a.reuse else a.sizes:
        r = run(size, a, real, real_dense)
        print(f"{r['size']:>8} {r['embed_s']:>8.1f} {r['build_s']:>8.1f} {r['median_ms']:>10.1f} {r['p95_ms']:>7.1f} "
              f"{r['cpu_median_ms']:>8.1f} {r['cpu_p95_ms']:>8.1f} {r['exact_ms']:>9.2f} {r['used_ms']:>9.2f} "
              f"{r['enc_ms']:>6.1f} {r['dense_ms']:>6.1f} {r['pss_mb']:>10.0f} {r['disk_mb']:>8.0f} {r['open_ms']:>7.1f} "
              f"{r['add_1000_s']:>8.1f} {r['reopen_ms']:>9.1f} {','.join(r['models'])}"
              f"   (server {r['each_mb'][0]:.0f} MB + workers {', '.join(f'{m:.0f}' for m in r['each_mb'][1:])})"
              f"   (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)", flush=True)
        if not a.keep and not a.reuse:
            shutil.rmtree(r["root"], ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
