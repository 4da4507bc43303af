"""Anonymous reads of /api/v1/claims/ per second on the embedded default (or DATABASE_URL).

    python benchmarks/api_reads.py [--seconds 15] [--clients 4] [--port 8760] [--articles DIR] [--import DIR]

Imports the articles (default: seeds/) into a fresh SQLite database in a temporary folder (or the
empty database DATABASE_URL names), starts gunicorn with the shipped gunicorn.conf.py (2 workers,
DEBUG on, the anonymous throttle active but raised so that nothing is refused: every read still
counts itself in the cache), and keeps ``--clients`` readers asking for a page of five claims.
With ``--import DIR``, ``import_seeds DIR`` runs meanwhile and the readers go on until it ends.
Prints reads/s, p50/p95 latency and failures (and the import's wall time). The throttle's cache
writes are what step 2 of the concurrency issue took off the database: compare the default cache
with ``CACHE_URL=db://`` (the database cache, as before).
"""
import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8760")))
    ap.add_argument("--articles", default=str(ROOT / "seeds"))
    ap.add_argument("--import", dest="import_dir", help="import_seeds this folder while the readers go on")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="api-reads."))
    env = dict(os.environ, DEBUG="1", CLAIMSDB_NO_DOTENV="1", API_ANON_RATE="100000000/minute",
               GUNICORN_WORKERS="2", GUNICORN_ACCESS_LOG="/dev/null", GUNICORN_BIND=f"127.0.0.1:{a.port}")
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp}/db.sqlite3")
    log = open(tmp / "server.log", "w")
    py = sys.executable
    for args in (["migrate", "--noinput"], ["import_seeds", a.articles]):
        subprocess.run([py, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=log, stderr=log)
    gunicorn = str(Path(py).parent / "gunicorn")
    srv = subprocess.Popen([gunicorn, "-c", "gunicorn.conf.py", "claimsdb.wsgi"], cwd=ROOT, env=env,
                           stdout=log, stderr=log, start_new_session=True)
    url = f"http://127.0.0.1:{a.port}/api/v1/claims/?page_size=5"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url, timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        times: list[float] = []
        failures = [0]
        stop = time.perf_counter() + (1e9 if a.import_dir else a.seconds)

        def reader():
            while time.perf_counter() < stop:
                t0 = time.perf_counter()
                try:
                    urllib.request.urlopen(url, timeout=30).read()
                    times.append(time.perf_counter() - t0)
                except OSError:
                    failures[0] += 1

        threads = [threading.Thread(target=reader) for _ in range(a.clients)]
        t0 = time.perf_counter()
        [t.start() for t in threads]
        imported = ""
        if a.import_dir:
            r = subprocess.run([py, "manage.py", "import_seeds", a.import_dir], cwd=ROOT, env=env,
                               capture_output=True, text=True)
            stop = time.perf_counter()  # the readers stop with the import
            imported = (f"; import_seeds exit {r.returncode} in {stop - t0:.1f} s, "
                        f"{r.stderr.count('database is locked')} 'database is locked' lines")
        [t.join() for t in threads]
        took = time.perf_counter() - t0
    finally:
        os.killpg(srv.pid, signal.SIGTERM)
        srv.wait(30)
    times.sort()
    p95 = times[int(len(times) * 0.95)] if times else float("nan")
    print(f"cache: {os.environ.get('CACHE_URL') or 'default'}; {len(times)} reads in {took:.1f} s: "
          f"{len(times) / took:.0f} reads/s, p50 {statistics.median(times) * 1000:.1f} ms, "
          f"p95 {p95 * 1000:.1f} ms, {failures[0]} failures{imported}")


if __name__ == "__main__":
    main()
