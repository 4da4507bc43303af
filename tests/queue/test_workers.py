"""The job queue for real: Debian's redis-server as the broker, `celery worker` processes, PostgreSQL
shared by them, pages and feeds from a local HTTP server. Run by scripts/test.sh (marker `queue`):

- an RSS and an Atom feed of 20 items polled twice by the workers: 20 articles each, the second poll
  a conditional GET;
- two workers polling sources that list the same 20 addresses, at once: no article stored twice;
- a worker process killed with SIGKILL in the middle of storing an article: nothing of it stored,
  the job delivered again, and the article stored once, whole.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
import redis
from django.db import connection

from articles.ingestion import jobs
from articles.models import Article, Claim, ImportRun, PageSnapshot, Source
from claimsdb.celery import app
from tests.ingestion.webpages import serve
from tests.services.test_sources import HTML, atom, feed_route, page_requests, rss, story

pytestmark = [pytest.mark.queue, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
PORTS = range(8230, 8240)
REDIS_PORTS = range(6390, 6395)


def _free_port(candidates) -> int:
    for port in candidates:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket() as s:  # none of ours free: any the kernel gives
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url():
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not os.path.exists(server):
        pytest.fail("redis-server is not installed (apt-get install redis-server; scripts/test.sh does)")
    port = _free_port(REDIS_PORTS)
    proc = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--daemonize", "no", "--loglevel", "warning"], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while True:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            break
        assert proc.poll() is None and time.monotonic() < deadline, "redis-server did not start"
        time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(10)


def _drop_connection_pools() -> None:
    """The app's broker connections and producers are pooled per broker URL once first used: after
    the URL changes, the pools must go or sends and pings still reach the old broker."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture(scope="module")
def queue(redis_url, django_db_setup, django_db_blocker):
    """Two `celery worker` processes (one pool process each) on the test database, and this process
    sending its jobs to them through Redis."""
    if connection.vendor != "postgresql":
        pytest.skip("the queue tests share a PostgreSQL database between processes (DATABASE_URL=postgres://...)")
    db = connection.settings_dict
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "claimsdb.test_settings", "CELERY_BROKER_URL": redis_url,
           "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
           "CLAIMSDB_FETCH_ALLOW_PRIVATE": "1", "CLAIMSDB_FETCH_HOST_DELAY": "0", "CLAIMSDB_FETCH_BACKOFF": "0.05",
           "CLAIMSDB_MATCH_INDEX_DIR": tempfile.mkdtemp(prefix="claimsdb-queue-index-")}
    workers = Workers(env)
    workers.redis = redis.Redis.from_url(redis_url)
    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=redis_url, task_always_eager=False)
    _drop_connection_pools()  # in-process jobs run earlier in this session pooled memory:// connections
    try:
        workers.start("w1", "w2")
        yield workers
    finally:
        workers.stop_all()
        app.conf.update(saved)
        _drop_connection_pools()
        shutil.rmtree(env["CLAIMSDB_MATCH_INDEX_DIR"], ignore_errors=True)


class Workers:
    def __init__(self, env):
        self.env, self.procs = env, {}

    def start(self, *names):
        for name in names:
            self.procs[name] = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "claimsdb", "worker", "-P", "prefork", "-c", "1", "-n",
                 f"{name}@%h", "-l", "warning", "--without-gossip", "--without-mingle", "--without-heartbeat"],
                cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Ready when each answers a ping through the broker.
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            answers = app.control.ping(timeout=0.5) or []
            up = {n.split("@")[0] for a in answers for n in a}
            if set(names) <= up:
                return
            assert all(p.poll() is None for p in self.procs.values()), "a celery worker exited at start"
        pytest.fail(f"celery workers {names} did not start")

    def pool_child(self, name) -> int:
        main = self.procs[name].pid
        children = Path(f"/proc/{main}/task/{main}/children").read_text().split()
        assert len(children) == 1, children
        return int(children[0])

    def stop_all(self):
        for p in self.procs.values():
            p.send_signal(signal.SIGQUIT)  # a cold shutdown: the tests are over
        for p in self.procs.values():
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()


def wait_for(what, timeout=40.0):
    """Until ``what()`` holds, twice in a row (a job moving from the queue to a worker is briefly in neither)."""
    deadline = time.monotonic() + timeout
    held = 0
    while held < 2:
        held = held + 1 if what() else 0
        assert time.monotonic() < deadline, f"timed out waiting for {what.__doc__ or what}"
        time.sleep(0.2)


def all_done(queue):
    def check():
        """every job to be done: none queued, none taken and unacknowledged, no run running"""
        r = queue.redis
        return (r.llen(app.conf.task_default_queue) == 0 and r.hlen("unacked") == 0
                and not ImportRun.objects.filter(status="running").exists())
    return check


@pytest.fixture
def site(settings):
    routes = {f"/story/{i}": (200, HTML, story(i)) for i in range(40)}
    with serve(routes, PORTS) as (base, server):
        yield base, server, routes


def test_an_rss_and_an_atom_feed_polled_twice_by_workers(queue, site):
    base, server, routes = site
    routes["/rss"] = (200, {}, feed_route(rss, range(20), '"r1"'))
    routes["/atom"] = (200, {}, feed_route(atom, range(20, 40), '"a1"'))
    feeds = [Source.objects.create(name=n, feed_url=f"{base}/{n}") for n in ("rss", "atom")]
    for src in feeds:
        jobs.poll_source.delay(src.pk)
    wait_for(all_done(queue))
    assert Article.objects.count() == 40 and len(page_requests(server)) == 40
    for src in feeds:
        run = ImportRun.objects.get(source=src)
        assert (run.status, run.total, run.created, run.failed) == ("done", 20, 20, 0)
        jobs.poll_source.delay(src.pk)

    def polled_twice():
        """both sources to be polled twice"""
        return all(s.polls == 2 for s in Source.objects.all())
    wait_for(polled_twice)
    for src in Source.objects.all():
        assert (src.last_status, src.articles_created) == (304, 20)
        gets = [h for p, h in server.seen if p == f"/{src.name}"]
        assert len(gets) == 2 and gets[1]["If-None-Match"] == f'"{src.name[0]}1"'
    assert Article.objects.count() == 40 and len(page_requests(server)) == 40 and ImportRun.objects.count() == 2


def test_two_workers_polling_the_same_addresses_at_once_store_each_once(queue, site):
    base, server, routes = site
    slow = {p: (200, HTML, _slowly(body)) for p, (_, _, body) in routes.items()}
    routes.update(slow)  # each page takes 50 ms: the two workers' jobs overlap
    routes["/rss"] = (200, {}, feed_route(rss, range(20), '"r1"'))
    routes["/atom"] = (200, {}, feed_route(atom, range(20), '"a1"'))  # the same 20 addresses
    feeds = [Source.objects.create(name=n, feed_url=f"{base}/{n}") for n in ("rss", "atom")]
    for src in feeds * 2:  # each polled twice at once, besides
        jobs.poll_source.delay(src.pk)
    wait_for(all_done(queue))
    urls = list(Article.objects.values_list("source_url", flat=True))
    assert len(urls) == 20 and len(set(urls)) == 20
    assert PageSnapshot.objects.count() == 20 and Claim.objects.values("article", "key").distinct().count() \
        == Claim.objects.count()
    runs = ImportRun.objects.all()
    assert sum(r.created for r in runs) == 20 and sum(r.failed for r in runs) == 0
    assert sum(r.done for r in runs) == sum(r.total for r in runs)


def _slowly(body):
    def respond(handler):
        time.sleep(0.05)
        return 200, HTML, body
    return respond


def test_a_worker_killed_mid_import_leaves_nothing_half_stored_and_the_job_runs_again(queue, site):
    base, server, _ = site
    url = f"{base}/story/7"
    run = ImportRun.objects.create(kind="url", label=url, total=1)
    db = connection.settings_dict
    conninfo = dict(host=db["HOST"], port=db["PORT"], user=db["USER"], password=db["PASSWORD"] or None, dbname=db["NAME"])
    with psycopg.connect(**conninfo, autocommit=False) as blocker:
        # Claims cannot be written while this transaction holds the table: the worker's storing
        # transaction stops there, its article row written, its claims not.
        blocker.execute("LOCK TABLE articles_claim IN SHARE MODE")
        jobs.import_url.delay(url, run.pk)
        waiting = []

        def worker_blocked():
            """a worker to be storing the article"""
            # From a session of its own: pg_stat_activity stays as it was for the rest of a transaction.
            with psycopg.connect(**conninfo, autocommit=True) as watch:
                waiting[:] = watch.execute(
                    "SELECT pid, client_port FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE %s",
                    ['INSERT INTO "articles_claim"%']).fetchall()
            return bool(waiting)
        wait_for(worker_blocked)
        victim = next(name for name in queue.procs if _runs_on(queue, name, waiting[0][1]))
        os.kill(queue.pool_child(victim), signal.SIGKILL)
        time.sleep(0.5)
        blocker.rollback()  # the dead worker's transaction goes on, finds its client gone, rolls back
    wait_for(all_done(queue))
    assert len([p for p in page_requests(server) if p == "/story/7"]) == 2  # fetched again by the job run again
    article = Article.objects.get()
    assert article.source_url == url and article.snapshots.count() == 1
    assert article.claims.count() > 0 and Claim.objects.count() == article.claims.count()
    run.refresh_from_db()
    assert (run.status, run.done, run.created, run.failed) == ("done", 1, 1, 0)
    # The worker whose pool process was killed goes on taking jobs.
    assert set(queue.procs) <= {n.split("@")[0] for a in app.control.ping(timeout=1) for n in a}


def _runs_on(queue, name, port) -> bool:
    """Whether the database session from this client port is the worker ``name``'s pool process."""
    child = queue.pool_child(name)
    fds = Path(f"/proc/{child}/fd")
    inodes = {os.readlink(fds / f) for f in os.listdir(fds) if os.readlink(fds / f).startswith("socket:")}
    for line in Path(f"/proc/{child}/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].split(":")[1], 16) == port and f"socket:[{fields[9]}]" in inodes:
            return True
    return False


def test_the_fill_job_killed_mid_encoding_runs_again_and_leaves_no_temp_file(queue, settings):
    # issue 23: a fill's worker killed with SIGKILL left its ``dense-fill.<pid space>.<pid>.tmp`` in the segment
    # until a compaction; the job delivered again removes it (its pid is gone) and completes, and
    # the vectors it encoded are stored with the fact-checks, in the database the workers share
    from articles.matching import dense, encoder
    from articles.models import FactCheck
    from articles.services import match_index
    from tests.services.test_match_index import library

    if not encoder.available():
        pytest.skip("the sentence encoder's wheel is not installed")
    settings.CLAIMSDB_MATCH_INDEX_DIR = queue.env["CLAIMSDB_MATCH_INDEX_DIR"]
    match_index._state.clear()
    library(400)
    match_index.update()
    root = match_index.index_dir()
    assert match_index.missing_dense() == 400
    jobs.fill_match_vectors.delay()

    def encoding():
        """a worker to be encoding the segment"""
        return bool(list(root.glob("seg-*/dense-fill.*.tmp")))
    wait_for(encoding, timeout=60)
    killed = next(root.glob("seg-*/dense-fill.*.tmp"))
    os.kill(int(killed.name.split(".")[-2]), signal.SIGKILL)

    def filled():
        """the job delivered again to have filled the segment"""
        return match_index.missing_dense() == 0
    wait_for(filled, timeout=120)
    wait_for(all_done(queue))
    assert not killed.exists() and not list(root.glob("seg-*/*.tmp"))
    assert all(dense.unpack(e, c, t) is not None
               for c, t, e in FactCheck.objects.values_list("claim_reviewed", "title", "dense"))
    assert match_index.library().dense is not None
