"""Imports while the newsroom works, and after a crash (issue 29, D07).

The slow tests start the real server (gunicorn with gunicorn.conf.py, 2 workers) on a database of
their own, keep anonymous readers and an editor (PATCHes through the API with a token) going, and
run both imports: nothing fails, nothing is locked, every acknowledged edit is stored, and the
imports store what they store alone. Another kills an import (SIGKILL) once its files are stored and
runs it again: the records equal a clean import's. Data are made here (small seed files and
ClaimReview lines), never read from ../shared.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.helpers import env_for, generate, manage, sqlite_url

COUNTS = ("from articles.models import *; print(json.dumps([Article.objects.count(), Claim.objects.count(), "
          "Person.objects.count(), Organisation.objects.count(), Statistic.objects.count(), FactCheck.objects.count(), "
          "ClaimMatch.objects.count(), sorted(Person.objects.values_list('name', flat=True))]))")

# Surname-only people ("Obama") that surname linking joins to the full-name person of another file.
PEOPLE = [("Barack Obama", "Obama"), ("Hillary Clinton", "Clinton"), ("Bernie Sanders", "Sanders"),
          ("Theresa Whitlock", "Whitlock")]


def seed(folder: Path, name: str, body: str, when: str = "3 March 2016") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"Headline of {name}\n\n{when}\n\n{body}\n\n- The Example\n", encoding="utf-8")


def articles(folder: Path, generated: int, long_paragraphs: int = 0) -> Path:
    """Full names in one file, surnames alone in others, generated coverage, and optionally a last
    file long enough to be still extracting when the others are stored."""
    seed(folder, "00_full.txt", " ".join(f"{full} said the economy had recovered." for full, _ in PEOPLE))
    for i, (_full, short) in enumerate(PEOPLE, 1):
        seed(folder, f"{i:02d}_short.txt", f"Senator {short} said the deal would hold. {short} added that it was fair.")
    generate(folder, generated, seed=11)
    if long_paragraphs:
        para = "The committee met again on Tuesday and the members discussed the budget at some length. "
        seed(folder, "zz_long.txt", "\n\n".join([para * 5] * long_paragraphs))
    return folder


def factchecks(path: Path, n: int = 150, prefix: str = "fc") -> Path:
    topics = ["housing", "rail fares", "hospital waiting lists", "interest rates", "school funding"]
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            topic = topics[i % len(topics)]
            out.write(json.dumps({
                "@context": "https://schema.org", "@type": "ClaimReview",
                "url": f"https://factchecks.example.org/{prefix}/{i}",
                "claimReviewed": f"The figures on {topic} show {i + 2} per cent more than last year",
                "name": f"Check {i} on {topic}", "reviewRating": {"@type": "Rating", "alternateName": "False"},
                "author": {"@type": "Organization", "name": "Example Checks"}}) + "\n")
    return path


TABLES = ("article", "claim", "person", "organisation", "statistic", "factcheck", "claimmatch", "personlink")


def query(url: str, sql: str) -> list[tuple]:
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30) as db:
            return db.execute(sql).fetchall()
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://")) as db:
        return db.execute(sql).fetchall()


def counts(url: str) -> dict:
    """Rows a table, and the people by name."""
    out = {t: query(url, f"SELECT count(*) FROM articles_{t}")[0][0] for t in TABLES}
    out["people"] = [r[0] for r in query(url, "SELECT name FROM articles_person ORDER BY name")]
    return out


def run(url: str, *args, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *map(str, args)], cwd=ROOT, env=dict(env_for(url), **env),
                          capture_output=True, text=True)


@contextmanager
def databases(kind: str, tmp_path: Path, *names: str, prepare: tuple = ()):
    """Fresh databases, migrated (and ``prepare``d: a manage.py command) once, then copied: SQLite
    files, or new databases on the PostgreSQL server of DATABASE_URL (dropped afterwards)."""
    if kind == "sqlite":
        first = tmp_path / f"{names[0]}.sqlite3"
        manage(sqlite_url(first), "migrate", "--noinput")
        if prepare:
            manage(sqlite_url(first), *prepare)
        for name in names[1:]:
            with sqlite3.connect(first) as src, sqlite3.connect(tmp_path / f"{name}.sqlite3") as dst:
                src.backup(dst)
        yield [sqlite_url(tmp_path / f"{name}.sqlite3") for name in names]
        return
    import psycopg

    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        pytest.fail("set DATABASE_URL to a PostgreSQL server (scripts/test.sh starts one)")
    admin = base.replace("postgres://", "postgresql://")
    made = [f"claimsdb_{name}_{uuid.uuid4().hex[:8]}" for name in names]
    try:
        with psycopg.connect(admin, autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{made[0]}"')
        urls = [base.rsplit("/", 1)[0] + "/" + db for db in made]
        manage(urls[0], "migrate", "--noinput")
        if prepare:
            manage(urls[0], *prepare)
        with psycopg.connect(admin, autocommit=True) as c:
            for db in made[1:]:
                c.execute(f'CREATE DATABASE "{db}" TEMPLATE "{made[0]}"')
        yield urls
    finally:
        with psycopg.connect(admin, autocommit=True) as c:
            for db in made:
                c.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def free_port() -> int:
    """A free loopback port from CLAIMSDB_TEST_PORT (default 8761) on."""
    base = int(os.environ.get("CLAIMSDB_TEST_PORT", "8761"))
    for port in range(base, base + 20):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free port for the server")


@contextmanager
def server(url: str, log: Path):
    port = free_port()
    env = dict(env_for(url), GUNICORN_WORKERS="2", GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_ACCESS_LOG="/dev/null",
               API_ANON_RATE="1000000/minute", CLAIMSDB_NO_DOTENV="1")
    with open(log, "w") as out:
        proc = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py", "claimsdb.wsgi"],
                                cwd=ROOT, env=env, stdout=out, stderr=out, start_new_session=True)
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/claims/?page_size=1", timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)


class Newsroom:
    """Two anonymous readers of the claims list and an editor PATCHing one claim's rationale."""

    def __init__(self, base: str, token: str, claim_id: str):
        self.base, self.token, self.claim_id = base, token, claim_id
        self.stop = threading.Event()
        self.reads, self.patches = 0, 0
        self.failures: list[str] = []
        self.latencies: list[float] = []
        self.acked = None
        self.threads = [threading.Thread(target=self.reader) for _ in range(2)] + [threading.Thread(target=self.editor)]

    def __enter__(self):
        [t.start() for t in self.threads]
        return self

    def __exit__(self, *exc):
        self.stop.set()
        [t.join() for t in self.threads]

    def reader(self):
        while not self.stop.is_set():
            try:
                urllib.request.urlopen(self.base + "/claims/?page_size=5", timeout=60).read()
                self.reads += 1
            except OSError as exc:
                self.failures.append(f"read: {exc!r}")

    def editor(self):
        i = 0
        while not self.stop.is_set():
            i += 1
            req = urllib.request.Request(f"{self.base}/claims/{self.claim_id}/", method="PATCH",
                                         data=json.dumps({"rationale": f"rationale {i}"}).encode(),
                                         headers={"Authorization": f"Token {self.token}",
                                                  "Content-Type": "application/json"})
            t0 = time.perf_counter()
            try:
                urllib.request.urlopen(req, timeout=60).read()
                self.latencies.append(time.perf_counter() - t0)
                self.patches += 1
                self.acked = f"rationale {i}"
            except OSError as exc:
                self.failures.append(f"patch: {exc!r}")
            time.sleep(0.05)


def _under_load(kind: str, tmp_path: Path):
    arts = articles(tmp_path / "arts", 12)
    fcs = factchecks(tmp_path / "fc.jsonl", 100)
    with databases(kind, tmp_path, "alone", "load", prepare=("import_seeds", ROOT / "seeds")) as (alone, url):
        manage(alone, "import_seeds", arts)  # the imports alone, for comparison
        manage(alone, "import_factchecks", fcs)
        expected = counts(alone)
        out = manage(url, "shell", "-c", (
            "from django.contrib.auth.models import User; from rest_framework.authtoken.models import Token;"
            "from articles.models import Claim; u = User.objects.create_superuser('ed', 'ed@example.org', 'pw-ed-1');"
            "print(Token.objects.create(user=u).key, Claim.objects.order_by('id').first().id)")).stdout.split()
        token, claim_id = out[-2], out[-1]
        log = tmp_path / "server.log"
        with server(url, log) as base, Newsroom(base, token, claim_id) as newsroom:
            seeds = run(url, "import_seeds", arts)
            fc = run(url, "import_factchecks", fcs)
        for done in (seeds, fc):
            assert done.returncode == 0, done.stderr[-2000:]
            assert "Traceback" not in done.stderr and "database is locked" not in done.stderr
        server_log = log.read_text()
        assert "Traceback" not in server_log and "database is locked" not in server_log
        assert newsroom.failures == []
        assert newsroom.reads > 0 and newsroom.patches > 0
        stored = query(url, f"SELECT rationale FROM articles_claim WHERE id = {int(claim_id)}")[0][0]
        assert stored == newsroom.acked  # the last acknowledged edit stands
        assert counts(url) == expected


@pytest.mark.slow
def test_imports_under_readers_and_an_editor_on_sqlite(tmp_path):
    _under_load("sqlite", tmp_path)


@pytest.mark.slow
@pytest.mark.postgres
def test_imports_under_readers_and_an_editor_on_postgres(tmp_path):
    _under_load("postgres", tmp_path)


def _killed_and_rerun(kind: str, tmp_path: Path):
    # 16 files (the importer's batch), then a long one: killed while extracting it, when the
    # batch is stored and the closing steps are yet to run.
    arts = articles(tmp_path / "arts", 16 - 1 - len(PEOPLE), long_paragraphs=600)
    n_files = len(list(arts.glob("*.txt")))
    assert n_files == 17
    env = {"CLAIMSDB_EXTRACT_SECONDS": "300"}
    with databases(kind, tmp_path, "clean", "killed") as (clean_url, url):
        assert run(clean_url, "import_seeds", arts, **env).returncode == 0
        clean = counts(clean_url)
        assert not {short for _full, short in PEOPLE} & set(clean["people"])  # every surname joined its full name
        proc = subprocess.Popen([sys.executable, "manage.py", "import_seeds", str(arts)], cwd=ROOT,
                                env=dict(env_for(url), **env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        # Killed once every file but the long last one is stored: before the closing steps.
        while time.time() < deadline and proc.poll() is None and stored_articles(url) < n_files - 1:
            time.sleep(0.05)
        if proc.poll() is not None:
            pytest.skip("the import ended before it could be killed")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert stored_articles(url) == n_files - 1
        rerun = run(url, "import_seeds", arts, **env)
        assert rerun.returncode == 0 and "Traceback" not in rerun.stderr
        assert counts(url) == clean


def stored_articles(url: str) -> int:
    return query(url, "SELECT count(*) FROM articles_article")[0][0]


@pytest.mark.slow
def test_killed_import_then_rerun_equals_a_clean_import_on_sqlite(tmp_path):
    _killed_and_rerun("sqlite", tmp_path)


@pytest.mark.slow
@pytest.mark.postgres
def test_killed_import_then_rerun_equals_a_clean_import_on_postgres(tmp_path):
    _killed_and_rerun("postgres", tmp_path)
