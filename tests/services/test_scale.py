"""Scale and resilience: parallel import, a killed import, fuzzed bad input, concurrent importers,
production settings."""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED
from tests.helpers import dump_postgres, dump_sqlite, env_for, generate, manage, sqlite_url


@pytest.mark.slow
def test_parallel_import_is_identical_to_serial(tmp_path):
    arts = generate(tmp_path / "arts", 60)
    dumps = []
    for jobs in (1, 3):
        db = tmp_path / f"jobs{jobs}.sqlite3"
        manage(sqlite_url(db), "migrate", "--noinput")
        r = manage(sqlite_url(db), "import_seeds", arts, "--jobs", jobs)
        assert "60 created" in r.stdout
        dumps.append(dump_sqlite(db))
    assert dumps[0] == dumps[1]
    assert len(dumps[0]["claims"]) > 500


@pytest.mark.slow
def test_sigkill_mid_import_leaves_no_partial_article_and_a_rerun_completes(tmp_path):
    arts = generate(tmp_path / "arts", 400, seed=11)
    ref, db = tmp_path / "ref.sqlite3", tmp_path / "killed.sqlite3"
    for d in (ref, db):
        manage(sqlite_url(d), "migrate", "--noinput")
    manage(sqlite_url(ref), "import_seeds", arts)
    reference = dump_sqlite(ref)
    proc = subprocess.Popen([sys.executable, "manage.py", "import_seeds", str(arts)], cwd=ROOT,
                            env=env_for(sqlite_url(db)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        time.sleep(0.2)
        with sqlite3.connect(db, timeout=30) as con:
            if con.execute("SELECT count(*) FROM articles_article").fetchone()[0] >= 40:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = dump_sqlite(db)
    stored = {row[0] for row in partial["articles"]}
    assert 0 < len(stored) < 400
    # Every stored article is whole: its claims and statistics are exactly the reference's.
    for name in ("claims", "statistics"):
        assert [r for r in partial[name] if r[0] in stored] == [r for r in reference[name] if r[0] in stored]
    r = manage(sqlite_url(db), "import_seeds", arts)
    assert f"{400 - len(stored)} created" in r.stdout and f"{len(stored)} unchanged" in r.stdout
    assert dump_sqlite(db) == reference


def bad_files(out: Path, n: int, rng: random.Random) -> dict[str, str]:
    """n files that must each be refused, by name; returns name -> expected reason fragment."""
    good = SEED.read_bytes()
    text = good.decode()
    makers = [
        ("empty", lambda: b"", "empty file"),
        ("blank", lambda: b" \n\t\n" * rng.randint(1, 50), "empty file"),
        ("binary", lambda: bytes(rng.randrange(256) for _ in range(rng.randint(10, 3000))) + b"\x00", "binary"),
        ("latin1", lambda: text.replace("’", "\u00e9").encode("latin-1", "replace") + b"\xe9\xff", "not UTF-8"),
        ("utf16", lambda: text.encode("utf-16"), "binary"),
        ("truncated-utf8", lambda: good[: good.index("’".encode()) + 1], "not UTF-8"),
        ("no-date", lambda: (text.split("\n")[0] + "\n\nNo date here at all.\n\nBody.").encode(), "missing date"),
        ("bad-date", lambda: text.replace("14 November 2016", f"{rng.randint(32, 99)} November 2016").encode(),
         "impossible date"),
        ("impossible-date", lambda: text.replace("14 November 2016", "31 February 2016").encode(), "impossible date"),
        ("no-headline", lambda: ("\n" + text).encode(), "no headline"),
        ("date-first", lambda: text[text.index("14 November"):].encode(), "no headline"),
        ("headline-only", lambda: b"Just a headline\n", "missing date"),
        ("no-body", lambda: b"Headline\n\n14 November 2016\n\n- The Telegraph\n", "no body"),
        ("huge-line", lambda: b"Headline\n\n14 November 2016\n\n" + b"word " * 500_000, "file too large"),
        ("controls", lambda: ("Headline\n\n14 November 2016\n\n" + "\x01\x02\x03" * 300).encode(), "binary"),
    ]
    expected = {}
    for i in range(n):
        kind, make, reason = makers[i % len(makers)]
        name = f"bad_{i:05d}_{kind}.txt"
        (out / name).write_bytes(make())
        expected[name] = reason
    return expected


def odd_but_valid(out: Path, n: int, rng: random.Random) -> list[str]:
    """Valid articles with odd Unicode quotes, stray marks, long paragraphs and CRLF line ends."""
    text = SEED.read_text(encoding="utf-8")
    names = []
    for i in range(n):
        t = text.replace("“", rng.choice(["„", "«", "\"", "”", "‘"])).replace("”", rng.choice(["“", "»", "\"", "’"]))
        t = t.replace("Mr Trump", rng.choice(["Mr Trump", "Mr\u00a0Trump", "Mr Trump\u200b", "MR TRUMP"]))
        if i % 3 == 0:
            t = t.replace("\n", "\r\n")
        if i % 4 == 0:
            head, body = t.split("2016", 1)  # stray opening marks at paragraph starts, after the date line
            t = head + "2016" + body.replace("\n\nThe ", "\n\n" + "“" * rng.randint(1, 5) + "The ")
        name = f"odd_{i:04d}.txt"
        (out / name).write_text(t, encoding="utf-8")
        names.append(name)
    return names


@pytest.mark.slow
@pytest.mark.django_db
def test_fuzzed_bad_files_are_reported_by_name_and_change_nothing(tmp_path, settings):
    from io import StringIO

    from django.core.management import call_command

    from articles.models import Article, Claim, Person

    settings.CLAIMSDB_MAX_SEED_BYTES = 2 * 1024 * 1024
    rng = random.Random(2026)
    first = tmp_path / "first"
    first.mkdir()
    (first / SEED.name).write_bytes(SEED.read_bytes())
    call_command("import_seeds", str(first), verbosity=0)
    before = (list(Article.objects.values_list("source_file", "sha256")), Claim.objects.count(), Person.objects.count())
    fuzz = tmp_path / "fuzz"
    fuzz.mkdir()
    expected = bad_files(fuzz, 2500, rng)
    odd = odd_but_valid(fuzz, 60, rng)
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_seeds", str(fuzz), stdout=out, stderr=err, progress_every=100000)
    assert exit_info.value.code == 1
    errors = [ln for ln in err.getvalue().splitlines() if ln.strip()]
    assert "Traceback" not in err.getvalue() + out.getvalue()
    reported = {}
    for line in errors:
        assert line.startswith("error: "), line
        path, reason = line[len("error: "):].split(": ", 1)
        reported[Path(path).name] = reason
    assert set(reported) == set(expected)
    for name, reason in expected.items():
        assert reason in reported[name], (name, reported[name])
    # Bad files stored nothing; the first article is untouched; the odd but valid ones imported.
    assert list(Article.objects.filter(source_file=SEED.name).values_list("source_file", "sha256")) == before[0]
    assert set(Article.objects.values_list("source_file", flat=True)) == {SEED.name, *odd}
    assert f"{len(expected)} failed" in out.getvalue()


@pytest.mark.postgres
def test_concurrent_importers_never_duplicate_on_postgres(tmp_path):
    import psycopg

    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        pytest.fail("set DATABASE_URL to a PostgreSQL server (scripts/test.sh starts one)")
    name = f"claimsdb_conc_{uuid.uuid4().hex[:8]}"
    admin_url = base.replace("postgres://", "postgresql://")
    with psycopg.connect(admin_url, autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    url = base.rsplit("/", 1)[0] + "/" + name
    try:
        arts = generate(tmp_path / "arts", 80, seed=5)
        manage(url, "migrate", "--noinput")
        procs = [subprocess.Popen([sys.executable, "manage.py", "import_seeds", str(arts)], cwd=ROOT,
                                  env=env_for(url), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
        outs = [p.communicate(timeout=300) for p in procs]
        for p, (_out, err) in zip(procs, outs, strict=True):
            assert p.returncode == 0, err[-2000:]
            assert "Traceback" not in err
        concurrent = dump_postgres(url)
        ref = tmp_path / "ref.sqlite3"
        manage(sqlite_url(ref), "migrate", "--noinput")
        manage(sqlite_url(ref), "import_seeds", arts)
        serial = dump_sqlite(ref)
        assert len(concurrent["articles"]) == 80
        for table in ("people", "organisations"):
            keys = [r[0] for r in concurrent[table]]
            assert len(keys) == len(set(keys))
            assert set(keys) == {r[0] for r in serial[table]}
        assert len(concurrent["claims"]) == len(serial["claims"])
    finally:
        with psycopg.connect(admin_url, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.slow  # a Django process started under production settings; runs in .ci/run
def test_check_deploy_is_clean_with_the_documented_production_settings():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_", "DEBUG"))}
    env.update(DEBUG="0", SECRET_KEY="x7Gv2-production-secret-key-that-is-long-and-random-9QpLm3",
               ALLOWED_HOSTS="claims.example.org", CLAIMSDB_PUBLIC_URL="https://claims.example.org",
               DATABASE_URL="sqlite:////tmp/claimsdb-deploy-check.sqlite3",
               DJANGO_SETTINGS_MODULE="claimsdb.settings")
    r = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
                       env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no issues" in r.stdout


def test_secret_key_is_required_when_debug_is_off():
    env = dict(os.environ, DEBUG="0", DJANGO_SETTINGS_MODULE="claimsdb.settings")
    env.pop("SECRET_KEY", None)
    r = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert r.returncode != 0 and "SECRET_KEY must be set" in r.stderr
