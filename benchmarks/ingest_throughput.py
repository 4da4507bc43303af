"""Web pages per second through the job queue: fetched from a local HTTP server, read and extracted,
stored and matched, by 1, 2 and 4 `celery worker` processes sharing Redis and PostgreSQL.

    python benchmarks/ingest_throughput.py [--workers 1 2 4] [--pages DIR] [--factchecks FILE] [--limit N]

The pages: the 131 real news pages of ../shared/html-articles (served decompressed from 127.0.0.1).
The fact-check library: ../shared/checkthat-2020-task2/factchecks.jsonl (10,389 ClaimReview records,
imported once into a template database), so every stored claim is matched against a real-sized
library. Each worker count gets a fresh copy of that database, its workers started and warmed (one
page each, not counted), then every page goes out as an import_url job of one run; pages/s is the
run's pages over the time until the last is counted. DATABASE_URL must name a PostgreSQL server
(`eval "$(scripts/pg.sh start)"`); Debian's redis-server is started on a free port.

To say where the time goes, the CPU seconds the worker processes, PostgreSQL and the page server
used during each run are read from /proc, and one pass in this process times each stage of one
import (fetch, read + extract, store, match) over the same pages.
"""
from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import http.server
import os
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimsdb.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ["CLAIMSDB_FETCH_ALLOW_PRIVATE"] = "1"
os.environ["CLAIMSDB_FETCH_HOST_DELAY"] = "0"  # one local host serves every page: no polite pause
SHARED = ROOT.parent / "shared"
TICKS = os.sysconf("SC_CLK_TCK")


def free_port(candidates) -> int:
    for port in [*candidates, 0]:
        with socket.socket() as s:
            with contextlib.suppress(OSError):
                s.bind(("127.0.0.1", port))
                return s.getsockname()[1]
    raise SystemExit("no free port")


class Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the standard library's name
        body = self.server.pages.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def cpu_seconds(pids) -> float:
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            f = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(x) for x in f[11:15])  # utime, stime, cutime, cstime
    return total / TICKS


def tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        with contextlib.suppress(OSError):
            for t in os.listdir(f"/proc/{p}/task"):
                todo += [int(c) for c in Path(f"/proc/{p}/task/{t}/children").read_text().split()]
    return out


def postgres_pids() -> list[int]:
    return [int(p) for p in os.listdir("/proc") if p.isdigit()
            and Path(f"/proc/{p}/comm").exists() and Path(f"/proc/{p}/comm").read_text().strip() == "postgres"]


def with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def admin_sql(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(with_db(url, "postgres").replace("postgres://", "postgresql://"), autocommit=True) as c:
        for s in statements:
            c.execute(s)


def manage(env, *args) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def start_workers(n: int, env) -> list[subprocess.Popen]:
    procs = [subprocess.Popen([sys.executable, "-m", "celery", "-A", "claimsdb", "worker", "-P", "prefork", "-c", "1",
                               "-n", f"bench{i}@%h", "-l", "warning", "--without-gossip", "--without-mingle",
                               "--without-heartbeat"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL) for i in range(n)]
    from claimsdb.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        up = {name for a in (app.control.ping(timeout=0.5) or []) for name in a}
        if len(up) >= n:
            return procs
    raise SystemExit("the workers did not start")


def run_jobs(urls: list[str], label: str) -> tuple[float, object]:
    from articles.ingestion import jobs
    from articles.models import ImportRun

    run = ImportRun.objects.create(kind="url", label=label, total=len(urls))
    t0 = time.perf_counter()
    for u in urls:
        jobs.import_url.delay(u, run.pk)
    while True:
        run.refresh_from_db()
        if run.status != "running":
            return time.perf_counter() - t0, run
        time.sleep(0.05)


def one_count(n: int, base_url: str, env, urls: list[str], warm: list[str]) -> dict:
    from django.db import connections

    connections.close_all()
    admin_sql(base_url, "DROP DATABASE IF EXISTS ingest_bench", "CREATE DATABASE ingest_bench TEMPLATE ingest_bench_tpl")
    procs = start_workers(n, env)
    try:
        run_jobs(warm[:n], f"warm-up, {n} workers")
        pids = [p for proc in procs for p in tree(proc.pid)]
        before = cpu_seconds(pids), cpu_seconds(postgres_pids()), time.process_time()
        elapsed, run = run_jobs(urls, f"{len(urls)} pages, {n} workers")
        pids = [p for proc in procs for p in tree(proc.pid)]
        after = cpu_seconds(pids), cpu_seconds(postgres_pids()), time.process_time()
    finally:
        for p in procs:
            p.send_signal(signal.SIGQUIT)
        for p in procs:
            p.wait(30)
        connections.close_all()
    return {"workers": n, "seconds": elapsed, "pages_s": len(urls) / elapsed, "created": run.created,
            "failed": run.failed, "duplicates": run.duplicates, "cpu_workers": after[0] - before[0],
            "cpu_postgres": after[1] - before[1], "cpu_server": after[2] - before[2]}


def stage_times(urls: list[str]) -> dict:
    """One pass in this process: each stage of an import timed (the database is the last copy)."""
    from django.conf import settings

    from articles.entities.selectors import known_people
    from articles.services import matching, reader, retry, web
    from articles.services.ingest import _store_unique

    policy = web.fetch_policy()
    known = known_people()
    times = {"fetch": 0.0, "read + extract": 0.0, "store": 0.0, "match": 0.0}
    original = matching.match_claims

    def timed_match(claims, *a, **k):
        t = time.perf_counter()
        try:
            return original(claims, *a, **k)
        finally:
            times["match"] += time.perf_counter() - t
    matching.match_claims = timed_match  # persistence calls it through the module
    try:
        for u in urls:
            t = time.perf_counter()
            got = reader.fetch.fetch(u, policy)
            times["fetch"] += time.perf_counter() - t
            snap = reader.Snapshot(got.body, hashlib.sha256(got.body).hexdigest(), got.fetched_at, url=got.url,
                                   final_url=got.final_url, http_status=got.status, content_type=got.content_type)
            t = time.perf_counter()
            prep = reader._from_page(u, "", snap, got.charset, known, settings.CLAIMSDB_EXTRACT_SECONDS)
            times["read + extract"] += time.perf_counter() - t
            if prep.error:
                continue
            t = time.perf_counter()
            retry.run(_store_unique, prep)
            times["store"] += time.perf_counter() - t
    finally:
        matching.match_claims = original
    times["store"] -= times["match"]
    return times


def report(results: list[dict], urls: list[str], site: str, warm: int) -> None:
    print(f"\n{len(urls)} pages (+{warm} warm-up) from {site}, PostgreSQL, Redis, {os.cpu_count()} CPU cores, "
          f"load average before: {Path('/proc/loadavg').read_text().split()[0]}")
    print("workers  seconds  pages/s  speed-up  created failed dup  CPU s: workers postgres server  worker CPU s/page")
    for r in results:
        print(f"{r['workers']:>7}  {r['seconds']:7.1f}  {r['pages_s']:7.2f}  {r['pages_s'] / results[0]['pages_s']:8.2f}"
              f"  {r['created']:>7} {r['failed']:>6} {r['duplicates']:>3}  {r['cpu_workers']:14.1f} "
              f"{r['cpu_postgres']:8.1f} {r['cpu_server']:6.1f}  {r['cpu_workers'] / len(urls):17.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--pages", type=Path, default=SHARED / "html-articles/html")
    ap.add_argument("--factchecks", type=Path, default=SHARED / "checkthat-2020-task2/factchecks.jsonl")
    ap.add_argument("--limit", type=int, default=0, help="at most this many pages")
    a = ap.parse_args()
    base_url = os.environ.get("DATABASE_URL", "")
    if not base_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit('DATABASE_URL must name a PostgreSQL server: eval "$(scripts/pg.sh start)"')
    files = sorted(a.pages.glob("*.htm*"))[: a.limit or None]
    if len(files) < 2 + max(a.workers):
        raise SystemExit(f"too few pages in {a.pages}")
    pages = {f"/p/{i}": (gzip.decompress(f.read_bytes()) if f.suffix == ".gz" else f.read_bytes())
             for i, f in enumerate(files)}
    server = Server(("127.0.0.1", free_port(range(8230, 8240))), Pages)
    server.pages = pages
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = f"http://127.0.0.1:{server.server_address[1]}"
    warm, urls = [site + p for p in list(pages)[: max(a.workers)]], [site + p for p in list(pages)[max(a.workers):]]

    redis_port = free_port(range(6393, 6395))
    redis = subprocess.Popen([shutil.which("redis-server") or "/usr/bin/redis-server", "--port", str(redis_port),
                              "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
    broker = f"redis://127.0.0.1:{redis_port}/0"
    db_url = with_db(base_url, "ingest_bench")
    index_dir = tempfile.mkdtemp(prefix="ingest-bench-index-")  # the match index, shared by the copies
    env = {**os.environ, "DATABASE_URL": db_url, "CELERY_BROKER_URL": broker, "CLAIMSDB_MATCH_INDEX_DIR": index_dir}
    os.environ.update(DATABASE_URL=db_url, CELERY_BROKER_URL=broker, CLAIMSDB_MATCH_INDEX_DIR=index_dir)
    try:
        # The template: migrated, the fact-check library imported (and its match index built).
        tpl = {**env, "DATABASE_URL": with_db(base_url, "ingest_bench_tpl")}
        admin_sql(base_url, "DROP DATABASE IF EXISTS ingest_bench", "DROP DATABASE IF EXISTS ingest_bench_tpl",
                  "CREATE DATABASE ingest_bench_tpl")
        t = time.perf_counter()
        manage(tpl, "migrate", "--noinput")
        manage(tpl, "import_factchecks", str(a.factchecks), "--no-match")
        print(f"template database: migrated, {a.factchecks.name} imported ({time.perf_counter() - t:.0f} s)")
        import django

        django.setup()
        report([one_count(n, base_url, env, urls, warm) for n in a.workers], urls, site, max(a.workers))
        from django.db import connections

        connections.close_all()
        admin_sql(base_url, "DROP DATABASE IF EXISTS ingest_bench", "CREATE DATABASE ingest_bench TEMPLATE ingest_bench_tpl")
        stages = stage_times(urls)
        total = sum(stages.values())
        print(f"\none process, stage by stage over the same pages ({total:.1f} s): " + ", ".join(
            f"{k} {v:.1f} s ({100 * v / total:.0f}%)" for k, v in stages.items()))
    finally:
        from django.db import connections

        connections.close_all()
        redis.terminate()
        server.shutdown()
        shutil.rmtree(index_dir, ignore_errors=True)
        with contextlib.suppress(Exception):
            admin_sql(base_url, "DROP DATABASE IF EXISTS ingest_bench", "DROP DATABASE IF EXISTS ingest_bench_tpl")
    return 0


if __name__ == "__main__":
    sys.exit(main())
