"""The importer's defects an outside audit reproduced (hardening issue, items 1, 2, 5, 11, 12)."""
import subprocess
import sys
import time
from datetime import date

import pytest
from django.core.management import call_command
from django.db import DataError

from articles.extraction import ExtractionTimeout, extract_article, parse
from articles.extraction.budget import Deadline
from articles.ingestion import persistence
from articles.models import Article
from articles.services import reader
from tests.conftest import ROOT


def write(path, title="A headline", when="3 March 2019", body="Jane Doe said the plan would work.",
          publisher="The Example"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{title}\n\n{when}\n\n{body}\n\n- {publisher}\n", encoding="utf-8")
    return path


def run_import(*paths):
    try:
        call_command("import_seeds", *map(str, paths), verbosity=0)
        return 0
    except SystemExit as e:
        return e.code


@pytest.mark.parametrize("when", ["31 December 9999", "1 January 0001", "1 June 9998", "1 January 1799"])
def test_implausible_dates_are_refused_with_the_file_named(db, tmp_path, capsys, when):
    bad = write(tmp_path / "bad.txt", when=when)
    good = write(tmp_path / "good.txt")
    assert run_import(bad, good) == 1
    err = capsys.readouterr().err
    assert f"error: {bad}" in err and "implausible date" in err and "1800-01-01" in err
    assert list(Article.objects.values_list("source_file", flat=True)) == ["good.txt"]


def test_a_year_ahead_is_still_accepted():
    assert parse(f"H\n\n{date.today().year + 1}-01-01\n\nBody text here.\n").published.year == date.today().year + 1


def test_long_publisher_is_a_clear_error_and_the_next_file_imports(db, tmp_path, capsys):
    bad = write(tmp_path / "a.txt", publisher="P" * 250)
    good = write(tmp_path / "b.txt")
    assert run_import(bad, good) == 1
    err = capsys.readouterr().err
    assert f"error: {bad}: publisher name too long (250 characters; the limit is 200)" in err
    assert Article.objects.filter(source_file="b.txt").exists()


def test_a_database_error_fails_one_file_only(db, tmp_path, capsys, monkeypatch):
    # New files are stored in one batch; the batch fails whole, then each file is stored alone.
    real = persistence._save_extractions

    def save_extractions(items, *args, **kwargs):
        if any(article.source_file == "a.txt" for article, _ in items):
            raise DataError("value too long for type character varying(200)")
        return real(items, *args, **kwargs)

    monkeypatch.setattr(persistence, "_save_extractions", save_extractions)
    a, b = write(tmp_path / "a.txt"), write(tmp_path / "b.txt")
    assert run_import(a, b) == 1
    assert "could not store: value too long" in capsys.readouterr().err
    assert list(Article.objects.values_list("source_file", flat=True)) == ["b.txt"]


def test_same_file_name_twice_in_one_run(db, tmp_path, capsys):
    a = write(tmp_path / "a" / "same.txt", title="First")
    b = write(tmp_path / "b" / "same.txt", title="Second")
    assert run_import(tmp_path / "a", tmp_path / "b") == 1
    err = capsys.readouterr().err
    assert f"error: {b.resolve()}" in err and str(a.resolve()) in err and "same name" in err
    assert Article.objects.get().title == "First"


def test_time_budget_refuses_a_stalling_file_and_the_others_go_on(db, tmp_path, capsys, settings):
    settings.CLAIMSDB_EXTRACT_SECONDS = 1e-9
    a, b = write(tmp_path / "a.txt"), write(tmp_path / "b.txt")
    assert run_import(a, b) == 1
    err = capsys.readouterr().err
    assert [ln for ln in err.splitlines() if "budget" in ln] == [
        f"error: {p}: extraction took longer than its 1e-09 s budget; the file was not imported" for p in (a, b)]
    prep = reader.prepare(a, 10**6, None, budget=1e-9)
    assert "budget" in prep.error and prep.extraction is None


def test_deadline_stops_extraction():
    art = parse("H\n\n3 March 2019\n\n" + "Alpha Said " * 500 + "\n\n- X\n")
    deadline = Deadline(1e-9)
    time.sleep(0.001)
    with pytest.raises(ExtractionTimeout):
        extract_article(art, deadline=deadline)


@pytest.mark.slow  # times extraction on growing inputs (seconds a case); runs in .ci/run
@pytest.mark.parametrize("unit", ["Alpha Said ", "£1m $2bn €3 ", 'He said "x" ', "said that ",
                                  "one in five between 0.7 and 0.9 up from 41 "])
def test_extraction_time_grows_linearly(unit):
    def cost(n):
        art = parse("H\n\n3 March 2019\n\n" + unit * n + "\n\n- X\n")
        best = float("inf")
        for _ in range(2):
            t0 = time.perf_counter()
            extract_article(art)
            best = min(best, time.perf_counter() - t0)
        return best

    small, large = cost(500), cost(2000)
    assert large < 8 * small + 0.05, (unit, small, large)  # quadratic would be 16x


def test_settings_read_a_local_env_file(tmp_path, monkeypatch):
    from claimsdb.settings import load_dotenv

    env = tmp_path / ".env"
    env.write_text("# comment\nCLAIMSDB_TEST_A=1\nCLAIMSDB_TEST_B='two'\n")
    monkeypatch.setenv("CLAIMSDB_TEST_A", "kept")
    monkeypatch.delenv("CLAIMSDB_TEST_B", raising=False)
    load_dotenv(env)
    import os

    assert os.environ["CLAIMSDB_TEST_A"] == "kept" and os.environ["CLAIMSDB_TEST_B"] == "two"
    monkeypatch.delenv("CLAIMSDB_TEST_B")


def test_production_start_without_secret_key_is_one_line():
    env = {"PATH": "/usr/bin:/bin", "CLAIMSDB_NO_DOTENV": "1", "DJANGO_SETTINGS_MODULE": "claimsdb.settings"}
    r = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert r.returncode != 0
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert lines == ["error: SECRET_KEY must be set when DEBUG is off (set it in the environment or in .env; "
                     "scripts/serve.sh writes a development .env)"], r.stderr
