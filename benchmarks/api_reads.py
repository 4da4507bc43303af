"""Anonymous reads of /api/v1/claims/ per second on the embedded default (or DATABASE_URL).

    python benchmarks/api_reads.py [--seconds 15] [--clients 4] [--port 8760] [--articles DIR] [--import DIR] [--editor]

Imports the articles (default: seeds/) into a fresh SQLite database in a temporary folder (or the
empty database DATABASE_URL names), starts gunicorn with the shipped gunicorn.conf.py (2 workers,
DEBUG on, the anonymous throttle active but raised so that nothing is refused: every read still
counts itself in the cache), and keeps ``--clients`` readers asking for a page of five claims.
With ``--import DIR``, ``import_seeds DIR`` runs meanwhile and the readers go on until it ends;
with ``--editor``, an editor PATCHes a claim's rationale (token) every 50 ms meanwhile: its p50/p95
latency, failures, and whether the last acknowledged edit is the stored one.
Prints reads/s, p50/p95 latency and failures (and the import's wall time). The throttle's cache
writes are what step 2 of the concurrency issue took off the database: compare the default cache
with ``CACHE_URL=db://`` (the database cache, as before).
"""
import argparse
import json
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
PY = sys.executable
EDITOR = ("from django.contrib.auth.models import User; from rest_framework.authtoken.models import Token;"
          "from articles.models import Claim; u = User.objects.create_superuser('ed', 'ed@example.org', 'pw-bench-1');"
          "print(Token.objects.create(user=u).key, Claim.objects.order_by('id').first().id)")


class Load:
    """Readers (and an editor) against the server until ``stop``."""

    def __init__(self, base: str, clients: int, editor: tuple[str, str] | None):
        self.base, self.editor_auth = base, editor
        self.stop = time.perf_counter() + 1e9
        self.reads: list[float] = []
        self.patches: list[float] = []
        self.failures = {"read": 0, "patch": 0}
        self.acked = None
        self.threads = [threading.Thread(target=self.reader) for _ in range(clients)]
        if editor:
            self.threads.append(threading.Thread(target=self.editor))

    def reader(self):
        while time.perf_counter() < self.stop:
            t0 = time.perf_counter()
            try:
                urllib.request.urlopen(self.base + "/claims/?page_size=5", timeout=30).read()
                self.reads.append(time.perf_counter() - t0)
            except OSError:
                self.failures["read"] += 1

    def editor(self):
        token, claim_id = self.editor_auth
        i = 0
        while time.perf_counter() < self.stop:
            i += 1
            req = urllib.request.Request(f"{self.base}/claims/{claim_id}/", method="PATCH",
                                         data=json.dumps({"rationale": f"rationale {i}"}).encode(),
                                         headers={"Authorization": f"Token {token}", "Content-Type": "application/json"})
            t0 = time.perf_counter()
            try:
                urllib.request.urlopen(req, timeout=60).read()
                self.patches.append(time.perf_counter() - t0)
                self.acked = f"rationale {i}"
            except OSError:
                self.failures["patch"] += 1
            time.sleep(0.05)


def percentiles(times: list[float]) -> str:
    if not times:
        return "no timings"
    times = sorted(times)
    return (f"p50 {statistics.median(times) * 1000:.0f} ms, p95 {times[int(len(times) * 0.95)] * 1000:.0f} ms, "
            f"max {times[-1] * 1000:.0f} ms")


def manage(env, *args, **kw):
    return subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, **kw)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8760")))
    ap.add_argument("--articles", default=str(ROOT / "seeds"))
    ap.add_argument("--import", dest="import_dir", help="import_seeds this folder while the readers go on")
    ap.add_argument("--editor", action="store_true", help="an editor PATCHes a claim meanwhile")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="api-reads."))
    env = dict(os.environ, DEBUG="1", CLAIMSDB_NO_DOTENV="1", API_ANON_RATE="100000000/minute",
               GUNICORN_WORKERS="2", GUNICORN_ACCESS_LOG="/dev/null", GUNICORN_BIND=f"127.0.0.1:{a.port}")
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp}/db.sqlite3")
    log = open(tmp / "server.log", "w")
    for args in (["migrate", "--noinput"], ["import_seeds", a.articles]):
        manage(env, *args, check=True, stdout=log, stderr=log)
    editor = manage(env, "shell", "-c", EDITOR, capture_output=True, text=True, check=True).stdout.split()[-2:]
    srv = subprocess.Popen([str(Path(PY).parent / "gunicorn"), "-c", "gunicorn.conf.py", "claimsdb.wsgi"], cwd=ROOT,
                           env=env, stdout=log, stderr=log, start_new_session=True)
    base = f"http://127.0.0.1:{a.port}/api/v1"
    imported = ""
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/claims/?page_size=1", timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        load = Load(base, a.clients, tuple(editor) if a.editor else None)
        t0 = time.perf_counter()
        [t.start() for t in load.threads]
        if a.import_dir:
            r = manage(env, "import_seeds", a.import_dir, capture_output=True, text=True)
            imported = (f"; import_seeds exit {r.returncode} in {time.perf_counter() - t0:.1f} s, "
                        f"{r.stderr.count('database is locked')} 'database is locked' lines")
        else:
            time.sleep(a.seconds)
        load.stop = time.perf_counter()
        [t.join() for t in load.threads]
        took = time.perf_counter() - t0
    finally:
        os.killpg(srv.pid, signal.SIGTERM)
        srv.wait(30)
    print(f"cache: {os.environ.get('CACHE_URL') or 'default'}; {len(load.reads)} reads in {took:.1f} s: "
          f"{len(load.reads) / took:.0f} reads/s, {percentiles(load.reads)}, {load.failures['read']} failures{imported}")
    if a.editor:
        stored = manage(env, "shell", "-c", f"from articles.models import Claim; print(Claim.objects.get(id={editor[1]}).rationale)",
                        capture_output=True, text=True).stdout.strip().splitlines()[-1]
        print(f"editor: {len(load.patches)} PATCHes, {percentiles(load.patches)}, {load.failures['patch']} failures; "
              f"last acknowledged {load.acked!r}, stored {stored!r}")


if __name__ == "__main__":
    main()
